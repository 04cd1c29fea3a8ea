"""Workbook bombs: `zuofeng import` reads bounded, and refuses a hostile file with the limit it passed.

Each hostile file is a valid small workbook with one part's XML replaced by hand (zipfile).
"""

from __future__ import annotations

import os
import re
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import Project
from tests.excel_data import MEETING_HEADER, patched_sheet, tree_hash, workbook
from zuofeng.excel import limits
from zuofeng.excel.limits import Limits

ROW = ["2024-03-05", "会议甲", "县政府办公室", None, None, "常务会议"]
ADDRESS_SPACE = 1024 ** 3  # the import runs in 1 GB of address space: a bomb must end in the message, not MemoryError


@pytest.fixture
def base(tmp_path: Path) -> Path:
    """A valid one-row meeting workbook to make hostile copies of."""
    return workbook(tmp_path / "base.xlsx", {"会议": [MEETING_HEADER, ROW]})


def _with(xml: bytes, before: bytes, insert: bytes) -> bytes:
    assert before in xml
    return xml.replace(before, insert + before, 1)


def _no_dimension(xml: bytes) -> bytes:
    return re.sub(rb"<dimension[^>]*/>", b"", xml)


def _refused(project: Project, run_cli, book: Path, message: str) -> None:  # type: ignore[no-untyped-def]
    before = tree_hash(project.root)
    result = run_cli("--root", str(project.root), "import", str(book))
    assert result.code == 1, result.text
    assert message in result.text, result.text
    assert f"{book.name}:" in result.text
    assert "Traceback" not in result.text and "Error" not in result.text
    assert tree_hash(project.root) == before


def _limited_import(project: Project, book: Path) -> subprocess.CompletedProcess[str]:
    """`zuofeng import` as a child process limited to ADDRESS_SPACE bytes of memory."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))

    command = [str(Path(sys.executable).parent / "zuofeng"), "--root", str(project.root), "import", str(book)]
    return subprocess.run(command, capture_output=True, text=True, preexec_fn=limit, timeout=600,
                          env={**os.environ, "PYTHONUNBUFFERED": "1"})


def test_merged_range_to_the_end_of_the_sheet(project, run_cli, base, tmp_path) -> None:  # type: ignore[no-untyped-def]
    bomb = patched_sheet(base, tmp_path / "merge.xlsx", lambda xml: _with(
        xml, b"<pageMargins", b'<mergeCells count="1"><mergeCell ref="A2:XFD1048576"/></mergeCells>'))
    assert bomb.stat().st_size < 10_000
    _refused(project, run_cli, bomb, "工作表“会议”的合并单元格合计超过上限 1,000,000 格（A2:XFD1048576）")


def test_merged_range_bomb_ends_in_the_message_within_bounded_memory(project, base, tmp_path) -> None:  # type: ignore[no-untyped-def]
    bomb = patched_sheet(base, tmp_path / "merge.xlsx", lambda xml: _with(
        xml, b"<pageMargins", b'<mergeCells count="1"><mergeCell ref="A2:XFD1048576"/></mergeCells>'))
    result = _limited_import(project, bomb)
    assert result.returncode == 1, result.stderr[-2000:]
    assert "合并单元格合计超过上限" in result.stdout + result.stderr
    assert "MemoryError" not in result.stderr and "Traceback" not in result.stderr


def test_compressed_empty_rows_end_in_the_message_within_bounded_memory(project, base, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # 20 million empty <row/> elements and no <dimension>: 120 MB of XML in a zip of about 180 KB.
    bomb = patched_sheet(base, tmp_path / "rows.xlsx", lambda xml: _with(
        _no_dimension(xml), b"</sheetData>", b"<row/>" * 20_000_000))
    assert bomb.stat().st_size < 1_000_000
    result = _limited_import(project, bomb)
    assert result.returncode == 1, result.stderr[-2000:]
    assert "解压后超过上限" in result.stdout + result.stderr
    assert "MemoryError" not in result.stderr and "Traceback" not in result.stderr
    assert not list((project.root / "records").rglob("*.md"))


def test_empty_rows_count_as_rows(project, run_cli, base, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # Stored (not compressed): small enough to pass the size limits, so the row count stops it.
    bomb = patched_sheet(base, tmp_path / "rows.xlsx", lambda xml: _with(
        _no_dimension(xml), b"</sheetData>", b"<row/>" * 300_000), stored=True)
    _refused(project, run_cli, bomb, "工作表“会议”的行数超过上限 50,000 行")


def test_too_many_cells(project, run_cli, base, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(limits, "LIMITS", Limits(cells=10_000))  # the default 1,000,000 is as bounded, only slower
    rows = b"".join(b'<row r="%d">' % n + b"<c/>" * 1_000 + b"</row>" for n in range(3, 14))
    bomb = patched_sheet(base, tmp_path / "cells.xlsx", lambda xml: _with(xml, b"</sheetData>", rows), stored=True)
    _refused(project, run_cli, bomb, "工作簿的单元格数超过上限 10,000 个（在工作表“会议”第 12 行）")


def test_a_value_far_to_the_right(project, run_cli, base, tmp_path) -> None:  # type: ignore[no-untyped-def]
    cell = b'<c r="KN2" t="inlineStr"><is><t>x</t></is></c>'
    bomb = patched_sheet(base, tmp_path / "wide.xlsx", lambda xml: _with(xml, b"</row></sheetData>", cell))
    _refused(project, run_cli, bomb, "工作表“会议”的列数超过上限 200 列")


def test_too_many_merged_ranges(project, run_cli, base, tmp_path) -> None:  # type: ignore[no-untyped-def]
    merges = b"".join(b'<mergeCell ref="L%d:M%d"/>' % (n, n) for n in range(1, 10_002))
    bomb = patched_sheet(base, tmp_path / "merges.xlsx", lambda xml: _with(
        xml, b"<pageMargins", b"<mergeCells>" + merges + b"</mergeCells>"))
    _refused(project, run_cli, bomb, "工作表“会议”的合并单元格区域超过上限 10,000 个")


def test_a_part_over_the_size_limit(project, run_cli, base, tmp_path) -> None:  # type: ignore[no-untyped-def]
    padding = b"<row/>" * (41 * 1024 ** 2 // 6)
    bomb = patched_sheet(base, tmp_path / "big.xlsx", lambda xml: _with(xml, b"</sheetData>", padding))
    _refused(project, run_cli, bomb, "工作簿中的“xl/worksheets/sheet1.xml”解压后超过上限 40 MB")


def test_a_zip_bomb_by_compression_ratio(project, run_cli, base, tmp_path) -> None:  # type: ignore[no-untyped-def]
    padding = b"<row/>" * (8 * 1024 ** 2 // 6)  # 8 MB that deflates about 600 to 1
    bomb = patched_sheet(base, tmp_path / "ratio.xlsx", lambda xml: _with(xml, b"</sheetData>", padding))
    _refused(project, run_cli, bomb, "的压缩比超过上限 400 倍")


def test_deep_nesting_and_rich_text_runs(project, run_cli, base, tmp_path) -> None:  # type: ignore[no-untyped-def]
    deep = patched_sheet(base, tmp_path / "deep.xlsx", lambda xml: _with(
        xml, b"</sheetData>", b"<x>" * 100_000 + b"</x>" * 100_000))
    _refused(project, run_cli, deep, "XML 嵌套超过上限 64 层")
    runs = b'<c r="C2" t="inlineStr"><is>' + b"<r><t>x</t></r>" * 2_000 + b"</is></c>"
    rich = patched_sheet(base, tmp_path / "runs.xlsx", lambda xml: _with(xml, b"</row></sheetData>", runs))
    _refused(project, run_cli, rich, "工作表“会议”的单元格 C2 分段超过上限 1,000 段")


def test_too_many_shared_strings(project, run_cli, base, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(limits, "LIMITS", Limits(strings=10_000))
    table = (b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
             b'2006/main">' + b"<si><t/></si>" * 10_001 + b"</sst>")
    bomb = tmp_path / "strings.xlsx"
    with zipfile.ZipFile(base) as old, zipfile.ZipFile(bomb, "w", zipfile.ZIP_STORED) as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = _with(data, b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                             b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
            new.writestr(info.filename, data)
        new.writestr("xl/sharedStrings.xml", table)
    _refused(project, run_cli, bomb, "共享字符串超过上限 10,000 条")


def test_a_real_sized_ledger_sheet_is_within_the_limits(project, run_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    rows = [[f"2024-{1 + n % 12:02d}-{1 + n % 28:02d}", f"会议{n}", "县政府办公室", None, None, "常务会议"]
            for n in range(1_000)]
    book = workbook(tmp_path / "ledger.xlsx", {"会议": [["2024年会议台账"], MEETING_HEADER, *rows]})
    result = run_cli("--root", str(project.root), "import", str(book), "--dry-run")
    assert result.code == 0, result.text[-2000:]
    assert "新增 1000 条" in result.out
