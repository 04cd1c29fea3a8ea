"""Report macros on small hand-made record sets: semantics fixed by PRODUCT.md."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import Project
from zuofeng.core.domain.index import QueryError
from zuofeng.core.domain.indicators import load_indicators
from zuofeng.core.report.macros import ReportMacros, bind
from zuofeng.core.domain.period import ReportPeriod
from zuofeng.core.project import Settings, load_ledger
from zuofeng.core.report.render import render

D = dt.date


def _meeting(project: Project, day: str, kind: str = "常务会议", **extra: object) -> None:
    fields = "".join(f"\n{k}: {v}" for k, v in extra.items())
    project.record(f"{day[:4]}/meeting/{day}-m", f"type: meeting\ndate: {day}\ntitle: 会议\nkind: {kind}{fields}")


def _macros(project: Project, start: dt.date, end: dt.date) -> ReportMacros:
    ledger = load_ledger(Settings.load(project.root))
    assert [p for p in ledger.problems if p.severity == "error"] == []
    return ReportMacros(ledger.index, ReportPeriod(start, end), {}, load_indicators(), ledger.breaches,
                        rules=ledger.rules)


def test_count_period_boundaries_are_inclusive(project: Project) -> None:
    for day in ("2023-03-31", "2023-04-01", "2023-06-30", "2023-07-01"):
        _meeting(project, day)
    macros = _macros(project, D(2023, 4, 1), D(2023, 6, 30))
    assert macros.count("meeting") == 2


def test_yoy_compares_with_the_same_period_one_year_earlier(project: Project) -> None:
    for day in ("2022-01-10", "2022-02-10", "2022-12-20", "2023-01-05", "2023-02-05", "2023-02-06"):
        _meeting(project, day)
    macros = _macros(project, D(2023, 1, 1), D(2023, 11, 30))
    # 2022-12-20 is outside the same period a year earlier (2022-01-01..2022-11-30).
    assert macros.previous("meeting") == 2
    assert macros.yoy("meeting") == "同比增长50.0%"


@pytest.mark.parametrize(
    ("before", "now", "phrase"),
    [(8, 9, "同比增长12.5%"), (8, 7, "同比减少12.5%"), (3, 3, "与上年同期持平"), (0, 2, "上年同期为0"), (3, 2, "同比减少33.3%")],
)
def test_yoy_wording_branches(project: Project, before: int, now: int, phrase: str) -> None:
    for i in range(before):
        _meeting(project, f"2022-03-{i + 1:02d}")
    for i in range(now):
        _meeting(project, f"2023-03-{i + 1:02d}")
    _meeting(project, "2022-05-01", kind="专题会议")  # keeps the ledger non-empty a year earlier
    assert _macros(project, D(2023, 1, 1), D(2023, 12, 31)).yoy("meeting", kind="常务会议") == phrase


def test_leap_day_period_maps_to_28_february(project: Project) -> None:
    for day in ("2023-02-28", "2023-03-01", "2024-02-29"):
        _meeting(project, day)
    macros = _macros(project, D(2024, 1, 1), D(2024, 2, 29))
    assert macros.count("meeting") == 1
    assert macros.previous("meeting") == 1  # 2023-01-01..2023-02-28 holds 2023-02-28 only
    assert macros.yoy("meeting") == "与上年同期持平"


def test_yoy_uses_baseline_when_the_earlier_year_has_no_ledger(project: Project) -> None:
    project.record("2020/baseline/2020-12-31-meeting", "type: baseline\ndate: 2020-12-31\ntitle: 基数\nmetric: meeting\nvalue: 10")
    for i in range(8):
        _meeting(project, f"2021-03-{i + 1:02d}")
    macros = _macros(project, D(2021, 1, 1), D(2021, 12, 31))
    assert macros.yoy("meeting") == "同比减少20.0%"
    with pytest.raises(QueryError, match="没有台账记录，也没有对应的上年基数记录"):
        macros.yoy("meeting", kind="常务会议")


def test_total_maximum_and_filters(project: Project) -> None:
    _meeting(project, "2023-03-01", duration_min=60, video="true", tags="[乡镇]")
    _meeting(project, "2023-03-02", duration_min=90, unit="县政府办公室")
    _meeting(project, "2023-03-03", kind="专题会议", duration_min=150)
    macros = _macros(project, D(2023, 1, 1), D(2023, 12, 31))
    assert macros.total("meeting", "duration_min") == 300
    assert macros.maximum("meeting", "duration_min", kind="常务会议") == 90
    assert macros.count("meeting", video=True) == 1
    assert macros.count("meeting", tag="乡镇") == 1
    assert macros.count("meeting", unit="县政府办公室") == 1
    assert macros.count("meeting", kind=["常务会议", "专题会议"]) == 3
    with pytest.raises(QueryError):
        macros.maximum("meeting", "duration_min", kind="全体会议")


def test_months_without_in_a_partial_year(project: Project) -> None:
    for day in ("2023-01-10", "2023-03-10", "2023-05-31", "2023-06-01"):
        _meeting(project, day)
    macros = _macros(project, D(2023, 1, 1), D(2023, 5, 31))
    assert macros.months_without("meeting") == "2月、4月"
    assert _macros(project, D(2023, 1, 1), D(2023, 1, 31)).months_without("meeting") == ""


def test_about_via_a_template(project: Project) -> None:
    for i in range(23):
        project.record(f"2023/research/2023-03-{i + 1:02d}-r", f"type: research\ndate: 2023-03-{i + 1:02d}\ntitle: 调研\nleader: 张明\nplace: 城关镇")
    functions = _macros(project, D(2023, 1, 1), D(2023, 12, 31)).functions()
    assert render('调研{{ about(count("research")) }}次', functions, "x.md") == "调研20余次"


def test_bad_macro_call_is_a_problem_naming_page_and_line(project: Project) -> None:
    functions = _macros(project, D(2023, 1, 1), D(2023, 12, 31)).functions()
    problem = render('第一行\n{{ count("meeting", knd="常务会议") }}', functions, "docs/reports/2023/01-a.md", 5)
    assert str(problem) == (
        "docs/reports/2023/01-a.md:6: 宏计算失败：记录类型 meeting 没有可筛选的字段 knd"
        "（可用：type, date, title, unit, tags, confidential, kind, duration_min, attendees, merged, video, topics, handling）"
    )
    assert "未定义的名称" in str(render("{{ cont('meeting') }}", functions, "p.md"))


def test_breaches_counts_rule_breaking_records(project: Project) -> None:
    project.record("2023/reception/2023-03-01-a", "type: reception\ndate: 2023-03-01\ntitle: 接待\nguest_unit: 市局\nguests: 4\nescorts: 5\nletter_no: 函1")
    project.record("2023/reception/2023-03-02-b", "type: reception\ndate: 2023-03-02\ntitle: 接待\nguest_unit: 市局\nguests: 12\nescorts: 4\nletter_no: 函2")
    macros = _macros(project, D(2023, 1, 1), D(2023, 12, 31))
    assert macros.breaches("reception") == 1
    assert macros.breaches("reception", rule="reception-letter") == 0
    assert macros.breaches("reception", rule="reception-escorts") == 1


def test_breaches_of_an_unknown_rule_names_the_rules_of_the_type(project: Project) -> None:
    project.record("2023/reception/2023-03-01-a", "type: reception\ndate: 2023-03-01\ntitle: 接待\nguest_unit: 市局\nguests: 4\nescorts: 5")
    macros = _macros(project, D(2023, 1, 1), D(2023, 12, 31))
    # Every reception rule: the escorts and the missing 公函 are two breaches of one record.
    assert macros.breaches("reception") == 1
    assert macros.breaches("reception", rule="reception-letter") == 1
    with pytest.raises(QueryError, match="reception-escorts（公务接待陪同人数超标）、reception-letter"):
        macros.breaches("reception", rule="escorts")
    with pytest.raises(QueryError, match="meeting-duration"):
        macros.breaches("meeting", rule="reception-escorts")


@pytest.mark.parametrize(
    ("start", "end", "word"),
    [
        (D(2024, 1, 1), D(2024, 12, 31), "全年"),
        (D(2024, 1, 1), D(2024, 11, 30), "1—11月"),
        (D(2024, 1, 1), D(2024, 2, 29), "1—2月"),
        (D(2024, 1, 1), D(2024, 1, 31), "1月"),
        (D(2024, 1, 1), D(2024, 11, 20), "今年以来"),
        (D(2024, 3, 1), D(2024, 6, 30), "3—6月"),
        (D(2023, 7, 1), D(2024, 6, 30), "报告期内"),
        (D(2024, 3, 5), D(2024, 6, 30), "报告期内"),
    ],
)
def test_period_word_comes_from_the_period(project: Project, start: dt.date, end: dt.date, word: str) -> None:
    assert render("{{ period_word() }}共开展调研", _macros(project, start, end).functions(), "p.md", 1) == f"{word}共开展调研"


def test_notice_stats_at_the_end_of_the_period(project: Project) -> None:
    project.record("2023/notice/2023-03-01-a", """
        type: notice
        date: 2023-03-01
        title: 第1期通报
        issue_no: 1
        problems:
          - unit: 城关镇
            description: 脱岗
            deadline: 2023-04-01
            status: 已整改
            rectified: 2023-03-20
            measures: 约谈
          - unit: 东关镇
            description: 迟到
            deadline: 2023-04-01
            status: 已整改
            rectified: 2023-07-01
            measures: 通报
    """)
    functions = _macros(project, D(2023, 1, 1), D(2023, 5, 31)).functions()
    text = render("{% set ns = notice_stats() %}{{ ns.issued }}/{{ ns.problems }}/{{ ns.rectified }}/{{ ns.pending }}/{{ ns.overdue }}",
                  functions, "p.md")
    assert text == "1/2/1/1/1"  # on 31 May the second problem was still open and past its deadline


def test_charts_are_drawn_once_per_shared_memo(project: Project) -> None:
    _meeting(project, "2022-05-01")
    _meeting(project, "2023-05-01")
    ledger = load_ledger(Settings.load(project.root))
    shared: dict[str, str] = {}
    first = bind(ledger, {}, load_indicators(), 2023, "reports/2023", shared).trend_chart()
    assert "<svg" in first and "2022年" in first and shared["trend"] == first
    shared["trend"] = "已画过"
    assert bind(ledger, {}, load_indicators(), 2022, "", shared).trend_chart() == "已画过"
    assert bind(ledger, {}, load_indicators(), 2022).trend_chart() == first  # no memo given: drawn anew


def test_values_of_lists_distinct_values_in_pinyin_order(project: Project) -> None:
    for day, outlet, medium in (("2023-03-01", "示例县报", "报纸"), ("2023-04-01", "示例日报", "报纸"),
                                ("2023-05-01", "示例县报", "报纸"), ("2023-06-01", "示例县电视台", "电视")):
        project.record(f"2023/news/{day}-n", f"type: news\ndate: {day}\ntitle: 报道\noutlet: {outlet}\nmedium: {medium}")
    macros = _macros(project, D(2023, 1, 1), D(2023, 12, 31))
    assert macros.values_of("news", "outlet", medium="报纸") == ["示例日报", "示例县报"]
    assert _macros(project, D(2023, 1, 1), D(2023, 3, 31)).values_of("news", "outlet") == ["示例县报"]
    with pytest.raises(QueryError, match="没有字段 paper"):
        macros.values_of("news", "paper")


def test_a_binding_answers_a_question_once_and_a_template_cannot_change_the_answer(project: Project) -> None:
    """The macros a template is given answer each plain call once per binding (macros.functions): a list
    answer is handed out as a copy, so a template that appends to it does not change the next answer."""
    for day, kind in (("2023-03-01", "常务会议"), ("2023-04-01", "专题会议")):
        _meeting(project, day, kind=kind)
    functions = _macros(project, D(2023, 1, 1), D(2023, 12, 31)).functions()
    template = ('{% set kinds = values_of("meeting", "kind") %}{% set _ = kinds.append("篡改") %}'
                '{{ values_of("meeting", "kind") | join("、") }}|{{ kinds | length }}')
    assert render(template, functions, "t.md") == "常务会议、专题会议|3"
    assert render('{{ count("meeting") }}|{{ count("meeting", kind="专题会议") }}', functions, "t.md") == "2|1"
