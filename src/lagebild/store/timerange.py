"""The days a TIMEX3 value covers, so that events can be queried by date whatever their precision."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}  # WI runs into the next year
_PATTERNS = (
    (re.compile(r"(\d{4})-(\d{2})-(\d{2})"), "day"),
    (re.compile(r"(\d{4})-W(\d{2})"), "week"),
    (re.compile(r"(\d{4})-(\d{2})"), "month"),
    (re.compile(r"(\d{4})-Q([1-4])"), "quarter"),
    (re.compile(r"(\d{4})-(SP|SU|FA|WI)"), "season"),
    (re.compile(r"(\d{4})"), "year"),
    (re.compile(r"(\d{3})"), "decade"),
)


def timex_range(value: str | None) -> tuple[date, date] | None:
    """First and last day of a TIMEX3 value; "A/B" ranges span both; None when not a calendar value.

    "2015-08" -> (2015-08-01, 2015-08-31); "2015-Q3" -> (2015-07-01, 2015-09-30); "201" -> 2010..2019.
    """
    if not value:
        return None
    if "/" in value:
        first, _, last = value.partition("/")
        start, end = timex_range(first), timex_range(last)
        return (start[0], end[1]) if start and end else None
    value = value.split("T", 1)[0].strip()
    for pattern, kind in _PATTERNS:
        match = pattern.fullmatch(value)
        if match:
            try:
                return _span(kind, match.groups())
            except ValueError:
                return None
    return None


def _span(kind: str, parts: tuple[str, ...]) -> tuple[date, date]:
    year = int(parts[0]) if kind != "decade" else int(parts[0]) * 10
    if kind == "day":
        day = date(year, int(parts[1]), int(parts[2]))
        return day, day
    if kind == "week":
        monday = date.fromisocalendar(year, int(parts[1]), 1)
        return monday, monday + timedelta(days=6)
    if kind == "month":
        return _months(year, int(parts[1]), int(parts[1]))
    if kind == "quarter":
        first = 3 * int(parts[1]) - 2
        return _months(year, first, first + 2)
    if kind == "season":
        return _months(year, *_SEASONS[parts[1]])
    if kind == "year":
        return date(year, 1, 1), date(year, 12, 31)
    return date(year, 1, 1), date(year + 9, 12, 31)


def _months(year: int, first: int, last: int) -> tuple[date, date]:
    """From the first day of month ``first`` to the last of month ``last`` (13, 14: next year)."""
    end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
    return date(year, first, 1), date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])
