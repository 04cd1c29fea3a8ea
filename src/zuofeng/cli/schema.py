"""`zuofeng schema`: write the JSON Schema files of the record types, for editors."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from zuofeng.core.domain.catalogue import load_catalogue
from zuofeng.core.project import Settings
from zuofeng.core.output.schema import schema_files


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, help="输出文件夹（默认为项目根目录下的 schemas/）")


def run(args: argparse.Namespace) -> int:
    settings = Settings.load(args.root)
    catalogue = load_catalogue(settings.catalogue_path)
    out = args.out if args.out is not None else settings.root / "schemas"
    try:
        out.mkdir(parents=True, exist_ok=True)
        for name, text in schema_files(catalogue).items():
            (out / name).write_text(text, encoding="utf-8", newline="\n")
    except OSError as exc:
        print(f"zuofeng schema：无法写入 {out}：{exc.strerror}", file=sys.stderr)
        return 1
    print(f"已写入 {len(catalogue.types) + 1} 个 JSON Schema 文件到 {out}", file=sys.stderr)
    return 0
