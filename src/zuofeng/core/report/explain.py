"""A report's sections rendered, with the trail of their figures (`stats --explain`, `export --trace`)."""

from __future__ import annotations

from dataclasses import dataclass

from zuofeng.core.domain.indicators import Indicator
from zuofeng.core.domain.record import shown
from zuofeng.core.problems import Problem
from zuofeng.core.project import Ledger
from zuofeng.core.report.macros import bind
from zuofeng.core.report.render import render
from zuofeng.core.report.reports import Report, ReportSection
from zuofeng.core.report.trace import Trace, TraceLog, dash_period


@dataclass(frozen=True)
class SectionFigures:
    """One section of a report as rendered, and the figures it prints, in order (none when not traced)."""

    section: ReportSection
    text: str
    traces: tuple[Trace, ...]


def report_figures(ledger: Ledger, reports: dict[int, Report], indicators: list[Indicator], year: int,
                   traced: bool = True) -> list[SectionFigures] | Problem:
    """Every section of a year's report rendered, with its figures; the first render error instead.

    Each section's text is the one MkDocs hands its page to the site (leading blank lines dropped),
    so a build compiles each section's template once for the site and the Word file.
    """
    functions = bind(ledger, reports, indicators, year, traced=traced).functions()
    found = []
    for section in reports[year].sections:
        log = TraceLog()
        body = section.body.lstrip("\n")
        text = render(body, functions, section.path, section.body_line + len(section.body) - len(body),
                      log.printed if traced else None)
        if isinstance(text, Problem):
            return text
        found.append(SectionFigures(section, text, tuple(log.traces.values())))
    return found


def counted_ids(trace: Trace) -> str:
    """The ids a figure counts; confidential ones only as a number."""
    ids = "、".join(r.id for r in shown(trace.records)) or "无可公开的记录"
    return ids + (f"；另有 {trace.internal} 条内部记录" if trace.internal else "")


def explain_lines(figures: list[SectionFigures]) -> list[str]:
    """The figures as terminal lines: call = figure, filters and period, working, ids."""
    lines = []
    for part in figures:
        if not part.traces:
            continue
        lines.append(f"【{part.section.title}】")
        for trace in part.traces:
            lines.append(f"  {trace.call} → {trace.shown or '（空）'}")
            conditions = "，".join(f"{name}={value}" for name, value in trace.filters) or "无"
            lines.append(f"    筛选：{conditions}；期间：{dash_period(trace.period)}；共 {len(trace.records)} 条记录")
            lines.append(f"    计算：{trace.working()}")
            lines.append(f"    记录：{counted_ids(trace)}")
    return lines


def appendix_rows(figures: list[SectionFigures]) -> list[list[str]]:
    """The Word appendix table: a header row, then one row per figure."""
    rows = [["序号", "部分", "数字", "计算方式", "计算过程", "统计的记录"]]
    for part in figures:
        for trace in part.traces:
            rows.append([str(len(rows)), part.section.title, trace.shown or "（空）", trace.call, trace.working(),
                         counted_ids(trace)])
    return rows
