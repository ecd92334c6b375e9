"""Named SQL views for browsing the store in Datasette or any SQL client.

    datasette lagebild.db      # then open the views event_list, dyads, actors

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _concat(column: str) -> str:
    """The dialect's string aggregation: group_concat (SQLite) or string_agg (PostgreSQL)."""
    if op.get_bind().dialect.name == "postgresql":
        return f"string_agg(DISTINCT {column}, ', ')"
    return f"group_concat(DISTINCT {column})"


def _side(side: str) -> str:
    """Actor codes of one side of the event ``e``."""
    return (f"(SELECT {_concat('COALESCE(a.country, a.code)')} FROM event_actors a "
            f"WHERE a.event_id = e.id AND a.side = '{side}')")


def upgrade() -> None:
    """event_list: every event with its article and sides; dyads: counts per actor pair and type;
    actors: every linked or discovered actor with its mentions."""
    op.execute(f"""
        CREATE VIEW event_list AS
        SELECT e.id AS event_id, d.doc_id, d.title, d.published, d.source, d.url, e.type, e.mode,
               {_side('actor')} AS actors, {_side('recipient')} AS recipients,
               e.date, e.date_precision, e.date_how, e.negated, e.hypothetical, e.reported_by,
               e.confidence, e.evidence_text
        FROM events e JOIN documents d ON d.id = e.document_id""")
    op.execute("""
        CREATE VIEW dyads AS
        SELECT COALESCE(a.country, a.code) AS actor, COALESCE(r.country, r.code) AS recipient, e.type,
               COUNT(DISTINCT e.id) AS events, MIN(e.date_start) AS first_date, MAX(e.date_end) AS last_date
        FROM events e
        JOIN event_actors a ON a.event_id = e.id AND a.side = 'actor'
        JOIN event_actors r ON r.event_id = e.id AND r.side = 'recipient'
        GROUP BY COALESCE(a.country, a.code), COALESCE(r.country, r.code), e.type""")
    op.execute("""
        CREATE VIEW actors AS
        SELECT m.kb_id, MAX(m.name) AS name, MAX(m.type) AS type, MAX(m.country) AS country,
               MAX(m.role) AS role, COUNT(*) AS mentions, COUNT(DISTINCT m.document_id) AS documents
        FROM mentions m WHERE m.kb_id IS NOT NULL
        GROUP BY m.kb_id""")


def downgrade() -> None:
    """Drop the views."""
    for view in ("actors", "dyads", "event_list"):
        op.execute(f"DROP VIEW IF EXISTS {view}")
