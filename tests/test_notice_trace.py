"""Notice figures (problems, 销号, 逾期销号, pending, 超期) traced like counts: --explain lines and --trace rows."""

from __future__ import annotations

from typing import Callable

import pytest

from tests.conftest import REPO, CliResult, Project
from tests.notice_data import closed, problem, write_notice
from zuofeng.core.domain.indicators import load_indicators
from zuofeng.core.project import Settings, load_ledger
from zuofeng.core.report.explain import report_figures
from zuofeng.core.report.macros import bind
from zuofeng.core.report.reports import load_reports
from zuofeng.core.report.trace import Figure

FIGURES = ("problems", "rectified", "late", "pending", "overdue")


@pytest.fixture(scope="module")
def example() -> tuple:
    ledger = load_ledger(Settings.load(REPO))
    reports, _ = load_reports(ledger.settings.reports_dir, ledger.settings.root)
    return ledger, reports, load_indicators()


def test_notice_figures_are_traced_and_equal_the_plain_ones(example: tuple) -> None:
    ledger, reports, indicators = example
    plain = bind(ledger, reports, indicators, 2024).notice_stats()
    ns = bind(ledger, reports, indicators, 2024, traced=True).notice_stats()
    assert ns == plain
    for name in FIGURES:
        value = getattr(ns, name)
        assert isinstance(value, Figure), name
        trace = value.trace
        assert trace.call == f"notice_stats().{name}" and trace.shown == str(value)
        assert trace.period == reports[2024].period
        assert {r.type for r in trace.records} <= {"notice"}
        assert len(trace.problems) == value  # one entry per problem counted
    assert len(ns.problems.trace.records) == ns.issued == 7
    assert "截至2024-11-30" in ns.rectified.trace.working()
    ongoing = ns.pending - ns.overdue
    assert ongoing == 3 and ongoing.trace.call == "notice_stats().pending - notice_stats().overdue"
    assert len(ongoing.trace.problems) == 3


def test_explain_and_the_trace_appendix_list_the_notice_figures(example: tuple,
                                                                run_cli: Callable[..., CliResult]) -> None:
    out = run_cli("--root", str(REPO), "stats", "--year", "2024", "--explain").out
    for line in ("notice_stats().problems → 20", "notice_stats().rectified → 15", "notice_stats().late → 3",
                 "notice_stats().pending - notice_stats().overdue → 3", "notice_stats().overdue → 2"):
        assert f"  {line}\n" in out, line
    ledger, reports, indicators = example
    figures = report_figures(ledger, reports, indicators, 2024)
    calls = [trace.call for part in figures for trace in part.traces]  # type: ignore[union-attr]
    assert {"notice_stats().problems", "notice_stats().overdue"} <= set(calls)


def test_a_confidential_notice_is_counted_never_named(project: Project) -> None:
    write_notice(project, "2024-03-01", 1, [closed("城关镇", "2024-03-20", "2024-03-10")], slug="open")
    write_notice(project, "2024-04-01", 2, [problem("秘密单位", "2024-04-10")], slug="mimi", confidential="true")
    ledger = load_ledger(Settings.load(project.root))
    ns = bind(ledger, {}, load_indicators(), 2024, traced=True).notice_stats()
    assert (ns.problems, ns.pending) == (2, 1)
    assert ns.pending.trace.internal == 1 and ns.problems.trace.internal == 1
    from zuofeng.core.report.explain import counted_ids

    assert "mimi" not in counted_ids(ns.pending.trace) and "mimi" not in ns.pending.trace.working()
