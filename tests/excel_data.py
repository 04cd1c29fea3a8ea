"""Helpers for the Excel tests: workbooks written with openpyxl, and a hash of a project tree."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, Iterable

from openpyxl import Workbook, load_workbook

MEETING_HEADER = ["日期*", "标题*", "牵头/承办单位", "标签", "涉密/内部", "会议类别*", "时长（分钟）", "参会人数",
                  "合并召开", "视频会议", "正文"]


def workbook(path: Path, sheets: dict[str, Iterable[Iterable[Any]]]) -> Path:
    """Write a workbook with one sheet per name, rows as given."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    book.save(path)
    return path


def fill(template: Path, sheet: str, rows: Iterable[Iterable[Any]]) -> Path:
    """Append rows to a sheet of a workbook (e.g. a template zuofeng wrote)."""
    book = load_workbook(template)
    for row in rows:
        book[sheet].append(list(row))
    book.save(template)
    return template


def tree_hash(root: Path) -> str:
    """One hash of every file and folder below root (names and contents)."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        digest.update(path.relative_to(root).as_posix().encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()
