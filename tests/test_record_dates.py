"""Implausible dates (1899, 1948, 9999) are refused whatever door they come through: check, import, new, build."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import MEETING_FRONT, Project, mkdocs_build, scratch_site
from tests.excel_data import MEETING_HEADER, tree_hash, workbook

NEXT_YEAR = dt.date.today().year + 1
RANGE = f"不在合理范围内（2000-01-01 至 {NEXT_YEAR}-12-31）"


def _meeting(project: Project, date: str) -> str:
    rel = f"{date[:4]}/meeting/{date}-hui-yi"
    project.record(rel, f"type: meeting\ndate: {date}\ntitle: 常务会议\nkind: 常务会议\n")
    return f"records/{rel}.md"


@pytest.mark.parametrize("date", ["1948-12-31", "1999-12-31", "9999-12-31", f"{NEXT_YEAR + 1}-01-01"])
def test_check_refuses_a_record_dated_outside_the_range(date: str, project: Project, run_cli) -> None:  # type: ignore[no-untyped-def]
    path = _meeting(project, date)
    result = run_cli("--root", str(project.root), "check")
    assert result.code == 1, result.text
    assert f"{path}:3: 字段 date（日期）{date} {RANGE}" in result.out


def test_the_range_ends_with_next_year(project: Project, run_cli) -> None:  # type: ignore[no-untyped-def]
    _meeting(project, "2000-01-01")
    _meeting(project, f"{NEXT_YEAR}-12-31")
    result = run_cli("--root", str(project.root), "check")
    assert result.code == 0, result.text


def test_every_date_field_is_checked(project: Project, run_cli) -> None:  # type: ignore[no-untyped-def]
    project.record("2023/notice/2023-06-01-tongbao", """
        type: notice
        date: 2023-06-01
        title: 关于第1期作风纪律督查情况的通报
        issue_no: 1
        problems:
          - unit: 城关镇
            description: 窗口人员脱岗
            deadline: 9999-12-31
            status: 整改中
          - unit: 白杨乡
            description: 值班人员脱岗
            deadline: 2023-06-30
            status: 已整改
            rectified: 1949-10-01
            measures: 批评教育
    """)
    project.record("2020/baseline/2020-12-31-jishu", """
        type: baseline
        date: 2020-12-31
        title: 2020年会议基数
        metric: meeting
        value: 12
        period_start: 1900-01-01
        period_end: 2020-12-31
    """)
    result = run_cli("--root", str(project.root), "check")
    assert result.code == 1
    notice, baseline = "records/2023/notice/2023-06-01-tongbao.md", "records/2020/baseline/2020-12-31-jishu.md"
    assert f"{notice}:9: problems 第1项：字段 deadline（整改期限）9999-12-31 {RANGE}" in result.out
    assert f"{notice}:15: problems 第2项：字段 rectified（整改完成日期）1949-10-01 {RANGE}" in result.out
    assert f"{baseline}:7: 字段 period_start（统计起始日）1900-01-01 {RANGE}" in result.out
    assert "period_end" not in result.out


def test_the_range_is_a_setting(project: Project, run_cli) -> None:  # type: ignore[no-untyped-def]
    (project.root / "pyproject.toml").write_text(
        '[tool.zuofeng]\nrecords = "records"\n\n[tool.zuofeng.dates]\nearliest = 1949\nlatest = 2030\n', encoding="utf-8")
    _meeting(project, "1949-10-01")
    _meeting(project, "2030-12-31")
    assert run_cli("--root", str(project.root), "check").code == 0
    path = _meeting(project, "1948-12-31")
    result = run_cli("--root", str(project.root), "check")
    assert result.code == 1
    assert f"{path}:3: 字段 date（日期）1948-12-31 不在合理范围内（1949-01-01 至 2030-12-31）" in result.out


@pytest.mark.parametrize("table, message", [
    ("earliest = '很早'", "[tool.zuofeng.dates] earliest 应为四位数字年份，实际为 '很早'"),
    ("latest = 99999", "[tool.zuofeng.dates] latest 应为四位数字年份，实际为 99999"),
    ("earliest = 2030\nlatest = 2020", "[tool.zuofeng.dates] earliest（2030）不能晚于 latest（2020）"),
    ("earliset = 2000", "[tool.zuofeng.dates] 未知设置 earliset（可用：earliest、latest）"),
])
def test_a_bad_range_setting_is_named(table: str, message: str, project: Project, run_cli) -> None:  # type: ignore[no-untyped-def]
    (project.root / "pyproject.toml").write_text(f'[tool.zuofeng]\n\n[tool.zuofeng.dates]\n{table}\n', encoding="utf-8")
    result = run_cli("--root", str(project.root), "check")
    assert result.code != 0
    assert message in result.err
    assert "Traceback" not in result.text


def test_import_refuses_implausible_dates_at_their_cells(project: Project, run_cli) -> None:  # type: ignore[no-untyped-def]
    book = workbook(project.root / "dates.xlsx", {"会议": [
        MEETING_HEADER,
        [1, "会议甲", None, None, None, "常务会议"],  # Excel's serial 1: 1899-12-31 counted from its epoch
        ["1948-12-31", "会议乙", None, None, None, "常务会议"],
        [dt.datetime(9999, 12, 31), "会议丙", None, None, None, "常务会议"],
        ["2024-03-05", "会议丁", None, None, None, "常务会议"],
    ]})
    before = tree_hash(project.root)
    result = run_cli("--root", str(project.root), "import", str(book))
    assert result.code == 1, result.text
    for cell, date in (("A2", "1899-12-31"), ("A3", "1948-12-31"), ("A4", "9999-12-31")):
        assert f"{book}:会议!{cell}: 字段 date（日期）{date} {RANGE}" in result.out
    assert "会议!A5" not in result.out
    assert tree_hash(project.root) == before
    assert not list((project.root / "records").rglob("*.md"))


def test_new_refuses_an_implausible_date(project: Project, run_cli) -> None:  # type: ignore[no-untyped-def]
    for date in ("9999-12-31", "1948-12-31"):
        result = run_cli("--root", str(project.root), "new", "meeting", "--date", date, "--title", "常务会议",
                         "kind=常务会议")
        assert result.code == 1, result.text
        assert f"字段 date（日期）{date} {RANGE}" in result.out
        assert "未写入文件" in result.err
    assert not list((project.root / "records").rglob("*.md"))


@pytest.mark.slow
def test_strict_build_fails_on_an_implausible_date(tmp_path: Path) -> None:
    project = scratch_site(tmp_path / "site")
    project.record("2023/meeting/2023-03-14-changwu", MEETING_FRONT)
    project.record("9999/meeting/9999-12-31-wei-lai", "type: meeting\ndate: 9999-12-31\ntitle: 未来的会议\nkind: 常务会议")
    result = mkdocs_build(project.root)
    assert result.returncode == 1
    assert f"records/9999/meeting/9999-12-31-wei-lai.md:3: 字段 date（日期）9999-12-31 {RANGE}" in result.stderr
    assert "Traceback" not in result.stderr
