"""One render per build: a report's sections are rendered once, and its pages, full text and Word file read it."""

from __future__ import annotations

import collections
import os
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from tests.conftest import CliResult, Project, report_index, scratch_site
from tests.docx_reading import block_texts, html_texts, open_docx
from zuofeng.core.report import render as render_module
from zuofeng.core.report.render import render
from zuofeng.core.report.rendered import RenderedSection, _render_section
from zuofeng.core.report.reports import ReportSection
from zuofeng.core.report.trace import Figure, Trace, traced
from zuofeng.core.domain.period import ReportPeriod

SECTIONS = {
    "01-a.md": '---\norder: 1\ntitle: 一、会议\n---\n\n全年召开常务会议{{ count("meeting") }}次。\n',
    "02-b.md": ('---\norder: 2\ntitle: 二、其他\n---\n\n  缩进开头的一段：会议{{ count("meeting") }}次，'
                '其中常务会议{{ count("meeting", kind="常务会议") }}次。\n\n\n'),
}


def _report_project(root: Path) -> Project:
    project = scratch_site(root)
    project.record("2023/meeting/2023-03-14-changwu", "type: meeting\ndate: 2023-03-14\ntitle: 常务会议\nkind: 常务会议")
    project.record("2023/meeting/2023-05-10-changwu", "type: meeting\ndate: 2023-05-10\ntitle: 常务会议二\nkind: 常务会议")
    project.write("docs/reports/2023/index.md", report_index(2023, body="\n报告首页。\n"))
    for name, text in SECTIONS.items():
        project.write(f"docs/reports/2023/{name}", text)
    return project


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> collections.Counter[str]:
    """How many times each template text is rendered in the sandbox."""
    counted: collections.Counter[str] = collections.Counter()
    compile_once = render_module._compile

    class Counting:
        def __init__(self, text: str) -> None:
            self.text, self.template = text, compile_once(text)

        def render(self, **names: Any) -> str:
            counted[self.text] += 1
            return self.template.render(**names)

    monkeypatch.setattr(render_module, "_compile", Counting)
    return counted


@pytest.fixture
def in_dir() -> Iterator[Callable[[Path], None]]:
    here = os.getcwd()
    yield os.chdir
    os.chdir(here)


@pytest.fixture
def quiet_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")


@pytest.mark.slow
def test_each_report_section_is_rendered_once_per_build(tmp_path: Path, renders: collections.Counter[str],
                                                        in_dir: Callable[[Path], None], quiet_env: None) -> None:
    root = _report_project(tmp_path / "project").root
    in_dir(root)
    build(load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / "site")))
    for text in SECTIONS.values():
        body = text.split("---\n", 2)[2].lstrip("\n")
        assert renders[body] == 1, renders
    site = tmp_path / "site"
    # What the pages and the Word file show of that one render.
    docx_texts = block_texts(open_docx(site / "downloads/2023-report.docx"))
    assert docx_texts == html_texts((site / "reports/2023/full/index.html").read_text(encoding="utf-8"))
    assert any("缩进开头的一段：会议2次，其中常务会议2次。" in t for t in docx_texts), docx_texts
    page = (site / "reports/2023/02-b/index.html").read_text(encoding="utf-8")
    assert 'class="zf-figure"' in page and "其中常务会议" in page


@pytest.mark.slow
def test_the_sites_word_file_is_zuofeng_export(tmp_path: Path, run_cli: Callable[..., CliResult],
                                               in_dir: Callable[[Path], None], quiet_env: None) -> None:
    root = _report_project(tmp_path / "project").root
    in_dir(root)
    build(load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / "site")))
    out = tmp_path / "2023.docx"
    assert run_cli("--root", str(root), "export", "2023", "--out", str(out)).code == 0
    assert out.read_bytes() == (tmp_path / "site/downloads/2023-report.docx").read_bytes()


def _figure(value: int) -> Figure:
    trace = Trace("count", "meeting", (), ReportPeriod.year(2023), (), str(value))
    return traced(value, trace)  # type: ignore[no-any-return]


def _section(body: str) -> ReportSection:
    return ReportSection("docs/reports/2023/01-a.md", 1, "一", body, 5)


def _link(value: Figure) -> str:
    return f"<a>{value}</a>"


@pytest.mark.parametrize("body", [
    "\n会议{{ n }}次，另{{ m }}次。\n",
    "\n  缩进{{ n }}\n\n\n",
    "{% filter upper %}x{{ n }}{% endfilter %}{{ m }}\n",  # a figure's output captured: rendered again
    "{% set t %}{{ n }}{% endset %}{{ t }}{{ t }}\n",
    "{% set t %}{{ n }}{% endset %}{% if t | int > 2 %}多{% endif %}{{ t }}\n",  # a figure's printed form as a value
])
def test_a_section_render_prints_its_figures_as_each_reader_asks(body: str) -> None:
    names = {"n": _figure(3), "m": _figure(12)}
    rendered = _render_section(_section(body), names)
    assert isinstance(rendered, RenderedSection)
    stripped = body.lstrip("\n")
    for hook in (str, _link, None):
        assert rendered.text(hook or str) == render(stripped, names, "p", 1, hook)
    if rendered.pieces is not None:
        assert rendered.stripped(_link) == render(body.strip(), names, "p", 1, _link)


def test_a_section_with_whitespace_control_at_its_edge_is_not_cut_for_the_full_text() -> None:
    rendered = _render_section(_section("\n{{- n }} 次\n"), {"n": _figure(3)})
    assert isinstance(rendered, RenderedSection)
    assert rendered.stripped() is None
