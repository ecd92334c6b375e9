"""Store reads that only the web app needs: the store summary and one article with its events."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from lagebild.picture.facts import DOCUMENTS, EVENTS, D, E, reading
from lagebild.picture.ontology import plover
from lagebild.picture.views import DUP, EventFilter, list_events
from lagebild.store import Store


def summary(store: Store, writable: bool) -> dict[str, Any]:
    """Document and event counts and the first and last event day (own dates; index-only reads)."""
    with reading(store) as session:
        documents = session.scalar(select(func.count()).select_from(DOCUMENTS)) or 0
        events = session.scalar(select(func.count()).select_from(EVENTS)) or 0
        first = session.scalar(select(func.min(E.date_start)))
        last = session.scalar(select(func.max(E.date_start)))
        if last is None:  # only undated events: their articles' days
            first = session.scalar(select(func.min(D.published)))
            last = session.scalar(select(func.max(D.published)))
    ontology = plover()
    return {"documents": int(documents), "events": int(events), "first_day": _iso(first),
            "last_day": _iso(last), "writable": writable,
            "types": {t: ontology.quad_of[t] for t in ontology.types}}


def store_version(store: Store) -> tuple[int, int]:
    """(highest event id, event count): changes whenever events are added or removed."""
    with reading(store) as session:
        row = session.execute(select(func.max(E.id), func.count()).select_from(EVENTS)).one()
    return int(row[0] or 0), int(row[1] or 0)


def document(store: Store, doc_id: str, max_events: int = 1000) -> dict[str, Any] | None:
    """An article's metadata and text, the events coded from it (sentence offsets) and its stored copies."""
    with reading(store) as session:
        row = session.execute(select(DOCUMENTS).where(D.doc_id == doc_id)).one_or_none()
        if row is None:
            return None
        duplicates = [dict(r._mapping) for r in session.execute(
            select(DUP.origin, DUP.url, DUP.title, DUP.kind, DUP.similarity)
            .where(DUP.document_id == row.id).order_by(DUP.id))]
    events, _ = list_events(store, EventFilter(doc_id=doc_id), limit=max_events, newest_first=False)
    events.sort(key=lambda e: (e.evidence[0], e.id))
    return {"doc_id": row.doc_id, "title": row.title, "url": row.url, "source": row.source,
            "author": row.author, "published": _iso(row.published), "published_how": row.published_how,
            "lang": row.lang, "text": row.text, "events": [e.to_json() for e in events],
            "duplicates": duplicates}


def _iso(value: Any) -> str | None:
    return value.isoformat() if hasattr(value, "isoformat") else (str(value) if value else None)
