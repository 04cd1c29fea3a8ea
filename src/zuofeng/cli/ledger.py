"""`zuofeng ledger YEAR`: the year's ledger as an Excel workbook."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from zuofeng.cli import argtypes
from zuofeng.cli.template import write_output
from zuofeng.core.domain.period import ReportPeriod
from zuofeng.core.problems import errors_only, in_year
from zuofeng.core.project import Settings, load_ledger
from zuofeng.core.report.reports import load_reports


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("year", type=argtypes.year, metavar="YEAR", help="年份，如 2024")
    parser.add_argument("--type", help="只导出这一类记录（英文键，如 meeting）")
    parser.add_argument("--out", type=argtypes.output_file(".xlsx"), help="输出的 .xlsx 文件（默认为当前目录下的 YEAR-台账.xlsx）")
    parser.add_argument("--internal", action="store_true", help="包含内部（confidential）记录，文件标注“内部”")
    parser.add_argument("--force", action="store_true", help="覆盖已存在的输出文件")


def run(args: argparse.Namespace) -> int:
    # openpyxl loads only for the Excel commands, not for every `zuofeng` call.
    from zuofeng.excel.ledger import ledger_bytes

    settings = Settings.load(args.root)
    ledger = load_ledger(settings)
    if args.type is not None and ledger.catalogue.get(args.type) is None:
        print(f"zuofeng ledger：未知的记录类型 {args.type}（可用：{', '.join(ledger.catalogue.types)}）", file=sys.stderr)
        return 2
    # A record with errors is not in the index: a ledger without it would be silently short.
    errors = [p for p in errors_only(ledger.problems) if in_year(p, args.year)]
    if errors:
        for problem in sorted(errors):
            print(problem, file=sys.stderr)
        print(f"{args.year}年有 {len(errors)} 个问题，请先改正（zuofeng check --year {args.year}）；未导出。", file=sys.stderr)
        return 1
    if args.year not in ledger.index.years and args.type is None:
        print(f"zuofeng ledger：{args.year}年没有任何记录", file=sys.stderr)
        return 1
    reports, _ = load_reports(settings.reports_dir, settings.root)
    period = reports[args.year].period if args.year in reports else ReportPeriod.year(args.year)
    out = args.out or Path(f"{args.year}-台账{'-内部' if args.internal else ''}.xlsx")
    data = ledger_bytes(ledger, args.year, period, args.type, args.internal)
    return write_output(out, data, args.force, "zuofeng ledger")
