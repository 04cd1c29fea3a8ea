"""`zuofeng import --update`: a column the sheet lacks keeps the record's value; an empty cell clears it."""

from __future__ import annotations

from pathlib import Path

from tests.excel_data import tree_hash, workbook

SECRET = """\
type: meeting
date: 2024-03-05
title: 县政府第1次常务会议
unit: 县政府办公室
tags: [八项规定, 乡镇]
confidential: true
kind: 常务会议
duration_min: 90
attendees: 30
"""
RECORD = "records/2024/meeting/2024-03-05-a.md"


def _import(project, run_cli, book: Path, *extra: str):  # type: ignore[no-untyped-def]
    return run_cli("--root", str(project.root), "import", str(book), *extra)


def _record(project):  # type: ignore[no-untyped-def]
    from zuofeng.core.project import Settings, load_ledger

    ledger = load_ledger(Settings.load(project.root))
    assert not [p for p in ledger.problems if p.severity == "error"], ledger.problems
    [record] = ledger.index.records
    return record


def test_missing_columns_keep_the_record_values(project, run_cli) -> None:  # type: ignore[no-untyped-def]
    project.record("2024/meeting/2024-03-05-a", SECRET, "会议纪要正文")
    # No 涉密/内部, 时长, 标签, 单位 or 正文 column: only the number of attendees changes.
    book = workbook(project.root / "m.xlsx", {"会议": [["日期", "标题", "会议类别", "参会人数"],
                                                      ["2024-03-05", "县政府第1次常务会议", "常务会议", 35]]})
    # A present, empty cell clears a field, but a required one cannot be cleared.
    cleared = workbook(project.root / "k.xlsx", {"会议": [["日期", "标题", "会议类别", "参会人数"],
                                                         ["2024-03-05", "县政府第1次常务会议", None, 35]]})
    refused = _import(project, run_cli, cleared, "--update")
    assert refused.code == 1 and f"{cleared}:会议!C2: 必填字段为空：kind" in refused.out
    dry = _import(project, run_cli, book, "--update", "--dry-run")
    assert dry.code == 0, dry.text
    assert f"{book}:会议!2:2: 更新 {RECORD}：参会人数：30 → 35" in dry.out
    assert "涉密" not in dry.out and "时长" not in dry.out
    result = _import(project, run_cli, book, "--update")
    assert result.code == 0, result.text
    assert "新增 0 条、未变 0 条、更新 1 条" in result.out
    record = _record(project)
    assert record.confidential is True
    assert (record.unit, record.tags, record.body.strip()) == ("县政府办公室", ("八项规定", "乡镇"), "会议纪要正文")
    assert (record.fields["kind"], record.fields["duration_min"], record.fields["attendees"]) == ("常务会议", 90, 35)


def test_a_sheet_saying_the_same_in_fewer_columns_is_unchanged(project, run_cli) -> None:  # type: ignore[no-untyped-def]
    project.record("2024/meeting/2024-03-05-a", SECRET)
    book = workbook(project.root / "m.xlsx", {"会议": [["日期", "标题", "会议类别"],
                                                      ["2024-03-05", "县政府第1次常务会议", "常务会议"]]})
    before = tree_hash(project.root / "records")
    result = _import(project, run_cli, book)
    assert result.code == 0, result.text
    assert "新增 0 条、未变 1 条、更新 0 条" in result.out
    assert tree_hash(project.root / "records") == before


def test_present_empty_cells_clear_and_every_change_is_named(project, run_cli) -> None:  # type: ignore[no-untyped-def]
    project.record("2024/meeting/2024-03-05-a", SECRET, "会议纪要正文")
    book = workbook(project.root / "m.xlsx", {"会议": [
        ["日期", "标题", "会议类别", "涉密/内部", "时长（分钟）", "标签", "正文"],
        ["2024-03-05", "县政府第1次常务会议", "常务会议", "否", 120, None, None]]})
    before = tree_hash(project.root / "records")
    refused = _import(project, run_cli, book)
    assert refused.code == 1 and tree_hash(project.root / "records") == before
    line = next(l for l in refused.out.splitlines() if RECORD in l)
    for change in ("时长（分钟）：90 → 120", "涉密/内部：是 → 否", "标签：八项规定、乡镇 → （空）", "正文：会议纪要正文 → （空）"):
        assert change in line, line
    assert "确需更新请加 --update" in line and "参会人数" not in line
    assert _import(project, run_cli, book, "--update").code == 0
    record = _record(project)
    assert (record.confidential, record.tags, record.body.strip()) == (False, (), "")
    assert (record.fields["duration_min"], record.fields["attendees"], record.unit) == (120, 30, "县政府办公室")


def test_unit_option_fills_only_what_the_record_lacks(project, run_cli) -> None:  # type: ignore[no-untyped-def]
    project.record("2024/meeting/2024-03-05-a", SECRET)
    book = workbook(project.root / "m.xlsx", {"会议": [["日期", "标题", "会议类别", "参会人数"],
                                                      ["2024-03-05", "县政府第1次常务会议", "常务会议", 31]]})
    assert _import(project, run_cli, book, "--update", "--unit", "石门镇").code == 0
    assert _record(project).unit == "县政府办公室"
