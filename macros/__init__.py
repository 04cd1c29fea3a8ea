"""mkdocs-macros module: the office's own macros and variables, if it adds any.

The report macros (count, yoy, about …) come from the zuofeng plugin: it renders every report
page (and every page with `render_macros: true`) once, in Jinja's sandbox, before mkdocs-macros
sees it, and marks the page `render_macros: false` so that it is not rendered again. Macros and
variables registered here are offered to those pages too; filters are not.
"""

from __future__ import annotations

from typing import Any


def define_env(env: Any) -> None:
    """Register the office's own macros with `env.macro(function)` (none yet)."""
