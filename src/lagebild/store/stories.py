"""Story events as ORM models: one real-world event reported by many articles. Migration 0002 makes them.

    stories 1--n story_mentions n--1 events (an event is the mention of exactly one story)

A story keeps the canonical type, actors, date and modality of its mentions and when it was first and
last reported; each mention keeps its document, its source and the figures in its evidence, so that
sources that disagree ("1000" vs "3000 prisoners") stay side by side. The clustering is in
``lagebild.picture.stories``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lagebild.store.models import Base


class StoryModel(Base):
    """A real-world event: the canonical reading of its mentions across articles."""

    __tablename__ = "stories"
    __table_args__ = (Index(None, "date_start", "date_end"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # "s-" + 12 hex digits
    type: Mapped[str] = mapped_column(String(32), index=True)
    mode: Mapped[str | None] = mapped_column(Text)
    date: Mapped[str | None] = mapped_column(Text)  # TIMEX3 value, the most precise of the mentions
    date_precision: Mapped[str | None] = mapped_column(String(16))
    date_start: Mapped[dt.date | None] = mapped_column(Date)
    date_end: Mapped[dt.date | None] = mapped_column(Date)
    first_seen: Mapped[dt.date] = mapped_column(Date)  # publication date, else the day it was ingested
    last_seen: Mapped[dt.date] = mapped_column(Date, index=True)
    n_mentions: Mapped[int] = mapped_column(Integer)
    n_sources: Mapped[int] = mapped_column(Integer)
    actors: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)  # [{code, name, country}]
    recipients: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    negated: Mapped[bool] = mapped_column(Boolean, default=False)
    hypothetical: Mapped[bool] = mapped_column(Boolean, default=False)
    disputed: Mapped[bool] = mapped_column(Boolean, default=False)  # sources give different figures

    mentions: Mapped[list[StoryMentionModel]] = relationship(
        back_populates="story", cascade="all, delete-orphan", order_by="StoryMentionModel.position")


class StoryMentionModel(Base):
    """One event of one article as a mention of a story, with who reports it and the figures it gives."""

    __tablename__ = "story_mentions"

    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), primary_key=True)
    story_id: Mapped[str] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"), index=True)
    doc_id: Mapped[str] = mapped_column(Text, index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)  # order in the story: earliest report first
    source: Mapped[str | None] = mapped_column(Text)  # the document's source (newspaper, agency)
    reported_by: Mapped[str | None] = mapped_column(Text)  # the agency the article cites ("laut KCNA")
    figures: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)  # [{value, text, approx}]

    story: Mapped[StoryModel] = relationship(back_populates="mentions")
