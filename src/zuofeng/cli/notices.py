"""The notices part of `zuofeng stats`: the year's figures and its open and overdue problems."""

from __future__ import annotations

import argparse
import datetime as dt
import unicodedata

from zuofeng.core.domain.notice_tracking import Tracking, notices_in, open_problems, stats_of
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
                        help="计算整改超期的基准日（默认 $ZUOFENG_AS_OF，或 [tool.zuofeng] as_of，或今天）")


def _pad(text: str, width: int) -> str:
    """Pad to a display width, counting a Chinese character as two columns."""
    used = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(width - used, 0)


def print_notices(ledger: Ledger, year: int, tracking: Tracking) -> None:
    """Print the year's notice figures and every problem still open at the as-of date."""
    items = notices_in(ledger.index, ReportPeriod.year(year))
    if not items:
        return
    stats = stats_of(items, tracking.as_of)
    print(f"\n{year}年督查通报（截至{format_date(tracking.as_of)}）：{stats.issued} 期，问题 {stats.problems} 个，"
          f"已整改 {stats.rectified} 个{stats.late_note}，未整改 {stats.pending} 个，其中超期 {stats.overdue} 个")
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
