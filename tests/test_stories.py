"""Story events: one real-world event across articles, merged, kept apart, order-independent, disputed."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from sqlalchemy import inspect

from lagebild.picture.stories import figures, stories, story, update_stories
from lagebild.picture.story_commands import register
from lagebild.records import ActorRef, Analysis, Document, Event, Evidence, RawDocument
from lagebild.store import Store
from lagebild.store.migrate import head_revision


def ref(code: str) -> ActorRef:
    return ActorRef(text=code, code=code, country=code if len(code) == 3 else None)


def event(etype: str, actors: str, recipients: str = "", evidence: str = "", when: str | None = None,
          **extra: object) -> Event:
    """An event; ``actors``/``recipients`` are codes separated by spaces, ``when`` a TIMEX3 value."""
    precision = {10: "day", 7: "month", 4: "year"}.get(len(when or ""), None)
    text = evidence or f"{etype} {actors} {recipients}"
    return Event(event=etype, actor=tuple(ref(c) for c in actors.split()),
                 recipient=tuple(ref(c) for c in recipients.split()), evidence=Evidence(0, len(text), text),
                 date=when, date_precision=precision, **extra)  # type: ignore[arg-type]


def add(store: Store, doc_id: str, published: date | None, *events: Event, source: str | None = None) -> str:
    """Store an article whose text is its events' evidence."""
    text = f"{doc_id}: " + " ".join(e.evidence.text for e in events)
    raw = RawDocument(text=text, doc_id=doc_id, published=published, source=source, origin=doc_id)
    doc = Document(doc_id=doc_id, text=text, lang="de", published=published, source=source)
    return store.add(raw, Analysis(document=doc, events=events))


@pytest.fixture
def store() -> Iterator[Store]:
    with Store(":memory:") as s:
        yield s


def groups(store: Store) -> set[frozenset[str]]:
    """The stories as sets of "doc_id:evidence" (comparable across stores)."""
    out = set()
    for s in stories(store, limit=None):
        detail = story(store, s.id)
        assert detail is not None
        out.add(frozenset(f"{m.doc_id}:{m.evidence}" for m in detail.mentions))
    return out


MAY16 = date(2025, 5, 16)

# -- merging ----------------------------------------------------------------------------------------


def test_de_en_same_event_from_two_articles_merges(store: Store) -> None:
    add(store, "de-1", MAY16, event("AGREE", "RUS UKR", evidence="Russland und die Ukraine vereinbaren in "
                                    "Istanbul den Austausch von je 1000 Gefangenen", when="2025-05-16"))
    add(store, "en-1", MAY16, event("AGREE", "RUS UKR", evidence="Russia and Ukraine agreed in Istanbul to "
                                    "exchange 1,000 prisoners of war each", when="2025-05-16"))
    report = update_stories(store, ["de-1", "en-1"])
    assert (report.stories_created, report.merged) == (1, 1)
    [s] = stories(store)
    assert (s.type, s.n_mentions, s.n_sources, s.date) == ("AGREE", 2, 2, "2025-05-16")
    assert [a.code for a in s.actors] == ["RUS", "UKR"] and not s.disputed


@pytest.mark.parametrize(("first", "second"), [
    (event("AGREE", "RUS UKR", when="2025-05-16"), event("REJECT", "RUS UKR", when="2025-05-16")),
    (event("ACCUSE", "USA", "CHN", when="2025-05-16"), event("ACCUSE", "FRA", "DEU", when="2025-05-16")),
    (event("ACCUSE", "USA", "CHN", when="2025-05-16"), event("ACCUSE", "USA", "IRN", when="2025-05-16")),
    (event("AGREE", "RUS UKR", when="2025-05-16"), event("AGREE", "RUS UKR", when="2025-05-16", negated=True)),
    (event("SANCTION", "EU", "RUS", when="2025-05"),
     event("SANCTION", "EU", "RUS", when="2025-05", hypothetical=True)),
], ids=["type", "disjoint-actors", "disjoint-recipients", "negated", "hypothetical"])
def test_different_events_do_not_merge(store: Store, first: Event, second: Event) -> None:
    add(store, "a", MAY16, first)
    add(store, "b", MAY16, second)
    update_stories(store)
    assert [s.n_mentions for s in stories(store)] == [1, 1]


@pytest.mark.parametrize(("when_a", "pub_b", "when_b", "merged"), [
    ("2025-05-16", MAY16, "2025-05-16", True),
    ("2025-05", MAY16, "2025-05-16", True),  # compatible at the coarser precision
    ("2025", MAY16, "2025-05-16", True),
    ("2025-05-16", MAY16, "2025-05-17", True),  # one day apart: a two-day event
    ("2025-05-16", MAY16, "2025-05-20", False),
    ("2025-05", MAY16, "2025-06-02", False),
    (None, date(2025, 5, 19), None, True),  # undated: published within 3 days
    (None, date(2025, 5, 20), None, False),
    (None, date(2025, 5, 18), "2024-02-01", True),  # one undated: the articles' dates decide
    ("2025-05-16", date(2025, 6, 30), None, False),
])
def test_dates_decide(store: Store, when_a: str | None, pub_b: date, when_b: str | None, merged: bool) -> None:
    add(store, "a", MAY16, event("CONSULT", "RUS UKR", evidence="Gespräche in Istanbul", when=when_a))
    add(store, "b", pub_b, event("CONSULT", "RUS UKR", evidence="talks in Istanbul", when=when_b))
    update_stories(store)
    assert max(s.n_mentions for s in stories(store)) == (2 if merged else 1)


def test_events_of_one_article_never_merge(store: Store) -> None:
    add(store, "a", MAY16, event("ASSAULT", "RUS", "UKR", evidence="Drohnenangriff auf Kiew am Samstag"),
        event("ASSAULT", "RUS", "UKR", evidence="Drohnenangriff auf Charkiw am Sonntag"))
    add(store, "b", MAY16, event("ASSAULT", "RUS", "UKR", evidence="Drohnenangriff auf Kiew"))
    update_stories(store)
    assert sorted(s.n_mentions for s in stories(store)) == [1, 2]
    assert frozenset({"a:Drohnenangriff auf Kiew am Samstag", "b:Drohnenangriff auf Kiew"}) in groups(store)


def test_mutual_event_told_from_both_sides_merges(store: Store) -> None:
    add(store, "a", MAY16, event("CONSULT", "RUS UKR", evidence="Delegationen trafen sich in Istanbul"))
    add(store, "b", MAY16, event("CONSULT", "UKR", "RUS", evidence="Ukraine met Russia in Istanbul"))
    update_stories(store)
    assert [s.n_mentions for s in stories(store)] == [2]


def test_canonical_story_takes_majority_sides_and_most_precise_date(store: Store) -> None:
    add(store, "a", MAY16, event("MOBILIZE", "CHN", "TWN", evidence="Manöver um Taiwan", when="2025-05"),
        source="dpa")
    add(store, "b", MAY16, event("MOBILIZE", "CHN", "TWN", evidence="drills around Taiwan", when="2025-05-16"),
        source="Reuters")
    add(store, "c", date(2025, 5, 17), event("MOBILIZE", "CHN", "TWN USA", evidence="drills near Taiwan"),
        source="AP")
    update_stories(store)
    [s] = stories(store)
    assert (s.date, s.date_precision, s.n_mentions, s.n_sources) == ("2025-05-16", "day", 3, 3)
    assert [r.code for r in s.recipients] == ["TWN"]  # USA is named by one mention of three
    assert (s.first_seen, s.last_seen) == (MAY16, date(2025, 5, 17))


# -- determinism -----------------------------------------------------------------------------------

ARTICLES = [  # a chain of compatible mentions, competing candidates and unrelated events
    ("d1", date(2025, 5, 16), [event("AGREE", "RUS UKR", evidence="Austausch von 1000 Gefangenen vereinbart"),
                               event("CONSULT", "RUS UKR", evidence="Gespräche in Istanbul", when="2025-05-16")]),
    ("d2", date(2025, 5, 16), [event("AGREE", "RUS UKR", evidence="agreed to swap 1,000 prisoners"),
                               event("AGREE", "RUS", "UKR", evidence="Moscow ready to continue contacts")]),
    ("d3", date(2025, 5, 17), [event("AGREE", "RUS", "UKR", evidence="Moskau bereit, Kontakte fortzusetzen"),
                               event("CONSULT", "UKR", "RUS", evidence="talks in Istanbul", when="2025-05")]),
    ("d4", date(2025, 5, 19), [event("AGREE", "RUS UKR", evidence="der vereinbarte Austausch von 1000 "
                                     "Gefangenen"),
                               event("ACCUSE", "UKR", "RUS", evidence="Kiew wirft Moskau Verzögerung vor")]),
    ("d5", date(2025, 5, 21), [event("AGREE", "RUS UKR", evidence="prisoner exchange of 1,000 agreed"),
                               event("ACCUSE", "UKR", "RUS", evidence="Kyiv accuses Moscow of delays")]),
    ("d6", date(2025, 5, 22), [event("ACCUSE", "UKR", "RUS", evidence="Kyiv accuses Moscow again"),
                               event("CONSULT", "RUS UKR", evidence="second round in Istanbul", when="2025-06")]),
]


def ingest_in(order: list[int]) -> tuple[set[frozenset[str]], set[frozenset[str]]]:
    """The stories after updating them article by article in ``order``, and after a rebuild."""
    with Store(":memory:") as s:
        for n in order:
            doc_id, published, events = ARTICLES[n]
            add(s, doc_id, published, *events)
            update_stories(s, [doc_id])
        updated = groups(s)
        update_stories(s)
        return updated, groups(s)


def test_ingest_order_does_not_change_the_stories() -> None:
    orders = [[0, 1, 2, 3, 4, 5], [5, 4, 3, 2, 1, 0], [3, 0, 5, 1, 4, 2]]
    results = [ingest_in(order) for order in orders]
    partition = results[0][0]
    assert all(updated == rebuilt == partition for updated, rebuilt in results)
    assert any(len(g) > 2 for g in partition)  # the chain did merge


def test_random_orders_of_many_articles_agree() -> None:
    rng = random.Random(3)
    codes = ["RUS", "UKR", "USA", "CHN"]
    articles = []
    for n in range(24):
        published = date(2025, 5, 1 + rng.randrange(10))
        events = []
        for _ in range(3):
            actor, recipient = rng.sample(codes, 2)
            events.append(event(
                rng.choice(["AGREE", "ACCUSE"]), actor, recipient,
                evidence=f"Ereignis {rng.randrange(5)} in {rng.choice(['Kiew', 'Moskau'])} {n}",
                when=rng.choice([None, None, "2025-05", f"2025-05-{1 + rng.randrange(10):02d}"])))
        articles.append((f"r{n:02d}", published, events))
    results = []
    for k in range(3):
        shuffled = articles[:]
        random.Random(k).shuffle(shuffled)
        with Store(":memory:") as s:
            for doc_id, published, events in shuffled:
                add(s, doc_id, published, *events)
                if rng.random() < 0.5:
                    update_stories(s, [doc_id])
            update_stories(s, [])  # places the events still without a story
            results.append(groups(s))
    assert results[0] == results[1] == results[2]


def test_update_is_idempotent_and_places_events_stored_before(store: Store) -> None:
    add(store, "a", MAY16, event("AGREE", "RUS UKR", evidence="Einigung in Istanbul"))
    add(store, "b", MAY16, event("AGREE", "RUS UKR", evidence="agreement in Istanbul"))
    first = update_stories(store, [])  # no documents named: events without a story are placed
    assert (first.new_events, first.stories_created) == (2, 1)
    again = update_stories(store, ["a", "b"])
    assert again.stories_created == 1 and again.stories_removed == 1
    assert update_stories(store, []).new_events == 0


# -- figures ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "values"), [
    ("Austausch von jeweils 1000 Gefangenen", [1000]),
    ("Austausch von jeweils 1.000 Gefangenen", [1000]),
    ("Militärhilfe im Umfang von 571,3 Millionen Dollar", [571_300_000]),
    ("zehntausende Menschen demonstrierten", [10_000]),
    ("mehr als tausend Soldaten", [1000]),
    ("am 13. Juni griff Israel an", []),
    ("das 17. Sanktionspaket", []),
    ("seit Ende 2023 tauschen sie Daten aus", []),
    ("1968 palästinensische Häftlinge frei", [1968]),
    ("zwei Millionen Menschen", [2_000_000]),
])
def test_de_figures(text: str, values: list[float]) -> None:
    assert [f.value for f in figures(text)] == values


@pytest.mark.parametrize(("text", "values"), [
    ("to exchange 1,000 prisoners of war each", [1000]),
    ("approved $571.3 million in military assistance", [571_300_000]),
    ("tens of thousands of people", [10_000]),
    ("nearly 2,000 Palestinian prisoners", [2000]),
    ("on May 16, 2025 in Istanbul", []),
    ("the Hwasong-19 missile and F-16 jets", []),
    ("raise spending to 5% of GDP", [5]),
])
def test_en_figures(text: str, values: list[float]) -> None:
    assert [f.value for f in figures(text)] == values


def test_disputed_figures_are_kept_per_source(store: Store) -> None:
    add(store, "kcna", MAY16, event("RETREAT", "PRK", "KOR", evidence="Pjöngjang ließ 1000 Gefangene frei",
                                    reported_by="KCNA"), source="Yonhap")
    add(store, "reuters", MAY16, event("RETREAT", "PRK", "KOR", evidence="Pyongyang freed 3,000 prisoners"),
        source="Reuters")
    add(store, "ap", date(2025, 5, 17), event("RETREAT", "PRK", "KOR", evidence="released 1,000 prisoners"),
        source="AP")
    update_stories(store)
    [s] = stories(store)
    assert s.disputed and s.n_mentions == 3
    detail = story(store, s.id)
    assert detail is not None and detail.disputed
    shown = {label: [f.value for f in found] for label, found in detail.figures.items()}
    assert shown == {"KCNA": [1000], "Reuters": [3000], "AP": [1000]}
    assert detail.sources == ("AP", "KCNA", "Reuters", "Yonhap")


def test_agreeing_figures_are_not_disputed(store: Store) -> None:
    add(store, "a", MAY16, event("AGREE", "RUS UKR", evidence="Austausch von je 1.000 Gefangenen"))
    add(store, "b", MAY16, event("AGREE", "RUS UKR", evidence="exchange 1,000 prisoners each, 14 buses"))
    update_stories(store)
    assert not stories(store)[0].disputed


# -- reading, store, CLI ----------------------------------------------------------------------------


def test_stories_filters(store: Store) -> None:
    add(store, "a", MAY16, event("AGREE", "RUS UKR", when="2025-05-16"),
        event("ACCUSE", "USA", "CHN", when="2024-12"))
    add(store, "b", MAY16, event("AGREE", "RUS UKR", when="2025-05"))
    update_stories(store)
    assert [s.type for s in stories(store, actor="chn")] == ["ACCUSE"]
    assert [s.type for s in stories(store, type="agree")] == ["AGREE"]
    assert [s.type for s in stories(store, since=date(2025, 1, 1))] == ["AGREE"]
    assert [s.type for s in stories(store, until=date(2025, 1, 1))] == ["ACCUSE"]
    assert [s.type for s in stories(store, min_mentions=2)] == ["AGREE"]
    assert story(store, "s-nothing") is None


def test_story_tables_come_with_the_migration(tmp_path: Path) -> None:
    with Store(tmp_path / "m.db") as s:
        assert s.meta()["schema_revision"] == head_revision() >= "0002"
        assert s._engine is not None
        tables = set(inspect(s._engine).get_table_names())
    assert {"stories", "story_mentions"} <= tables


def test_deleting_a_document_removes_its_mentions(tmp_path: Path) -> None:
    with Store(tmp_path / "d.db") as s:
        add(s, "a", MAY16, event("AGREE", "RUS UKR", evidence="Einigung"))
        add(s, "b", MAY16, event("AGREE", "RUS UKR", evidence="agreement"))
        update_stories(s)
        assert s._engine is not None
        with s._engine.begin() as conn:
            conn.exec_driver_sql("DELETE FROM documents WHERE doc_id = 'b'")
        update_stories(s)
        assert [x.n_mentions for x in stories(s)] == [1]


@pytest.fixture
def cli() -> click.Group:
    @click.group()
    def main() -> None:
        """A stand-in for the lagebild group."""

    register(main)
    return main


def test_cli_stories_story_restory(cli: click.Group, tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    with Store(db) as s:
        add(s, "kcna", MAY16, event("RETREAT", "PRK", "KOR", evidence="1000 Gefangene frei", reported_by="KCNA"))
        add(s, "reuters", MAY16, event("RETREAT", "PRK", "KOR", evidence="freed 3,000 prisoners"),
            source="Reuters")
    runner = CliRunner()
    empty = runner.invoke(cli, ["stories", "--db", db])
    assert empty.exit_code == 0 and "lagebild restory" in empty.output
    rebuilt = runner.invoke(cli, ["restory", "--db", db])
    assert rebuilt.exit_code == 0 and "1 stories from 2 events" in rebuilt.output
    listed = runner.invoke(cli, ["stories", "--type", "RETREAT", "--min-mentions", "2"], env={"LAGEBILD_DB": db})
    assert listed.exit_code == 0 and "RETREAT: PRK -> KOR  2 mentions" in listed.output
    story_id = listed.output.split()[0]
    shown = runner.invoke(cli, ["story", story_id, "--db", db])
    assert shown.exit_code == 0
    assert "KCNA: 1000 / Reuters: 3000" in shown.output and "sources disagree" in shown.output
    missing = runner.invoke(cli, ["story", "s-000000000000", "--db", db])
    assert missing.exit_code == 1 and "no story 's-000000000000'" in missing.output
    bad = runner.invoke(cli, ["stories", "--since", "May", "--db", db])
    assert bad.exit_code == 2 and "YYYY-MM-DD" in bad.output



def test_named_views_list_stored_events(tmp_path: Path) -> None:
    from sqlalchemy import text

    with Store(tmp_path / "v.db") as s:
        assert s._engine is not None
        views = set(inspect(s._engine).get_view_names())
        assert {"event_list", "dyads", "actors"} <= views
        with s._engine.connect() as conn:
            assert conn.execute(text("SELECT COUNT(*) FROM event_list")).scalar() == 0
