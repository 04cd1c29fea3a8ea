"""The year's ledger as a workbook: the template's layout, typed cells, breaches marked, a 汇总 sheet."""

from __future__ import annotations

from collections import defaultdict

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from zuofeng.core.archive.freeze import public_records
from zuofeng.core.domain.indicators import evaluate, load_indicators
from zuofeng.core.domain.period import ReportPeriod
from zuofeng.core.project import Ledger
from zuofeng.core.domain.record import Record
from zuofeng.core.domain.rules import Breach, source_note
from zuofeng.excel.columns import BODY, SUMMARY_SHEET, Column, columns_for, sheet_title
from zuofeng.excel.package import workbook_bytes
from zuofeng.excel.template import HEADER_FONT, ROWS, write_header
from zuofeng.excel.values import cell_value, set_cell

INTERNAL = "内部"
BREACH_FILL = PatternFill("solid", fgColor="FFEB9C")


def ledger_bytes(ledger: Ledger, year: int, period: ReportPeriod, type_key: str | None, internal: bool) -> bytes:
    """The .xlsx ledger of a year; confidential records, and any cell naming one, only when `internal`."""
    # An amendment of a confidential record names it by id, the pinyin of its title: masked as on the site.
    everything = ledger.index.records if internal else public_records(ledger.index.records)
    records = [r for r in everything if r.year == year]
    by_type: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        by_type[record.type].append(record)
    keys = [type_key] if type_key else [k for k in ledger.catalogue.types if by_type.get(k)]
    breaches: dict[str, list[Breach]] = defaultdict(list)
    for breach in ledger.breaches:
        breaches[breach.record.id].append(breach)
    workbook = Workbook()
    summary = workbook.active
    summary.title = SUMMARY_SHEET
    _summary(summary, ledger, year, period, internal)
    for key in keys:
        sheet = workbook.create_sheet(sheet_title(ledger.catalogue, key))
        _records_sheet(sheet, columns_for(ledger.catalogue, key), by_type.get(key, []), breaches)
    if internal:
        for sheet in workbook.worksheets:
            sheet.oddHeader.center.text = INTERNAL
            sheet.oddFooter.center.text = f"{INTERNAL}　第 &P 页"
        workbook.properties.category = INTERNAL
    title = f"{year}年作风建设台账" + (f"（{INTERNAL}）" if internal else "")
    return workbook_bytes(workbook, title=title, keywords=INTERNAL if internal else "")


def _records_sheet(sheet: Worksheet, columns: list[Column], records: list[Record],
                   breaches: dict[str, list[Breach]]) -> None:
    write_header(sheet, columns, max(ROWS, len(records)))
    position = {c.key: n for n, c in enumerate(columns, start=1)}
    for row, record in enumerate(records, start=2):
        for number, column in enumerate(columns, start=1):
            value = record.body if column.key == BODY else record.value(column.key)
            set_cell(sheet.cell(row=row, column=number), cell_value(column.spec, value))
        for breach in breaches.get(record.id, ()):
            cell = sheet.cell(row=row, column=position.get(breach.rule.field or "title", position["title"]))
            cell.fill = BREACH_FILL
            text = f"{breach.rule.label}：{breach.message}{source_note(breach.rule)}"
            cell.comment = Comment(f"{cell.comment.text}\n{text}" if cell.comment else text, "zuofeng")


def _summary(sheet: Worksheet, ledger: Ledger, year: int, period: ReportPeriod, internal: bool) -> None:
    sheet.append([f"{year}年作风建设台账汇总（统计期：{period}）"])
    sheet.append([])
    sheet.append(["记录类型", "条数", "其中内部记录"])
    for key, record_type in ledger.catalogue.types.items():
        records = ledger.index.in_period(key, period)
        hidden = sum(1 for r in records if r.confidential)
        sheet.append([record_type.label, len(records), hidden])
    sheet.append([])
    sheet.append(["报告指标", "数值", "单位"])
    for indicator in load_indicators():
        value = evaluate(ledger.index, indicator, period).value
        sheet.append([indicator.label, None if value is None else value, indicator.unit])
    if not internal:
        sheet.append([])
        sheet.append(["条数含内部记录；内部记录的明细不在本文件中。"])
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value in ("记录类型", "报告指标") or cell.row == 1:
                for other in row:
                    other.font = HEADER_FONT
    sheet.column_dimensions["A"].width = 36
    sheet.column_dimensions["B"].width = 10
    sheet.column_dimensions["C"].width = 14
