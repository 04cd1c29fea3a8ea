"""mkdocs-macros module: report macros answered from the zuofeng index."""

from __future__ import annotations

from typing import Any


def define_env(env: Any) -> None:
    """Register the report macros (filled in by the report adapter)."""
