"""Markdown blocks of the home dashboard: latest records of a type, links to every report."""

from __future__ import annotations

import posixpath

from zuofeng.core.domain.index import RecordIndex
from zuofeng.core.domain.record import shown
from zuofeng.core.report.reports import Report
from zuofeng.core.output.tables import cell
from zuofeng.core.domain.wording import format_date


def relative_link(target: str, page_dir: str) -> str:
    """Relative link from a page's folder to a docs path (the one helper for it).

    What posixpath.relpath gives, without its two abspath calls: listings make one per row.
    """
    to = target.split("/")
    start = page_dir.split("/") if page_dir and page_dir != "." else []
    if any(part in ("", ".", "..") for part in to + start):
        return posixpath.relpath(target, page_dir or ".")
    common = 0
    while common < min(len(to), len(start)) and to[common] == start[common]:
        common += 1
    return "/".join([".."] * (len(start) - common) + to[common:]) or "."


def latest_records(index: RecordIndex, type_key: str, page_dir: str, limit: int = 5) -> str:
    """The most recent visible records of a type, newest first, linked to their pages."""
    visible = shown(reversed(index.of_type(type_key)))[:limit]
    if not visible:
        return "（暂无可公开的记录）"
    lines = ["| 日期 | 标题 | 单位 |", "|---|---|---|"]
    for record in visible:
        target = relative_link(f"records/{record.id}.md", page_dir)
        lines.append(f"| {format_date(record.date)} | [{cell(record.title)}]({target}) | {cell(record.unit or '—')} |")
    return "\n".join(lines)


def report_links(reports: dict[int, Report], page_dir: str) -> str:
    """One line per yearly report, newest first, with its period."""
    if not reports:
        return "（暂无年度报告）"
    lines = []
    for year in sorted(reports, reverse=True):
        report = reports[year]
        target = relative_link(f"reports/{year}/index.md", page_dir)
        lines.append(f"- [{cell(report.title)}]({target})（{report.period}）")
    return "\n".join(lines)

