"""数字溯源 on the built example site: every figure link followed to its page, its records counted there."""

from __future__ import annotations

import html
import posixpath
import re
from pathlib import Path

import pytest

from tests.conftest import REPO, mkdocs_build, report_index, scratch_site
from tests.sitecheck import site_texts
from zuofeng.core.domain.wording import about
from zuofeng.core.project import Settings, load_ledger

pytestmark = pytest.mark.slow

_LINK = re.compile(r'<a class="zf-figure" href="([^"]+)" data-working="([^"]*)"[^>]*>([^<]*)</a>')
_TOTALS = re.compile(r'<p class="zf-figure-totals" data-macro="(\w+)" data-count="(\d+)" '
                     r'data-listed="(\d+)" data-internal="(\d+)"[^>]*>')


def _report_pages(site: Path) -> list[Path]:
    return sorted(p for p in (site / "reports").glob("*/**/index.html") if "/figures/" not in p.as_posix())


def _figure_links(site: Path) -> list[tuple[Path, str, str, str]]:
    """(page, href, working, figure text) of every figure link on every report page."""
    return [(page, html.unescape(href), html.unescape(working), html.unescape(text))
            for page in _report_pages(site)
            for href, working, text in _LINK.findall(page.read_text(encoding="utf-8"))]


def _target(page: Path, href: str) -> Path:
    path = Path(posixpath.normpath(posixpath.join(page.parent.as_posix(), href)))
    return path / "index.html" if href.endswith("/") else path


def _rows(figure_page: str) -> list[list[str]]:
    """The cells of the records table of a figure page (text only)."""
    body = figure_page[figure_page.index("<article"):figure_page.index('class="zf-figure-totals"')]
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)[1:]  # the header row first
    return [[html.unescape(re.sub(r"<[^>]+>|\s+", "", cell)) for cell in re.findall(r"<td>(.*?)</td>", row, re.S)]
            for row in rows]


@pytest.fixture(scope="module")
def links(example_site: Path) -> list[tuple[Path, str, str, str]]:
    found = _figure_links(example_site)
    assert len({page for page, *_ in found}) >= 12, "every year's report sections should show figures"
    return found


def _check_link(site: Path, page: Path, href: str, working: str, text: str) -> str:
    """Follow one figure link; its page lists exactly the records the figure counts. Returns the macro."""
    assert not href.startswith(("/", "http:", "https:")), f"{page}: {href} is not relative"
    target = _target(page, href)
    assert target.is_file(), f"{page}: {href} leads nowhere"
    listing = target.read_text(encoding="utf-8")
    macro, count, listed, internal = _TOTALS.search(listing).groups()  # type: ignore[union-attr]
    count, listed, internal = int(count), int(listed), int(internal)
    rows = _rows(listing)
    where = f"{page.relative_to(site)} {text} → {href}"
    assert len(rows) == listed and listed + internal == count, where
    if macro in ("count", "sum", "breaches"):
        assert int(text) == count, where
    elif macro == "about":
        # The unit is the type's (indicators.yaml): 次, 件, 期 ….
        assert about(count) == text and re.fullmatch(rf"{re.escape(text)}：{count} \S+", working), where
    elif macro == "yoy":
        assert re.match(rf"{count} \S+，上年同期（", working) and working.endswith(text), where
    elif macro in ("total", "maximum"):
        values = [float(row[-1]) for row in rows if row[-1] != "—"]
        assert internal or float(text) == (sum(values) if macro == "total" else max(values)), where
    elif macro == "months_without":
        listed_months = {f"{int(row[0][5:7])}月" for row in rows}
        assert not listed_months & set(text.split("、")), where
    return macro


def test_every_figure_link_lists_exactly_the_records_it_counts(example_site: Path, links) -> None:
    macros = {_check_link(example_site, page, href, working, text) for page, href, working, text in links}
    assert {"count", "about", "yoy", "months_without", "breaches"} <= macros


def test_sum_total_and_maximum_links_list_what_they_add_up(tmp_path: Path) -> None:
    # The example reports no longer print a sum of two counts or a maximum: a small report does.
    project = scratch_site(tmp_path / "site")
    for day, kind, minutes in (("03-01", "常务会议", 90), ("04-02", "党组会议", 45), ("05-06", "常务会议", 120)):
        project.record(f"2023/meeting/2023-{day}-m", f"type: meeting\ndate: 2023-{day}\ntitle: 会议{day}\n"
                                                     f"kind: {kind}\nduration_min: {minutes}\n")
    project.write("docs/reports/2023/index.md", report_index(2023))
    project.write("docs/reports/2023/01-x.md", "---\norder: 1\ntitle: 一、会议\n---\n\n"
                  '召开会议{{ count("meeting", kind="常务会议") + count("meeting", kind="党组会议") }}次，'
                  '共{{ total("meeting", "duration_min") }}分钟，最长{{ maximum("meeting", "duration_min") }}分钟。\n')
    result = mkdocs_build(project.root)
    assert result.returncode == 0, result.stderr
    site = project.root / "site"
    found = [link for link in _figure_links(site) if link[0].parent.name != "audit"]
    assert sorted(text for *_, text in found) == sorted(["3", "255", "120"] * 2)  # the section and the full report
    audit = [text for page, *_, text in _figure_links(site) if page.parent.name == "audit"]
    assert sorted(audit) == sorted(["3", "2", "1", "255", "120"])  # the sum and each count it adds up
    assert {_check_link(site, page, href, working, text) for page, href, working, text in found} == {"sum", "total", "maximum"}


def test_yoy_working_names_the_earlier_period(links) -> None:
    meetings_2024 = [working for page, _, working, text in links
                     if "reports/2024/02-eight-rules" in page.as_posix() and text.startswith("同比")]
    assert "33 次，上年同期（2023-01-01—2023-11-30）37 次，同比减少10.8%" in meetings_2024


def test_the_same_figure_on_two_pages_links_to_one_page(example_site: Path, links) -> None:
    by_text = {}
    for page, href, _, text in links:
        if page.parent.name in ("02-eight-rules", "full") and "/2024/" in page.as_posix():
            by_text.setdefault((text, _target(page, href).resolve()), set()).add(page.parent.name)
    assert any(len(pages) == 2 for pages in by_text.values())


def test_figure_pages_name_no_confidential_record(example_site: Path) -> None:
    ledger = load_ledger(Settings.load(REPO))
    secret = [r for r in ledger.index.records if r.confidential]
    assert secret, "the example ledger should hold confidential records (谈话提醒)"
    pages = {path: text for path, text in site_texts(example_site).items() if "/figures/" in path.as_posix()}
    assert pages
    for path, text in pages.items():
        for record in secret:
            assert record.title not in text and record.id not in text and record.slug not in text, (path, record.id)
    internal_only = [t for t in pages.values() if 'data-listed="0"' in t and "另有" in t]
    assert internal_only, "a figure counting only internal records shows them as a number"
