"""Whether an imported row says the same as the record already in the ledger."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

from zuofeng.core.domain.catalogue import Catalogue
from zuofeng.core.domain.record import Record


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    if isinstance(value, (dict, MappingProxyType)):
        return {k: v for k, v in value.items() if k != "_line"}  # where an item sits is not content
    return value


def differences(catalogue: Catalogue, old: Record, new: Record) -> list[str]:
    """Labels of the fields (and 正文) whose values differ."""
    changed = [spec.label for name, spec in catalogue.fields_of(old.type).items()
               if name != "type" and _plain(old.value(name)) != _plain(new.value(name))]
    if old.body.strip() != new.body.strip():
        changed.append("正文")
    return changed
