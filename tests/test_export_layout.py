"""The exported .docx as LibreOffice lays it out (PDF via soffice): the 公文 page of GB/T 9704-2012."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

import pytest
from docx.shared import Mm

from tests.conftest import REPO, CliResult, Project
from tests.pdf_layout import Line, needs_soffice, pdf_lines, to_pdf

pytestmark = [pytest.mark.slow, needs_soffice]

LEFT, RIGHT = Mm(28).pt, Mm(28 + 156).pt  # the type area: 156 mm from the left margin
TOP, BOTTOM = Mm(37).pt, Mm(297 - 35).pt
PITCH = 579 / 20  # 28.95 pt a line
CLOSING_MARKS = "，。、；：？！）》”’"
PAGE_NUMBER_RE = re.compile(r"^—(\d+)—$")


@pytest.fixture(scope="module")
def layout(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, list[Line]]:
    """The example 2024 report (period 1 January to 30 November) exported and converted once."""
    import contextlib
    import io

    from zuofeng.cli.main import main

    workdir = tmp_path_factory.mktemp("layout")
    out = workdir / "2024.docx"
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert main(["--root", str(REPO), "export", "2024", "--out", str(out)]) == 0
    return pdf_lines(to_pdf(out, workdir))


def _body(lines: list[Line]) -> list[Line]:
    return [line for line in lines if TOP < line.bottom < BOTTOM]


def test_full_body_lines_hold_28_characters(layout: tuple[int, list[Line]]) -> None:
    body = [line for line in _body(layout[1]) if line.sizes == {16.0}]
    assert all(line.x0 >= LEFT - 1 and line.x1 <= RIGHT + 1 for line in body), "text outside the type area"
    # A full line reaches the right edge; lines with Latin digits hold more, narrower characters.
    full = [(i, line) for i, line in enumerate(body)
            if line.full_width and line.x1 > RIGHT - 16 and line.x0 < LEFT + 1 and i + 1 < len(body)]
    assert len(full) > 40
    assert all(len(line.text) <= 28 for _, line in full)
    assert sum(len(line.text) == 28 for _, line in full) > 0.7 * len(full)
    # Fewer only where a closing mark may not start the next line (避头尾) and moves down with its
    # character, or where a number that does not fit moves down whole.
    for i, line in full:
        after = body[i + 1].text
        if len(line.text) < 28:
            assert after[:1].isascii() or set(after[1:3]) & set(CLOSING_MARKS), (line.text, after)
    # The first line of a paragraph is indented two characters: 26 on it.
    first = [line for line in body if line.full_width and line.x1 > RIGHT - 16 and line.x0 > LEFT + 20]
    assert first and {len(line.text) for line in first} <= {25, 26}


def test_pages_hold_22_lines_on_the_grid(layout: tuple[int, list[Line]]) -> None:
    pages, lines = layout
    assert pages <= 6
    per_page = {page: [line for line in _body(lines) if line.page == page] for page in range(1, pages + 1)}
    first_baseline = min(line.bottom for line in per_page[2])
    for page, page_lines in per_page.items():
        # The 22 pt title sits off the grid; every 3号 line sits on it.
        slots = [(line.bottom - first_baseline) / PITCH for line in page_lines if 22.0 not in line.sizes]
        assert all(abs(slot - round(slot)) < 0.05 for slot in slots), (page, slots)
        assert all(0 <= round(slot) < 22 for slot in slots), (page, slots)
    assert max(len(page_lines) for page_lines in per_page.values()) == 22
    assert sum(len(page_lines) == 22 for page_lines in per_page.values()) >= pages - 2


def test_title_headings_and_period_in_their_sizes(layout: tuple[int, list[Line]]) -> None:
    lines = layout[1]
    title = [line for line in lines if line.sizes == {22.0}]
    assert "".join(line.text for line in title) == "县政府党组关于2024年度落实中央八项规定精神情况的报告"
    assert all(line.page == 1 for line in title)
    period = next(line for line in lines if "统计期间" in line.text)
    assert period.page == 1 and period.text == "（统计期间：2024年1月1日至2024年11月30日）"
    assert period.sizes == {16.0} and abs((period.x0 + period.x1) / 2 - (LEFT + RIGHT) / 2) < 2
    for heading in ("一、主要做法", "二、贯彻落实中央八项规定情况", "三、存在问题", "四、下一步整改措施"):
        line = next(line for line in lines if line.text == heading)
        assert line.sizes == {16.0} and abs(line.x0 - (LEFT + 2 * 15.75)) < 1.5, heading


def test_page_numbers_outside_aligned(layout: tuple[int, list[Line]]) -> None:
    pages, lines = layout
    numbers = [line for line in lines if PAGE_NUMBER_RE.match(line.text)]
    assert [int(PAGE_NUMBER_RE.match(line.text).group(1)) for line in numbers] == list(range(1, pages + 1))
    assert [line.page for line in numbers] == list(range(1, pages + 1))
    for line in numbers:
        assert line.sizes == {14.0} and line.bottom > BOTTOM
        # 单页码居右空一字，双页码居左空一字 (one 4号 character, 14 pt).
        if line.page % 2:
            assert abs(line.x1 - (RIGHT - 14)) < 1.5, line
        else:
            assert abs(line.x0 - (LEFT + 14)) < 1.5, line


def test_signature_follows_the_body_on_its_page(layout: tuple[int, list[Line]]) -> None:
    lines = layout[1]
    issuer = next(line for line in lines if line.text == "中共示例县人民政府党组")
    date = next(line for line in lines if line.text == "2024年12月10日")
    assert issuer.page == date.page and abs(date.bottom - issuer.bottom - PITCH) < 0.5
    assert abs(issuer.x1 - (RIGHT - 2 * 15.75)) < 1.5
    assert abs(date.x0 - (issuer.x0 + 2 * 15.75)) < 1.5  # 首字比发文机关署名首字右移二字
    assert any(line.page == date.page and line.bottom < issuer.bottom for line in _body(lines))


# A report whose body fills page 1 exactly: title (1 line), blank, 20 one-line paragraphs.
FILLED_INDEX = """\
---
year: 2023
title: 县政府党组关于作风建设情况的报告
issuer: 示例县人民政府
date: 2024-01-05
---
"""


def test_date_never_alone_on_a_page(project: Project, run_cli: Callable[..., CliResult], tmp_path: Path) -> None:
    paragraph = "各单位严格执行会议纪律，进一步提高了会议效率和质量。"  # 26 characters: one indented line
    assert len(paragraph) == 26
    project.write("docs/reports/2023/index.md", FILLED_INDEX)
    project.write("docs/reports/2023/01-body.md",
                  "---\norder: 1\ntitle: 正文\nshow_title: false\n---\n\n" + "\n\n".join([paragraph] * 20) + "\n")
    out = tmp_path / "filled.docx"
    assert run_cli("--root", str(project.root), "export", "2023", "--out", str(out)).code == 0
    pages, lines = pdf_lines(to_pdf(out, tmp_path))
    assert pages == 2
    date = next(line for line in lines if line.text == "2024年1月5日")
    on_its_page = [line for line in _body(lines) if line.page == date.page and line.bottom < date.bottom]
    assert any(line.text == paragraph for line in on_its_page), "the date stands alone on its page"
