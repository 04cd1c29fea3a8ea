"""Chinese search segmentation, memoised: text unchanged since the last build is not re-cut.

Material's search plugin segments every section of every page with jieba on each build; under
`mkdocs serve` that repeats for every page after any edit. Private seam (seams.py): we wrap the one method
it calls, `SearchIndex._segment_chinese`, on the build's index object (not the class), with a
memo keyed by the text that the zuofeng plugin keeps across rebuilds. Entries unused by a build
are dropped at the next one, bounding memory. Should Material rename the method, nothing is
wrapped and search segments as before (tests/test_build_cache.py notices).
"""

from __future__ import annotations

from typing import Any, Callable

from zuofeng.site import seams


class SegmentMemo:
    """Segmented text of this build and of the one before it."""

    def __init__(self) -> None:
        self.current: dict[str, str] = {}
        self.previous: dict[str, str] = {}
        self.stats = {"hits": 0, "misses": 0}

    def start_build(self, search_plugin: Any) -> None:
        """Begin a new generation and wrap this build's Material search index, if it has one."""
        if self.current:
            self.previous, self.current = self.current, {}
        seams.wrap_search_segmenter(search_plugin, self.wrap)

    def wrap(self, original: Callable[[str], str]) -> Callable[[str], str]:
        """A segmenting function that reuses this memo (Material's or the Pagefind index's jieba cut)."""
        def segment(data: str) -> str:
            found = self.current.get(data)
            if found is None:
                found = self.previous.get(data)
                if found is None:
                    self.stats["misses"] += 1
                    found = original(data)
                else:
                    self.stats["hits"] += 1
                self.current[data] = found
            else:
                self.stats["hits"] += 1
            return found

        segment.__wrapped__ = original  # type: ignore[attr-defined]
        return segment
