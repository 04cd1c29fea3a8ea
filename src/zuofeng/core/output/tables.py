"""Markdown and HTML tables of records and indicators (plain text layout, escaped)."""

from __future__ import annotations

import html
from typing import Callable, Iterable

from zuofeng.core.domain.catalogue import Catalogue
from zuofeng.core.domain.index import RecordIndex
from zuofeng.core.domain.indicators import Indicator, IndicatorValue, evaluate, previous_value
from zuofeng.core.domain.period import ReportPeriod
from zuofeng.core.domain.record import Record, shown
from zuofeng.core.report.reports import Report
from zuofeng.core.domain.wording import format_number, format_yoy
from zuofeng.core.domain.yearly import partial_note, year_columns


NO_DATA = "暂无数据"
NO_EARLIER = "上年无数据"
NO_DATA_NOTE = "暂无数据：台账中还没有记录，新增记录后这里按年份列出各项指标。"


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    escaped = html.escape(text, quote=False)
    for char in "\\`*_[]|#":
        escaped = escaped.replace(char, "\\" + char)
    return escaped.replace("\n", " ")


def records_table(records: Iterable[Record], catalogue: Catalogue) -> str:
    """Date, title and unit of every visible record; confidential ones are only counted."""
    records = list(records)
    visible = shown(records)
    hidden = len(records) - len(visible)
    rows = [f"| {r.date.isoformat()} | {cell(r.title)} | {cell(r.unit or '—')} |" for r in visible]
    if not rows:
        return "（无可公开的记录）"
    note = f"\n\n另有 {hidden} 条内部记录。" if hidden else ""
    return "| 日期 | 标题 | 单位 |\n|---|---|---|\n" + "\n".join(rows) + note


# An indicator's value over a period, as the HTML a page shows for it (a link to its figure page), or None: plain.
CellLink = Callable[[Indicator, ReportPeriod, int], "str | None"]


def indicator_table(index: RecordIndex, indicators: list[Indicator], reports: dict[int, Report],
                    link: CellLink | None = None) -> str:
    """Every indicator (rows) for every year of the ledger (columns); a partial year beside its 上年同期.

    `link(indicator, period, year)` may give a cell's linked figure (the site's 数字溯源).
    """
    columns: list[tuple[str, ReportPeriod, int, bool]] = []  # label, period, year, same period a year earlier
    if not index.years:
        return NO_DATA_NOTE
    for column in year_columns(index, reports):
        if column.partial and column.year - 1 in index.years:
            columns.append((column.same_period_label, column.period, column.year, True))
        columns.append((column.label, column.period, column.year, False))
    header = "| 指标 | " + " | ".join(label for label, *_ in columns) + " |\n|---|" + "---:|" * len(columns)
    rows = []
    for indicator in indicators:
        cells = []
        for _, period, year, earlier in columns:
            value = (previous_value(index, indicator, period) if earlier
                     else evaluate(index, indicator, period).value)
            linked = None
            if link is not None and value is not None and (not earlier or index.has_ledger(period.previous_year())):
                linked = link(indicator, period.previous_year() if earlier else period, year)
            cells.append("—" if value is None else linked or format_number(value))
        rows.append(f"| {cell(indicator.label)}（{indicator.unit}） | " + " | ".join(cells) + " |")
    note = partial_note(year_columns(index, reports))
    return header + "\n" + "\n".join(rows) + (f"\n\n{note}" if note else "")


def figure_cards(values: list[IndicatorValue], empty: bool = False, no_earlier: bool = False,
                 linked: list[tuple[str | None, str | None]] | None = None) -> str:
    """Key figures as HTML cards: label, value with unit, 同比 phrase.

    `empty`: the period holds no record yet (暂无数据, not 0); `no_earlier`: nothing to compare with
    (no earlier records, no baseline), said as 上年无数据 rather than left blank. `linked`: per card,
    the value and the 同比 as links to their figure pages (the site's 数字溯源), or None to print them plain.
    """
    cards = []
    for number_of, item in enumerate(values):
        indicator = item.indicator
        number = "—" if item.value is None else format_number(item.value)
        change = format_yoy(item.value, item.previous) if item.value is not None and item.previous is not None else ""
        if no_earlier and indicator.yoy and item.previous is None:
            change = NO_EARLIER
        value_link, change_link = linked[number_of] if linked else (None, None)
        number = value_link or number
        change = change_link if change_link and change and change != NO_EARLIER else change
        value = f'{NO_DATA}' if empty else f'{number}<small>{html.escape(indicator.unit)}</small>'
        cards.append(
            f'<div class="zf-card"><div class="zf-card-label">{html.escape(indicator.label)}</div>'
            f'<div class="zf-card-value">{value}</div>'
            f'<div class="zf-card-yoy">{change}</div></div>'
        )
    return '<div class="zf-cards">' + "".join(cards) + "</div>"
