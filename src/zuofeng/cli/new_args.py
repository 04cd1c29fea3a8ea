"""Arguments of `zuofeng new`: options may come before or after TYPE, `field=value` items last."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    _add_options(parser)
    parser.add_argument("type", metavar="类型", help="记录类型的英文键，例如 meeting、study")
    # REMAINDER: `field=value` items may follow the options (argparse alone would reject them there).
    parser.add_argument("fields", nargs=argparse.REMAINDER, metavar="字段=值",
                        help="其他字段，例如 kind=常务会议 attendees=30 tags=甲,乙 video=是")


def _add_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--date", help="日期，格式 YYYY-MM-DD")
    parser.add_argument("--title", help="标题（文件名由标题的拼音生成）")
    parser.add_argument("--draft", action="store_true", help="允许必填字段暂时留空，生成草稿后再补填")


def split_options(args: argparse.Namespace) -> str | None:
    """Parse options written after TYPE; leaves only `field=value` items in args.fields."""
    inner = argparse.ArgumentParser(prog="zuofeng new", add_help=False, exit_on_error=False)
    _add_options(inner)
    try:
        late, rest = inner.parse_known_args(args.fields)
    except argparse.ArgumentError as exc:
        return f"选项 {exc.argument_name} 缺少值" if "expected" in exc.message else str(exc)
    unknown = [item for item in rest if item.startswith("-")]
    if unknown:
        return f"未知选项 {' '.join(unknown)}"
    args.date = late.date or args.date
    args.title = late.title or args.title
    args.draft = late.draft or args.draft
    args.fields = rest
    return None
