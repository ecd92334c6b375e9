"""Stored events as PLOVER-style records: JSON Lines (the manual's field names) or CSV.

JSON Lines follows the PLOVER manual's "JSON Data Fields" chapter: ``id``, ``date`` (YYYY-MM-DD; the
event's first day, else the article's publication day), ``enddate``, ``event`` and ``mode`` and
``context`` as lists, ``source`` and ``recipient`` as lists of actor objects (``code``, ``sector``,
``actor_text``, ``identifier_id``, ``identifier_text``, ``office``), ``quad_code`` (1-4), ``event_scale``
(the PLOVER score), ``event_text``, ``text_info`` (sentence number and character offsets), ``cite_info``
(url, title, language, publication, citation = the lagebild doc id) and ``coder``. lagebild's own
fields are added beside them: ``doc_id``, ``negated``, ``hypothetical``, ``historical``, ``timex``
(the TIMEX3 date value), ``date_precision``, ``reported_by``, ``confidence``.

Records are written as they are read (batches of 1,000 events): exporting a large store takes
constant memory.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from importlib import metadata
from typing import Any, TextIO

from lagebild.picture.ontology import plover
from lagebild.picture.views import ActorView, EventView

FORMATS = ("plover-jsonl", "csv")
CSV_COLUMNS = ("id", "date", "enddate", "event", "mode", "quad_code", "event_scale", "source", "source_names",
               "recipient", "recipient_names", "negated", "hypothetical", "historical", "timex", "date_precision",
               "event_text", "start", "end", "doc_id", "url", "title", "publication", "published", "reported_by")


def coder() -> str:
    """"lagebild <version>"."""
    try:
        return f"lagebild {metadata.version('lagebild')}"
    except metadata.PackageNotFoundError:
        return "lagebild"


def _actor(a: ActorView) -> dict[str, Any]:
    return {"code": a.key, "sector": a.sector, "actor_text": a.text, "identifier_id": a.kb_id,
            "identifier_text": a.name, "office": a.role}


def plover_record(e: EventView, coded_by: str | None = None) -> dict[str, Any]:
    """One event as a PLOVER JSON record with lagebild's extra fields."""
    ontology = plover()
    quad = ontology.quad(e.type)
    start, end, text = e.evidence
    return {
        "id": f"lagebild-{e.id}", "date": e.day.isoformat() if e.day else None,
        "enddate": e.date_end.isoformat() if e.date_end else None,
        "source": [_actor(a) for a in e.actors], "recipient": [_actor(r) for r in e.recipients],
        "event": [e.type], "mode": [e.mode] if e.mode else [], "context": list(e.context),
        "quad_code": _quad_code(quad), "event_scale": ontology.score(e.type, e.mode),
        "event_text": [text], "text_info": {"sequence": e.sent, "start": start, "end": end},
        "cite_info": {"citation": e.doc_id, "url": e.url, "title": e.title, "language": e.lang,
                      "publication": e.source},
        "coder": coded_by or coder(),
        "doc_id": e.doc_id, "negated": e.negated, "hypothetical": e.hypothetical, "historical": e.historical,
        "timex": e.date, "date_precision": e.date_precision, "reported_by": e.reported_by or e.reported_by_text,
        "confidence": e.confidence,
    }


def _quad_code(quad: str | None) -> int | None:
    return plover().quads.index(quad) + 1 if quad in plover().quads else None


def csv_row(e: EventView) -> dict[str, Any]:
    """One event as a flat CSV row (actors joined by ';')."""
    record = plover_record(e, coded_by="")
    return {
        "id": record["id"], "date": record["date"], "enddate": record["enddate"], "event": e.type,
        "mode": e.mode or "", "quad_code": record["quad_code"], "event_scale": record["event_scale"],
        "source": ";".join(a.key for a in e.actors), "source_names": ";".join(a.name or a.text for a in e.actors),
        "recipient": ";".join(r.key for r in e.recipients),
        "recipient_names": ";".join(r.name or r.text for r in e.recipients),
        "negated": int(e.negated), "hypothetical": int(e.hypothetical), "historical": int(e.historical),
        "timex": e.date or "", "date_precision": e.date_precision or "", "event_text": e.evidence[2],
        "start": e.evidence[0], "end": e.evidence[1], "doc_id": e.doc_id, "url": e.url or "",
        "title": e.title or "", "publication": e.source or "",
        "published": e.published.isoformat() if e.published else "",
        "reported_by": record["reported_by"] or "",
    }


def write_events(events: Iterable[EventView], out: TextIO, fmt: str) -> int:
    """Write events to ``out`` as ``plover-jsonl`` or ``csv``; the number written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    count = 0
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        for count, e in enumerate(events, 1):
            writer.writerow(csv_row(e))
        return count
    by = coder()
    for count, e in enumerate(events, 1):
        out.write(json.dumps(plover_record(e, by), ensure_ascii=False) + "\n")
    return count
