"""Read what the picture needs from the store: events as small facts with their actors rolled up.

An actor's **key** is the state it acts for (``event_actors.country``: "Kim Jong Un" -> PRK), else its
own code (organisations: EU, NATO); "UNK" is dropped. An event's **day** is the first day of its own
date (``date_start``: "2024-06" -> 2024-06-01), else, for events that are not historical background,
its document's publication day (PLOVER dates an event by its report when the text gives no date).
Events with neither are left out of trends, networks and briefings.

These are SQLAlchemy Core queries over the store's tables, not ORM loads: each event comes back as
one row whose actors are folded into one string by the database (``aggregate_strings``: SQLite's
group_concat, PostgreSQL's string_agg), so a year of a million-event store is one pass.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, and_, case, exists, false, func, literal, or_, select, true, union_all
from sqlalchemy.orm import Session

from lagebild.store import Store
from lagebild.store.models import DocumentModel, EventActorModel, EventModel

EVENTS, ACTORS, DOCUMENTS = EventModel.__table__, EventActorModel.__table__, DocumentModel.__table__
E, A, D = EVENTS.c, ACTORS.c, DOCUMENTS.c
KEY = func.coalesce(A.country, A.code)
KEY_MARK, ENTRY_MARK, FIELD_MARK = "\x1e", "\x1f", "\x1d"  # control characters: never inside a code
SIDES = (select(func.aggregate_strings(A.side + literal(KEY_MARK) + KEY, ENTRY_MARK))
         .where(A.event_id == E.id).scalar_subquery().label("sides"))
CHUNK = 500  # ids per IN (...) list: well under every database's parameter limit

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
    with store._reading() as session:
        yield session


def parse_sides(sides: str | None) -> tuple[frozenset[str], frozenset[str]]:
    """The folded actors of an event ("actor<KEY_MARK>PRK<ENTRY_MARK>recipient<KEY_MARK>UKR") as
    (actor keys, recipient keys); UNK and empty keys dropped."""
    actors: set[str] = set()
    recipients: set[str] = set()
    for part in (sides or "").split(ENTRY_MARK):
        side, _, key = part.partition(KEY_MARK)
        if key and key != "UNK":
            (actors if side == "actor" else recipients).add(key)
    return frozenset(actors), frozenset(recipients)


def day_column() -> Any:
    """The event's day: its own first day, else (not historical) its document's publication day."""
    return func.coalesce(E.date_start, case((E.historical == false(), D.published)))


def window_condition(since: date | None, until: date | None) -> Any:
    """Events whose day lies in [since, until] (either end open when None); needs no join with documents."""
    return or_(and_(*_own_dated(since, until)), and_(*_undated(since, until, correlated=True)))


def _own_dated(since: date | None, until: date | None) -> list[Any]:
    """Conditions: the event has its own date, starting in the window (the date index serves them)."""
    out: list[Any] = [E.date_start.is_not(None)]
    out += [E.date_start >= since] if since is not None else []
    out += [E.date_start <= until] if until is not None else []
    return out


def _undated(since: date | None, until: date | None, *, correlated: bool = False) -> list[Any]:
    """Conditions: no own date, not historical, the article published in the window.

    ``correlated``: test the article by an EXISTS (no join needed); else the query joins documents.
    """
    doc = DOCUMENTS.alias("article") if correlated else DOCUMENTS
    published: list[Any] = [doc.c.published.is_not(None)]
    published += [doc.c.published >= since] if since is not None else []
    published += [doc.c.published <= until] if until is not None else []
    base = [E.date_start.is_(None), E.historical == false()]
    if correlated:
        return [*base, exists().where(doc.c.id == E.document_id, *published)]
    return base + published


def _facts_query(*conditions: Any) -> Select[Any]:
    """Events with their document id, day and folded actors."""
    day = day_column()
    return (select(E.id, D.doc_id, E.type, E.mode, day.label("day"), E.negated, E.hypothetical, SIDES)
            .join_from(EVENTS, DOCUMENTS, D.id == E.document_id)
            .where(day.is_not(None), *conditions))


def _fact(row: Any) -> Fact:
    actors, recipients = parse_sides(row.sides)
    return Fact(row.id, row.doc_id, row.type, row.mode, as_date(row.day), bool(row.negated),
                bool(row.hypothetical), actors, recipients)


def has_key(table: Any, key: str) -> Any:
    """The actor row's rolled-up key is ``key``: its country, or its own code when it has none."""
    return or_(table.c.country == key, and_(table.c.country.is_(None), table.c.code == key))


def dyad_event_ids(session: Session, a: str, b: str) -> Any:
    """A query for the ids of the events that have both ``a`` and ``b`` among their participants.

    Driven by the rarer of the two (its actor rows by index), each checked for the other one.
    """
    rare, common = sorted((a, b), key=lambda key: (_rows_with(session, key), key))
    x, y = ACTORS.alias("x"), ACTORS.alias("y")
    other = exists().where(y.c.event_id == x.c.event_id, has_key(y, common))
    return union_all(select(x.c.event_id).where(x.c.country == rare, other),
                     select(x.c.event_id).where(x.c.country.is_(None), x.c.code == rare, other))


def _rows_with(session: Session, key: str) -> int:
    """How many actor rows have ``key`` as their country (an index-only count)."""
    return int(session.scalar(select(func.count()).select_from(ACTORS).where(A.country == key)) or 0)


def dyad_facts(store: Store, a: str, b: str, since: date | None = None, until: date | None = None) -> list[Fact]:
    """Facts of the events that have both ``a`` and ``b`` among their participants, earliest first."""
    with reading(store) as session:
        ids = dyad_event_ids(session, a, b).subquery()
        query = _facts_query(E.id.in_(select(ids.c.event_id)), window_condition(since, until))
        return [_fact(row) for row in session.execute(query.order_by("day", E.id))]


def window_facts(store: Store, since: date | None, until: date | None) -> list[Fact]:
    """Facts of every dated event whose day lies in [since, until], earliest first.

    Two queries (own dates by the date index, undated events by their articles' publication day)
    rather than one with an OR that no index serves.
    """
    with reading(store) as session:
        rows = [*session.execute(_facts_query(*_own_dated(since, until))),
                *session.execute(_facts_query(*_undated(since, until)))]
    return sorted((_fact(row) for row in rows), key=lambda f: (f.day, f.event_id))


def facts_by_id(store: Store, event_ids: Iterable[int]) -> list[Fact]:
    """Facts of the given events (those that have a day), earliest first."""
    wanted = sorted(set(event_ids))
    with reading(store) as session:
        rows = [row for chunk in _chunks(wanted) for row in session.execute(_facts_query(E.id.in_(chunk)))]
    return sorted((_fact(row) for row in rows), key=lambda f: (f.day, f.event_id))


def window_lines(store: Store, since: date | None, until: date | None) -> Counter[str]:
    """How many events of each kind lie in the window, as counted lines (no per-event objects are built).

    A line is type, mode, negated ("1"/"0"), hypothetical and the folded sides, joined by FIELD_MARK
    (``split_line`` takes it apart). Two queries, each able to use an index on its date: events with
    their own date, and undated events by their article's publication day.
    """
    mark = literal(FIELD_MARK)
    line = select(E.type + mark + func.coalesce(E.mode, "") + mark + _flag(E.negated) + mark
                  + _flag(E.hypothetical) + mark + func.coalesce(SIDES, ""))
    raw: Counter[str] = Counter()
    with reading(store) as session:
        raw.update(session.scalars(line.where(*_own_dated(since, until))).all())
        raw.update(session.scalars(line.join_from(EVENTS, DOCUMENTS, D.id == E.document_id)
                                   .where(*_undated(since, until))).all())
    return raw


def split_line(line: str) -> tuple[str, str]:
    """A line of ``window_lines`` as (its kind: type, mode and modality; its folded sides)."""
    kind, _, sides = line.rpartition(FIELD_MARK)
    return kind, sides


def parse_kind(kind: str) -> tuple[str, str | None, bool, bool]:
    """The kind part of a line as (type, mode, negated, hypothetical)."""
    etype, mode, negated, hypothetical = kind.split(FIELD_MARK)
    return etype, mode or None, negated == "1", hypothetical == "1"


def _flag(column: Any) -> Any:
    return case((column == true(), "1"), else_="0")


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start:start + CHUNK]


def as_date(value: Any) -> date:
    """A date; SQLite hands back dates computed by COALESCE as text."""
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
