"""`zuofeng import`: records from an Excel workbook, all rows valid or nothing written."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from zuofeng.cli.writelock import LockBusy, writing
from zuofeng.core.domain.catalogue import load_catalogue
from zuofeng.core.interrupt import Terminated, terminate_as_interrupt
from zuofeng.core.project import Settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", type=Path, metavar="FILE.xlsx", help="要导入的 Excel 文件（.xlsx）")
    parser.add_argument("--type", help="记录类型的英文键：只导入该类型的工作表，名称不是记录类型的工作表也按该类型导入")
    parser.add_argument("--unit", help="单位：行中“牵头/承办单位”为空时填入")
    parser.add_argument("--dry-run", action="store_true", help="只检查并报告将新增、更新多少条，不写入任何文件")
    parser.add_argument("--update", action="store_true", help="已有记录（类型、日期、标题相同）内容不同时，用表格中的内容更新（表中没有的列保留原值，空单元格清空）")


def run(args: argparse.Namespace) -> int:
    settings = Settings.load(args.root)
    if args.type is not None and load_catalogue(settings.catalogue_path).get(args.type) is None:
        print(f"zuofeng import：未知的记录类型 {args.type}", file=sys.stderr)
        return 2
    if not args.file.is_file():
        print(f"{args.file.as_posix()}: 文件不存在", file=sys.stderr)
        return 1
    # Planned and written under the lock: two imports planned side by side would both pass the
    # checks (a notice's issue number free in each) and write a duplicate.
    try:
        with terminate_as_interrupt(), writing(settings, "import"):
            return _import(settings, args)
    except LockBusy as exc:
        print(f"zuofeng import：{exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt as exc:
        print("zuofeng import：导入已中断，未写入任何文件", file=sys.stderr)
        return 143 if isinstance(exc, Terminated) else 130


def _import(settings: Settings, args: argparse.Namespace) -> int:
    # openpyxl loads only for the Excel commands, not for every `zuofeng` call.
    from zuofeng.excel.importer import plan_import
    from zuofeng.excel.writer import ImportWriteError, write_all

    display = args.file.as_posix()
    plan = plan_import(settings, args.file, display, args.type, args.unit, args.update)
    for note in plan.notes:
        print(f"注意：{note}", file=sys.stderr)
    for problem in sorted(plan.problems) + sorted(plan.warnings):
        print(problem)
    summary = f"新增 {len(plan.added)} 条、未变 {plan.unchanged} 条、更新 {len(plan.updated)} 条"
    if plan.problems:
        print(f"发现 {len(plan.problems)} 个问题，未写入任何文件。", file=sys.stderr)
        return 1
    for change in sorted(plan.changes):
        print(change)
    if args.dry_run:
        print(f"{summary}（试运行，未写入文件）")
        return 0
    try:
        interrupted = write_all(settings.root, plan.added, plan.updated)
    except ImportWriteError as exc:
        print(f"zuofeng import：{exc}", file=sys.stderr)
        return 1
    print(summary)
    if interrupted:
        print("zuofeng import：收到中断请求时导入已在提交，已全部写入", file=sys.stderr)
    return 0
