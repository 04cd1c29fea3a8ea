"""Indicator charts as inline SVG (pygal): Chinese labels, no JavaScript, byte-stable output."""

from __future__ import annotations

import html
import re

import pygal
from pygal.style import Style

from zuofeng.core.domain.index import RecordIndex
from zuofeng.core.domain.indicators import Indicator, evaluate, previous_value
from zuofeng.core.report.reports import Report
from zuofeng.core.domain.wording import format_number
from zuofeng.core.domain.yearly import YearColumn, year_columns

_FONTS = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", sans-serif'
_STYLE = Style(
    background="transparent", plot_background="transparent", font_family=_FONTS,
    colors=("#c62828", "#1565c0", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f", "#5d4037"),
    label_font_size=13, major_label_font_size=13, legend_font_size=13, title_font_size=16, value_font_size=12,
)


def yearly_values(index: RecordIndex, indicator: Indicator, reports: dict[int, Report]) -> list[float | None]:
    """The indicator for each year of the ledger (a report's period where there is one)."""
    return [evaluate(index, indicator, column.period).value for column in year_columns(index, reports)]


def same_period_values(index: RecordIndex, indicator: Indicator, reports: dict[int, Report]) -> list[float | None]:
    """For each partial year, the same period a year earlier (None for whole years)."""
    return [previous_value(index, indicator, column.period) if column.partial else None
            for column in year_columns(index, reports)]


def _values_table(chart: pygal.Graph, table_id: str, title: str) -> str:
    """The chart's numbers as a table, hidden on screen, for screen readers and text-only reading."""
    head = "".join(f"<th scope=\"col\">{html.escape(str(label))}</th>" for label in chart.x_labels)
    rows = "".join(
        f"<tr><th scope=\"row\">{html.escape(options['title'])}</th>"
        + "".join(f"<td>{'—' if value is None else format_number(value)}</td>" for value in values)
        + "</tr>"
        for values, options in chart.raw_series)
    return (f'<table class="zf-visually-hidden" id="{table_id}"><caption>{html.escape(title)}</caption>'
            f"<tr><th scope=\"col\">指标</th>{head}</tr>{rows}</table>")


def _render(chart: pygal.Graph, chart_id: str, title: str) -> str:
    table = _values_table(chart, f"{chart_id}-values", title)
    svg = chart.render(is_unicode=True, disable_xml_declaration=True)
    # pygal names each chart with a random uuid; a stable id keeps builds byte-identical.
    svg = svg.replace(str(chart.uuid), chart_id)
    # Readable without JavaScript: drop pygal's inline config script and its comments.
    svg = re.sub(r"<script\b.*?</script>|<!--.*?-->", "", svg, flags=re.S)
    svg = re.sub(r">\s+<", "><", svg)
    # The picture is named for screen readers; its numbers are in the table it points to.
    return (f'<div class="zf-chart"><div role="img" aria-label="{html.escape(title)}" '
            f'aria-describedby="{chart_id}-values">{svg}</div>{table}</div>')


def _chart(kind: type[pygal.Graph], title: str, columns: list[YearColumn], height: int) -> pygal.Graph:
    chart = kind(
        title=title, style=_STYLE, js=[], width=720, height=height, disable_xml_declaration=True,
        print_values=kind is pygal.Bar, show_legend=kind is not pygal.Bar, legend_at_bottom=True,
        legend_at_bottom_columns=4, explicit_size=False, pretty_print=False, no_data_text="暂无数据",
    )
    # A partial year says so on its axis label: 2024年（1—11月）.
    chart.x_labels = [column.label for column in columns]
    return chart


def indicator_chart(index: RecordIndex, indicator: Indicator, reports: dict[int, Report]) -> str:
    """A bar chart of one indicator across all years."""
    title = f"{indicator.label}（{indicator.unit}）"
    columns = year_columns(index, reports)
    chart = _chart(pygal.Bar, title, columns, 300)
    chart.add(indicator.label, yearly_values(index, indicator, reports))
    if any(column.partial for column in columns):
        chart.show_legend = True
        chart.add("上年同期", same_period_values(index, indicator, reports))
    return _render(chart, f"zf-{indicator.key}", title)


def trend_chart(index: RecordIndex, indicators: list[Indicator], reports: dict[int, Report]) -> str:
    """A line chart of several indicators across all years; a partial year with each one's 上年同期 beside it."""
    title = "主要指标历年走势"
    columns = year_columns(index, reports)
    chart = _chart(pygal.Line, title, columns, 380)
    for indicator in indicators:
        chart.add(f"{indicator.label}（{indicator.unit}）", yearly_values(index, indicator, reports))
    if any(column.partial for column in columns):
        # Each 上年同期 point in its indicator's colour, dashed: like-for-like beside the partial year.
        colours = tuple(_STYLE.colors[n % len(_STYLE.colors)] for n in range(len(indicators)))
        chart.config.style = Style(**{**_STYLE.__dict__, "colors": colours * 2})
        chart.config.legend_at_bottom_columns = 3  # the longer 上年同期 names
        for indicator in indicators:
            chart.add(f"{indicator.label}（{indicator.unit}）上年同期", same_period_values(index, indicator, reports),
                      stroke_style={"dasharray": "4,3"}, dots_size=5)
    return _render(chart, "zf-trend", title)
