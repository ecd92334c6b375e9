"""The store: documents, their mentions, timexes and events, and the duplicates that were not stored again.

SQLite by default (one file, WAL mode, foreign keys on); any SQLAlchemy URL works the same way, the
schema being made by the Alembic migrations shipped in ``migrations/``, run on open. Server databases
are connected on first use, so a Store can be built before its server is reachable.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from importlib import metadata
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from sqlalchemy import Engine, create_engine, event, exists, func, select
from sqlalchemy.engine import URL
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, selectinload, sessionmaker
from sqlalchemy.pool import StaticPool

from lagebild.errors import StoreError
from lagebild.records import Analysis, RawDocument
from lagebild.store import convert, dedup, migrate
from lagebild.store.dedup import Duplicate, NearIndex
from lagebild.store.models import (
    DocumentModel,
    DuplicateModel,
    EventActorModel,
    EventModel,
    MentionModel,
    Meta,
    TimexModel,
)
from lagebild.store.paths import resolve
from lagebild.store.rows import DocumentRow, StoredDocument, StoredEvent

log = logging.getLogger(__name__)

BUSY_TIMEOUT_S = 30


class Store:
    """A lagebild database.

    ``Store()`` opens $LAGEBILD_DB, else default_store_path(); ``Store(path)`` an SQLite file;
    ``Store(":memory:")`` a scratch database; ``Store("postgresql+psycopg://...")`` a server database.
    """

    def __init__(self, url_or_path: str | Path | None = None) -> None:
        self._url, self.path = resolve(url_or_path)
        self.url: str = self._url.render_as_string(hide_password=True)
        self._engine: Engine | None = None
        self._sessions: sessionmaker[Session] | None = None
        self._near = NearIndex()
        self._closed = False
        if self._url.get_backend_name() == "sqlite":
            self._ready()

    # -- opening and closing -------------------------------------------------------------------------

    def _ready(self) -> sessionmaker[Session]:
        """The session factory, opening and migrating the database on first use."""
        if self._closed:
            raise StoreError(f"the store {self.url} is closed; open a new Store")
        if self._sessions is None:
            engine = self._connect()
            try:
                with engine.begin() as connection:
                    migrate.upgrade(connection, self.url)
            except SQLAlchemyError as exc:
                engine.dispose()
                raise StoreError(f"cannot open {self.url}: {_reason(exc)}") from exc
            except StoreError:
                engine.dispose()
                raise
            self._engine, self._sessions = engine, sessionmaker(engine, expire_on_commit=False)
            self._seed_meta()
        return self._sessions

    def _connect(self) -> Engine:
        """An engine for the URL; SQLite files are checked first so that a foreign file stays untouched."""
        if self.path is not None:
            migrate.check_sqlite_file(self.path)
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            engine = create_engine(self._url, **_engine_options(self._url))
        except (ImportError, SQLAlchemyError) as exc:
            raise StoreError(f"cannot open {self.url}: {exc}; is its database driver installed "
                             "(e.g. pip install 'psycopg[binary]' for PostgreSQL)?") from exc
        if self._url.get_backend_name() == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas(wal=self.path is not None))
        return engine

    def _seed_meta(self) -> None:
        """Record the schema revision and dedup settings, and the lagebild version that created the file."""
        with self._transaction() as session:
            values = {"schema_revision": migrate.head_revision(), "dedup": dedup.SETTINGS}
            if session.get(Meta, "created_by") is None:
                values["created_by"] = f"lagebild {_version()}"
            for key, value in values.items():
                session.merge(Meta(key=key, value=value))

    def close(self) -> None:
        """Release the database; the Store cannot be used afterwards."""
        if self._engine is not None:
            self._engine.dispose()
        self._engine = self._sessions = None
        self._closed = True

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    @contextmanager
    def _transaction(self) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back (nothing written) when it raises."""
        with self._ready()() as session, session.begin():
            yield session

    @contextmanager
    def _reading(self) -> Iterator[Session]:
        """A session for queries; database errors become StoreError."""
        try:
            with self._ready()() as session:
                yield session
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read {self.url}: {_reason(exc)}") from exc

    # -- meta ------------------------------------------------------------------------------------------

    def meta(self) -> dict[str, str]:
        """The key/value facts of the database (schema revision, dedup settings, pipeline versions)."""
        with self._reading() as session:
            return {row.key: row.value for row in session.scalars(select(Meta).order_by(Meta.key))}

    def set_meta(self, key: str, value: str) -> None:
        """Record a fact about the database, e.g. ``set_meta("pipeline", "lagebild 0.2 / de-lexicon 3")``."""
        try:
            with self._transaction() as session:
                session.merge(Meta(key=key, value=value))
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot write to {self.url}: {_reason(exc)}; nothing was changed") from exc

    # -- duplicates ----------------------------------------------------------------------------------

    def find_duplicate(self, raw: RawDocument) -> Duplicate | None:
        """The stored document ``raw`` duplicates: same normalised text (exact) or MinHash >= 0.85 (near)."""
        with self._reading() as session:
            doc_id = session.scalar(select(DocumentModel.doc_id).where(
                DocumentModel.content_hash == raw.content_hash))
            if doc_id is not None:
                return Duplicate("exact", doc_id, 1.0)
            minhash = dedup.signature(raw.text)
            if minhash is None:
                return None
            self._refresh_near(session)
        return self._near.best(minhash)

    def _refresh_near(self, session: Session) -> None:
        """Index the signatures of documents stored since the last look (by this or another process)."""
        rows = session.execute(
            select(DocumentModel.id, DocumentModel.doc_id, DocumentModel.minhash)
            .where(DocumentModel.id > self._near.last_id).order_by(DocumentModel.id))
        for row_id, doc_id, blob in rows:
            self._near.add(row_id, doc_id, blob)

    def record_duplicate(self, raw: RawDocument, dup: Duplicate) -> None:
        """Note that ``raw`` was not stored because it duplicates ``dup.doc_id``; idempotent.

        Re-reading the very input a document was stored from (same text, same origin) records nothing.
        """
        try:
            with self._transaction() as session:
                original = session.scalar(select(DocumentModel).where(DocumentModel.doc_id == dup.doc_id))
                if original is None:
                    raise StoreError(f"cannot record a duplicate of {dup.doc_id!r}: "
                                     f"no such document in {self.url}")
                if _same_input(original, raw) or _duplicate_known(session, raw):
                    return
                session.add(DuplicateModel(
                    document_id=original.id, origin=raw.origin, content_hash=raw.content_hash, kind=dup.kind,
                    similarity=dup.similarity, title=raw.title, url=raw.url, seen_at=datetime.now(UTC)))
        except IntegrityError:
            log.debug("duplicate %s of %s recorded concurrently", raw.origin, dup.doc_id)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot record duplicate {raw.origin}: {_reason(exc)}; "
                             "nothing was changed") from exc

    # -- writing -------------------------------------------------------------------------------------

    def add(self, raw: RawDocument, analysis: Analysis) -> str:
        """Store a document with its mentions, timexes and events in one transaction; return its doc_id.

        The id is ``raw.doc_id`` (else "doc-" + the first 12 hex digits of the content hash), with
        "-2", "-3", ... appended when another document has it. A text already stored is not stored
        again: its existing doc_id is returned.
        """
        blob = _signature_blob(raw.text)
        try:
            with self._transaction() as session:
                existing = _doc_id_by_hash(session, raw.content_hash)
                if existing is not None:
                    return existing
                doc_id = _free_doc_id(session, raw.doc_id or f"doc-{raw.content_hash[:12]}")
                session.add(convert.document_model(raw, analysis, doc_id, blob))
                session.flush()
            return doc_id
        except IntegrityError as exc:
            existing = self._existing(raw)
            if existing is not None:  # stored concurrently by another process
                return existing
            raise _not_stored(raw, exc) from exc
        except SQLAlchemyError as exc:
            raise _not_stored(raw, exc) from exc

    def _existing(self, raw: RawDocument) -> str | None:
        with self._reading() as session:
            return _doc_id_by_hash(session, raw.content_hash)

    # -- reading -------------------------------------------------------------------------------------

    def documents(self, limit: int = 50, offset: int = 0, lang: str | None = None) -> list[DocumentRow]:
        """Stored documents, the most recently stored first."""
        counts = (select(EventModel.document_id, func.count().label("n"))
                  .group_by(EventModel.document_id).subquery())
        query = (select(DocumentModel, func.coalesce(counts.c.n, 0))
                 .outerjoin(counts, counts.c.document_id == DocumentModel.id)
                 .order_by(DocumentModel.id.desc()).limit(limit).offset(offset))
        if lang is not None:
            query = query.where(DocumentModel.lang == lang)
        with self._reading() as session:
            return [convert.document_row(row, int(n)) for row, n in session.execute(query)]

    def get(self, doc_id: str) -> StoredDocument | None:
        """A stored document with its mentions, timexes and events; None when there is none with that id."""
        query = (select(DocumentModel).where(DocumentModel.doc_id == doc_id).options(
            selectinload(DocumentModel.mentions), selectinload(DocumentModel.timexes),
            selectinload(DocumentModel.events).selectinload(EventModel.actors)))
        with self._reading() as session:
            row = session.scalar(query)
            return convert.stored_document(row) if row is not None else None

    def events(
        self,
        actor: str | None = None,
        recipient: str | None = None,
        type: str | None = None,
        since: date | None = None,
        until: date | None = None,
        limit: int | None = None,
    ) -> list[StoredEvent]:
        """Events by actor/recipient (code or country), PLOVER type and date, earliest first.

        ``since``/``until`` keep events whose date overlaps the period; events without a date are left out.
        """
        query = (select(EventModel)
                 .options(selectinload(EventModel.actors), selectinload(EventModel.document))
                 .order_by(EventModel.date_start.is_(None), EventModel.date_start, EventModel.id))
        for side, code in (("actor", actor), ("recipient", recipient)):
            if code is not None:
                query = query.where(_has_actor(side, code))
        if type is not None:
            query = query.where(EventModel.type == type.upper())
        if since is not None:
            query = query.where(EventModel.date_end >= since)
        if until is not None:
            query = query.where(EventModel.date_start <= until)
        if limit is not None:
            query = query.limit(limit)
        with self._reading() as session:
            return [convert.stored_event(e) for e in session.scalars(query)]

    def mentions_of(self, kb_id: str) -> list[tuple[str, str, int]]:
        """(doc id, an example text, count) for each document mentioning the actor ``kb_id``."""
        query = (select(DocumentModel.doc_id, func.min(MentionModel.text), func.count())
                 .join(MentionModel, MentionModel.document_id == DocumentModel.id)
                 .where(MentionModel.kb_id == kb_id).group_by(DocumentModel.doc_id).order_by(DocumentModel.doc_id))
        with self._reading() as session:
            return [(str(d), str(t), int(n)) for d, t, n in session.execute(query)]

    def discovered_actors(self, query: str = "") -> list[dict[str, Any]]:
        """Actors found in stored articles but not in the knowledge base ("new:person:..."): id,
        name, country, role, first seen (earliest publication or ingest date) and mention count."""
        first = func.min(func.coalesce(DocumentModel.published, DocumentModel.ingested_at))
        stmt = (select(MentionModel.kb_id, func.max(MentionModel.name), func.max(MentionModel.country),
                       func.max(MentionModel.role), first, func.count())
                .join(DocumentModel, MentionModel.document_id == DocumentModel.id)
                .where(MentionModel.kb_id.like("new:%")).group_by(MentionModel.kb_id).order_by(MentionModel.kb_id))
        if query:
            stmt = stmt.where(MentionModel.name.ilike(f"%{query}%"))
        with self._reading() as session:
            return [{"id": i, "name": n, "country": c, "role": r, "first_seen": str(f)[:10], "mentions": int(k)}
                    for i, n, c, r, f, k in session.execute(stmt)]

    def stats(self) -> dict[str, Any]:
        """Counts of documents (by language; unsupported), duplicates, events (by type), mentions, actors."""
        with self._reading() as session:
            def grouped(column: Any) -> dict[str, int]:
                rows = session.execute(select(column, func.count()).group_by(column).order_by(column))
                return {str(key) if key is not None else "unknown": int(n) for key, n in rows}

            def count(model: Any) -> int:
                return int(session.scalar(select(func.count()).select_from(model)) or 0)

            return {
                "documents": count(DocumentModel),
                "documents_by_lang": grouped(DocumentModel.lang),
                "unsupported": int(session.scalar(
                    select(func.count()).where(DocumentModel.supported.is_(False))) or 0),
                "duplicates": count(DuplicateModel),
                "duplicates_by_kind": grouped(DuplicateModel.kind),
                "events": count(EventModel),
                "events_by_type": grouped(EventModel.type),
                "mentions": count(MentionModel),
                "timexes": count(TimexModel),
                "actors": int(session.scalar(select(func.count(EventActorModel.code.distinct()))) or 0),
            }


def _engine_options(url: URL) -> dict[str, Any]:
    """In-memory SQLite keeps one shared connection (else every connection sees an empty database)."""
    if url.get_backend_name() != "sqlite":
        return {"pool_pre_ping": True}
    options: dict[str, Any] = {"connect_args": {"timeout": BUSY_TIMEOUT_S, "check_same_thread": False}}
    if not url.database or url.database == ":memory:":
        options["poolclass"] = StaticPool
    return options


def _sqlite_pragmas(*, wal: bool) -> Any:
    """A connect hook that turns foreign keys on and, for files, write-ahead logging."""
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        if wal:
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.close()
    return on_connect


def _has_actor(side: str, code: str) -> Any:
    """An EXISTS clause: the event has an actor on ``side`` whose code or country is ``code``."""
    return exists().where(EventActorModel.event_id == EventModel.id, EventActorModel.side == side,
                          (EventActorModel.code == code) | (EventActorModel.country == code))


def _doc_id_by_hash(session: Session, content_hash: str) -> str | None:
    return session.scalar(select(DocumentModel.doc_id).where(DocumentModel.content_hash == content_hash))


def _free_doc_id(session: Session, wanted: str) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3``, ... whichever is not yet taken."""
    taken = set(session.scalars(select(DocumentModel.doc_id).where(
        (DocumentModel.doc_id == wanted) | DocumentModel.doc_id.startswith(f"{wanted}-", autoescape=True))))
    candidate, number = wanted, 1
    while candidate in taken:
        number += 1
        candidate = f"{wanted}-{number}"
    return candidate


def _same_input(original: DocumentModel, raw: RawDocument) -> bool:
    """True when ``raw`` is the very input ``original`` was stored from (read again)."""
    return original.content_hash == raw.content_hash and original.origin == raw.origin


def _duplicate_known(session: Session, raw: RawDocument) -> bool:
    return session.scalar(select(DuplicateModel.id).where(
        DuplicateModel.content_hash == raw.content_hash, DuplicateModel.origin == raw.origin)) is not None


def _signature_blob(text: str) -> bytes | None:
    minhash = dedup.signature(text)
    return dedup.to_bytes(minhash) if minhash is not None else None


def _not_stored(raw: RawDocument, exc: SQLAlchemyError) -> StoreError:
    return StoreError(f"cannot store {raw.doc_id or raw.origin}: {_reason(exc)}; nothing was stored")


def _reason(exc: SQLAlchemyError) -> str:
    """The database's own message, without SQLAlchemy's SQL echo and links."""
    original = getattr(exc, "orig", None)
    return str(original or exc).splitlines()[0]


def _version() -> str:
    try:
        return metadata.version("lagebild")
    except metadata.PackageNotFoundError:
        return "unknown"
