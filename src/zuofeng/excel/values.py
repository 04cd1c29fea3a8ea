"""Record values as typed worksheet cells (the inverse of cells.parse_cell)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from openpyxl.cell.cell import Cell

from zuofeng.core.domain.catalogue import FieldSpec
from zuofeng.excel.columns import ITEMS_JOIN

DATE_FORMAT = "yyyy-mm-dd"


def cell_value(spec: FieldSpec | None, value: Any) -> Any:
    """What a cell holds for a record's value: dates, numbers, 是/否, joined lists."""
    if value is None or value == () or value == "":
        return None
    if spec is None:
        return str(value).strip() or None
    if spec.kind == "bool":
        return "是" if value else "否"
    if spec.kind == "list":
        return "、".join(value)
    if spec.kind == "objects":
        return "\n".join(ITEMS_JOIN.join(_item_part(item.get(sub)) for sub in spec.fields).rstrip(" |")
                         for item in value)
    return value


def _item_part(value: Any) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def set_cell(cell: Cell, value: Any) -> None:
    """Store a value; text is always text, never a formula (`=cmd|…` stays inert)."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    elif isinstance(value, dt.date):
        cell.number_format = DATE_FORMAT
