"""The `zuofeng` command line."""

from __future__ import annotations

import sys


def console() -> None:
    """Console script entry point: Ctrl+C at any moment, start-up imports included, ends quietly."""
    try:
        from zuofeng.cli.main import main

        code = main()
    except KeyboardInterrupt:
        sys.stderr.write("zuofeng: 已中断\n")
        code = 130
    sys.exit(code)
