"""Calendar arithmetic UK councils need: month ends, financial years, adding durations."""

from __future__ import annotations

import calendar
from datetime import date, timedelta


def month_end(year: int, month: int) -> date:
    """
    >>> month_end(2024, 2)
    datetime.date(2024, 2, 29)
    """
    return date(year, month, calendar.monthrange(year, month)[1])


def financial_year(start_year: int) -> tuple[date, date]:
    """A UK financial year runs 1 April to 31 March.

    >>> financial_year(2024)
    (datetime.date(2024, 4, 1), datetime.date(2025, 3, 31))
    """
    return date(start_year, 4, 1), date(start_year + 1, 3, 31)


def academic_year(start_year: int) -> tuple[date, date]:
    return date(start_year, 9, 1), date(start_year + 1, 8, 31)


def expand_year(two_digits: int, near: int) -> int:
    """A two-digit year, read as at most 20 years after a reference year, else in the past.

    >>> expand_year(25, 2024), expand_year(99, 2001), expand_year(66, 2025), expand_year(40, 2025)
    (2025, 1999, 1966, 2040)
    """
    year = near // 100 * 100 + two_digits
    if year > near + 20:
        year -= 100
    elif year < near - 80:
        year += 100
    return year


def add_months(day: date, months: int) -> date:
    """
    >>> add_months(date(2024, 1, 31), 1)
    datetime.date(2024, 2, 29)
    """
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def start_before(end: date, years: int = 0, months: int = 0, weeks: int = 0, days: int = 0) -> date:
    """The first day of a period of a given length ending on `end` (inclusive).

    >>> start_before(date(2023, 3, 31), years=1)
    datetime.date(2022, 4, 1)
    """
    return add_months(end + timedelta(days=1), -(years * 12 + months)) - timedelta(weeks=weeks, days=days)


def end_after(start: date, years: int = 0, months: int = 0, weeks: int = 0, days: int = 0) -> date:
    """The last day of a period of a given length starting on `start` (inclusive).

    >>> end_after(date(2017, 4, 1), years=5)
    datetime.date(2022, 3, 31)
    >>> end_after(date(2026, 4, 1), months=36)
    datetime.date(2029, 3, 31)
    """
    return add_months(start, years * 12 + months) + timedelta(weeks=weeks, days=days) - timedelta(days=1)
