"""What was made from a file, kept while its size and modification time stay the same.

`mkdocs serve` loads the whole ledger at every rebuild: a file is read again only when it
changed. The one place of that rule (records, frozen years' hashes).

The memo rule of the project, and where each memo or cache lives:

- A memo's key is its inputs: a digest of them, or the values themselves compared with `==`.
  Identity (`is`) is at most a fast path inside one class, never what a layer promises another.
- This class is the one place that trusts a file's size and modification time.
- Every memo is bounded, or pruned to what the last build (or load) asked for.

Every memo, its key and how it is bounded:

- core/filememo.py `FileMemo`: path, size and mtime (records parsed, frozen years' hashes); pruned per load.
- core/input/loader.py `LoadCache`: emptied when the catalogue or date range differs (by value).
- core/domain/rules.py `BreachMemo`: a record's `value_digest`, the rules and catalogue by value; per load.
- core/domain/rules.py `_rules_in`, `_words_in`: the rules file's text; `_expression`, `_message`:
  a rule's expression or message text; bounded (lru).
- core/domain/index.py `RecordIndex.select`: query arguments; one index per load, bounded (lru).
  `RecordIndex.derived` (the notices): made once per index, that is per load. `RecordIndex.shown`:
  each record as outputs show it (masked), made once per index.
- core/report/macros.py `ReportMacros.functions`: a call's answer by its name and plain, typed
  arguments; one binding (a report's render, an audit page).
- core/report/render.py `_compile`, `names_used`, `captures_output`: template text; bounded (lru).
- core/input/template.py `_dump_scalar`: the value; bounded (lru).
- site/session.py `ServeSession`, kept across serve's builds:
  `SameInputs` (incremental.py): key and inputs by value (keys `==`, records by digest); a page,
  `Browse` or `LastUpdated`'s dates still by identity; pruned per build, emptied by a full one.
  `RecordKeys`: a digest per record (the same object its fast path). `Incremental`: page keys and
  link targets by digest. `CompiledTemplates`: Jinja checks each template's source checksum;
  emptied by a full build. `SegmentMemo` (segments.py): the text; this build's and the last.
  `LastUpdated`: git HEAD. Search entries: by URL, pruned per build.
- site/report_pages.py `ReportPages`, one build: `ReportRenders` (rendered.py, a report's one render),
  charts, figure pages, renders. Page renders and Word files kept across serve's builds are keyed
  by digests of what they are made of (`_render_once`, `report_version`; figure pages:
  `_kept_figure_markdown`, the trace with its records' keys).
- site/rows.py `TableRows`: a row's HTML by its Markdown line, per page; `KeptRows`: a listing
  row's Markdown by its record's key, table folder and form; both pruned of pages or records
  gone, emptied by a full build.
- site/downloads.py `WordJob`: nothing kept; the Word files it makes go into `SameInputs`.
- site/pagefind_index.py `IndexPages`: a search entry by value; pruned per run.
- site/seams.py `_base_path`: bounded (lru). site/search.py jieba's words: the dictionary's text.
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
