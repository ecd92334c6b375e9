"""Pipeline records to ORM rows and back."""

from __future__ import annotations

from datetime import UTC, datetime

from lagebild.records import ActorRef, Analysis, Document, Event, Evidence, Mention, RawDocument, Timex
from lagebild.store.models import DocumentModel, EventActorModel, EventModel, MentionModel, TimexModel
from lagebild.store.rows import DocumentRow, StoredDocument, StoredEvent
from lagebild.store.timerange import timex_range


def document_model(raw: RawDocument, analysis: Analysis, doc_id: str, minhash: bytes | None) -> DocumentModel:
    """The document row with all its children, ready to add in one transaction."""
    doc = analysis.document
    published_range = doc.published_range or (None, None)
    return DocumentModel(
        doc_id=doc_id, content_hash=raw.content_hash, text=doc.text or raw.text,
        title=doc.title or raw.title, url=doc.url or raw.url, source=doc.source or raw.source,
        author=doc.author or raw.author, origin=raw.origin,
        published=doc.published, published_how=doc.published_how,
        published_from=published_range[0], published_to=published_range[1],
        lang=doc.lang, lang_score=doc.lang_score, supported=doc.supported,
        messages=list(analysis.messages), stages_run=list(analysis.stages_run),
        ingested_at=datetime.now(UTC), minhash=minhash,
        mentions=[mention_model(m) for m in analysis.mentions],
        timexes=[timex_model(t) for t in analysis.timexes],
        events=[event_model(e) for e in analysis.events],
    )


def mention_model(m: Mention) -> MentionModel:
    """A mention row."""
    return MentionModel(start=m.start, end=m.end, text=m.text, type=m.type, sent=m.sent, kb_id=m.kb_id,
                        name=m.name, code=m.code, country=m.country, role=m.role, sector=m.sector,
                        is_source=m.is_source, confidence=m.confidence, stage=m.stage)


def timex_model(t: Timex) -> TimexModel:
    """A timex row."""
    return TimexModel(start=t.start, end=t.end, text=t.text, value=t.value, precision=t.precision, mod=t.mod,
                      anchor=t.anchor, how=t.how, stage=t.stage)


def event_model(e: Event) -> EventModel:
    """An event row with its actor rows; the date's covered days are computed for queries."""
    days = timex_range(e.date) or (None, None)
    actors = [actor_model(a, "actor") for a in e.actor] + [actor_model(a, "recipient") for a in e.recipient]
    return EventModel(
        type=e.event, mode=e.mode, context=list(e.context), date=e.date, date_precision=e.date_precision,
        date_how=e.date_how, date_start=days[0], date_end=days[1], negated=e.negated,
        hypothetical=e.hypothetical, historical=e.historical, reported_by=e.reported_by,
        reported_by_text=e.reported_by_text, evidence_start=e.evidence.start, evidence_end=e.evidence.end,
        evidence_text=e.evidence.text, trigger=e.trigger, trigger_start=e.trigger_span[0],
        trigger_end=e.trigger_span[1], confidence=e.confidence, why=list(e.why), sent=e.sent, stage=e.stage,
        actors=actors,
    )


def actor_model(a: ActorRef, side: str) -> EventActorModel:
    """An actor or recipient row."""
    return EventActorModel(side=side, code=a.code, country=a.country, name=a.name, kb_id=a.kb_id, role=a.role,
                           sector=a.sector, text=a.text, start=a.start, end=a.end)


def document_record(row: DocumentModel) -> Document:
    """The Document record of a stored row."""
    published_range = (row.published_from, row.published_to)
    return Document(
        doc_id=row.doc_id, text=row.text, lang=row.lang, published=row.published,
        published_how=row.published_how,  # type: ignore[arg-type]  # written from the same Literal
        published_range=published_range if None not in published_range else None,  # type: ignore[arg-type]
        title=row.title, url=row.url, source=row.source, author=row.author, lang_score=row.lang_score,
        supported=row.supported,
    )


def mention_record(m: MentionModel) -> Mention:
    """The Mention record of a stored row."""
    return Mention(start=m.start, end=m.end, text=m.text, type=m.type,  # type: ignore[arg-type]
                   sent=m.sent, kb_id=m.kb_id, name=m.name, code=m.code, country=m.country, role=m.role,
                   sector=m.sector, is_source=m.is_source, confidence=m.confidence, stage=m.stage)


def timex_record(t: TimexModel) -> Timex:
    """The Timex record of a stored row."""
    return Timex(start=t.start, end=t.end, text=t.text, value=t.value,
                 precision=t.precision,  # type: ignore[arg-type]
                 mod=t.mod, anchor=t.anchor, how=t.how, stage=t.stage)  # type: ignore[arg-type]


def event_record(e: EventModel) -> Event:
    """The Event record of a stored row (its actor rows must be loaded)."""
    return Event(
        event=e.type, actor=_actors(e, "actor"), recipient=_actors(e, "recipient"),
        evidence=Evidence(e.evidence_start, e.evidence_end, e.evidence_text), mode=e.mode,
        context=tuple(e.context), date=e.date, date_precision=e.date_precision, date_how=e.date_how,
        negated=e.negated, hypothetical=e.hypothetical, historical=e.historical, reported_by=e.reported_by,
        reported_by_text=e.reported_by_text, trigger=e.trigger, trigger_span=(e.trigger_start, e.trigger_end),
        confidence=e.confidence, why=tuple(e.why), sent=e.sent, stage=e.stage,
    )


def _actors(e: EventModel, side: str) -> tuple[ActorRef, ...]:
    return tuple(ActorRef(text=a.text, code=a.code, name=a.name, country=a.country, kb_id=a.kb_id,
                          role=a.role, sector=a.sector, start=a.start, end=a.end)
                 for a in e.actors if a.side == side)


def stored_document(row: DocumentModel) -> StoredDocument:
    """A stored document with its children as records."""
    return StoredDocument(
        document=document_record(row), mentions=tuple(mention_record(m) for m in row.mentions),
        timexes=tuple(timex_record(t) for t in row.timexes),
        events=tuple(event_record(e) for e in row.events),
        content_hash=row.content_hash, origin=row.origin, ingested_at=aware(row.ingested_at),
        messages=tuple(row.messages), stages_run=tuple(row.stages_run),
    )


def stored_event(e: EventModel) -> StoredEvent:
    """An event with its document's id and metadata (the document must be loaded)."""
    doc = e.document
    return StoredEvent(doc_id=doc.doc_id, event=event_record(e), published=doc.published, title=doc.title,
                       source=doc.source, url=doc.url, date_start=e.date_start, date_end=e.date_end)


def document_row(row: DocumentModel, events: int) -> DocumentRow:
    """A listing line."""
    return DocumentRow(doc_id=row.doc_id, title=row.title, source=row.source, url=row.url,
                       published=row.published, lang=row.lang, supported=row.supported, events=events,
                       origin=row.origin, ingested_at=aware(row.ingested_at))


def aware(moment: datetime) -> datetime:
    """A datetime in UTC: SQLite gives back naive values for what was written in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
