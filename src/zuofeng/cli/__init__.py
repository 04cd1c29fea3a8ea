"""The `zuofeng` command line."""

from __future__ import annotations

import os
import sys


def console() -> None:
    """Console script entry point: Ctrl+C at any moment, start-up imports included, ends quietly."""
    try:
        from zuofeng.cli.main import main

        code = main()
    except KeyboardInterrupt:
        sys.stderr.write("zuofeng: 已中断\n")
        code = 130
    except BrokenPipeError:
        # The reader went away (`zuofeng stats --explain | head`): stop quietly, as the shell's own tools do.
        _silence_stdout()
        code = 141
    sys.exit(code)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush meets no closed pipe."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
