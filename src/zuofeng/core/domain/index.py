"""The in-memory index: every record by type and date, answering queries by bisection."""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from functools import lru_cache
from typing import Any, Callable, Iterable, TypeVar

from zuofeng.core.domain.catalogue import Catalogue, FieldSpec
from zuofeng.core.domain.period import ReportPeriod
from zuofeng.core.domain.record import Record, shown

FilterItems = tuple[tuple[str, Any], ...]
_ALIASES = {"tag": "tags"}
_BASELINE = "baseline"
T = TypeVar("T")


class QueryError(Exception):
    """A query that cannot be answered (unknown type, field or value); the message is Chinese."""


class RecordIndex:
    """Queries over validated records; built once per build or check."""

    def __init__(self, records: Iterable[Record], catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.records = sorted(records, key=lambda r: (r.date, r.id))
        self.by_id = {r.id: r for r in self.records}
        self.internal_ids = frozenset(r.id for r in self.records if r.confidential)
        self._by_type: dict[str, list[Record]] = defaultdict(list)
        for record in self.records:
            self._by_type[record.type].append(record)
        self._dates = {key: [r.date for r in items] for key, items in self._by_type.items()}
        self._ledger_dates = [r.date for r in self.records if r.type != _BASELINE]
        self._years: list[int] | None = None
        self._derived: dict[str, Any] = {}
        self._shown: dict[str, Record] | None = None  # id → the record as an output may show it
        self.select = lru_cache(maxsize=4096)(self._select)  # type: ignore[method-assign]

    def derived(self, name: str, make: Callable[[RecordIndex], T]) -> T:
        """A value made from the whole index (its notices, say), made once: an index never changes after it is built."""
        if name not in self._derived:
            self._derived[name] = make(self)
        return self._derived[name]  # type: ignore[no-any-return]

    @property
    def years(self) -> list[int]:
        """Years holding ledger records (baselines excluded), ascending."""
        if self._years is None:  # computed once: macros ask for it per page
            self._years = sorted({d.year for d in self._ledger_dates})
        return list(self._years)

    def of_type(self, type_key: str) -> list[Record]:
        """All records of a type, by date."""
        self._check_type(type_key)
        return list(self._by_type.get(type_key, ()))

    def in_period(self, type_key: str, period: ReportPeriod) -> list[Record]:
        """Records of a type whose date lies in the period (inclusive)."""
        low, high = self._span(type_key, period)
        return self._by_type[type_key][low:high] if high > low else []

    def _span(self, type_key: str, period: ReportPeriod) -> tuple[int, int]:
        """Positions of the period's first and past-last records in the type's date list (bisect)."""
        self._check_type(type_key)
        dates = self._dates.get(type_key, [])
        return bisect.bisect_left(dates, period.start), bisect.bisect_right(dates, period.end)

    def query(self, type_key: str, period: ReportPeriod, **filters: Any) -> list[Record]:
        """Records of a type in a period matching every filter (field=value)."""
        return list(self.select(type_key, period, normalise_filters(filters)))

    def _select(self, type_key: str, period: ReportPeriod, filters: FilterItems) -> tuple[Record, ...]:
        specs = self._filter_specs(type_key, filters)
        records = self.in_period(type_key, period)
        return tuple(r for r in records if all(_matches(r.value(name), value, specs[name]) for name, value in filters))

    def count(self, type_key: str, period: ReportPeriod, **filters: Any) -> int:
        """Matching records: two bisections without filters, else the cached selection."""
        if not filters:
            low, high = self._span(type_key, period)
            return max(0, high - low)
        return len(self.select(type_key, period, normalise_filters(filters)))

    def values(self, type_key: str, field: str, period: ReportPeriod, **filters: Any) -> list[float]:
        """The numeric values of a field over matching records (absent values skipped), confidential ones included."""
        self._check_numeric(type_key, field)
        return [r.fields[field] for r in self.select(type_key, period, normalise_filters(filters)) if field in r.fields]

    def shown_values(self, type_key: str, field: str, period: ReportPeriod, **filters: Any) -> list[float]:
        """The numeric values of a field an output may show: those of the matching records that are not confidential."""
        self._check_numeric(type_key, field)
        return [r.fields[field] for r in self.shown(self.select(type_key, period, normalise_filters(filters)))
                if field in r.fields]

    def shown(self, records: Iterable[Record]) -> list[Record]:
        """Of some of the index's records, those an output may show, any field naming a confidential one masked.

        Each of the index's records is masked once (the macros ask for the same records page after page).
        """
        if self._shown is None:
            self._shown = {r.id: r for r in shown(self.records, self.internal_ids)}
        public, result = self._shown, []
        for record in records:
            if record.confidential:
                continue
            if self.by_id.get(record.id) is record:
                result.append(public[record.id])
            else:  # not one of this index's records: masked on its own
                result.extend(shown((record,), self.internal_ids))
        return result

    def _check_numeric(self, type_key: str, field: str) -> None:
        spec = self.catalogue.fields_of(self._check_type(type_key)).get(field)
        if spec is None or spec.kind not in ("int", "number"):
            raise QueryError(f"记录类型 {type_key} 没有数值字段 {field}")

    def has_ledger(self, period: ReportPeriod) -> bool:
        """Whether any record (baselines excluded) lies in the period: was the ledger kept then?"""
        low = bisect.bisect_left(self._ledger_dates, period.start)
        return low < len(self._ledger_dates) and self._ledger_dates[low] <= period.end

    def baseline(self, type_key: str, period: ReportPeriod, **filters: Any) -> float | None:
        """The value a `baseline` record gives for exactly this metric, filter and period."""
        record = self.baseline_record(type_key, period, **filters)
        return None if record is None else record.fields["value"]

    def baseline_record(self, type_key: str, period: ReportPeriod, **filters: Any) -> Record | None:
        """The `baseline` record for exactly this metric, filter and period (None when there is none)."""
        wanted = normalise_filters(filters)
        for record in self._by_type.get(_BASELINE, ()):
            if record.fields.get("metric") != type_key or parse_filter(record.fields.get("filter")) != _as_text(wanted):
                continue
            start = record.fields.get("period_start", dt.date(record.date.year, 1, 1))
            end = record.fields.get("period_end", dt.date(record.date.year, 12, 31))
            if (start, end) == (period.start, period.end):
                return record
        return None

    def _check_type(self, type_key: str) -> str:
        if self.catalogue.get(type_key) is None:
            raise QueryError(f"未知的记录类型 {type_key!r}（可用：{', '.join(self.catalogue.types)}）")
        return type_key

    def _filter_specs(self, type_key: str, filters: FilterItems) -> dict[str, FieldSpec]:
        fields = self.catalogue.fields_of(self._check_type(type_key))
        specs = {}
        for name, value in filters:
            spec = fields.get(name)
            if spec is None or spec.kind == "objects":
                raise QueryError(f"记录类型 {type_key} 没有可筛选的字段 {name}（可用：{', '.join(fields)}）")
            candidates = value if isinstance(value, tuple) else (value,)
            bad = [v for v in candidates if spec.choices and v not in spec.choices]
            if bad:
                raise QueryError(f"字段 {name} 的筛选值 {bad[0]!r} 无效，应为 {' / '.join(spec.choices)} 之一")
            specs[name] = spec
        return specs


def normalise_filters(filters: dict[str, Any]) -> FilterItems:
    """Hashable, ordered filters with aliases resolved (tag → tags)."""
    items = []
    for name, value in filters.items():
        if isinstance(value, list):
            value = tuple(value)
        items.append((_ALIASES.get(name, name), value))
    return tuple(sorted(items, key=lambda item: item[0]))


def parse_filter(text: str | None) -> tuple[tuple[str, str], ...]:
    """A baseline's filter text `form=集中研讨, kind=x` as sorted pairs."""
    if not text:
        return ()
    pairs = []
    for part in text.replace("，", ",").split(","):
        name, _, value = part.partition("=")
        pairs.append((_ALIASES.get(name.strip(), name.strip()), value.strip()))
    return tuple(sorted(pairs))


def _as_text(filters: FilterItems) -> tuple[tuple[str, str], ...]:
    return tuple((name, str(value).lower() if isinstance(value, bool) else str(value)) for name, value in filters)


def _matches(actual: Any, wanted: Any, spec: FieldSpec) -> bool:
    options = wanted if isinstance(wanted, tuple) else (wanted,)
    if spec.kind == "list":
        return any(option in (actual or ()) for option in options)
    if spec.kind == "date" and actual is not None:
        actual = actual.isoformat()
    return actual in options
