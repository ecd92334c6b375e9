"""What the store hands out: small frozen records, never ORM objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from lagebild.records import Analysis, Document, Event, Mention, Timex


@dataclass(frozen=True, slots=True)
class DocumentRow:
    """One line of a document listing."""

    doc_id: str
    title: str | None
    source: str | None
    url: str | None
    published: date | None
    lang: str | None
    supported: bool
    events: int
    origin: str
    ingested_at: datetime


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """A stored document with its mentions, timexes and events, as pipeline records."""

    document: Document
    mentions: tuple[Mention, ...]
    timexes: tuple[Timex, ...]
    events: tuple[Event, ...]
    content_hash: str
    origin: str
    ingested_at: datetime
    messages: tuple[str, ...] = ()
    stages_run: tuple[str, ...] = ()

    def analysis(self) -> Analysis:
        """An Analysis with what was stored (sentences and tokens are not stored)."""
        return Analysis(document=self.document, mentions=self.mentions, timexes=self.timexes,
                        events=self.events, messages=self.messages, stages_run=self.stages_run)


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """An event with the document it came from; ``date_start``/``date_end``: the days its date covers."""

    doc_id: str
    event: Event
    published: date | None
    title: str | None
    source: str | None
    url: str | None
    date_start: date | None
    date_end: date | None
