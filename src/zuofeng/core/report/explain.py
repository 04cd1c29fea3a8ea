"""A report's sections rendered, with the trail of their figures (`stats --explain`, `export --trace`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from zuofeng.core.domain.index import RecordIndex
from zuofeng.core.domain.indicators import Indicator
from zuofeng.core.domain.record import Record, shown
from zuofeng.core.problems import Problem
from zuofeng.core.project import Ledger
from zuofeng.core.report.rendered import RenderedReport, render_report
from zuofeng.core.report.reports import Report, ReportSection
from zuofeng.core.report.trace import Figure, Trace, TraceLog, dash_period


@dataclass(frozen=True)
class SectionFigures:
    """One section of a report as rendered, and the figures it prints, in order (none when not traced)."""

    section: ReportSection
    text: str
    traces: tuple[Trace, ...]
    quotes: tuple[str, ...] = ()  # per trace: the report's words around it where it is first printed


def report_figures(ledger: Ledger, reports: dict[int, Report], indicators: list[Indicator], year: int,
                   traced: bool = True) -> list[SectionFigures] | Problem:
    """Every section of a year's report rendered, with its figures; the first render error instead."""
    rendered = render_report(ledger, reports, indicators, year, traced)
    return rendered if isinstance(rendered, Problem) else section_figures(rendered)


def section_figures(rendered: RenderedReport) -> list[SectionFigures]:
    """Each section as the Word file prints it, with its figures' traces (first of each key, in order)."""
    found = []
    for section in rendered.sections:
        log = _MarkingLog()
        text, quotes = log.unmark(section.text(log.printed))
        found.append(SectionFigures(section.section, text, tuple(log.traces.values()),
                                    tuple(quotes[key] for key in log.traces)))
    return found


# Private-use characters around each printed figure while its words are looked for; never left in the text.
_OPEN, _CLOSE = "\ue000", "\ue001"
_MARKED = re.compile(f"{_OPEN}(\\d+){_CLOSE}")
_CLAUSE_END = re.compile(r"[，；：。！？\n]")
_QUOTE_LENGTH = 30
_SHORT_CLAUSE = 12


class _MarkingLog(TraceLog):
    """A TraceLog that marks where each figure is printed, to quote the words around it."""

    def __init__(self) -> None:
        super().__init__()
        self.printed_keys: list[tuple[str, str]] = []  # (trace key, text printed), in order

    def printed(self, value: Figure) -> str:
        self.add(value.trace)
        self.printed_keys.append((value.trace.key, str(value)))
        return f"{_OPEN}{len(self.printed_keys) - 1}{_CLOSE}"

    def unmark(self, marked: str) -> tuple[str, dict[str, str]]:
        """The text as printed, and each figure's quote (where it is first printed)."""
        pieces: list[str] = []
        starts: dict[str, tuple[int, int]] = {}
        position = 0
        for match in _MARKED.finditer(marked):
            pieces.append(marked[position:match.start()])
            key, text = self.printed_keys[int(match.group(1))]
            at = sum(map(len, pieces))
            starts.setdefault(key, (at, at + len(text)))
            pieces.append(text)
            position = match.end()
        plain = "".join(pieces) + marked[position:]
        return plain, {key: _quote(plain, *span) for key, span in starts.items()}


def _bare(markdown: str) -> str:
    """Words without Markdown marks, a list item's number or spaces."""
    return re.sub(r"[*_#>`]|^\s*(?:[-+]|\d+\.)\s+|\s+", "", markdown)


def _quote(text: str, start: int, end: int) -> str:
    """The clause around text[start:end], cut to about 30 characters, in quotation marks."""
    before = [m.end() for m in _CLAUSE_END.finditer(text, 0, start)]
    after = _CLAUSE_END.search(text, end)
    begin, finish = (before[-1] if before else 0), (after.start() if after else len(text))
    # A clause of a few words (同比减少10.8%) is quoted with the one before it.
    if finish - begin < _SHORT_CLAUSE and len(before) > 1 and text[before[-1] - 1] not in "。！？\n":
        begin = before[-2]
    head, figure, tail = _bare(text[begin:start]), text[start:end], _bare(text[end:finish])
    room = max(0, _QUOTE_LENGTH - len(figure))
    keep_tail = min(len(tail), room // 2 if len(head) > room // 2 else room - len(head))
    keep_head = min(len(head), room - keep_tail)
    head = ("…" + head[len(head) - keep_head:]) if keep_head < len(head) else head
    tail = (tail[:keep_tail] + "…") if keep_tail < len(tail) else tail
    return f"“{head}{figure}{tail}”"


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


APPENDIX_HEADER = ["序号", "数字", "计算方式及过程", "报告原文及统计的记录"]
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
        for position, trace in enumerate(part.traces):
            number += 1
            # The report's period is stated once above the table, not in every row.
            working = trace.working().removeprefix(f"{dash_period(trace.period)} ")
            # The quote goes above the ids: that column is wide, the working's is narrow and the taller.
            quote = f"{part.quotes[position]}\n" if position < len(part.quotes) else ""
            rows.append([str(number), trace.shown or "（空）", f"{trace.call}\n{working}",
                         quote + compact_ids(trace, index)])
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
