"""Analyses as JSON (the scoring contract of shared/eval/README.md, plus lagebild's own fields) and
as readable text."""

from __future__ import annotations

from collections import Counter
from typing import Any

from lagebild.records import Analysis, Event, Mention


def mention_json(m: Mention, spelled: dict[str, str] | None = None) -> dict[str, Any]:
    """One entity of the contract. ``name`` is the person's full name as the article spells it when
    it does ("Rustem Umerow"), else the canonical name; ``canonical`` is the knowledge base's."""
    name = (spelled or {}).get(m.kb_id or "", m.name) if m.type == "PER" else m.name
    return {"text": m.text, "type": m.type, "name": name, "canonical": m.name, "kb_id": m.kb_id, "code": m.code,
            "country": m.country, "role": m.role, "sector": m.sector, "start": m.start, "end": m.end,
            "confidence": m.confidence}


def spelled_names(mentions: tuple[Mention, ...]) -> dict[str, str]:
    """For each person, the longest full name the article writes, leaving out inflected forms of a
    shorter one written too (the genitive "Wang Yis" when "Wang Yi" is there)."""
    counts: dict[str, Counter[str]] = {}
    for m in mentions:
        text = " ".join(m.text.split())
        if m.type == "PER" and m.kb_id and len(text.split()) >= 2 and text[:1].isupper() and m.confidence >= 0.7:
            counts.setdefault(m.kb_id, Counter())[text] += 1
    best = {}
    for kb_id, c in counts.items():
        plain = [t for t in c if not any(t != u and t.startswith(u) and len(t) - len(u) <= 2 for u in c)]
        best[kb_id] = max(plain or list(c), key=len)
    return best


def event_json(e: Event) -> dict[str, Any]:
    """One event of the contract."""
    return {"event": e.event, "mode": e.mode, "context": list(e.context),
            "actor": [a.to_json() for a in e.actor], "recipient": [r.to_json() for r in e.recipient],
            "date": e.date, "date_precision": e.date_precision, "date_how": e.date_how,
            "negated": e.negated, "hypothetical": e.hypothetical, "historical": e.historical,
            "reported_by": e.reported_by, "reported_by_text": e.reported_by_text,
            "evidence": {"start": e.evidence.start, "end": e.evidence.end, "text": e.evidence.text},
            "trigger": e.trigger, "confidence": e.confidence, "why": list(e.why)}


def analysis_json(a: Analysis) -> dict[str, Any]:
    """The whole document as one JSON object (one line of ``extract --format jsonl``)."""
    doc = a.document
    spelled = spelled_names(a.mentions)
    return {
        "doc_id": doc.doc_id, "lang": doc.lang, "lang_supported": doc.supported,
        "pub_date": doc.published.isoformat() if doc.published else None,
        "pub_date_how": doc.published_how if doc.published else None,
        "pub_date_range": [d.isoformat() for d in doc.published_range] if doc.published_range else None,
        "title": doc.title, "source": doc.source, "url": doc.url,
        "entities": [mention_json(m, spelled) for m in a.mentions],
        "timexes": [{"text": t.text, "start": t.start, "end": t.end, "value": t.value, "mod": t.mod,
                     "precision": t.precision, "how": t.how} for t in a.timexes],
        "events": [event_json(e) for e in a.events],
        "messages": list(a.messages),
    }


def _side(refs: tuple[Any, ...]) -> str:
    """"PRK (Kim Jong Un), RUS" for an actor list."""
    return ", ".join(f"{r.code}" + (f" ({r.name})" if r.name and r.name != r.code else "") for r in refs) or "-"


def event_line(e: Event) -> str:
    """One event as a line of text."""
    flags = [f for f, on in (("NEGATED", e.negated), ("HYPOTHETICAL", e.hypothetical), ("HISTORICAL", e.historical)) if on]
    mode = f"/{e.mode}" if e.mode else ""
    extra = f"  [{' '.join(flags)}]" if flags else ""
    source = f"  per {e.reported_by or e.reported_by_text}" if e.reported_by or e.reported_by_text else ""
    return f"{e.event}{mode}: {_side(e.actor)} -> {_side(e.recipient)}  date {e.date or '?'}{extra}{source}"


def analysis_text(a: Analysis) -> str:
    """A readable summary of one document."""
    doc = a.document
    pub = f"{doc.published} ({doc.published_how})" if doc.published else "unknown"
    lines = [f"# {doc.doc_id}  lang {doc.lang}  published {pub}"]
    lines += [f"  ! {m}" for m in a.messages]
    people = sorted({f"{m.name} ({m.country or '?'}, {m.role or 'no role'})" for m in a.mentions if m.type == "PER" and m.name})
    states = sorted({m.code for m in a.mentions if m.type in ("GPE", "LOC") and m.code})
    lines.append(f"  persons: {'; '.join(people) or '-'}")
    lines.append(f"  states: {', '.join(states) or '-'}")
    for e in a.events:
        lines.append(f"  - {event_line(e)}")
        lines.append(f"      \"{e.evidence.text}\"")
    return "\n".join(lines)
