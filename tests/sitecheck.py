"""Reading a built site as an attacker would: every file, decoded, and every active HTML construct."""

from __future__ import annotations

import gzip
import html
import io
import re
import zipfile
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
    """Every file of a site as text: zip members, gzip and the Pagefind index opened and decoded (see file_texts)."""
    texts = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            inner = file_texts(path.name, path.read_bytes())
            texts[path] = path.relative_to(site).as_posix() + "\n" + "\n".join(inner.values())
    return texts


def file_texts(name: str, data: bytes) -> dict[str, str]:
    """Every text a file holds, by name (`a.zip!b/c.xml`): zips (.zip, .docx, .xlsx) opened member by member,
    recursively; gzip (sitemap.xml.gz, Pagefind's files) opened; Chinese of the Pagefind index (q + 5 hex
    digits) and JSON/JS \\u escapes decoded; markup also as text with its tags dropped (Word and Excel split
    a value into runs) and entities resolved; jieba's \\u200b removed.
    """
    if data[:4] == b"PK\x03\x04":
        texts = {}
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in archive.namelist():
                if not member.endswith("/"):
                    texts.update(file_texts(f"{name}!{member}", archive.read(member)))
        return texts
    if data[:2] == b"\x1f\x8b":
        return file_texts(name, gzip.decompress(data))
    text = _decode_pagefind(data.decode("utf-8", errors="replace"))
    text = _UNICODE_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text).replace("\u200b", "")
    if "<" in text:
        text += "\n" + html.unescape(re.sub(r"<[^>]*>", "", text))
    return {name: text}


def compact(text: str) -> str:
    """Text without blanks, to find a value the search index or a layout cut into words."""
    return re.sub(r"\s+", "", text)


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
