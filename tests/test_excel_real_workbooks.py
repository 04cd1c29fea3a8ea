"""`zuofeng import` on workbooks as Excel, WPS and LibreOffice Calc write them: shared strings, rich text,
styles, dates as serials and as text, merged headers, a title row above the header."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
import yaml

from tests.conftest import Project
from tests.excel_data import Rich, calc_resave, fill, patched_sheet, xlsxwriter_workbook
from zuofeng.cli.main import main
from zuofeng.excel.reader import Unreadable, read_workbook

# A title row merged above the header, a header merged over two columns (C:D), a data row merged
# over the same two columns, a unit merged down two rows; dates as serials, as text and with a time.
HEADER = ["日期*", "标题*", "牵头/承办单位", None, "标签", "涉密/内部", "会议类别*", "时长（分钟）", "参会人数", "视频会议", "正文"]
ROWS = [
    [None] * 11,  # the merged title row
    HEADER,
    [dt.date(2024, 3, 5), Rich(("县政府", "第3次常务会议")), None, None, "八项规定、作风", False, "常务会议", 90, 30, True,
     "研究春耕\n部署防汛"],
    ["2024年3月6日", "县政府专题会议", None, None, None, None, "专题会议", 45.0, 12, False, None],
    [dt.datetime(2024, 3, 7, 15, 30), "党组会议", None, None, None, None, "党组会议", None, None, None, None],
]
MERGES = {"会议": [("A1:K1", "2024年3月会议台账"), ("C2:D2", "牵头/承办单位"), ("C3:D3", "县政府办公室"),
                   ("C4:C5", "县纪委监委")]}
EXPECTED = {
    "县政府第3次常务会议": {"date": "2024-03-05", "unit": "县政府办公室", "tags": ["八项规定", "作风"], "kind": "常务会议",
                           "duration_min": 90, "attendees": 30, "video": True},
    "县政府专题会议": {"date": "2024-03-06", "unit": "县纪委监委", "kind": "专题会议", "duration_min": 45,
                       "attendees": 12, "video": False},
    "党组会议": {"date": "2024-03-07", "unit": "县纪委监委", "kind": "党组会议"},
}
TEMPLATE_ROWS = [["2024/3/5", "县政府第1次常务会议", "县政府办公室", "八项规定、乡镇", "否", "常务会议", "90", 30, "是", None,
                  "研究春耕"],
                 [dt.datetime(2024, 3, 6), "县政府专题会议", "县纪委监委", None, None, "专题会议", 60, None, None, "是"]]


@pytest.fixture(scope="module")
def books(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The test workbooks as written (template + openpyxl, XlsxWriter) and as Calc re-saved them, in one soffice run."""
    root = tmp_path_factory.mktemp("real-workbooks")
    maker = Project(root / "maker")
    written = root / "written"
    written.mkdir()
    template = written / "template.xlsx"
    assert main(["--root", str(maker.root), "template", "meeting", "--out", str(template)]) == 0
    fill(template, "会议", TEMPLATE_ROWS)
    excel = xlsxwriter_workbook(written / "excel.xlsx", {"会议": ROWS}, MERGES)
    bad_rows = [*ROWS[:4], [*ROWS[4][:8], "三十人", *ROWS[4][9:]]]
    bad = xlsxwriter_workbook(written / "bad.xlsx", {"会议": bad_rows}, MERGES)
    saved = calc_resave([template, excel, bad], root / "calc", root / "lo-profile")
    return {"template": template, "excel": excel, "bad": bad,
            **{f"calc-{book.stem}": copy for book, copy in zip([template, excel, bad], saved)}}


def _import(tmp_path: Path, run_cli, book: Path):  # type: ignore[no-untyped-def]
    project = Project(tmp_path / "project")
    return project, run_cli("--root", str(project.root), "import", str(book))


def _fronts(project: Project) -> dict[str, dict]:  # type: ignore[type-arg]
    """Every written record's front matter (dates as text), by title."""
    fronts = {}
    for path in (project.root / "records").rglob("*.md"):
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        fronts[front["title"]] = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in front.items()}
    return fronts


def _assert_expected(project: Project) -> None:
    fronts = _fronts(project)
    assert sorted(fronts) == sorted(EXPECTED)
    for title, fields in EXPECTED.items():
        assert {name: fronts[title].get(name) for name in fields} == fields, title
        assert fronts[title].get("confidential") in (None, False)
    body = next((project.root / "records").rglob("*chang-wu*.md")).read_text(encoding="utf-8")
    assert "研究春耕\n部署防汛" in body


def test_writers_store_text_in_a_shared_string_table(books) -> None:  # type: ignore[no-untyped-def]
    for name in ("excel", "calc-template", "calc-excel"):
        with zipfile.ZipFile(books[name]) as package:
            assert "xl/sharedStrings.xml" in package.namelist(), name
    with zipfile.ZipFile(books["excel"]) as package:
        assert b"<r>" in package.read("xl/sharedStrings.xml")  # the rich title is stored in runs


def test_template_filled_and_resaved_by_calc_imports(books, tmp_path, run_cli) -> None:  # type: ignore[no-untyped-def]
    project, result = _import(tmp_path, run_cli, books["calc-template"])
    assert result.code == 0, result.text
    assert "新增 2 条" in result.out
    fronts = _fronts(project)
    assert fronts["县政府第1次常务会议"]["date"] == "2024-03-05" and fronts["县政府第1次常务会议"]["merged"] is True
    assert fronts["县政府专题会议"]["date"] == "2024-03-06" and fronts["县政府专题会议"]["video"] is True
    assert run_cli("--root", str(project.root), "check").code == 0


@pytest.mark.parametrize("name", ["excel", "calc-excel"])
def test_excel_style_workbook_imports_with_the_right_values(books, tmp_path, run_cli, name) -> None:  # type: ignore[no-untyped-def]
    project, result = _import(tmp_path, run_cli, books[name])
    assert result.code == 0, result.text
    assert "新增 3 条" in result.out
    _assert_expected(project)
    assert run_cli("--root", str(project.root), "check").code == 0


@pytest.mark.parametrize("name", ["bad", "calc-bad"])
def test_a_bad_cell_is_named_by_sheet_and_cell(books, tmp_path, run_cli, name) -> None:  # type: ignore[no-untyped-def]
    project, result = _import(tmp_path, run_cli, books[name])
    assert result.code == 1
    assert f"{books[name].name}:会议!I5: 参会人数应为整数，实际为“三十人”" in result.text
    assert "Traceback" not in result.text
    assert not list((project.root / "records").rglob("*.md"))


def test_cell_values_read_from_the_shared_string_table(books) -> None:  # type: ignore[no-untyped-def]
    for name in ("excel", "calc-excel"):
        rows = read_workbook(books[name])[0].rows
        assert rows[1][1] == "2024年3月会议台账" and rows[2][3] == "牵头/承办单位"
        assert rows[3][2] == "县政府第3次常务会议"  # two rich-text runs, one value
        assert rows[3][1] == dt.datetime(2024, 3, 5) and rows[3][6] is False and rows[3][10] is True
        assert rows[4][1] == "2024年3月6日"


def test_a_missing_shared_string_is_an_unreadable_cell(books, tmp_path) -> None:  # type: ignore[no-untyped-def]
    broken = patched_sheet(books["excel"], tmp_path / "broken.xlsx",
                           lambda xml: xml.replace(b'<c r="B4" t="s"><v>', b'<c r="B4" t="s"><v>9999', 1))
    cell = read_workbook(broken)[0].rows[4][2]
    assert isinstance(cell, Unreadable) and "共享字符串" in cell.reason
