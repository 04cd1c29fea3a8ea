"""The offline archive (ZUOFENG_OFFLINE=true, opened from file://) searches as well as the intranet site."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from tests.browser import chromium, guarded_page, search_quality
from zuofeng.publish.offline import _zip_folder

pytestmark = pytest.mark.slow
# The example's offline zip before this search: Material's index twice and the /admin/ form app in it.
ZIP_BEFORE = 10_400_000
HIRING = "县长张明到示例县绿源农业科技有限公司调研企业用工工作"




def _index(site: Path) -> dict[str, Any]:
    text = (site / "search/offline-index.js").read_text(encoding="utf-8")
    assert text.startswith("window.__zuofengSearch = ")
    return json.loads(text[text.index("=") + 1:].strip().rstrip(";"))


def test_archive_carries_one_index_and_no_admin(offline_example_site: Path) -> None:
    site = offline_example_site
    for gone in ("admin", "search/search_index.json", "search/search_index.js", "assets/vendor/decap-cms",
                 "assets/javascripts/lunr", "assets/javascripts/workers"):
        assert not (site / gone).exists(), gone
    assert not list(site.rglob("*.map"))
    index = _index(site)
    urls = {page[0] for page in index["pages"]}
    assert "records/2024/inspection/2024-05-16-mingcha-anfang.html" in urls and "search/index.html" not in urls
    # The same words as the Pagefind index: no field label of a record page, inner words of long ones.
    assert "暗访" in index["words"] and "用车数量" not in index["words"]
    archive = _zip_folder(site, "zuofeng-2024")
    names = [name.split("/", 1)[1] for name in zipfile.ZipFile(io.BytesIO(archive)).namelist()]
    assert not [n for n in names if n.startswith("admin/") or n.endswith("search_index.json")]
    assert len(archive) < ZIP_BEFORE, len(archive)


def test_header_box_leads_to_the_search_page(offline_example_site: Path) -> None:
    record = (offline_example_site / "records/2024/inspection/2024-05-16-mingcha-anfang.html").read_text(encoding="utf-8")
    assert 'class="zf-header-search" action="../../../search/index.html"' in record
    assert 'class="md-search"' not in record
    search_page = (offline_example_site / "search/index.html").read_text(encoding="utf-8")
    assert 'data-index="offline"' in search_page


def _search(page: Page, site: Path, query: str) -> None:
    page.goto(f"{(site / 'search/index.html').as_uri()}?q={quote(query)}")
    page.locator(f"#zf-search[data-done='{query}']").wait_for(timeout=60_000)


def _titles(page: Page) -> list[str]:
    return page.locator(".zf-search-results li a.zf-search-title").all_inner_texts()


@pytest.mark.browser
def test_query_set_from_file_url_as_on_the_intranet_site(offline_example_site: Path) -> None:
    result = search_quality().evaluate(offline_example_site)
    assert result["queries"] >= 30
    assert result["recall"] == 1.0, result["misses"]
    assert result["precision_at_5"] == 1.0, result["misses"]
    assert result["outside_requests"] == 0


@pytest.mark.browser
def test_offline_search_reads_words_narrows_and_reaches_every_result(offline_example_site: Path) -> None:
    site = offline_example_site
    texts = search_quality().offline_docs(site)
    requests: list[str] = []
    blocked: list[str] = []
    with chromium() as browser:
        page = guarded_page(browser, blocked)
        page.on("request", lambda request: requests.append(request.url))
        # The header box of any page opens the search page, with the word marked and what/when on each result.
        page.goto((site / "index.html").as_uri())
        page.locator("input.zf-header-search__input").fill("明察暗访")
        page.locator("input.zf-header-search__input").press("Enter")
        page.locator("#zf-search[data-done='明察暗访']").wait_for(timeout=60_000)
        assert page.url.split("?")[0].endswith("/search/index.html")
        first = page.locator(".zf-search-results li").first
        expect(first.locator("a.zf-search-title")).to_have_text("乡镇便民服务中心窗口作风专项检查")
        expect(first.locator(".zf-search-info")).to_have_text("督导检查 · 2024-05-16 · 县政府督查室")
        expect(first.locator(".zf-search-excerpt mark").first).to_have_text("明察暗访")

        # 公务用车 is a word of the index: the 用工 page (用 only) is not a result; every result holds it.
        _search(page, site, "公务用车")
        hrefs = page.locator(".zf-search-results li a.zf-search-title").evaluate_all("els => els.map(e => e.href)")
        base = site.resolve().as_uri() + "/"
        assert hrefs and all("公务用车" in texts[href.removeprefix(base)] for href in hrefs)
        assert HIRING not in _titles(page)
        _search(page, site, "用车")
        assert HIRING not in _titles(page)

        # A common word: 20 at a time, "显示更多结果" until the last; a result far below 14 is reachable.
        _search(page, site, "会议")
        total = int(re.search(r"找到 (\d+) 条结果", page.locator(".zf-search-status").inner_text()).group(1))
        assert total > 40
        more = page.locator(".zf-search-more")
        while more.is_visible():
            count = page.locator(".zf-search-results li").count()
            more.click()
            page.wait_for_function(f"document.querySelectorAll('.zf-search-results li').length > {count}")
        assert page.locator(".zf-search-results li").count() == total
        expect(page.locator(".zf-search-results li").nth(total - 1).locator("a")).to_be_visible()

        # Narrowed by year, then by type; sorted by date.
        page.locator("select[name=year]").select_option("2023")
        page.wait_for_function("() => { const infos = [...document.querySelectorAll('.zf-search-info')];"
                               " return infos.length > 0 && infos.every(e => e.textContent.includes('2023')); }")
        infos = page.locator(".zf-search-results li .zf-search-info").all_inner_texts()
        assert infos and all("2023" in info for info in infos)
        page.locator("select[name=type]").select_option("会议")
        page.locator("select[name=sort]").select_option("desc")
        page.wait_for_function("() => { const infos = [...document.querySelectorAll('.zf-search-info')];"
                               " return infos.length > 0 && infos.every(e => e.textContent.startsWith('会议 · 2023'))"
                               " && document.querySelector('select[name=sort]').value === 'desc'; }")
        dates = [info.split(" · ")[1] for info in page.locator(".zf-search-results li .zf-search-info").all_inner_texts()]
        assert dates and dates == sorted(dates, reverse=True)
        # A term that starts no word of the index: nothing, not a first-character match.
        _search(page, site, "用车辆牌")
        expect(page.locator(".zf-search-status")).to_have_text("没有找到“用车辆牌”的结果。")
        assert page.locator(".zf-search-results li").count() == 0
        page.context.close()
    assert blocked == []
    assert requests and all(url.startswith("file://") for url in requests), [u for u in requests if not u.startswith("file:")]
