"""`zuofeng report YEAR [--from PREV]`: start a year's report; figures stay macros, the date is left to fill."""

from __future__ import annotations

import argparse
import re
import sys

from zuofeng.cli import argtypes
from zuofeng.core.project import Settings
from zuofeng.core.scaffold.files import Names
from zuofeng.core.scaffold.nextyear import earlier_report, start_report
from zuofeng.core.scaffold.site import InitProblem


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("year", type=argtypes.year, metavar="YEAR", help="要开始的报告年份")
    parser.add_argument("--from", dest="previous", type=argtypes.year, metavar="PREV",
                        help="以哪一年的报告为底稿（默认：此前最近一年；没有则用内置模板）")


def run(args: argparse.Namespace) -> int:
    settings = Settings.load(args.root)
    if args.previous is not None and args.previous >= args.year:
        print(f"zuofeng report：--from 的年份（{args.previous}）应早于 {args.year}", file=sys.stderr)
        return 2
    previous = args.previous if args.previous is not None else earlier_report(settings.reports_dir, args.year)
    try:
        target, used = start_report(settings.reports_dir, args.year, _names(settings, args.year), previous)
    except InitProblem as exc:
        print(f"zuofeng report：{exc}", file=sys.stderr)
        return 1
    origin = f"{used} 年的报告" if used is not None else "内置模板"
    shown = target.relative_to(settings.root) if target.is_relative_to(settings.root) else target
    print(f"已从{origin}开始 {args.year} 年的报告：{shown}")
    print("各项数字仍由宏计算；请修改正文，定稿前填写 index.md 的成文日期 date，并运行 zuofeng check --final")
    return 0


def _names(settings: Settings, year: int) -> Names:
    """The county's names for the built-in template, read from mkdocs.yml's site_name and copyright."""
    county, office = "某某县", "某某县人民政府办公室"
    config = settings.root / "mkdocs.yml"
    if config.is_file():
        text = config.read_text(encoding="utf-8")
        site = re.search(r"(?m)^site_name:\s*(\S+?)政府作风建设报告站", text)
        owner = re.search(r"(?m)^copyright:\s*(\S+)", text)
        county = site.group(1) if site else county
        office = owner.group(1) if owner else f"{county}人民政府办公室"
    return Names(county, office, year)
