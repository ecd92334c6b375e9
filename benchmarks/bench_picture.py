"""Benchmark the situation picture on a large synthetic store.

Fills a temporary SQLite store with synthetic events (default 1,000,000; bulk insert through
SQLAlchemy Core into the real tables), then prints

- the dyad trend for one pair, by month over five years (ms; target < 200 ms),
- the alliance network for a one-year window (s; target < 2 s),
- the HTTP API's latency (p50/p95) under 50 concurrent clients on loopback, a bounded number of
  requests (a mix of event lists, event details, dyads and documents), the server stopping itself.

Synthetic data: ~150 actors (135 states, 15 organisations) drawn with Zipf-like weights (the most
reported actor ~30x the 30th), three latent blocs (same bloc: mostly cooperation, different blocs:
mostly conflict); 200,000 articles published over 2021-2025 and stored in that order (as an archive
is ingested), five events each, dated around their article (70% within two days, 5% up to two years
back) with day/month/year precision, 1% undated (dated by their article), 3% negated, 10% hypothetical.

    .venv/bin/python benchmarks/bench_picture.py [--events 1000000] [--db PATH] [--keep]
        [--requests 2000] [--concurrency 50]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from itertools import accumulate
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, insert

from lagebild.picture.dyad import dyad_trend
from lagebild.picture.network import network
from lagebild.picture.ontology import plover
from lagebild.store import Store
from lagebild.store.models import DocumentModel, EventActorModel, EventModel

HERE = Path(__file__).resolve().parent
FIRST_DAY, DAYS = date(2021, 1, 1), 5 * 365
EVENTS_PER_DOC = 5
BATCH = 50_000
WEST = ["USA", "GBR", "DEU", "FRA", "UKR", "JPN", "KOR", "POL", "CAN", "AUS", "ITA", "ISR", "EU", "NATO", "G7"]
EAST = ["RUS", "CHN", "PRK", "IRN", "BLR", "SYR", "VEN", "CUB", "SCO", "CSTO", "MMR", "NIC", "ERI"]
ORGS = ["EU", "NATO", "UN", "G7", "ASEAN", "AU", "SCO", "CSTO", "OPEC", "WTO", "IMF", "WHO", "BRICS", "OSCE", "GCC"]


def actors(count: int = 150) -> list[str]:
    """~150 actor codes: the blocs' members first, then other states and organisations."""
    others = ["IND", "TUR", "BRA", "SAU", "ZAF", "EGY", "PAK", "IDN", "MEX", "NGA", "ARE", "QAT", "VNM", "THA"]
    codes = list(dict.fromkeys(WEST + EAST + others + ORGS))
    states = _iso3_codes()
    codes += [c for c in states if c not in codes][: count - len(codes)]
    return codes[:count]


def _iso3_codes() -> list[str]:
    """Every ISO3 code of the bundled country table."""
    from importlib import resources

    import yaml

    path = resources.files("lagebild.actors") / "data" / "countries.yaml"
    return sorted(yaml.safe_load(path.read_text(encoding="utf-8")))


def blocs(codes: list[str], rng: random.Random) -> dict[str, int]:
    """Latent bloc of every actor: 0 west, 1 east, 2 non-aligned (the rest drawn at random)."""
    out = {c: 0 for c in WEST} | {c: 1 for c in EAST}
    return {c: out.get(c, rng.choices((0, 1, 2), (1, 1, 4))[0]) for c in codes}


def _types() -> tuple[list[str], list[str]]:
    """Cooperative and conflictual PLOVER types."""
    ontology = plover()
    coop = [t for t in ontology.types if ontology.score(t, None) > 0]
    conflict = [t for t in ontology.types if ontology.score(t, None) <= 0]
    return coop, conflict


def synthetic_documents(n: int, seed: int = 7) -> Iterator[tuple[date, list[tuple[dict[str, Any], list[dict[str, Any]]]]]]:
    """Documents in publication order (as a news archive is ingested) with their ~``n`` events in all.

    Each article has a main pair (60% of its events), and its events are dated around its publication
    day: 70% the same or the previous two days, 25% up to two months before, 5% up to two years before.
    """
    rng = random.Random(seed)
    codes = actors()
    cumulative = list(accumulate(1 / (rank + 1) ** 1.1 for rank in range(len(codes))))
    bloc = blocs(codes, rng)
    coop, conflict = _types()
    documents = max(1, n // EVENTS_PER_DOC)
    for i in range(documents):
        published = FIRST_DAY + timedelta(days=i * DAYS // documents)
        main = _pair(rng, codes, cumulative)
        events = []
        for _ in range(EVENTS_PER_DOC):
            a, b = main if rng.random() < 0.6 else _pair(rng, codes, cumulative)
            friendly = rng.random() < (0.8 if bloc[a] == bloc[b] else 0.35)
            etype = rng.choice(coop if friendly else conflict)
            events.append((_event_row(rng, etype, published), _actor_rows(rng, a, b, codes, cumulative)))
        yield published, events


def _pair(rng: random.Random, codes: list[str], cumulative: list[float]) -> tuple[str, str]:
    a, b = rng.choices(codes, cum_weights=cumulative, k=2)
    while b == a:
        b = rng.choices(codes, cum_weights=cumulative)[0]
    return a, b


def _event_row(rng: random.Random, etype: str, published: date) -> dict[str, Any]:
    roll = rng.random()
    back = rng.randrange(3) if roll < 0.7 else rng.randrange(3, 61) if roll < 0.95 else rng.randrange(61, 731)
    day = published - timedelta(days=back)
    roll = rng.random()
    if roll < 0.01:
        value, start, end, precision = None, None, None, None
    elif roll < 0.85:
        value, start, end, precision = day.isoformat(), day, day, "day"
    elif roll < 0.95:
        start = day.replace(day=1)
        end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        value, precision = start.strftime("%Y-%m"), "month"
    else:
        value, start, end, precision = str(day.year), date(day.year, 1, 1), date(day.year, 12, 31), "year"
    return {"type": etype, "mode": None, "context": [], "date": value, "date_precision": precision,
            "date_how": "explicit" if value else None, "date_start": start, "date_end": end,
            "negated": rng.random() < 0.03, "hypothetical": rng.random() < 0.10,
            "historical": False, "reported_by": None, "reported_by_text": None,
            "evidence_start": 0, "evidence_end": 40, "evidence_text": f"Synthetic {etype} event.",
            "trigger": etype.lower(), "trigger_start": 10, "trigger_end": 10 + len(etype),
            "confidence": 0.5, "why": [], "sent": 0, "stage": "bench"}


def _actor_rows(rng: random.Random, a: str, b: str, codes: list[str], cumulative: list[float]) -> list[dict[str, Any]]:
    """80% a -> b; 10% a and b together, no recipient (mutual); 10% a and b against a third."""
    roll = rng.random()
    if roll < 0.8:
        sides = [("actor", a), ("recipient", b)]
    elif roll < 0.9:
        sides = [("actor", a), ("actor", b)]
    else:
        third = rng.choices(codes, cum_weights=cumulative)[0]
        sides = [("actor", a), ("actor", b)] + ([("recipient", third)] if third not in (a, b) else [])
    return [{"side": side, "code": code, "country": None if code in ORGS else code, "name": code,
             "kb_id": None, "role": None, "sector": None, "text": code, "start": -1, "end": -1}
            for side, code in sides]


def fill(path: Path, n: int, seed: int = 7) -> None:
    """Create the store at ``path`` and bulk-insert ~``n`` synthetic events (Core executemany, batches)."""
    Store(path).close()  # runs the migrations
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", lambda con, _r: con.execute("PRAGMA synchronous = OFF"))
    docs: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    rows: list[dict[str, Any]] = []
    now = datetime.now(UTC)
    event_id = 0
    with engine.begin() as connection:
        for doc_id, (published, doc_events) in enumerate(synthetic_documents(n, seed), 1):
            docs.append(_document_row(doc_id, published, now))
            for row, actor_rows in doc_events:
                event_id += 1
                events.append(row | {"id": event_id, "document_id": doc_id})
                rows += [r | {"event_id": event_id} for r in actor_rows]
            if len(events) >= BATCH:
                _flush(connection, docs, events, rows)
        _flush(connection, docs, events, rows)
    engine.dispose()


def _document_row(doc_id: int, published: date, now: datetime) -> dict[str, Any]:
    return {"id": doc_id, "doc_id": f"bench-{doc_id}", "content_hash": f"{doc_id:064x}", "title": f"Report {doc_id}",
            "url": f"https://example.org/{doc_id}", "source": f"Outlet {doc_id % 40}", "author": None,
            "origin": "bench", "published": published, "published_how": "given",
            "published_from": None, "published_to": None, "lang": "en", "lang_score": 1.0, "supported": True,
            "text": "Synthetic report. " * 5, "messages": [], "stages_run": [], "ingested_at": now,
            "minhash": None}


def _flush(connection: Any, docs: list[dict[str, Any]], events: list[dict[str, Any]],
           rows: list[dict[str, Any]]) -> None:
    for model, batch in ((DocumentModel, docs), (EventModel, events), (EventActorModel, rows)):
        if batch:
            connection.execute(insert(model), batch)
        batch.clear()


def timed(label: str, unit: str, repeat: int, func: Any) -> float:
    """Run ``func`` ``repeat`` times (after one warm-up) and print the median time."""
    func()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    shown = median * 1000 if unit == "ms" else median
    print(f"{label:48} {shown:10.{0 if unit == 'ms' else 2}f} {unit}")
    return median


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


KINDS = ("event list", "event detail", "dyad year", "document")


def api_latency(path: Path, requests: int, concurrency: int, workers: int = 1) -> dict[str, list[float]]:
    """Latencies (s) of ``requests`` API calls from ``concurrency`` clients, by kind of request, after a
    warm-up of 20 sequential calls; ``errors`` holds one entry per failed call.

    The app runs in its own processes (``lagebild serve --workers``) so that the clients do not share
    its GIL; it is stopped when the requests are done.
    """
    import httpx

    port = free_port()
    server = subprocess.Popen([sys.executable, "-c", "from lagebild.picture.commands import serve; serve()", "--db",
                               str(path), "--port", str(port), "--workers", str(workers)])
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{base}/api/summary", timeout=5).raise_for_status()
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("the API server did not start") from None
                time.sleep(0.2)
        with Store(path) as store:
            events = store.stats()["events"]
        asyncio.run(_load(base, _paths(20, events, seed=11), 1))
        return asyncio.run(_load(base, _paths(requests, events), concurrency))
    finally:
        server.terminate()
        server.wait(timeout=30)


def percentile(values: list[float], share: float) -> float:
    """The value below which ``share`` of the values lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered)) - 1))] if ordered else float("nan")


def _paths(requests: int, events: int, seed: int = 3) -> list[tuple[str, str]]:
    """A fixed mix of (kind, path): event lists by actor, event details, dyad trends of a year, documents."""
    rng = random.Random(seed)
    documents = max(1, events // EVENTS_PER_DOC)
    codes = actors()[:30]
    out = []
    for i in range(requests):
        kind = KINDS[i % 4]
        if kind == "event list":
            out.append((kind, f"/api/events?actor={rng.choice(codes)}&since=2024-01-01&limit=50"))
        elif kind == "event detail":
            out.append((kind, f"/api/events/{rng.randrange(1, events + 1)}"))
        elif kind == "dyad year":
            a, b = rng.sample(codes, 2)
            out.append((kind, f"/api/dyad/{a}/{b}?by=month&since=2024-01-01&until=2024-12-31"))
        else:
            out.append((kind, f"/api/documents/bench-{rng.randrange(1, documents + 1)}"))
    return out


async def _load(base: str, paths: list[tuple[str, str]], concurrency: int) -> dict[str, list[float]]:
    import httpx

    queue = list(reversed(paths))
    latencies: dict[str, list[float]] = {kind: [] for kind in (*KINDS, "errors")}

    async def client() -> None:
        async with httpx.AsyncClient(base_url=base, timeout=60) as http:
            while queue:
                kind, url = queue.pop()
                start = time.perf_counter()
                try:
                    ok = (await http.get(url)).status_code < 400
                except httpx.HTTPError:
                    ok = False
                latencies[kind].append(time.perf_counter() - start)
                if not ok:
                    latencies["errors"].append(0.0)

    await asyncio.gather(*(client() for _ in range(concurrency)))
    return latencies


PROPOSED_INDEXES = {
    "ix_event_actors_country_code_event_id": ("event_actors", "country, code, event_id"),
    "ix_event_actors_event_id_side_country_code": ("event_actors", "event_id, side, country, code"),
    "ix_events_date_start_type_mode_negated_hypothetical_historical_document_id": (
        "events", "date_start, type, mode, negated, hypothetical, historical, document_id"),
}


def add_proposed_indexes(path: Path) -> float:
    """Create the covering indexes proposed for the store's schema (not part of it yet); seconds taken."""
    start = time.perf_counter()
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        for name, (table, columns) in PROPOSED_INDEXES.items():
            connection.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})")
        connection.exec_driver_sql("ANALYZE")
    engine.dispose()
    return time.perf_counter() - start


def main() -> None:
    """Fill (or reuse) a store and print the timings."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, help="reuse (or create) this store instead of a temporary one")
    parser.add_argument("--keep", action="store_true", help="keep the temporary store")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--workers", type=int, default=2, help="API server processes")
    parser.add_argument("--no-proposed-indexes", action="store_true",
                        help="measure only with the schema's own indexes")
    args = parser.parse_args()
    folder = None if args.db else Path(tempfile.mkdtemp(prefix="lagebild-bench-"))
    path = args.db or folder / "bench.db"  # type: ignore[operator]
    try:
        if not path.exists():
            start = time.perf_counter()
            fill(path, args.events)
            print(f"{'fill ' + format(args.events, ',') + ' events':48} {time.perf_counter() - start:10.1f} s")
        print("-- with the schema's indexes")
        measure(path)
        if not args.no_proposed_indexes:
            print(f"-- with the proposed indexes (created in {add_proposed_indexes(path):.0f} s)")
            measure(path)
        latencies = api_latency(path, args.requests, args.concurrency, args.workers)
        every = [t for kind in KINDS for t in latencies[kind]]
        print(f"-- API: {args.requests} requests, {args.concurrency} concurrent, {args.workers} server process(es), "
              f"{len(latencies['errors'])} errors")
        print(f"{'API all: p50 / p95':48} {percentile(every, .5) * 1000:6.0f} / {percentile(every, .95) * 1000:.0f} ms")
        for kind in KINDS:
            print(f"{'  ' + kind + ': p50 / p95':48} {percentile(latencies[kind], .5) * 1000:6.0f} / "
                  f"{percentile(latencies[kind], .95) * 1000:.0f} ms")
    finally:
        if folder is not None and not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
        elif folder is not None:
            print(f"store kept: {path}")


def measure(path: Path) -> None:
    """Dyad trends and the one-year network on the store at ``path``."""
    with Store(path) as store:
        print(f"{'store':48} {store.stats()['events']:10,} events")
        trend = dyad_trend(store, "USA", "CHN", by="month")
        timed(f"dyad trend USA-CHN by month ({sum(len(p.events) for p in trend.points):,} ev)", "ms", 5,
              lambda: dyad_trend(store, "USA", "CHN", by="month"))
        trend = dyad_trend(store, "PRK", "RUS", by="month")
        timed(f"dyad trend PRK-RUS by month ({sum(len(p.events) for p in trend.points):,} ev)", "ms", 5,
              lambda: dyad_trend(store, "PRK", "RUS", by="month"))
        year = (date(2024, 1, 1), date(2024, 12, 31))
        net = network(store, *year)
        timed(f"network 2024 ({len(net.nodes)} actors, {len(net.edges)} edges, {len(net.blocs)} blocs)", "s", 3,
              lambda: network(store, *year))


if __name__ == "__main__":
    sys.exit(main())
