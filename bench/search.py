#!/usr/bin/env python3
"""`make bench`: bytes downloaded and seconds to first results of a two-word search, in Chromium.

Usage: search.py SITE_DIR — serves the built site on 127.0.0.1, opens the home page, types a
two-word query into the header box and waits for the first result; prints one JSON line.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.browser import chromium, guarded_page, serve  # noqa: E402

QUERY = "乡镇 检查"


def measure(site: Path, query: str = QUERY) -> dict[str, object]:
    """Bytes (uncompressed bodies) from opening the home page to the first result, and seconds after Enter."""
    blocked: list[str] = []
    sizes: list[int] = []
    with serve(site) as base, chromium() as browser:
        page = guarded_page(browser, blocked)
        page.on("requestfinished", lambda request: sizes.append(request.sizes()["responseBodySize"]))
        page.goto(base)
        page.wait_for_load_state("load")
        box = page.locator("input.zf-header-search__input")
        box.fill(query)
        started = time.perf_counter()
        box.press("Enter")
        page.locator(".zf-search-results li").first.wait_for(timeout=60_000)
        seconds = time.perf_counter() - started
        count = page.locator(".zf-search-status").inner_text()
        page.wait_for_timeout(300)  # let finished requests report their sizes
    return {"query": query, "bytes": sum(sizes), "requests": len(sizes), "first_results_s": round(seconds, 2),
            "status": count, "outside_requests": len(blocked)}


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1])), ensure_ascii=False))
