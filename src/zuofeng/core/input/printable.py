"""Making untrusted text safe to print: control and invisible characters shown as escapes."""

from __future__ import annotations

import unicodedata

# Cc: controls (NUL, ESC, newline …), Cf: invisible formatting (RTL override, zero width),
# Zl/Zp: line and paragraph separators. Any of them could forge or hide a line of output.
_HIDDEN = {"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"}


def is_hidden(char: str) -> bool:
    """True for characters a reader cannot see or that change how a line is drawn."""
    return unicodedata.category(char) in _HIDDEN


def hidden_chars(text: str) -> list[str]:
    """The distinct hidden characters of a text, as \\uXXXX escapes, in order of appearance."""
    if text.isprintable():  # every hidden category is unprintable: the common case, at C speed
        return []
    found: list[str] = []
    for char in text:
        if is_hidden(char):
            escaped = _escape(char)
            if escaped not in found:
                found.append(escaped)
    return found


def printable(text: str) -> str:
    """Text with every hidden character replaced by its \\uXXXX escape."""
    return "".join(_escape(c) if is_hidden(c) else c for c in text)


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
