"""Supervision notices in the core: numbering, rectification rules, 三单预警, figures, as-of date."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import Project
from tests.notice_data import closed, problem, write_notice
from zuofeng.core.domain.notice_tracking import (
    Alert,
    NoticeStats,
    Tracking,
    notice_stats,
    notices_in,
    open_problems,
    tracking_for,
)
from zuofeng.core.domain.notices import NoticeProblem, notices
from zuofeng.core.domain.period import ReportPeriod
from zuofeng.core.project import Ledger, Settings, SettingsError, load_ledger


def _ledger(project: Project) -> Ledger:
    return load_ledger(Settings.load(project.root))


def _messages(project: Project) -> list[str]:
    return [str(p) for p in sorted(_ledger(project).problems)]


def test_consistent_notices_have_no_problems(project: Project) -> None:
    write_notice(project, "2024-02-01", 1, [closed("城关镇", "2024-02-20", "2024-02-18")])
    write_notice(project, "2024-05-01", 2, [problem("县财政局", "2024-06-01")])
    write_notice(project, "2023-12-01", 1, [])
    assert _messages(project) == []


def test_numbering_gap_names_file_and_line_of_issue_no(project: Project) -> None:
    write_notice(project, "2024-02-01", 1, [])
    path = write_notice(project, "2024-05-01", 3, [])
    assert _messages(project) == [f"{path}:6: 2024年督查通报期号不连续：第1期之后应为第2期，实际为第3期"]


def test_numbering_must_start_at_1_each_year(project: Project) -> None:
    write_notice(project, "2023-11-01", 1, [])
    path = write_notice(project, "2024-01-10", 2, [])
    assert _messages(project) == [f"{path}:6: 2024年督查通报期号不连续：当年第一期应为第1期，实际为第2期"]


def test_duplicate_issue_number_names_both_files(project: Project) -> None:
    first = write_notice(project, "2024-02-01", 1, [])
    second = write_notice(project, "2024-03-01", 1, [], slug="chongfu")
    write_notice(project, "2024-04-01", 2, [])
    assert _messages(project) == [f"{second}:6: 2024年督查通报期号 1 重复（已用于 {first}）"]


def test_numbering_follows_date_order(project: Project) -> None:
    write_notice(project, "2024-02-01", 2, [])
    later = write_notice(project, "2024-03-01", 1, [])
    messages = _messages(project)
    assert f"{later}:6: 2024年督查通报期号 1 与日期顺序不符：更早的通报已编到第2期" in messages


def test_rectification_rules(project: Project) -> None:
    path = write_notice(project, "2024-05-10", 1, [
        problem("城关镇", "2024-06-01", "已整改"),                          # line 9: no date, no measures
        problem("县财政局", "2024-06-01", "已整改", "2024-05-01", "整改"),    # line 13: before the notice
        problem("南山镇", "2024-06-01", "已整改", "2024-05-20"),             # line 19: no measures
    ], rectified=True)
    assert _messages(project) == [
        f"{path}:9: 状态为已整改，但缺少整改完成日期 rectified（销号须有完成日期和整改措施）",
        f"{path}:9: 状态为已整改，但缺少整改措施 measures（销号须有完成日期和整改措施）",
        f"{path}:13: 整改完成日期 2024-05-01 早于通报日期 2024-05-10",
        f"{path}:19: 状态为已整改，但缺少整改措施 measures（销号须有完成日期和整改措施）",
    ]


def test_notice_rectified_only_when_every_problem_is(project: Project) -> None:
    path = write_notice(project, "2024-05-10", 1, [
        closed("城关镇", "2024-06-01", "2024-05-20"), problem("县财政局", "2024-06-01"),
    ], rectified=True)
    assert _messages(project) == [f"{path}:19: rectified 为 true（全部整改完毕），但仍有 1 个问题整改中"]


def test_all_rectified_but_flag_false_is_a_warning(project: Project, run_cli) -> None:  # type: ignore[no-untyped-def]
    path = write_notice(project, "2024-05-10", 1, [closed("城关镇", "2024-06-01", "2024-05-20")], rectified=False)
    assert _messages(project) == [f"{path}:15: 警告：所有问题均已整改，可将 rectified 设为 true"]
    assert run_cli("--root", str(project.root), "check").code == 0


def test_check_reports_notice_errors_and_exits_1(project: Project, run_cli) -> None:  # type: ignore[no-untyped-def]
    write_notice(project, "2024-02-01", 1, [])
    path = write_notice(project, "2024-05-01", 3, [])
    result = run_cli("--root", str(project.root), "check")
    assert result.code == 1
    assert f"{path}:6: 2024年督查通报期号不连续" in result.out
    assert "Traceback" not in result.text


AS_OF = dt.date(2024, 12, 15)


def _problem(deadline: dt.date, status: str = "整改中", rectified: dt.date | None = None) -> NoticeProblem:
    return NoticeProblem("城关镇", "问题", deadline, status, rectified, "措施" if rectified else None, 9)  # type: ignore[arg-type]


@pytest.mark.parametrize(("days_left", "alert", "overdue"), [
    (8, None, False),               # due in 8 days: not yet warned
    (7, Alert.BLUE, False),         # exactly 7 days left: blue
    (1, Alert.BLUE, False),
    (0, Alert.BLUE, False),         # deadline == as_of: due today, not overdue
    (-1, Alert.YELLOW, True),       # one day overdue
    (-30, Alert.YELLOW, True),      # exactly 30 days overdue: still yellow
    (-31, Alert.RED, True),         # more than 30 days overdue: red
])
def test_alert_colours_at_boundaries(days_left: int, alert: Alert | None, overdue: bool) -> None:
    tracking = Tracking(AS_OF)
    item = _problem(AS_OF + dt.timedelta(days=days_left))
    assert tracking.alert(item) is alert
    assert tracking.overdue(item) is overdue


def test_alert_labels_are_text_not_only_colour() -> None:
    assert [a.label for a in Alert] == ["临期（蓝）", "超期（黄）", "超期（红）"]
    assert Alert.RED.css == "zf-alert zf-alert-red"


def test_thresholds_are_configurable() -> None:
    tracking = Tracking(AS_OF, blue_days=3, red_days=10)
    assert tracking.alert(_problem(AS_OF + dt.timedelta(days=4))) is None
    assert tracking.alert(_problem(AS_OF + dt.timedelta(days=3))) is Alert.BLUE
    assert tracking.alert(_problem(AS_OF - dt.timedelta(days=10))) is Alert.YELLOW
    assert tracking.alert(_problem(AS_OF - dt.timedelta(days=11))) is Alert.RED


def test_closed_problem_has_no_alert_but_was_open_before_its_rectified_date() -> None:
    item = _problem(AS_OF - dt.timedelta(days=40), "已整改", AS_OF - dt.timedelta(days=5))
    assert Tracking(AS_OF).alert(item) is None and not Tracking(AS_OF).overdue(item)
    earlier = Tracking(AS_OF - dt.timedelta(days=6))
    assert earlier.alert(item) is Alert.RED and earlier.overdue(item)


def test_notice_stats_for_a_period(project: Project) -> None:
    write_notice(project, "2024-03-01", 1, [closed("城关镇", "2024-03-20", "2024-03-10")])
    write_notice(project, "2024-11-01", 2, [
        closed("城关镇", "2024-11-20", "2024-11-15"),
        problem("县财政局", "2024-12-01"),      # overdue at 2024-12-15
        problem("南山镇", "2024-12-15"),        # due that very day: pending, not overdue
    ])
    write_notice(project, "2024-12-01", 3, [problem("东关镇", "2025-01-10")], confidential="true")
    write_notice(project, "2023-06-01", 1, [problem("白杨乡", "2023-07-01")])
    index = _ledger(project).index
    assert notice_stats(index, ReportPeriod.year(2024), AS_OF) == NoticeStats(3, 5, 2, 3, 1, 0)
    assert notice_stats(index, ReportPeriod(dt.date(2024, 1, 1), dt.date(2024, 6, 30)), AS_OF) == NoticeStats(1, 1, 1, 0, 0)
    assert notice_stats(index, ReportPeriod.year(2023), AS_OF) == NoticeStats(1, 1, 0, 1, 1)
    # Closed after the deadline: counted as rectified and as 逾期销号.
    write_notice(project, "2023-08-01", 2, [closed("白杨乡", "2023-08-10", "2023-08-20")])
    late = notice_stats(_ledger(project).index, ReportPeriod.year(2023), AS_OF)
    assert (late.rectified, late.late, late.pending) == (1, 1, 1)
    # On an earlier day the problem rectified on 11-15 was still pending.
    assert notice_stats(index, ReportPeriod.year(2024), dt.date(2024, 11, 10)).rectified == 1
    pending = open_problems(notices_in(index, ReportPeriod.year(2024)), Tracking(AS_OF))
    assert [(o.problem.unit, o.alert) for o in pending] == [
        ("县财政局", Alert.YELLOW), ("南山镇", Alert.BLUE), ("东关镇", None)]
    assert [n.issue_no for n in notices(index)] == [1, 1, 2, 3]


def test_as_of_precedence(project: Project) -> None:
    settings = Settings.load(project.root)
    assert tracking_for(settings, environ={}).as_of == dt.date.today()
    project.write("pyproject.toml", '[tool.zuofeng]\nas_of = "2024-12-15"\n\n[tool.zuofeng.notices]\nred_days = 60\n')
    settings = Settings.load(project.root)
    assert tracking_for(settings, environ={}) == Tracking(AS_OF, 7, 60)
    assert tracking_for(settings, environ={"ZUOFENG_AS_OF": "2024-11-01"}).as_of == dt.date(2024, 11, 1)
    explicit = tracking_for(settings, dt.date(2024, 1, 1), environ={"ZUOFENG_AS_OF": "2024-11-01"})
    assert explicit.as_of == dt.date(2024, 1, 1)


@pytest.mark.parametrize(("table", "environ", "message"), [
    ("", {"ZUOFENG_AS_OF": "2024/12/15"}, "环境变量 ZUOFENG_AS_OF 应为 YYYY-MM-DD 格式的日期"),
    ("[tool.zuofeng.notices]\nred_days = -1\n", {}, "[tool.zuofeng.notices] red_days 应为不小于 0 的整数"),
    ("[tool.zuofeng.notices]\nyellow_days = 3\n", {}, "[tool.zuofeng.notices] 未知设置 yellow_days"),
])
def test_bad_tracking_settings_are_chinese_errors(project: Project, table: str, environ: dict[str, str],
                                                  message: str) -> None:
    project.write("pyproject.toml", "[tool.zuofeng]\n" + table)
    with pytest.raises(SettingsError, match=message.replace("[", r"\[").replace("]", r"\]")):
        tracking_for(Settings.load(project.root), environ=environ)


def test_stats_lists_open_and_overdue_problems(project: Project, run_cli) -> None:  # type: ignore[no-untyped-def]
    write_notice(project, "2024-11-01", 1, [
        closed("城关镇", "2024-11-20", "2024-11-15"),
        problem("县财政局", "2024-11-01"),
        problem("南山镇", "2024-12-20"),
    ])
    result = run_cli("--root", str(project.root), "stats", "--year", "2024", "--as-of", "2024-12-15")
    assert result.code == 0, result.text
    assert "2024年督查通报（截至2024年12月15日）：1 期，问题 3 个，已整改 1 个，未整改 2 个，其中超期 1 个" in result.out
    lines = [line.split() for line in result.out.splitlines() if "整改期限" in line]
    assert lines == [["县财政局", "第1期", "整改期限", "2024-11-01", "超期（红），逾期44天"],
                     ["南山镇", "第1期", "整改期限", "2024-12-20", "临期（蓝）"]]
    bad = run_cli("--root", str(project.root), "stats", "--as-of", "2024-02-30")
    assert bad.code == 2 and "不存在的日期" in bad.err
