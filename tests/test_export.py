"""`zuofeng export`: the example 2023 report as a GB/T 9704 .docx, read back with python-docx."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Callable

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from tests.conftest import REPO, CliResult
from tests.docx_reading import all_xml, east_asia, open_docx, part_xml


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example 2023 report exported once through the real CLI."""
    import contextlib
    import io

    from zuofeng.cli.main import main

    out = tmp_path_factory.mktemp("export") / "2023.docx"
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        assert main(["--root", str(REPO), "export", "2023", "--out", str(out)]) == 0
    return out


def test_page_is_a4_with_gongwen_margins_and_grid(exported: Path) -> None:
    section = open_docx(exported).sections[0]
    sizes = [section.page_width, section.page_height, section.top_margin, section.bottom_margin,
             section.left_margin, section.right_margin]
    assert [round(size.mm, 1) for size in sizes] == [210, 297, 37, 35, 28, 26]
    grid = section._sectPr.find(qn("w:docGrid"))
    # A line grid only: a character grid narrower than the font gives each character two cells in LibreOffice.
    assert grid.get(qn("w:type")) == "lines" and grid.get(qn("w:charSpace")) is None
    assert grid.get(qn("w:linePitch")) == "579"
    # 225 mm of type area / 22 lines.
    assert abs(Mm(225).pt / 22 - 579 / 20) < 0.05


def test_body_character_spacing_fits_28_characters_not_29(exported: Path) -> None:
    styles = open_docx(exported).styles
    spacing = int(styles["Normal"].element.rPr.find(qn("w:spacing")).get(qn("w:val")))  # 1/20 pt
    pitch = 16 + spacing / 20
    assert 28 * pitch <= Mm(156).pt < 29 * pitch
    runs = [run for paragraph in open_docx(exported).paragraphs for run in paragraph.runs
            if run.font.size == Pt(16)]
    assert runs and all(run._r.rPr.find(qn("w:spacing")).get(qn("w:val")) == str(spacing) for run in runs)


def test_styles_name_gongwen_fonts_sizes_and_exact_spacing(exported: Path) -> None:
    styles = open_docx(exported).styles
    expected = {"Normal": ("仿宋_GB2312", 16), "Title": ("方正小标宋简体", 22),
                "Heading 1": ("黑体", 16), "Heading 2": ("楷体_GB2312", 16)}
    for name, (font, size) in expected.items():
        style = styles[name]
        assert east_asia(style.element.rPr) == font, name
        assert style.font.name == font and style.font.size == Pt(size), name
        assert not style.font.bold, name
    normal = styles["Normal"].paragraph_format
    assert normal.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert round(normal.line_spacing.pt, 2) == 28.95
    ind = styles["Normal"].element.pPr.find(qn("w:ind"))
    assert ind.get(qn("w:firstLineChars")) == "200"
    assert styles["Title"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    for level in (1, 2):  # real heading levels, seen by Word's navigation pane and outline
        outline = styles[f"Heading {level}"].element.pPr.find(qn("w:outlineLvl"))
        assert outline.get(qn("w:val")) == str(level - 1)


def test_no_theme_fonts_left_in_any_part(exported: Path) -> None:
    parts = all_xml(exported)
    assert "word/styles.xml" in parts
    for name, xml in parts.items():
        assert "eastAsiaTheme" not in xml and "asciiTheme" not in xml and "hAnsiTheme" not in xml, name
    assert 'w:eastAsia="仿宋_GB2312"' in parts["word/styles.xml"]


def test_every_run_names_its_east_asian_font(exported: Path) -> None:
    document = open_docx(exported)
    runs = [run for paragraph in document.paragraphs for run in paragraph.runs]
    assert len(runs) > 30
    for run in runs:
        assert east_asia(run._r) in {"仿宋_GB2312", "方正小标宋简体", "黑体", "楷体_GB2312"}, run.text
        assert run.font.size in (Pt(16), Pt(22)), run.text
    assert {run.font.size for run in runs} == {Pt(16), Pt(22)}


def test_title_headings_and_run_ins(exported: Path) -> None:
    paragraphs = [p for p in open_docx(exported).paragraphs if p.text.strip()]
    assert paragraphs[0].style.name == "Title"
    assert paragraphs[0].text == "县政府党组关于2023年度落实中央八项规定精神情况的报告"
    assert east_asia(paragraphs[0].runs[0]._r) == "方正小标宋简体"
    headings = [p.text for p in paragraphs if p.style.name == "Heading 1"]
    assert headings == ["一、主要做法", "二、贯彻落实中央八项规定情况", "三、存在问题", "四、下一步整改措施"]
    for paragraph in paragraphs:
        if paragraph.style.name == "Heading 1":
            assert east_asia(paragraph.runs[0]._r) == "黑体"
    first = next(p for p in paragraphs if p.text.startswith("一是始终坚持政治引领。"))
    assert first.runs[0].text == "一是始终坚持政治引领。" and first.runs[0].bold is True
    assert first.runs[1].bold is not True and east_asia(first.runs[1]._r) == "仿宋_GB2312"
    second = next(p for p in paragraphs if p.text.startswith("（一）在改进调查研究方面。"))
    assert second.runs[0].text == "（一）在改进调查研究方面。"
    assert east_asia(second.runs[0]._r) == "楷体_GB2312"
    assert "全年共开展调研120余次" in second.text
    # A whole-year report states no 统计期间 under its title (a partial year's does: test_export_layout).
    assert not any("统计期间" in p.text for p in paragraphs)


def test_odd_and_even_footers_carry_page_fields(exported: Path) -> None:
    document = open_docx(exported)
    assert "<w:evenAndOddHeaders/>" in part_xml(exported, "word/settings.xml")
    section = document.sections[0]
    for footer, alignment, side in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "w:right"),
                                    (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "w:left")):
        paragraph = footer.paragraphs[0]
        assert paragraph.alignment == alignment
        assert paragraph.text == "— 1 —"
        instructions = [t.text for t in paragraph._p.iter(qn("w:instrText"))]
        assert [i.strip() for i in instructions] == ["PAGE"]
        kinds = [c.get(qn("w:fldCharType")) for c in paragraph._p.iter(qn("w:fldChar"))]
        assert kinds == ["begin", "separate", "end"]
        assert paragraph._p.pPr.find(qn("w:ind")).get(qn(side)) == "280"  # one 4号 character
        for run in paragraph.runs:
            assert east_asia(run._r) == "宋体" and run.font.size == Pt(14)


def test_signature_right_aligned_with_formatted_date(exported: Path) -> None:
    paragraphs = [p for p in open_docx(exported).paragraphs if p.text.strip()]
    issuer, date = paragraphs[-2], paragraphs[-1]
    assert (issuer.text, date.text) == ("中共示例县人民政府党组", "2024年1月15日")
    assert issuer.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert int(issuer._p.pPr.find(qn("w:ind")).get(qn("w:rightChars"))) == 200
    # The date starts two characters right of the issuer's first character: 28 − 2 − 11 + 2.
    assert date.alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert int(date._p.pPr.find(qn("w:ind")).get(qn("w:leftChars"))) == 1700
    # Kept with the body's last paragraph, so the date never stands alone on a page.
    body = [p for p in open_docx(exported).paragraphs]
    last_body = max(i for i, p in enumerate(body) if p.text.strip() and p._p is not issuer._p and p._p is not date._p)
    for paragraph in body[last_body:-1]:
        assert paragraph.paragraph_format.keep_with_next is True, paragraph.text


def test_two_exports_are_byte_identical(tmp_path: Path, exported: Path,
                                        run_cli: Callable[..., CliResult]) -> None:
    again = tmp_path / "again.docx"
    assert run_cli("--root", str(REPO), "export", "2023", "--out", str(again)).code == 0
    assert again.read_bytes() == exported.read_bytes()
    with zipfile.ZipFile(again) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2024, 1, 15, 0, 0, 0)}
    core = part_xml(again, "docProps/core.xml")
    assert "2024-01-15T00:00:00Z" in core and "python-docx" not in core
