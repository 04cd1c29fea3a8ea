"""Argument types shared by commands: checked when parsed, so a bad value is a usage error (exit 2)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Callable

FIRST_YEAR, LAST_YEAR = 1949, 2100


def year(text: str) -> int:
    """A report or ledger year, 1949–2100."""
    try:
        value = int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"年份应为四位数字，实际为“{text}”") from None
    if not FIRST_YEAR <= value <= LAST_YEAR:
        raise argparse.ArgumentTypeError(f"年份应在 {FIRST_YEAR}—{LAST_YEAR} 之间，实际为 {value}")
    return value


def output_file(suffix: str) -> Callable[[str], Path]:
    """An output file with that suffix, in a folder that exists (it is never created on a guess)."""
    def check(text: str) -> Path:
        path = Path(text)
        if path.suffix.lower() != suffix:
            raise argparse.ArgumentTypeError(f"输出文件应以 {suffix} 结尾，实际为“{text}”")
        folder = path.parent
        if not folder.is_dir():
            raise argparse.ArgumentTypeError(f"输出文件夹 {folder} 不存在，请先创建或换一个文件夹")
        return path
    return check
