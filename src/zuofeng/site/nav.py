"""Navigation: a nav entry pointing at a listing page becomes a section with generated children."""

from __future__ import annotations

from typing import Any


def expand_nav(nav: Any, anchor: str, children: list[Any]) -> Any:
    """Replace the entry `{title: anchor}` (at any depth) by `{title: [anchor, *children]}`."""
    if not isinstance(nav, list):
        return nav
    expanded = []
    for item in nav:
        if isinstance(item, dict) and len(item) == 1:
            (title, value), = item.items()
            expanded.append({title: [anchor, *children] if value == anchor else expand_nav(value, anchor, children)})
        else:
            expanded.append(item)
    return expanded
