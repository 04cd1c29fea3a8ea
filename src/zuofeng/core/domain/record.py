"""A validated record: typed values read by everything downstream."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping

_EMPTY: Mapping[str, int] = MappingProxyType({})


@dataclass(frozen=True, eq=False)
class Record:
    """One ledger entry: common fields as attributes, type-specific ones in `fields`."""

    id: str  # path below records/ without .md, e.g. 2023/meeting/2023-03-14-changwu
    path: str  # path as shown to users, e.g. records/2023/meeting/2023-03-14-changwu.md
    type: str
    date: dt.date
    title: str
    unit: str | None
    tags: tuple[str, ...]
    confidential: bool
    fields: Mapping[str, Any]
    body: str
    body_line: int
    lines: Mapping[str, int] = field(default_factory=lambda: _EMPTY)

    @property
    def year(self) -> int:
        return int(self.id.split("/", 1)[0])

    @property
    def slug(self) -> str:
        return self.id.rsplit("/", 1)[1]

    def value(self, name: str) -> Any:
        """The value of any field, common or type-specific (None when absent)."""
        if name in ("type", "date", "title", "unit", "tags", "confidential"):
            return getattr(self, name)
        return self.fields.get(name)

    def line_of(self, name: str) -> int:
        """Line of a field in the file (1 when unknown)."""
        return self.lines.get(name, 1)
