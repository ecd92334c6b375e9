"""Calendar periods with their TIMEX3 value, and the arithmetic to shift and choose them.

A ``Period`` is a value ("2024-06", "2024-W09", "2024-SU") with its precision and first/last day.
Conventions: seasons are meteorological (SP Mar-May, SU Jun-Aug, FA Sep-Nov, WI Dec-Feb, the winter
named after the year of its December); halves are "2024-H1"/"2024-H2" with precision "range".
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from types import MappingProxyType

from lagebild.records import Precision

SEASON_START = MappingProxyType({"SP": 3, "SU": 6, "FA": 9, "WI": 12})
MODS = ("START", "MID", "END")


@dataclass(frozen=True, slots=True)
class Period:
    """A calendar period: TIMEX3 value, precision and the first and last day it covers."""

    value: str
    precision: Precision
    first: date
    last: date

    def narrowed(self, mod: str | None) -> tuple[date, date]:
        """First and last day of the part a mod names: START, MID, END are the thirds."""
        if mod not in MODS:
            return self.first, self.last
        third = ((self.last - self.first).days + 1) // 3
        start = self.first + timedelta(days=third * MODS.index(mod))
        return start, (self.last if mod == "END" else start + timedelta(days=max(third - 1, 0)))


def day(d: date) -> Period:
    """The day ``d``."""
    return Period(d.isoformat(), "day", d, d)


def week(d: date) -> Period:
    """The ISO week containing ``d``."""
    iso = d.isocalendar()
    monday = d - timedelta(days=d.weekday())
    return Period(f"{iso.year}-W{iso.week:02d}", "week", monday, monday + timedelta(days=6))


def weekend(d: date) -> Period:
    """The weekend (Saturday and Sunday) of the ISO week containing ``d``."""
    w = week(d)
    return Period(w.value + "-WE", "week", w.first + timedelta(days=5), w.last)


def month(year: int, mon: int) -> Period:
    """A calendar month."""
    return Period(f"{year:04d}-{mon:02d}", "month", date(year, mon, 1),
                  date(year, mon, calendar.monthrange(year, mon)[1]))


def quarter(year: int, q: int) -> Period:
    """A calendar quarter (1-4)."""
    return Period(f"{year:04d}-Q{q}", "quarter", month(year, 3 * q - 2).first, month(year, 3 * q).last)


def half(year: int, h: int) -> Period:
    """A half year (1-2)."""
    return Period(f"{year:04d}-H{h}", "range", month(year, 6 * h - 5).first, month(year, 6 * h).last)


def season(year: int, code: str) -> Period:
    """A meteorological season; the winter of ``year`` starts in its December."""
    start = date(year, SEASON_START[code], 1)
    end_month = shift_months(start, 2)
    return Period(f"{year:04d}-{code}", "season", start, month(end_month.year, end_month.month).last)


def year(y: int) -> Period:
    """A calendar year."""
    return Period(f"{y:04d}", "year", date(y, 1, 1), date(y, 12, 31))


def decade(first_year: int) -> Period:
    """The decade starting in ``first_year`` (a multiple of ten): value "199" for the 1990s."""
    start = first_year - first_year % 10
    return Period(str(start // 10), "decade", date(start, 1, 1), date(start + 9, 12, 31))


def vague(value: str, ref: date) -> Period:
    """PAST_REF / FUTURE_REF / PRESENT_REF: a reference with no calendar extent."""
    return Period(value, "range", ref, ref)


def shift_months(d: date, n: int) -> date:
    """``d`` moved by ``n`` months, the day clamped to the month's length."""
    index = d.year * 12 + d.month - 1 + n
    y, m = divmod(index, 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def shift(unit: str, d: date, n: int) -> date:
    """``d`` moved by ``n`` units (day, week, month, quarter, half, year, decade)."""
    if unit in ("day", "week"):
        return d + timedelta(days=n * (7 if unit == "week" else 1))
    factor = {"month": 1, "quarter": 3, "half": 6, "year": 12, "decade": 120}[unit]
    return shift_months(d, n * factor)


def containing(unit: str, d: date) -> Period:
    """The period of ``unit`` that contains ``d``."""
    makers = {
        "day": lambda: day(d), "week": lambda: week(d), "month": lambda: month(d.year, d.month),
        "quarter": lambda: quarter(d.year, (d.month + 2) // 3), "half": lambda: half(d.year, (d.month + 5) // 6),
        "year": lambda: year(d.year), "decade": lambda: decade(d.year), "weekend": lambda: weekend(d),
    }
    return makers[unit]()


def season_containing(d: date) -> Period:
    """The season that contains ``d`` (January and February belong to the previous year's winter)."""
    if d.month in (1, 2):
        return season(d.year - 1, "WI")
    code = next(c for c, m in sorted(SEASON_START.items(), key=lambda x: -x[1]) if d.month >= m)
    return season(d.year, code)


def easter(y: int) -> date:
    """Easter Sunday (Gregorian), by the anonymous Gregorian algorithm."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    mon, dom = divmod(h + l_ - 7 * m + 114, 31)
    return date(y, mon, dom + 1)


def nth_weekday(y: int, mon: int, iso_weekday: int, n: int) -> date:
    """The ``n``-th ISO weekday of a month; ``n = -1`` is the last one."""
    if n < 0:
        last = month(y, mon).last
        return last - timedelta(days=(last.isoweekday() - iso_weekday) % 7)
    first = date(y, mon, 1)
    return first + timedelta(days=(iso_weekday - first.isoweekday()) % 7 + 7 * (n - 1))


def distance(p: Period, ref: date) -> int:
    """Days between ``ref`` and the nearest day of ``p`` (0 when ``p`` contains ``ref``)."""
    if p.first <= ref <= p.last:
        return 0
    return min(abs((p.first - ref).days), abs((p.last - ref).days))


def pick(candidates: list[Period], ref: date, direction: int, strict: bool = False) -> Period | None:
    """Choose among repeating periods: the latest past one (-1), the next one (+1) or the nearest (0).

    Non-strict, the period containing ``ref`` counts as past and as future ("im Juni" in June).
    """
    if direction < 0:
        past = [p for p in candidates if (p.last < ref if strict else p.first <= ref)]
        return max(past, key=lambda p: p.first, default=None)
    if direction > 0:
        future = [p for p in candidates if (p.first > ref if strict else p.last >= ref)]
        return min(future, key=lambda p: p.first, default=None)
    return min(candidates, key=lambda p: (distance(p, ref), p.first > ref), default=None)
