"""`export --trace` as LibreOffice lays it out: a compact 附件 whose header repeats and whose ids never break."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from docx.shared import Mm

from tests.conftest import REPO
from tests.pdf_layout import Line, needs_soffice, pdf_lines, to_pdf

pytestmark = [pytest.mark.slow, needs_soffice]

TOP = Mm(37).pt
HEADER = "序号数字计算方式及过程报告原文及统计的记录"
ID_RE = re.compile(r"\d{4}/[a-z_]+/[\w.\-]+")
INVISIBLE = dict.fromkeys(map(ord, "\u2060\u200b"))


def _export(workdir: Path, *extra: str) -> Path:
    import contextlib
    import io

    from zuofeng.cli.main import main

    out = workdir / ("traced.docx" if extra else "plain.docx")
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert main(["--root", str(REPO), "export", "2024", "--out", str(out), *extra]) == 0
    return out


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, int, list[Line]]]:
    """The example 2024 report exported with and without --trace, each converted once."""
    found = {}
    for name, extra in (("plain", ()), ("traced", ("--trace",))):
        workdir = tmp_path_factory.mktemp(name)
        out = _export(workdir, *extra)
        pages, lines = pdf_lines(to_pdf(out, workdir))
        found[name] = (out, pages, [Line(l.page, l.bottom, l.x0, l.x1, l.text.translate(INVISIBLE), l.sizes)
                                    for l in lines])
    return found


def test_trace_adds_at_most_four_pages(both: dict) -> None:
    assert both["traced"][1] - both["plain"][1] <= 4, (both["plain"][1], both["traced"][1])


def test_header_row_starts_every_table_page(both: dict) -> None:
    _, pages, lines = both["traced"]
    first = min(line.page for line in lines if line.text.startswith(HEADER))
    assert first < pages, "the table fits one page: nothing to repeat"
    for page in range(first + 1, pages + 1):
        top = min((line for line in lines if line.page == page and line.bottom > TOP), key=lambda l: l.bottom)
        assert top.text.startswith(HEADER), (page, top.text)


def test_no_record_id_is_split_across_lines(both: dict) -> None:
    out, _, lines = both["traced"]
    table = docx.Document(str(out)).tables[-1]
    ids = {found for row in table.rows[1:] for found in ID_RE.findall(row.cells[-1].text.translate(INVISIBLE))}
    assert len(ids) > 30
    printed = [line.text for line in lines]
    broken = [record_id for record_id in sorted(ids) if not any(record_id in text for text in printed)]
    assert not broken, broken


def test_body_names_the_attachment_before_the_signature(both: dict) -> None:
    _, _, lines = both["traced"]
    note = next(line for line in lines if line.text == "附件：数字溯源表")
    issuer = next(line for line in lines if line.text == "中共示例县人民政府党组")
    assert (note.page, note.bottom) < (issuer.page, issuer.bottom)
    label = next(line for line in lines if line.text == "附件")
    assert label.page > issuer.page and next(l for l in lines if l.page == label.page and l.bottom > TOP) == label
