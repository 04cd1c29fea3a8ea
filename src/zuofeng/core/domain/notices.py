"""Supervision notices (督查通报): typed views over notice records and their cross-record checks."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Literal, Mapping, cast

from zuofeng.core.domain.index import RecordIndex
from zuofeng.core.problems import Problem
from zuofeng.core.domain.record import Record

NOTICE = "notice"
Status = Literal["整改中", "已整改"]
OPEN: Status = "整改中"
DONE: Status = "已整改"


@dataclass(frozen=True)
class NoticeProblem:
    """One problem a notice names, with its responsible unit and rectification state."""

    unit: str
    description: str
    deadline: dt.date | None
    status: Status
    rectified: dt.date | None
    measures: str | None
    line: int

    @property
    def closed(self) -> bool:
        """销号: 已整改 with both a rectified date and the measures taken."""
        return self.status == DONE and self.rectified is not None and bool(self.measures)

    def closed_on(self, as_of: dt.date) -> bool:
        """Whether the problem had been closed by that day."""
        return self.closed and self.rectified is not None and self.rectified <= as_of

    @property
    def late(self) -> bool:
        """Rectified, but after its deadline (逾期整改)."""
        return self.rectified is not None and self.deadline is not None and self.rectified > self.deadline


@dataclass(frozen=True)
class Notice:
    """A notice as the document reads: 第N期, date, issuer, targets, problems."""

    record: Record
    issue_no: int
    targets: tuple[str, ...]
    problems: tuple[NoticeProblem, ...]
    rectified: bool

    @property
    def date(self) -> dt.date:
        return self.record.date

    @property
    def year(self) -> int:
        return self.record.date.year

    @property
    def issuer(self) -> str | None:
        return self.record.unit


def notice_of(record: Record) -> Notice:
    """The typed view of one notice record (fields already validated by the loader)."""
    items = record.fields.get("problems") or ()
    return Notice(
        record=record,
        issue_no=int(record.fields.get("issue_no") or 0),
        targets=tuple(record.fields.get("targets") or ()),
        problems=tuple(_problem_of(item, record) for item in items),
        rectified=bool(record.fields.get("rectified")),
    )


def _problem_of(item: Mapping[str, Any], record: Record) -> NoticeProblem:
    deadline = item.get("deadline")
    rectified = item.get("rectified")
    return NoticeProblem(
        unit=str(item.get("unit") or "").strip(),
        description=str(item.get("description") or ""),
        deadline=deadline if isinstance(deadline, dt.date) else None,
        status=cast(Status, item.get("status") or OPEN),
        rectified=rectified if isinstance(rectified, dt.date) else None,
        measures=(str(item["measures"]).strip() or None) if item.get("measures") is not None else None,
        line=int(item.get("_line") or record.line_of("problems")),
    )


def notices(index: RecordIndex) -> list[Notice]:
    """Every notice record (confidential ones included), by date then issue number; made once per index."""
    return list(index.derived(NOTICE, _make_notices))


def _make_notices(index: RecordIndex) -> tuple[Notice, ...]:
    if index.catalogue.get(NOTICE) is None:
        return ()
    views = [notice_of(r) for r in index.of_type(NOTICE)]
    return tuple(sorted(views, key=lambda n: (n.date, n.issue_no, n.record.id)))


def check_notices(index: RecordIndex) -> list[Problem]:
    """Cross-record rules of notices: numbering per year, and each problem's rectification."""
    views = notices(index)
    by_year: dict[int, list[Notice]] = defaultdict(list)
    for notice in views:
        by_year[notice.year].append(notice)
    problems = [p for year in sorted(by_year) for p in _check_numbering(year, by_year[year])]
    for notice in views:
        problems += _check_problems(notice)
    return problems


def _check_numbering(year: int, items: list[Notice]) -> list[Problem]:
    """Issue numbers run 1, 2, 3 … in date order within a year, none twice."""
    seen: dict[int, Notice] = {}
    last = 0
    problems = []
    for notice in items:
        record, number = notice.record, notice.issue_no
        where = (record.path, record.line_of("issue_no"))
        if number in seen:
            problems.append(Problem(*where, f"{year}年督查通报期号 {number} 重复（已用于 {seen[number].record.path}）"))
            continue
        seen[number] = notice
        if number > last + 1:
            before = f"第{last}期之后应为第{last + 1}期" if last else "当年第一期应为第1期"
            problems.append(Problem(*where, f"{year}年督查通报期号不连续：{before}，实际为第{number}期"))
        elif number < last:
            problems.append(Problem(*where, f"{year}年督查通报期号 {number} 与日期顺序不符：更早的通报已编到第{last}期"))
        last = max(last, number)
    return problems


def _check_problems(notice: Notice) -> list[Problem]:
    path = notice.record.path
    problems = []
    for item in notice.problems:
        where = (path, item.line)
        if not item.unit:
            problems.append(Problem(*where, "通报问题缺少责任单位 unit"))
        if item.deadline is None:
            problems.append(Problem(*where, "通报问题的整改期限 deadline 应为 YYYY-MM-DD 格式的日期"))
        if item.rectified is not None and item.rectified < notice.date:
            problems.append(Problem(*where, f"整改完成日期 {item.rectified} 早于通报日期 {notice.date}"))
        if item.status == DONE and item.rectified is None:
            problems.append(Problem(*where, "状态为已整改，但缺少整改完成日期 rectified（销号须有完成日期和整改措施）"))
        if item.status == DONE and not item.measures:
            problems.append(Problem(*where, "状态为已整改，但缺少整改措施 measures（销号须有完成日期和整改措施）"))
        if item.status == OPEN and item.rectified is not None:
            problems.append(Problem(*where, "状态为整改中，却填写了整改完成日期 rectified：请核对状态", "warning"))
    pending = [item for item in notice.problems if item.status != DONE]
    line = notice.record.lines.get("rectified", notice.record.line_of("problems"))
    if notice.rectified and pending:
        problems.append(Problem(path, line, f"rectified 为 true（全部整改完毕），但仍有 {len(pending)} 个问题整改中"))
    elif not notice.rectified and notice.problems and not pending:
        problems.append(Problem(path, line, "所有问题均已整改，可将 rectified 设为 true", "warning"))
    return problems
