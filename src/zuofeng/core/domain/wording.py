"""The Chinese wording of figures: 同比, 余, months, dates."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal


def format_yoy(current: float, previous: float) -> str:
    """同比 phrase comparing a figure with the same period one year earlier."""
    if current == previous:
        return "与上年同期持平"
    if previous == 0:
        return "上年同期为0"
    change = percent_change(current, previous)
    verb = "增长" if change > 0 else "减少"
    return f"同比{verb}{abs(change)}%"


def percent_change(current: float, previous: float) -> Decimal:
    """(current − previous) ÷ previous in percent, one decimal, half away from zero (previous not 0)."""
    change = (Decimal(str(current)) - Decimal(str(previous))) / Decimal(str(previous)) * 100
    return change.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def about(n: int) -> str:
    """Official "XX余" wording: exact below 10, floored to tens below 100, else to two digits."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"about() 需要整数，实际为 {n!r}")
    if n < 0:
        raise ValueError(f"about() 不接受负数：{n}")
    if n < 10:
        return str(n)
    step = 10 if n < 100 else 10 ** (len(str(n)) - 2)
    floored = n // step * step
    return str(n) if floored == n else f"{floored}余"


def format_months(months: list[tuple[int, int]], with_year: bool = False) -> str:
    """Months as 2月、8月 (or 2023年2月 when with_year)."""
    return "、".join(f"{y}年{m}月" if with_year else f"{m}月" for y, m in months)


def format_date(day: dt.date) -> str:
    """2024年1月5日: Arabic digits, no zero padding."""
    return f"{day.year}年{day.month}月{day.day}日"


def format_issued(day: dt.date | None) -> str:
    """A report's 成文日期, or the blank 年　月　日 of a draft whose date is still to fill."""
    return format_date(day) if day is not None else "年　月　日"


def format_number(value: float) -> str:
    """An integer without decimals, any other number with at most one decimal place."""
    if float(value).is_integer():
        return str(int(value))
    return str(Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def format_period(start: dt.date, end: dt.date) -> str:
    """A period in words: 2024年1月1日至2024年11月30日."""
    return f"{format_date(start)}至{format_date(end)}"


def listing_count(total: int, hidden: int) -> str:
    """共 N 条记录, saying how many of them are internal records the site never shows."""
    if not hidden:
        return f"共 {total} 条记录。"
    if hidden == total:
        return f"共 {total} 条记录，均为内部记录，不在网站上显示。"
    return f"共 {total} 条记录，其中 {hidden} 条为内部记录，计入统计，不在网站上显示。"


def period_word(start: dt.date, end: dt.date) -> str:
    """The word for a report period: 全年, 1—11月 (whole months), 今年以来, else 报告期内."""
    next_day = end + dt.timedelta(days=1)
    whole_months = start.day == 1 and next_day.day == 1 and start.year == end.year
    if whole_months and start.month == 1 and end.month == 12:
        return "全年"
    if whole_months:
        return f"{start.month}月" if start.month == end.month else f"{start.month}—{end.month}月"
    if (start.month, start.day) == (1, 1) and start.year == end.year:
        return "今年以来"
    return "报告期内"
