"""Every number of the 2024 report, its key-figure cards and the 指标总览 table: a link to a page whose rows add up to it."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Callable

import pytest

from tests.conftest import REPO, CliResult
from tests.test_figure_trace_site import _target
from zuofeng.core.domain.wording import format_yoy

pytestmark = pytest.mark.slow

_LINK = re.compile(r'<a class="zf-figure" href="([^"]+)"[^>]*>(.*?)</a>', re.S)
_TOTALS = re.compile(r'<p class="zf-figure-totals" data-macro="(\w+)" data-count="(\d+)" '
                     r'data-listed="(\d+)" data-internal="(\d+)"(?: data-period="(\w+)")?[^>]*>')
# What a report page may print that is no ledger figure: dates, period words, a rule's stated limit.
_NOT_FIGURES = re.compile(r"\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?(?:度|以来)?|\d{1,2}—\d{1,2}月|不超过\d+")


def _article(page: Path) -> str:
    text = page.read_text(encoding="utf-8")
    return text[text.index("<article"):text.index("</article>")]


def _unlinked_numbers(fragment: str) -> list[str]:
    """The numbers of a page fragment that are not inside a figure link (context around each)."""
    rest = _LINK.sub(" ", fragment)
    rest = re.sub(r"<svg.*?</svg>", " ", rest, flags=re.S)
    text = _NOT_FIGURES.sub(" ", html.unescape(re.sub(r"<[^>]+>", " ", rest)))
    return [text[max(0, m.start() - 10):m.end() + 6] for m in re.finditer(r"\d", text)]


def _tables(listing: str) -> list[tuple[list[list[str]], tuple[str, ...]]]:
    """Each table of a figure page with the totals line after it: (rows of cell texts, totals fields)."""
    found = []
    body = listing[listing.index("<article"):]
    for totals in _TOTALS.finditer(body):
        part = body[:totals.start()]
        tables = re.findall(r"<table>(.*?)</table>", part, re.S)
        rows = re.findall(r"<tr>(.*?)</tr>", tables[-1], re.S)[1:] if tables else []
        cells = [[html.unescape(re.sub(r"<[^>]+>|\s+", "", c)) for c in re.findall(r"<td>(.*?)</td>", r, re.S)]
                 for r in rows]
        found.append((cells, totals.groups()))
        body = body[totals.end():]
    return found


def _check(page: Path, href: str, text: str) -> str:
    """Follow a link: its page's rows add up to the figure (both periods of a 同比). Returns the macro."""
    shown = html.unescape(re.sub(r"<[^>]+>", "", text)).strip()
    target = _target(page, html.unescape(href))
    assert target.is_file(), f"{page}: {href} leads nowhere"
    listing = target.read_text(encoding="utf-8")
    tables = _tables(listing)
    assert tables, f"{target}: no totals"
    where = f"{page} {shown} → {href}"
    counts = []
    for rows, (macro, count, listed, internal, period) in tables:
        count, listed, internal = int(count), int(listed), int(internal)
        assert listed + internal == count, where
        internal_rows = [r for r in rows if any("内部" in c for c in r)]
        assert len(rows) - len(internal_rows) == listed, where
        if internal and macro == "notice_stats":
            assert internal_rows and f"{internal}个内部通报的问题" in "".join(internal_rows[0]), where
        counts.append(count)
    macro = tables[0][1][0]
    if macro in ("count", "notice_stats", "sum", "breaches"):
        assert int(shown) == counts[0], where
    elif macro == "yoy":
        previous = re.search(r'data-previous="([\d.]+)"', listing)
        assert previous and len(counts) == 2, f"{where}: the earlier period is not listed"
        earlier = float(previous.group(1))
        if tables[1][1][4] == "previous":  # the earlier period's records, not a baseline
            assert counts[1] == earlier, where
        assert format_yoy(counts[0], earlier) == shown, where
    elif macro == "maximum":
        values = [float(row[-1]) for row in tables[0][0] if row and row[-1] not in ("—", "")]
        assert float(shown) == max(values), where
    return macro


def _links(fragment: str) -> list[tuple[str, str]]:
    return _LINK.findall(fragment)


def _report_pages(site: Path) -> list[Path]:
    pages = sorted((site / "reports/2024").glob("*/index.html")) + [site / "reports/2024/index.html"]
    return [p for p in pages if "/figures/" not in p.as_posix() and "/audit/" not in p.as_posix()]


def test_every_number_on_the_2024_report_pages_is_a_link_that_adds_up(example_site: Path) -> None:
    macros = set()
    for page in _report_pages(example_site):
        article = _article(page)
        assert not _unlinked_numbers(article), (page, _unlinked_numbers(article))
        macros |= {_check(page, href, text) for href, text in _links(article)}
    assert {"count", "yoy", "about", "notice_stats"} <= macros


def test_the_key_figure_cards_link_to_the_report_figure_pages(example_site: Path) -> None:
    report_targets = {_target(page, html.unescape(href)).resolve()
                      for page in _report_pages(example_site) for href, _ in _links(_article(page))}
    for page in (example_site / "index.html", example_site / "reports/2024/index.html"):
        article = _article(page)
        cards = article[article.index('<div class="zf-cards">'):]
        cards = cards[:cards.index("</div></div></div>") + 18]
        assert not _unlinked_numbers(cards), (page, _unlinked_numbers(cards))
        links = _links(cards)
        assert len(links) >= 10, page  # a value and a 同比 per card
        macros = {_check(page, href, text) for href, text in links}
        assert macros == {"count", "yoy"}, macros
        targets = {_target(page, html.unescape(href)).resolve() for href, _ in links}
        assert targets & report_targets, "a card and the report's same figure share one page"


def test_every_cell_of_the_indicator_table_is_a_link_that_adds_up(example_site: Path) -> None:
    page = example_site / "indicators/index.html"
    article = _article(page)
    table = re.search(r"<table>.*?</table>", article, re.S).group(0)  # type: ignore[union-attr]
    body = table[table.index("</thead>"):]
    rows = [re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]
    values = [c for row in rows for c in row[1:] if c.strip() != "—"]
    assert len(values) > 50 and all('class="zf-figure"' in c for c in values)
    assert not _unlinked_numbers(body), _unlinked_numbers(body)
    macros = {_check(page, href, text) for href, text in _links(body)}
    assert {"count", "maximum"} <= macros


def test_a_yoy_page_lists_both_periods_and_the_working(example_site: Path) -> None:
    page = example_site / "reports/2024/02-eight-rules/index.html"
    yoy = [(href, text) for href, text in _links(_article(page)) if "同比减少10.8%" in text]
    assert yoy
    listing = _target(page, html.unescape(yoy[0][0])).read_text(encoding="utf-8")
    tables = _tables(listing)
    assert [t[1][1] for t in tables] == ["33", "37"] and tables[1][1][4] == "previous"
    assert "2023-01-01—2023-11-30" in listing
    assert "(33 − 37) ÷ 37 = −10.8%" in html.unescape(listing)


def test_a_notice_figure_page_lists_the_problems_it_counts(example_site: Path) -> None:
    page = example_site / "reports/2024/01-practices/index.html"
    links = _links(_article(page))
    by_call = {}
    for href, text in links:
        listing = _target(page, html.unescape(href)).read_text(encoding="utf-8")
        call = re.search(r"<code>(.*?)</code>", listing).group(1)  # type: ignore[union-attr]
        by_call[html.unescape(call)] = (text, listing)
    text, listing = by_call["notice_stats().overdue"]
    rows = _tables(listing)[0][0]
    assert text == "2" and len(rows) == 2
    assert all(row[-1].startswith("超期") for row in rows), rows
    assert {row[2] for row in rows} == {"石门镇", "东关镇"}
    assert all(row[0].startswith("第6期") for row in rows)
    text, listing = by_call["notice_stats().problems"]
    assert text == "20" and len(_tables(listing)[0][0]) == 20


def test_stats_and_the_built_report_agree_on_every_notice_number(example_site: Path,
                                                                 run_cli: Callable[..., CliResult]) -> None:
    out = run_cli("--root", str(REPO), "stats", "--year", "2024").out
    line = next(line for line in out.splitlines() if line.startswith("2024年督查通报"))
    page = example_site / "reports/2024/01-practices/index.html"
    words = {"notice_stats().problems": "问题", "notice_stats().rectified": "已整改", "notice_stats().late": "逾期销号",
             "notice_stats().pending - notice_stats().overdue": "正在整改", "notice_stats().overdue": "超期",
             'count("notice")': "期"}
    seen = set()
    for href, text in _links(_article(page)):
        listing = _target(page, html.unescape(href)).read_text(encoding="utf-8")
        call = html.unescape(re.search(r"<code>(.*?)</code>", listing).group(1))  # type: ignore[union-attr]
        if call in words:
            seen.add(call)
            number = f"{text} {words[call]}" if call == 'count("notice")' else f"{words[call]} {text} 个"
            assert number in line, (call, text, line)
    assert seen == set(words)


def test_an_internal_notice_s_problems_are_counted_in_one_row_never_shown(tmp_path: Path) -> None:
    from tests.conftest import mkdocs_build, report_index, scratch_site
    from tests.notice_data import closed, problem, write_notice

    project = scratch_site(tmp_path / "site")
    write_notice(project, "2023-03-01", 1, [closed("城关镇", "2023-03-20", "2023-03-10")], slug="open")
    write_notice(project, "2023-04-01", 2, [problem("秘密单位", "2023-04-10", description="不可外传的问题"),
                                            problem("机要科", "2023-12-10", description="另一个内部问题")],
                 slug="mimi", confidential="true")
    project.write("docs/reports/2023/index.md", report_index(2023))
    project.write("docs/reports/2023/01-x.md", "---\norder: 1\ntitle: 一、通报\n---\n\n{% set ns = notice_stats() %}"
                  "通报问题{{ ns.problems }}个、已整改销号{{ ns.rectified }}个、超期{{ ns.overdue }}个。\n")
    result = mkdocs_build(project.root)
    assert result.returncode == 0, result.stderr
    page = project.root / "site/reports/2023/01-x/index.html"
    links = _links(_article(page))
    assert [re.sub(r"<[^>]+>", "", text) for _, text in links] == ["3", "1", "2"]
    listing = _target(page, html.unescape(links[0][0])).read_text(encoding="utf-8")
    (rows, totals), = _tables(listing)
    assert totals[1:4] == ("3", "1", "2") and len(rows) == 2
    assert "".join(rows[1]).startswith("另有2个内部通报的问题")
    assert _check(page, *links[0]) == "notice_stats" and _check(page, *links[2]) == "notice_stats"
    for secret in ("秘密单位", "不可外传", "机要科", "mimi", "第2期"):
        assert secret not in listing, secret
