"""Charts carry a text alternative: a name, and their numbers in a table a screen reader reads."""

from __future__ import annotations

import re

from tests.conftest import REPO
from zuofeng.core.domain.indicators import load_indicators
from zuofeng.core.domain.wording import format_number
from zuofeng.core.output import charts
from zuofeng.core.project import Settings, load_ledger
from zuofeng.core.report.reports import load_reports


def test_each_chart_names_itself_and_lists_its_values() -> None:
    settings = Settings.load(REPO)
    reports, _ = load_reports(settings.reports_dir, settings.root)
    index = load_ledger(settings).index
    indicator = load_indicators()[0]
    bar = charts.indicator_chart(index, indicator, reports)
    assert re.search(r'role="img" aria-label="[^"]+" aria-describedby="zf-' + indicator.key + '-values"', bar)
    table = bar[bar.index('<table'):]
    assert 'id="zf-' + indicator.key + '-values"' in table and "zf-visually-hidden" in table
    for value in charts.yearly_values(index, indicator, reports):
        assert f"<td>{format_number(value) if value is not None else '—'}</td>" in table
    assert "2024年（1—11月）" in table and "上年同期" in table
    trend = charts.trend_chart(index, load_indicators()[:3], reports)
    # Each indicator's row, and its 上年同期 row beside the partial year 2024（1—11月）.
    assert trend.count("<tr>") == 1 + 3 * 2 and 'aria-describedby="zf-trend-values"' in trend
