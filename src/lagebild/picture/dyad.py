"""The trend of one dyad: events between two actors, per period, with counts per quad and a score.

``dyad_trend(store, "PRK", "RUS", by="month")`` reads every event between the two (either direction,
or both as joint actors with no recipient; see ``relations.py``), buckets them by their day into
periods, and scores each period with ``scoring.Tally`` (weighted mean of PLOVER scores; negated events
counted apart, hypothetical ones at half weight). Periods without events are included as empty points
between the first and the last, so that a plot shows gaps as gaps.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from lagebild.picture.facts import Fact, dyad_facts
from lagebild.picture.periods import Period, check_period, next_period, period_label, period_start
from lagebild.picture.relations import direction
from lagebild.picture.scoring import Tally
from lagebild.store import Store


@dataclass(frozen=True, slots=True)
class DyadPoint:
    """One period of a dyad's trend."""

    period: str  # 2024-06, 2024-W23, 2024-Q2, 2024-06-03
    start: date
    quads: dict[str, int]  # events per quad class (negated events not included)
    score: float | None  # weighted mean PLOVER score, -10..10; None without counted events
    total: float  # weighted sum of scores
    count: int  # all events, negated included
    negated: int
    hypothetical: int
    forward: int  # a -> b
    backward: int  # b -> a
    mutual: int  # a and b together, no recipient
    events: tuple[int, ...]  # the event ids behind the point

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"period": self.period, "start": self.start.isoformat(), "quads": self.quads,
                "score": self.score, "total": round(self.total, 3), "count": self.count,
                "negated": self.negated, "hypothetical": self.hypothetical, "forward": self.forward,
                "backward": self.backward, "mutual": self.mutual, "events": list(self.events)}


@dataclass(frozen=True, slots=True)
class DyadTrend:
    """The events between ``a`` and ``b`` per period, and the whole span's score."""

    a: str
    b: str
    by: Period
    since: date | None
    until: date | None
    points: tuple[DyadPoint, ...]
    overall: Tally = field(default_factory=Tally)

    @property
    def events(self) -> tuple[int, ...]:
        """Every event id behind the trend."""
        return tuple(e for p in self.points for e in p.events)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"a": self.a, "b": self.b, "by": self.by,
                "since": self.since.isoformat() if self.since else None,
                "until": self.until.isoformat() if self.until else None,
                "score": self.overall.score, "count": self.overall.events,
                "quads": self.overall.quad_counts(), "points": [p.to_json() for p in self.points]}


def dyad_trend(store: Store, a: str, b: str, by: str = "month", since: date | None = None,
               until: date | None = None) -> DyadTrend:
    """The trend of the dyad ``a``-``b`` (actor keys: ISO3 codes of states, codes of organisations)."""
    period = check_period(by)
    a, b = a.strip().upper(), b.strip().upper()
    if a == b:
        raise ValueError(f"a dyad needs two different actors, got {a!r} twice")
    buckets: dict[date, list[tuple[Fact, str]]] = {}
    for fact in dyad_facts(store, a, b, since, until):
        how = direction(fact.actors, fact.recipients, a, b)
        if how is not None:
            buckets.setdefault(period_start(fact.day, period), []).append((fact, how))
    starts = _span(buckets, period, since, until)
    points = tuple(_point(start, period, buckets.get(start, [])) for start in starts)
    overall = Tally()
    for facts in buckets.values():
        for fact, _ in facts:
            overall.add(fact.type, fact.mode, fact.negated, fact.hypothetical)
    return DyadTrend(a, b, period, since, until, points, overall)


def _span(buckets: dict[date, Any], period: Period, since: date | None, until: date | None) -> list[date]:
    """Every period start from ``since`` (else the first bucket) to ``until`` (else the last)."""
    if not buckets:
        return []
    current = period_start(since, period) if since else min(buckets)
    last = period_start(until, period) if until else max(buckets)
    out = []
    while current <= last:
        out.append(current)
        current = next_period(current, period)
    return out


def _point(start: date, period: Period, facts: list[tuple[Fact, str]]) -> DyadPoint:
    tally = Tally()
    ways = {"forward": 0, "backward": 0, "mutual": 0}
    for fact, how in facts:
        tally.add(fact.type, fact.mode, fact.negated, fact.hypothetical)
        ways[how] += 1
    return DyadPoint(period_label(start, period), start, tally.quad_counts(), tally.score, tally.total,
                     tally.events, tally.negated, tally.hypothetical, ways["forward"], ways["backward"],
                     ways["mutual"], tuple(f.event_id for f, _ in facts))
