"""The 公文 page (GB/T 9704-2012): A4, margins, 22 lines × 28 characters, fonts, page numbers."""

from __future__ import annotations

import math

from docx.document import Document
from docx.enum.section import WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph
from docx.text.run import Run

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONTS = {1: "黑体", 2: "楷体_GB2312", 3: BODY_FONT}
PAGE_NUMBER_FONT = "宋体"
TITLE_SIZE, BODY_SIZE, PAGE_NUMBER_SIZE, TABLE_SIZE = Pt(22), Pt(16), Pt(14), Pt(14)
# 版心 225 mm high holding 22 lines, 156 mm wide holding 28 characters of 3号 (16 pt).
CHARS_PER_LINE = 28
LINE_PITCH_TWIPS = 579  # 28.95 pt
LINE_SPACING = Pt(LINE_PITCH_TWIPS / 20)
# A line grid only, with the body's characters drawn closer by run spacing (w:spacing, in
# twentieths of a point): a character grid whose pitch is below the font size makes LibreOffice
# give every character two cells. Rounded down, so 28 characters fit the line and 29 do not.
CHAR_SPACING_TWIPS = math.floor((Mm(156).pt / CHARS_PER_LINE - BODY_SIZE.pt) * 20)  # −5: 15.75 pt
CHAR_PITCH_TWIPS = BODY_SIZE.pt * 20 + CHAR_SPACING_TWIPS
_THEME_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
# CT_PPr's children in schema order (up to w:jc; later ones are never set here).
_PPR_ORDER = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
              "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
              "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
              "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
              "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
              "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
# The rPr children that follow w:spacing in CT_RPr's sequence.
_AFTER_SPACING = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
                  "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang",
                  "w:eastAsianLayout", "w:specVanish", "w:oMath")


def set_fonts(element: Run | ParagraphStyle, font: str, size: Pt | None = None) -> None:
    """Name a font for Latin and East Asian text alike (python-docx sets only ascii/hAnsi)."""
    element.font.name = font
    if size is not None:
        element.font.size = size
    rpr = element.element.get_or_add_rPr()
    if size is not None:
        # Only 3号 text keeps to the 28-character line; others must not inherit Normal's spacing.
        _set_char_spacing(rpr, CHAR_SPACING_TWIPS if size == BODY_SIZE else 0)
    fonts = rpr.get_or_add_rFonts()
    for name in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(name), font)
    for name in _THEME_ATTRIBUTES:
        fonts.attrib.pop(qn(name), None)


def _set_char_spacing(rpr: object, twips: int) -> None:
    """Character spacing of a run (w:spacing), in its schema place before w:sz."""
    spacing = rpr.find(qn("w:spacing"))  # type: ignore[attr-defined]
    if spacing is None:
        spacing = OxmlElement("w:spacing")
        rpr.insert_element_before(spacing, *_AFTER_SPACING)  # type: ignore[attr-defined]
    spacing.set(qn("w:val"), str(twips))


def set_paragraph_flag(ppr: object, tag: str, on: bool) -> None:
    """A boolean paragraph property (w:keepNext, w:snapToGrid …) in its schema place."""
    element = ppr.find(qn(tag))  # type: ignore[attr-defined]
    if element is None:
        element = OxmlElement(tag)
        successors = _PPR_ORDER[_PPR_ORDER.index(tag) + 1:]
        ppr.insert_element_before(element, *successors)  # type: ignore[attr-defined]
    element.set(qn("w:val"), "1" if on else "0")


def set_indent(paragraph_format_element: object, **chars: float) -> None:
    """Indents in characters (w:firstLineChars …), with the same distances in twips for other readers."""
    ind = paragraph_format_element.get_or_add_ind()  # type: ignore[attr-defined]
    for side, count in chars.items():
        ind.set(qn(f"w:{side}Chars"), str(round(count * 100)))
        ind.set(qn(f"w:{side}"), str(round(count * CHAR_PITCH_TWIPS)))


def setup_page(document: Document) -> None:
    """A4, 公文 margins, the 22 × 28 character grid, different odd and even page footers."""
    section = document.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(23)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))
    grid.attrib.pop(qn("w:charSpace"), None)
    document.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT, "right")
    _page_number(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT, "left")


def _page_number(paragraph: Paragraph, alignment: WD_ALIGN_PARAGRAPH, side: str) -> None:
    """"— 1 —" in 4号 宋体, one character in from the outer edge."""
    paragraph.alignment = alignment
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    ind = paragraph._p.get_or_add_pPr().get_or_add_ind()
    ind.set(qn("w:firstLineChars"), "0")
    ind.set(qn("w:firstLine"), "0")
    ind.set(qn(f"w:{side}"), str(round(PAGE_NUMBER_SIZE.pt * 20)))
    for text, field in (("— ", None), (None, "begin"), (" PAGE ", "instr"), (None, "separate"), ("1", None), (None, "end"), (" —", None)):
        run = paragraph.add_run(text if field is None else None)
        set_fonts(run, PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)
        if field == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        elif field is not None:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), field)
            run._r.append(char)


def setup_styles(document: Document) -> None:
    """Body, title and heading styles of the 公文; no theme fonts left anywhere in styles."""
    styles = document.styles
    for fonts in styles.element.iter(qn("w:rFonts")):
        for name in _THEME_ATTRIBUTES:
            fonts.attrib.pop(qn(name), None)
    defaults = styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        for fonts in defaults.iter(qn("w:rFonts")):
            for name in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
                fonts.set(qn(name), BODY_FONT)
        for lang in defaults.iter(qn("w:lang")):
            lang.set(qn("w:eastAsia"), "zh-CN")
    normal = styles["Normal"]
    set_fonts(normal, BODY_FONT, BODY_SIZE)
    _paragraph_layout(normal, WD_ALIGN_PARAGRAPH.JUSTIFY)
    set_indent(normal.element.get_or_add_pPr(), firstLine=2)
    # Written out although it is Word's default: LibreOffice reads w:overflowPunct inverted and,
    # without it, hangs a closing mark past the line and drops it from its PDF (seen in 7.4).
    set_paragraph_flag(normal.element.get_or_add_pPr(), "w:overflowPunct", True)
    title = styles["Title"]
    set_fonts(title, TITLE_FONT, TITLE_SIZE)
    _paragraph_layout(title, WD_ALIGN_PARAGRAPH.CENTER)
    _plain(title)
    set_indent(title.element.get_or_add_pPr(), firstLine=0)
    # Off the grid, a 22 pt line would take two grid lines in LibreOffice and one in Word.
    set_paragraph_flag(title.element.get_or_add_pPr(), "w:snapToGrid", False)
    border = title.element.pPr.find(qn("w:pBdr"))
    if border is not None:
        title.element.pPr.remove(border)
    for level, font in HEADING_FONTS.items():
        heading = styles[f"Heading {level}"]
        set_fonts(heading, font, BODY_SIZE)
        _paragraph_layout(heading, WD_ALIGN_PARAGRAPH.JUSTIFY)
        _plain(heading)
        set_indent(heading.element.get_or_add_pPr(), firstLine=2)
    for name in ("List Bullet", "List Number"):
        set_fonts(styles[name], BODY_FONT, BODY_SIZE)
    table_text = styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = normal
    set_fonts(table_text, BODY_FONT, TABLE_SIZE)
    table_text.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    set_indent(table_text.element.get_or_add_pPr(), firstLine=0)


def _paragraph_layout(style: ParagraphStyle, alignment: WD_ALIGN_PARAGRAPH) -> None:
    layout = style.paragraph_format
    layout.alignment = alignment
    layout.space_before = layout.space_after = Pt(0)
    layout.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    layout.line_spacing = LINE_SPACING


def _plain(style: ParagraphStyle) -> None:
    """No bold, italic or theme colour: 公文 headings differ by typeface only."""
    style.font.bold = style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    color = style.element.rPr.find(qn("w:color"))
    if color is not None:
        for name in ("w:themeColor", "w:themeShade", "w:themeTint"):
            color.attrib.pop(qn(name), None)
