"""数字溯源 in the core and the CLI: traced figures print as before; stats --explain; export --trace."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

import pytest

from tests.conftest import REPO, CliResult, Project
from tests.docx_reading import all_xml, block_texts, open_docx
from tests.test_export_cli import export, report_project  # noqa: F401  (fixture)
from zuofeng.core.domain.indicators import load_indicators
from zuofeng.core.project import Settings, load_ledger
from zuofeng.core.report.macros import bind
from zuofeng.core.report.render import render
from zuofeng.core.report.reports import load_reports
from zuofeng.core.report.trace import Figure, TraceLog
from zuofeng.site.reports import full_text_markdown


def _example_pages() -> list[tuple[int, str, str]]:
    """(year, path, template text) of every example report section and full text."""
    reports, problems = load_reports(REPO / "docs/reports", REPO)
    assert not problems
    pages = [(year, s.path, s.body) for year, r in reports.items() for s in r.sections]
    pages += [(year, f"{year}/full.md", full_text_markdown(r)) for year, r in reports.items()]
    return pages


@pytest.fixture(scope="module")
def example() -> tuple:
    ledger = load_ledger(Settings.load(REPO))
    reports, _ = load_reports(REPO / "docs/reports", REPO)
    return ledger, reports, load_indicators()


@pytest.mark.parametrize(("year", "path", "text"), _example_pages(), ids=lambda v: str(v)[:30])
def test_report_text_is_unchanged_apart_from_the_links(example: tuple, year: int, path: str, text: str) -> None:
    ledger, reports, indicators = example
    plain = render(text, bind(ledger, reports, indicators, year).functions(), path)
    log = TraceLog()
    linked = render(text, bind(ledger, reports, indicators, year, traced=True).functions(), path,
                    figure=lambda value: f'<a class="zf-figure" href="{value.trace.key}">{log.printed(value)}</a>')
    assert isinstance(plain, str) and isinstance(linked, str)
    assert re.sub(r'<a class="zf-figure" href="[0-9a-f]{12}">(.*?)</a>', r"\1", linked) == plain
    assert "zf-figure" not in plain


def test_traced_figures_behave_as_numbers_and_words(example: tuple) -> None:
    ledger, reports, indicators = example
    macros = bind(ledger, reports, indicators, 2024, traced=True)
    meetings = macros.count("meeting")
    assert isinstance(meetings, Figure) and meetings == 33 and str(meetings) == "33" and meetings > 0
    both = macros.count("meeting", kind="党组会议") + macros.count("meeting", kind="廉政工作会议")
    assert both == 7 and len(both.trace.records) == 7
    assert both.trace.call == 'count("meeting", kind="党组会议") + count("meeting", kind="廉政工作会议")'
    rounded = macros.about(macros.count("research"))
    assert rounded == "100余" and rounded.trace.working() == "100余：104 次"
    assert macros.about(23) == "20余" and not isinstance(macros.about(23), Figure)
    assert macros.yoy("meeting").trace.working() == "33 次，上年同期（2023-01-01—2023-11-30）37 次，同比减少10.8%"
    plain = bind(ledger, reports, indicators, 2024)
    assert type(plain.count("meeting")) is int and type(plain.yoy("meeting")) is str


def test_the_same_call_has_the_same_key(example: tuple) -> None:
    ledger, reports, indicators = example
    first = bind(ledger, reports, indicators, 2024, traced=True).count("meeting", kind="常务会议").trace
    again = bind(ledger, reports, indicators, 2024, traced=True).count("meeting", kind="常务会议").trace
    other_year = bind(ledger, reports, indicators, 2023, traced=True).count("meeting", kind="常务会议").trace
    assert first.key == again.key != other_year.key


def test_stats_explain_lists_calls_filters_and_ids(report_project: Project, run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("--root", str(report_project.root), "stats", "--year", "2023", "--explain")
    assert result.code == 0, result.text
    assert 'count("meeting", kind="专题会议") → 2' in result.out
    assert "筛选：kind=专题会议" in result.out
    assert "记录：2023/meeting/2023-05-02-b；另有 1 条内部记录" in result.out
    assert "2023-06-02-c" not in result.out and "机密会议" not in result.out


def test_stats_explain_without_a_report(project: Project, run_cli: Callable[..., CliResult]) -> None:
    project.record("2023/meeting/2023-03-14-a", "type: meeting\ndate: 2023-03-14\ntitle: 会议\nkind: 常务会议")
    result = run_cli("--root", str(project.root), "stats", "--year", "2023", "--explain")
    assert result.code == 1 and "2023年还没有报告" in result.err and "Traceback" not in result.text


def test_export_trace_appends_a_table_and_leaves_the_report_as_it_was(
        report_project: Project, run_cli: Callable[..., CliResult]) -> None:
    plain_result, plain_out = export(run_cli, report_project)
    plain_bytes = plain_out.read_bytes()
    again, _ = export(run_cli, report_project, "--force")
    assert again.code == 0 and plain_out.read_bytes() == plain_bytes  # the default export stays reproducible
    assert "数字溯源" not in " ".join(block_texts(open_docx(plain_out)))
    traced_out = plain_out.with_name("traced.docx")
    result = run_cli("--root", str(report_project.root), "export", "2023", "--trace", "--out", str(traced_out))
    assert result.code == 0, result.text
    plain_texts, traced_texts = block_texts(open_docx(plain_out)), block_texts(open_docx(traced_out))
    # The body as before, with the 附件说明 between it and the signature (GB/T 9704 7.3.4).
    note = traced_texts.index("附件：数字溯源表")
    assert traced_texts[:note] + traced_texts[note + 1:len(plain_texts) + 1] == plain_texts
    assert traced_texts[len(plain_texts) + 1:len(plain_texts) + 3] == ["附件", "数字溯源表"]
    table = open_docx(traced_out).tables[-1]
    rows = [[cell.text.replace("\u2060", "").replace("\u200b", "") for cell in dict.fromkeys(row.cells)]
            for row in table.rows]
    assert rows[0] == ["序号", "数字", "计算方式及过程", "报告原文及统计的记录"]
    assert rows[1] == ["一、会议情况"]
    assert ["3", "2", 'count("meeting", kind="专题会议")\n会议（kind=专题会议） 2 条记录（其中内部记录 1 条）'] == rows[4][:3]
    assert rows[4][3] == "“专题会议2次”\n2023/meeting/2023-05-02-b；另有 1 条内部记录"
    xml = " ".join(all_xml(traced_out).values())
    assert "机密会议" not in xml and "2023-06-02-c" not in xml and "<w:hyperlink" not in xml
