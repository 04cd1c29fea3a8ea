"""The 数字溯源表 of `export --trace`: a compact table whose header repeats on every page and whose ids never break."""

from __future__ import annotations

import math
import re

from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell, _Row

from zuofeng.export import gongwen

TRACE_SIZE = Pt(9)  # 小五
# The records column steps down to these sizes when the longest id would not fit at 小五.
_ID_SIZES = (Pt(9), Pt(8), Pt(7.5), Pt(7))
TYPE_AREA_MM = 156.0
# Fixed columns (序号, 数字) in mm; the records column is as wide as the longest id, the working takes the rest.
_NUMBER_MM, _FIGURE_MM = 9.0, 15.0
_MIN_WORKING_MM = 28.0
# Average advance of a Latin id character in em: 0.5 in 仿宋_GB2312, up to 0.54 in LibreOffice's fallback.
_ID_EM = 0.56
_CELL_MARGIN_TWIPS = 57  # 1 mm each side
_ID_RE = re.compile(r"[\w.\-]+(?:/[\w.\-]+)+")
WORD_JOINER = "\u2060"
# LibreOffice finds no line break between "、" and a digit: a zero-width space offers one.
BREAK_AFTER = "\u200b"
# Rows taller than this many lines may break across pages; shorter ones are kept whole.
_KEEP_WHOLE_LINES = 24


def add_trace_table(document: Document, rows: list[list[str]]) -> None:
    """The appendix table: header row repeated, one-cell rows spanning as section captions."""
    widths, id_size = column_widths(rows)
    table = document.add_table(rows=len(rows), cols=len(widths))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _set_cell_margins(table._tbl.tblPr)
    for column, width in zip(table.columns, widths):
        column.width = Mm(width)
    text_style = document.styles["Table Text"].style_id
    for number, (row, table_row) in enumerate(zip(rows, table.rows)):
        cells = table_row.cells
        for cell, width in zip(cells, widths):
            cell.width = Mm(width)
        if len(row) == 1:
            merged = cells[0].merge(cells[-1])
            _fill(merged, row[0], text_style, bold=True)
        else:
            for column, (cell, text) in enumerate(zip(cells, row)):
                ids = number > 0 and column == len(row) - 1
                _fill(cell, unbreakable_ids(text) if ids else text, text_style, bold=number == 0,
                      centred=number == 0 or column < 2, size=id_size if ids else TRACE_SIZE)
        _set_row_flags(table_row, header=number == 0, keep_whole=_lines(row, widths) <= _KEEP_WHOLE_LINES)


def column_widths(rows: list[list[str]]) -> tuple[list[float], Pt]:
    """Widths in mm and the ids' size: 序号 and 数字 fixed, records as wide as the longest id, the working the rest.

    The records column takes what the working can spare; when even that is too narrow for the
    longest id at 小五, the ids are set smaller rather than broken.
    """
    longest = max((len(found) for row in rows[1:] for found in _ID_RE.findall(row[-1])), default=20)
    widest = TYPE_AREA_MM - _NUMBER_MM - _FIGURE_MM - _MIN_WORKING_MM
    size = next((s for s in _ID_SIZES if _id_mm(longest, s) <= widest), _ID_SIZES[-1])
    ids_mm = min(max(_id_mm(longest, size), 50.0), widest)
    working = TYPE_AREA_MM - _NUMBER_MM - _FIGURE_MM - ids_mm
    return [_NUMBER_MM, _FIGURE_MM, round(working, 1), round(ids_mm, 1)], size


def _id_mm(characters: int, size: Pt) -> float:
    """The width an id of so many characters takes at a size, with the cell's margins."""
    return characters * _ID_EM * size.pt * 25.4 / 72 + 2 * _CELL_MARGIN_TWIPS / 56.7 + 1


def unbreakable_ids(text: str) -> str:
    """Each record id with word joiners around its / and - : a line may break between ids, never inside one."""
    joined = _ID_RE.sub(lambda m: re.sub(r"([/\-])", WORD_JOINER + r"\1" + WORD_JOINER, m.group(0)), text)
    return joined.replace("、", "、" + BREAK_AFTER)


def _fill(cell: _Cell, text: str, style_id: str, bold: bool = False, centred: bool = False,
          size: Pt = TRACE_SIZE) -> None:
    paragraph = cell.paragraphs[0]
    ppr = paragraph._p.get_or_add_pPr()
    ppr.style = style_id
    # Off the 28.95 pt line grid: a 小五 line takes its own height, not a body line's.
    gongwen.set_paragraph_flag(ppr, "w:snapToGrid", False)
    if centred:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    else:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
    run = paragraph.add_run(text)
    gongwen.set_fonts(run, gongwen.BODY_FONT, size)
    run.bold = bold or None


def _set_row_flags(row: _Row, header: bool, keep_whole: bool) -> None:
    """w:cantSplit keeps a short row on one page; w:tblHeader repeats the header row on every page."""
    trpr = row._tr.get_or_add_trPr()
    for tag, on in (("w:cantSplit", keep_whole), ("w:tblHeader", header)):
        if on:
            trpr.append(OxmlElement(tag))


def _set_cell_margins(tblpr: object) -> None:
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(_CELL_MARGIN_TWIPS))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    layout = tblpr.find(qn("w:tblLayout"))  # type: ignore[attr-defined]
    # CT_TblPr order: … tblLayout, tblCellMar, tblLook …
    if layout is not None:
        layout.addnext(margins)
    else:
        tblpr.append(margins)  # type: ignore[attr-defined]


def _lines(row: list[str], widths: list[float]) -> int:
    """A rough count of the lines a row takes: its tallest cell at 小五."""
    per_mm = 72 / 25.4 / TRACE_SIZE.pt
    return max(math.ceil(len(text) / max(1.0, (width - 2) * per_mm)) + text.count("\n")
               for text, width in zip(row, widths))
