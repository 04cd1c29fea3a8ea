"""The offline archive's search index: the Pagefind index's words in one script a file:// page can load.

Under file:// a browser runs neither Pagefind's fetch nor its WebAssembly, but it runs a
`<script src>` of the same folder (as Material's `search_index.js`). The index holds the same
words as the intranet site's (jieba's cut with the project dictionary, inner words at low
weight, no field labels) as word → pages with weights, and each page's title, what/when line,
year, type, date and text for the result list; docs/assets/zuofeng-search.js searches it.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Iterable

from zuofeng.site import search
from zuofeng.site.pagefind_index import SearchDoc, Segmenter, segment

INDEX_FILE = "search/offline-index.js"
GLOBAL = "__zuofengSearch"
# Weights of one occurrence, doubled to stay integers (Pagefind: h1 7, text 1, inner words 0.5).
TITLE_WEIGHT, TEXT_WEIGHT, INNER_WEIGHT = 14, 2, 1
_BLANKS = re.compile(r"\s+")
_WORDLIKE = re.compile(r"\w")  # punctuation is no word: the query drops it too


def write_offline_index(docs: Iterable[SearchDoc], site_dir: Path, cut: Segmenter = segment) -> int:
    """Write site/search/offline-index.js; returns the number of pages."""
    ordered = sorted(docs, key=lambda d: d.url)  # same inputs, same file
    pages, postings = [], {}
    for number, doc in enumerate(ordered):
        weights, length = _page_weights(doc, cut)
        for word, weight in sorted(weights.items()):
            postings.setdefault(word, []).extend((number, weight))
        pages.append([doc.url, doc.title, doc.info, doc.sort_date, doc.filters.get("年份", ""),
                      doc.filters.get("类型", ""), length, _BLANKS.sub(" ", doc.text).strip()])
    facets: dict[str, set[str]] = {}
    for doc in ordered:
        for key, value in doc.filters.items():
            facets.setdefault(key, set()).add(value)
    data = {"pages": pages, "words": dict(sorted(postings.items())),
            "facets": {key: sorted(values) for key, values in sorted(facets.items())}}
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # JSON is JavaScript but for these two line breaks inside strings (before ES2019).
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    target = site_dir / INDEX_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(f"window.{GLOBAL} = {text};\n", encoding="utf-8")
    return len(ordered)


def _page_weights(doc: SearchDoc, cut: Segmenter) -> tuple[Counter[str], int]:
    """Each word of a page with its weight (title, text, inner words), and the page's length in words."""
    title_words = [w for w in cut(doc.title).split("\n") if _WORDLIKE.search(w)]
    text_words = [w for w in cut(doc.text).split("\n") if _WORDLIKE.search(w)]
    weights: Counter[str] = Counter()
    for word in title_words:
        weights[_key(word)] += TITLE_WEIGHT
    for word in text_words:
        weights[_key(word)] += TEXT_WEIGHT
    for word in search.missing_inner_words(set(title_words) | set(text_words)):
        weights[_key(word)] += INNER_WEIGHT
    return weights, len(title_words) + len(text_words)


def _key(word: str) -> str:
    """A word as the index holds it: Latin letters in lower case (the query is lowered too)."""
    return word.lower()
