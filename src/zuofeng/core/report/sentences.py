"""A report page's source cut into sentences: their text, the macros they print and the conditions they sit in."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# The mark an author puts right after a sentence nothing in the ledger can check: shown, never hidden.
NARRATIVE_MARK = "叙述"
_TOKEN_RE = re.compile(r"\{\{(?P<expr>.*?)\}\}|\{%-?\s*(?P<stmt>.*?)\s*-?%\}|\{#\s*(?P<note>.*?)\s*#\}", re.S)
SENTENCE_END_RE = re.compile(r"[。！？]|\n\s*\n")
CLAUSE_END = "，；：。！？,;:"
_SET_RE = re.compile(r"set\s+(\w+)\s*=\s*(.*)", re.S)


@dataclass(frozen=True)
class Piece:
    """Text, or a printed expression, with the conditions (`if`/`for` expressions) around it."""

    text: str
    printed: bool  # a {{ … }} expression rather than text
    conditions: tuple[str, ...]


@dataclass
class Sentence:
    """One sentence of the source: from the end of the previous one to its 。！？ or a blank line."""

    line: int
    pieces: list[Piece] = field(default_factory=list)
    narrative: bool = False  # the author marked it {# 叙述 #}
    sets: list[str] = field(default_factory=list)  # the page's `{% set %}` statements up to its end
    start: int = 0  # its span in the body: from the end of the previous sentence (code between them included)
    end: int = 0

    @property
    def text(self) -> str:
        """Its words, template code removed."""
        return "".join(p.text for p in self.pieces if not p.printed).strip()

    @property
    def source(self) -> str:
        """Its words with each printed expression as {{ … }}."""
        return "".join(p.text if not p.printed else "{{" + p.text + "}}" for p in self.pieces).strip()

    def expressions(self) -> list[str]:
        """Every expression printed in it, and every condition it sits in."""
        found = [p.text for p in self.pieces if p.printed]
        return found + sorted({c for p in self.pieces for c in p.conditions})


def split_sentences(body: str, first_line: int = 1) -> list[Sentence]:
    """The page's sentences in order; blank ones (only whitespace or code that prints nothing) left out."""
    sentences: list[Sentence] = []
    stack: list[str] = []
    sets: list[str] = []
    current = Sentence(first_line)
    position = 0

    def close(at: int) -> None:
        nonlocal current
        current.sets = list(sets)
        current.end = at
        if current.text or any(p.printed for p in current.pieces):
            sentences.append(current)
        current = Sentence(first_line + body.count("\n", 0, at), start=at)

    def append(piece: Piece, at: int) -> None:
        if not current.pieces or not (current.text or any(p.printed for p in current.pieces)):
            # A sentence starts at its first word, not at the line break before it.
            current.line = first_line + body.count("\n", 0, at + len(piece.text) - len(piece.text.lstrip()))
        current.pieces.append(piece)

    def add_text(text: str, start: int) -> None:
        offset = 0
        for end in SENTENCE_END_RE.finditer(text):
            append(Piece(text[offset:end.end()], False, tuple(stack)), start + offset)
            offset = end.end()
            close(start + offset)
        if text[offset:]:
            append(Piece(text[offset:], False, tuple(stack)), start + offset)

    for token in _TOKEN_RE.finditer(body):
        add_text(body[position:token.start()], position)
        position = token.end()
        if token.group("expr") is not None:
            append(Piece(token.group("expr").strip(), True, tuple(stack)), token.start())
        elif token.group("note") is not None:
            if token.group("note") == NARRATIVE_MARK and sentences and not current.text:
                sentences[-1].narrative = True
        else:
            _follow_statement(token.group("stmt"), stack, sets)
    add_text(body[position:], position)
    close(len(body))
    return sentences


def _follow_statement(statement: str, stack: list[str], sets: list[str]) -> None:
    """Keep the stack of enclosing conditions and the page's variables as a statement changes them."""
    word, _, rest = statement.partition(" ")
    if word in ("if", "for"):
        stack.append(rest.strip())
    elif word == "elif" and stack:
        stack[-1] = f"{stack[-1]} / {rest.strip()}"
    elif word in ("endif", "endfor") and stack:
        stack.pop()
    elif word == "set" and _SET_RE.match(statement):
        sets.append("{% " + statement + " %}")


def set_names(sets: list[str]) -> dict[str, str]:
    """The variables a page sets, with the expression each is set to."""
    found = {}
    for statement in sets:
        match = _SET_RE.match(statement[3:-3].strip())
        if match:
            found[match.group(1)] = match.group(2).strip()
    return found
