"""The notices part of `zuofeng stats`: the year's figures and its open and overdue problems."""

from __future__ import annotations

import argparse
import datetime as dt
import unicodedata
from dataclasses import replace

from zuofeng.core.domain.notice_tracking import NoticeStats, Tracking, notices_in, open_problems, stats_of
from zuofeng.core.domain.period import ReportPeriod
from zuofeng.core.project import Ledger
from zuofeng.core.input.validate import FieldError, parse_date
from zuofeng.core.domain.wording import format_date


def _as_of(text: str) -> dt.date:
    try:
        return parse_date(text)
    except FieldError as exc:
        raise argparse.ArgumentTypeError(f"--as-of {exc}") from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--as-of", type=_as_of, metavar="YYYY-MM-DD",
                        help="按该日显示通报整改的当前状态（默认与报告一致，截至报告期末；没有报告的年份截至年末，"
                             "或 $ZUOFENG_AS_OF、[tool.zuofeng] as_of、今天中较早的一天）")


def _pad(text: str, width: int) -> str:
    """Pad to a display width, counting a Chinese character as two columns."""
    used = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(width - used, 0)


def cut_off(tracking: Tracking, period: ReportPeriod, reported: bool, as_of: dt.date | None) -> Tracking:
    """The day rectification is counted to: `--as-of`, else the report's period end as the report counts,
    else (no report) the year's end or the as-of date of the settings, whichever is earlier."""
    if as_of is not None:
        return replace(tracking, as_of=as_of)
    return replace(tracking, as_of=period.end if reported else min(period.end, tracking.as_of))


def _cut_off_words(tracking: Tracking, period: ReportPeriod, reported: bool, explicit: bool) -> str:
    """What the cut-off day is: （报告期末）, （--as-of 指定的基准日，不是报告期末） …."""
    if explicit:
        return "--as-of 指定的基准日" + ("，不是报告期末" if reported and tracking.as_of != period.end else "")
    if tracking.as_of == period.end:
        return "报告期末" if reported else "年末"
    return "基准日"


def print_notices(ledger: Ledger, year: int, tracking: Tracking, period: ReportPeriod, label: str,
                  reported: bool = True, explicit: bool = False) -> None:
    """Print the period's notice figures and every problem still open at the cut-off day, under the period's label."""
    items = notices_in(ledger.index, period)
    if not items:
        return
    stats = stats_of(items, tracking.as_of)
    when = format_date(tracking.as_of)
    print(f"\n{label}；整改情况截至{when}（{_cut_off_words(tracking, period, reported, explicit)}）")
    print(f"{year}年督查通报（截至{when}）：{stats.issued} 期，问题 {stats.problems} 个，"
          f"已整改 {stats.rectified} 个{stats.late_note}，未整改 {stats.pending} 个，其中超期 {stats.overdue} 个"
          f"{_ongoing(stats)}")
    pending = open_problems(items, tracking)
    if not pending:
        return
    listed = [item for item in pending if not item.notice.record.confidential]
    print("未销号问题：")
    for item in listed:
        deadline = item.problem.deadline.isoformat() if item.problem.deadline else "—"
        mark = item.alert.label if item.alert else "整改中"
        days = tracking.days_overdue(item.problem)
        detail = f"，逾期{days}天" if item.overdue else ""
        print(f"  {_pad(item.problem.unit, 14)}  第{item.notice.issue_no}期  整改期限 {deadline}  {mark}{detail}")
    if len(listed) < len(pending):
        print(f"  另有 {len(pending) - len(listed)} 个问题属于内部通报，计入上述数字，不列出")


def _ongoing(stats: NoticeStats) -> str:
    """、正在整改 N 个: the report's own figure (未销号 − 超期), said when there is one."""
    ongoing = stats.pending - stats.overdue
    return f"、正在整改 {ongoing} 个" if ongoing else ""
