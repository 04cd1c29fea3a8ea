"""Whether an imported row says the same as the record already in the ledger, and what it would change."""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from zuofeng.core.domain.catalogue import Catalogue, FieldSpec
from zuofeng.core.domain.record import Record
from zuofeng.excel.columns import BODY_LABEL
from zuofeng.excel.values import cell_value

EMPTY = "（空）"
SHOWN_MAX = 40  # characters of a value quoted in a change (a body may be pages long)


@dataclass(frozen=True)
class Change:
    """One field an update would change: its label, the value now and the value after."""

    label: str
    old: str
    new: str

    def __str__(self) -> str:
        return f"{self.label}：{self.old} → {self.new}"


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    if isinstance(value, (dict, MappingProxyType)):
        return {k: v for k, v in value.items() if k != "_line"}  # where an item sits is not content
    return value


def changes(catalogue: Catalogue, old: Record, new: Record) -> list[Change]:
    """The fields (and 正文) whose values differ, each with its old and new value as a cell shows it."""
    found = [Change(spec.label, _shown(spec, old.value(name)), _shown(spec, new.value(name)))
             for name, spec in catalogue.fields_of(old.type).items()
             if name != "type" and _plain(old.value(name)) != _plain(new.value(name))]
    if old.body.strip() != new.body.strip():
        found.append(Change(BODY_LABEL, _shown(None, old.body), _shown(None, new.body)))
    return found


def _shown(spec: FieldSpec | None, value: Any) -> str:
    value = cell_value(spec, _plain(value))
    if value is None:
        return EMPTY
    text = " / ".join(line.strip() for line in str(value).splitlines() if line.strip())
    return text if len(text) <= SHOWN_MAX else text[:SHOWN_MAX] + "…"
