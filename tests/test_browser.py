"""The example site in a real headless Chromium: dashboard, search, navigation, charts, no outside request."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser import find, guarded_page, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def blocked() -> list[str]:
    return []


@pytest.fixture
def page(browser: Browser, blocked: list[str]) -> Iterator[Page]:
    page = guarded_page(browser, blocked)
    yield page
    page.context.close()
    # Whatever the test did, nothing may have tried to leave the site.
    assert blocked == []


def test_home_renders_the_key_figures(page: Page, base_url: str) -> None:
    page.goto(base_url)
    cards = page.locator(".zf-card")
    expect(cards).to_have_count(6)
    expect(cards.nth(1)).to_contain_text("调研")
    expect(cards.nth(1).locator(".zf-card-yoy")).to_contain_text("同比")
    expect(page.locator("#chart-zf-trend")).to_be_visible()
    screenshot(page, "home")


@pytest.mark.parametrize("query, record, summary", [
    ("复工复产", "records/2023/research/2023-03-08-fugong-fuchan/", "调研 · 2023-03-08 · 县政府办公室"),
    ("暗访", "records/2024/inspection/2024-05-16-mingcha-anfang/", "督导检查 · 2024-05-16 · 县政府督查室"),
    ("明察暗访", "records/2024/inspection/2024-05-16-mingcha-anfang/", "督导检查 · 2024-05-16 · 县政府督查室"),
])
def test_search_finds_the_record(page: Page, base_url: str, query: str, record: str, summary: str) -> None:
    page.goto(base_url)
    find(page, query)
    hit = page.locator(f".zf-search-results li:has(a[href$='{record}'])").first
    expect(hit).to_be_visible(timeout=20_000)
    # The result tells what the record is and when: type, date and unit under its title.
    expect(hit.locator(".zf-search-info")).to_have_text(summary)
    expect(hit.locator(".zf-search-excerpt mark").first).to_have_text(query)
    screenshot(page, f"search-{query}")


def test_search_ranks_the_word_over_its_first_character_and_dates_report_sections(page: Page, base_url: str) -> None:
    page.goto(base_url)
    find(page, "用车")
    results = page.locator(".zf-search-results li")
    expect(results.first).to_be_visible()
    for index in range(min(5, results.count())):
        # Every result holds 用车 itself (公务用车, 用车 in the report), none only 用工.
        expect(results.nth(index).locator(".zf-search-excerpt")).to_contain_text("用车")
    find(page, "贯彻落实中央八项规定情况")
    infos = page.locator(".zf-search-info").all_inner_texts()
    assert {"2021年报告", "2022年报告", "2023年报告", "2024年报告"} <= set(infos)


def test_search_narrows_by_year_and_type(page: Page, base_url: str) -> None:
    page.goto(base_url)
    find(page, "乡镇")
    page.select_option("select[name=year]", "2024")
    page.select_option("select[name=type]", "督导检查")
    expect(page.locator(".zf-search-results li").first).to_be_visible()
    for info in page.locator(".zf-search-info").all_inner_texts():
        assert info.startswith("督导检查 · 2024-")


def test_navigate_to_a_record_and_back(page: Page, base_url: str) -> None:
    page.goto(base_url + "records/2024/inspection/")
    page.locator("a[href$='2024-05-16-mingcha-anfang/']").first.click()
    expect(page.locator("h1.zf-record-title")).to_have_text("乡镇便民服务中心窗口作风专项检查")
    expect(page.locator(".zf-record-summary")).to_contain_text("县政府督查室")
    edit = page.locator("a.md-content__button[href*='/edit/']")
    expect(edit).to_have_attribute("href", re.compile(r"/records/2024/inspection/2024-05-16-mingcha-anfang\.md$"))
    screenshot(page, "record")
    page.go_back()
    expect(page).to_have_url(base_url + "records/2024/inspection/")


def test_indicator_chart_is_visible(page: Page, base_url: str) -> None:
    page.goto(base_url + "indicators/")
    chart = page.locator("#chart-zf-research")
    chart.scroll_into_view_if_needed()
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    assert box is not None and box["height"] > 100 and box["width"] > 300
    screenshot(page, "indicators")


def test_the_admin_form_starts_without_leaving_the_site(page: Page, base_url: str) -> None:
    """Configured for the office's GitLab, /admin/ offers its login and fetches nothing until then."""
    page.goto(base_url + "admin/")
    expect(page.get_by_role("button", name=re.compile("GitLab"))).to_be_visible(timeout=60_000)
    screenshot(page, "admin-login")


def test_yoy_figure_shows_its_working_on_hover_and_focus(page: Page, base_url: str) -> None:
    page.goto(base_url + "reports/2024/02-eight-rules/")
    figure = page.locator("a.zf-figure", has_text="同比减少10.8%").first
    expected = "33 次，上年同期（2023-01-01—2023-11-30）37 次，同比减少10.8%"
    shown = "el => getComputedStyle(el, '::after').content"
    assert figure.evaluate(shown) in ("none", "normal")
    figure.hover()
    assert figure.evaluate(shown) == f'"{expected}"'
    assert figure.evaluate("el => getComputedStyle(el).textDecorationLine") == "underline"
    screenshot(page, "figure-hover")
    page.mouse.move(0, 0)
    figure.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # keyboard focus: :focus-visible
    assert figure.evaluate(shown) == f'"{expected}"'
    # Printing shows the plain figure: no working, no underline.
    page.emulate_media(media="print")
    assert figure.evaluate(shown) in ("none", "normal")
    figure.click()
    expect(page.locator("h1")).to_have_text("会议：同比减少10.8%")
    expect(page.locator('.zf-figure-totals[data-period="current"]')).to_contain_text("共 33 条记录")
    expect(page.locator('.zf-figure-totals[data-period="previous"]')).to_contain_text("共 37 条记录")
