"""`zuofeng check`: validate every record and report page, print every problem."""

from __future__ import annotations

import argparse
import sys

from zuofeng.cli import argtypes
from zuofeng.cli.writelock import settle_for_reading
from zuofeng.core.changes import ChangesError, changed_files, concerning
from zuofeng.core.report.final import final_problems, sentence_counts
from zuofeng.core.domain.indicators import load_indicators
from zuofeng.core.problems import Problem, errors_only, in_year
from zuofeng.core.project import Settings, load_ledger
from zuofeng.core.report.reports import load_reports


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", type=argtypes.year, help="只报告这一年的问题")
    parser.add_argument("--final", action="store_true", help="定稿检查：报告各页能正常计算，且不得留有 XX 等占位符")
    parser.add_argument("--changed", nargs="?", const="HEAD", metavar="REV",
                        help="只报告自 git 版本 REV（默认 HEAD）以来改动、新增的文件中的问题；跨记录的规则仍检查全部记录")


def run(args: argparse.Namespace) -> int:
    settings = Settings.load(args.root)
    changed = None
    if args.changed is not None:
        try:
            changed = changed_files(settings.root, args.changed)
        except ChangesError as exc:
            print(f"zuofeng check：{exc}", file=sys.stderr)
            return 2 if exc.usage else 1
    settle_for_reading(settings)  # an import cut short by kill -9 is finished or undone, and said so
    ledger = load_ledger(settings)
    reports, report_problems = load_reports(settings.reports_dir, settings.root)
    problems = ledger.problems + report_problems
    if args.final:
        years = [args.year] if args.year else sorted(reports)
        missing = [y for y in years if y not in reports]
        for year in missing:
            problems.append(Problem(f"{settings.reports_dir.relative_to(settings.root).as_posix()}/{year}", 0, f"{year}年没有报告（缺少 index.md 或其中有错误）"))
        problems += final_problems(ledger, reports, load_indicators(), [y for y in years if y in reports])
    problems = [p for p in problems if args.year is None or in_year(p, args.year)]
    if changed is not None:
        problems = concerning(problems, changed)
    for problem in sorted(problems):
        print(problem)
    errors = errors_only(problems)
    warnings = len(problems) - len(errors)
    records = [r for r in ledger.index.records if args.year is None or r.year == args.year]
    checked = [year for year in reports if args.year is None or year == args.year]
    if args.final and args.year in reports:
        found = sentence_counts(ledger, reports[args.year])
        print(f"{args.year}年报告核查：" + "、".join(f"{kind} {n} 句" for kind, n in found.items()), file=sys.stderr)
    if errors:
        print(f"发现 {len(errors)} 个问题，{warnings} 个警告。", file=sys.stderr)
        return 1
    if changed is not None:
        print(f"检查通过：改动的文件 {len(changed)} 个，{warnings} 个警告（全部 {len(records)} 条记录已参与跨记录检查）。", file=sys.stderr)
        return 0
    print(f"检查通过：{len(records)} 条记录，{len(checked)} 份报告，{warnings} 个警告。", file=sys.stderr)
    return 0
