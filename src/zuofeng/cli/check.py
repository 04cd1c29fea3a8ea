"""`zuofeng check`: validate every record (and report page), print every problem."""

from __future__ import annotations

import argparse
import sys

from zuofeng.core.problems import Problem, errors_only
from zuofeng.core.project import Settings, load_ledger


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", type=int, help="只报告这一年的问题")
    parser.add_argument("--final", action="store_true", help="定稿检查：报告中不得留有 XX 等占位符")


def run(args: argparse.Namespace) -> int:
    settings = Settings.load(args.root)
    ledger = load_ledger(settings)
    problems = list(ledger.problems)
    problems = [p for p in problems if args.year is None or _in_year(p, args.year)]
    for problem in sorted(problems):
        print(problem)
    errors = errors_only(problems)
    warnings = len(problems) - len(errors)
    records = [r for r in ledger.index.records if args.year is None or r.year == args.year]
    if errors:
        print(f"发现 {len(errors)} 个问题，{warnings} 个警告。", file=sys.stderr)
        return 1
    print(f"检查通过：{len(records)} 条记录，{warnings} 个警告。", file=sys.stderr)
    return 0


def _in_year(problem: Problem, year: int) -> bool:
    parts = problem.path.split("/")
    return str(year) in parts[:4]
