"""Figure traces: which records a report figure counts, and how the figure was worked out."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from typing import Any

from zuofeng.core.domain.period import ReportPeriod
from zuofeng.core.domain.record import Record, shown
from zuofeng.core.domain.wording import format_number, percent_change

Filters = tuple[tuple[str, Any], ...]


@dataclass(frozen=True)
class Trace:
    """One figure of a report: the macro call, its period and the records behind it."""

    macro: str  # count / total / maximum / yoy / about / months_without / breaches / unhandled / sum
    type: str
    filters: Filters
    period: ReportPeriod
    records: tuple[Record, ...]  # every record counted, confidential ones included
    shown: str  # the figure as the report prints it
    field: str | None = None  # total / maximum: the field summed or maximised
    rule: str | None = None  # breaches: the rule named, if any
    previous: float | None = None  # yoy: the same period a year earlier
    previous_period: ReportPeriod | None = None
    from_baseline: bool = False  # yoy: the earlier value came from a `baseline` record
    previous_records: tuple[Record, ...] = ()  # yoy: the earlier period's records, or the baseline record used
    exact: float | None = None  # about / total / maximum: the number itself
    months: tuple[tuple[int, int], ...] = ()  # months_without: the months with no record
    parts: tuple[Trace, ...] = ()  # sum: the figures added up
    label: str = ""  # the type's Chinese label
    field_label: str = ""  # the field's Chinese label
    unit: str = "条"  # what one record counts as (indicators.yaml: 次, 件, 期 …)
    rule_labels: tuple[str, ...] = ()  # breaches: the rules checked (the one named, or all of the type)
    item: str = ""  # notice_stats: the figure (problems / rectified / late / pending / overdue / ongoing)
    problems: tuple[tuple[Record, int], ...] = ()  # notice_stats: the problems counted (notice, position in it)

    @property
    def call(self) -> str:
        """The macro call as a report page writes it."""
        if self.macro == "sum":
            return " + ".join(part.call for part in self.parts)
        if self.macro == "notice_stats":
            return " - ".join(part.call for part in self.parts) if self.parts else f"notice_stats().{self.item}"
        if self.macro == "about" and not self.parts:
            return f"about({format_number(self.exact or 0)})"
        if self.macro == "about":
            return f"about({self.parts[0].call})"
        return f"{self.macro}({self._arguments()})"

    def _arguments(self) -> str:
        args = [_literal(self.type)] + ([_literal(self.field)] if self.field else [])
        args += [f"{name}={_literal(value)}" for name, value in self.filters]
        if self.rule:
            args.append(f"rule={_literal(self.rule)}")
        return ", ".join(args)

    @property
    def key(self) -> str:
        """A stable name for the figure: the same call over the same period, the same key."""
        text = f"{self.call}|{self.period.start.isoformat()}|{self.period.end.isoformat()}"
        return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]

    @property
    def internal(self) -> int:
        """How many of the records counted are confidential (shown only as this number)."""
        return len(self.records) - len(shown(self.records))

    def working(self) -> str:
        """The figure's working in one Chinese line (no record named)."""
        count = len(self.records)
        unit = self.unit
        if self.macro == "yoy" and self.previous is None:
            return (f"{count} {unit}，上年同期（{dash_period(self.previous_period or self.period)}）"
                    f"既无台账记录也无上年基数记录，{self.shown}")
        if self.macro == "yoy":
            earlier = format_number(self.previous or 0)
            source = "（上年基数）" if self.from_baseline else ""
            return (f"{count} {unit}，上年同期（{dash_period(self.previous_period or self.period)}）"
                    f"{earlier} {unit}{source}，{self.shown}")
        if self.macro == "about":
            return f"{self.shown}：{format_number(self.exact or 0)} {unit}"
        if self.macro == "notice_stats":
            return self._notice_working()
        if self.macro == "months_without":
            return f"无记录的月份：{self.shown or '无'}；其余月份共 {count} 条记录"
        internal = f"（其中内部记录 {self.internal} 条）" if self.internal else ""
        if self.macro == "total":
            return f"{self.field_label or self.field}合计 {self.shown}，共 {count} 条记录{internal}"
        if self.macro == "maximum":
            # A maximum is one record's value: internal records are left out of it, not only unnamed.
            left_out = f"（不含 {self.internal} 条内部记录，其数值不公开）" if self.internal else ""
            return f"{self.field_label or self.field}最大值 {self.shown}{left_out}，共 {count} 条记录"
        if self.macro in ("breaches", "unhandled"):
            among = f"{self.label or self.type}{self._conditions()}中" if self.filters else ""
            left = "且未填写处理情况" if self.macro == "unhandled" else ""
            return f"{among}违反{self._rules_named()}{left}的记录 {count} 条"
        if self.macro == "sum":
            added = " + ".join(f"{part.label}{part._conditions()} {len(part.records)} 条" for part in self.parts)
            return f"{dash_period(self.period)} {added}，共 {count} 条记录{internal}"
        return f"{dash_period(self.period)} {self.label or self.type}{self._conditions()} {count} 条记录{internal}"

    def change(self) -> str:
        """A 同比's percentage worked out: (33 − 37) ÷ 37 = −10.8%, 同比减少10.8% ('' when it cannot be)."""
        if self.macro != "yoy" or not self.previous:
            return ""
        count, earlier = len(self.records), self.previous
        percent = str(percent_change(count, earlier)).replace("-", "−")
        return (f"({count} − {format_number(earlier)}) ÷ {format_number(earlier)} = {percent}%，"
                f"{self.shown}")

    def conditions(self) -> str:
        """The filters as `stats --explain` lists them: each part's for a sum, the rule for a breaches."""
        if self.macro == "sum":
            return " + ".join(part.conditions() for part in self.parts)
        if self.macro in ("breaches", "unhandled"):
            named = f"rule={self.rule}" if self.rule else f"任一规则（{'、'.join(self.rule_labels) or '无'}）"
            fields = "".join(f"，{name}={value}" for name, value in self.filters)
            return named + fields + ("，未填写处理情况" if self.macro == "unhandled" else "")
        if self.macro == "notice_stats":
            return _NOTICE_RULES[self.item].format(end=self.period.end.isoformat())
        return "，".join(f"{name}={value}" for name, value in self.filters) or "无"

    def _notice_working(self) -> str:
        """A notice figure's working: how many problems, of how many notices, at the period's end."""
        count, notices = len(self.problems), len(self.records)
        internal = f"（其中内部通报 {self.internal} 期）" if self.internal else ""
        if self.item == "problems":
            return f"{dash_period(self.period)} 印发督查通报 {notices} 期，通报问题 {count} 个{internal}"
        taken = ""
        if self.parts:
            first, second = self.parts
            taken = (f"{_NOTICE_WORDS[first.item]} {len(first.problems)} 个 - "
                     f"{_NOTICE_WORDS[second.item]} {len(second.problems)} 个 = ")
        return (f"{dash_period(self.period)} 印发的督查通报，截至{self.period.end.isoformat()}，{taken}"
                f"{_NOTICE_WORDS[self.item]} {count} 个，分属 {notices} 期通报{internal}")

    def _rules_named(self) -> str:
        if self.rule:
            return f"规则“{'、'.join(self.rule_labels) or self.rule}”"
        return f"任一规则（{'、'.join(self.rule_labels)}）" if self.rule_labels else "规则"

    def _conditions(self) -> str:
        """The filters in words: （kind=常务会议）."""
        if not self.filters:
            return ""
        return "（" + "，".join(f"{name}={_literal(value).strip(chr(34))}" for name, value in self.filters) + "）"


# notice_stats figures: what each counts, in the working and as `stats --explain`'s 筛选.
_NOTICE_WORDS = {"problems": "通报问题", "rectified": "已整改销号", "late": "逾期销号（完成日期晚于整改期限）",
                 "pending": "未销号", "overdue": "超过整改期限仍未整改", "ongoing": "正在整改"}
_NOTICE_RULES = {
    "problems": "期间内印发的通报所列全部问题",
    "rectified": "已整改，填有完成日期和整改措施，完成日期不晚于{end}",
    "late": "截至{end}已销号，完成日期晚于整改期限",
    "pending": "截至{end}未销号",
    "overdue": "截至{end}未销号且已过整改期限",
    "ongoing": "截至{end}未销号且未过整改期限",
}


# A notice figure's page title: which of the notices' problems it counts.
_NOTICE_TITLES = {"problems": "·通报问题", "rectified": "·已整改销号的问题", "late": "·逾期销号的问题",
                  "pending": "·未销号的问题", "overdue": "·超期未整改的问题", "ongoing": "·正在整改的问题"}


def notice_item_label(item: str) -> str:
    """What a notice figure counts, for its page's title: ·已整改销号的问题."""
    return _NOTICE_TITLES.get(item, "")


def dash_period(period: ReportPeriod) -> str:
    """A period as 2023-01-01—2023-11-30."""
    return f"{period.start.isoformat()}—{period.end.isoformat()}"


def _literal(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple):
        return "[" + ", ".join(_literal(v) for v in value) + "]"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return str(value)


class Figure:
    """A macro's value that remembers its trace; it behaves as the plain number or text."""

    trace: Trace


class FigureInt(int, Figure):
    """An integer figure; adding two counts gives their sum's trace."""

    def __add__(self, other: Any) -> Any:
        total = int(self) + other
        if isinstance(other, Figure) and isinstance(other, int) and self.trace.period == other.trace.period:
            return traced(total, summed(self.trace, other.trace, str(total)))
        return total


    def __sub__(self, other: Any) -> Any:
        rest = int(self) - other
        if isinstance(other, Figure) and isinstance(other, int) and _takes_away(self.trace, other.trace):
            return traced(rest, without(self.trace, other.trace, str(rest)))
        return rest


class FigureFloat(float, Figure):
    """A decimal figure (a sum or maximum of a decimal field)."""


class FigureStr(str, Figure):
    """A worded figure: 同比 phrase, 余 wording, months."""


def traced(value: Any, trace: Trace) -> Any:
    """The value as a Figure carrying its trace (a bool or any other type stays as it is)."""
    if isinstance(value, bool):
        return value
    kinds: tuple[tuple[type, type[Any]], ...] = ((int, FigureInt), (float, FigureFloat), (str, FigureStr))
    for plain_type, figure_type in kinds:
        if isinstance(value, plain_type):
            result = figure_type(value)
            result.trace = trace
            return result
    return value


def summed(first: Trace, second: Trace, shown: str) -> Trace:
    """The trace of two figures added up: every record of both."""
    parts = (first.parts or (first,)) + (second.parts or (second,))
    records = tuple(sorted(set(first.records) | set(second.records), key=lambda r: (r.date, r.id)))
    types = "、".join(dict.fromkeys(part.type for part in parts))
    labels = "、".join(dict.fromkeys(part.label for part in parts))
    return Trace("sum", types, (), first.period, records, shown, parts=parts, label=labels, unit=first.unit)


def _takes_away(first: Trace, second: Trace) -> bool:
    """Whether the second notice figure's problems are some of the first's (pending - overdue)."""
    return (first.macro == second.macro == "notice_stats" and first.period == second.period
            and not first.parts and not second.parts and set(second.problems) <= set(first.problems))


def without(first: Trace, second: Trace, shown: str) -> Trace:
    """The trace of a notice figure less another counting some of its problems: 正在整改 = 未销号 - 超期."""
    taken = set(second.problems)
    problems = tuple(p for p in first.problems if p not in taken)
    records = tuple(dict.fromkeys(record for record, _ in problems))
    item = "ongoing" if (first.item, second.item) == ("pending", "overdue") else first.item
    return replace(first, item=item, problems=problems, records=records, shown=shown, parts=(first, second))


@dataclass
class TraceLog:
    """The figures a render printed, in order of first appearance, one per key."""

    traces: dict[str, Trace] = field(default_factory=dict)

    def add(self, trace: Trace) -> Trace:
        """Keep a trace (the first of its key)."""
        return self.traces.setdefault(trace.key, trace)

    def printed(self, value: Figure) -> str:
        """Finalize hook for plain output: keep the trace, print the figure as before."""
        self.add(value.trace)
        return str(value)
