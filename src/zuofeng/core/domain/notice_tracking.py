"""Rectification tracking of notices at an "as of" date: 三单预警 colours and figures."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from enum import Enum
from typing import Any, Mapping

from zuofeng.core.domain.index import RecordIndex
from zuofeng.core.domain.notices import Notice, NoticeProblem, notices
from zuofeng.core.domain.period import ReportPeriod
from zuofeng.core.project import Settings, SettingsError
from zuofeng.core.input.validate import FieldError, parse_date

AS_OF_ENV = "ZUOFENG_AS_OF"
_THRESHOLDS = ("blue_days", "red_days")


class Alert(Enum):
    """三单预警: 蓝 due within days, 黄 overdue, 红 long overdue."""

    BLUE = "蓝"
    YELLOW = "黄"
    RED = "红"

    @property
    def label(self) -> str:
        """Text shown beside the colour, so the mark never relies on colour alone."""
        return ("临期" if self is Alert.BLUE else "超期") + f"（{self.value}）"

    @property
    def css(self) -> str:
        return f"zf-alert zf-alert-{self.name.lower()}"


@dataclass(frozen=True)
class Tracking:
    """The as-of date and thresholds every rectification state is computed against."""

    as_of: dt.date
    blue_days: int = 7
    red_days: int = 30

    def days_overdue(self, problem: NoticeProblem) -> int:
        """Days past the deadline at the as-of date (negative: days left)."""
        return (self.as_of - problem.deadline).days if problem.deadline else 0

    def is_open(self, problem: NoticeProblem) -> bool:
        return not problem.closed_on(self.as_of)

    def overdue(self, problem: NoticeProblem) -> bool:
        """Open after its deadline; a deadline equal to the as-of date is not yet overdue."""
        return self.is_open(problem) and problem.deadline is not None and self.days_overdue(problem) > 0

    def alert(self, problem: NoticeProblem) -> Alert | None:
        """The warning colour of an open problem (None when closed or not yet due soon)."""
        if not self.is_open(problem) or problem.deadline is None:
            return None
        days = self.days_overdue(problem)
        if days > self.red_days:
            return Alert.RED
        if days > 0:
            return Alert.YELLOW
        return Alert.BLUE if -days <= self.blue_days else None


def tracking_for(settings: Settings, as_of: dt.date | None = None,
                 environ: Mapping[str, str] = os.environ) -> Tracking:
    """As-of date: the argument, else $ZUOFENG_AS_OF, else [tool.zuofeng] as_of, else today."""
    if as_of is None and environ.get(AS_OF_ENV):
        try:
            as_of = parse_date(environ[AS_OF_ENV].strip())
        except FieldError as exc:
            raise SettingsError(f"环境变量 {AS_OF_ENV} {exc}") from None
    as_of = as_of or settings.as_of or dt.date.today()
    return Tracking(as_of, **_thresholds(settings.extra.get("notices", {})))


def _thresholds(table: Any) -> dict[str, int]:
    if not isinstance(table, dict):
        raise SettingsError("[tool.zuofeng.notices] 应为表（blue_days、red_days）")
    unknown = sorted(set(table) - set(_THRESHOLDS))
    if unknown:
        raise SettingsError(f"[tool.zuofeng.notices] 未知设置 {unknown[0]}（可用：{', '.join(_THRESHOLDS)}）")
    for key, value in table.items():
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise SettingsError(f"[tool.zuofeng.notices] {key} 应为不小于 0 的整数，实际为 {value!r}")
    return dict(table)


@dataclass(frozen=True)
class NoticeStats:
    """Figures of the notices issued in a period, at an as-of date."""

    issued: int
    problems: int
    rectified: int
    pending: int
    overdue: int
    late: int = 0  # closed, but after the deadline (逾期销号); counted in rectified too

    @property
    def late_note(self) -> str:
        """（其中逾期销号 N 个）after the rectified count, or nothing when none was late."""
        return f"（其中逾期销号 {self.late} 个）" if self.late else ""


# The NoticeStats figures that count problems, each from the one rule of `counted_problems`.
PROBLEM_FIGURES = ("problems", "rectified", "late", "pending", "overdue")


def counted_problems(items: list[Notice], as_of: dt.date) -> dict[str, list[tuple[Notice, int]]]:
    """The problems (notice, position in it) each problem figure counts at the as-of date."""
    tracking = Tracking(as_of)
    every = [(n, i) for n in items for i in range(len(n.problems))]
    rules = {
        "problems": lambda p: True,
        "rectified": lambda p: p.closed_on(as_of),
        "late": lambda p: p.closed_on(as_of) and p.late,
        "pending": lambda p: not p.closed_on(as_of),
        "overdue": tracking.overdue,
    }
    return {name: [(n, i) for n, i in every if rule(n.problems[i])] for name, rule in rules.items()}


def stats_of(items: list[Notice], as_of: dt.date) -> NoticeStats:
    """Totals over the given notices: rectified means closed (销号) by the as-of date."""
    found = counted_problems(items, as_of)
    return NoticeStats(len(items), **{name: len(found[name]) for name in PROBLEM_FIGURES})


def notices_in(index: RecordIndex, period: ReportPeriod) -> list[Notice]:
    """Notices dated in the period (confidential ones included), by date."""
    return [n for n in notices(index) if period.contains(n.date)]


def notice_stats(index: RecordIndex, period: ReportPeriod, as_of: dt.date) -> NoticeStats:
    """Notices issued in the period (confidential included) and their problems' state on as_of.

    rectified = closed (已整改 with date and measures) on or before as_of; pending = the rest;
    overdue = pending problems whose deadline is before as_of; late = rectified ones closed after
    their deadline (逾期销号).
    """
    return stats_of(notices_in(index, period), as_of)


@dataclass(frozen=True)
class OpenProblem:
    """A problem not yet closed at the as-of date, with its notice and warning colour."""

    notice: Notice
    problem: NoticeProblem
    alert: Alert | None
    overdue: bool


def open_problems(items: list[Notice], tracking: Tracking) -> list[OpenProblem]:
    """Open problems of the given notices, most urgent (earliest deadline) first."""
    found = [
        OpenProblem(n, p, tracking.alert(p), tracking.overdue(p))
        for n in items for p in n.problems if tracking.is_open(p)
    ]
    return sorted(found, key=lambda o: (o.problem.deadline or dt.date.max, o.notice.date, o.notice.issue_no))
