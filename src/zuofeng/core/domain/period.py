"""Report periods and the same period one year earlier (同比)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


def shift_year(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class ReportPeriod:
    """An inclusive date range, usually a year or "今年以来" (1 January to the report date)."""

    start: dt.date
    end: dt.date

    @classmethod
    def year(cls, year: int) -> ReportPeriod:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    def previous_year(self) -> ReportPeriod:
        """The same period one year earlier."""
        return ReportPeriod(shift_year(self.start, -1), shift_year(self.end, -1))

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def months(self) -> list[tuple[int, int]]:
        """(year, month) of every month the period touches, in order."""
        months = []
        year, month = self.start.year, self.start.month
        while (year, month) <= (self.end.year, self.end.month):
            months.append((year, month))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return months

    def __str__(self) -> str:
        return f"{self.start.isoformat()} 至 {self.end.isoformat()}"
