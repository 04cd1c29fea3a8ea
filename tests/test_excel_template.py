"""`zuofeng template`: the Excel template of a record type, from the catalogue, byte-reproducible."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook


def test_template_has_labels_validations_and_guide(project, run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "m.xlsx"
    result = run_cli("--root", str(project.root), "template", "meeting", "--out", str(out))
    assert result.code == 0, result.text
    book = load_workbook(out)
    assert book.sheetnames == ["会议", "填写说明"]
    sheet = book["会议"]
    header = [c.value for c in sheet[1]]
    assert header[:2] == ["日期*", "标题*"] and "会议类别*" in header and header[-1] == "正文"
    assert "记录类型" not in header  # the sheet says the type
    assert sheet.freeze_panes == "A2"
    kinds = {str(v.sqref).split(":")[0]: (v.type, v.formula1) for v in sheet.data_validations.dataValidation}
    column = {h: chr(ord("A") + n) for n, h in enumerate(header)}
    assert kinds[column["会议类别*"] + "2"] == ("list", '"常务会议,全体会议,专题会议,党组会议,廉政工作会议,电视电话会议"')
    assert kinds[column["视频会议"] + "2"] == ("list", '"是,否"')
    assert kinds[column["日期*"] + "2"][0] == "date"
    assert kinds[column["参会人数"] + "2"] == ("whole", "0")
    assert kinds[column["标题*"] + "2"] == ("textLength", "200")  # one line, as `check` wants it
    assert sheet.column_dimensions[column["标题*"]].width >= 10
    guide = [[c.value for c in row] for row in book["填写说明"].iter_rows()]
    assert ["会议", "会议类别*", "kind", "选项", "是"] == guide[[r[2] for r in guide].index("kind")][:5]


def test_same_inputs_same_bytes_and_fixed_zip_times(project, run_cli, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert run_cli("--root", str(project.root), "template", "reception", "--out", str(first)).code == 0
    assert run_cli("--root", str(project.root), "template", "reception", "--out", str(second)).code == 0
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as package:
        assert {info.date_time for info in package.infolist()} == {(2000, 1, 1, 0, 0, 0)}
        core = package.read("docProps/core.xml").decode()
        assert core.count("2000-01-01T00:00:00Z") == 2  # created and modified, not the current time
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    third = tmp_path / "c.xlsx"
    assert run_cli("--root", str(project.root), "template", "reception", "--out", str(third)).code == 0
    assert load_workbook(third).properties.created.year == 2023


def test_never_overwrites_without_force(project, run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "m.xlsx"
    out.write_bytes(b"mine")
    result = run_cli("--root", str(project.root), "template", "meeting", "--out", str(out))
    assert result.code == 1 and "已存在" in result.err and out.read_bytes() == b"mine"
    assert run_cli("--root", str(project.root), "template", "meeting", "--out", str(out), "--force").code == 0
    assert load_workbook(out).sheetnames == ["会议", "填写说明"]


def test_all_types_but_administrative_ones(project, run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "all.xlsx"
    assert run_cli("--root", str(project.root), "template", "--all", "--out", str(out)).code == 0
    names = load_workbook(out).sheetnames
    assert "会议" in names and "谈话提醒" in names and names[-1] == "填写说明"
    assert "上年基数" not in names and "更正" not in names


def test_usage_and_unknown_type(project, run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run_cli("--root", str(project.root), "template").code == 2
    result = run_cli("--root", str(project.root), "template", "meeting", "--all")
    assert result.code == 2
    result = run_cli("--root", str(project.root), "template", "meetin", "--out", str(tmp_path / "x.xlsx"))
    assert result.code == 1 and "未知的记录类型" in result.err and not (tmp_path / "x.xlsx").exists()
