"""Reading an .xlsx file into plain sheets of cell values, with a clear Chinese error when it cannot be."""

from __future__ import annotations

import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SAVE_AS = "请在 Excel/WPS 中另存为 .xlsx"
OTHER_FORMATS = (".xls", ".ods", ".csv", ".et", ".numbers", ".xlsm", ".xlsb")


class WorkbookError(Exception):
    """The file cannot be read as a workbook; the message is Chinese."""


@dataclass(frozen=True)
class Unreadable:
    """A cell whose value cannot be used: a formula without a saved result, or an error value."""

    reason: str


@dataclass
class Sheet:
    """One worksheet: its name, visibility, non-empty rows (number → {column: value}) and merged ranges."""

    name: str
    hidden: bool
    rows: dict[int, dict[int, Any]] = field(default_factory=dict)
    merged: list[str] = field(default_factory=list)


class _Parser(WorkSheetParser):  # type: ignore[misc]
    """openpyxl's sheet parser, telling a formula with no cached value from an empty cell."""

    def parse_cell(self, element: Any) -> dict[str, Any]:
        cell: dict[str, Any] = super().parse_cell(element)
        if cell["data_type"] == "e":
            cell["value"] = Unreadable(f"单元格为错误值 {cell['value']}")
        elif cell["value"] is None and element.find(FORMULA_TAG) is not None:
            cell["value"] = Unreadable("公式没有保存的计算结果：请在 Excel/WPS 中打开并保存，或改为直接填写数值")
        return cell


def read_workbook(path: Path) -> list[Sheet]:
    """Every sheet of an .xlsx file, values only (cached formula results)."""
    if path.suffix.lower() in OTHER_FORMATS:
        raise WorkbookError(f"不支持 {path.suffix} 格式，{SAVE_AS}")
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise WorkbookError(f"无法读取文件（{exc.strerror or exc}）") from None
    if head == OLE_MAGIC:
        raise WorkbookError(f"文件设有打开密码，或是旧版 .xls 格式：{SAVE_AS}（不设密码）")
    if not zipfile.is_zipfile(path):
        raise WorkbookError(f"不是 Excel .xlsx 文件（可能是其他格式改了扩展名）：{SAVE_AS}")
    try:
        with warnings.catch_warnings():
            # WPS and Excel extensions openpyxl does not know only cost formatting, not values.
            warnings.simplefilter("ignore")
            return _read(path)
    except WorkbookError:
        raise
    except Exception as exc:  # openpyxl raises many kinds on a damaged package
        raise WorkbookError(f"文件已损坏或不是有效的 .xlsx 文件（{type(exc).__name__}）：{SAVE_AS}") from None


def _read(path: Path) -> list[Sheet]:
    workbook = load_workbook(path, read_only=True, data_only=True)
    try:
        sheets = []
        for worksheet in workbook.worksheets:
            sheet = Sheet(worksheet.title, worksheet.sheet_state != "visible")
            if hasattr(worksheet, "_get_source"):  # chart sheets have no cells
                _fill(sheet, worksheet, workbook)
            sheets.append(sheet)
        return sheets
    finally:
        workbook.close()


def _fill(sheet: Sheet, worksheet: Any, workbook: Any) -> None:
    with worksheet._get_source() as source:
        parser = _Parser(source, workbook.shared_strings, data_only=True, epoch=workbook.epoch,
                         date_formats=workbook._date_formats, timedelta_formats=workbook._timedelta_formats)
        for number, cells in parser.parse():
            values = {c["column"]: c["value"] for c in cells if c["value"] is not None}
            if any(not isinstance(v, str) or v.strip() for v in values.values()):
                sheet.rows[number] = values
        if parser.merged_cells is not None:
            sheet.merged = [str(m.ref) for m in parser.merged_cells.mergeCell]
