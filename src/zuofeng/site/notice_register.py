"""The notices register (notices/index.md) and the per-unit view (notices/units.md)."""

from __future__ import annotations

from collections import defaultdict

from pypinyin import lazy_pinyin

from zuofeng.core.domain.notice_tracking import (
    NoticeStats,
    OpenProblem,
    Tracking,
    open_problems,
    stats_of,
)
from zuofeng.core.domain.notices import Notice
from zuofeng.core.domain.wording import format_date
from zuofeng.site.notice_page import alert_mark
from zuofeng.core.output.dashboard import relative_link
from zuofeng.site.pages import front_matter, inline, record_src

NOTICES_ROOT = "notices"
REGISTER_SRC = f"{NOTICES_ROOT}/index.md"
UNITS_SRC = f"{NOTICES_ROOT}/units.md"
_COUNT_HEAD = "| 问题 | 已整改 | 其中逾期销号 | 未整改 | 超期 |"


def _counts(stats: NoticeStats) -> str:
    return f"| {stats.problems} | {stats.rectified} | {stats.late} | {stats.pending} | {stats.overdue} |"


def _link(notice: Notice, text: str | None = None) -> str:
    target = relative_link(record_src(notice.record), NOTICES_ROOT)
    return f"[{inline(text or notice.record.title)}]({target})"


def _intro(tracking: Tracking, hidden: int) -> str:
    note = f"另有 {hidden} 期内部通报计入期号，不在网站上显示。\n\n" if hidden else ""
    return (
        f"数据截至 **{format_date(tracking.as_of)}**。问题整改完成并填写完成日期和整改措施即为销号；"
        f"三单预警：蓝色为 {tracking.blue_days} 天内到期，黄色为已超期，红色为超期 {tracking.red_days} 天以上。\n\n"
        + note
    )


def _open_table(items: list[OpenProblem], tracking: Tracking, with_unit: bool = True) -> str:
    if not items:
        return "无未销号问题。\n"
    head = "| 预警 | " + ("责任单位 | " if with_unit else "") + "问题 | 通报 | 整改期限 |\n"
    head += "|---|" + ("---|" if with_unit else "") + "---|---|---|\n"
    rows = []
    for item in items:
        unit = f"{inline(item.problem.unit)} | " if with_unit else ""
        notice = _link(item.notice, f"{item.notice.year}年第{item.notice.issue_no}期")
        deadline = item.problem.deadline.isoformat() if item.problem.deadline else "—"
        mark = alert_mark(item.problem, tracking)
        rows.append(f"| {mark} | {unit}{inline(item.problem.description)} | {notice} | {deadline} |")
    return head + "\n".join(rows) + "\n"


def register_markdown(all_notices: list[Notice], tracking: Tracking) -> str:
    """The register: totals per year, open problems, then every visible notice by year."""
    visible = [n for n in all_notices if not n.record.confidential]
    by_year: dict[int, list[Notice]] = defaultdict(list)
    for notice in visible:
        by_year[notice.year].append(notice)
    years = sorted(by_year, reverse=True)
    lines = ["| 年份 | 通报期数 " + _COUNT_HEAD, "|---|---|---|---|---|---|---|"]
    for year in years:
        lines.append(f"| {year}年 | {len(by_year[year])} " + _counts(stats_of(by_year[year], tracking.as_of)))
    total = stats_of(visible, tracking.as_of)
    lines.append(f"| **合计** | {total.issued} " + _counts(total))
    parts = [
        front_matter(title="督查通报"), "# 督查通报\n\n", _intro(tracking, len(all_notices) - len(visible)),
        f"[按责任单位查看]({UNITS_SRC.rsplit('/', 1)[1]})\n\n",
        "\n".join(lines) + "\n\n" if visible else "暂无可公开的督查通报。\n\n",
        "## 未销号问题\n\n", _open_table(open_problems(visible, tracking), tracking), "\n",
    ]
    for year in years:
        parts.append(f"## {year}年\n\n| 期号 | 日期 | 通报 | 通报对象 " + _COUNT_HEAD + "\n")
        parts.append("|---|---|---|---|---|---|---|---|---|\n")
        for notice in by_year[year]:
            targets = "、".join(inline(t) for t in notice.targets) or "—"
            row = f"| 第{notice.issue_no}期 | {notice.date.isoformat()} | {_link(notice)} | {targets} "
            parts.append(row + _counts(stats_of([notice], tracking.as_of)) + "\n")
        parts.append("\n")
    return "".join(parts)


def units_markdown(all_notices: list[Notice], tracking: Tracking) -> str:
    """For each unit named as a target or responsible unit: its notices and open problems."""
    visible = [n for n in all_notices if not n.record.confidential]
    concerning: dict[str, list[Notice]] = defaultdict(list)
    for notice in visible:
        for unit in dict.fromkeys([*notice.targets, *(p.unit for p in notice.problems)]):
            concerning[unit].append(notice)
    pending = open_problems(visible, tracking)
    parts = [front_matter(title="督查通报：按责任单位"), "# 督查通报：按责任单位\n\n", _intro(tracking, 0),
             "[返回督查通报台账](index.md)\n\n"]
    if not concerning:
        parts.append("暂无可公开的督查通报。\n")
    for unit in sorted(concerning, key=lambda u: (lazy_pinyin(u), u)):
        notices = concerning[unit]
        links = "、".join(_link(n, f"{n.year}年第{n.issue_no}期") for n in reversed(notices))
        parts.append(f"## {inline(unit)}\n\n涉及通报 {len(notices)} 期：{links}\n\n")
        parts.append(_open_table([o for o in pending if o.problem.unit == unit], tracking, with_unit=False) + "\n")
    return "".join(parts)


def generated_pages(all_notices: list[Notice], tracking: Tracking) -> dict[str, str]:
    """Docs path → Markdown of every generated notices page."""
    return {REGISTER_SRC: register_markdown(all_notices, tracking), UNITS_SRC: units_markdown(all_notices, tracking)}
