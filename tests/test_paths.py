"""Paths and names: hostile field values and file names never escape the site or hide in output."""

from __future__ import annotations

import posixpath

import pytest

from tests.conftest import Project
from zuofeng.site.browse import slugs

HOSTILE = [
    "../../etc/passwd", "/etc/passwd", "..", ".", "", "a/../../b", "C:\\Windows\\system32", "a\x00b",
    "城关\u202eexe.镇", "城\u200b关\u200d镇", "城关镇／乡", "ＡＢＣ．．／", "\\\\server\\share", "镇" * 5000,
    "~root", "a\nb\rc", "\U0001f600", "%2e%2e%2f", "a b\tc",
]


@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_unit_and_tag_folders_are_one_plain_segment(value: str) -> None:
    # Units and tags name folders of the site (records/units/<slug>/): the one place a value becomes a path.
    segment = slugs([value])[value]
    assert segment and segment not in (".", "..")
    assert "/" not in segment and "\\" not in segment and "%" not in segment
    assert posixpath.normpath(f"site/tags/{segment}/index.html").startswith("site/tags/")
    assert all(c.isascii() and (c.isalnum() or c == "-") for c in segment), segment


def test_unit_folders_separate_lookalikes() -> None:
    lookalikes = ["城关镇", "城\u200b关镇", "城关镇/", "城关镇／"]
    assert len(set(slugs(lookalikes).values())) == len(lookalikes)
    assert slugs(["城关镇"]) == {"城关镇": "cheng-guan-zhen"}


BAD_NAMES = {
    "nul": "2023-03-14-a\x01b",
    "rtl-override": "2023-03-14-会议\u202egpj",
    "zero-width": "2023-03-14-会\u200b议",
    "fullwidth-slash": "2023-03-14-a／b",
    "fullwidth-date": "２０２３-03-14-a",
    "dotdot": "2023-03-14-..",
    "space": "2023-03-14-a b",
    "too-long": "2023-03-14-" + "会" * 80,
    "newline": "2023-03-14-a\n",
}


@pytest.mark.parametrize("name", list(BAD_NAMES), ids=list(BAD_NAMES))
def test_record_file_names_with_odd_characters_are_rejected(name: str, project: Project, run_cli) -> None:
    stem = BAD_NAMES[name]
    project.record(f"2023/meeting/{stem}", "type: meeting\ndate: 2023-03-14\ntitle: 会\nkind: 常务会议")
    result = run_cli("--root", str(project.root), "check")
    assert result.code == 1, result.text
    [line] = [row for row in result.out.splitlines() if row.startswith("records/2023/meeting/")]
    assert line.endswith(("文件名应为 YYYY-MM-DD-名称.md，名称只含字母、数字、汉字、- 和 _", "请重命名")) or "文件名过长" in line, line
    # The line is printable: no control or invisible character reaches the terminal.
    assert line.isprintable(), repr(line)
    assert "Traceback" not in result.text


def test_year_folder_with_other_scripts_digits_is_rejected(project: Project, run_cli) -> None:
    project.record("٢٠٢٣/meeting/2023-03-14-a", "type: meeting\ndate: 2023-03-14\ntitle: 会\nkind: 常务会议")
    result = run_cli("--root", str(project.root), "check")
    assert result.code == 1
    assert "年份文件夹 ٢٠٢٣ 应为四位数字年份" in result.out
