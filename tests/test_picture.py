"""The situation picture: scores, dyad trends, the alliance network and its blocs, briefings, exports, CLI.

Hand-built events in a temporary store (no pipeline): a PRK-RUS-CHN camp, a USA-UKR-EU camp.
"""

from __future__ import annotations

import csv
import io
import json
import random
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from lagebild.picture.blocs import adjusted_rand, match_blocs, signed_blocs
from lagebild.picture.brief import brief
from lagebild.picture.commands import register
from lagebild.picture.dyad import dyad_trend
from lagebild.picture.export import plover_record, write_events
from lagebild.picture.facts import dyad_facts, parse_sides, window_facts
from lagebild.picture.network import compare_blocs, network
from lagebild.picture.ontology import plover
from lagebild.picture.periods import parse_since, parse_until, period_label, period_start, previous_window
from lagebild.picture.relations import direction, pairs
from lagebild.picture.scoring import Tally, weight
from lagebild.picture.views import EventFilter, iter_events
from lagebild.records import ActorRef, Analysis, Document, Event, Evidence, RawDocument
from lagebild.store import Store

# -- a small store --------------------------------------------------------------------------------

PEOPLE = {"Kim": "PRK", "Putin": "RUS"}


def ref(key: str) -> ActorRef:
    """A state, a person (rolled up to their state) or an organisation (no country)."""
    if key in PEOPLE:
        return ActorRef(text=key, code=PEOPLE[key], country=PEOPLE[key], name=key, kb_id=f"person:{key}", role="leader")
    return ActorRef(text=key, code=key, country=None if key in ("EU", "NATO") else key, name=key)


def ev(kind: str, actors: str, recipients: str = "", when: str | None = None, *, negated: bool = False,
       hypothetical: bool = False, historical: bool = False, mode: str | None = None, text: str = "") -> Event:
    sentence = text or f"{actors} {kind} {recipients}."
    return Event(event=kind, actor=tuple(ref(a) for a in actors.split()),
                 recipient=tuple(ref(r) for r in recipients.split()), evidence=Evidence(0, len(sentence), sentence),
                 mode=mode, date=when, date_precision=None if when is None else ("day" if len(when) == 10 else "month"),
                 negated=negated, hypothetical=hypothetical, historical=historical, trigger=kind.lower(),
                 trigger_span=(0, 3), confidence=0.8, why=("hand-built",), sent=0, stage="test")


DOCS: list[tuple[str, date, str, tuple[Event, ...]]] = [
    ("d0", date(2023, 12, 2), "Outlet Z", (ev("CONSULT", "Kim", "RUS", "2023-12-01", mode="visit"),)),
    ("d1", date(2024, 1, 15), "Outlet A", (
        ev("AID", "PRK", "RUS", "2024-01"),
        ev("AGREE", "Kim Putin", "", "2024-01-20"),
        ev("THREATEN", "PRK", "USA", "2024-01-10", hypothetical=True),
        ev("ASSAULT", "PRK RUS", "UKR", "2024-01-05"),
    )),
    ("d2", date(2024, 2, 10), "Outlet B", (
        ev("AID", "PRK", "RUS", None, negated=True),
        ev("CONSULT", "USA UKR", "", "2024-02"),
        ev("SANCTION", "EU", "RUS", "2024-02-03"),
        ev("SUPPORT", "USA", "UKR", "2024-02-04"),
    )),
    ("d3", date(2024, 2, 12), "Outlet C", (
        ev("AID", "PRK", "RUS", None),
        ev("SUPPORT", "CHN", "RUS", "2024-02-11"),
        ev("ACCUSE", "USA", "CHN", "2024-02-11"),
        ev("ASSAULT", "RUS", "UKR", None, historical=True),
    )),
]


def add_docs(store: Store, docs: list[tuple[str, date, str, tuple[Event, ...]]] = DOCS) -> None:
    for doc_id, published, source, events in docs:
        text = f"Article {doc_id}. " + " ".join(e.evidence.text for e in events)
        raw = RawDocument(text=text, doc_id=doc_id, title=f"Title {doc_id}", url=f"https://example.org/{doc_id}",
                          published=published, source=source, lang="en", origin=f"{doc_id}.txt")
        document = Document(doc_id=doc_id, text=text, lang="en", published=published, title=raw.title,
                            url=raw.url, source=source)
        store.add(raw, Analysis(document=document, events=events))


@pytest.fixture()
def store() -> Store:
    with Store(":memory:") as s:
        add_docs(s)
        yield s


@pytest.fixture()
def db(tmp_path: Path) -> str:
    path = tmp_path / "picture.db"
    with Store(path) as s:
        add_docs(s)
    return str(path)


# -- scores, periods, relations -------------------------------------------------------------------

def test_picture_weights() -> None:
    assert (weight(False, False), weight(False, True), weight(True, False), weight(True, True)) == (1, 0.5, 0, 0)


def test_picture_tally_is_weighted_mean() -> None:
    tally = Tally()
    tally.add("AID", None, False, False)  # 10
    tally.add("THREATEN", None, False, True)  # -3.5 at half weight
    tally.add("ASSAULT", None, True, False)  # negated: counted apart
    assert tally.score == round((10 - 3.5 * 0.5) / 1.5, 3)
    assert tally.total == pytest.approx(10 - 1.75)
    assert (tally.events, tally.negated, tally.hypothetical) == (3, 1, 1)
    assert tally.quad_counts() == {"verbal_cooperation": 0, "material_cooperation": 1, "verbal_conflict": 1,
                                   "material_conflict": 0}
    assert Tally().score is None


def test_picture_mode_scores_from_plover_yaml() -> None:
    ontology = plover()
    assert ontology.score("CONSULT", "visit") == 4 and ontology.score("CONSULT", None) == 2.5
    assert ontology.score("ASSAULT", "unknown-mode") == -9 and ontology.quad("SANCTION") == "material_conflict"
    assert len(ontology.types) == 16 and ontology.quads[0] == "verbal_cooperation"


@pytest.mark.parametrize(("text", "since", "until"), [
    ("2024", date(2024, 1, 1), date(2024, 12, 31)),
    ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
    ("2024-02-10", date(2024, 2, 10), date(2024, 2, 10)),
])
def test_picture_window_bounds(text: str, since: date, until: date) -> None:
    assert parse_since(text) == since and parse_until(text) == until


@pytest.mark.parametrize(("text", "expected"), [
    ("7d", date(2024, 3, 8)), ("4w", date(2024, 2, 16)), ("1m", date(2024, 2, 15)), ("6m", date(2023, 9, 15)),
    ("1y", date(2023, 3, 15)),
])
def test_picture_relative_since(text: str, expected: date) -> None:
    assert parse_since(text, today=date(2024, 3, 15)) == expected


def test_picture_bad_window_names_the_forms() -> None:
    with pytest.raises(ValueError, match="7d, 4w"):
        parse_since("last week")


def test_picture_periods_and_previous_window() -> None:
    day = date(2024, 5, 15)
    assert [period_label(period_start(day, p), p) for p in ("day", "week", "month", "quarter")] == \
        ["2024-05-15", "2024-W20", "2024-05", "2024-Q2"]
    assert previous_window(date(2024, 3, 8), date(2024, 3, 14)) == (date(2024, 3, 1), date(2024, 3, 7))


def test_picture_relations() -> None:
    f = frozenset
    assert list(pairs(f({"PRK"}), f({"RUS"}))) == [("PRK", "RUS")]
    assert list(pairs(f({"RUS", "PRK"}), f())) == [("PRK", "RUS")]
    assert list(pairs(f({"RUS", "PRK"}), f({"UKR"}))) == [("PRK", "UKR"), ("RUS", "UKR")]
    assert list(pairs(f({"PRK"}), f({"PRK"}))) == []
    assert direction(f({"RUS"}), f({"PRK"}), "PRK", "RUS") == "backward"
    assert direction(f({"RUS", "PRK"}), f(), "PRK", "RUS") == "mutual"
    assert direction(f({"RUS", "PRK"}), f({"UKR"}), "PRK", "RUS") is None
    assert parse_sides("actor\x1ePRK\x1factor\x1eUNK\x1frecipient\x1eRUS") == (f({"PRK"}), f({"RUS"}))


# -- facts ----------------------------------------------------------------------------------------

def test_picture_facts_roll_people_up_and_date_by_article(store: Store) -> None:
    facts = dyad_facts(store, "PRK", "RUS")
    agree = next(f for f in facts if f.type == "AGREE")
    assert agree.actors == {"PRK", "RUS"} and agree.recipients == frozenset()
    undated = [f for f in facts if f.type == "AID" and f.doc_id in ("d2", "d3")]
    assert sorted(f.day for f in undated) == [date(2024, 2, 10), date(2024, 2, 12)]
    days = [f.day for f in facts]
    assert days == sorted(days)


def test_picture_undated_historical_events_are_left_out(store: Store) -> None:
    facts = window_facts(store, None, None)
    assert not [f for f in facts if f.doc_id == "d3" and f.type == "ASSAULT"]
    assert len(facts) == 12


# -- dyad -----------------------------------------------------------------------------------------

def test_picture_dyad_trend_by_month(store: Store) -> None:
    trend = dyad_trend(store, "prk", "RUS", by="month")
    assert [p.period for p in trend.points] == ["2023-12", "2024-01", "2024-02"]
    dec, jan, feb = trend.points
    assert dec.score == 4.0 and dec.forward == 1 and dec.quads["verbal_cooperation"] == 1
    assert jan.count == 2 and jan.mutual == 1 and jan.forward == 1  # the joint assault on UKR is not PRK-RUS
    assert jan.score == round((10 + 2.5) / 2, 3)
    assert feb.count == 2 and feb.negated == 1 and feb.quads["material_cooperation"] == 1 and feb.score == 10
    assert set(trend.events) == {e for p in trend.points for e in p.events} and len(trend.events) == 5
    assert trend.overall.events == 5


def test_picture_dyad_either_direction_and_window(store: Store) -> None:
    forward = dyad_trend(store, "PRK", "RUS", by="quarter", since=date(2024, 1, 1))
    backward = dyad_trend(store, "RUS", "PRK", by="quarter", since=date(2024, 1, 1))
    assert [p.period for p in forward.points] == ["2024-Q1"]
    assert forward.points[0].forward == backward.points[0].backward == 3
    assert forward.points[0].events == backward.points[0].events


def test_picture_dyad_pads_empty_periods_and_json(store: Store) -> None:
    trend = dyad_trend(store, "PRK", "RUS", by="month", since=date(2023, 10, 1), until=date(2024, 3, 31))
    assert [p.period for p in trend.points][:3] == ["2023-10", "2023-11", "2023-12"]
    assert trend.points[0].score is None and trend.points[0].events == ()
    data = json.loads(json.dumps(trend.to_json()))
    assert data["a"] == "PRK" and len(data["points"]) == 6 and data["quads"]["material_cooperation"] == 2


def test_picture_dyad_organisation_and_no_events(store: Store) -> None:
    assert dyad_trend(store, "EU", "RUS").points[0].quads["material_conflict"] == 1
    assert dyad_trend(store, "CHN", "UKR").points == ()
    with pytest.raises(ValueError, match="two different"):
        dyad_trend(store, "PRK", "prk")
    with pytest.raises(ValueError, match="unknown period"):
        dyad_trend(store, "PRK", "RUS", by="year")


# -- network and blocs ----------------------------------------------------------------------------

def test_picture_network_signs_and_blocs(store: Store) -> None:
    net = network(store, date(2024, 1, 1), date(2024, 2, 29))
    edges = {(e.a, e.b): e for e in net.edges}
    assert edges[("PRK", "RUS")].weight == pytest.approx(10 + 2.5 + 10)  # negated AID counts 0
    assert edges[("PRK", "RUS")].events == 4
    assert edges[("EU", "RUS")].weight == -6 and edges[("PRK", "USA")].weight == -1.75
    assert ("PRK", "UKR") in edges and ("RUS", "UKR") in edges
    assert {frozenset(b) for b in net.blocs} == {frozenset({"PRK", "RUS", "CHN"}), frozenset({"USA", "UKR", "EU"})}
    assert net.bloc_of("PRK") == net.bloc_of("CHN") != net.bloc_of("USA")
    assert net.blocs[0][0] in ("RUS", "PRK")  # most involved first


def test_picture_network_min_events_and_empty(store: Store) -> None:
    net = network(store, date(2024, 1, 1), date(2024, 2, 29), min_events=2)
    assert [(e.a, e.b) for e in net.edges] == [("PRK", "RUS"), ("UKR", "USA")]
    empty = network(store, date(2030, 1, 1), date(2030, 12, 31))
    assert empty.nodes == () and empty.blocs == ()


def test_picture_compare_blocs_between_windows(store: Store) -> None:
    before = network(store, date(2023, 12, 1), date(2024, 1, 31))
    after = network(store, date(2024, 2, 1), date(2024, 2, 29))
    shift = compare_blocs(before, after)
    assert "CHN" in shift.appeared and "EU" in shift.appeared
    assert shift.agreement == pytest.approx(adjusted_rand(
        [before.bloc_of(a) for a in sorted({n.id for n in before.nodes} & {n.id for n in after.nodes})],
        [after.bloc_of(a) for a in sorted({n.id for n in before.nodes} & {n.id for n in after.nodes})]))


def test_picture_signed_blocs_are_deterministic() -> None:
    edges = [("A", "B", 5), ("B", "C", 4), ("A", "C", 3), ("D", "E", 5), ("E", "F", 4), ("D", "F", 2),
             ("A", "D", -6), ("C", "F", -3), ("B", "E", -2)]
    names = list("ABCDEFX")
    expected = [["A", "B", "C"], ["D", "E", "F"], ["X"]]
    assert signed_blocs(names, edges) == expected
    shuffled = edges[:]
    random.Random(3).shuffle(shuffled)
    assert signed_blocs(list(reversed(names)), shuffled) == expected


def test_picture_shared_enemy_joins_blocs() -> None:
    """Two actors that never meet but fight the same third one end up together."""
    edges = [("A", "X", -5), ("B", "X", -5), ("X", "Y", 5), ("A", "C", 2), ("B", "D", 2)]
    blocs = signed_blocs(["A", "B", "C", "D", "X", "Y"], edges)
    assert any({"A", "B"} <= set(b) for b in blocs)
    assert not any({"A", "X"} <= set(b) for b in blocs)


def test_picture_match_blocs_lists_movers() -> None:
    shift = match_blocs([["A", "B", "C"], ["D", "E"]], [["A", "B"], ["C", "D", "E"], ["F"]])
    assert shift.moved == (("C", 0, 1),) and shift.appeared == ("F",) and shift.disappeared == ()
    assert shift.matches[0].after == 0 and shift.matches[1].joined == ("C",)
    assert adjusted_rand([0, 0, 1, 1], [5, 5, 7, 7]) == 1.0


# -- briefing -------------------------------------------------------------------------------------

def test_picture_brief_against_previous_window(store: Store) -> None:
    result = brief(store, date(2024, 2, 1), date(2024, 2, 29), top=5)
    assert (result.previous_since, result.previous_until) == (date(2024, 1, 3), date(2024, 1, 31))
    assert result.events == 7 and result.events_before == 3  # the AID of 2024-01 starts on 01-01
    new = {(d.a, d.b) for d in result.new_dyads}
    assert {("CHN", "RUS"), ("EU", "RUS"), ("UKR", "USA"), ("CHN", "USA")} <= new and ("PRK", "RUS") not in new
    assert ("CHN", 2) in result.new_actors and ("EU", 1) in result.new_actors
    shift = next(d for d in result.shifts if (d.a, d.b) == ("PRK", "RUS"))
    assert shift.before == 2.5 and shift.now == 10 and shift.shift == 7.5
    assert result.top_events[0].type == "AID" and result.top_events[0].score == 10
    assert all(e.type != "AID" or e.doc_id == "d3" for e in result.top_events)  # the negated AID is not intense
    (dispute,) = result.disputed
    assert dispute.type == "AID" and [(c[0], c[2]) for c in dispute.claims] == [("d2", True), ("d3", False)]
    assert json.loads(json.dumps(result.to_json()))["disputed"][0]["claims"][0]["negated"] is True


def test_picture_brief_rejects_reversed_window(store: Store) -> None:
    with pytest.raises(ValueError, match="before it starts"):
        brief(store, date(2024, 2, 1), date(2024, 1, 1))


# -- export ---------------------------------------------------------------------------------------

def test_picture_export_plover_jsonl(store: Store) -> None:
    out = io.StringIO()
    assert write_events(iter_events(store, batch=3), out, "plover-jsonl") == 13
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    aid = next(r for r in records if r["event"] == ["AID"] and r["cite_info"]["citation"] == "d1")
    assert aid["date"] == "2024-01-01" and aid["enddate"] == "2024-01-31" and aid["quad_code"] == 2
    assert aid["source"][0]["code"] == "PRK" and aid["recipient"][0]["code"] == "RUS"
    assert aid["event_text"] == ["PRK AID RUS."] and aid["text_info"]["end"] == len("PRK AID RUS.")
    assert aid["cite_info"]["url"] == "https://example.org/d1" and aid["coder"].startswith("lagebild")
    kim = next(r for r in records if r["event"] == ["CONSULT"] and r["doc_id"] == "d0")
    assert kim["source"][0] == {"code": "PRK", "sector": None, "actor_text": "Kim", "identifier_id": "person:Kim",
                                "identifier_text": "Kim", "office": "leader"}
    assert kim["mode"] == ["visit"] and kim["event_scale"] == 4
    undated = next(r for r in records if r["doc_id"] == "d2" and r["event"] == ["AID"])
    assert undated["date"] == "2024-02-10" and undated["negated"] is True and undated["timex"] is None


def test_picture_export_csv_filtered(store: Store) -> None:
    out = io.StringIO()
    assert write_events(iter_events(store, EventFilter(involving="UKR")), out, "csv") == 4
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert {r["event"] for r in rows} == {"ASSAULT", "CONSULT", "SUPPORT"}
    joint = next(r for r in rows if r["event"] == "ASSAULT" and r["doc_id"] == "d1")
    assert joint["source"] == "PRK;RUS" and joint["recipient"] == "UKR" and joint["quad_code"] == "4"


def test_picture_export_rejects_unknown_format(store: Store) -> None:
    with pytest.raises(ValueError, match="plover-jsonl, csv"):
        write_events([], io.StringIO(), "xml")
    assert plover_record(next(iter_events(store)))["id"].startswith("lagebild-")


# -- command line ---------------------------------------------------------------------------------

@pytest.fixture()
def cli() -> object:
    import click

    @click.group()
    def main() -> None:
        """Test group."""

    register(main)
    return main


def run(cli: object, *args: str) -> object:
    result = CliRunner().invoke(cli, list(args))  # type: ignore[arg-type]
    return result


def test_picture_cli_dyad_formats(cli: object, db: str, tmp_path: Path) -> None:
    text = run(cli, "dyad", "PRK", "RUS", "--db", db)
    assert text.exit_code == 0, text.output
    assert "PRK - RUS by month: 5 events" in text.output and "2024-01" in text.output
    data = json.loads(run(cli, "dyad", "prk", "rus", "--format", "json", "--db", db).output)
    assert data["count"] == 5 and [p["period"] for p in data["points"]] == ["2023-12", "2024-01", "2024-02"]
    rows = list(csv.DictReader(io.StringIO(run(cli, "dyad", "PRK", "RUS", "--by", "quarter", "--format", "csv",
                                               "--db", db).output)))
    assert [r["period"] for r in rows] == ["2023-Q4", "2024-Q1"] and rows[1]["score"]
    plot = tmp_path / "dyad.svg"
    result = run(cli, "dyad", "PRK", "RUS", "--plot", str(plot), "--db", db)
    assert result.exit_code == 0 and plot.read_text().startswith("<?xml")


def test_picture_cli_dyad_usage_errors(cli: object, db: str) -> None:
    same = run(cli, "dyad", "PRK", "prk", "--db", db)
    assert same.exit_code == 2 and "two different actors" in same.output
    bad = run(cli, "dyad", "PRK", "RUS", "--since", "yesterday", "--db", db)
    assert bad.exit_code == 2 and "7d, 4w" in bad.output
    backwards = run(cli, "dyad", "PRK", "RUS", "--since", "2024-02", "--until", "2024-01", "--db", db)
    assert backwards.exit_code == 2 and "lies before" in backwards.output


def test_picture_cli_network_formats(cli: object, db: str, tmp_path: Path) -> None:
    text = run(cli, "network", "--since", "2024-01", "--until", "2024-02", "--compare", "--db", db)
    assert text.exit_code == 0, text.output
    assert "2 blocs" in text.output and "PRK-RUS" in text.output and "adjusted Rand" in text.output
    data = json.loads(run(cli, "network", "--since", "2024-01", "--until", "2024-02", "--format", "json",
                          "--db", db).output)
    assert {frozenset(b) for b in data["blocs"]} == {frozenset({"PRK", "RUS", "CHN"}), frozenset({"USA", "UKR", "EU"})}
    graphml = run(cli, "network", "--format", "graphml", "--db", db).output
    gexf = run(cli, "network", "--format", "gexf", "--db", db).output
    assert "<graphml" in graphml and 'attr.name="bloc"' in graphml and "<gexf" in gexf
    plot = tmp_path / "net.png"
    assert run(cli, "network", "--plot", str(plot), "--db", db).exit_code == 0 and plot.stat().st_size > 1000
    assert run(cli, "network", "--compare", "--db", db).exit_code == 2


def test_picture_cli_brief(cli: object, db: str) -> None:
    result = run(cli, "brief", "--since", "2024-02-01", "--until", "2024-02-29", "--db", db)
    assert result.exit_code == 0, result.output
    assert "new dyads:" in result.output and "disputed claims:" in result.output and "d2 says not" in result.output
    data = json.loads(run(cli, "brief", "--since", "2024-02-01", "--until", "2024-02", "--format", "json",
                          "--db", db).output)
    assert data["events"] == 7
    assert run(cli, "brief", "--since", "7d", "--db", db).exit_code == 0
    assert run(cli, "brief", "--since", "soon", "--db", db).exit_code == 2


def test_picture_cli_export(cli: object, db: str, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    result = run(cli, "export", "--format", "plover-jsonl", "--out", str(out), "--db", db)
    assert result.exit_code == 0 and "13 events written" in result.output
    assert len(out.read_text().splitlines()) == 13
    csv_out = tmp_path / "prk.csv"
    assert run(cli, "export", "--format", "csv", "--out", str(csv_out), "--actor", "PRK", "--type", "AID",
               "--db", db).exit_code == 0
    assert len(list(csv.DictReader(csv_out.open()))) == 3


def test_picture_cli_db_from_environment(cli: object, db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAGEBILD_DB", db)
    assert "5 events" in run(cli, "dyad", "PRK", "RUS").output


def test_picture_cli_commands_registered(cli: object) -> None:
    assert {"dyad", "network", "brief", "export", "serve"} <= set(cli.commands)  # type: ignore[attr-defined]
    serve = run(cli, "serve", "--help")
    assert serve.exit_code == 0 and "--workers" in serve.output and "--writable" in serve.output
