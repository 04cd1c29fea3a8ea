"""A partial year in the charts stands beside the same period a year earlier, as in the indicator table."""

from __future__ import annotations

import html
import re

from tests.conftest import REPO
from zuofeng.core.domain.indicators import load_indicators
from zuofeng.core.domain.wording import format_number
from zuofeng.core.output import charts
from zuofeng.core.project import Settings, load_ledger
from zuofeng.core.report.reports import load_reports


def _rows(chart: str) -> dict[str, list[str]]:
    """The hidden value table of a chart: row title → its cells."""
    table = chart[chart.index("<table"):]
    return {html.unescape(title): cells for title, cells in
            ((m.group(1), re.findall(r"<td>(.*?)</td>", m.group(2)))
             for m in re.finditer(r'<tr><th scope="row">(.*?)</th>(.*?)</tr>', table))}


def _example() -> tuple:
    settings = Settings.load(REPO)
    reports, _ = load_reports(settings.reports_dir, settings.root)
    return load_ledger(settings).index, reports


def test_the_trend_chart_shows_each_key_figures_same_period_beside_the_partial_year() -> None:
    index, reports = _example()
    key_figures = [i for i in load_indicators() if i.key_figure]
    trend = charts.trend_chart(index, key_figures, reports)
    rows = _rows(trend)
    assert trend.count("<tr>") == 1 + 2 * len(key_figures)
    for indicator in key_figures:
        earlier = rows[f"{indicator.label}（{indicator.unit}）上年同期"]
        expected = ["—" if v is None else format_number(v) for v in charts.same_period_values(index, indicator, reports)]
        assert earlier == expected
    research = rows["调研（次）上年同期"]
    assert research[-1] == "117" and rows["调研（次）"][-1] == "104"  # 1—11月 beside 1—11月: −11.1%
    assert "2024年（1—11月）" in trend


def test_an_indicator_chart_keeps_its_same_period_bar_and_table_row() -> None:
    index, reports = _example()
    research = next(i for i in load_indicators() if i.label == "调研")
    rows = _rows(charts.indicator_chart(index, research, reports))
    assert rows["上年同期"][-1] == "117" and rows["调研"][-1] == "104"
