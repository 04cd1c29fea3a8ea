"""`zuofeng export YEAR`: the year's report as a Word file in the 公文 format."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from zuofeng.cli import argtypes
from zuofeng.core.domain.indicators import load_indicators
from zuofeng.core.problems import Problem, errors_only
from zuofeng.core.project import Settings, load_ledger
from zuofeng.core.report.reports import load_reports


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("year", type=argtypes.year, metavar="YEAR", help="报告年份，如 2023")
    parser.add_argument("--out", type=argtypes.output_file(".docx"), help="输出的 .docx 文件（默认为当前目录下的 YEAR-report.docx）")
    parser.add_argument("--force", action="store_true", help="覆盖已存在的输出文件")
    parser.add_argument("--trace", action="store_true",
                        help="在文末附“数字溯源表”：每个数字的计算方式和所统计的记录（内部记录只给条数）")


def run(args: argparse.Namespace) -> int:
    # python-docx and lxml load only for this command, not for every `zuofeng` call.
    from zuofeng.export.docx import ExportError, export_report, write_docx

    settings = Settings.load(args.root)
    ledger = load_ledger(settings)
    reports, report_problems = load_reports(settings.reports_dir, settings.root)
    problems = errors_only(ledger.problems) + report_problems
    if not problems and args.year not in reports:
        problems.append(_missing_report(settings, args.year, args.year in ledger.index.years, sorted(reports)))
    out = args.out or Path(f"{args.year}-report.docx")
    if not problems:
        try:
            write_docx(out, export_report(ledger, reports, load_indicators(), args.year, trace=args.trace), force=args.force)
        except ExportError as exc:
            problems.extend(exc.problems)
    for problem in sorted(problems):
        print(problem, file=sys.stderr)
    if problems:
        print(f"导出失败：{len(problems)} 个问题。", file=sys.stderr)
        return 1
    print(f"已导出 {out}")
    return 0


def _missing_report(settings: Settings, year: int, has_records: bool, known: list[int]) -> Problem:
    """Unknown year, or a year with records but no report pages yet."""
    path = (settings.reports_dir / str(year) / "index.md").relative_to(settings.root).as_posix()
    existing = f"（已有报告的年份：{'、'.join(str(y) for y in known)}）" if known else "（目前没有任何报告）"
    if has_records:
        return Problem(path, 0, f"{year}年有台账记录，但还没有报告：请先编写 {path} 及各部分{existing}")
    return Problem(path, 0, f"未知年份 {year}：台账中没有该年的记录，也没有该年的报告{existing}")
