"""A notice figure's page body: the problems it counts, each with its notice, unit, deadline and state at the period's end."""

from __future__ import annotations

import html

from zuofeng.core.domain.notice_tracking import Tracking
from zuofeng.core.domain.notices import NoticeProblem, notice_of
from zuofeng.core.domain.record import Record
from zuofeng.core.report.trace import Trace
from zuofeng.site.pages import inline, record_src, relative_link

_HEAD = "| 通报 | 问题 | 责任单位 | 整改期限 | 完成日期 | 状态 |\n|---|---|---|---|---|---|\n"


def problems_table(trace: Trace, from_dir: str) -> str:
    """The problems a notice figure counts, those of public notices listed; an internal notice's only as a number."""
    tracking = Tracking(trace.period.end)
    rows = [_row(record, position, tracking, from_dir) for record, position in trace.problems if not record.confidential]
    hidden = internal_problems(trace)
    if hidden:
        rows.append(f"| 另有 {hidden} 个内部通报的问题（计入统计，不在网站上显示） | | | | | |")
    if not rows:
        return "没有计入的问题。\n"
    return _HEAD + "\n".join(rows) + "\n"


def internal_problems(trace: Trace) -> int:
    """How many of the problems counted are in confidential notices."""
    return sum(1 for record, _ in trace.problems if record.confidential)


def problem_totals(trace: Trace) -> str:
    """The totals line of a notice figure, with the numbers a test or a script can read back."""
    count, hidden = len(trace.problems), internal_problems(trace)
    text = f"共 {count} 个问题，分属 {len(trace.records)} 期通报"
    if hidden:
        text += f"：列出 {count - hidden} 个，另有 {hidden} 个内部通报的问题（计入统计，不在网站上显示）"
    return (f'<p class="zf-figure-totals" data-macro="{trace.macro}" data-count="{count}" '
            f'data-listed="{count - hidden}" data-internal="{hidden}">{text}。</p>\n')


def _row(record: Record, position: int, tracking: Tracking, from_dir: str) -> str:
    notice = notice_of(record)
    problem = notice.problems[position]
    link = f"[第{notice.issue_no}期 {inline(record.title)}]({relative_link(record_src(record), from_dir)})"
    cells = (link, inline(problem.description), inline(problem.unit or "—"), _day(problem.deadline),
             _day(problem.rectified if not tracking.is_open(problem) else None), _state(problem, tracking))
    return "| " + " | ".join(cells) + " |"


def _state(problem: NoticeProblem, tracking: Tracking) -> str:
    """The problem's state at the figure's period end, in the words of the report."""
    if not tracking.is_open(problem):
        return "逾期销号" if problem.late else "已整改销号"
    if tracking.overdue(problem):
        return f"超期未整改（逾期 {tracking.days_overdue(problem)} 天）"
    return "正在整改"


def _day(value: object) -> str:
    return html.escape(value.isoformat()) if hasattr(value, "isoformat") else "—"
