"""`zuofeng template`: the Excel template clerks fill in, one sheet per record type."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from zuofeng.cli import argtypes
from zuofeng.core.domain.catalogue import load_catalogue
from zuofeng.core.project import Settings
from zuofeng.core.safe_write import FileExistsProblem, replace, write_new


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("type", nargs="?", metavar="类型", help="记录类型的英文键，例如 meeting")
    parser.add_argument("--all", action="store_true", help="一个文件包含全部记录类型（上年基数、更正除外）")
    parser.add_argument("--out", type=argtypes.output_file(".xlsx"), help="输出的 .xlsx 文件（默认为当前目录下的 <类型>-模板.xlsx）")
    parser.add_argument("--force", action="store_true", help="覆盖已存在的输出文件")


def run(args: argparse.Namespace) -> int:
    # openpyxl loads only for the Excel commands, not for every `zuofeng` call.
    from zuofeng.excel.columns import template_types
    from zuofeng.excel.template import template_bytes

    catalogue = load_catalogue(Settings.load(args.root).catalogue_path)
    if args.all == (args.type is not None):
        print("zuofeng template：参数错误：请给出一个记录类型，或使用 --all", file=sys.stderr)
        return 2
    if args.type is not None and catalogue.get(args.type) is None:
        print(f"zuofeng template：未知的记录类型 {args.type}（可用：{', '.join(catalogue.types)}）", file=sys.stderr)
        return 1
    keys = template_types(catalogue) if args.all else [args.type]
    out = args.out or Path(f"{'全部类型' if args.all else args.type}-模板.xlsx")
    return write_output(out, template_bytes(catalogue, keys), args.force, "zuofeng template")


def write_output(out: Path, data: bytes, force: bool, command: str) -> int:
    """Write a generated file through safe_write; never overwrite without --force."""
    try:
        (replace if force else write_new)(out, data)
    except FileExistsProblem:
        print(f"{command}：{out} 已存在，不会覆盖；如需覆盖请加 --force", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"{command}：无法写入 {out}：{exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"已写入 {out}")
    return 0
