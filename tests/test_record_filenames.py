"""File names that cannot clash: titles whose pinyin starts alike, and identical same-day titles, each get a file."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, Project
from tests.excel_data import MEETING_HEADER, workbook
from zuofeng.core.domain.record import Record
from zuofeng.core.input.template import record_filename
from zuofeng.core.project import Settings, load_ledger

# Two titles whose first 40 pinyin characters are the same (the slug keeps no more).
LONG_A = "常务副县长李华到示例县恒通物流有限公司调研营商环境工作"
LONG_B = "常务副县长李华到示例县华信电子有限公司调研安全生产工作"
STEM = "2024-03-05-chang-wu-fu-xian-zhang-li-hua-dao-shi-li"


def _records(project: Project) -> list[str]:
    return sorted(p.relative_to(project.root / "records").as_posix() for p in (project.root / "records").rglob("*.md"))


def _titles(root: Path) -> dict[str, str]:
    return {r.id: r.title for r in load_ledger(Settings.load(root)).index.records}


def test_a_taken_name_gets_the_next_number() -> None:
    taken = {f"{STEM}.md", f"{STEM}-2.md"}
    assert record_filename("2024-03-05", LONG_A) == f"{STEM}.md"
    assert record_filename("2024-03-05", LONG_B, taken.__contains__) == f"{STEM}-3.md"
    assert record_filename("2024-03-05", "会议", set().__contains__) == "2024-03-05-hui-yi.md"


def test_import_gives_every_row_its_own_file(project: Project, run_cli) -> None:  # type: ignore[no-untyped-def]
    book = workbook(project.root / "m.xlsx", {"会议": [
        MEETING_HEADER,
        ["2024-03-05", LONG_A, None, None, None, "专题会议"],
        ["2024-03-05", LONG_B, None, None, None, "专题会议"],
        ["2024-03-05", "接待省交通运输厅调研组", None, None, None, "专题会议", 30],
        ["2024-03-05", "接待省交通运输厅调研组", None, None, None, "专题会议", 60],
    ]})
    result = run_cli("--root", str(project.root), "import", str(book))
    assert result.code == 0, result.text
    assert "新增 4 条" in result.out
    assert f"{book}:会议!5:5: 警告：与工作表“会议”第 4 行的类型、日期、标题都相同，作为另一条记录导入" in result.out
    assert _records(project) == [
        f"2024/meeting/{STEM}-2.md", f"2024/meeting/{STEM}.md",
        "2024/meeting/2024-03-05-jie-dai-sheng-jiao-tong-yun-shu-ting-2.md",
        "2024/meeting/2024-03-05-jie-dai-sheng-jiao-tong-yun-shu-ting.md",
    ]
    titles = _titles(project.root)
    assert titles[f"2024/meeting/{STEM}"] == LONG_A and titles[f"2024/meeting/{STEM}-2"] == LONG_B
    assert run_cli("--root", str(project.root), "check").code == 0
    # The same workbook again: each row matches its record, whatever the file is called.
    again = run_cli("--root", str(project.root), "import", str(book))
    assert again.code == 0, again.text
    assert "新增 0 条、未变 4 条" in again.out


def test_import_never_renames_an_existing_file(project: Project, run_cli) -> None:  # type: ignore[no-untyped-def]
    old = project.record(f"2024/meeting/{STEM}", f"type: meeting\ndate: 2024-03-05\ntitle: {LONG_B}\nkind: 专题会议\n")
    before = old.read_bytes()
    book = workbook(project.root / "m.xlsx", {"会议": [MEETING_HEADER, ["2024-03-05", LONG_A, None, None, None, "专题会议"]]})
    result = run_cli("--root", str(project.root), "import", str(book))
    assert result.code == 0, result.text
    assert old.read_bytes() == before
    assert _titles(project.root)[f"2024/meeting/{STEM}-2"] == LONG_A


def test_new_never_refuses_for_a_name_clash(project: Project, run_cli) -> None:  # type: ignore[no-untyped-def]
    root = str(project.root)
    first = run_cli("--root", root, "new", "meeting", "--date", "2024-03-05", "--title", LONG_A, "kind=专题会议")
    assert first.code == 0, first.text
    path = project.root / first.out.strip()
    path.write_text(path.read_text(encoding="utf-8") + "手写的正文\n", encoding="utf-8")
    second = run_cli("--root", root, "new", "meeting", "--date", "2024-03-05", "--title", LONG_B, "kind=专题会议")
    assert second.code == 0, second.text
    assert second.out.strip() == f"records/2024/meeting/{STEM}-2.md"
    assert f"已有 records/2024/meeting/{STEM}.md" in second.err
    # Same name up to case is the same record id: the next number is taken.
    path.rename(path.with_name(path.name.replace("chang", "CHANG")))
    third = run_cli("--root", root, "new", "meeting", "--date", "2024-03-05", "--title", LONG_A, "kind=专题会议")
    assert third.code == 0, third.text
    assert third.out.strip() == f"records/2024/meeting/{STEM}-3.md"
    assert path.with_name(path.name.replace("chang", "CHANG")).read_text(encoding="utf-8").endswith("手写的正文\n")
    assert run_cli("--root", root, "check").code == 0


def _content(record: Record) -> tuple[Any, ...]:
    """What a record says, whatever its file is called (where a notice's problem sat is not content)."""
    fields = {name: tuple(tuple(sorted((k, v) for k, v in item.items() if k != "_line")) for item in value)
              if isinstance(value, tuple) and value and hasattr(value[0], "items") else value
              for name, value in record.fields.items()}
    return (record.type, record.date, record.title, record.unit, record.tags, record.confidential,
            tuple(sorted(fields.items())), record.body.strip())


@pytest.fixture
def example(tmp_path: Path) -> Path:
    root = tmp_path / "example"
    root.mkdir()
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    shutil.copytree(REPO / "records", root / "records")
    return root


def test_ledger_round_trips_into_an_empty_tree(example: Path, tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    original = load_ledger(Settings.load(example)).index.records
    clean = tmp_path / "clean"
    (clean / "records").mkdir(parents=True)
    shutil.copy(example / "pyproject.toml", clean / "pyproject.toml")
    exported = set()
    for year in sorted({r.year for r in original}):
        out = tmp_path / f"{year}.xlsx"
        ledger = run_cli("--root", str(example), "ledger", str(year), "--internal", "--out", str(out))
        if ledger.code != 0:  # a year of baselines only: the ledger holds no sheet for them
            assert "没有任何记录" in ledger.err
            continue
        exported.add(year)
        result = run_cli("--root", str(clean), "import", str(out))
        assert result.code == 0, result.text
    assert exported == {2021, 2022, 2023, 2024}
    wanted = Counter(_content(r) for r in original if r.year in exported)
    arrived = Counter(_content(r) for r in load_ledger(Settings.load(clean)).index.records)
    assert arrived == wanted
    same = [c for c in arrived if c[0] == "reception" and c[2] == "接待市生态环境局检查组" and c[1].isoformat() == "2021-03-24"]
    assert sum(arrived[c] for c in same) == 2  # two same-day receptions of one delegation, both arrived
    assert run_cli("--root", str(clean), "check").code == 0
