"""The report's macros: every figure of the report, answered from the index for a period."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any, Callable

from zuofeng.core.output import dashboard, tables
from zuofeng.core.domain.index import QueryError, RecordIndex
from zuofeng.core.domain.indicators import Indicator, evaluate, plain
from zuofeng.core.domain.notice_tracking import PROBLEM_FIGURES, NoticeStats, counted_problems, notice_stats, notices_in
from zuofeng.core.domain.notices import Notice
from zuofeng.core.domain.period import ReportPeriod
from zuofeng.core.domain.record import Record
from zuofeng.core.project import Ledger
from zuofeng.core.report.reports import Report
from zuofeng.core.domain.rules import HANDLING_FIELD, Breach, Rule
from zuofeng.core.domain.wording import about, format_months, format_period, format_yoy, period_word
from zuofeng.core.domain.index import normalise_filters
from zuofeng.core.report.trace import Figure, Trace, traced

# yoy() in a draft when the earlier period has neither records nor a baseline (a young ledger).
NO_EARLIER_DATA = "上年同期无数据"

# Every macro a report page (or an opted-in page) may call; the names of ReportMacros' methods.
MACRO_NAMES = (
    "count", "total", "maximum", "previous", "yoy", "about", "compare", "months_without", "breaches",
    "notice_stats", "records_table", "indicator_table", "key_figures", "trend_chart", "indicator_charts",
    "latest_records", "period_label", "period_word", "report_links", "values_of", "limit", "top_values", "unhandled",
)


@dataclass
class ReportMacros:
    """Macros bound to one report period; `year=` in a call names another year's report period.

    With `traced`, figures come back as Figure values carrying their trace (which records,
    which period); they compare, add and print exactly as the plain numbers and words.
    """

    compare = staticmethod(format_yoy)

    index: RecordIndex
    period: ReportPeriod
    reports: dict[int, Report]
    indicators: list[Indicator]
    rule_breaches: list[Breach] = field(default_factory=list)
    page_dir: str = ""  # folder of the page below docs/, for relative links
    # Charts span every year whatever the page's period: one build may share them between pages.
    charts: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    rules: list[Rule] = field(default_factory=list)  # the domain rules a `rule=` may name
    traced: bool = False  # figures carry their trace (the site's links, stats --explain, export --trace)
    # A draft (site, Word file) says 上年同期无数据 where the final check asks for a baseline record.
    draft: bool = False
    # The site's 数字溯源 for the cards and the indicator table: (year, figure) -> the figure linked to its page.
    linker: Callable[[int, Figure], str] | None = field(default=None, repr=False, compare=False)

    def _period(self, year: int | None) -> ReportPeriod:
        if year is None:
            return self.period
        report = self.reports.get(year)
        return report.period if report else ReportPeriod.year(year)

    def count(self, type: str, year: int | None = None, **filters: Any) -> int:
        """Records of a type in the period (confidential ones included)."""
        value = self.index.count(type, self._period(year), **filters)
        return self._traced(value, "count", type, year, filters)

    def _traced(self, value: Any, macro: str, type: str, year: int | None, filters: dict[str, Any],
                records: list[Record] | None = None, **details: Any) -> Any:
        """The value, as a Figure with its trace when tracing."""
        if not self.traced:
            return value
        period = self._period(year)
        found = self.index.query(type, period, **filters) if records is None else records
        exact = details.pop("exact", value if macro in ("total", "maximum") else None)
        catalogue = self.index.catalogue
        spec = catalogue.fields_of(type).get(details.get("field") or "")
        trace = Trace(macro, type, normalise_filters(filters), period, tuple(found), str(value), exact=exact,
                      label=catalogue.label(type), field_label=spec.label if spec else "",
                      unit=self._unit_of(type), **details)
        return traced(value, trace)

    def _unit_of(self, type: str) -> str:
        """What one record of a type counts as: the unit of its count indicator (indicators.yaml), else 条."""
        return next((i.unit for i in self.indicators if i.type == type and i.aggregate == "count"), "条")

    def total(self, type: str, field: str, year: int | None = None, **filters: Any) -> float:
        """Sum of a numeric field over the period's records."""
        value = plain(sum(self.index.values(type, field, self._period(year), **filters)))
        return self._traced(value, "total", type, year, filters, field=field)

    def maximum(self, type: str, field: str, year: int | None = None, **filters: Any) -> float:
        """Largest value of a numeric field over the records that may be shown (a maximum is one record's value)."""
        values = self.index.shown_values(type, field, self._period(year), **filters)
        if not values:
            hidden = bool(self.index.values(type, field, self._period(year), **filters))
            reason = f"填写 {field} 的 {type} 记录均为内部记录，其数值不能公开" if hidden else f"没有填写 {field} 的 {type} 记录"
            raise QueryError(f"{self._period(year)} {reason}，无法取最大值")
        return self._traced(plain(max(values)), "maximum", type, year, filters, field=field)

    def values_of(self, type: str, field: str, year: int | None = None, **filters: Any) -> list[str]:
        """The distinct values of a field over the period's records that may be shown, in pinyin order."""
        # pypinyin's dictionaries are loaded only by pages that call this.
        from pypinyin import lazy_pinyin

        records = self.index.shown(self.index.query(type, self._period(year), **filters))
        if field not in self.index.catalogue.fields_of(type):
            raise QueryError(f"记录类型 {type} 没有字段 {field}")
        values = {str(r.fields[field]) for r in records if r.fields.get(field) not in (None, "")}
        return sorted(values, key=lambda value: (lazy_pinyin(value), value))

    def top_values(self, type: str, field: str, n: int = 3, year: int | None = None, **filters: Any) -> str:
        """The n values of a field most frequent over the period's records that may be shown, as 甲、乙、丙.

        Most frequent first, ties in pinyin order; confidential records' values are left out.
        """
        from pypinyin import lazy_pinyin

        spec = self.index.catalogue.fields_of(type).get(field)
        if spec is None or spec.kind not in ("string", "enum", "list"):
            raise QueryError(f"记录类型 {type} 没有可列举取值的字段 {field}")
        counts: dict[str, int] = {}
        for record in self.index.shown(self.index.query(type, self._period(year), **filters)):
            value = record.fields.get(field)
            for item in (value if isinstance(value, (list, tuple)) else [value]):
                if item not in (None, ""):
                    counts[str(item)] = counts.get(str(item), 0) + 1
        ranked = sorted(counts, key=lambda v: (-counts[v], lazy_pinyin(v), v))[:n]
        return "、".join(ranked)

    def limit(self, rule: str, **key: Any) -> Any:
        """The regulated limit of a domain rule (rules.yaml `limits`), for one value of its `limit_by` field."""
        found = next((r for r in self.rules if r.id == rule), None)
        if found is None:
            raise QueryError(f"没有规则 {rule!r}（见 rules.yaml）")
        if found.limits is None:
            raise QueryError(f"规则 {rule} 没有规定限值 limits")
        if isinstance(found.limits, dict):
            if list(key) != [found.limit_by]:
                raise QueryError(f"规则 {rule} 的限值按 {found.limit_by} 区分：请写 limit({rule!r}, {found.limit_by}=…)")
            value = key[found.limit_by]
            if value not in found.limits:
                raise QueryError(f"规则 {rule} 没有 {found.limit_by}={value!r} 的限值（可用：{'、'.join(map(str, found.limits))}）")
            return plain(found.limits[value])
        if key:
            raise QueryError(f"规则 {rule} 的限值只有一个，不用写筛选条件")
        return plain(found.limits)

    def previous(self, type: str, year: int | None = None, **filters: Any) -> float:
        """The count for the same period a year earlier, from records or from a baseline."""
        earlier = self._period(year).previous_year()
        if self.index.has_ledger(earlier):
            return self.index.count(type, earlier, **filters)
        value = self.index.baseline(type, earlier, **filters)
        if value is None:
            wanted = ", ".join(f"{k}={v}" for k, v in filters.items()) or "无"
            raise QueryError(
                f"上年同期（{earlier}）没有台账记录，也没有对应的上年基数记录"
                f"（type: baseline，metric: {type}，filter: {wanted}，期间 {earlier}）"
            )
        return plain(value)

    def yoy(self, type: str, year: int | None = None, **filters: Any) -> str:
        """同比 phrase: 同比增长12.5% / 同比减少12.5% / 与上年同期持平 / 上年同期为0."""
        earlier_period = self._period(year).previous_year()
        if self.draft and not self.index.has_ledger(earlier_period) and self.index.baseline(type, earlier_period, **filters) is None:
            return self._traced(NO_EARLIER_DATA, "yoy", type, year, filters, previous=None,
                                previous_period=earlier_period, from_baseline=False)
        current, earlier = self.count(type, year, **filters), self.previous(type, year, **filters)
        if not self.traced:
            return format_yoy(current, earlier)
        from_baseline = not self.index.has_ledger(earlier_period)
        return self._traced(format_yoy(current, earlier), "yoy", type, year, filters, previous=earlier,
                            previous_period=earlier_period, from_baseline=from_baseline,
                            previous_records=self._earlier_records(type, earlier_period, from_baseline, filters))

    def _earlier_records(self, type: str, earlier: ReportPeriod, from_baseline: bool,
                         filters: dict[str, Any]) -> tuple[Record, ...]:
        """What a 同比's earlier figure rests on: that period's records, or the baseline record used."""
        if not from_baseline:
            return tuple(self.index.query(type, earlier, **filters))
        record = self.index.baseline_record(type, earlier, **filters)
        return () if record is None else (record,)

    def about(self, n: int) -> str:
        """Official "XX余" wording of a number (see wording.about); a traced figure keeps its trace."""
        text = about(n)
        if not isinstance(n, Figure):
            return text
        inner = n.trace
        return traced(text, replace(inner, macro="about", shown=text, exact=int(n), parts=(inner,)))

    def months_without(self, type: str, year: int | None = None, **filters: Any) -> str:
        """Months of the period with no record of the type, as 2月、8月 ('' when none)."""
        period = self._period(year)
        busy = {(r.date.year, r.date.month) for r in self.index.query(type, period, **filters)}
        empty = [month for month in period.months() if month not in busy]
        text = format_months(empty, with_year=period.start.year != period.end.year)
        return self._traced(text, "months_without", type, year, filters, months=tuple(empty))

    def breaches(self, type: str, rule: str | None = None, year: int | None = None, **filters: Any) -> int:
        """Records of a type in the period breaking a domain rule (any rule, or the one named), filtered by fields."""
        records, labels = self._breaching(type, rule, year, filters)
        return self._traced(len(records), "breaches", type, year, filters, records, rule=rule, rule_labels=labels)

    def unhandled(self, type: str, rule: str | None = None, year: int | None = None, **filters: Any) -> int:
        """Of those breaches, the records with no 处理情况 (field `handling`): what 已责令整改 must wait for."""
        records, labels = self._breaching(type, rule, year, filters)
        left = [r for r in records if r.fields.get(HANDLING_FIELD) in (None, "")]
        return self._traced(len(left), "unhandled", type, year, filters, left, rule=rule, rule_labels=labels)

    def _breaching(self, type: str, rule: str | None, year: int | None,
                   filters: dict[str, Any]) -> tuple[list[Record], tuple[str, ...]]:
        """The period's records of a type matching the filters that break the rule named (or any), by date."""
        period = self._period(year)
        chosen = {r.id for r in self.index.query(type, period, **filters)}  # validates the type and the filters
        if rule is not None:
            known = [r for r in self.rules if r.type == type]
            if rule not in {r.id for r in known}:
                listed = "、".join(f"{r.id}（{r.label}）" for r in known) or "无"
                raise QueryError(f"{type} 没有规则 {rule!r}；可用的规则：{listed}（见 rules.yaml）")
        breached = {b.record.id: b.record for b in self.rule_breaches
                    if b.record.id in chosen and rule in (None, b.rule.id)}
        labels = tuple(r.label for r in self.rules if r.type == type and rule in (None, r.id))
        return sorted(breached.values(), key=lambda r: (r.date, r.id)), labels

    def notice_stats(self, year: int | None = None) -> NoticeStats:
        """Notices issued in the period and their problems' state at the period's end."""
        period = self._period(year)
        stats = notice_stats(self.index, period, period.end)
        if not self.traced:
            return stats
        found = counted_problems(notices_in(self.index, period), period.end)
        return replace(stats, **{name: self._notice_figure(name, getattr(stats, name), found[name], period)
                                 for name in PROBLEM_FIGURES})

    def _notice_figure(self, name: str, value: int, problems: list[tuple[Notice, int]], period: ReportPeriod) -> int:
        """One notice figure with its trace: the problems counted and the notices they are in."""
        counted = tuple((notice.record, position) for notice, position in problems)
        records = tuple(dict.fromkeys(record for record, _ in counted))
        trace = Trace("notice_stats", "notice", (), period, records, str(value),
                      label=self.index.catalogue.label("notice"), unit="个", item=name, problems=counted)
        return traced(value, trace)

    def records_table(self, type: str, year: int | None = None, **filters: Any) -> str:
        """Markdown table of the period's visible records of a type."""
        return tables.records_table(self.index.query(type, self._period(year), **filters), self.index.catalogue)

    def indicator_table(self) -> str:
        """Markdown table of every indicator for every year of the ledger (each value linked, on the site)."""
        link = self._link_indicator if self.linker is not None else None
        return tables.indicator_table(self.index, self.indicators, self.reports, link)

    def key_figures(self) -> str:
        """HTML cards of the key figures of the period, with 同比 (each linked to its figure page, on the site)."""
        chosen = [i for i in self.indicators if i.key_figure]
        values = [evaluate(self.index, i, self.period) for i in chosen]
        # A young ledger: no record yet this period, or nothing at all to compare with.
        no_earlier = not self.index.has_ledger(self.period.previous_year()) and not self.index.of_type("baseline")
        linked = None
        if self.linker is not None:
            year = self.period.end.year
            linked = [(self._link_indicator(i, self.period, year), self._link_change(i, year)) for i in chosen]
        return tables.figure_cards(values, empty=not self.index.has_ledger(self.period), no_earlier=no_earlier,
                                   linked=linked)

    def _indicator_figure(self, indicator: Indicator, period: ReportPeriod) -> Figure | None:
        """An indicator's value over a period as the report's own call would trace it (None: nothing to show)."""
        at = replace(self, period=period, traced=True)
        try:
            if indicator.aggregate == "count":
                return at.count(indicator.type, **indicator.filter)  # type: ignore[return-value]
            method = at.total if indicator.aggregate == "total" else at.maximum
            return method(indicator.type, indicator.field or "", **indicator.filter)  # type: ignore[return-value]
        except QueryError:
            return None

    def _link_indicator(self, indicator: Indicator, period: ReportPeriod, year: int) -> str | None:
        figure = self._indicator_figure(indicator, period)
        return None if figure is None or self.linker is None else self.linker(year, figure)

    def _link_change(self, indicator: Indicator, year: int) -> str | None:
        """A card's 同比, linked to the page of the report's yoy() of the same records."""
        if not indicator.yoy or indicator.aggregate != "count" or self.linker is None:
            return None
        try:
            figure = replace(self, traced=True).yoy(indicator.type, **indicator.filter)
        except QueryError:
            return None
        return self.linker(year, figure) if isinstance(figure, Figure) else None

    def trend_chart(self) -> str:
        """SVG line chart of the key figures across all years."""
        # pygal is loaded only by pages that draw charts.
        from zuofeng.core.output import charts

        if not self.index.years:
            return tables.NO_DATA_NOTE
        if "trend" not in self.charts:
            key_figures = [i for i in self.indicators if i.key_figure]
            self.charts["trend"] = charts.trend_chart(self.index, key_figures, self.reports)
        return self.charts["trend"]

    def indicator_charts(self) -> str:
        """SVG bar chart of every indicator across all years."""
        # pygal is loaded only by pages that draw charts.
        from zuofeng.core.output import charts

        if not self.index.years:
            return tables.NO_DATA_NOTE
        if "indicators" not in self.charts:
            self.charts["indicators"] = "\n\n".join(charts.indicator_chart(self.index, i, self.reports)
                                                    for i in self.indicators)
        return self.charts["indicators"]

    def latest_records(self, type: str, limit: int = 5) -> str:
        """Markdown table of the newest visible records of a type, linked."""
        return dashboard.latest_records(self.index, type, self.page_dir, limit)

    def period_label(self) -> str:
        """The page's period in words: 2024年1月1日至2024年12月31日."""
        return format_period(self.period.start, self.period.end)

    def period_word(self, year: int | None = None) -> str:
        """The period in one word: 全年 / 1—11月 / 今年以来 (报告期内 for other periods)."""
        period = self._period(year)
        return period_word(period.start, period.end)

    def report_links(self) -> str:
        """Markdown list of every yearly report."""
        return dashboard.report_links(self.reports, self.page_dir)

    def functions(self) -> dict[str, Callable[..., Any]]:
        """The macros by name, for a template environment; one answer per question for this binding.

        A report's sections and its audit page ask the same questions many times (the audit
        evaluates each sentence's `{% set %}` statements again for each of its values): a call
        whose arguments are plain words and numbers is answered once. A call given a figure or a
        list is answered afresh (two figures of one value may count different records).
        """
        answers: dict[tuple[Any, ...], Any] = {}
        return {name: _answered_once(name, getattr(self, name), answers) for name in MACRO_NAMES}


# The argument types a call is remembered by: exactly these (a Figure, a subclass of int, is not one).
_PLAIN = (str, int, float, bool, type(None))


def _answered_once(name: str, macro: Callable[..., Any], answers: dict[tuple[Any, ...], Any]) -> Callable[..., Any]:
    """`macro`, its answers kept in `answers` by its name and plain arguments (an error is raised each time)."""
    def call(*args: Any, **kwargs: Any) -> Any:
        if not all(type(value) in _PLAIN for value in (*args, *kwargs.values())):
            return macro(*args, **kwargs)
        # Typed: True == 1 == 1.0 as keys, not as arguments.
        key = (name, tuple((type(a), a) for a in args), tuple(sorted((k, type(v), v) for k, v in kwargs.items())))
        if key not in answers:
            answers[key] = macro(*args, **kwargs)
        answer = answers[key]
        return list(answer) if isinstance(answer, list) else answer  # a template may change a list it is given
    call.__name__ = call.__qualname__ = name
    call.__doc__ = macro.__doc__
    return call


def bind(ledger: Ledger, reports: dict[int, Report], indicators: list[Indicator], year: int,
         page_dir: str = "", charts: dict[str, str] | None = None, traced: bool = False,
         draft: bool = True) -> ReportMacros:
    """The macros of a year: its report's period, or the whole year when it has no report.

    `charts`, kept by the caller for one build, shares drawn charts between bindings; `draft=False`
    (the final check) makes a 同比 without earlier data an error instead of 上年同期无数据.
    """
    report = reports.get(year)
    period = report.period if report else ReportPeriod.year(year)
    return ReportMacros(ledger.index, period, reports, indicators, ledger.breaches, page_dir,
                        {} if charts is None else charts, ledger.rules, traced, draft)
