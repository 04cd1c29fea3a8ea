"""A year's report → .docx bytes: sections rendered with the report macros exactly as on the site."""

from __future__ import annotations

import re
import unicodedata

import docx
from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from zuofeng.core.domain.index import RecordIndex
from zuofeng.core.domain.indicators import Indicator
from zuofeng.core.domain.period import ReportPeriod
from zuofeng.core.problems import Problem
from zuofeng.core.project import Ledger
from zuofeng.core.report.explain import SectionFigures, appendix_rows, section_figures
from zuofeng.core.report.rendered import RenderedReport, render_report
from zuofeng.core.report.reports import Report
from zuofeng.core.domain.wording import format_issued, format_period
from zuofeng.export import appendix, gongwen
from zuofeng.export.blocks import Block, Run, markdown_blocks
from zuofeng.export.package import ExportError, reproducible_bytes, write_docx

__all__ = ["ExportError", "export_report", "render_for_word", "report_blocks", "report_docx", "write_docx"]

APPENDIX_TITLE = "数字溯源表"
APPENDIX_NOTE = ("统计期间为{period}（另注明的除外）。“甲 至 乙（n 条）”指该类可公开记录按日期排列时"
                 "自甲至乙的全部 n 条；内部记录不列编号，只给条数。")
# A run-in heading such as "（一）在改进调查研究方面。" is the standard's second level: 楷体.
_SECOND_LEVEL_RE = re.compile(r"^（[一二三四五六七八九十百]+）")


def render_for_word(ledger: Ledger, reports: dict[int, Report], indicators: list[Indicator], year: int,
                    traced: bool = False) -> RenderedReport:
    """The report's sections rendered once (with their figures when `traced`); a macro error raises ExportError."""
    if year not in reports:
        raise ExportError(Problem(f"{year}", 0, f"没有{year}年度的报告"))
    rendered = render_report(ledger, reports, indicators, year, traced)
    if isinstance(rendered, Problem):
        raise ExportError(rendered)
    return rendered


def report_blocks(report: Report, sections: list[SectionFigures]) -> list[Block]:
    """The report's title and rendered sections as blocks."""
    blocks = [_heading(report.title, 0)]
    for part in sections:
        if part.section.show_title:
            blocks.append(_heading(part.section.title, 1))
        blocks.extend(markdown_blocks(part.text))
    return blocks


def _add_trace_appendix(document: Document, figures: list[SectionFigures], index: RecordIndex,
                        period: ReportPeriod) -> None:
    """附件 数字溯源表 on a new page (GB/T 9704 7.5): every figure, its call, working and the records it counts."""
    document.add_page_break()
    label = document.add_paragraph()
    gongwen.set_indent(label._p.get_or_add_pPr(), firstLine=0)
    gongwen.set_fonts(label.add_run("附件"), gongwen.HEADING_FONTS[1], gongwen.BODY_SIZE)
    title = document.add_paragraph(style="Title")
    gongwen.set_fonts(title.add_run(APPENDIX_TITLE), gongwen.TITLE_FONT, gongwen.TITLE_SIZE)
    note = document.add_paragraph()
    gongwen.set_indent(note._p.get_or_add_pPr(), firstLine=2)
    text = APPENDIX_NOTE.format(period=format_period(period.start, period.end))
    gongwen.set_fonts(note.add_run(text), gongwen.BODY_FONT, gongwen.BODY_SIZE)
    appendix.add_trace_table(document, appendix_rows(figures, index))


def _heading(title: str, level: int) -> Block:
    """A title as the site shows it (`# …` Markdown: emphasis and entities resolved)."""
    parsed = markdown_blocks(f"# {title}")
    return Block("heading", level, runs=parsed[0].runs if parsed else [Run(title)])


def export_report(ledger: Ledger, reports: dict[int, Report], indicators: list[Indicator], year: int,
                  trace: bool = False) -> bytes:
    """The report of a year as reproducible .docx bytes in the 公文 format; `trace` appends 数字溯源表."""
    return report_docx(render_for_word(ledger, reports, indicators, year, traced=trace), ledger.index, trace)


def report_docx(rendered: RenderedReport, index: RecordIndex, trace: bool = False) -> bytes:
    """A rendered report as .docx bytes (the site's Word file reads the site's render); `trace` appends 数字溯源表."""
    sections = section_figures(rendered)
    report = rendered.report
    blocks = report_blocks(report, sections)
    document = docx.Document()
    gongwen.setup_styles(document)
    gongwen.setup_page(document)
    body = document.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):
        body.remove(paragraph)
    _add_title(document, blocks[0], report.period)
    for block in blocks[1:]:
        _add_block(document, block)
    if trace:
        _add_attachment_note(document)
    _add_signature(document, report.issuer, format_issued(report.date))
    if trace:
        _add_trace_appendix(document, sections, index, report.period)
    return reproducible_bytes(document, report.title, report.issuer, report.date or report.period.end)


def _add_title(document: Document, block: Block, period: ReportPeriod) -> None:
    """The title; below it the period counted, unless it is the calendar year."""
    paragraph = document.add_paragraph(style="Title")
    gongwen.set_fonts(paragraph.add_run(block.text), gongwen.TITLE_FONT, gongwen.TITLE_SIZE)
    if period != ReportPeriod.year(period.start.year):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        gongwen.set_indent(paragraph._p.get_or_add_pPr(), firstLine=0)
        text = f"（统计期间：{format_period(period.start, period.end)}）"
        gongwen.set_fonts(paragraph.add_run(text), gongwen.HEADING_FONTS[2], gongwen.BODY_SIZE)
    document.add_paragraph()  # 标题下空一行


def _add_block(document: Document, block: Block) -> None:
    if block.kind == "table":
        _add_table(document, block)
        return
    if block.kind == "heading":
        level = max(1, min(block.level, 3))
        paragraph = document.add_paragraph(style=f"Heading {level}")
        _add_runs(paragraph, block, gongwen.HEADING_FONTS[level])
        return
    style = None if block.kind == "paragraph" else ("List Number" if block.ordered else "List Bullet")
    paragraph = document.add_paragraph(style=style)
    if block.kind == "item":
        gongwen.set_indent(paragraph._p.get_or_add_pPr(), left=2 * block.level + 1, hanging=1)
    _add_runs(paragraph, block, gongwen.BODY_FONT)


def _add_runs(paragraph: Paragraph, block: Block, font: str) -> None:
    run_in = bool(block.runs) and block.runs[0].bold and _SECOND_LEVEL_RE.match(block.runs[0].text) is not None
    for position, part in enumerate(block.runs):
        for number, line in enumerate(part.text.split("\n")):
            run = paragraph.add_run()
            if number:
                run.add_break()
            run.text = line
            if position == 0 and run_in:
                gongwen.set_fonts(run, gongwen.HEADING_FONTS[2], gongwen.BODY_SIZE)
                continue
            gongwen.set_fonts(run, font, gongwen.BODY_SIZE)
            run.bold = part.bold or None
            run.italic = part.italic or None


def _add_table(document: Document, block: Block) -> None:
    width = max(len(row) for row in block.rows)
    table = document.add_table(rows=len(block.rows), cols=width)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    # By id: Paragraph.style = … searches every style for the default on each call.
    text_style = document.styles["Table Text"].style_id
    # Row by row: table.cell(r, c) rebuilds the whole cell grid on every call (quadratic).
    for r, (row, table_row) in enumerate(zip(block.rows, table.rows)):
        for c, cell in enumerate(table_row.cells):
            paragraph = cell.paragraphs[0]
            paragraph._p.get_or_add_pPr().style = text_style
            run = paragraph.add_run(row[c] if c < len(row) else "")
            gongwen.set_fonts(run, gongwen.BODY_FONT, gongwen.TABLE_SIZE)
            if r < block.header_rows:
                run.bold = True
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _add_attachment_note(document: Document) -> None:
    """附件说明 (GB/T 9704 7.3.4): below the body after a blank line, two characters in, kept with the body."""
    content = [child for child in document.element.body if child.tag != qn("w:sectPr")]
    if content and content[-1].tag == qn("w:p"):
        gongwen.set_paragraph_flag(content[-1].get_or_add_pPr(), "w:keepNext", True)
    blank = document.add_paragraph()  # 正文下空一行
    gongwen.set_paragraph_flag(blank._p.get_or_add_pPr(), "w:keepNext", True)
    paragraph = document.add_paragraph()
    gongwen.set_fonts(paragraph.add_run(f"附件：{APPENDIX_TITLE}"), gongwen.BODY_FONT, gongwen.BODY_SIZE)


def _add_signature(document: Document, issuer: str, date: str) -> None:
    """发文机关署名 right-indented two characters, 成文日期 below it starting two characters further right.

    The signature keeps with the body's last lines (GB/T 9704 7.3.5): never alone on a page.
    """
    content = [child for child in document.element.body if child.tag != qn("w:sectPr")]
    if content and content[-1].tag == qn("w:p"):
        gongwen.set_paragraph_flag(content[-1].get_or_add_pPr(), "w:keepNext", True)
    issuer_right = 2.0
    if _width(date) + 2 > _width(issuer):
        # A date longer than the issuer: the date right-indented two, the issuer moved left.
        issuer_right = 2 + _width(date) + 2 - _width(issuer)
        date_indent = {"right": 2.0}
    else:
        # Left-aligned from the issuer's first character: Arabic digits' width varies by font.
        date_indent = {"left": gongwen.CHARS_PER_LINE - issuer_right - _width(issuer) + 2}
    blank = document.add_paragraph()  # 正文下空一行
    gongwen.set_paragraph_flag(blank._p.get_or_add_pPr(), "w:keepNext", True)
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    gongwen.set_paragraph_flag(paragraph._p.get_or_add_pPr(), "w:keepNext", True)
    gongwen.set_indent(paragraph._p.get_or_add_pPr(), firstLine=0, right=issuer_right)
    gongwen.set_fonts(paragraph.add_run(issuer), gongwen.BODY_FONT, gongwen.BODY_SIZE)
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if "right" in date_indent else WD_ALIGN_PARAGRAPH.LEFT
    gongwen.set_indent(paragraph._p.get_or_add_pPr(), firstLine=0, **date_indent)
    gongwen.set_fonts(paragraph.add_run(date), gongwen.BODY_FONT, gongwen.BODY_SIZE)


def _width(text: str) -> float:
    """Width in characters of 3号: full-width characters count 1, Arabic digits and Latin ½."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5 for ch in text)
