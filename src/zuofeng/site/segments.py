"""Chinese search segmentation, memoised: text unchanged since the last build is not re-cut.

Material's search plugin segments every section of every page with jieba on each build; under
`mkdocs serve` that repeats for every page after any edit. We wrap the one method it calls
(`SearchIndex._segment_chinese`) with a memo keyed by the text, kept in this module so it
survives rebuilds. Entries unused by a build are dropped at the next one, bounding memory.
"""

from __future__ import annotations

from typing import Any, Callable

_current: dict[str, str] = {}
_previous: dict[str, str] = {}
stats = {"hits": 0, "misses": 0}


def _memoised(original: Callable[[Any, str], str]) -> Callable[[Any, str], str]:
    def segment(self: Any, data: str) -> str:
        found = _current.get(data)
        if found is None:
            found = _previous.get(data)
            if found is None:
                stats["misses"] += 1
                found = original(self, data)
            else:
                stats["hits"] += 1
            _current[data] = found
        else:
            stats["hits"] += 1
        return found

    segment.__wrapped__ = original  # type: ignore[attr-defined]
    return segment


def start_build() -> None:
    """Install the memo once (if Material's search is present) and begin a new generation."""
    global _current, _previous
    try:
        from material.plugins.search.plugin import SearchIndex
    except ImportError:  # pragma: no cover - Material is a dependency
        return
    method = getattr(SearchIndex, "_segment_chinese", None)
    if method is not None and not hasattr(method, "__wrapped__"):
        SearchIndex._segment_chinese = _memoised(method)  # type: ignore[method-assign]
    if _current:
        _previous, _current = _current, {}
