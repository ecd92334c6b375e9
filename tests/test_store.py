"""The store: round trips, doc ids, duplicates, queries, stats, migrations and failure safety."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect

import lagebild.store as store_pkg
from lagebild.errors import StoreError
from lagebild.records import ActorRef, Analysis, Document, Event, Evidence, Mention, RawDocument, Timex
from lagebild.store import Duplicate, Store, StoredDocument, default_store_path
from lagebild.store.migrate import head_revision
from lagebild.store.models import Base
from lagebild.store.timerange import timex_range

TOPICS = ["Sanktionen", "Waffenruhe", "Handel", "Energie", "Grenzen", "Flüchtlinge", "Abrüstung", "Klima"]
CITIES = ["Berlin", "Paris", "Moskau", "Kiew", "Peking", "Washington", "Ankara", "Teheran", "Genf"]


def article(seed: int = 0, sentences: int = 40) -> str:
    """A long German article whose sentences all differ (for near-duplicate tests)."""
    lines = [f"Artikel {seed}: Gespräche über {TOPICS[seed % len(TOPICS)]}", ""]
    for i in range(sentences):
        n = seed * 1000 + i
        lines.append(f"In {CITIES[n % 9]} sprach der Minister Nummer {n} am {i % 28 + 1}. Tag über "
                     f"{TOPICS[(n // 3) % 8]} und die Folgen für Region {n * 7 % 101}.")
    return "\n".join(lines)


def actor(code: str, country: str | None = None, text: str | None = None) -> ActorRef:
    return ActorRef(text=text or code, code=code, country=country or code, name=f"Name {code}")


def event(kind: str, actors: list[str], recipients: list[str], when: str | None, text: str = "x") -> Event:
    return Event(
        event=kind, actor=tuple(actor(a) for a in actors), recipient=tuple(actor(r) for r in recipients),
        evidence=Evidence(0, len(text), text), mode="visit" if kind == "CONSULT" else None,
        context=("diplomatic",), date=when, date_precision="day" if when and len(when) == 10 else "month",
        date_how="explicit", reported_by="dpa", trigger="treffen", trigger_span=(1, 4), confidence=0.8,
        why=("verb 'treffen'", "actor before verb"), sent=0, stage="events.v1")


def analysis_for(raw: RawDocument, events: tuple[Event, ...] = (), *, lang: str = "de",
                 supported: bool = True) -> Analysis:
    """What a pipeline would return, built by hand."""
    doc = Document(doc_id=raw.doc_id, text=raw.text, lang=lang, published=raw.published or date(2024, 6, 19),
                   title=raw.title, url=raw.url, source=raw.source, lang_score=0.99, supported=supported)
    mentions = (Mention(start=0, end=7, text="Artikel", type="MISC", sent=0, stage="nlp.v1"),
                Mention(start=10, end=16, text="Berlin", type="GPE", kb_id="Q64", name="Berlin", code="DEU",
                        country="DEU", stage="actors.v1"))
    timexes = (Timex(start=20, end=30, text="am Montag", value="2024-06-17", precision="day",
                     anchor=date(2024, 6, 19), how="relative", stage="time.v1"),)
    return Analysis(document=doc, mentions=mentions, timexes=timexes, events=events,
                    messages=("ok",), stages_run=("nlp.v1", "events.v1"))


def raw_doc(seed: int = 0, doc_id: str = "", origin: str = "", **kw: object) -> RawDocument:
    return RawDocument(text=article(seed), doc_id=doc_id, origin=origin or f"/in/{doc_id or seed}.txt", **kw)  # type: ignore[arg-type]


@pytest.fixture
def store() -> Store:
    with Store(":memory:") as s:
        yield s  # type: ignore[misc]


EVENTS = (
    event("CONSULT", ["DEU"], ["FRA"], "2024-06-17"),
    event("SANCTION", ["USA", "GBR"], ["IRN"], "2024-05"),
    event("ASSAULT", ["RUS"], ["UKR"], None),
)


# -- round trip and ids ---------------------------------------------------------------------------------

def test_add_then_get_gives_back_the_records(store: Store) -> None:
    raw = raw_doc(1, "seed-001", title="Titel", url="https://example.org/1", source="Blatt")
    analysis = analysis_for(raw, EVENTS)
    assert store.add(raw, analysis) == "seed-001"
    stored = store.get("seed-001")
    assert isinstance(stored, StoredDocument)
    assert stored.document == analysis.document
    assert stored.events == analysis.events
    assert stored.mentions == analysis.mentions
    assert stored.timexes == analysis.timexes
    assert stored.content_hash == raw.content_hash and stored.origin == raw.origin
    assert stored.ingested_at.tzinfo is not None
    assert stored.analysis().events == analysis.events
    assert store.get("nope") is None


def test_doc_id_from_raw_else_hash_and_suffixed_on_clash(store: Store) -> None:
    assert store.add(raw_doc(1, "a"), analysis_for(raw_doc(1, "a"))) == "a"
    clash = raw_doc(2, "a")
    assert store.add(clash, analysis_for(clash)) == "a-2"
    third = raw_doc(3, "a")
    assert store.add(third, analysis_for(third)) == "a-3"
    anonymous = raw_doc(4)
    assert store.add(anonymous, analysis_for(anonymous)) == f"doc-{anonymous.content_hash[:12]}"


def test_add_is_idempotent_on_content_hash(store: Store) -> None:
    raw = raw_doc(1, "x")
    first = store.add(raw, analysis_for(raw, EVENTS))
    before = store.stats()
    again = dataclasses.replace(raw, doc_id="other", text="  " + raw.text.replace(" ", "  "))  # same words
    assert store.add(again, analysis_for(again, EVENTS)) == first
    assert store.stats() == before


def test_failed_write_rolls_back_everything(store: Store) -> None:
    raw = raw_doc(1, "half")
    good = analysis_for(raw, EVENTS)
    no_text = Mention(start=0, end=1, text=None, type="PER")  # type: ignore[arg-type]  # NOT NULL violated
    broken = dataclasses.replace(good, mentions=(*good.mentions, no_text))
    with pytest.raises(StoreError, match="nothing was stored"):
        store.add(raw, broken)
    stats = store.stats()
    assert (stats["documents"], stats["mentions"], stats["events"], stats["timexes"]) == (0, 0, 0, 0)
    assert store.find_duplicate(raw) is None
    assert store.add(raw, good) == "half"  # and the store still works


# -- duplicates -------------------------------------------------------------------------------------

def test_exact_duplicate_found_by_normalised_text(store: Store) -> None:
    raw = raw_doc(1, "orig")
    store.add(raw, analysis_for(raw))
    copy = RawDocument(text=raw.text.replace("\n", "\n\n") + "  ", origin="/copy.txt")
    assert store.find_duplicate(copy) == Duplicate("exact", "orig", 1.0)


def test_near_duplicate_with_one_changed_sentence(store: Store) -> None:
    raw = raw_doc(1, "orig")
    store.add(raw, analysis_for(raw))
    lines = raw.text.split("\n")
    lines[10] = "Völlig anders: Der Gipfel wurde wegen eines Sturms über dem Atlantik kurzfristig abgesagt."
    near = RawDocument(text="\n".join(lines), origin="/near.txt")
    dup = store.find_duplicate(near)
    assert dup is not None and dup.kind == "near" and dup.doc_id == "orig"
    assert 0.85 <= dup.similarity < 1.0
    assert store.find_duplicate(raw_doc(2)) is None  # a different article


def test_near_index_is_rebuilt_from_stored_signatures(tmp_path: Path) -> None:
    path = tmp_path / "l.db"
    raw = raw_doc(1, "orig")
    with Store(path) as s:
        s.add(raw, analysis_for(raw))
    near = RawDocument(text=raw.text.replace("Nummer 1005", "Nummer 9999"), origin="/near.txt")
    with Store(path) as s:
        dup = s.find_duplicate(near)
    assert dup is not None and (dup.kind, dup.doc_id) == ("near", "orig")


def test_record_duplicate_is_idempotent_and_skips_the_stored_input_itself(store: Store) -> None:
    raw = raw_doc(1, "orig", origin="/in/orig.txt")
    store.add(raw, analysis_for(raw))
    store.record_duplicate(raw, Duplicate("exact", "orig", 1.0))  # the same file read again
    assert store.stats()["duplicates"] == 0
    copy = dataclasses.replace(raw, origin="/in/copy.txt")
    store.record_duplicate(copy, Duplicate("exact", "orig", 1.0))
    store.record_duplicate(copy, Duplicate("exact", "orig", 1.0))
    assert store.stats()["duplicates"] == 1 and store.stats()["duplicates_by_kind"] == {"exact": 1}
    with pytest.raises(StoreError, match="no such document"):
        store.record_duplicate(copy, Duplicate("near", "missing", 0.9))


# -- queries ---------------------------------------------------------------------------------------

@pytest.fixture
def filled(store: Store) -> Store:
    one, two = raw_doc(1, "one", published=date(2024, 6, 19)), raw_doc(2, "two")
    store.add(one, analysis_for(one, EVENTS))
    store.add(two, analysis_for(two, (event("CONSULT", ["FRA"], ["DEU"], "2024-Q3"),), lang="en"))
    unsupported = raw_doc(3, "three")
    store.add(unsupported, analysis_for(unsupported, lang="pl", supported=False))
    return store


def test_documents_listing(filled: Store) -> None:
    rows = filled.documents()
    assert [(r.doc_id, r.events, r.lang, r.supported) for r in rows] == [
        ("three", 0, "pl", False), ("two", 1, "en", True), ("one", 3, "de", True)]
    assert [r.doc_id for r in filled.documents(limit=1, offset=1)] == ["two"]
    assert [r.doc_id for r in filled.documents(lang="de")] == ["one"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        rows[0].doc_id = "changed"  # type: ignore[misc]


@pytest.mark.parametrize(("query", "expected"), [
    ({}, ["SANCTION", "CONSULT", "CONSULT", "ASSAULT"]),  # by date, undated last
    ({"actor": "DEU"}, ["CONSULT"]),
    ({"recipient": "DEU"}, ["CONSULT"]),
    ({"actor": "GBR"}, ["SANCTION"]),
    ({"actor": "IRN"}, []),
    ({"recipient": "IRN"}, ["SANCTION"]),
    ({"type": "consult"}, ["CONSULT", "CONSULT"]),
    ({"since": date(2024, 6, 1)}, ["CONSULT", "CONSULT"]),
    ({"since": date(2024, 5, 31), "until": date(2024, 6, 1)}, ["SANCTION"]),  # a month overlaps its days
    ({"since": date(2024, 8, 15), "until": date(2024, 8, 15)}, ["CONSULT"]),  # a quarter too
    ({"until": date(2024, 6, 17)}, ["SANCTION", "CONSULT"]),
    ({"limit": 1}, ["SANCTION"]),
])
def test_events_query_filters(filled: Store, query: dict[str, object], expected: list[str]) -> None:
    assert [e.event.event for e in filled.events(**query)] == expected  # type: ignore[arg-type]


def test_events_carry_document_and_actor_details(filled: Store) -> None:
    [found] = filled.events(actor="USA")
    assert found.doc_id == "one" and found.published == date(2024, 6, 19)
    assert (found.date_start, found.date_end) == (date(2024, 5, 1), date(2024, 5, 31))
    assert [a.code for a in found.event.actor] == ["USA", "GBR"]
    assert found.event == EVENTS[1]


def test_actor_query_matches_country_of_a_non_state_code(store: Store) -> None:
    raw = raw_doc(1, "gov")
    minister = ActorRef(text="Baerbock", code="DEUGOV", country="DEU")
    ev = dataclasses.replace(EVENTS[0], actor=(minister,))
    store.add(raw, analysis_for(raw, (ev,)))
    assert [e.doc_id for e in store.events(actor="DEU")] == ["gov"]
    assert [e.doc_id for e in store.events(actor="DEUGOV")] == ["gov"]


def test_stats_counts(filled: Store) -> None:
    stats = filled.stats()
    assert stats == {
        "documents": 3, "documents_by_lang": {"de": 1, "en": 1, "pl": 1}, "unsupported": 1,
        "duplicates": 0, "duplicates_by_kind": {}, "events": 4,
        "events_by_type": {"ASSAULT": 1, "CONSULT": 2, "SANCTION": 1},
        "mentions": 6, "timexes": 3, "actors": 7,
    }


# -- opening, safety, migrations -----------------------------------------------------------------------

def test_corrupt_file_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    content = b"these are my notes, not a database\n" * 100
    path.write_bytes(content)
    with pytest.raises(StoreError) as info:
        Store(path)
    assert str(info.value) == (
        f"{path} is not a lagebild database (file is not a database); nothing was changed")
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


def test_other_sqlite_database_is_refused_and_left_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.close()
    content = path.read_bytes()
    with pytest.raises(StoreError, match=r"not a lagebild database .*recipes.*nothing was changed"):
        Store(str(path))
    assert path.read_bytes() == content


def test_truncated_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cut.db"
    with Store(path) as s:
        s.add(raw_doc(1, "a"), analysis_for(raw_doc(1, "a")))
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    content = path.read_bytes()[:200]  # header kept, pages cut
    path.write_bytes(content)
    for extra in tmp_path.glob("cut.db-*"):
        extra.unlink()
    with pytest.raises(StoreError, match=r"nothing was changed|cannot open"):
        Store(path)
    assert path.read_bytes() == content


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    Store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()
    with pytest.raises(StoreError, match=r"newer lagebild .*9999"):
        Store(path)


def test_migrations_produce_exactly_the_models(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    Store(path).close()
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
        assert context.get_current_revision() == head_revision()
        assert set(inspect(conn).get_table_names()) == set(Base.metadata.tables) | {"alembic_version"}
        indexes = {tuple(ix["column_names"]) for ix in inspect(conn).get_indexes("event_actors")}
        assert ("code", "side") in indexes
        event_indexes = {tuple(ix["column_names"]) for ix in inspect(conn).get_indexes("events")}
        assert ("date_start", "date_end") in event_indexes
    engine.dispose()


def test_sqlite_file_uses_wal_and_foreign_keys(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "dir" / "w.db"
    with Store(path) as s:
        assert s.path == path.resolve() and s.url == f"sqlite+pysqlite:///{path.resolve()}"
        engine = s._engine
        assert engine is not None
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert s.meta()["schema_revision"] == head_revision()
        s.set_meta("pipeline", "test 1")
        assert s.meta()["pipeline"] == "test 1"


def test_reopening_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "keep.db"
    with Store(path) as s:
        s.add(raw_doc(1, "a"), analysis_for(raw_doc(1, "a"), EVENTS))
        before = s.stats()
    with Store(str(path)) as s:
        assert s.stats() == before


def test_default_location_from_env_and_xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_store_path() == tmp_path / "xdg" / "lagebild" / "lagebild.db"
    monkeypatch.setenv("LAGEBILD_DB", str(tmp_path / "env.db"))
    with Store() as s:
        assert s.path == (tmp_path / "env.db").resolve()
    monkeypatch.delenv("LAGEBILD_DB")
    with Store() as s:
        assert s.path == tmp_path / "xdg" / "lagebild" / "lagebild.db"
        assert s.path.exists()


def test_postgresql_url_constructs_without_connecting() -> None:
    s = Store("postgresql+psycopg://user:secret@db.invalid/lagebild")
    assert s.path is None and "secret" not in s.url and s.url.startswith("postgresql+psycopg://user:")
    s.close()


def test_closed_store_refuses_use() -> None:
    s = Store(":memory:")
    s.close()
    with pytest.raises(StoreError, match="closed"):
        s.stats()


@pytest.mark.parametrize(("value", "expected"), [
    ("2015-08-21", (date(2015, 8, 21), date(2015, 8, 21))),
    ("2015-W38", (date(2015, 9, 14), date(2015, 9, 20))),
    ("2015-02", (date(2015, 2, 1), date(2015, 2, 28))),
    ("2015-Q4", (date(2015, 10, 1), date(2015, 12, 31))),
    ("2015-WI", (date(2015, 12, 1), date(2016, 2, 29))),
    ("2015-SU", (date(2015, 6, 1), date(2015, 8, 31))),
    ("2015", (date(2015, 1, 1), date(2015, 12, 31))),
    ("201", (date(2010, 1, 1), date(2019, 12, 31))),
    ("2015-08-01/2015-09", (date(2015, 8, 1), date(2015, 9, 30))),
    ("2015-13", None),
    ("PRESENT_REF", None),
    (None, None),
])
def test_timex_range_table(value: str | None, expected: tuple[date, date] | None) -> None:
    assert timex_range(value) == expected


def test_public_api() -> None:
    assert set(store_pkg.__all__) == {"DocumentRow", "Duplicate", "Store", "StoredDocument", "StoredEvent",
                                      "default_store_path"}
    for name in store_pkg.__all__:
        assert getattr(store_pkg, name).__doc__, name
