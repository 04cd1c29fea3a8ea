"""The plausible range of a record's dates: a typo (1948, 9999) or Excel's serial 1 is an error, not a year."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

EARLIEST_YEAR = 2000
SETTING = "[tool.zuofeng.dates]"
_KEYS = ("earliest", "latest")


class DateRangeError(Exception):
    """The `[tool.zuofeng.dates]` table is wrong; the message is Chinese."""


@dataclass(frozen=True)
class DateRange:
    """First and last day a record's date fields may hold."""

    earliest: dt.date
    latest: dt.date

    def __str__(self) -> str:
        return f"{self.earliest.isoformat()} 至 {self.latest.isoformat()}"

    def problem(self, value: dt.date) -> str | None:
        """The Chinese reason a date is implausible, or None."""
        if self.earliest <= value <= self.latest:
            return None
        return f"{value.isoformat()} 不在合理范围内（{self}）：请核对年份；范围可在 pyproject.toml 的 {SETTING} 中设置"


def default_range(as_of: dt.date | None = None) -> DateRange:
    """2000 to next year, counted from today or from a later as-of day."""
    return date_range({}, as_of)


def date_range(table: Any, as_of: dt.date | None = None, today: dt.date | None = None) -> DateRange:
    """The range set by `[tool.zuofeng.dates]` (`earliest`, `latest`: years), defaults filled in."""
    if not isinstance(table, dict):
        raise DateRangeError(f"{SETTING} 应为表（earliest、latest）")
    unknown = [key for key in table if key not in _KEYS]
    if unknown:
        raise DateRangeError(f"{SETTING} 未知设置 {unknown[0]}（可用：{'、'.join(_KEYS)}）")
    later = max(today or dt.date.today(), as_of or dt.date.min)
    earliest = _year(table, "earliest", EARLIEST_YEAR)
    latest = _year(table, "latest", later.year + 1)
    if earliest > latest:
        raise DateRangeError(f"{SETTING} earliest（{earliest}）不能晚于 latest（{latest}）")
    return DateRange(dt.date(earliest, 1, 1), dt.date(latest, 12, 31))


def _year(table: dict[str, Any], key: str, default: int) -> int:
    value = table.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int) or not 1000 <= value <= 9999:
        shown = f"'{value}'" if isinstance(value, str) else str(value)
        raise DateRangeError(f"{SETTING} {key} 应为四位数字年份，实际为 {shown}")
    return value
