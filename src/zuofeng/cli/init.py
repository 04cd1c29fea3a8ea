"""`zuofeng init DIR --county …`: a new county's site with an empty ledger and this year's report."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from zuofeng.cli import argtypes
from zuofeng.core.gitcmd import GitMissing
from zuofeng.core.scaffold.files import Names
from zuofeng.core.scaffold.site import InitProblem, create_site


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dir", type=Path, metavar="DIR", help="新站点的文件夹（不存在或为空）")
    parser.add_argument("--county", required=True, help="县名，例如 某某县")
    parser.add_argument("--office", help="办公室全称（默认：<县名>人民政府办公室）")
    parser.add_argument("--year", type=argtypes.year, help="首份年度报告的年份（默认今年）")


def run(args: argparse.Namespace) -> int:
    county = args.county.strip()
    if not county:
        print("zuofeng init：--county 不能为空", file=sys.stderr)
        return 2
    office = (args.office or "").strip() or f"{county}人民政府办公室"
    names = Names(county, office, args.year or dt.date.today().year)
    target = args.dir if args.dir.is_absolute() else args.root / args.dir
    try:
        written = create_site(target.resolve(), names)
    except InitProblem as exc:
        print(f"zuofeng init：{exc}", file=sys.stderr)
        return 1
    except GitMissing:
        print("zuofeng init：未找到 git 命令，请先安装 git；未写入任何文件", file=sys.stderr)
        return 1
    print(f"已创建 {county} 的作风建设报告站：{target}（{len(written)} 个文件，已提交首个 git 版本）")
    print(f"下一步：cd {args.dir} && make serve（本机预览），make test（检查并构建）")
    return 0
