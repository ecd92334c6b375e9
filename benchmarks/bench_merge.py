"""Merging events across articles: pair precision/recall of story events on the held-out articles.

    .venv/bin/python benchmarks/bench_merge.py [--synthetic N_EVENTS] [--orders N]

1. The 32 held-out articles (benchmarks/data/heldout/*.json) are read with ``read_sources`` (with the
   gold file's ``pub_date`` as publication date), analysed by the default pipeline and stored in a
   temporary Store; ``update_stories`` clusters their events.
2. Gold: benchmarks/data/heldout_merge_pairs.json, pairs of gold events in different articles that
   report the same real-world event (chosen by hand, see its ``description``). System events are
   mapped to gold events per document with the matching rule of shared/eval/score.py (type + actor
   overlap + recipient overlap, one-to-one, greedy).
3. A system pair is two events of different articles in one story. It is right when both map to gold
   events that form a gold pair. Precision over all system pairs (and over the pairs whose both events
   map to some gold event), recall over the gold pairs.
4. Order: the same analyses stored in other orders, stories updated after every document, must give the
   same partition. Timing: ``update_stories`` for the 32 documents, and for a synthetic store.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import itertools
import json
import random
import sys
import tempfile
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from lagebild.export import event_json
from lagebild.ingest import read_sources
from lagebild.picture.stories import update_stories
from lagebild.pipeline import default_pipeline
from lagebild.records import ActorRef, Analysis, Document, Event, Evidence, RawDocument
from lagebild.store import Store
from lagebild.store.models import DocumentModel, EventModel
from lagebild.store.stories import StoryMentionModel

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = ROOT / "benchmarks" / "data" / "heldout"
PAIRS = ROOT / "benchmarks" / "data" / "heldout_merge_pairs.json"
SCORER = ROOT.parent / "shared" / "eval" / "score.py"

Pair = tuple[tuple[str, int], tuple[str, int]]


def _scorer() -> Any:
    """shared/eval/score.py as a module (its ``match_events`` is the matching rule)."""
    spec = importlib.util.spec_from_file_location("score", SCORER)
    assert spec is not None and spec.loader is not None, f"cannot load {SCORER}"
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_heldout() -> list[RawDocument]:
    """The held-out articles, with their gold ``pub_date`` as publication date where given."""
    raws = []
    for raw in read_sources(sorted(str(p) for p in HELDOUT.glob("*.json"))):
        assert isinstance(raw, RawDocument), raw
        pub = json.loads(Path(raw.origin).read_text(encoding="utf-8"))["pub_date"]
        raws.append(dataclasses.replace(raw, published=date.fromisoformat(pub)) if pub else raw)
    return raws


def stored_events(store: Store) -> dict[str, list[tuple[int, Event]]]:
    """Each document's events with their database ids, in stored order."""
    with store._reading() as session:
        ids: dict[str, list[int]] = defaultdict(list)
        for doc_id, event_id in session.execute(
                select(DocumentModel.doc_id, EventModel.id).join(EventModel).order_by(EventModel.id)):
            ids[doc_id].append(event_id)
    out = {}
    for doc_id, event_ids in ids.items():
        stored = store.get(doc_id)
        assert stored is not None
        out[doc_id] = list(zip(event_ids, stored.events, strict=True))
    return out


def partition(store: Store) -> set[frozenset[tuple[str, int, int, str]]]:
    """Stories as sets of (doc_id, evidence start, evidence end, type): comparable across stores."""
    with store._reading() as session:
        rows = session.execute(
            select(StoryMentionModel.story_id, StoryMentionModel.doc_id, EventModel.evidence_start,
                   EventModel.evidence_end, EventModel.type).join(EventModel))
        groups: dict[str, set[tuple[str, int, int, str]]] = defaultdict(set)
        for story_id, doc_id, start, end, etype in rows:
            groups[story_id].add((doc_id, start, end, etype))
    return {frozenset(g) for g in groups.values()}


def system_pairs(store: Store) -> list[tuple[int, int]]:
    """Pairs of event ids of different documents that share a story."""
    with store._reading() as session:
        members: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for story_id, event_id, doc_id in session.execute(
                select(StoryMentionModel.story_id, StoryMentionModel.event_id, StoryMentionModel.doc_id)):
            members[story_id].append((event_id, doc_id))
    return [(a, b) for group in members.values() for (a, da), (b, db) in itertools.combinations(group, 2)
            if da != db]


def gold_map(store: Store) -> dict[int, tuple[str, int]]:
    """System event id -> (doc_id, gold event index), by the scorer's matching rule."""
    score = _scorer()
    mapping = {}
    for doc_id, events in stored_events(store).items():
        gold = json.loads((HELDOUT / f"{doc_id}.json").read_text(encoding="utf-8"))["events"]
        system = [dict(event_json(e), _id=event_id) for event_id, e in events]
        index = {id(g): n for n, g in enumerate(gold)}
        for g, s in score.match_events(gold, system):
            mapping[s["_id"]] = (doc_id, index[id(g)])
    return mapping


def pair_scores(store: Store) -> dict[str, Any]:
    """Pair precision/recall/F1 against the hand-made gold pairs."""
    gold_pairs = {frozenset({(a, i), (b, j)}) for a, i, b, j, _ in
                  json.loads(PAIRS.read_text(encoding="utf-8"))["pairs"]}
    mapping = gold_map(store)
    found = system_pairs(store)
    mapped = [frozenset({mapping[a], mapping[b]}) for a, b in found if a in mapping and b in mapping]
    tp = len(gold_pairs & set(mapped))
    reachable = sum(1 for p in gold_pairs if all(g in set(mapping.values()) for g in p))
    p = tp / len(found) if found else 0.0
    r = tp / len(gold_pairs)
    return {"tp": tp, "system_pairs": len(found), "mapped_pairs": len(mapped), "gold_pairs": len(gold_pairs),
            "reachable": reachable, "precision": p, "precision_mapped": tp / len(mapped) if mapped else 0.0,
            "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def _precision_of(value: str | None) -> str | None:
    if not value:
        return None
    return {10: "day", 7: "month", 4: "year"}.get(len(value), "range")


def gold_analyses(raws: list[RawDocument]) -> list[tuple[RawDocument, Analysis]]:
    """The held-out articles with their *gold* events as the analysis: the merge alone, without extraction."""
    out = []
    for raw in raws:
        gold = json.loads(Path(raw.origin).read_text(encoding="utf-8"))
        events = []
        for g in gold["events"]:
            start = raw.text.index(g["quote"])
            events.append(Event(
                event=g["type"], mode=g["mode"], actor=tuple(ActorRef(c, c, country=c) for c in g["actors"]),
                recipient=tuple(ActorRef(c, c, country=c) for c in g["recipients"]),
                evidence=Evidence(start, start + len(g["quote"]), g["quote"]), date=g["date"],
                date_precision=_precision_of(g["date"]), negated=g["negated"], hypothetical=g["hypothetical"],
                reported_by=g["reported_by"]))
        doc = Document(doc_id=raw.doc_id, text=raw.text, lang=gold["lang"], published=raw.published)
        out.append((raw, Analysis(document=doc, events=tuple(events))))
    return out


def gold_event_scores(raws: list[RawDocument]) -> dict[str, Any]:
    """Pair scores when the gold events are clustered (each stored event is its own gold event)."""
    gold_pairs = {frozenset({(a, i), (b, j)}) for a, i, b, j, _ in
                  json.loads(PAIRS.read_text(encoding="utf-8"))["pairs"]}
    with Store(":memory:") as store:
        for raw, analysis in gold_analyses(raws):
            store.add(raw, analysis)
        update_stories(store)
        index = {event_id: (doc_id, n) for doc_id, events in stored_events(store).items()
                 for n, (event_id, _) in enumerate(events)}
        found = {frozenset({index[a], index[b]}) for a, b in system_pairs(store)}
    tp = len(found & gold_pairs)
    p, r = tp / len(found) if found else 0.0, tp / len(gold_pairs)
    return {"tp": tp, "system_pairs": len(found), "gold_pairs": len(gold_pairs), "precision": p, "recall": r,
            "f1": 2 * p * r / (p + r) if p + r else 0.0,
            "wrong": sorted(tuple(sorted(pair)) for pair in found - gold_pairs),
            "missed": sorted(tuple(sorted(pair)) for pair in gold_pairs - found)}


def synthetic(n_events: int, seed: int = 7) -> list[tuple[RawDocument, Analysis]]:
    """Articles with 10 events each: random types, sides among 40 codes, dates over two years."""
    rng = random.Random(seed)
    types = ["AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "REQUEST", "ACCUSE", "REJECT", "THREATEN",
             "PROTEST", "SANCTION", "MOBILIZE", "ASSAULT", "RETREAT", "CONCEDE", "COERCE"]
    codes = ["USA", "RUS", "UKR", "CHN", "TWN", "ISR", "IRN", "PSE", "DEU", "FRA", "GBR", "PRK", "KOR", "JPN",
             "EU", "NATO", "UN", "TUR", "EGY", "QAT", "IND", "PAK", "SYR", "LBN", "YEM", "SAU", "POL", "HUN",
             "ITA", "ESP", "BRA", "MEX", "ZAF", "NGA", "ETH", "SDN", "AFG", "IRQ", "VEN", "CUB"]
    words = ["Gespräche", "Abkommen", "Angriff", "Truppen", "Grenze", "Sanktionen", "Hilfe", "Erklärung", "Gipfel", "Drohung"]
    start, out = date(2024, 1, 1), []
    for n in range(n_events // 10):
        pub = start + timedelta(days=rng.randrange(730))
        text = f"Synthetischer Bericht {n}. " + " ".join(rng.choice(words) for _ in range(60)) + f" {n}."
        events = []
        for k in range(10):
            a, r = rng.sample(codes[:12] if rng.random() < 0.7 else codes, 2)
            day = pub - timedelta(days=rng.randrange(4))
            dated = rng.random() < 0.4
            sentence = f"{a} {rng.choice(words)} {r} {rng.randrange(1, 5000)} {rng.choice(words)} {k}"
            events.append(Event(
                event=rng.choice(types), actor=(ActorRef(a, a, country=a),), recipient=(ActorRef(r, r, country=r),),
                evidence=Evidence(k * 10, k * 10 + len(sentence), sentence), hypothetical=rng.random() < 0.1,
                date=day.isoformat() if dated else None, date_precision="day" if dated else None))
        raw = RawDocument(text=text, doc_id=f"syn-{n:05d}", published=pub, source=f"agency-{n % 7}")
        doc = Document(doc_id=raw.doc_id, text=text, lang="de", published=pub, source=raw.source)
        out.append((raw, Analysis(document=doc, events=tuple(events))))
    return out


def timing_synthetic(n_events: int) -> tuple[float, float, int]:
    """Seconds for a full build of a synthetic store and for adding 10 documents to it; stories built."""
    docs = synthetic(n_events + 100)
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "syn.db") as store:
        for raw, analysis in docs[:-10]:
            store.add(raw, analysis)
        full = update_stories(store)
        for raw, analysis in docs[-10:]:
            store.add(raw, analysis)
        incremental = update_stories(store, [raw.doc_id for raw, _ in docs[-10:]])
    return full.seconds, incremental.seconds, full.stories_created


def main() -> None:
    """Ingest, cluster, score and time; print the figures and the command."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--synthetic", type=int, default=10_000, help="events in the synthetic store")
    parser.add_argument("--orders", type=int, default=3, help="ingest orders compared (incl. sorted)")
    parser.add_argument("--verbose", action="store_true", help="list the wrong and the missed gold pairs")
    args = parser.parse_args()
    pipeline = default_pipeline()
    raws = read_heldout()
    analyses = [(raw, pipeline(raw)) for raw in raws]
    partitions, report = [], None
    with tempfile.TemporaryDirectory() as tmp:
        with Store(Path(tmp) / "heldout.db") as store:
            for raw, analysis in analyses:
                store.add(raw, analysis)
            report = update_stories(store, [raw.doc_id for raw in raws])
            scores = pair_scores(store)
            partitions.append(partition(store))
        incremental = 0.0
        for n in range(1, args.orders):
            shuffled = analyses[:]
            random.Random(n).shuffle(shuffled)
            with Store(Path(tmp) / f"order{n}.db") as store:
                for raw, analysis in shuffled:
                    store.add(raw, analysis)
                    incremental += update_stories(store, [raw.doc_id]).seconds
                partitions.append(partition(store))
    oracle = gold_event_scores(raws)
    full, added, built = timing_synthetic(args.synthetic)
    python = Path(sys.executable)
    shown = python.relative_to(ROOT) if python.is_relative_to(ROOT) else python
    print(f"$ {shown} benchmarks/bench_merge.py --synthetic {args.synthetic} "
          f"--orders {args.orders}")
    print(f"held-out: {len(raws)} documents, {report.events} events -> {report.stories_created} stories "
          f"({report.merged} with more than one mention)")
    print(f"pairs: P={scores['precision']:.3f} R={scores['recall']:.3f} F1={scores['f1']:.3f}  "
          f"(tp={scores['tp']} system={scores['system_pairs']} gold={scores['gold_pairs']}; "
          f"P on pairs of gold-mapped events={scores['precision_mapped']:.3f} of {scores['mapped_pairs']}; "
          f"gold pairs whose both events were extracted={scores['reachable']})")
    print(f"pairs, clustering the gold events (merge alone, extraction left out): P={oracle['precision']:.3f} "
          f"R={oracle['recall']:.3f} F1={oracle['f1']:.3f}  (tp={oracle['tp']} system={oracle['system_pairs']} "
          f"gold={oracle['gold_pairs']})")
    if args.verbose:
        print("  merged, not a gold pair:", oracle["wrong"])
        print("  gold pair not merged:", oracle["missed"])
    same = all(p == partitions[0] for p in partitions[1:])
    print(f"order independence: {len(partitions)} ingest orders give {'the same' if same else 'DIFFERENT'} "
          f"partition")
    print(f"update_stories, 32 documents at once: {report.seconds * 1000:.0f} ms; one call per document: "
          f"{incremental / max(1, args.orders - 1) * 1000:.0f} ms in all")
    print(f"update_stories, synthetic store of {args.synthetic} events: rebuild {full:.2f} s "
          f"({built} stories), then 10 new documents (100 events) {added * 1000:.0f} ms")


if __name__ == "__main__":
    main()
