"""The web app: a read-only JSON API over the store and the single page that uses it.

``create_app(store_url)`` opens the store once; every endpoint is a thin wrapper around a function of
``lagebild.picture`` (OpenAPI documentation at /docs). Nothing writes unless the app is created with
``writable=True``, which adds ``POST /api/documents`` (analyse a text and store it).
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import date
from importlib import resources
from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Query
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from lagebild.picture.brief import brief
from lagebild.picture.dyad import dyad_trend
from lagebild.picture.layout import bloc_layout
from lagebild.picture.network import network
from lagebild.picture.periods import PERIODS, parse_since, parse_until
from lagebild.picture.views import MAX_LIMIT, EventFilter, event_detail, list_events
from lagebild.records import Analysis, RawDocument
from lagebild.store import Store
from lagebild.web import queries, schemas

STATIC = resources.files("lagebild.web") / "static"
WINDOW = "7d, 4w, 6m, 1y (back from today), 2024, 2024-06 or 2024-06-03"


class NetworkCache:
    """The last few networks by (window, min_events, store version): a network of a busy year takes seconds."""

    def __init__(self, size: int = 16) -> None:
        self._items: OrderedDict[tuple[Any, ...], dict[str, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self._size = size

    def get(self, key: tuple[Any, ...], make: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        """The cached value of ``key``, else ``make()`` (stored)."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = make()
        with self._lock:
            self._items[key] = value
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return value


def _window(value: str | None, end: bool = False) -> date | None:
    """A query parameter as a window bound; 422 with the accepted forms when it is none."""
    if not value:
        return None
    try:
        return parse_until(value) if end else parse_since(value)
    except ValueError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from exc


def _key(value: str) -> str:
    key = value.strip().upper()
    if not key or len(key) > 64:
        raise HTTPException(status_code=422, detail=f"{value!r} is not an actor key (ISO3 or organisation code)")
    return key


def create_app(store_url: str | None, *, writable: bool = False,
               analyse: Callable[[RawDocument], Analysis] | None = None) -> FastAPI:
    """The FastAPI app over the store at ``store_url`` (a SQLite path or database URL; None: the default).

    ``analyse``: what POST /api/documents runs on a text (default: the configured pipeline, built on
    first use).
    """
    store = Store(store_url)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(title="lagebild", version="1", lifespan=lifespan,
                  description="A situation picture of international relations from German and English news: "
                              "PLOVER events with their evidence, dyad trends, the alliance network, briefings.")
    app.state.store = store
    _store_routes(app, store, writable)
    _event_routes(app, store)
    _picture_routes(app, store, NetworkCache())
    if writable:
        _write_routes(app, store, analyse)
    _page_routes(app)
    return app


def app_from_environment() -> FastAPI:
    """The app for ``$LAGEBILD_DB`` (writable when ``$LAGEBILD_WRITABLE`` is 1): the factory that uvicorn's
    worker processes import (``lagebild serve --workers N``)."""
    return create_app(os.environ.get("LAGEBILD_DB") or None, writable=os.environ.get("LAGEBILD_WRITABLE") == "1")


def _store_routes(app: FastAPI, store: Store, writable: bool) -> None:
    """What the store holds: summary and documents."""

    @app.get("/api/summary", response_model=schemas.Summary, tags=["store"])
    def summary() -> dict[str, Any]:
        """Document and event counts and the span of event days."""
        return queries.summary(store, writable)

    @app.get("/api/documents/{doc_id}", response_model=schemas.Document, tags=["store"])
    def document(doc_id: str) -> dict[str, Any]:
        """An article's text and metadata with the events coded from it and its stored copies."""
        found = queries.document(store, doc_id)
        if found is None:
            raise HTTPException(status_code=404, detail=f"no document {doc_id!r}")
        return found


def _event_routes(app: FastAPI, store: Store) -> None:
    """Events: filtered lists and one event with its sources."""

    @app.get("/api/events", response_model=schemas.EventPage, tags=["events"])
    def events(
        actor: Annotated[str | None, Query(description="Actor key on the actor side (PRK, EU, ...).")] = None,
        recipient: Annotated[str | None, Query(description="Actor key on the recipient side.")] = None,
        involving: Annotated[str | None, Query(description="Actor key on either side.")] = None,
        type: Annotated[str | None, Query(description="PLOVER type, e.g. AGREE.")] = None,
        since: Annotated[str | None, Query(description=f"Window start: {WINDOW}.")] = None,
        until: Annotated[str | None, Query(description="Window end: 2025, 2025-12 or 2025-12-31.")] = None,
        source: Annotated[str | None, Query(description="The article's outlet or the agency it cites.")] = None,
        doc_id: Annotated[str | None, Query(description="Only events of this article.")] = None,
        ids: Annotated[str | None, Query(description="Comma-separated event ids (at most 1000).")] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> dict[str, Any]:
        """Stored events, filtered, newest first (by their own date; undated ones last)."""
        where = EventFilter(actor=actor, recipient=recipient, involving=involving, type=type,
                            since=_window(since), until=_window(until, end=True), source=source, doc_id=doc_id,
                            ids=_ids(ids))
        page, more = list_events(store, where, limit=limit, offset=offset)
        return {"events": [e.to_json() for e in page], "offset": offset, "limit": limit, "more": more}

    @app.get("/api/events/{event_id}", response_model=schemas.EventDetail, tags=["events"])
    def event(event_id: int) -> dict[str, Any]:
        """One event: evidence (the sentence's offsets in the article), trigger, actors and all its sources."""
        detail = event_detail(store, event_id)
        if detail is None:
            raise HTTPException(status_code=404, detail=f"no event {event_id}")
        return detail.to_json()


def _picture_routes(app: FastAPI, store: Store, cache: NetworkCache) -> None:
    """Dyad trends, the network and the briefing."""

    @app.get("/api/dyad/{a}/{b}", response_model=schemas.Dyad, tags=["picture"])
    def dyad(a: str, b: str, by: Annotated[str, Query(description=f"One of {', '.join(PERIODS)}.")] = "month",
             since: str | None = None, until: str | None = None) -> dict[str, Any]:
        """The events between two actors per period: counts per quad, score, and the event ids."""
        if by not in PERIODS:
            raise HTTPException(status_code=422, detail=f"unknown period {by!r}; use one of {', '.join(PERIODS)}")
        if _key(a) == _key(b):
            raise HTTPException(status_code=422, detail="a dyad needs two different actors")
        return dyad_trend(store, _key(a), _key(b), by=by, since=_window(since),
                          until=_window(until, end=True)).to_json()

    @app.get("/api/network", response_model=schemas.Network, tags=["picture"])
    def network_view(since: str | None = None, until: str | None = None,
                     min_events: Annotated[int, Query(ge=1)] = 1) -> dict[str, Any]:
        """The signed actor network of a window with its blocs and a drawing position per actor."""
        start, end = _window(since), _window(until, end=True)
        key = (start, end, min_events, queries.store_version(store))
        return cache.get(key, lambda: _network_json(store, start, end, min_events))

    @app.get("/api/brief", response_model=schemas.Briefing, tags=["picture"])
    def briefing(since: Annotated[str, Query(description=f"Window start: {WINDOW}.")] = "7d",
                 until: str | None = None, top: Annotated[int, Query(ge=1, le=100)] = 10) -> dict[str, Any]:
        """What changed in the window compared with the window of equal length before it."""
        start, end = _window(since), _window(until, end=True)
        if start is None or (end is not None and end < start):
            raise HTTPException(status_code=422, detail="the window needs a start before its end")
        return brief(store, start, end, top=top).to_json()


def _network_json(store: Store, since: date | None, until: date | None, min_events: int) -> dict[str, Any]:
    net = network(store, since, until, min_events=min_events)
    pos = bloc_layout(net)
    data = net.to_json()
    for node in data["nodes"]:
        node["x"], node["y"] = pos.get(node["id"], (0.0, 0.0))
    return data


def _ids(value: str | None) -> tuple[int, ...] | None:
    if not value:
        return None
    try:
        ids = tuple(int(part) for part in value.split(",") if part.strip())
    except ValueError as exc:
        raise HTTPException(status_code=422, detail="ids: write event ids separated by commas") from exc
    if len(ids) > MAX_LIMIT:
        raise HTTPException(status_code=422, detail=f"ids: at most {MAX_LIMIT} at a time")
    return ids


def _write_routes(app: FastAPI, store: Store, analyse: Callable[[RawDocument], Analysis] | None) -> None:
    """POST /api/documents, only in a writable app."""
    from lagebild.ingest.run import ingest_one

    lock = threading.Lock()
    pipeline: list[Callable[[RawDocument], Analysis]] = [analyse] if analyse else []

    def run(raw: RawDocument) -> Any:
        """Analyse and store one document (or record it as a duplicate)."""
        with lock:  # one analysis at a time; the pipeline is built on first use
            if not pipeline:
                from lagebild.config import load_settings
                from lagebild.pipeline import Pipeline

                pipeline.append(Pipeline(load_settings(None)))
            return ingest_one(raw, store, pipeline[0])

    @app.post("/api/documents", response_model=schemas.Ingested, tags=["store"], status_code=201)
    def add_document(doc: schemas.NewDocument) -> dict[str, Any]:
        """Analyse a text and store it with its events (duplicates are recorded, not stored again)."""
        try:
            published = date.fromisoformat(doc.published) if doc.published else None
        except ValueError as exc:
            raise HTTPException(status_code=422, detail="published: write it as YYYY-MM-DD") from exc
        outcome = run(RawDocument(text=doc.text, title=doc.title, url=doc.url, published=published,
                                  source=doc.source, lang=doc.lang, origin=doc.url or "api"))
        if outcome.status == "failed":
            raise HTTPException(status_code=422, detail=outcome.reason or "not stored")
        return {"status": outcome.status, "doc_id": outcome.doc_id, "events": outcome.events}


def _page_routes(app: FastAPI) -> None:
    """The single page and its files."""
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        """The single page."""
        return FileResponse(str(STATIC / "index.html"))

