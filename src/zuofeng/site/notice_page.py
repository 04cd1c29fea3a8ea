"""A notice's own page, laid out like the document: 红头, 第N期, title, targets, problems."""

from __future__ import annotations

import html
from typing import Callable

from zuofeng.core.domain.catalogue import Catalogue
from zuofeng.core.domain.notice_tracking import Tracking, stats_of
from zuofeng.core.domain.notices import Notice, NoticeProblem, notice_of
from zuofeng.core.domain.record import Record
from zuofeng.core.domain.wording import format_date
from zuofeng.site.pages import front_matter


def alert_mark(problem: NoticeProblem, tracking: Tracking) -> str:
    """HTML of a problem's warning: a text label with a colour class, never colour alone."""
    alert = tracking.alert(problem)
    if alert is None:
        return "—"
    days = tracking.days_overdue(problem)
    detail = f"逾期{days}天" if days > 0 else ("今日到期" if days == 0 else f"剩余{-days}天")
    return f'<span class="{alert.css}">{alert.label}</span> {detail}'


def status_mark(problem: NoticeProblem, tracking: Tracking) -> str:
    """HTML of a problem's rectification state at the as-of date."""
    if not tracking.is_open(problem):
        if problem.late:
            return '<span class="zf-status zf-status-late">逾期销号</span>'
        return '<span class="zf-status zf-status-closed">已销号</span>'
    return f'<span class="zf-status zf-status-open">{html.escape(problem.status)}</span>'


def _text(value: object) -> str:
    return html.escape(str(value)).replace("\n", "<br>") if value not in (None, "") else "—"


def _date(value: object) -> str:
    return format_date(value) if hasattr(value, "isoformat") else "—"  # type: ignore[arg-type]


def problems_table(notice: Notice, tracking: Tracking) -> str:
    """The notice's problems as one HTML table, overdue rows marked."""
    head = "".join(f"<th>{h}</th>" for h in ("序号", "责任单位", "问题", "整改期限", "状态", "预警", "完成日期", "整改措施"))
    rows = []
    for number, item in enumerate(notice.problems, 1):
        row_class = ' class="zf-overdue"' if tracking.overdue(item) else ""
        cells = (str(number), _text(item.unit), _text(item.description), _date(item.deadline),
                 status_mark(item, tracking), alert_mark(item, tracking), _date(item.rectified), _text(item.measures))
        rows.append(f"<tr{row_class}>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    body = "".join(rows) or '<tr><td colspan="8">本期通报未列出具体问题。</td></tr>'
    return f'<table class="zf-notice-problems"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _summary(notice: Notice, tracking: Tracking) -> str:
    stats = stats_of([notice], tracking.as_of)
    return (f"截至{format_date(tracking.as_of)}，本期通报问题 {stats.problems} 个，"
            f"已整改销号 {stats.rectified} 个{stats.late_note}，未销号 {stats.pending} 个，其中超期 {stats.overdue} 个。")


def notice_markdown(record: Record, catalogue: Catalogue, tracking: Tracking, amended: str = "") -> str:
    """A notice record's page: the document's header, any 更正说明, its body, then the problems' state."""
    notice = notice_of(record)
    issuer = _text(notice.issuer or "")
    targets = "、".join(html.escape(t) for t in notice.targets) or "—"
    header = (
        '<div class="zf-notice-head">'
        f'<p class="zf-notice-kind">{html.escape(catalogue.label("notice"))}</p>'
        f'<p class="zf-notice-no">{notice.year}年第{notice.issue_no}期</p>'
        f'<p class="zf-notice-meta"><span>{issuer}</span><span>{format_date(notice.date)}</span></p>'
        "</div>"
    )
    return (
        front_matter(title=record.title)
        + f"{header}\n\n"
        + f'<h1 class="zf-record-title">{html.escape(record.title)}</h1>\n\n'
        + f'<p class="zf-notice-targets"><strong>通报对象：</strong>{targets}</p>\n\n'
        + amended
        + record.body.strip()
        + "\n\n## 问题整改情况\n\n"
        + f'<p class="zf-notice-summary">{_summary(notice, tracking)}</p>\n\n'
        + problems_table(notice, tracking)
        + "\n"
    )


def renderer(tracking: Tracking) -> Callable[[Record, Catalogue, str], str]:
    """The notice page renderer bound to the build's as-of date and thresholds."""
    return lambda record, catalogue, amended: notice_markdown(record, catalogue, tracking, amended)
