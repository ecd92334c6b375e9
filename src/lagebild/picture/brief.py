"""The briefing: what changed in a window compared with the window of equal length before it.

- **new dyads**: pairs related by events now and not in the previous window;
- **shifts**: pairs in both windows whose score moved most (either way);
- **new actors**: actors with events now and none in the previous window;
- **top events**: the window's most intense events (largest |score|, weighted; negated ones left out);
- **disputed claims**: the same relation (type, actor keys, recipient keys) reported by several
  articles that disagree on whether it happened (negated) or is only expected (hypothetical).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from lagebild.picture.facts import Fact, window_facts
from lagebild.picture.ontology import plover
from lagebild.picture.periods import previous_window
from lagebild.picture.relations import pairs
from lagebild.picture.scoring import Tally, weight
from lagebild.store import Store


@dataclass(frozen=True, slots=True)
class DyadChange:
    """A pair's score and events before and now."""

    a: str
    b: str
    before: float | None
    now: float | None
    events_before: int
    events_now: int

    @property
    def shift(self) -> float:
        """now - before (0 when either is missing)."""
        return round(self.now - self.before, 3) if self.now is not None and self.before is not None else 0.0

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"a": self.a, "b": self.b, "before": self.before, "now": self.now, "shift": self.shift,
                "events_before": self.events_before, "events_now": self.events_now}


@dataclass(frozen=True, slots=True)
class IntenseEvent:
    """One of the window's most intense events."""

    event_id: int
    doc_id: str
    type: str
    mode: str | None
    day: date
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    score: float
    hypothetical: bool

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"event_id": self.event_id, "doc_id": self.doc_id, "type": self.type, "mode": self.mode,
                "day": self.day.isoformat(), "actors": list(self.actors), "recipients": list(self.recipients),
                "score": self.score, "hypothetical": self.hypothetical}


@dataclass(frozen=True, slots=True)
class Dispute:
    """Articles that disagree about one relation: each claim is (doc_id, event_id, negated, hypothetical)."""

    type: str
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    claims: tuple[tuple[str, int, bool, bool], ...]

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"type": self.type, "actors": list(self.actors), "recipients": list(self.recipients),
                "claims": [{"doc_id": d, "event_id": e, "negated": n, "hypothetical": h}
                           for d, e, n, h in self.claims]}


@dataclass(frozen=True, slots=True)
class Briefing:
    """What changed in [since, until] compared with [previous_since, previous_until]."""

    since: date
    until: date
    previous_since: date
    previous_until: date
    events: int
    events_before: int
    new_dyads: tuple[DyadChange, ...]
    shifts: tuple[DyadChange, ...]
    new_actors: tuple[tuple[str, int], ...]  # (actor, events now)
    top_events: tuple[IntenseEvent, ...]
    disputed: tuple[Dispute, ...]

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"since": self.since.isoformat(), "until": self.until.isoformat(),
                "previous": {"since": self.previous_since.isoformat(), "until": self.previous_until.isoformat()},
                "events": self.events, "events_before": self.events_before,
                "new_dyads": [d.to_json() for d in self.new_dyads], "shifts": [d.to_json() for d in self.shifts],
                "new_actors": [{"actor": a, "events": n} for a, n in self.new_actors],
                "top_events": [e.to_json() for e in self.top_events],
                "disputed": [d.to_json() for d in self.disputed]}


def brief(store: Store, since: date, until: date | None = None, *, top: int = 10) -> Briefing:
    """The briefing of [since, until] (until: today) against the equally long window before it."""
    until = until or date.today()
    if until < since:
        raise ValueError(f"the window ends ({until}) before it starts ({since})")
    previous = previous_window(since, until)
    facts = window_facts(store, previous[0], until)
    now = [f for f in facts if f.day >= since]
    before = [f for f in facts if f.day < since]
    dyads_now, dyads_before = _dyads(now), _dyads(before)
    changes = [_change(pair, dyads_before.get(pair), tally) for pair, tally in dyads_now.items()]
    new = sorted((c for c in changes if c.events_before == 0), key=lambda c: (-c.events_now, c.a, c.b))
    shifts = sorted((c for c in changes if c.events_before and c.shift), key=lambda c: (-abs(c.shift), c.a, c.b))
    return Briefing(since, until, previous[0], previous[1], len(now), len(before), tuple(new[:top]),
                    tuple(shifts[:top]), _new_actors(now, before)[:top], _top_events(now, top),
                    _disputes(now)[:top])


def _dyads(facts: list[Fact]) -> dict[tuple[str, str], Tally]:
    ontology = plover()
    out: dict[tuple[str, str], Tally] = {}
    for fact in facts:
        for pair in pairs(fact.actors, fact.recipients):
            out.setdefault(pair, Tally()).add(fact.type, fact.mode, fact.negated, fact.hypothetical, 1, ontology)
    return out


def _change(pair: tuple[str, str], before: Tally | None, now: Tally) -> DyadChange:
    return DyadChange(pair[0], pair[1], before.score if before else None, now.score,
                      before.events if before else 0, now.events)


def _new_actors(now: list[Fact], before: list[Fact]) -> tuple[tuple[str, int], ...]:
    seen = {key for f in before for key in f.participants}
    counts: dict[str, int] = {}
    for fact in now:
        for key in fact.participants - seen:
            counts[key] = counts.get(key, 0) + 1
    return tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _top_events(facts: list[Fact], top: int) -> tuple[IntenseEvent, ...]:
    ontology = plover()
    scored = [(ontology.score(f.type, f.mode) * weight(f.negated, f.hypothetical), f) for f in facts
              if not f.negated and f.participants]
    scored.sort(key=lambda sf: (-abs(sf[0]), sf[1].day, sf[1].event_id))
    return tuple(IntenseEvent(f.event_id, f.doc_id, f.type, f.mode, f.day, tuple(sorted(f.actors)),
                              tuple(sorted(f.recipients)), round(score, 3), f.hypothetical)
                 for score, f in scored[:top])


def _disputes(facts: list[Fact]) -> tuple[Dispute, ...]:
    groups: dict[tuple[str, frozenset[str], frozenset[str]], list[Fact]] = {}
    for fact in facts:
        if fact.actors:
            groups.setdefault((fact.type, fact.actors, fact.recipients), []).append(fact)
    out = []
    for (etype, actors, recipients), members in groups.items():
        docs = {f.doc_id for f in members}
        readings = {(f.negated, f.hypothetical) for f in members}
        if len(docs) > 1 and len(readings) > 1:
            claims = tuple(sorted((f.doc_id, f.event_id, f.negated, f.hypothetical) for f in members))
            out.append(Dispute(etype, tuple(sorted(actors)), tuple(sorted(recipients)), claims))
    return tuple(sorted(out, key=lambda d: (-len(d.claims), d.type, d.actors, d.recipients)))
