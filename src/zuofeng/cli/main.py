"""Entry point: parses arguments and dispatches to one module per command."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable, Sequence

from zuofeng.cli import check, export, importer, init, ledger, new, publish, report, schema, stats, template
from zuofeng import installed_version
from zuofeng.cli.parser import ChineseArgumentParser
from zuofeng.core.domain.catalogue import CatalogueError
from zuofeng.core.project import SettingsError

Command = tuple[str, str, Callable[[argparse.ArgumentParser], None], Callable[[argparse.Namespace], int]]

COMMANDS: list[Command] = [
    ("check", "检查全部记录和报告页面", check.add_arguments, check.run),
    ("stats", "显示某一年的各类记录数量", stats.add_arguments, stats.run),
    ("new", "按记录类型生成一条新记录（不会覆盖已有文件）", new.add_arguments, new.run),
    ("schema", "生成记录元数据的 JSON Schema 文件（供编辑器校验）", schema.add_arguments, schema.run),
    ("export", "将某一年的报告导出为公文格式的 Word 文件", export.add_arguments, export.run),
    ("template", "生成某类记录的 Excel 填报模板", template.add_arguments, template.run),
    ("import", "从 Excel 文件导入记录：全部无误才写入", importer.add_arguments, importer.run),
    ("ledger", "将某一年的台账导出为 Excel 文件", ledger.add_arguments, ledger.run),
    ("publish", "发布某一年的存档版本：定稿检查、冻结记录、mike 版本、离线包", publish.add_arguments, publish.run),
    ("init", "新建一个县的作风建设报告站（空台账、今年的报告、首个 git 版本）", init.add_arguments, init.run),
    ("report", "从上一年的报告（或内置模板）开始某一年的报告，不覆盖已有报告", report.add_arguments, report.run),
]


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(prog="zuofeng", description="作风建设报告站：记录检查、统计、导出与发布")
    parser.add_argument("--root", type=Path, default=Path("."), help="项目根目录（默认当前目录）")
    parser.add_argument("--version", action="version", version=f"zuofeng {installed_version()}",
                        help="显示 zuofeng 的版本并退出")
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=ChineseArgumentParser)
    for name, help_text, add_arguments, run in COMMANDS:
        command = sub.add_parser(name, help=help_text, description=help_text)
        add_arguments(command)
        command.set_defaults(run=run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; returns the exit code (0 ok, 1 problems, 2 usage)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        return int(args.run(args))
    except (CatalogueError, SettingsError) as exc:
        print(f"zuofeng: 配置错误：{exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("zuofeng: 已中断", file=sys.stderr)
        return 130
