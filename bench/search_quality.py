#!/usr/bin/env python3
"""Precision@5 and recall of the site's search on the Chinese test set (tests/search_queries.json), in Chromium.

A result is relevant when its page holds every query word itself (the index's own text, decoded):
a page sharing only a first character, or the word only inside a field label, is not.
Recall: every expected page is among the results a reader reaches with “显示更多结果”.
The offline archive (a site with search/offline-index.js, ZUOFENG_OFFLINE=true) is opened from file://.
Usage: search_quality.py SITE_DIR — prints one JSON line.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from tests.browser import chromium, guarded_page, serve  # noqa: E402
from tests.sitecheck import search_docs  # noqa: E402

QUERIES = REPO / "tests" / "search_queries.json"
OFFLINE_INDEX = "search/offline-index.js"


def all_results(page, base: str, query: str, search_page: str = "search/") -> list[str]:  # type: ignore[no-untyped-def]
    """URLs (relative to the site root) of every result, in order, pressing “显示更多结果” to the end."""
    from urllib.parse import quote

    page.goto(f"{base}{search_page}?q={quote(query)}")
    page.locator(f"#zf-search[data-done='{query}']").wait_for(timeout=60_000)
    more = page.locator(".zf-search-more")
    while more.is_visible():
        count = page.locator(".zf-search-results li").count()
        more.click()
        page.wait_for_function(f"document.querySelectorAll('.zf-search-results li').length > {count}")
    hrefs = page.locator(".zf-search-results li a.zf-search-title").evaluate_all("els => els.map(e => e.href)")
    return [href.removeprefix(base) for href in hrefs]


def offline_docs(site: Path) -> dict[str, str]:
    """Title and text of every page in the offline archive's index, by URL."""
    text = (site / OFFLINE_INDEX).read_text(encoding="utf-8")
    data = json.loads(text[text.index("=") + 1:].strip().rstrip(";"))
    return {page[0]: page[1] + page[-1].replace(" ", "") for page in data["pages"]}


def offline_url(site: Path, url: str) -> str:
    """A directory URL of the intranet site (records/…/x/) as the file:// archive names it (records/…/x.html)."""
    if url == "" or (site / url / "index.html").is_file():
        return url + "index.html"
    return url[:-1] + ".html" if url.endswith("/") else url


@contextlib.contextmanager
def _opened(site: Path) -> Iterator[str]:
    """The site's base URL: file:// for the offline archive, a local server otherwise."""
    if (site / OFFLINE_INDEX).is_file():
        yield site.resolve().as_uri() + "/"
    else:
        with serve(site) as base:
            yield base


def evaluate(site: Path) -> dict[str, object]:
    """Mean precision@5, recall and the queries that miss either."""
    offline = (site / OFFLINE_INDEX).is_file()
    texts = offline_docs(site) if offline else {doc["url"]: doc["title"] + doc["text"] for doc in search_docs(site)}
    queries = json.loads(QUERIES.read_text(encoding="utf-8"))["queries"]
    precisions, found, wanted, misses = [], 0, 0, []
    blocked: list[str] = []
    with _opened(site) as base, chromium() as browser:
        page = guarded_page(browser, blocked)
        for item in queries:
            query = item["query"]
            expected = [offline_url(site, url) for url in item["expected"]] if offline else item["expected"]
            urls = all_results(page, base, query, "search/index.html" if offline else "search/")
            words = [w for w in query.replace("、", " ").split() if w and w != "二"]
            top = urls[:5]
            relevant = sum(1 for url in top if all(w in texts.get(url, "") for w in words))
            precision = relevant / len(top) if top else 0.0
            hit = sum(1 for url in expected if url in urls)
            precisions.append(precision)
            found, wanted = found + hit, wanted + len(expected)
            if precision < 1 or hit < len(expected):
                misses.append({"query": query, "precision_at_5": round(precision, 2), "found": hit,
                               "expected": len(expected), "results": len(urls)})
    return {"queries": len(queries), "precision_at_5": round(sum(precisions) / len(precisions), 3),
            "recall": round(found / wanted, 3), "misses": misses, "outside_requests": len(blocked)}


if __name__ == "__main__":
    print(json.dumps(evaluate(Path(sys.argv[1])), ensure_ascii=False))
