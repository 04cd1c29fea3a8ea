"""A report's sections rendered, with the trail of their figures (`stats --explain`, `export --trace`)."""

from __future__ import annotations

from dataclasses import dataclass

from zuofeng.core.domain.index import RecordIndex
from zuofeng.core.domain.indicators import Indicator
from zuofeng.core.domain.record import Record, shown
from zuofeng.core.problems import Problem
from zuofeng.core.project import Ledger
from zuofeng.core.report.rendered import RenderedReport, render_report
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
    """Every section of a year's report rendered, with its figures; the first render error instead."""
    rendered = render_report(ledger, reports, indicators, year, traced)
    return rendered if isinstance(rendered, Problem) else section_figures(rendered)


def section_figures(rendered: RenderedReport) -> list[SectionFigures]:
    """Each section as the Word file prints it, with its figures' traces (first of each key, in order)."""
    found = []
    for section in rendered.sections:
        log = TraceLog()
        found.append(SectionFigures(section.section, section.text(log.printed), tuple(log.traces.values())))
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
            lines.append(f"    筛选：{trace.conditions()}；期间：{dash_period(trace.period)}；共 {len(trace.records)} 条记录")
            lines.append(f"    计算：{trace.working()}")
            lines.append(f"    记录：{counted_ids(trace)}")
    return lines


APPENDIX_HEADER = ["序号", "数字", "计算方式及过程", "统计的记录"]
# Three or more records in a row of the ledger's order are written as a range with their count.
_SHORTEST_RANGE = 3


def appendix_rows(figures: list[SectionFigures], index: RecordIndex) -> list[list[str]]:
    """The Word appendix table: a header row, a one-cell row per section, then one row per figure."""
    rows = [list(APPENDIX_HEADER)]
    number = 0
    for part in figures:
        if not part.traces:
            continue
        rows.append([part.section.title])
        for trace in part.traces:
            number += 1
            # The report's period is stated once above the table, not in every row.
            working = trace.working().removeprefix(f"{dash_period(trace.period)} ")
            rows.append([str(number), trace.shown or "（空）", f"{trace.call}\n{working}", compact_ids(trace, index)])
    return rows


def compact_ids(trace: Trace, index: RecordIndex) -> str:
    """The ids a figure counts, runs of the ledger's order as 甲 至 乙（n 条）; confidential ones only as a number."""
    visible = shown(trace.records)
    pieces = [_run_text(run) for run in _runs(visible, index, trace)] or ["无可公开的记录"]
    return "、".join(pieces) + (f"；另有 {trace.internal} 条内部记录" if trace.internal else "")


def _runs(records: list[Record], index: RecordIndex, trace: Trace) -> list[list[Record]]:
    """The records cut where they skip a public record of their type in the figure's period (by date, id)."""
    positions: dict[str, int] = {}
    for type_key in dict.fromkeys(r.type for r in records):
        positions.update((r.id, n) for n, r in enumerate(shown(index.in_period(type_key, trace.period))))
    runs: list[list[Record]] = []
    for record in sorted(records, key=lambda r: (r.type, positions.get(r.id, -1), r.id)):
        last = runs[-1][-1] if runs else None
        if (last is not None and last.type == record.type and record.id in positions
                and positions.get(last.id) == positions[record.id] - 1):
            runs[-1].append(record)
        else:
            runs.append([record])
    return runs


def _run_text(run: list[Record]) -> str:
    if len(run) < _SHORTEST_RANGE:
        return "、".join(r.id for r in run)
    return f"{run[0].id} 至 {run[-1].id}（{len(run)} 条）"
