"""The offline archive (ZUOFENG_OFFLINE=true) opened from file://: search finds inner words, nothing leaves.

All on the one offline build of the example site (`offline_example_site`), shared with tests/test_offline_search.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser import chromium, guarded_page, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.slow]
RECORD = "records/2024/inspection/2024-05-16-mingcha-anfang.html"  # 采取明察暗访方式，对各乡镇……


def test_offline_build_has_file_urls_and_a_script_index(offline_example_site: Path) -> None:
    home = (offline_example_site / "index.html").read_text(encoding="utf-8")
    assert f'href="{RECORD}"' in home or (offline_example_site / RECORD).is_file()
    assert (offline_example_site / "search/offline-index.js").read_text(encoding="utf-8").startswith("window.__zuofengSearch = ")
    assert '<script src="assets/vendor/iframe-worker/shim.js">' in home and "unpkg.com" not in home


@pytest.mark.parametrize("query", ["乡镇", "暗访", "明察暗访"])
def test_search_from_file_url_finds_inner_words(offline_example_site: Path, query: str) -> None:
    blocked: list[str] = []
    with chromium() as browser:
        page = guarded_page(browser, blocked)
        page.goto((offline_example_site / "index.html").as_uri())
        box = page.locator("input.zf-header-search__input")
        box.fill(query)
        box.press("Enter")
        page.locator(f"#zf-search[data-done='{query}']").wait_for(timeout=60_000)
        more = page.locator(".zf-search-more")
        while more.is_visible():  # other pages (the staff guide, the notices register) may mention the word too
            more.click()
        hit = page.locator(f".zf-search-results a[href$='{RECORD}']").first
        expect(hit).to_be_visible(timeout=20_000)
        if query == "乡镇":
            screenshot(page, "offline-search")
        page.context.close()
    assert blocked == []


def test_record_summary_links_lead_to_listing_pages_offline(offline_example_site: Path) -> None:
    record = offline_example_site / RECORD
    summary = record.read_text(encoding="utf-8").split('class="zf-record-summary">', 1)[1].split("</div>", 1)[0]
    hrefs = re.findall(r'href="([^"]+)"', summary)
    assert hrefs == ["index.html", "../../units/xian-zheng-fu-du-cha-shi/index.html", "../../tags/xiang-zhen/index.html"]
    assert all((record.parent / href).resolve().is_file() for href in hrefs)


def test_report_figures_link_to_their_pages_offline(offline_example_site: Path) -> None:
    report = offline_example_site / "reports/2023/01-practices.html"
    hrefs = re.findall(r'<a class="zf-figure" href="([^"]+)"', report.read_text(encoding="utf-8"))
    assert hrefs and all(re.fullmatch(r"figures/[0-9a-f]{12}\.html", href) for href in hrefs)
    blocked: list[str] = []
    with chromium() as browser:
        page = guarded_page(browser, blocked)
        page.goto(report.as_uri())
        page.locator("a.zf-figure").first.click()
        expect(page.locator(".zf-figure-totals")).to_contain_text(re.compile(r"共 \d+ 条记录"))
        listed = page.locator("article a[href*='/records/20'][href$='.html']").first
        title = listed.inner_text()
        listed.click()
        expect(page.locator("h1.zf-record-title")).to_contain_text(title)
        page.context.close()
    assert blocked == []
