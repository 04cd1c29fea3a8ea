"""`zuofeng stats`: the year's counts per record type, over its report's period (or the calendar year)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from zuofeng.cli import argtypes
from zuofeng.cli import notices
from zuofeng.core.domain.indicators import evaluate, load_indicators
from zuofeng.core.output.tables import NO_DATA
from zuofeng.core.domain.notice_tracking import tracking_for
from zuofeng.core.domain.period import ReportPeriod
from zuofeng.core.problems import Problem, errors_only
from zuofeng.core.report.explain import explain_lines, report_figures
from zuofeng.core.project import Ledger, Settings, load_ledger
from zuofeng.core.report.reports import load_reports
from zuofeng.core.domain.wording import format_number, format_period, format_yoy


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", type=argtypes.year, help="年份（默认为有记录的最近一年）")
    parser.add_argument("--explain", action="store_true",
                        help="列出该年报告中每个数字的来源：宏调用、筛选条件和所统计记录的编号（内部记录只给条数）")
    notices.add_arguments(parser)


def run(args: argparse.Namespace) -> int:
    ledger = load_ledger(Settings.load(args.root))
    index = ledger.index
    tracking = tracking_for(ledger.settings, args.as_of)
    year = args.year or (index.years[-1] if index.years else dt.date.today().year)
    if args.explain:
        return _explain(ledger, year)
    reports, _ = load_reports(ledger.settings.reports_dir, ledger.settings.root)
    reported = year in reports
    period = reports[year].period if reported else ReportPeriod.year(year)
    label = period_line(period, year, reported)
    print(f"{year}年各类记录数量（含内部记录）")
    print(label)
    width = max(len(t.label) for t in ledger.catalogue.types.values())
    for key, record_type in ledger.catalogue.types.items():
        records = index.in_period(key, period)
        hidden = sum(1 for r in records if r.confidential)
        note = f"（其中内部 {hidden}）" if hidden else ""
        print(f"  {record_type.label}{'　' * (width - len(record_type.label))}  {len(records):>5}{note}")
    _print_indicators(ledger, year, period, label)
    notices.print_notices(ledger, year, notices.cut_off(tracking, period, reported, args.as_of), period, label,
                          reported, explicit=args.as_of is not None)
    errors = errors_only(ledger.problems)
    if errors:
        print(f"注意：有 {len(errors)} 个有问题的记录未计入，请运行 zuofeng check 查看。")
    return 0


def period_line(period: ReportPeriod, year: int, reported: bool) -> str:
    """The label of every block: 统计期间：2024年1月1日至2024年11月30日（报告期）."""
    kind = "报告期" if reported else f"全年，{year}年没有报告"
    return f"统计期间：{format_period(period.start, period.end)}（{kind}）"


def _print_indicators(ledger: Ledger, year: int, period: ReportPeriod, label: str) -> None:
    """The report's indicators for the year's report period, with 同比 where it can be computed."""
    print(f"\n{year}年报告指标")
    print(label)
    for indicator in load_indicators():
        value = evaluate(ledger.index, indicator, period)
        now, before = value.value, value.previous
        if now is None:
            print(f"  {indicator.label}：{NO_DATA}")
            continue
        change = format_yoy(now, before) if before is not None else ""
        print(f"  {indicator.label}：{format_number(now)}{indicator.unit}  {change}".rstrip())


def _explain(ledger: Ledger, year: int) -> int:
    """Each figure of the year's report with its macro call, filters and the records it counts."""
    reports, problems = load_reports(ledger.settings.reports_dir, ledger.settings.root)
    problems = errors_only(ledger.problems) + problems
    if not problems and year not in reports:
        print(f"{year}年还没有报告（docs/reports/{year}/），没有可说明的数字。", file=sys.stderr)
        return 1
    figures = problems[0] if problems else report_figures(ledger, reports, load_indicators(), year)
    if isinstance(figures, Problem):
        print(figures, file=sys.stderr)
        print("报告有误，无法说明数字来源；请运行 zuofeng check 查看全部问题。", file=sys.stderr)
        return 1
    print(f"{year}年报告各数字的来源（{reports[year].period}，记录数含内部记录）")
    for line in explain_lines(figures):
        print(line)
    return 0
