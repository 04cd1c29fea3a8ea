"""Length limits come before costly work (a title's pinyin, rendering): a huge value is refused at once, by name."""

from __future__ import annotations

import random

import pytest

from tests.conftest import Project
from tests.excel_data import MEETING_HEADER, tree_hash, workbook
from zuofeng.core.input.template import slugify

MEGA = "会" * 1_000_000

def _chinese(count: int, seed: int) -> str:
    """Varied Chinese text: a repeated character would compress like a workbook bomb."""
    rng = random.Random(seed)
    return "".join(chr(rng.randrange(0x4E00, 0x9FA5)) for _ in range(count))


CELL = _chinese(32_000, 1)  # Excel holds at most 32,767 characters in a cell


def test_new_refuses_a_huge_title_before_naming_the_file(project: Project, run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("--root", str(project.root), "new", "meeting", "--date", "2023-03-14", "--title", MEGA,
                     "kind=常务会议")
    assert result.code == 1
    assert "zuofeng new：字段 title（标题）过长（1000000 个字符），最多 200 个字符" in result.err
    assert "records/" not in result.text  # refused before a file name was made of it
    assert not list((project.root / "records").rglob("*.md"))


def test_new_refuses_every_huge_field_at_once(project: Project, run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("--root", str(project.root), "new", "meeting", "--date", "2023-03-14", "--title", "会议",
                     "kind=常务会议", f"unit={'县' * 300}", f"tags=甲,{'乙' * 201}")
    assert result.code == 1
    assert "zuofeng new：字段 unit（牵头/承办单位）过长（300 个字符），最多 200 个字符" in result.err
    assert "zuofeng new：字段 tags（标签）过长（201 个字符），最多 200 个字符" in result.err
    assert not list((project.root / "records").rglob("*.md"))


def test_import_refuses_a_huge_cell_before_rendering(project: Project, run_cli) -> None:  # type: ignore[no-untyped-def]
    book = workbook(project.root / "long.xlsx", {"会议": [
        MEETING_HEADER,
        *[["2024-03-05", CELL + str(n), "县" * 201, None, None, "常务会议"] for n in range(5)],
        ["2024-03-06", "会议", None, None, None, "常务会议", None, None, None, None, _chinese(32_000, 2)],
    ]})
    before = tree_hash(project.root)
    result = run_cli("--root", str(project.root), "import", str(book))
    assert result.code == 1
    assert f"{book}:会议!B2: 标题过长（32001 个字符），最多 200 个字符" in result.out
    assert f"{book}:会议!C6: 牵头/承办单位过长（201 个字符），最多 200 个字符" in result.out
    assert "会议!K7" not in result.out  # a body of 32,000 characters is fine
    assert tree_hash(project.root) == before


def test_check_names_a_huge_title_and_its_limit(project: Project, run_cli) -> None:  # type: ignore[no-untyped-def]
    project.record("2023/meeting/2023-03-14-hui-yi", f"type: meeting\ndate: 2023-03-14\ntitle: {MEGA}\nkind: 常务会议\n")
    result = run_cli("--root", str(project.root), "check")
    assert result.code == 1
    assert "records/2023/meeting/2023-03-14-hui-yi.md:4: 字段 title（标题）过长（1000000 个字符），最多 200 个字符" in result.out


def test_a_huge_text_field_and_a_huge_file_are_refused(project: Project, run_cli) -> None:  # type: ignore[no-untyped-def]
    project.record("2023/amendment/2023-03-14-geng-zheng",
                   f"type: amendment\ndate: 2023-03-14\ntitle: 更正\ntarget: 2023/meeting/x\nreason: {'因' * 20_001}\n")
    (project.root / "records/2023/meeting").mkdir(parents=True)
    (project.root / "records/2023/meeting/2023-03-14-da.md").write_bytes(
        b"---\ntype: meeting\ndate: 2023-03-14\ntitle: x\nkind: \xe5\xb8\xb8\xe5\x8a\xa1\xe4\xbc\x9a\xe8\xae\xae\n---\n"
        + b"a" * (11 * 1024 * 1024))
    result = run_cli("--root", str(project.root), "check")
    assert result.code == 1
    assert "records/2023/amendment/2023-03-14-geng-zheng.md:6: 字段 reason（更正原因）过长（20001 个字符），最多 20000 个字符" in result.out
    assert "records/2023/meeting/2023-03-14-da.md:1: 记录文件过大（超过 10 MB）" in result.out


@pytest.mark.parametrize("title", [MEGA, "！" * 300_000 + "会议"], ids=["chinese", "punctuation"])
def test_a_slug_reads_no_more_of_a_title_than_a_valid_title_holds(title: str) -> None:
    assert slugify(title) == slugify(title[:200])
