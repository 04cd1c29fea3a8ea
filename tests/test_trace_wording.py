"""Working texts in the right unit and with every filter: 件 for documents, both filters of a sum, a breaches' rule."""

from __future__ import annotations

from typing import Callable

import pytest

from tests.conftest import REPO, CliResult
from zuofeng.core.domain.indicators import load_indicators
from zuofeng.core.project import Settings, load_ledger
from zuofeng.core.report.explain import report_figures
from zuofeng.core.report.macros import ReportMacros, bind
from zuofeng.core.report.reports import load_reports


@pytest.fixture(scope="module")
def macros() -> ReportMacros:
    ledger = load_ledger(Settings.load(REPO))
    reports, _ = load_reports(REPO / "docs/reports", REPO)
    return bind(ledger, reports, load_indicators(), 2024, traced=True)


def test_units_come_from_the_indicators(macros: ReportMacros) -> None:
    assert macros.yoy("document").trace.working() == "64 件，上年同期（2023-01-01—2023-11-30）72 件，同比减少11.1%"
    assert macros.yoy("meeting").trace.working() == "33 次，上年同期（2023-01-01—2023-11-30）37 次，同比减少10.8%"
    assert macros.about(macros.count("document")).trace.working().endswith("：64 件")


def test_a_sum_names_both_filters(macros: ReportMacros) -> None:
    both = macros.count("meeting", kind="党组会议") + macros.count("meeting", kind="廉政工作会议")
    assert both.trace.conditions() == "kind=党组会议 + kind=廉政工作会议"
    working = both.trace.working()
    assert "会议（kind=党组会议）" in working and "会议（kind=廉政工作会议）" in working
    assert working.endswith(f"共 {int(both)} 条记录")


def test_breaches_name_their_rule(macros: ReportMacros) -> None:
    named = macros.breaches("reception", rule="reception-escorts").trace
    assert named.conditions() == "rule=reception-escorts"
    assert named.working() == "违反规则“公务接待陪同人数超标”的记录 1 条"
    any_rule = macros.breaches("vehicle_use").trace
    assert any_rule.conditions() == "任一规则（公车私用、违规用车）"
    assert any_rule.working() == "违反任一规则（公车私用、违规用车）的记录 2 条"


def test_explain_shows_no_empty_filter_for_a_breaches(run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("--root", str(REPO), "stats", "--year", "2024", "--explain")
    assert result.code == 0, result.text
    lines = result.out.splitlines()
    for number, line in enumerate(lines):
        if line.strip().startswith("breaches("):
            assert "筛选：无" not in lines[number + 1], line
    assert "64 次" not in result.out and "72 件" in result.out
