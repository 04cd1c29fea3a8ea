"""Reading a built site as an attacker would: every file, decoded, and every active HTML construct."""

from __future__ import annotations

import gzip
import re
from html.parser import HTMLParser
from pathlib import Path

_UNICODE_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def site_files(site: Path) -> dict[str, bytes]:
    """Every built file's bytes by its path (the sitemap's gzip copy decompressed: its header holds a time)."""
    files = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        files[path.relative_to(site).as_posix()] = gzip.decompress(data) if path.suffix == ".gz" else data
    return files


def site_texts(site: Path) -> dict[Path, str]:
    """Every file of a site as text: gzip opened, JSON/JS \\u escapes decoded, jieba's \\u200b removed."""
    texts = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        raw = path.read_bytes()
        if path.suffix == ".gz" or path.suffix.startswith(".pf_"):
            raw = gzip.decompress(raw)
        text = _decode_pagefind(raw.decode("utf-8", errors="replace"))
        text = _UNICODE_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
        texts[path] = path.relative_to(site).as_posix() + "\n" + text.replace("\u200b", "")
    return texts


_PAGEFIND_HAN = re.compile(r"q([0-9a-f]{5})")


def _decode_pagefind(text: str) -> str:
    """Chinese as the Pagefind index spells it (q + 5 hex digits a character) turned back into characters."""
    return _PAGEFIND_HAN.sub(lambda m: chr(int(m.group(1), 16)), text)


def search_docs(site: Path) -> list[dict[str, str]]:
    """Every page in the site's Pagefind index: url, title and content, Chinese decoded, words joined."""
    import json

    docs = []
    for path in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd"):])
        content = _decode_pagefind(data["content"])
        docs.append({"url": data["url"].lstrip("/"), "title": data["meta"].get("title", ""),
                     "info": data["meta"].get("info", ""), "content": content,
                     "text": re.sub(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])", "", content)})
    return docs


class ActiveContent(HTMLParser):
    """Collects script, handlers and dangerous URLs whose text contains a marker."""

    DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "frame", "base", "form", "meta", "style", "svg", "math", "link"}

    def __init__(self, marker: str) -> None:
        super().__init__(convert_charrefs=True)
        self.marker = marker
        self.found: list[str] = []
        self._open: list[str] = []

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self._open.append(tag)
        for name, value in attrs:
            value = value or ""
            if self.marker in value and (name.startswith("on") or tag in self.DANGEROUS_TAGS):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src", "action", "formaction", "data", "xlink:href") and re.match(r"\s*(javascript|vbscript|data):", value, re.I):
                self.found.append(f"<{tag} {name}={value!r}>")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            while self._open and self._open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self.marker in data and any(t in self.DANGEROUS_TAGS for t in self._open):
            self.found.append(f"<{self._open[-1]}>{data[:80]!r}")


def active_content(html: str, marker: str) -> list[str]:
    """Script-capable constructs in html that carry the marker (or any javascript: URL)."""
    parser = ActiveContent(marker)
    parser.feed(html)
    parser.close()
    return parser.found
