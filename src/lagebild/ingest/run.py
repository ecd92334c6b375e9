"""Ingest: read sources, skip duplicates, analyse and store each new document, and report on each."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Literal

from lagebild.errors import InputError, LagebildError
from lagebild.ingest.fetch import Fetch
from lagebild.ingest.sources import read_sources
from lagebild.records import Analysis, RawDocument

if TYPE_CHECKING:  # the store (SQLAlchemy) is only needed by callers that store
    from lagebild.store import Store

log = logging.getLogger(__name__)

Status = Literal["new", "duplicate", "failed"]


@dataclass(frozen=True, slots=True)
class IngestOutcome:
    """What became of one input document."""

    origin: str
    status: Status
    doc_id: str | None = None  # new: the stored id; duplicate: the id of the document it duplicates
    reason: str | None = None  # failed: why
    duplicate: Literal["exact", "near"] | None = None
    similarity: float | None = None
    events: int = 0
    supported: bool | None = None  # new: False when the language is not supported (stored, not extracted)
    title: str | None = None
    discovered: int = 0  # new: persons not in the knowledge base, introduced with a role

    def describe(self) -> str:
        """One line for a person, without the status word (callers show ``status`` beside it).

        new: "seed-000 (3 events): /in/seed-000.txt"; duplicate: "/in/copy.txt: near duplicate of
        seed-000 (similarity 0.93)"; failed: "/in/x.bin: binary file (contains NUL bytes), not text".
        """
        if self.status == "failed":
            return f"{self.origin}: {self.reason}"
        if self.status == "duplicate":
            return (f"{self.origin}: {self.duplicate} duplicate of {self.doc_id} "
                    f"(similarity {self.similarity or 0:.2f})")
        note = "" if self.supported is not False else ", language not supported"
        return f"{self.doc_id} ({self.events} events{note}): {self.origin}"


@dataclass(slots=True)
class IngestReport:
    """All outcomes of one ingest run, in input order."""

    outcomes: list[IngestOutcome] = field(default_factory=list)

    def count(self, status: Status) -> int:
        """How many outcomes have ``status``."""
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def new(self) -> int:
        """Documents stored."""
        return self.count("new")

    @property
    def duplicates(self) -> int:
        """Documents not stored because they duplicate a stored one."""
        return self.count("duplicate")

    @property
    def failed(self) -> int:
        """Inputs that could not be read, analysed or stored."""
        return self.count("failed")

    @property
    def counts(self) -> dict[str, int]:
        """Outcomes by status: {"new": n, "duplicate": n, "failed": n}."""
        return {status: self.count(status) for status in ("new", "duplicate", "failed")}

    @property
    def ok(self) -> bool:
        """True when nothing failed."""
        return self.failed == 0


def ingest(
    sources: Iterable[str],
    store: Store,
    analyse: Callable[[RawDocument], Analysis],
    *,
    published: date | None = None,
    source: str | None = None,
    lang: str | None = None,
    fetch: Fetch | None = None,
    progress: Callable[[IngestOutcome], None] | None = None,
) -> IngestReport:
    """Read every source; store each document that is not a duplicate, after ``analyse``; report each one.

    A document without an id gets "doc-" + its content hash's first 12 hex digits before analysis.
    Persons discovered in stored articles (``Store.discovered_actors``) are learned first, and again
    after each article that introduces new ones, so "der russische Botschafter Igor Petrow" in one
    article and "Petrow" in a later one are the same actor.
    """
    from lagebild.actors.stage import learn_people

    report = IngestReport()
    learn_people(store.discovered_actors())
    for item in read_sources(sources, published=published, source=source, lang=lang, fetch=fetch):
        outcome = _failed(item) if isinstance(item, InputError) else ingest_one(item, store, analyse)
        if outcome.discovered:
            learn_people(store.discovered_actors())
        report.outcomes.append(outcome)
        log.info("%s %s", outcome.status, outcome.describe())
        if progress is not None:
            progress(outcome)
    new = [o.doc_id for o in report.outcomes if o.status == "new" and o.doc_id]
    if new:
        from lagebild.picture.stories import update_stories

        update_stories(store, new)  # cross-article merging, incremental
    return report


def ingest_one(raw: RawDocument, store: Store, analyse: Callable[[RawDocument], Analysis]) -> IngestOutcome:
    """Store one document unless it is a duplicate; analysis and store errors become a failed outcome."""
    if not raw.doc_id:
        raw = dataclasses.replace(raw, doc_id=f"doc-{raw.content_hash[:12]}")
    try:
        dup = store.find_duplicate(raw)
        if dup is not None:
            store.record_duplicate(raw, dup)
            return IngestOutcome(raw.origin, "duplicate", doc_id=dup.doc_id, duplicate=dup.kind,
                                 similarity=dup.similarity, title=raw.title)
        analysis = analyse(raw)
        doc_id = store.add(raw, analysis)
    except LagebildError as exc:
        return IngestOutcome(raw.origin, "failed", doc_id=raw.doc_id, reason=str(exc), title=raw.title)
    discovered = len({m.kb_id for m in analysis.mentions if m.kb_id and m.kb_id.startswith("new:")})
    return IngestOutcome(raw.origin, "new", doc_id=doc_id, events=len(analysis.events),
                         supported=analysis.document.supported, title=raw.title, discovered=discovered)


def _failed(error: InputError) -> IngestOutcome:
    return IngestOutcome(error.origin, "failed", reason=error.reason)
