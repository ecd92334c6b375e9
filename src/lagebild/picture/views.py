"""Whole events for people to read: listing with filters, one event with all its sources, export batches.

``EventView`` is an event with its actors, its evidence span in the article, and the article's
metadata; ``event_detail`` adds every source that backs it: the article, the agency it cites, copies of
the article stored as duplicates, and events coded alike from other articles (same type, same actor and
recipient keys, overlapping dates).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, exists, func, or_, select
from sqlalchemy.orm import Session

from lagebild.picture.facts import (
    ACTORS,
    DOCUMENTS,
    EVENTS,
    SIDES,
    A,
    D,
    E,
    as_date,
    day_column,
    has_key,
    parse_sides,
    reading,
    window_condition,
)
from lagebild.store import Store
from lagebild.store.models import DuplicateModel

DUP = DuplicateModel.__table__.c
MAX_LIMIT = 1000
SLACK_DAYS = 31


@dataclass(frozen=True, slots=True)
class ActorView:
    """An actor or recipient as coded, with the key it rolls up to."""

    key: str
    code: str
    country: str | None
    name: str | None
    text: str
    role: str | None
    sector: str | None
    kb_id: str | None
    start: int
    end: int

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"key": self.key, "code": self.code, "country": self.country, "name": self.name,
                "text": self.text, "role": self.role, "sector": self.sector, "kb_id": self.kb_id,
                "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class EventView:
    """A stored event with its actors, evidence and article."""

    id: int
    type: str
    mode: str | None
    context: tuple[str, ...]
    date: str | None  # TIMEX3 value
    date_precision: str | None
    date_start: dt.date | None
    date_end: dt.date | None
    day: dt.date | None  # own first day, else the article's publication day (not for historical events)
    negated: bool
    hypothetical: bool
    historical: bool
    reported_by: str | None
    reported_by_text: str | None
    evidence: tuple[int, int, str]  # start, end, text: the sentence's offsets in the article
    trigger: tuple[str, int, int]  # lexicon entry, start, end
    confidence: float
    why: tuple[str, ...]
    sent: int
    doc_id: str
    title: str | None
    url: str | None
    source: str | None
    published: dt.date | None
    lang: str | None
    actors: tuple[ActorView, ...] = ()
    recipients: tuple[ActorView, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        start, end, text = self.evidence
        return {
            "id": self.id, "type": self.type, "mode": self.mode, "context": list(self.context),
            "date": self.date, "date_precision": self.date_precision, "date_start": _iso(self.date_start),
            "date_end": _iso(self.date_end), "day": _iso(self.day), "negated": self.negated,
            "hypothetical": self.hypothetical, "historical": self.historical,
            "reported_by": self.reported_by, "reported_by_text": self.reported_by_text,
            "evidence": {"start": start, "end": end, "text": text},
            "trigger": {"entry": self.trigger[0], "start": self.trigger[1], "end": self.trigger[2]},
            "confidence": self.confidence, "why": list(self.why), "sentence": self.sent,
            "document": {"doc_id": self.doc_id, "title": self.title, "url": self.url, "source": self.source,
                         "published": _iso(self.published), "lang": self.lang},
            "actors": [a.to_json() for a in self.actors], "recipients": [r.to_json() for r in self.recipients],
        }


@dataclass(frozen=True, slots=True)
class EventDetail:
    """One event with every source that backs it."""

    event: EventView
    duplicates: tuple[dict[str, Any], ...] = ()
    corroborating: tuple[EventView, ...] = field(default=())

    def sources(self) -> list[dict[str, Any]]:
        """The article, its cited agency, stored copies of it, and other articles with the same event."""
        e = self.event
        out: list[dict[str, Any]] = [{"kind": "article", "doc_id": e.doc_id, "title": e.title, "url": e.url,
                                      "source": e.source, "published": _iso(e.published)}]
        if e.reported_by or e.reported_by_text:
            out.append({"kind": "attribution", "name": e.reported_by, "text": e.reported_by_text})
        out += [{"kind": "copy", "match": d["kind"], "origin": d["origin"], "url": d["url"], "title": d["title"],
                 "similarity": d["similarity"]} for d in self.duplicates]
        out += [{"kind": "corroborating", "event_id": c.id, "doc_id": c.doc_id, "title": c.title, "url": c.url,
                 "source": c.source, "published": _iso(c.published), "negated": c.negated,
                 "hypothetical": c.hypothetical, "evidence": c.evidence[2]} for c in self.corroborating]
        return out

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict: the event's fields plus ``sources``."""
        return self.event.to_json() | {"sources": self.sources()}


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events to list. Actor keys match the rolled-up key (state of a person, code of an org)."""

    actor: str | None = None  # on the actor side
    recipient: str | None = None  # on the recipient side
    involving: str | None = None  # on either side
    type: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    source: str | None = None  # the article's outlet or the agency it cites, case-insensitive
    doc_id: str | None = None
    ids: tuple[int, ...] | None = None

    def conditions(self) -> list[Any]:
        """SQL conditions on the events table alone (articles are tested by subqueries): the planner can
        then walk the date index in order and stop at the page's end."""
        out: list[Any] = []
        for side, key in (("actor", self.actor), ("recipient", self.recipient), (None, self.involving)):
            if key:
                out.append(_has(side, key.strip().upper()))
        if self.type:
            out.append(E.type == self.type.strip().upper())
        if self.since or self.until:
            out.append(window_condition(self.since, self.until))
        if self.source:
            wanted = self.source.strip().lower()
            out.append(or_(func.lower(E.reported_by) == wanted,
                           exists().where(D.id == E.document_id, func.lower(D.source) == wanted)))
        if self.doc_id:
            out.append(E.document_id == select(D.id).where(D.doc_id == self.doc_id).scalar_subquery())
        if self.ids is not None:
            out.append(E.id.in_(self.ids))
        return out


def _has(side: str | None, key: str) -> Any:
    actor = ACTORS.alias()
    where = [actor.c.event_id == E.id, has_key(actor, key)]
    if side:
        where.append(actor.c.side == side)
    return exists().where(*where)


def _base() -> Select[Any]:
    return (select(EVENTS, D.doc_id, D.title, D.url, D.source, D.published, D.lang, day_column().label("day"))
            .join_from(EVENTS, DOCUMENTS, D.id == E.document_id))


def list_events(store: Store, where: EventFilter, limit: int = 50, offset: int = 0,
                newest_first: bool = True) -> tuple[list[EventView], bool]:
    """Events matching the filter by their own date (undated ones last), and whether more follow.

    No total count: counting every match of a broad filter on a large store costs more than the page.
    """
    limit = max(0, min(limit, MAX_LIMIT))
    order = (E.date_start.desc(), E.id.desc()) if newest_first else (E.date_start.is_(None), E.date_start, E.id)
    page = select(E.id).where(*where.conditions()).order_by(*order).limit(limit + 1).offset(max(0, offset))
    with reading(store) as session:
        ids = list(session.scalars(page))
        rows = {row.id: row for row in session.execute(_base().where(E.id.in_(ids[:limit])))} if ids else {}
        return _views(session, [rows[i] for i in ids[:limit] if i in rows]), len(ids) > limit


def get_event(store: Store, event_id: int) -> EventView | None:
    """One event, None when there is none with that id."""
    with reading(store) as session:
        views = _views(session, session.execute(_base().where(E.id == event_id)).all())
    return views[0] if views else None


def event_detail(store: Store, event_id: int, *, max_corroborating: int = 50) -> EventDetail | None:
    """One event with its sources; None when there is none with that id."""
    event = get_event(store, event_id)
    if event is None:
        return None
    with reading(store) as session:
        duplicates = tuple(dict(row._mapping) for row in session.execute(
            select(DUP.origin, DUP.url, DUP.title, DUP.kind, DUP.similarity)
            .join(DOCUMENTS, D.id == DUP.document_id).where(D.doc_id == event.doc_id).order_by(DUP.id)))
        corroborating = _corroborating(session, event, max_corroborating)
    return EventDetail(event, duplicates, corroborating)


def _corroborating(session: Session, event: EventView, limit: int) -> tuple[EventView, ...]:
    """Events of the same type with the same actor and recipient keys and overlapping dates, in other articles.

    Candidates come from the date index: events starting up to SLACK_DAYS before this one's first day
    (a month-dated report of a day-dated event) and no later than its last day, then undated events of
    articles published in that span.
    """
    actors = frozenset(a.key for a in event.actors if a.key != "UNK")
    recipients = frozenset(r.key for r in event.recipients if r.key != "UNK")
    if not actors or event.day is None:
        return ()
    start, end = event.date_start or event.day, event.date_end or event.day
    alike = [E.type == event.type, E.id != event.id, _has("actor", min(actors))]
    dated = select(E.id, SIDES).where(*alike, E.date_start >= start - dt.timedelta(days=SLACK_DAYS),
                                      E.date_start <= end, E.date_end >= start)
    undated = (select(E.id, SIDES).join(DOCUMENTS, D.id == E.document_id)
               .where(*alike, E.date_start.is_(None), D.published >= start, D.published <= end))
    ids = [row.id for query in (dated, undated) for row in session.execute(query.limit(limit * 4))
           if parse_sides(row.sides) == (actors, recipients)]
    rows = session.execute(_base().where(E.id.in_(ids), D.doc_id != event.doc_id).order_by(E.id).limit(limit))
    return tuple(_views(session, rows.all()))


def iter_events(store: Store, where: EventFilter | None = None, batch: int = 1000) -> Iterator[EventView]:
    """Every matching event in id order, read in batches (keyset pagination: constant memory)."""
    conditions = (where or EventFilter()).conditions()
    last = 0
    while True:
        with reading(store) as session:
            rows = session.execute(_base().where(E.id > last, *conditions).order_by(E.id).limit(batch)).all()
            views = _views(session, rows)
        yield from views
        if len(rows) < batch:
            return
        last = rows[-1].id


def _views(session: Session, rows: Sequence[Any]) -> list[EventView]:
    """EventViews of event rows, with their actor rows loaded in one query."""
    ids = [row.id for row in rows]
    sides: dict[int, tuple[list[ActorView], list[ActorView]]] = {i: ([], []) for i in ids}
    if ids:
        for a in session.execute(select(ACTORS).where(A.event_id.in_(ids)).order_by(A.id)):
            view = ActorView(a.country or a.code, a.code, a.country, a.name, a.text, a.role, a.sector, a.kb_id,
                             a.start, a.end)
            sides[a.event_id][0 if a.side == "actor" else 1].append(view)
    return [_view(row, *sides[row.id]) for row in rows]


def _view(row: Any, actors: list[ActorView], recipients: list[ActorView]) -> EventView:
    return EventView(
        id=row.id, type=row.type, mode=row.mode, context=tuple(row.context or ()), date=row.date,
        date_precision=row.date_precision, date_start=row.date_start, date_end=row.date_end,
        day=as_date(row.day) if row.day is not None else None, negated=bool(row.negated),
        hypothetical=bool(row.hypothetical), historical=bool(row.historical), reported_by=row.reported_by,
        reported_by_text=row.reported_by_text, evidence=(row.evidence_start, row.evidence_end, row.evidence_text),
        trigger=(row.trigger, row.trigger_start, row.trigger_end), confidence=row.confidence,
        why=tuple(row.why or ()), sent=row.sent, doc_id=row.doc_id, title=row.title, url=row.url,
        source=row.source, published=row.published, lang=row.lang, actors=tuple(actors),
        recipients=tuple(recipients))


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None
