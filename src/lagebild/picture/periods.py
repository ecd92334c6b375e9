"""Time for the picture: periods to bucket events in, and the windows users name on the command line.

Periods: ``day`` (2024-06-03), ``week`` (ISO week, 2024-W23), ``month`` (2024-06), ``quarter`` (2024-Q2).
Windows: ``7d``, ``4w``, ``6m``, ``1y`` (back from today), ``2024``, ``2024-06``, ``2024-06-03``.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Literal, get_args

Period = Literal["day", "week", "month", "quarter"]
PERIODS: tuple[str, ...] = get_args(Period)
_RELATIVE = re.compile(r"^(\d+)\s*([dwmy])$")
_YEAR, _MONTH = re.compile(r"^\d{4}$"), re.compile(r"^(\d{4})-(\d{2})$")


def check_period(by: str) -> Period:
    """``by`` if it is a period name, else ValueError naming the valid ones."""
    if by not in PERIODS:
        raise ValueError(f"unknown period {by!r}; use one of {', '.join(PERIODS)}")
    return by  # type: ignore[return-value]


def period_start(day: date, by: Period) -> date:
    """The first day of the period that contains ``day``."""
    if by == "day":
        return day
    if by == "week":
        return day - timedelta(days=day.weekday())
    if by == "month":
        return day.replace(day=1)
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def period_label(start: date, by: Period) -> str:
    """The period's name: 2024-06-03, 2024-W23, 2024-06 or 2024-Q2."""
    if by == "day":
        return start.isoformat()
    if by == "week":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    if by == "month":
        return f"{start.year}-{start.month:02d}"
    return f"{start.year}-Q{(start.month - 1) // 3 + 1}"


def next_period(start: date, by: Period) -> date:
    """The first day of the period after the one starting at ``start``."""
    if by == "day":
        return start + timedelta(days=1)
    if by == "week":
        return start + timedelta(days=7)
    months = 1 if by == "month" else 3
    month = start.month - 1 + months
    return date(start.year + month // 12, month % 12 + 1, 1)


def parse_since(text: str, today: date | None = None) -> date:
    """The first day of a window start: ``7d``/``4w``/``6m``/``1y`` back from today, or a date or its prefix."""
    text = text.strip()
    relative = _RELATIVE.match(text)
    if relative:
        return _back(today or date.today(), int(relative.group(1)), relative.group(2))
    return _bounds(text)[0]


def parse_until(text: str) -> date:
    """The last day of a window end: ``2025`` -> 2025-12-31, ``2025-02`` -> 2025-02-28, or a date."""
    return _bounds(text.strip())[1]


def previous_window(since: date, until: date) -> tuple[date, date]:
    """The window of equal length that ends the day before ``since``."""
    length = (until - since).days + 1
    return since - timedelta(days=length), since - timedelta(days=1)


def _back(today: date, amount: int, unit: str) -> date:
    if unit == "d":
        return today - timedelta(days=amount)
    if unit == "w":
        return today - timedelta(weeks=amount)
    months = today.year * 12 + today.month - 1 - amount * (12 if unit == "y" else 1)
    year, month = divmod(months, 12)
    return _clamp(year, month + 1, today.day)


def _clamp(year: int, month: int, day: int) -> date:
    last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
    return date(year, month, min(day, last))


def _bounds(text: str) -> tuple[date, date]:
    """First and last day of ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; ValueError with the accepted forms."""
    try:
        if _YEAR.match(text):
            return date(int(text), 1, 1), date(int(text), 12, 31)
        month = _MONTH.match(text)
        if month:
            start = date(int(month.group(1)), int(month.group(2)), 1)
            return start, next_period(start, "month") - timedelta(days=1)
        day = date.fromisoformat(text)
        return day, day
    except ValueError:
        pass
    raise ValueError(f"{text!r} is not a date or window; write 7d, 4w, 6m, 1y, 2024, 2024-06 or 2024-06-03")
