"""The offline archive (ZUOFENG_OFFLINE=true) opened from file://: search finds inner words, nothing leaves."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser import chromium, guarded_page, screenshot, search
from tests.conftest import mkdocs_build, report_index, scratch_site

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = scratch_site(tmp_path_factory.mktemp("offline"))
    root = project.root
    project.record("2024/inspection/2024-05-16-anfang", """
        type: inspection
        date: 2024-05-16
        title: 便民服务中心窗口作风专项检查
        unit: 县政府督查室
        focus: 窗口服务
    """, "采取明察暗访方式，对各乡镇便民服务中心窗口作风进行检查。\n")
    project.record("2024/meeting/2024-03-01-changwu", """
        type: meeting
        date: 2024-03-01
        title: 县政府第1次常务会议
        kind: 常务会议
    """, "研究春耕生产工作。\n")
    # A small report: its figures link to their pages (数字溯源) by relative .html paths.
    project.write("docs/reports/2024/index.md", report_index(2024, body='\n会议{{ count("meeting") }}次，督导检查{{ about(count("inspection")) }}次。\n'))
    result = mkdocs_build(root, ZUOFENG_OFFLINE="true")
    assert result.returncode == 0, result.stderr
    return root / "site"


def test_offline_build_has_file_urls_and_an_inlined_index(offline_site: Path) -> None:
    home = (offline_site / "index.html").read_text(encoding="utf-8")
    assert 'href="records/2024/inspection/2024-05-16-anfang.html"' in home or (
        offline_site / "records/2024/inspection/2024-05-16-anfang.html").is_file()
    assert (offline_site / "search/search_index.js").read_text(encoding="utf-8").startswith("var __index = ")
    assert '<script src="assets/vendor/iframe-worker/shim.js">' in home and "unpkg.com" not in home


@pytest.mark.parametrize("query", ["乡镇", "暗访", "明察暗访"])
def test_search_from_file_url_finds_inner_words(offline_site: Path, query: str) -> None:
    blocked: list[str] = []
    with chromium() as browser:
        page = guarded_page(browser, blocked)
        page.goto((offline_site / "index.html").as_uri())
        search(page, query)
        hit = page.locator(".md-search-result__item a[href*='2024-05-16-anfang.html']").first
        expect(hit).to_be_visible(timeout=20_000)
        # Other pages (the staff guide, the notices register) may mention the word too; the record is found.
        if query == "乡镇":
            screenshot(page, "offline-search")
        page.context.close()
    assert blocked == []


def test_record_summary_links_lead_to_listing_pages_offline(offline_site: Path) -> None:
    record = offline_site / "records/2024/inspection/2024-05-16-anfang.html"
    summary = record.read_text(encoding="utf-8").split('class="zf-record-summary">', 1)[1].split("</div>", 1)[0]
    hrefs = re.findall(r'href="([^"]+)"', summary)
    assert hrefs == ["index.html", "../../units/xian-zheng-fu-du-cha-shi/index.html"]
    assert all((record.parent / href).resolve().is_file() for href in hrefs)


def test_report_figures_link_to_their_pages_offline(offline_site: Path) -> None:
    report = offline_site / "reports/2024/index.html"
    hrefs = re.findall(r'<a class="zf-figure" href="([^"]+)"', report.read_text(encoding="utf-8"))
    assert len(hrefs) == 2 and all(re.fullmatch(r"figures/[0-9a-f]{12}\.html", href) for href in hrefs)
    blocked: list[str] = []
    with chromium() as browser:
        page = guarded_page(browser, blocked)
        page.goto(report.as_uri())
        page.locator("a.zf-figure").first.click()
        expect(page.locator(".zf-figure-totals")).to_contain_text("共 1 条记录")
        page.locator("article a[href$='2024-03-01-changwu.html']").click()
        expect(page.locator("h1.zf-record-title")).to_have_text("县政府第1次常务会议")
        page.context.close()
    assert blocked == []
