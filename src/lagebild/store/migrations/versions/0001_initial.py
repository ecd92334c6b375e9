"""Initial schema: documents, duplicates, mentions, timexes, events, event_actors, meta.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _id() -> sa.Column[int]:
    return sa.Column("id", sa.Integer(), nullable=False)


def _document_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE",
                                   name=op.f(f"fk_{table}_document_id_documents"))


def _index(table: str, *columns: str) -> None:
    op.create_index(op.f(f"ix_{table}_{'_'.join(columns)}"), table, list(columns), unique=False)


def upgrade() -> None:
    """Create every table of the first schema."""
    op.create_table(
        "meta",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_meta")),
    )
    op.create_table(
        "documents",
        _id(),
        sa.Column("doc_id", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("author", sa.Text(), nullable=True),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("published_how", sa.String(length=16), nullable=False),
        sa.Column("published_from", sa.Date(), nullable=True),
        sa.Column("published_to", sa.Date(), nullable=True),
        sa.Column("lang", sa.String(length=16), nullable=True),
        sa.Column("lang_score", sa.Float(), nullable=True),
        sa.Column("supported", sa.Boolean(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("messages", sa.JSON(), nullable=False),
        sa.Column("stages_run", sa.JSON(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("minhash", sa.LargeBinary(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
        sa.UniqueConstraint("content_hash", name=op.f("uq_documents_content_hash")),
        sa.UniqueConstraint("doc_id", name=op.f("uq_documents_doc_id")),
    )
    _index("documents", "lang")
    _index("documents", "published")

    op.create_table(
        "duplicates",
        _id(),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("similarity", sa.Float(), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        _document_fk("duplicates"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duplicates")),
        sa.UniqueConstraint("content_hash", "origin", name=op.f("uq_duplicates_content_hash_origin")),
    )
    _index("duplicates", "document_id")

    op.create_table(
        "mentions",
        _id(),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("type", sa.String(length=8), nullable=False),
        sa.Column("sent", sa.Integer(), nullable=False),
        sa.Column("kb_id", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("code", sa.String(length=64), nullable=True),
        sa.Column("country", sa.String(length=8), nullable=True),
        sa.Column("role", sa.Text(), nullable=True),
        sa.Column("sector", sa.Text(), nullable=True),
        sa.Column("is_source", sa.Boolean(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("stage", sa.Text(), nullable=False),
        _document_fk("mentions"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentions")),
    )
    _index("mentions", "document_id")
    _index("mentions", "kb_id")

    op.create_table(
        "timexes",
        _id(),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("precision", sa.String(length=16), nullable=False),
        sa.Column("mod", sa.String(length=8), nullable=True),
        sa.Column("anchor", sa.Date(), nullable=True),
        sa.Column("how", sa.String(length=16), nullable=False),
        sa.Column("stage", sa.Text(), nullable=False),
        _document_fk("timexes"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_timexes")),
    )
    _index("timexes", "document_id")

    op.create_table(
        "events",
        _id(),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("mode", sa.Text(), nullable=True),
        sa.Column("context", sa.JSON(), nullable=False),
        sa.Column("date", sa.Text(), nullable=True),
        sa.Column("date_precision", sa.String(length=16), nullable=True),
        sa.Column("date_how", sa.String(length=16), nullable=True),
        sa.Column("date_start", sa.Date(), nullable=True),
        sa.Column("date_end", sa.Date(), nullable=True),
        sa.Column("negated", sa.Boolean(), nullable=False),
        sa.Column("hypothetical", sa.Boolean(), nullable=False),
        sa.Column("historical", sa.Boolean(), nullable=False),
        sa.Column("reported_by", sa.Text(), nullable=True),
        sa.Column("reported_by_text", sa.Text(), nullable=True),
        sa.Column("evidence_start", sa.Integer(), nullable=False),
        sa.Column("evidence_end", sa.Integer(), nullable=False),
        sa.Column("evidence_text", sa.Text(), nullable=False),
        sa.Column("trigger", sa.Text(), nullable=False),
        sa.Column("trigger_start", sa.Integer(), nullable=False),
        sa.Column("trigger_end", sa.Integer(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("why", sa.JSON(), nullable=False),
        sa.Column("sent", sa.Integer(), nullable=False),
        sa.Column("stage", sa.Text(), nullable=False),
        _document_fk("events"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    _index("events", "document_id")
    _index("events", "type")
    _index("events", "date_start", "date_end")

    op.create_table(
        "event_actors",
        _id(),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("side", sa.String(length=9), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("country", sa.String(length=8), nullable=True),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("kb_id", sa.Text(), nullable=True),
        sa.Column("role", sa.Text(), nullable=True),
        sa.Column("sector", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="CASCADE",
                                name=op.f("fk_event_actors_event_id_events")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_actors")),
    )
    _index("event_actors", "event_id")
    _index("event_actors", "code", "side")
    _index("event_actors", "country", "side")


def downgrade() -> None:
    """Drop every table (children first)."""
    for table in ("event_actors", "events", "timexes", "mentions", "duplicates", "documents", "meta"):
        op.drop_table(table)
