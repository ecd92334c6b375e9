"""Ingest runs: new, duplicate and failed outcomes, idempotence, and the report."""

from __future__ import annotations

import io
import sys
from datetime import date
from pathlib import Path

import pytest

from lagebild.errors import PipelineError
from lagebild.ingest import IngestOutcome, IngestReport, ingest
from lagebild.records import ActorRef, Analysis, Document, Event, Evidence, RawDocument
from lagebild.store import Store

CITIES = ["Berlin", "Paris", "Moskau", "Kiew", "Peking", "Washington", "Ankara", "Teheran", "Genf"]


def article(seed: int, sentences: int = 40) -> str:
    """A long article whose sentences all differ."""
    lines = [f"Bericht {seed} aus {CITIES[seed % 9]}", ""]
    for i in range(sentences):
        n = seed * 1000 + i
        lines.append(f"In {CITIES[n % 9]} traf Delegation {n} am {i % 28 + 1}. Juni Vertreter aus "
                     f"{CITIES[(n + 4) % 9]} zu Gesprächen über Abkommen {n * 13 % 97}.")
    return "\n".join(lines)


def fake_analyse(raw: RawDocument) -> Analysis:
    """A stand-in for the pipeline: one CONSULT event per document; "en" texts are unsupported."""
    lang = raw.lang or "de"
    doc = Document(doc_id=raw.doc_id, text=raw.text, lang=lang, published=raw.published, title=raw.title,
                   url=raw.url, source=raw.source, supported=lang == "de")
    if not doc.supported:
        return Analysis(document=doc, messages=(f"language {lang} not supported",))
    ev = Event(event="CONSULT", actor=(ActorRef(text="Berlin", code="DEU", country="DEU"),),
               recipient=(ActorRef(text="Paris", code="FRA", country="FRA"),),
               evidence=Evidence(0, 10, raw.text[:10]), date="2024-06", date_precision="month")
    return Analysis(document=doc, events=(ev,))


@pytest.fixture
def store() -> Store:
    with Store(":memory:") as s:
        yield s  # type: ignore[misc]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Two articles, an exact copy, a near copy (one sentence changed), and two bad files."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(article(1), encoding="utf-8")
    (folder / "b.txt").write_text(article(2), encoding="utf-8")
    (folder / "c-copy.txt").write_text(article(1) + "\n\n", encoding="utf-8")
    lines = article(2).split("\n")
    lines[12] = "Ganz anders: Das Treffen wurde wegen eines Streiks am Flughafen auf Juli verschoben."
    (folder / "d-near.txt").write_text("\n".join(lines), encoding="utf-8")
    (folder / "e-empty.txt").write_bytes(b"")
    (folder / "f-binary.bin").write_bytes(b"\x00\x01\x02garbage")
    return folder


def test_ingest_folder_reports_new_duplicate_and_failed(store: Store, corpus: Path) -> None:
    seen: list[IngestOutcome] = []
    report = ingest([str(corpus)], store, fake_analyse, progress=seen.append)
    assert isinstance(report, IngestReport) and seen == report.outcomes
    summary = [(Path(o.origin).name, o.status, o.doc_id, o.duplicate) for o in report.outcomes]
    assert summary == [
        ("a.txt", "new", "a", None),
        ("b.txt", "new", "b", None),
        ("c-copy.txt", "duplicate", "a", "exact"),
        ("d-near.txt", "duplicate", "b", "near"),
        ("e-empty.txt", "failed", None, None),
        ("f-binary.bin", "failed", None, None),
    ]
    assert (report.new, report.duplicates, report.failed, report.ok) == (2, 2, 2, False)
    assert report.counts == {"new": 2, "duplicate": 2, "failed": 2}
    assert report.outcomes[0].events == 1 and report.outcomes[0].supported is True
    assert report.outcomes[4].reason == "empty file"
    assert "NUL" in (report.outcomes[5].reason or "")
    near = report.outcomes[3]
    assert near.similarity is not None and 0.85 <= near.similarity < 1
    stats = store.stats()
    assert (stats["documents"], stats["duplicates"], stats["events"]) == (2, 2, 2)
    assert stats["duplicates_by_kind"] == {"exact": 1, "near": 1}


def test_same_input_twice_changes_nothing(store: Store, corpus: Path) -> None:
    ingest([str(corpus)], store, fake_analyse)
    first = store.stats()
    again = ingest([str(corpus)], store, fake_analyse)
    assert store.stats() == first
    assert again.new == 0 and again.duplicates == 4 and again.failed == 2
    assert {o.duplicate for o in again.outcomes if o.status == "duplicate"} == {"exact", "near"}


def test_same_input_twice_into_a_file_store(tmp_path: Path, corpus: Path) -> None:
    path = tmp_path / "l.db"
    with Store(path) as s:
        ingest([str(corpus)], s, fake_analyse)
        first = s.stats()
    with Store(path) as s:
        report = ingest([str(corpus)], s, fake_analyse)
        assert s.stats() == first and report.new == 0


def test_analysis_error_fails_that_document_and_the_run_goes_on(store: Store, corpus: Path) -> None:
    def analyse(raw: RawDocument) -> Analysis:
        if raw.doc_id == "a":
            raise PipelineError("stage 'events.v1' needs 'tokens', which no stage assigns")
        return fake_analyse(raw)

    report = ingest([str(corpus / "a.txt"), str(corpus / "b.txt")], store, analyse)
    assert [o.status for o in report.outcomes] == ["failed", "new"]
    assert report.outcomes[0].doc_id == "a" and "needs 'tokens'" in (report.outcomes[0].reason or "")
    assert store.stats()["documents"] == 1 and not report.ok


def test_unsupported_language_is_stored_and_flagged(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "en.txt"
    path.write_text(article(5), encoding="utf-8")
    [outcome] = ingest([str(path)], store, fake_analyse, lang="en").outcomes
    assert (outcome.status, outcome.supported, outcome.events) == ("new", False, 0)
    assert "language not supported" in outcome.describe()
    assert store.stats()["unsupported"] == 1


def test_overrides_reach_the_analysis_and_the_store(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text(article(6), encoding="utf-8")
    seen: list[RawDocument] = []

    def analyse(raw: RawDocument) -> Analysis:
        seen.append(raw)
        return fake_analyse(raw)

    ingest([str(path)], store, analyse, published=date(2024, 6, 19), source="Tagesblatt", lang="de")
    assert (seen[0].published, seen[0].source, seen[0].lang) == (date(2024, 6, 19), "Tagesblatt", "de")
    stored = store.get("x")
    assert stored is not None and stored.document.source == "Tagesblatt"


def test_stdin_document_gets_a_hash_id(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    text = article(7)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))
    [outcome] = ingest(["-"], store, fake_analyse).outcomes
    expected = f"doc-{RawDocument(text=text).content_hash[:12]}"
    assert (outcome.status, outcome.doc_id, outcome.origin) == ("new", expected, "-")
    assert store.get(expected) is not None


def test_describe_lines() -> None:
    assert IngestOutcome("/x.txt", "failed", reason="empty file").describe() == "/x.txt: empty file"
    assert IngestOutcome("/y.txt", "duplicate", doc_id="a", duplicate="near", similarity=0.9).describe() == (
        "/y.txt: near duplicate of a (similarity 0.90)")
    assert IngestOutcome("/z.txt", "new", doc_id="z", events=2, supported=True).describe() == (
        "z (2 events): /z.txt")


def test_discovered_person_is_linked_again_in_later_articles(tmp_path):
    from lagebild.actors.stage import current_kb, learn_people
    from lagebild.pipeline import default_pipeline

    first = tmp_path / "a.txt"
    first.write_text("Der russische Botschafter Igor Petrowitsch traf am Montag den Außenminister Georgiens. "
                     "Die Gespräche galten der Lage in der Region.", encoding="utf-8")
    later = tmp_path / "b.txt"
    later.write_text("Petrowitsch kritisierte die Entscheidung der Europäischen Union scharf.", encoding="utf-8")
    try:
        with Store(tmp_path / "s.db") as store:
            ingest([str(first)], store, default_pipeline(), published=date(2025, 3, 1))
            report = ingest([str(later)], store, default_pipeline(), published=date(2025, 3, 5))
            assert report.new == 1
            (found,) = store.discovered_actors("Petrowitsch")
            assert (found["country"], found["role"], found["first_seen"]) == ("RUS", "ambassador", "2025-03-01")
            assert [doc for doc, _, _ in store.mentions_of(found["id"])] == ["a", "b"]
        # the learned person has the role from the day first seen, not before
        kb = current_kb()
        assert kb.role_at(found["id"], date(2025, 3, 5)).title == "ambassador"
        assert kb.role_at(found["id"], date(2024, 1, 1)) is None
    finally:
        learn_people([])
    assert current_kb().get(found["id"]) is None
