"""Reading an .xlsx file into plain sheets of cell values, bounded, with a clear Chinese error when it cannot be."""

from __future__ import annotations

import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Callable, Iterator

from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import Stylesheet
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet._reader import CELL_TAG, FORMULA_TAG, ROW_TAG, WorkSheetParser
from openpyxl.xml.constants import ARC_STYLE, SHARED_STRINGS, SHEET_MAIN_NS
from openpyxl.xml.functions import fromstring, iterparse

from zuofeng.excel import limits as bounds
from zuofeng.excel.limits import MB, Limits

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SAVE_AS = "请在 Excel/WPS 中另存为 .xlsx"
OTHER_FORMATS = (".xls", ".ods", ".csv", ".et", ".numbers", ".xlsm", ".xlsb")
MERGE_CELL_TAG = f"{{{SHEET_MAIN_NS}}}mergeCell"
STRING_TAG = f"{{{SHEET_MAIN_NS}}}si"
TEXT_TAG = f"{{{SHEET_MAIN_NS}}}t"
RUN_TAG = f"{{{SHEET_MAIN_NS}}}r"
# Pictures and embedded files are never read: they count toward each part's limits, not the total.
UNREAD_PARTS = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".emf", ".wmf", ".bin", ".mp4")
SHEET_ROWS, SHEET_COLUMNS = 1_048_576, 16_384  # an open-ended merged range ("A:A") runs to Excel's edge


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


@dataclass
class _Package:
    """What the sheets are read against: the open archive, its sheets, shared-string part and date styles."""

    archive: zipfile.ZipFile
    sheets: list[tuple[str, str, str, bool]]  # name, state, part, is a chart sheet
    strings_part: str | None
    epoch: Any
    date_formats: set[int]
    timedelta_formats: set[int]


class _SharedStrings(list):  # type: ignore[type-arg]
    """The shared-string table; an index it does not hold reads as an unreadable cell, not an IndexError."""

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, int) and 0 <= index < len(self):
            return super().__getitem__(index)
        return Unreadable(f"单元格引用了共享字符串表中不存在的第 {index} 项：文件可能已损坏，{SAVE_AS}")


class _Parser(WorkSheetParser):  # type: ignore[misc]
    """openpyxl's sheet parser, telling a formula with no cached value from an empty cell."""

    def parse_cell(self, element: Any) -> dict[str, Any]:
        cell: dict[str, Any] = super().parse_cell(element)
        if cell["data_type"] == "e":
            cell["value"] = Unreadable(f"单元格为错误值 {cell['value']}")
        elif cell["value"] is None and element.find(FORMULA_TAG) is not None:
            cell["value"] = Unreadable("公式没有保存的计算结果：请在 Excel/WPS 中打开并保存，或改为直接填写数值")
        return cell


def read_workbook(path: Path, limits: Limits | None = None) -> list[Sheet]:
    """Every sheet of an .xlsx file, values only (cached formula results), within `limits`."""
    limits = limits or bounds.LIMITS
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
            with zipfile.ZipFile(path) as archive:
                _check_package(archive, limits)
            return _read(path, limits)
    except WorkbookError:
        raise
    except Exception as exc:  # openpyxl raises many kinds on a damaged package
        raise WorkbookError(f"文件已损坏或不是有效的 .xlsx 文件（{type(exc).__name__}）：{SAVE_AS}") from None


def _check_package(archive: zipfile.ZipFile, limits: Limits) -> None:
    """Refuse a package whose parts unpack too large or pack suspiciously tight, before unpacking any."""
    total = 0
    for info in archive.infolist():
        name, size = info.filename, info.file_size
        if size > limits.part_bytes:
            raise WorkbookError(f"工作簿中的“{name}”解压后超过上限 {limits.part_bytes // MB} MB")
        if size > limits.ratio_from and size > limits.ratio * max(info.compress_size, 1):
            raise WorkbookError(f"工作簿中的“{name}”的压缩比超过上限 {limits.ratio} 倍（疑为压缩炸弹）")
        if not name.lower().endswith(UNREAD_PARTS):
            total += size
    if total > limits.unpacked_bytes:
        raise WorkbookError(f"工作簿解压后超过上限 {limits.unpacked_bytes // MB} MB（共 {total / MB:,.0f} MB）")


def _open_package(path: Path) -> _Package:
    """The workbook part, its sheets and styles, read with openpyxl's package classes.

    This is the one place that leans on openpyxl's reader beyond `load_workbook`: its read-only
    worksheets scan a sheet unbounded when sizing it, and hide the shared-string table
    (`workbook.shared_strings` stays empty in read-only mode), so the sheets are read here instead.
    """
    reader = ExcelReader(str(path), read_only=True, data_only=True)
    try:
        reader.read_manifest()
        reader.read_workbook()
        sheets = [(sheet.name, sheet.state or "visible", rel.target, "chartsheet" in rel.Type)
                  for sheet, rel in reader.parser.find_sheets() if rel.target in reader.valid_files]
        strings = reader.package.find(SHARED_STRINGS)
        styles = Stylesheet.from_tree(fromstring(reader.archive.read(ARC_STYLE))) \
            if ARC_STYLE in reader.valid_files else None
    except BaseException:
        reader.archive.close()
        raise
    return _Package(reader.archive, sheets, strings.PartName[1:] if strings is not None else None, reader.wb.epoch,
                    styles.date_formats if styles else set(), styles.timedelta_formats if styles else set())


def _read(path: Path, limits: Limits) -> list[Sheet]:
    package = _open_package(path)
    with package.archive:
        strings = _read_strings(package, limits)
        budget = _Budget(limits)
        sheets = []
        for name, state, part, chart in package.sheets:
            sheet = Sheet(name, state != "visible")
            if not chart:  # chart sheets have no cells
                with package.archive.open(part) as source:
                    _SheetReader(sheet, package, strings, budget).read(source)
            sheets.append(sheet)
        return sheets


def _read_strings(package: _Package, limits: Limits) -> _SharedStrings:
    """The shared-string table (rich-text runs joined, phonetic runs left out), as openpyxl reads it."""
    strings = _SharedStrings()
    if package.strings_part is None or package.strings_part not in package.archive.namelist():
        return strings

    def too_complex(_: Any) -> str:
        return f"共享字符串第 {len(strings) + 1} 条的分段超过上限 {limits.cell_parts:,} 段"

    with package.archive.open(package.strings_part) as source:
        for event, element in _elements(source, STRING_TAG, limits, too_complex):
            if element.tag != STRING_TAG:
                continue
            if event == "start" and len(strings) >= limits.strings:
                raise WorkbookError(f"共享字符串超过上限 {limits.strings:,} 条")
            if event == "end":
                strings.append(_string_text(element))
    return strings


def _string_text(item: Any) -> str:
    """An <si>'s text: its <t>, or its rich-text runs' <t> joined; phonetic guides (<rPh>) left out."""
    parts = [child.text or "" if child.tag == TEXT_TAG else child.findtext(TEXT_TAG) or ""
             for child in item if child.tag in (TEXT_TAG, RUN_TAG)]
    return "".join(parts).replace("x005F_", "")  # as openpyxl reads it


def _elements(source: IO[bytes], whole: str, limits: Limits, too_complex: Callable[[Any], str]) -> Iterator[tuple[str, Any]]:
    """Start and end events of a part's XML, each element dropped once ended, so memory stays flat.

    An element tagged `whole` keeps its children (at most `limits.cell_parts`, any depth) until its end.
    """
    stack: list[Any] = []
    inside: Any = None
    count = 0
    for event, element in iterparse(source, events=("start", "end")):
        if event == "start":
            if len(stack) >= limits.depth:
                raise WorkbookError(f"XML 嵌套超过上限 {limits.depth} 层：文件已损坏或经过篡改，{SAVE_AS}")
            if inside is not None:
                count += 1
                if count > limits.cell_parts:
                    raise WorkbookError(too_complex(inside))
            else:
                if element.tag == whole:
                    inside, count = element, 0
                yield event, element
            stack.append(element)
            continue
        stack.pop()
        if element is inside:
            inside = None
        elif inside is not None:
            continue
        yield event, element
        if stack:
            stack[-1].remove(element)


class _Budget:
    """Cells read so far in the whole workbook."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.cells = 0


class _SheetReader:
    """One sheet's XML streamed into a Sheet, stopping as soon as a limit is passed."""

    def __init__(self, sheet: Sheet, package: _Package, strings: _SharedStrings, budget: _Budget) -> None:
        self.sheet, self.budget, self.limits = sheet, budget, budget.limits
        self.parser = _Parser(None, strings, data_only=True, epoch=package.epoch,
                              date_formats=package.date_formats, timedelta_formats=package.timedelta_formats)
        self.rows = 0
        self.row: dict[int, Any] = {}
        self.merged: list[tuple[int, int, int, int]] = []
        self.merged_cells = 0

    def read(self, source: IO[bytes]) -> None:
        """Fill the sheet's rows and merged ranges (cut to where values are)."""
        for event, element in _elements(source, CELL_TAG, self.limits, self._too_complex):
            if event == "start":
                self._start(element)
            elif element.tag == CELL_TAG:
                self._cell(element)
            elif element.tag == ROW_TAG:
                self._end_row()
            elif element.tag == MERGE_CELL_TAG:
                self._merge(element.get("ref") or "")
        self.sheet.merged = self._cut_merged()

    def _start(self, element: Any) -> None:
        if element.tag == ROW_TAG:
            self.rows += 1
            if self.rows > self.limits.rows:
                self._refuse(f"的行数超过上限 {self.limits.rows:,} 行")
            self.parser.row_counter = _row_number(element.get("r"), self.parser.row_counter)
            self.parser.col_counter = 0
            self.row = {}
        elif element.tag == CELL_TAG:
            self.budget.cells += 1
            if self.budget.cells > self.limits.cells:
                raise WorkbookError(f"工作簿的单元格数超过上限 {self.limits.cells:,} 个"
                                    f"（在工作表“{self.sheet.name}”第 {self.parser.row_counter} 行）")

    def _cell(self, element: Any) -> None:
        cell = self.parser.parse_cell(element)
        if cell["value"] is None:
            return
        if cell["column"] > self.limits.columns:
            where = element.get("r") or f"第 {cell['row']} 行第 {cell['column']} 列"
            self._refuse(f"的列数超过上限 {self.limits.columns:,} 列（{where} 有内容）")
        self.row[cell["column"]] = cell["value"]

    def _end_row(self) -> None:
        if any(not isinstance(v, str) or v.strip() for v in self.row.values()):
            self.sheet.rows[self.parser.row_counter] = self.row
        self.row = {}

    def _merge(self, ref: str) -> None:
        if len(self.merged) >= self.limits.merged_ranges:
            self._refuse(f"的合并单元格区域超过上限 {self.limits.merged_ranges:,} 个")
        low_col, low_row, high_col, high_row = range_boundaries(ref)
        box = (low_col or 1, low_row or 1, high_col or SHEET_COLUMNS, high_row or SHEET_ROWS)
        self.merged_cells += (box[2] - box[0] + 1) * (box[3] - box[1] + 1)
        if self.merged_cells > self.limits.merged_cells:
            self._refuse(f"的合并单元格合计超过上限 {self.limits.merged_cells:,} 格（{ref}）")
        self.merged.append(box)

    def _cut_merged(self) -> list[str]:
        """Merged ranges cut to the rows and columns that hold values: beyond them a range covers nothing."""
        if not self.sheet.rows:
            return []
        last_row = max(self.sheet.rows)
        last_column = max(c for cells in self.sheet.rows.values() for c in cells)
        cut = []
        for low_col, low_row, high_col, high_row in self.merged:
            if low_row <= last_row and low_col <= last_column:
                cut.append(_ref(low_col, low_row, min(high_col, last_column), min(high_row, last_row)))
        return cut

    def _too_complex(self, element: Any) -> str:
        where = f" {element.get('r')} " if element.get("r") else ""
        return f"工作表“{self.sheet.name}”的单元格{where}分段超过上限 {self.limits.cell_parts:,} 段"

    def _refuse(self, what: str) -> None:
        raise WorkbookError(f"工作表“{self.sheet.name}”{what}")


def _row_number(r: str | None, previous: int) -> int:
    """A <row>'s number as openpyxl counts it: its r attribute, or the one after the previous row."""
    if not r:
        return previous + 1
    number = float(r)
    if not number.is_integer():
        raise ValueError(f"{r} is not a valid row number")
    return int(number)


def _ref(low_col: int, low_row: int, high_col: int, high_row: int) -> str:
    return f"{get_column_letter(low_col)}{low_row}:{get_column_letter(high_col)}{high_row}"
