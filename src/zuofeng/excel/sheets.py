"""Which sheets of a workbook hold which record type."""

from __future__ import annotations

from dataclasses import dataclass, field

from zuofeng.core.domain.catalogue import Catalogue
from zuofeng.excel.columns import AUX_SHEETS, normalise, type_for_sheet
from zuofeng.excel.reader import Sheet


@dataclass
class Selection:
    """Sheets to import (position, sheet, type key) and notes on the sheets left alone."""

    chosen: list[tuple[int, Sheet, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def select_sheets(catalogue: Catalogue, sheets: list[Sheet], type_key: str | None) -> Selection:
    """Sheets named after a record type (label or key); with --type, also sheets named after none.

    A hidden sheet is imported only when its name is a record type's: a clerk may hide a
    finished month, but a hidden scratch sheet is never read as data.
    """
    selection = Selection()
    skipped = []
    for order, sheet in enumerate(sheets):
        named = type_for_sheet(catalogue, sheet.name)
        if type_key is None:
            key = named
        elif named == type_key:
            key = type_key
        elif named is None and not sheet.hidden and normalise(sheet.name) not in {normalise(n) for n in AUX_SHEETS}:
            key = type_key
        else:
            key = None
        if key is None:
            if normalise(sheet.name) not in {normalise(n) for n in AUX_SHEETS}:
                skipped.append(sheet.name)
            continue
        selection.chosen.append((order, sheet, key))
        if sheet.hidden:
            selection.notes.append(f"隐藏的工作表“{sheet.name}”按{catalogue.label(key)}导入")
    if skipped and selection.chosen:
        selection.notes.append(f"未导入的工作表：{'、'.join(skipped)}（名称不是记录类型）")
    return selection
