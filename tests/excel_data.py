"""Helpers for the Excel tests: workbooks written with openpyxl and XlsxWriter, re-saved by LibreOffice Calc,
hostile copies, and a hash of a project tree."""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

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


@dataclass(frozen=True)
class Rich:
    """A cell written as several formatted runs (XlsxWriter's write_rich_string), read as their joined text."""

    parts: tuple[str, ...]


def xlsxwriter_workbook(path: Path, sheets: dict[str, Iterable[Iterable[Any]]],
                        merges: dict[str, list[tuple[str, str]]] | None = None) -> Path:
    """Write a workbook as Excel does (XlsxWriter): shared strings, dates as serials with a date format.

    A date becomes a serial number with a `yyyy-mm-dd` format, a bool a boolean cell, a number a
    number, a `Rich` a rich string in several runs; `merges` maps a sheet to (range, text) pairs.
    """
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path))
    date_format = book.add_format({"num_format": "yyyy-mm-dd"})
    bold, red = book.add_format({"bold": True}), book.add_format({"font_color": "red"})
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for ref, text in (merges or {}).get(name, []):
            sheet.merge_range(ref, text, bold)
        for row_number, row in enumerate(rows):
            for column, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, Rich):
                    runs = [part for n, text in enumerate(value.parts) for part in ((bold, red)[n % 2], text)]
                    sheet.write_rich_string(row_number, column, *runs)
                elif isinstance(value, bool):
                    sheet.write_boolean(row_number, column, value)
                elif isinstance(value, (dt.date, dt.datetime)):
                    sheet.write_datetime(row_number, column, value, date_format)
                elif isinstance(value, (int, float)):
                    sheet.write_number(row_number, column, value)
                else:
                    sheet.write_string(row_number, column, str(value))
    book.close()
    return path


def calc_resave(books: Iterable[Path], out: Path, profile: Path) -> list[Path]:
    """Re-save workbooks through LibreOffice Calc headless (one soffice run); the saved copies in `out`."""
    books = list(books)
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(["soffice", f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless",
                    "--convert-to", 'xlsx:Calc MS Excel 2007 XML', "--outdir", str(out), *map(str, books)],
                   check=True, capture_output=True, timeout=300)
    copies = [out / book.name for book in books]
    missing = [copy.name for copy in copies if not copy.exists()]
    if missing:
        raise RuntimeError(f"LibreOffice did not write {missing}")
    return copies


def patched_sheet(source: Path, target: Path, patch: Callable[[bytes], bytes], stored: bool = False,
                  member: str = "xl/worksheets/sheet1.xml") -> Path:
    """A copy of a workbook with one part's XML changed by `patch` (a hand-made hostile file)."""
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", method) as new:
        for info in old.infolist():
            data = old.read(info.filename)
            new.writestr(info.filename, patch(data) if info.filename == member else data, compress_type=method)
    return target
