"""`zuofeng stats --year Y` speaks for Y's report: counted to its period end, every block labelled with its period."""

from __future__ import annotations

import re
from typing import Callable

import pytest

from tests.conftest import REPO, CliResult, Project
from tests.notice_data import problem, write_notice
from zuofeng.core.domain.indicators import load_indicators
from zuofeng.core.project import Settings, load_ledger
from zuofeng.core.report.macros import bind
from zuofeng.core.report.reports import load_reports

REPORT_PERIOD = "统计期间：2024年1月1日至2024年11月30日（报告期）"
_NOTICE_LINE = re.compile(r"(\d{4})年督查通报（截至(.+?)）：(\d+) 期，问题 (\d+) 个，已整改 (\d+) 个"
                          r"(?:（其中逾期销号 (\d+) 个）)?，未整改 (\d+) 个，其中超期 (\d+) 个")


def _blocks(out: str) -> list[list[str]]:
    """The output cut at its blank lines."""
    return [block.splitlines() for block in out.strip().split("\n\n")]


def _notice_numbers(out: str) -> tuple[str, int, int, int, int, int, int]:
    found = _NOTICE_LINE.search(out)
    assert found, out
    as_of, issued, problems, rectified, late, pending, overdue = found.groups()[1:]
    return as_of, int(issued), int(problems), int(rectified), int(late or 0), int(pending), int(overdue)


def test_stats_and_the_report_agree_on_every_notice_number(run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("--root", str(REPO), "stats", "--year", "2024")
    assert result.code == 0, result.text
    ledger = load_ledger(Settings.load(REPO))
    reports, _ = load_reports(ledger.settings.reports_dir, ledger.settings.root)
    ns = bind(ledger, reports, load_indicators(), 2024).notice_stats()
    assert _notice_numbers(result.out) == ("2024年11月30日", ns.issued, ns.problems, ns.rectified, ns.late,
                                           ns.pending, ns.overdue)
    assert (ns.problems, ns.rectified, ns.late) == (20, 15, 3)


def test_stats_counts_the_report_period_and_labels_every_block(run_cli: Callable[..., CliResult]) -> None:
    out = run_cli("--root", str(REPO), "stats", "--year", "2024").out
    blocks = _blocks(out)
    assert len(blocks) >= 3
    for block in blocks[:3]:
        assert any(line.startswith(REPORT_PERIOD) for line in block[:2]), block[:2]
    [research] = [line for line in blocks[0] if line.strip().startswith("调研")]
    assert research.split()[-1] == "104"  # the report's 1—11月 figure, not the calendar year's 112
    assert "调研：104次" in out
    assert "整改情况截至2024年11月30日（报告期末）" in blocks[2][0]


def test_stats_as_of_is_labelled_as_todays_state(run_cli: Callable[..., CliResult]) -> None:
    out = run_cli("--root", str(REPO), "stats", "--year", "2024", "--as-of", "2024-12-15").out
    notices = _blocks(out)[2]
    assert notices[0] == f"{REPORT_PERIOD}；整改情况截至2024年12月15日（--as-of 指定的基准日，不是报告期末）"
    assert _notice_numbers(out)[0] == "2024年12月15日"


def test_a_year_without_a_report_counts_the_calendar_year_and_says_so(
        project: Project, run_cli: Callable[..., CliResult], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ZUOFENG_AS_OF", raising=False)
    write_notice(project, "2024-11-01", 1, [problem("县财政局", "2024-11-01")])
    project.write("pyproject.toml", '[tool.zuofeng]\nrecords = "records"\nas_of = "2024-12-15"\n')
    out = run_cli("--root", str(project.root), "stats", "--year", "2024").out
    label = "统计期间：2024年1月1日至2024年12月31日（全年，2024年没有报告）"
    blocks = _blocks(out)
    assert all(any(line.startswith(label) for line in block[:2]) for block in blocks[:3]), blocks
    assert f"{label}；整改情况截至2024年12月15日（基准日）" in blocks[2]
    assert _notice_numbers(out)[0] == "2024年12月15日"


def test_an_indicator_with_no_data_says_so_without_a_unit(project: Project, run_cli: Callable[..., CliResult]) -> None:
    """A maximum over no record is 暂无数据, not a dash followed by its unit (—分钟)."""
    out = run_cli("--root", str(project.root), "stats", "--year", "2024").out
    maxima = [line for line in out.splitlines() if "最长" in line]
    assert maxima and all(line.endswith("：暂无数据") for line in maxima), out
    assert "—" not in out, out
