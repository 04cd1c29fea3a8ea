"""`zuofeng ledger YEAR`: the year's ledger workbook; it re-imports to exactly the same records."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import REPO
from tests.excel_data import tree_hash
from zuofeng.core.domain.record import Record
from zuofeng.core.project import Settings, load_ledger

HOSTILE = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1:A2)"]


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """A copy of the example project's records."""
    root = tmp_path / "example"
    root.mkdir()
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    shutil.copytree(REPO / "records", root / "records")
    shutil.copytree(REPO / "docs/reports", root / "docs/reports")
    return root


def _confidential_texts(root: Path, year: int) -> set[str]:
    """Ids, slugs, titles, bodies and field texts of a year's confidential records that no public record holds."""
    records = [r for r in load_ledger(Settings.load(root)).index.records if r.year == year]

    def texts(record: Record) -> set[str]:
        values = [record.title, record.body.strip(), record.unit or "", *record.tags]
        values += [v for v in record.fields.values() if isinstance(v, str)]
        return {v for v in values if len(v) > 1}

    public = "\n".join((root / r.path).read_text(encoding="utf-8") for r in records if not r.confidential)
    secret = [r for r in records if r.confidential]
    assert secret
    return {text for r in secret for text in texts(r) if text not in public} | {t for r in secret for t in (r.id, r.slug)}


def test_ledger_sheets_typed_cells_summary_and_no_confidential(example: Path, run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    talk = sorted((example / "records/2023/talk").glob("*.md"))[0]
    (example / "records/2023/amendment").mkdir()
    (example / "records/2023/amendment/2023-12-30-gengzheng.md").write_text(
        "---\ntype: amendment\ndate: 2023-12-30\ntitle: 更正一条谈话记录\n"
        f"target: 2023/talk/{talk.stem}\nreason: 补记谈话时间\napproved_by: 张主任\n---\n", encoding="utf-8")
    out = tmp_path / "l.xlsx"
    result = run_cli("--root", str(example), "ledger", "2023", "--out", str(out))
    assert result.code == 0, result.text
    book = load_workbook(out)
    assert book.sheetnames[0] == "汇总" and "会议" in book.sheetnames and "谈话提醒" not in book.sheetnames
    meetings = book["会议"]
    assert [c.value for c in meetings[1]][:2] == ["日期*", "标题*"]
    dates = [row[0].value for row in meetings.iter_rows(min_row=2) if row[0].value is not None]
    assert dates == sorted(dates) and dates[0].year == 2023 and meetings["A2"].is_date
    header = [c.value for c in meetings[1]]
    assert {meetings.cell(row=2, column=header.index("视频会议") + 1).value} <= {"是", "否"}
    summary = {row[0].value: row[1].value for row in book["汇总"].iter_rows() if row[0].value}
    assert summary["会议"] == len(dates) and summary["谈话提醒"] > 0  # counted, details left out
    assert book.properties.title == "2023年作风建设台账"
    # By content, every cell of every sheet: no confidential record's id, title, body or value, even as a reference.
    cells = [str(c.value) for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.value is not None]
    assert "补记谈话时间" in cells
    leaks = sorted({secret for secret in _confidential_texts(example, 2023) for cell in cells if secret in cell})
    assert leaks == []


def test_internal_ledger_includes_confidential_and_says_so(example: Path, run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "i.xlsx"
    assert run_cli("--root", str(example), "ledger", "2023", "--internal", "--out", str(out)).code == 0
    book = load_workbook(out)
    assert "谈话提醒" in book.sheetnames
    assert book["会议"].oddHeader.center.text == "内部"
    assert book.properties.keywords == "内部" and "内部" in book.properties.title


def test_breaches_highlighted_with_the_rule_message(project, run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    project.record("2024/reception/2024-03-05-a", "type: reception\ndate: 2024-03-05\ntitle: 接待甲\nguest_unit: 市局\n"
                   "guests: 4\nescorts: 6\nletter_no: 函1")
    out = tmp_path / "r.xlsx"
    assert run_cli("--root", str(project.root), "ledger", "2024", "--type", "reception", "--out", str(out)).code == 0
    sheet = load_workbook(out)["公务接待"]
    header = [c.value for c in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("陪同人数*") + 1)
    assert cell.value == 6 and cell.comment is not None
    assert "公务接待陪同人数超标：陪同人数 6 人超过规定" in cell.comment.text


def test_text_that_looks_like_a_formula_stays_text(project, run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for number, text in enumerate(HOSTILE, start=1):
        project.record(f"2024/meeting/2024-03-0{number}-a", f"type: meeting\ndate: 2024-03-0{number}\n"
                       f"title: '{text.replace(chr(39), chr(39) * 2)}'\nunit: '{text.replace(chr(39), chr(39) * 2)}'\nkind: 常务会议")
    out = tmp_path / "x.xlsx"
    assert run_cli("--root", str(project.root), "ledger", "2024", "--out", str(out)).code == 0
    sheet = load_workbook(out)["会议"]
    titles = [sheet.cell(row=n, column=2) for n in range(2, 6)]
    assert sorted(c.value for c in titles) == sorted(HOSTILE)
    assert all(c.data_type == "s" for c in titles)
    with zipfile.ZipFile(out) as package:
        names = [n for n in package.namelist() if n.startswith("xl/worksheets/sheet")]
        assert names and not any(b"<f>" in package.read(n) or b"<f " in package.read(n) for n in names)
    # …and imports back as the same text.
    result = run_cli("--root", str(project.root), "import", str(out))
    assert result.code == 0 and "未变 4 条" in result.out, result.text


def test_same_inputs_same_bytes_and_no_overwrite(example: Path, run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert run_cli("--root", str(example), "ledger", "2024", "--internal", "--out", str(first)).code == 0
    assert run_cli("--root", str(example), "ledger", "2024", "--internal", "--out", str(second)).code == 0
    assert first.read_bytes() == second.read_bytes()
    again = run_cli("--root", str(example), "ledger", "2024", "--out", str(first))
    assert again.code == 1 and "已存在" in again.err
    assert run_cli("--root", str(example), "ledger", "2024", "--out", str(first), "--force").code == 0


@pytest.mark.parametrize("year", [2021, 2022, 2023, 2024])
def test_round_trip_changes_nothing(example: Path, run_cli, tmp_path: Path, year: int) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / f"{year}.xlsx"
    assert run_cli("--root", str(example), "ledger", str(year), "--internal", "--out", str(out)).code == 0
    before = tree_hash(example / "records")
    result = run_cli("--root", str(example), "import", str(out))
    assert result.code == 0, result.text
    total = sum(1 for _ in (example / "records" / str(year)).rglob("*.md"))
    assert f"新增 0 条、未变 {total} 条、更新 0 条" in result.out
    assert tree_hash(example / "records") == before


def test_unknown_type_and_empty_year(example: Path, run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run_cli("--root", str(example), "ledger", "2024", "--type", "meetin", "--out", str(tmp_path / "a.xlsx")).code == 2
    result = run_cli("--root", str(example), "ledger", "1999", "--out", str(tmp_path / "b.xlsx"))
    assert result.code == 1 and "没有任何记录" in result.err
