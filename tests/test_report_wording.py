"""What the report says matches what it counts: period words, one rule per sentence, listings, counts."""

from __future__ import annotations

import datetime as dt
from typing import Callable

import pytest

from tests.conftest import CliResult, Project, REPO, report_index
from zuofeng.core.domain.catalogue import load_catalogue
from zuofeng.core.domain.indicators import load_indicators
from zuofeng.core.report.macros import ReportMacros, bind
from zuofeng.core.domain.period import ReportPeriod
from zuofeng.core.project import Settings, load_ledger
from zuofeng.core.report.reports import load_reports
from zuofeng.core.domain.yearly import YearColumn
from zuofeng.core.domain.record import Record
from zuofeng.core.report.rule_sentences import unnamed_rule_problems
from zuofeng.core.domain.rules import load_rules
from zuofeng.core.domain.wording import listing_count
from zuofeng.site.pages import type_listing

RULES = load_rules()


def _warnings(body: str) -> list[str]:
    return [p.message for p in unnamed_rule_problems("docs/reports/2023/02-x.md", body, 5, RULES)]


def test_breaches_of_every_rule_in_a_sentence_about_one_is_a_warning() -> None:
    body = "严格执行接待标准。\n\n{% set over = breaches(\"reception\") %}发现陪同人数超标接待{{ over }}批次。"
    problems = unnamed_rule_problems("docs/reports/2023/02-x.md", body, 5, RULES)
    assert [(p.line, p.severity) for p in problems] == [(7, "warning")]
    assert 'breaches("reception", rule="reception-escorts")' in problems[0].message
    assert "公务接待陪同人数超标、公务接待无公函" in problems[0].message


@pytest.mark.parametrize("body", [
    '发现陪同人数超标接待{{ breaches("reception", rule="reception-escorts") }}批次。',  # the rule is named
    '发现陪同人数超标接待{{ breaches("reception", "reception-escorts") }}批次。',
    '发现违规接待{{ breaches("reception") }}批次。',  # no rule spoken of: every rule meant
    '发现陪同超标、用餐超标准或无公函的接待{{ breaches("reception") }}批次。',  # every rule spoken of
    '调研陪同超标{{ breaches("research") }}次。',  # the type has one rule only
    '发现陪同人数超标。另有违规接待{{ breaches("reception") }}批次。',  # another sentence speaks of it
])
def test_no_warning_where_the_call_counts_what_the_sentence_says(body: str) -> None:
    assert _warnings(body) == []


def test_check_final_warns_and_counts_the_reports_it_checked(project: Project,
                                                               run_cli: Callable[..., CliResult]) -> None:
    project.write("docs/reports/2023/index.md", report_index(2023, "2023-11-30"))
    project.write("docs/reports/2023/01-x.md", "---\norder: 1\ntitle: 一、接待\n---\n\n"
                  '{{ period_word() }}发现陪同人数超标接待{{ breaches("reception") }}批次。\n')
    project.write("docs/reports/2022/index.md", report_index(2022, "2022-11-30"))
    result = run_cli("--root", str(project.root), "check", "--final", "--year", "2023")
    assert result.code == 0, result.text
    assert 'docs/reports/2023/01-x.md:6: 警告：breaches("reception") 统计该类记录的全部 3 条规则' in result.out
    assert "1 份报告" in result.err
    assert "2 份报告" in run_cli("--root", str(project.root), "check", "--final").err


def test_example_reports_name_the_rule_they_speak_of(run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("--root", str(REPO), "check", "--final", "--year", "2024")
    assert result.code == 0, result.text
    assert "breaches(" not in result.out
    assert "检查通过：" in result.err and "，1 份报告，" in result.err


def test_example_2024_report_says_1_to_11_months_and_names_papers_once() -> None:
    eight_rules = (REPO / "docs/reports/2024/02-eight-rules.md").read_text(encoding="utf-8")
    assert "全年" not in eight_rules and "{{ period_word() }}共开展调研" in eight_rules
    for paper in ("示例日报", "示例县报"):
        assert paper not in eight_rules  # the names come from the news records
    assert 'breaches("reception", rule="reception-escorts")' in eight_rules


@pytest.mark.parametrize(("total", "hidden", "text"), [
    (19, 0, "共 19 条记录。"),
    (19, 19, "共 19 条记录，均为内部记录，不在网站上显示。"),
    (19, 2, "共 19 条记录，其中 2 条为内部记录，计入统计，不在网站上显示。"),
])
def test_listing_count_wording(total: int, hidden: int, text: str) -> None:
    assert listing_count(total, hidden) == text


def test_type_listing_of_internal_records_only_says_so_once() -> None:
    records = [Record(f"2024/talk/2024-03-0{i}-t", f"records/2024/talk/2024-03-0{i}-t.md", "talk",
                      dt.date(2024, 3, i), "谈话", None, (), True, {"kind": "提醒谈话"}, "", 8) for i in range(1, 4)]
    page = type_listing(2024, "talk", records, load_catalogue())
    assert "共 3 条记录，均为内部记录，不在网站上显示。" in page
    assert "暂无可公开的记录" not in page and "另有" not in page and "| 日期 |" not in page


@pytest.fixture(scope="module")
def example_macros_2024() -> ReportMacros:
    settings = Settings.load(REPO)
    reports, _ = load_reports(settings.reports_dir, settings.root)
    return bind(load_ledger(settings), reports, load_indicators(), 2024)


def test_indicator_table_marks_the_partial_year_beside_its_same_period(example_macros_2024: ReportMacros) -> None:
    table = example_macros_2024.indicator_table()
    header = table.splitlines()[0]
    assert header == "| 指标 | 2021年 | 2022年 | 2023年 | 2023年同期（1—11月） | 2024年（1—11月） |"
    meetings = next(line for line in table.splitlines() if line.startswith("| 政府层面会议"))
    # The same period a year earlier is what 同比 compares with: 33 against 37 (同比减少10.8%).
    assert meetings.split(" | ")[-2:] == ["37", "33 |"]
    assert example_macros_2024.yoy("meeting") == "同比减少10.8%"
    assert "2024年按报告统计期间（2024年1月1日至2024年11月30日）计算，不是全年数据" in table


def test_charts_label_the_partial_year_and_add_the_same_period(example_macros_2024: ReportMacros) -> None:
    trend = example_macros_2024.trend_chart()
    assert "2024年（1—11月）" in trend and "2023年（" not in trend
    bars = example_macros_2024.indicator_charts()
    assert bars.count("上年同期") >= len(load_indicators())


def test_year_column_of_a_report_ending_mid_month() -> None:
    column = YearColumn(2024, ReportPeriod(dt.date(2024, 1, 1), dt.date(2024, 11, 20)))
    assert column.partial and column.label == "2024年（1月1日至11月20日）"
    assert not YearColumn(2023, ReportPeriod.year(2023)).partial and YearColumn(2023, ReportPeriod.year(2023)).label == "2023年"
