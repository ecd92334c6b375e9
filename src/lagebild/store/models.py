"""The database schema as typed SQLAlchemy ORM models. A change here needs a migration in ``migrations/``.

    documents 1--n mentions
              1--n timexes
              1--n events 1--n event_actors (side: actor | recipient)
              1--n duplicates (inputs not stored again because they duplicate this document)
    meta: key/value (schema and pipeline versions)
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with a naming convention: migrations name constraints alike on every database."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Meta(Base):
    """Key/value facts about the database: schema revision, pipeline versions, MinHash settings."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class DocumentModel(Base):
    """A stored article and what the pipeline decided about it (language, publication date)."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    doc_id: Mapped[str] = mapped_column(Text, unique=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(Text, default="")
    published: Mapped[dt.date | None] = mapped_column(Date, index=True)
    published_how: Mapped[str] = mapped_column(String(16), default="given")
    published_from: Mapped[dt.date | None] = mapped_column(Date)
    published_to: Mapped[dt.date | None] = mapped_column(Date)
    lang: Mapped[str | None] = mapped_column(String(16), index=True)
    lang_score: Mapped[float | None] = mapped_column(Float)
    supported: Mapped[bool] = mapped_column(Boolean, default=True)
    text: Mapped[str] = mapped_column(Text)
    messages: Mapped[list[str]] = mapped_column(JSON, default=list)
    stages_run: Mapped[list[str]] = mapped_column(JSON, default=list)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary)

    mentions: Mapped[list[MentionModel]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="MentionModel.id")
    timexes: Mapped[list[TimexModel]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="TimexModel.id")
    events: Mapped[list[EventModel]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="EventModel.id")


class DuplicateModel(Base):
    """An input that was not stored because it duplicates a stored document (exact or near)."""

    __tablename__ = "duplicates"
    __table_args__ = (UniqueConstraint("content_hash", "origin"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    origin: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(8))  # exact | near
    similarity: Mapped[float] = mapped_column(Float)
    title: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    seen_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    document: Mapped[DocumentModel] = relationship()


class MentionModel(Base):
    """A name or actor mention, with its knowledge-base link."""

    __tablename__ = "mentions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(String(8))
    sent: Mapped[int] = mapped_column(Integer, default=-1)
    kb_id: Mapped[str | None] = mapped_column(Text, index=True)
    name: Mapped[str | None] = mapped_column(Text)
    code: Mapped[str | None] = mapped_column(String(64))
    country: Mapped[str | None] = mapped_column(String(8))
    role: Mapped[str | None] = mapped_column(Text)
    sector: Mapped[str | None] = mapped_column(Text)
    is_source: Mapped[bool] = mapped_column(Boolean, default=False)
    confidence: Mapped[float] = mapped_column(Float, default=1.0)
    stage: Mapped[str] = mapped_column(Text, default="")

    document: Mapped[DocumentModel] = relationship(back_populates="mentions")


class TimexModel(Base):
    """A temporal expression normalised to TIMEX3."""

    __tablename__ = "timexes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    value: Mapped[str] = mapped_column(Text)
    precision: Mapped[str] = mapped_column(String(16))
    mod: Mapped[str | None] = mapped_column(String(8))
    anchor: Mapped[dt.date | None] = mapped_column(Date)
    how: Mapped[str] = mapped_column(String(16), default="explicit")
    stage: Mapped[str] = mapped_column(Text, default="")

    document: Mapped[DocumentModel] = relationship(back_populates="timexes")


class EventModel(Base):
    """A PLOVER event; ``date_start``/``date_end`` are the days its TIMEX3 ``date`` covers (for queries)."""

    __tablename__ = "events"
    __table_args__ = (Index(None, "date_start", "date_end"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    type: Mapped[str] = mapped_column(String(32), index=True)
    mode: Mapped[str | None] = mapped_column(Text)
    context: Mapped[list[str]] = mapped_column(JSON, default=list)
    date: Mapped[str | None] = mapped_column(Text)
    date_precision: Mapped[str | None] = mapped_column(String(16))
    date_how: Mapped[str | None] = mapped_column(String(16))
    date_start: Mapped[dt.date | None] = mapped_column(Date)
    date_end: Mapped[dt.date | None] = mapped_column(Date)
    negated: Mapped[bool] = mapped_column(Boolean, default=False)
    hypothetical: Mapped[bool] = mapped_column(Boolean, default=False)
    historical: Mapped[bool] = mapped_column(Boolean, default=False)
    reported_by: Mapped[str | None] = mapped_column(Text)
    reported_by_text: Mapped[str | None] = mapped_column(Text)
    evidence_start: Mapped[int] = mapped_column(Integer)
    evidence_end: Mapped[int] = mapped_column(Integer)
    evidence_text: Mapped[str] = mapped_column(Text)
    trigger: Mapped[str] = mapped_column(Text, default="")
    trigger_start: Mapped[int] = mapped_column(Integer, default=-1)
    trigger_end: Mapped[int] = mapped_column(Integer, default=-1)
    confidence: Mapped[float] = mapped_column(Float, default=0.5)
    why: Mapped[list[str]] = mapped_column(JSON, default=list)
    sent: Mapped[int] = mapped_column(Integer, default=-1)
    stage: Mapped[str] = mapped_column(Text, default="")

    document: Mapped[DocumentModel] = relationship(back_populates="events")
    actors: Mapped[list[EventActorModel]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="EventActorModel.id")


class EventActorModel(Base):
    """One actor (side "actor") or recipient (side "recipient") of an event."""

    __tablename__ = "event_actors"
    __table_args__ = (Index(None, "code", "side"), Index(None, "country", "side"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    side: Mapped[str] = mapped_column(String(9))
    code: Mapped[str] = mapped_column(String(64))
    country: Mapped[str | None] = mapped_column(String(8))
    name: Mapped[str | None] = mapped_column(Text)
    kb_id: Mapped[str | None] = mapped_column(Text)
    role: Mapped[str | None] = mapped_column(Text)
    sector: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer, default=-1)
    end: Mapped[int] = mapped_column(Integer, default=-1)

    event: Mapped[EventModel] = relationship(back_populates="actors")
