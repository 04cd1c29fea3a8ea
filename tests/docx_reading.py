"""Reading a produced .docx back for tests: XML parts, block texts, run fonts."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
from docx.document import Document
from docx.oxml.ns import qn

W_FONTS = qn("w:rFonts")


def open_docx(path: Path) -> Document:
    return docx.Document(str(path))


def part_xml(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name).decode("utf-8")


def all_xml(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as archive:
        return {n: archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith((".xml", ".rels"))}


def east_asia(element: object) -> str | None:
    """The w:eastAsia font named in an element's own run properties."""
    fonts = element.find(f".//{W_FONTS}")  # type: ignore[attr-defined]
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def block_texts(document: Document) -> list[str]:
    """Non-empty paragraph texts of the body in order (table cells one by one), whitespace-normalised."""
    texts = []
    for element in document.element.body.iterchildren():
        if element.tag == qn("w:p"):
            texts.extend(_lines("".join(t.text or "" for t in element.iter(qn("w:t")))))
        elif element.tag == qn("w:tbl"):
            for cell in element.iter(qn("w:tc")):
                texts.extend(_lines("".join(t.text or "" for t in cell.iter(qn("w:t")))))
    return texts


def html_texts(html: str) -> list[str]:
    """Block texts of a built page's article: headings, paragraphs, list items, cells; <br> splits."""
    article = html[html.index("<article"):html.index("</article>")]
    texts = []
    for match in re.finditer(r"<(h[1-6]|p|li|th|td)\b[^>]*>(.*?)</\1>", article, re.S):
        for part in re.split(r"<br\s*/?>", match.group(2)):
            texts.extend(_lines(re.sub(r"<[^>]+>", "", part)))
    return [t.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"') for t in texts]


def _lines(text: str) -> list[str]:
    text = re.sub(r"\s+", " ", text).strip()
    return [text] if text else []
