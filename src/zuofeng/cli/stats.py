"""`zuofeng stats`: the year's counts per record type."""

from __future__ import annotations

import argparse
import datetime as dt

from zuofeng.cli import notices
from zuofeng.core.notice_tracking import tracking_for
from zuofeng.core.period import ReportPeriod
from zuofeng.core.project import Settings, load_ledger


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", type=int, help="年份（默认为有记录的最近一年）")
    notices.add_arguments(parser)


def run(args: argparse.Namespace) -> int:
    ledger = load_ledger(Settings.load(args.root))
    index = ledger.index
    tracking = tracking_for(ledger.settings, args.as_of)
    year = args.year or (index.years[-1] if index.years else dt.date.today().year)
    period = ReportPeriod.year(year)
    print(f"{year}年各类记录数量（含内部记录）")
    width = max(len(t.label) for t in ledger.catalogue.types.values())
    for key, record_type in ledger.catalogue.types.items():
        records = index.in_period(key, period)
        hidden = sum(1 for r in records if r.confidential)
        note = f"（其中内部 {hidden}）" if hidden else ""
        print(f"  {record_type.label}{'　' * (width - len(record_type.label))}  {len(records):>5}{note}")
    notices.print_notices(ledger, year, tracking)
    if ledger.problems:
        print(f"注意：有 {len(ledger.problems)} 个问题未计入，请运行 zuofeng check 查看。")
    return 0
