"""What was made from a file, kept while its size and modification time stay the same.

`mkdocs serve` loads the whole ledger at every rebuild: a file is read again only when it
changed. The one place of that rule (records, frozen years' hashes).
"""

from __future__ import annotations

import os
from typing import Callable, Generic, TypeVar

T = TypeVar("T")


class FileMemo(Generic[T]):
    """Path → value made from the file, with the size and mtime_ns it had then."""

    def __init__(self) -> None:
        self._kept: dict[str, tuple[int, int, T]] = {}
        self.hits = 0
        self.misses = 0

    def get(self, path: str, make: Callable[[], T]) -> T:
        """The kept value while the file is unchanged, else `make()`; OSError when it cannot be stat'ed."""
        stat = os.stat(path)
        kept = self._kept.get(path)
        if kept is not None and kept[0] == stat.st_size and kept[1] == stat.st_mtime_ns:
            self.hits += 1
            return kept[2]
        self.misses += 1
        value = make()
        self._kept[path] = (stat.st_size, stat.st_mtime_ns, value)
        return value

    def clear(self) -> None:
        self._kept.clear()

    def __len__(self) -> int:
        return len(self._kept)
