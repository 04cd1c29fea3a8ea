"""A sheet's rows read against a record type's columns: header found, cells typed, problems named."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import range_boundaries

from zuofeng.core.input.validate import FieldError
from zuofeng.excel.cells import is_empty, parse_cell, quoted
from zuofeng.excel.columns import BODY, Column, header_names, normalise
from zuofeng.excel.problems import CellProblem
from zuofeng.excel.reader import Sheet, Unreadable

HEADER_SEARCH = 10  # a title or a group header may sit above the header row


@dataclass(frozen=True)
class Row:
    """One data row: YAML-ready field values, the body, and where each field's cell is."""

    sheet: str
    number: int
    values: dict[str, Any]
    body: str
    cells: dict[str, int]  # field → column number


@dataclass
class SheetRows:
    rows: list[Row] = field(default_factory=list)
    problems: list[CellProblem] = field(default_factory=list)


def read_rows(file: str, order: int, sheet: Sheet, columns: list[Column], unit: str | None) -> SheetRows:
    """Every non-empty row below the header, typed; every problem, one per cell."""
    result = SheetRows()

    def problem(row: int, column: int, message: str) -> None:
        result.problems.append(CellProblem(order, row, column, file, sheet.name, message))

    if not sheet.rows:
        return result
    names = header_names(columns)
    header_row = _header_row(sheet, names)
    if header_row is None:
        problem(0, 0, f"找不到表头行（前 {HEADER_SEARCH} 行中应有“日期”“标题”等列名）")
        return result
    _fill_merged(sheet, header_row)
    by_column: dict[int, Column] = {}
    seen: dict[str, int] = {}
    data_columns = {c for n, cells in sheet.rows.items() if n > header_row for c in cells}
    for number, text in sorted(sheet.rows[header_row].items()):
        column = names.get(normalise(str(text))) if not isinstance(text, Unreadable) else None
        if column is None:
            if number in data_columns:
                problem(header_row, number, f"未知的列 {quoted(text)}（可用列名：{'、'.join(c.label for c in columns)}）")
        elif column.key in seen:
            problem(header_row, number, f"列 {quoted(text)} 与第 {seen[column.key]} 列重复")
        else:
            seen[column.key] = number
            by_column[number] = column
    for number in sorted(data_columns - set(sheet.rows[header_row])):
        row = min(n for n, cells in sheet.rows.items() if n > header_row and number in cells)
        problem(row, number, "该列没有表头：请填写列名，或删除这一列的内容")
    where = {column.key: n for n, column in by_column.items()}
    for number, cells in sorted(sheet.rows.items()):
        if number > header_row:
            row = _row(sheet.name, number, cells, by_column, where, unit, problem)
            if row is not None:
                result.rows.append(row)
    return result


def _header_row(sheet: Sheet, names: dict[str, Column]) -> int | None:
    for number in sorted(sheet.rows)[:HEADER_SEARCH]:
        hits = sum(1 for v in sheet.rows[number].values() if isinstance(v, str) and normalise(v) in names)
        if hits >= 2:
            return number
    return None


def _fill_merged(sheet: Sheet, header_row: int) -> None:
    """A merged cell's value belongs to every cell it covers: downwards, and sideways only into columns
    with a header of their own (a header merged over two columns names the first; data merged the same
    way belongs to it). The reader has cut every range to where values are."""
    named = set(sheet.rows[header_row])
    for ref in sheet.merged:
        low_col, low_row, high_col, high_row = range_boundaries(ref)
        value = sheet.rows.get(low_row, {}).get(low_col)
        if value is None:
            continue
        columns = [c for c in range(low_col, high_col + 1) if c == low_col or c in named]
        for number in range(low_row, high_row + 1):
            for column in columns:
                if column == low_col or number > header_row:
                    sheet.rows.setdefault(number, {})[column] = value


def _row(sheet: str, number: int, cells: dict[int, Any], by_column: dict[int, Column], where: dict[str, int],
         unit: str | None, problem: Any) -> Row | None:
    values: dict[str, Any] = {}
    body = ""
    ok = True
    for column_number, value in sorted(cells.items()):
        column = by_column.get(column_number)
        if column is None or is_empty(value):
            continue
        if isinstance(value, Unreadable):
            problem(number, column_number, value.reason)
            ok = False
        elif column.spec is None:
            body = str(value).strip()
        else:
            try:
                values[column.key] = parse_cell(column.spec, value)
            except FieldError as exc:
                problem(number, column_number, f"{column.label}{exc}")
                ok = False
    if unit and "unit" not in values:
        values["unit"] = unit
    return Row(sheet, number, values, body, where) if ok else None
