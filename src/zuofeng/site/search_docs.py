"""What the Pagefind index holds for each page: title, what it is and when, filters, text."""

from __future__ import annotations

import re

from zuofeng.core.domain.catalogue import Catalogue
from zuofeng.core.domain.record import Record
from zuofeng.site.pagefind_index import SearchDoc, page_text
from zuofeng.site.pages import front_matter

SEARCH_PAGE = "search/index.md"
REPORT_KIND = "年度报告"
OTHER_KIND = "其他页面"
_REPORT_SRC = re.compile(r"reports/(\d{4})/")
# A record page's own title heading: the index holds the title once, as the title.
_RECORD_H1 = re.compile(r'<h1 class="zf-record-title">.*?</h1>', re.S)


def record_doc(url: str, record: Record, catalogue: Catalogue, page_html: str) -> SearchDoc:
    """A record page: 公务接待 · 2024-03-05 · 县政府办公室, filtered by year and type."""
    label = catalogue.label(record.type)
    info = " · ".join(part for part in (label, record.date.isoformat(), record.unit or "") if part)
    return SearchDoc(url=url, title=record.title, info=info, text=page_text(_RECORD_H1.sub(" ", page_html)),
                     filters={"年份": str(record.year), "类型": label}, sort_date=record.date.isoformat())


def page_doc(url: str, src: str, title: str, page_html: str) -> SearchDoc:
    """Any other page: report sections say their year (2024年报告), the rest say 站点页面."""
    match = _REPORT_SRC.match(src)
    if match:
        year = match.group(1)
        return SearchDoc(url=url, title=title, info=f"{year}年报告", text=page_text(page_html),
                         filters={"年份": year, "类型": REPORT_KIND}, sort_date=f"{year}-12-31")
    return SearchDoc(url=url, title=title, info="站点页面", text=page_text(page_html), filters={"类型": OTHER_KIND})


def search_page_markdown(offline: bool = False) -> str:
    """The search page: a box, year/type/order choices, results and a button for more.

    `offline`: the archive for file:// searches its script index (search/offline-index.js), not Pagefind.
    """
    backend = ' data-index="offline"' if offline else ""
    return front_matter(title="搜索", search={"exclude": True}) + f"""# 搜索

<div id="zf-search" data-root="../"{backend} markdown="0">
<form class="zf-search-bar" role="search">
<input type="search" name="q" placeholder="输入词语，如：明察暗访 乡镇" aria-label="搜索词语" autocomplete="off">
<select name="year" aria-label="年份"><option value="">全部年份</option></select>
<select name="type" aria-label="类型"><option value="">全部类型</option></select>
<select name="sort" aria-label="排序"><option value="">按相关度</option><option value="desc">按日期（新→旧）</option><option value="asc">按日期（旧→新）</option></select>
<button type="submit" class="md-button md-button--primary">搜索</button>
</form>
<p class="zf-search-status" aria-live="polite">需要启用 JavaScript 才能搜索。</p>
<ol class="zf-search-results"></ol>
<button type="button" class="zf-search-more md-button" hidden>显示更多结果</button>
</div>
<script src="../assets/zuofeng-search.js" defer></script>
"""
