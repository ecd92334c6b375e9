"""``lagebild actors show``: an actor's names, roles over time and stored mentions."""

from __future__ import annotations

from typing import Any

from lagebild.actors.kb import KBEntry


def describe(entry: KBEntry, store: Any | None = None) -> str:
    """A readable description of a knowledge-base entry."""
    lines = [f"{entry.name}  ({entry.id}, {entry.kind}, code {entry.code}, country {entry.country or '-'})"]
    lines.append("names: " + "; ".join(sorted(set(entry.names))[:30]))
    for role in entry.roles:
        span = f"{role.start or '?'} – {role.end or 'now'}"
        where = role.country or role.org or ""
        lines.append(f"role: {role.title} {where} ({span})")
    if store is not None and hasattr(store, "mentions_of"):
        for doc_id, text, count in store.mentions_of(entry.id)[:20]:
            lines.append(f"mentioned in {doc_id}: {count}x, e.g. “{text}”")
    return "\n".join(lines)
