"""A validated record: typed values read by everything downstream."""

from __future__ import annotations

import dataclasses
import hashlib
import datetime as dt
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import AbstractSet, Any, Iterable, Mapping

_EMPTY: Mapping[str, int] = MappingProxyType({})
# What an output shows for a field naming a confidential record by its id (the pinyin of its title).
INTERNAL_RECORD = "一条内部记录"


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


def value_digest(record: Record) -> str:
    """A digest of every field of a record: the same for two loads of the same file (records compare by identity)."""
    text = repr([getattr(record, f.name) for f in dataclasses.fields(record)])
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def shown(records: Iterable[Record], internal: AbstractSet[str] = frozenset()) -> list[Record]:
    """The records an output may show: confidential ones left out, any field naming an `internal` id masked."""
    # Confidential records are counted, never shown; a field holding one's id (an amendment's target)
    # would spell its title in pinyin.
    return [_masked(record, internal) if internal else record for record in records if not record.confidential]


def _masked(record: Record, internal: AbstractSet[str]) -> Record:
    if not any(_names_internal(value, internal) for value in record.fields.values()):
        return record  # nearly every record: itself, nothing copied
    fields = {name: _mask(value, internal) for name, value in record.fields.items()}
    return dataclasses.replace(record, fields=MappingProxyType(fields))


def _names_internal(value: Any, internal: AbstractSet[str]) -> bool:
    """Whether a field's value is, or lists, an internal record's id."""
    if isinstance(value, str):
        return value.strip() in internal
    return isinstance(value, (list, tuple)) and any(isinstance(v, str) and v.strip() in internal for v in value)


def _mask(value: Any, internal: AbstractSet[str]) -> Any:
    if not _names_internal(value, internal):
        return value
    if isinstance(value, str):
        return INTERNAL_RECORD
    return type(value)(_mask(v, internal) for v in value)
