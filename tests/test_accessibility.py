"""WCAG 2.1 AA (axe-core), keyboard, print and large text on the example site, in one headless Chromium."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser import guarded_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# axe-core from the npm registry, pinned by tests/tools/axe/package-lock.json (`make install` runs npm ci).
AXE = Path(__file__).resolve().parent / "tools/axe/node_modules/axe-core/axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SITE_NAME = "示例县政府作风建设报告站"
# One page of every kind the site has (the figure page is found in the build: its name is a digest).
PAGE_KINDS = {
    "home": "",
    "report-index": "reports/2023/",
    "report-section": "reports/2023/01-practices/",
    "full-report": "reports/2023/full/",
    "records": "records/",
    "record": "records/2023/research/2023-01-02-diaoyan-liushu-g001/",
    "notices": "notices/",
    "notice": "records/2023/notice/2023-06-20-tongbao-3/",
    "indicators": "indicators/",
    "search": "search/?q=乡镇",
    "guide": "guide/",
    "figure": None,
    "admin": "admin/",
}
_AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id} ${n.target.join(' ')}: ${n.failureSummary}`));
}"""
# The focus ring a keyboard reader sees: an outline or a box shadow on the focused element.
_FOCUS_RING = """() => {
  const el = document.activeElement, style = getComputedStyle(el);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  return outline || style.boxShadow !== 'none';
}"""


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    blocked: list[str] = []
    page = guarded_page(browser, blocked)
    yield page
    page.context.close()
    assert blocked == []


def _figure_page(site: Path) -> str:
    """The page of the first figure of a report section (one that lists its records)."""
    section = (site / "reports/2023/01-practices/index.html").read_text(encoding="utf-8")
    match = re.search(r'<a class="zf-figure" href="\.\./figures/([0-9a-f]+)/"', section)
    assert match, "no figure link in the report section"
    return f"reports/2023/figures/{match[1]}/"


def _open(page: Page, base_url: str, kind: str, site: Path) -> None:
    """Open one page of a kind and wait until what scripts add to it is there."""
    path = PAGE_KINDS[kind] if PAGE_KINDS[kind] is not None else _figure_page(site)
    page.goto(base_url + path)
    if kind == "search":
        page.locator("#zf-search[data-done='乡镇']").wait_for(timeout=30_000)
        expect(page.locator(".zf-search-results li").first).to_be_visible()
    if kind == "admin":
        expect(page.get_by_role("button", name="GitLab", exact=False)).to_be_visible(timeout=60_000)


@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_every_page_kind_passes_axe(page: Page, base_url: str, example_site: Path, kind: str) -> None:
    _open(page, base_url, kind, example_site)
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(_AXE_RUN, WCAG_TAGS)
    assert violations == [], f"{kind}: {len(violations)} violations\n" + "\n".join(violations)


def _tab_to(page: Page, selector: str, limit: int = 60) -> list[str]:
    """Press Tab until the selector has focus; returns what took focus on the way, each with a visible ring."""
    passed = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement === document.body"):
            continue
        assert page.evaluate(_FOCUS_RING), f"no visible focus on {page.evaluate('() => document.activeElement.outerHTML.slice(0, 120)')}"
        passed.append(page.evaluate("() => document.activeElement.getAttribute('name') || document.activeElement.className"))
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return passed
    raise AssertionError(f"{selector} never took focus; focus went through {passed}")


def test_search_by_keyboard_alone(page: Page, base_url: str) -> None:
    page.goto(base_url)
    _tab_to(page, "input.zf-header-search__input")
    page.keyboard.type("乡镇")
    page.keyboard.press("Enter")
    page.locator("#zf-search[data-done='乡镇']").wait_for(timeout=30_000)
    passed = _tab_to(page, ".zf-search-results li a")
    assert {"year", "type", "sort"} <= set(passed)
    page.keyboard.press("Enter")
    expect(page).not_to_have_url(f"{base_url}search/?q=乡镇")


def test_the_skip_link_leads_to_the_content_on_a_page_without_headings_in_its_toc(page: Page, base_url: str) -> None:
    page.goto(base_url + PAGE_KINDS["record"])
    page.keyboard.press("Tab")
    skip = page.locator(".md-skip")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    # The next Tab goes on from the content, not back to the header.
    page.keyboard.press("Tab")
    assert page.evaluate("() => !!document.activeElement.closest('.md-content')")


def test_figure_links_show_their_working_to_the_keyboard(page: Page, base_url: str) -> None:
    page.goto(base_url + PAGE_KINDS["report-section"])
    _tab_to(page, "a.zf-figure")
    working = page.evaluate("() => getComputedStyle(document.activeElement, '::after').content")
    assert working not in ("none", "normal") and len(working) > 2


def test_large_text_is_one_button_and_is_remembered(page: Page, base_url: str) -> None:
    page.goto(base_url + PAGE_KINDS["record"])
    button = page.get_by_role("button", name="大字")
    expect(button).to_have_attribute("aria-pressed", "false")
    size = page.evaluate("() => parseFloat(getComputedStyle(document.documentElement).fontSize)")
    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-pressed", "true")
    assert page.evaluate("() => document.documentElement.classList.contains('zf-large-text')")
    larger = page.evaluate("() => parseFloat(getComputedStyle(document.documentElement).fontSize)")
    assert larger >= size * 1.2
    page.goto(base_url + PAGE_KINDS["notices"])
    assert page.evaluate("() => document.documentElement.classList.contains('zf-large-text')")
    expect(page.get_by_role("button", name="大字")).to_have_attribute("aria-pressed", "true")
    # Nothing sticks out sideways at the larger size.
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    page.get_by_role("button", name="大字").click()
    page.reload()
    assert not page.evaluate("() => document.documentElement.classList.contains('zf-large-text')")


def test_pages_still_work_at_200_percent_zoom(browser: Browser, base_url: str) -> None:
    """200% zoom of a 1280 px window is a 640 px viewport at twice the pixel ratio."""
    context = browser.new_context(viewport={"width": 640, "height": 450}, device_scale_factor=2, locale="zh-CN")
    page = context.new_page()
    try:
        for kind in ("full-report", "notices", "search"):
            page.goto(base_url + str(PAGE_KINDS[kind]))
            assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"), kind
        # The search box and the 大字 button stay in reach in the narrow header.
        expect(page.locator("input[name=q]").first).to_be_visible()
        expect(page.get_by_role("button", name="大字")).to_be_visible()
    finally:
        context.close()


def _pdf_text(page: Page, tmp_path: Path, name: str) -> str:
    pdf = tmp_path / f"{name}.pdf"
    page.emulate_media(media="print")
    page.pdf(path=str(pdf), format="A4", print_background=False)
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    return out.stdout


def test_the_full_report_prints_without_navigation_and_with_plain_figures(
        page: Page, base_url: str, tmp_path: Path) -> None:
    page.goto(base_url + PAGE_KINDS["full-report"])
    figure = page.locator("a.zf-figure").first
    number = figure.inner_text()
    text = _pdf_text(page, tmp_path, "full-report")
    title = page.locator("h1").first.inner_text()
    for nav in ("搜索", "大字", "填报指南", "记录台账", "跳转至", "回到页面顶部", "示例县人民政府办公室"):
        assert nav not in text, nav
    # Every printed page names the site and the page in its top margin.
    pages = [re.sub(r"\s", "", sheet) for sheet in text.split("\f") if sheet.strip()]
    assert len(pages) > 1 and all(SITE_NAME in sheet and re.sub(r"\s", "", title) in sheet for sheet in pages)
    assert number in text
    # Figures print as the text around them: no link colour, no underline, no working text.
    style = figure.evaluate("(a) => [getComputedStyle(a).color, getComputedStyle(a.parentElement).color,"
                            " getComputedStyle(a).textDecorationLine, getComputedStyle(a, '::after').content]")
    assert style[0] == style[1] and style[2] == "none" and style[3] in ("none", "normal")


def test_a_figure_page_and_the_notice_register_print_as_documents(
        page: Page, base_url: str, example_site: Path, tmp_path: Path) -> None:
    page.goto(base_url + _figure_page(example_site))
    text = _pdf_text(page, tmp_path, "figure")
    assert SITE_NAME in text and "搜索" not in text and "记录台账" not in text
    page.goto(base_url + PAGE_KINDS["notices"])
    page.emulate_media(media="print")
    table = page.locator(".md-typeset table").nth(2)
    assert table.evaluate("(t) => getComputedStyle(t).display") == "table"
    assert table.evaluate("(t) => getComputedStyle(t.closest('.md-typeset__scrollwrap') || t).overflowX") != "auto"
    assert table.evaluate("(t) => t.getBoundingClientRect().right <= document.documentElement.clientWidth + 1")
    # Its rows are not cut across pages.
    assert table.evaluate("(t) => getComputedStyle(t.rows[1]).breakInside") == "avoid"
