"""The years of the ledger side by side: each year's period, and whether it is a whole year."""

from __future__ import annotations

from dataclasses import dataclass

from zuofeng.core.domain.index import RecordIndex
from zuofeng.core.domain.period import ReportPeriod
from zuofeng.core.report.reports import Report
from zuofeng.core.domain.wording import format_period, period_word


@dataclass(frozen=True)
class YearColumn:
    """One year of the ledger as counted: its report's period, or the calendar year."""

    year: int
    period: ReportPeriod

    @property
    def partial(self) -> bool:
        """Counted over less than the calendar year (a report written before the year ended)."""
        return self.period != ReportPeriod.year(self.year)

    @property
    def span(self) -> str:
        """What part of the year: 1—11月, or 截至11月20日 ('' for the whole year)."""
        if not self.partial:
            return ""
        word = period_word(self.period.start, self.period.end)
        if word in ("今年以来", "报告期内"):
            start, end = self.period.start, self.period.end
            return f"{start.month}月{start.day}日至{end.month}月{end.day}日"
        return word

    @property
    def label(self) -> str:
        """2023年, or 2024年（1—11月） for a partial year."""
        return f"{self.year}年（{self.span}）" if self.partial else f"{self.year}年"

    @property
    def same_period_label(self) -> str:
        """The previous year's same period: 2023年同期（1—11月）."""
        return f"{self.year - 1}年同期（{self.span}）"


def year_columns(index: RecordIndex, reports: dict[int, Report]) -> list[YearColumn]:
    """Every year of the ledger with the period its figures cover."""
    return [YearColumn(year, reports[year].period if year in reports else ReportPeriod.year(year))
            for year in index.years]


def partial_note(columns: list[YearColumn]) -> str:
    """A sentence naming the partial years, or '' when every year is whole."""
    partial = [c for c in columns if c.partial]
    if not partial:
        return ""
    named = "、".join(f"{c.year}年按报告统计期间（{format_period(c.period.start, c.period.end)}）计算"
                     for c in partial)
    return f"{named}，不是全年数据；“上年同期”列为上一年同一期间的数据，供比较。"
