"""Read what the picture needs from the store: events as small facts with their actors rolled up.

An actor's **key** is the state it acts for (``event_actors.country``: "Kim Jong Un" -> PRK), else its
own code (organisations: EU, NATO). An event's **day** is the first day of its own date
(``date_start``: "2024-06" -> 2024-06-01), else, for events that are not historical background,
its document's publication day (PLOVER dates an event by its report when the text gives no date).
Events with neither are left out of trends, networks and briefings.

These are SQLAlchemy Core queries over the store's tables (not the ORM): a trend over a million
events must not build a million objects.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, and_, case, false, func, or_, select
from sqlalchemy.orm import Session

from lagebild.store import Store
from lagebild.store.models import DocumentModel, EventActorModel, EventModel

E, A, D = EventModel.__table__.c, EventActorModel.__table__.c, DocumentModel.__table__.c
KEY = func.coalesce(A.country, A.code)
CHUNK = 500  # ids per IN (...) list: well under every database's parameter limit

Signature = tuple[str, str | None, bool, bool, frozenset[str], frozenset[str]]
"""(type, mode, negated, hypothetical, actor keys, recipient keys): events alike for every aggregate."""


@dataclass(frozen=True, slots=True)
class Fact:
    """One event as the picture sees it: type, modality, day and the rolled-up keys on each side."""

    event_id: int
    doc_id: str
    type: str
    mode: str | None
    day: date
    negated: bool
    hypothetical: bool
    actors: frozenset[str]
    recipients: frozenset[str]

    @property
    def participants(self) -> frozenset[str]:
        """Every key on either side."""
        return self.actors | self.recipients


@contextmanager
def reading(store: Store) -> Iterator[Session]:
    """A read session on the store; database errors become StoreError.

    The Store has no public session yet: this is the one place that uses its private ``_reading``.
    """
    with store._reading() as session:  # noqa: SLF001
        yield session


def _facts_query(*conditions: Any) -> Select[Any]:
    """Events with their document id and effective day; undated historical events are left out."""
    day = func.coalesce(E.date_start, case((E.historical == false(), D.published)))
    return (select(E.id, D.doc_id, E.type, E.mode, day.label("day"), E.negated, E.hypothetical)
            .join_from(EventModel.__table__, DocumentModel.__table__, D.id == E.document_id)
            .where(day.is_not(None), *conditions))


def window_condition(since: date | None, until: date | None) -> Any:
    """Events whose day lies in [since, until] (either end open when None)."""
    own = [E.date_start.is_not(None)]
    fallback = [E.date_start.is_(None), E.historical == false(), D.published.is_not(None)]
    if since is not None:
        own.append(E.date_start >= since)
        fallback.append(D.published >= since)
    if until is not None:
        own.append(E.date_start <= until)
        fallback.append(D.published <= until)
    return or_(and_(*own), and_(*fallback))


def event_ids_with(session: Session, key: str) -> Select[Any]:
    """A subquery: ids of the events that have ``key`` (rolled-up) on either side."""
    return select(A.event_id).where(or_(A.country == key, and_(A.country.is_(None), A.code == key)))


def dyad_facts(store: Store, a: str, b: str, since: date | None = None, until: date | None = None) -> list[Fact]:
    """Facts of the events that have both ``a`` and ``b`` among their participants, earliest first."""
    with reading(store) as session:
        ids = event_ids_with(session, a).intersect(event_ids_with(session, b)).subquery()
        query = _facts_query(E.id.in_(select(ids.c.event_id)), window_condition(since, until))
        return _with_actors(session, session.execute(query.order_by("day", E.id)).all())


def window_facts(store: Store, since: date | None, until: date | None) -> list[Fact]:
    """Facts of every dated event whose day lies in [since, until], earliest first."""
    with reading(store) as session:
        rows = session.execute(_facts_query(window_condition(since, until)).order_by("day", E.id)).all()
        return _with_actors(session, rows)


def window_signatures(store: Store, since: date | None, until: date | None) -> Counter[Signature]:
    """How many events of each signature (type, mode, modality, actor keys, recipient keys) lie in the window.

    Reads the window's actor rows in one pass (no per-event query): the alliance network over a year
    of a million-event store is built from these counts.
    """
    dated = [E.date_start.is_not(None)]
    dated += [E.date_start >= since] if since is not None else []
    dated += [E.date_start <= until] if until is not None else []
    undated = [E.date_start.is_(None), E.historical == false(), D.published.is_not(None)]
    undated += [D.published >= since] if since is not None else []
    undated += [D.published <= until] if until is not None else []
    columns = (E.id, E.type, E.mode, E.negated, E.hypothetical, A.side, KEY)
    own = select(*columns).join_from(EventModel.__table__, EventActorModel.__table__, A.event_id == E.id)
    events: dict[int, tuple[Any, ...]] = {}
    with reading(store) as session:
        for query in (own.where(*dated), own.join(DocumentModel.__table__, D.id == E.document_id).where(*undated)):
            _collect(session.execute(query), events)
    return Counter((t, m, bool(n), bool(h), frozenset(a), frozenset(r)) for t, m, n, h, a, r in events.values())


def _collect(rows: Iterable[Any], events: dict[int, tuple[Any, ...]]) -> None:
    """Group flat (event, side, key) rows into events: {id: (type, mode, negated, hypothetical, actors, recipients)}."""
    get = events.get
    for event_id, etype, mode, negated, hypothetical, side, key in rows:
        entry = get(event_id)
        if entry is None:
            entry = events[event_id] = (etype, mode, negated, hypothetical, set(), set())
        if key and key != "UNK":
            entry[4 if side == "actor" else 5].add(key)


def facts_by_id(store: Store, event_ids: Iterable[int]) -> list[Fact]:
    """Facts of the given events (those that have a day), earliest first."""
    wanted = sorted(set(event_ids))
    with reading(store) as session:
        rows = [row for chunk in _chunks(wanted) for row in session.execute(_facts_query(E.id.in_(chunk)))]
        rows.sort(key=lambda row: (row.day, row.id))
        return _with_actors(session, rows)


def _with_actors(session: Session, rows: list[Any]) -> list[Fact]:
    """Attach the rolled-up actor and recipient keys to event rows."""
    sides = actor_keys(session, [row.id for row in rows])
    empty: tuple[set[str], set[str]] = (set(), set())
    out = []
    for row in rows:
        actors, recipients = sides.get(row.id, empty)
        out.append(Fact(row.id, row.doc_id, row.type, row.mode, _as_date(row.day), bool(row.negated),
                        bool(row.hypothetical), frozenset(actors), frozenset(recipients)))
    return out


def actor_keys(session: Session, event_ids: list[int]) -> dict[int, tuple[set[str], set[str]]]:
    """For each event id: (keys on the actor side, keys on the recipient side)."""
    out: dict[int, tuple[set[str], set[str]]] = {}
    for chunk in _chunks(sorted(event_ids)):
        for event_id, side, key in session.execute(
                select(A.event_id, A.side, KEY).where(A.event_id.in_(chunk))):
            _add_key(out, event_id, side, key)
    return out


def _add_key(out: dict[int, tuple[set[str], set[str]]], event_id: int, side: str, key: str | None) -> None:
    if not key or key == "UNK":
        return
    entry = out.get(event_id)
    if entry is None:
        entry = out[event_id] = (set(), set())
    entry[0 if side == "actor" else 1].add(key)


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start:start + CHUNK]


def _as_date(value: Any) -> date:
    """SQLite hands back dates computed by COALESCE as text."""
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
