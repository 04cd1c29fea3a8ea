"""Indicators: named figures (count, total or maximum of records) computed for any period."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml

from zuofeng.core.domain.catalogue import CatalogueError
from zuofeng.core.domain.index import QueryError, RecordIndex
from zuofeng.core.domain.period import ReportPeriod

Aggregate = Literal["count", "total", "maximum"]


@dataclass(frozen=True)
class Indicator:
    """A figure of the report: which records, how aggregated, in which unit."""

    key: str
    label: str
    type: str
    unit: str
    aggregate: Aggregate = "count"
    field: str | None = None
    filter: dict[str, Any] = dataclasses.field(default_factory=dict)
    key_figure: bool = False
    yoy: bool = True


@dataclass(frozen=True)
class IndicatorValue:
    indicator: Indicator
    value: float | None  # None: nothing to aggregate (a maximum of no records)
    previous: float | None  # None: no comparable figure for the same period a year earlier


def load_indicators(path: Path | None = None) -> list[Indicator]:
    """Indicators from a YAML file, or those shipped with zuofeng."""
    if path is None:
        text = resources.files("zuofeng").joinpath("data/indicators.yaml").read_text(encoding="utf-8")
    else:
        text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text) or {}
    try:
        return [Indicator(**item) for item in data.get("indicators", [])]
    except TypeError as exc:
        raise CatalogueError(f"指标定义有误：{exc}") from None


def aggregate(index: RecordIndex, indicator: Indicator, period: ReportPeriod) -> float | None:
    """The indicator's value over one period."""
    if indicator.aggregate == "count":
        return index.count(indicator.type, period, **indicator.filter)
    if indicator.aggregate == "total":
        return plain(sum(index.values(indicator.type, indicator.field or "", period, **indicator.filter)))
    # A maximum is one record's value: taken over the records that may be shown.
    values = index.shown_values(indicator.type, indicator.field or "", period, **indicator.filter)
    return plain(max(values)) if values else None


def previous_value(index: RecordIndex, indicator: Indicator, period: ReportPeriod) -> float | None:
    """The value for the same period a year earlier, from records or else from a baseline."""
    earlier = period.previous_year()
    if index.has_ledger(earlier):
        return aggregate(index, indicator, earlier)
    if indicator.aggregate != "count":
        return None
    return index.baseline(indicator.type, earlier, **indicator.filter)


def evaluate(index: RecordIndex, indicator: Indicator, period: ReportPeriod) -> IndicatorValue:
    """Value and previous-period value of an indicator."""
    previous = previous_value(index, indicator, period) if indicator.yoy else None
    return IndicatorValue(indicator, aggregate(index, indicator, period), previous)


def plain(value: float) -> float:
    """Integral floats as int, so 12.0 prints as 12."""
    return int(value) if float(value).is_integer() else value


__all__ = ["Indicator", "IndicatorValue", "QueryError", "aggregate", "evaluate", "load_indicators", "previous_value"]
