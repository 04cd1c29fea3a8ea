"""Report pages on the site: which period a page speaks of, 全文 pages, the reports nav."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Iterable, Mapping

from zuofeng.core.domain.index import RecordIndex
from zuofeng.core.domain.indicators import Indicator
from zuofeng.core.report.macros import ReportMacros, bind
from zuofeng.core.project import Ledger
from zuofeng.core.report.reports import Report
from zuofeng.core.domain.wording import format_issued

REPORTS_ROOT = "reports"
_YEAR_RE = re.compile(rf"^{REPORTS_ROOT}/([0-9]{{4}})/")


def page_year(src_uri: str, meta: Mapping[str, Any], index: RecordIndex, report_years: Iterable[int] = ()) -> int:
    """The year a page speaks of: its report folder, its `year` meta, else the latest year of records or reports.

    A ledger with no record yet speaks of its latest report's year, or of this year.
    """
    match = _YEAR_RE.match(src_uri)
    if match:
        return int(match.group(1))
    if isinstance(meta.get("year"), int):
        return int(meta["year"])
    return index.years[-1] if index.years else max(report_years, default=dt.date.today().year)


def macros_for(src_uri: str, meta: Mapping[str, Any], ledger: Ledger, reports: dict[int, Report],
               indicators: list[Indicator], charts: dict[str, str] | None = None, traced: bool = False) -> ReportMacros:
    """Macros bound to the period of the page's report (or the whole year); `charts` and `traced` as in `bind`."""
    page_dir = src_uri.rsplit("/", 1)[0] if "/" in src_uri else ""
    return bind(ledger, reports, indicators, page_year(src_uri, meta, ledger.index, reports), page_dir, charts, traced)


def audit_src(year: int) -> str:
    return f"{REPORTS_ROOT}/{year}/audit.md"


def audit_markdown(ledger: Ledger, reports: dict[int, Report], indicators: list[Indicator], year: int) -> str:
    """The report's audit page (报告核查): each sentence as 数字, 已核对 or 叙述, with the counts."""
    from zuofeng.core.domain.rules import load_claims
    from zuofeng.core.report.audit import audit_markdown as page
    from zuofeng.core.report.final import report_sentences

    report = reports[year]
    functions = bind(ledger, reports, indicators, year, traced=True).functions()  # traced: which values are figures
    return page(year, report.title, report_sentences(ledger, report), load_claims(ledger.settings.rules_path), functions)


def full_text_src(year: int) -> str:
    return f"{REPORTS_ROOT}/{year}/full.md"


def full_text_markdown(report: Report) -> str:
    """The whole report in order, as one page (its sections' renders make its page: site/rendered.py)."""
    front = f"---\ntitle: {report.year}年报告全文\nyear: {report.year}\n---\n\n"
    return front + full_text_body(report, [section.body.strip() for section in report.sections])


def full_text_body(report: Report, bodies: list[str]) -> str:
    """The full text's Markdown below its front matter: title, each section's title and body, signature."""
    parts = [f"# {report.title}\n"]
    for section, body in zip(report.sections, bodies):
        if section.show_title:
            parts.append(f"## {section.title}\n")
        parts.append(body + "\n")
    parts.append(f'<p class="zf-signature">{report.issuer}<br>{format_issued(report.date)}</p>\n')
    return "\n".join(parts)


def section_links(report: Report) -> str:
    """Markdown list of a report's sections and its full text, appended to the report's index page."""
    lines = ["", "## 报告各部分", ""]
    for section in report.sections:
        name = section.path.rsplit("/", 1)[1]
        lines.append(f"- [{section.title}]({name})")
    lines.append("- [报告全文](full.md)")
    lines.append("- [报告核查](audit.md)（每句话是数字、已核对还是叙述）")
    lines.append(f"- [下载 Word 文件](../../downloads/{report.year}-report.docx)")
    return "\n".join(lines) + "\n"


def reports_index_markdown(reports: dict[int, Report]) -> str:
    lines = ["---", "title: 年度报告", "---", "", "# 年度报告", ""]
    for year in sorted(reports, reverse=True):
        report = reports[year]
        lines.append(f"- [{report.title}]({year}/index.md)（{report.period}）")
    if not reports:
        lines.append("暂无报告。")
    return "\n".join(lines) + "\n"


def nav_children(reports: dict[int, Report]) -> list[Any]:
    """Nav entries under the reports listing: per year, its index, sections and full text."""
    children: list[Any] = []
    for year in sorted(reports, reverse=True):
        report = reports[year]
        pages: list[Any] = [f"{REPORTS_ROOT}/{year}/index.md"]
        pages += [{s.title: f"{REPORTS_ROOT}/{year}/{s.path.rsplit('/', 1)[1]}"} for s in report.sections]
        pages.append({"报告全文": full_text_src(year)})
        pages.append({"报告核查": audit_src(year)})
        children.append({f"{year}年": pages})
    return children
