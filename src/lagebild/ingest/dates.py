"""Publication dates given as ISO strings or feed time tuples."""

from __future__ import annotations

import time
from datetime import date, datetime


def parse_iso_date(value: object) -> date:
    """An ISO date or datetime ("2024-06-19", "2024-06-19T10:00:00Z") as a date; ValueError otherwise."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"expected an ISO date string, got {value!r}")
    text = value.strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        raise ValueError(f"not an ISO date or datetime: {text!r}") from None


def maybe_iso_date(value: object) -> date | None:
    """Like parse_iso_date, but None for a missing or unparseable value (for dates found by extractors)."""
    try:
        return parse_iso_date(value)
    except ValueError:
        return None


def from_struct_time(value: time.struct_time | None) -> date | None:
    """A feed entry's ``published_parsed`` (UTC time tuple) as a date."""
    if value is None:
        return None
    try:
        return date(value.tm_year, value.tm_mon, value.tm_mday)
    except ValueError:
        return None
