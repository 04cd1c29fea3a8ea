"""`zuofeng export` on scratch projects: Markdown mapping, errors as `path:line: 问题`, safe writes."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest
from docx.oxml.ns import qn

from tests.conftest import CliResult, Project, report_index
from tests.docx_reading import block_texts, east_asia, open_docx

INDEX = report_index(body="\n# 报告\n\n{{ key_figures() }}\n")
SECTION = """\
---
order: 1
title: 一、会议情况
---

**一是精简会议。**全年召开会议{{ count("meeting") }}次。

<div class="zf-cards"><p>卡片不属于正文</p></div>

### 会议明细

{{ records_table("meeting") }}

- 常务会议{{ count("meeting", kind="常务会议") }}次
- 专题会议{{ count("meeting", kind="专题会议") }}次
"""


@pytest.fixture
def report_project(project: Project) -> Project:
    project.record("2023/meeting/2023-03-14-a", "type: meeting\ndate: 2023-03-14\ntitle: 第一次常务会议\nkind: 常务会议")
    project.record("2023/meeting/2023-05-02-b", "type: meeting\ndate: 2023-05-02\ntitle: 专题会议\nkind: 专题会议")
    project.record("2023/meeting/2023-06-02-c", "type: meeting\ndate: 2023-06-02\ntitle: 机密会议\nkind: 专题会议\nconfidential: true")
    project.write("docs/reports/2023/index.md", INDEX)
    project.write("docs/reports/2023/01-meetings.md", SECTION)
    return project


def export(run_cli: Callable[..., CliResult], project: Project, *extra: str) -> tuple[CliResult, Path]:
    out = project.root / "out" / "report.docx"
    out.parent.mkdir(exist_ok=True)  # export never creates a folder on a guess
    return run_cli("--root", str(project.root), "export", "2023", "--out", str(out), *extra), out


def test_markdown_maps_to_paragraphs_headings_lists_and_tables(report_project: Project,
                                                               run_cli: Callable[..., CliResult]) -> None:
    result, out = export(run_cli, report_project)
    assert result.code == 0, result.text
    document = open_docx(out)
    texts = block_texts(document)
    assert texts[:3] == ["县政府党组关于2023年度作风建设情况的报告", "一、会议情况", "一是精简会议。全年召开会议3次。"]
    assert "卡片不属于正文" not in " ".join(texts)  # raw HTML blocks are skipped
    styles = {p.text: p.style.name for p in document.paragraphs}
    assert styles["会议明细"] == "Heading 2" and styles["一、会议情况"] == "Heading 1"
    assert styles["常务会议1次"] == "List Bullet" and styles["专题会议2次"] == "List Bullet"
    table = document.tables[0]
    assert [cell.text for cell in table.rows[0].cells] == ["日期", "标题", "单位"]
    assert [cell.text for cell in table.rows[1].cells] == ["2023-03-14", "第一次常务会议", "—"]
    assert table.rows[0].cells[0].paragraphs[0].runs[0].bold is True
    assert "另有 1 条内部记录。" in texts
    cells = " ".join(cell.text for row in table.rows for cell in row.cells)
    assert "第一次常务会议" in cells and "机密会议" not in cells  # confidential records never leak
    assert len(table.rows) == 3
    for row in table.rows:
        for cell in row.cells:
            assert east_asia(cell.paragraphs[0].runs[0]._r) == "仿宋_GB2312"
    assert texts[-2:] == ["示例县人民政府", "2024年1月5日"]


def test_macro_error_names_the_section_line(report_project: Project, run_cli: Callable[..., CliResult]) -> None:
    report_project.write("docs/reports/2023/02-bad.md", "---\norder: 2\ntitle: 二、其他\n---\n\n正文。\n\n共{{ count(\"nosuch\") }}次。\n")
    result, out = export(run_cli, report_project)
    assert result.code == 1
    assert "docs/reports/2023/02-bad.md:8: 宏计算失败" in result.err
    assert "Traceback" not in result.text and not out.exists()


def test_unknown_year_and_year_without_report(report_project: Project, run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("--root", str(report_project.root), "export", "2031")
    assert result.code == 1
    assert "docs/reports/2031/index.md:0: 未知年份 2031" in result.err and "2023" in result.err
    report_project.record("2022/meeting/2022-03-14-a", "type: meeting\ndate: 2022-03-14\ntitle: 会议\nkind: 常务会议")
    result = run_cli("--root", str(report_project.root), "export", "2022")
    assert result.code == 1
    assert "docs/reports/2022/index.md:0: 2022年有台账记录，但还没有报告" in result.err


def test_existing_file_is_kept_unless_forced(report_project: Project, run_cli: Callable[..., CliResult]) -> None:
    out = report_project.root / "out" / "report.docx"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(b"old")
    result, _ = export(run_cli, report_project)
    assert result.code == 1 and "文件已存在" in result.err and "--force" in result.err
    assert out.read_bytes() == b"old"
    result, _ = export(run_cli, report_project, "--force")
    assert result.code == 0, result.text
    assert out.read_bytes()[:2] == b"PK"
    assert [p.name for p in out.parent.iterdir()] == ["report.docx"]  # no temporary file left


def test_record_errors_stop_the_export(report_project: Project, run_cli: Callable[..., CliResult]) -> None:
    report_project.record("2023/meeting/2023-07-01-x", "type: meeting\ndate: 2023-07-01\ntitle: 会议\nduration_min: 很多")
    result, out = export(run_cli, report_project)
    assert result.code == 1
    assert "records/2023/meeting/2023-07-01-x.md:" in result.err and not out.exists()


def test_year_argument_must_be_a_number(run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("export", "二〇二三")
    assert result.code == 2 and "参数错误" in result.err


def test_bold_second_level_run_in_uses_kaiti(report_project: Project, run_cli: Callable[..., CliResult]) -> None:
    report_project.write("docs/reports/2023/01-meetings.md",
                         "---\norder: 1\ntitle: 二、情况\n---\n\n**（一）在精简会议方面。**召开会议{{ count(\"meeting\") }}次。\n")
    result, out = export(run_cli, report_project)
    assert result.code == 0, result.text
    paragraph = next(p for p in open_docx(out).paragraphs if p.text.startswith("（一）"))
    assert east_asia(paragraph.runs[0]._r) == "楷体_GB2312"
    assert east_asia(paragraph.runs[1]._r) == "仿宋_GB2312"
    assert paragraph._p.pPr is None or paragraph._p.pPr.find(qn("w:pStyle")) is None  # a body paragraph


def test_exporter_does_not_import_mkdocs() -> None:
    import subprocess
    import sys

    code = "import sys, zuofeng.export.docx, zuofeng.cli.export; print(sorted(m for m in sys.modules if m.startswith('mkdocs')))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
