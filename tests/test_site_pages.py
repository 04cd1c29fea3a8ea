"""The example site as built: dashboard, indicators, unit and tag listings, record pages, search index."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO
from tests.sitecheck import search_docs

pytestmark = pytest.mark.slow


def _front(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8-sig").split("---", 2)[1])


def _article(page: Path) -> str:
    html = page.read_text(encoding="utf-8")
    return html[html.index("<article"):html.index("</article>")]


def _records() -> list[tuple[Path, dict]]:
    return [(p, _front(p)) for p in sorted((REPO / "records").rglob("*.md"))]


def test_home_shows_this_years_figures_trend_notices_and_reports(example_site: Path) -> None:
    html = _article(example_site / "index.html")
    # 2024 is the latest year; its report covers 2024-01-01 to 2024-11-30.
    research = sum(1 for p, f in _records() if f["type"] == "research"
                   and dt.date(2024, 1, 1) <= f["date"] <= dt.date(2024, 11, 30))
    # The value is a link to its figure page (数字溯源).
    assert re.search(f'调研</div><div class="zf-card-value"><a class="zf-figure" [^>]*>{research}</a><small>次', html)
    assert html.count('class="zf-card"') == 6 and "同比" in html
    assert 'id="chart-zf-trend"' in html and "主要指标历年走势" in html
    notices = sorted((f["date"], p) for p, f in _records() if f["type"] == "notice" and not f.get("confidential"))
    newest = notices[-1][1].relative_to(REPO / "records").with_suffix("")
    assert f'href="records/{newest.as_posix()}/"' in html
    for year in (2021, 2022, 2023, 2024):
        assert f'href="reports/{year}/"' in html


def test_indicators_page_has_a_table_and_an_inline_chart_per_indicator(example_site: Path) -> None:
    html = _article(example_site / "indicators/index.html")
    indicators = yaml.safe_load((REPO / "src/zuofeng/data/indicators.yaml").read_text(encoding="utf-8"))["indicators"]
    assert html.count('<div class="zf-chart"') == len(indicators)
    for item in indicators:
        assert f'id="chart-zf-{item["key"]}"' in html and item["label"] in html
    assert "<script" not in html
    assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-", html), "random pygal ids make builds differ"
    assert "2021年" in html and "2024年" in html


def test_unit_and_tag_listings_hold_every_visible_record(example_site: Path) -> None:
    visible = [(p, f) for p, f in _records() if not f.get("confidential") and f["type"] != "talk"]
    unit = [p for p, f in visible if f.get("unit") == "县政府督查室"]
    page = _article(example_site / "records/units/xian-zheng-fu-du-cha-shi/index.html")
    assert f"共 {len(unit)} 条可公开的记录" in page
    assert "2024-05-16-mingcha-anfang/" in page
    units = _article(example_site / "records/units/index.html")
    assert re.match(rf"</a></td>\s*<td[^>]*>{len(unit)}</td>", units.split("县政府督查室", 1)[1])
    tagged = [p for p, f in visible if "精文减会" in (f.get("tags") or [])]
    assert f"共 {len(tagged)} 条可公开的记录" in _article(example_site / "records/tags/jing-wen-jian-hui/index.html")
    secret = [p.stem for p, f in _records() if f.get("confidential") or f["type"] == "talk"]
    listings = "".join(p.read_text(encoding="utf-8") for p in (example_site / "records").glob("[ut][na]*/**/*.html"))
    assert secret and not any(stem in listings for stem in secret)


def test_record_page_has_summary_and_edit_link_to_its_record_file(example_site: Path) -> None:
    html = (example_site / "records/2024/inspection/2024-05-16-mingcha-anfang/index.html").read_text(encoding="utf-8")
    assert ('href="http://git.example.gov.internal/bangongshi/zuofeng/-/edit/main/records/'
            '2024/inspection/2024-05-16-mingcha-anfang.md"') in html
    summary = re.sub(r"<[^>]+>", "", html.split('class="zf-record-summary">', 1)[1].split("</div>", 1)[0])
    assert summary == "督导检查 · 2024年5月16日 · 县政府督查室 · #乡镇"
    assert 'href="../../../units/xian-zheng-fu-du-cha-shi/"' in html


def test_search_index_holds_words_values_and_inner_words_not_labels(example_site: Path) -> None:
    docs = {d["url"]: d for d in search_docs(example_site)}
    mingcha = docs["records/2024/inspection/2024-05-16-mingcha-anfang/"]
    assert mingcha["info"] == "督导检查 · 2024-05-16 · 县政府督查室"
    assert "明察暗访" in mingcha["content"].split() and "暗访" in mingcha["content"].split()
    research = docs["records/2023/research/2023-03-08-fugong-fuchan/"]
    assert "复工复产" in research["content"].split()
    # Field labels are not text of every record; values are.
    assert "用车数量" not in research["text"] and "陪同人数" not in research["text"]
    assert docs["reports/2024/02-eight-rules/"]["info"] == "2024年报告"
    assert not any(url.startswith("records/2024/talk/") for url in docs)  # confidential by default


def test_inline_escapes_html_and_markdown_characters_one_by_one() -> None:
    from zuofeng.site.pages import inline

    assert inline("a|b*c_[x]#<&>\n\\`") == "a\\|b\\*c\\_\\[x\\]\\#&lt;&amp;&gt; \\\\\\`"
    assert inline("会议 &amp;") == "会议 &amp;amp;"
