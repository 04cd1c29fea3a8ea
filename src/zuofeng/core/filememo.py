"""What was made from a file, kept while its size and modification time stay the same.

`mkdocs serve` loads the whole ledger at every rebuild: a file is read again only when it
changed. The one place of that rule (records, frozen years' hashes).

The memo rule of the project, and where each memo or cache lives:

- A memo's key is its inputs: a digest of them, or the values themselves compared with `==`.
  Identity (`is`) is at most a fast path inside one class, never what a layer promises another.
- This class is the one place that trusts a file's size and modification time.
- Every memo is bounded, or pruned to what the last build (or load) asked for.

Core: `FileMemo` (here; records parsed, frozen years' hashes; pruned per load), `LoadCache`
(input/loader.py; emptied when the catalogue or date range differs), `BreachMemo`
(domain/rules.py; per record, by its value; rules and catalogue by value; pruned per call),
`RecordIndex.select` (domain/index.py; query arguments, per index, bounded), `_compile` and
`names_used` (report/render.py; template text, bounded), `_dump_scalar` (input/template.py;
value, bounded). Site: `ServeSession` (site/session.py) holds the serve session's memos —
`SameInputs` and `RecordKeys` (incremental.py; by key and by the very input objects, pruned per
build), `Incremental`'s page keys (digests), `CompiledTemplates` (Jinja checks each template's
source checksum; cleared by a full build), `SegmentMemo` (segments.py; the text, two builds),
`LastUpdated` (git HEAD), search entries (by URL, pruned per build). `SiteBuild` (site/build.py)
holds one build's: `ReportRenders` (rendered.py; a report's one render), charts, figure pages.
`IndexPages` (pagefind_index.py; a search entry by value, pruned per run), `_base_path`
(seams.py; bounded), jieba's user words (search.py; by the dictionary's text, once per process).
"""

from __future__ import annotations

import os
from typing import Callable, Generic, TypeVar

T = TypeVar("T")


class FileMemo(Generic[T]):
    """Path → value made from the file, with the size and mtime_ns it had then."""

    def __init__(self) -> None:
        self._kept: dict[str, tuple[int, int, T]] = {}
        self._asked: set[str] = set()
        self.hits = 0
        self.misses = 0

    def get(self, path: str, make: Callable[[], T]) -> T:
        """The kept value while the file is unchanged, else `make()`; OSError when it cannot be stat'ed."""
        self._asked.add(path)
        stat = os.stat(path)
        kept = self._kept.get(path)
        if kept is not None and kept[0] == stat.st_size and kept[1] == stat.st_mtime_ns:
            self.hits += 1
            return kept[2]
        self.misses += 1
        value = make()
        self._kept[path] = (stat.st_size, stat.st_mtime_ns, value)
        return value

    def prune(self) -> None:
        """Forget the files not asked for since the last prune (removed or renamed ones)."""
        for path in self._kept.keys() - self._asked:
            del self._kept[path]
        self._asked = set()

    def clear(self) -> None:
        self._kept.clear()
        self._asked = set()

    def __len__(self) -> int:
        return len(self._kept)
