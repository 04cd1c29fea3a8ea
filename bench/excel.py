#!/usr/bin/env python3
"""`make bench`, Excel part: a generated N-row sheet (default 10,000) imported with --dry-run and for real.

Each import runs as a child process (`measure` from run.py: wall seconds, peak RSS, CPU seconds).
Rows from EXCEL_ROWS. Prints one table line per run and returns the figures.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import BIN, measure  # noqa: E402

KINDS = ("常务会议", "专题会议", "党组会议", "全体会议")


def make_workbook(path: Path, rows: int) -> None:
    """A meeting sheet in the template's layout, one row per meeting, spread over one year."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("会议")
    sheet.append(["日期*", "标题*", "牵头/承办单位", "标签", "涉密/内部", "会议类别*", "时长（分钟）", "参会人数", "合并召开", "视频会议", "正文"])
    start = dt.date(2024, 1, 1)
    for n in range(rows):
        sheet.append([start + dt.timedelta(days=n % 366), f"第{n + 1}次{KINDS[n % 4]}", "县政府办公室", "八项规定、乡镇",
                      "否", KINDS[n % 4], 60 + n % 60, 20 + n % 30, "否", "是" if n % 3 == 0 else "否", f"会议纪要第{n + 1}号"])
    book.save(path)


def bench_import(rows: int) -> list[dict[str, object]]:
    """Wall time, CPU time and peak memory of `zuofeng import` on a fresh project, dry run and real."""
    results = []
    with tempfile.TemporaryDirectory(prefix="zuofeng-excel-bench-") as scratch:
        project = Path(scratch)
        (project / "records").mkdir()
        (project / "pyproject.toml").write_text('[tool.zuofeng]\nrecords = "records"\n', encoding="utf-8")
        book = project / "bench.xlsx"
        make_workbook(book, rows)
        for label, extra in (("import --dry-run", ["--dry-run"]), ("import", [])):
            seconds, mb, cpu = measure([str(BIN / "zuofeng"), "import", str(book), *extra], project)
            results.append({"command": label, "rows": rows, "seconds": seconds, "mb": mb, "cpu": cpu})
        written = sum(1 for _ in (project / "records").rglob("*.md"))
        if written != rows:
            sys.exit(f"import wrote {written} records, expected {rows}")
    return results


def main() -> None:
    rows = int(os.environ.get("EXCEL_ROWS", "10000"))
    print("| Excel 导入 | 行数 | 秒 | CPU秒 | 峰值 MB |\n|---|---:|---:|---:|---:|")
    for result in bench_import(rows):
        print(f"| {result['command']} | {result['rows']} | {result['seconds']} | {result['cpu']} | {result['mb']} |")


if __name__ == "__main__":
    main()
