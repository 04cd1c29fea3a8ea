"""Markdown → a flat list of blocks (headings, paragraphs, list items, tables) with styled runs."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Literal

import markdown

BlockKind = Literal["heading", "paragraph", "item", "table"]
# The same Markdown dialect as the site (mkdocs.yml markdown_extensions).
EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition"]
_TEXT_BLOCKS = {"p": 0, "pre": 0, "h1": 1, "h2": 1, "h3": 2, "h4": 3, "h5": 3, "h6": 3}
# Inline or wrapping tags whose text is kept; any other element (raw HTML such as the
# key_figures cards, scripts, admonitions) is skipped with everything inside it.
_TRANSPARENT = {"a", "span", "code", "sup", "sub", "blockquote", "thead", "tbody", "u", "s", "del", "mark", "abbr"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_SPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Block:
    """One Word paragraph (or table); heading level 1–3, list depth from 1."""

    kind: BlockKind
    level: int = 0
    ordered: bool = False
    runs: list[Run] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    header_rows: int = 0

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


class _Walker(HTMLParser):
    """Walks the HTML that Python-Markdown produced and collects blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._current: Block | None = None
        self._skip: list[str] = []
        self._bold = self._italic = 0
        self._lists: list[bool] = []
        self._table: Block | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip:
            if tag == self._skip[0] and tag not in _VOID:
                self._skip.append(tag)
            return
        if tag in _TEXT_BLOCKS:
            if self._cell is None and (self._current is None or self._current.kind != "item"):
                self._start(Block("heading" if _TEXT_BLOCKS[tag] else "paragraph", _TEXT_BLOCKS[tag]))
        elif tag in ("ul", "ol"):
            self._lists.append(tag == "ol")
        elif tag == "li":
            self._start(Block("item", len(self._lists), self._lists[-1] if self._lists else False))
        elif tag == "table":
            self._flush()
            self._table = Block("table")
        elif tag == "tr" and self._table is not None:
            self._table.rows.append([])
        elif tag in ("th", "td") and self._table is not None:
            self._cell = []
            if tag == "th" and len(self._table.rows) == self._table.header_rows + 1:
                self._table.header_rows += 1
        elif tag in ("strong", "b"):
            self._bold += 1
        elif tag in ("em", "i"):
            self._italic += 1
        elif tag == "br":
            self._add("\n")
        elif tag not in _TRANSPARENT and tag not in _VOID:
            self._skip.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._skip:
            if tag == self._skip[0]:
                self._skip.pop()
            return
        if tag in _TEXT_BLOCKS and self._cell is None and (self._current is None or self._current.kind != "item"):
            self._flush()
        elif tag == "li":
            self._flush()
        elif tag in ("ul", "ol") and self._lists:
            self._lists.pop()
        elif tag in ("th", "td") and self._table is not None and self._cell is not None:
            self._table.rows[-1].append(_SPACE_RE.sub(" ", "".join(self._cell)).strip())
            self._cell = None
        elif tag == "table" and self._table is not None:
            self.blocks.append(self._table)
            self._table = None
        elif tag in ("strong", "b"):
            self._bold = max(0, self._bold - 1)
        elif tag in ("em", "i"):
            self._italic = max(0, self._italic - 1)

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._add(_SPACE_RE.sub(" ", data))

    def _add(self, text: str) -> None:
        if self._cell is not None:
            self._cell.append(text)
        elif self._current is not None and text:
            # A browser shows no space at the start of a line after <br>.
            if self._current.runs and self._current.runs[-1].text.endswith("\n"):
                text = text.lstrip(" ")
            if text:
                self._current.runs.append(Run(text, self._bold > 0, self._italic > 0))

    def _start(self, block: Block) -> None:
        self._flush()
        self._current = block

    def _flush(self) -> None:
        if self._current is not None:
            self._current.runs = _trimmed(self._current.runs)
            if self._current.runs:
                self.blocks.append(self._current)
        self._current = None


def _trimmed(runs: list[Run]) -> list[Run]:
    """Runs without the whitespace a browser would not show at the edges of a block."""
    runs = list(runs)
    while runs and not runs[0].text.strip(" "):
        runs.pop(0)
    while runs and not runs[-1].text.strip(" "):
        runs.pop()
    if runs:
        runs[0] = Run(runs[0].text.lstrip(" "), runs[0].bold, runs[0].italic)
        runs[-1] = Run(runs[-1].text.rstrip(" "), runs[-1].bold, runs[-1].italic)
    return [run for run in runs if run.text]


def markdown_blocks(text: str) -> list[Block]:
    """The blocks of a Markdown text, parsed by Python-Markdown exactly as the site does."""
    walker = _Walker()
    walker.feed(markdown.markdown(text, extensions=EXTENSIONS))
    walker.close()
    walker._flush()
    return walker.blocks
