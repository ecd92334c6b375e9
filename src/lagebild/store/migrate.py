"""Opening a database safely: refuse what is not a lagebild database, then bring its schema to head."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

from lagebild.errors import StoreError

MIGRATIONS = Path(__file__).with_name("migrations")
SQLITE_HEADER = b"SQLite format 3\x00"
_NOTHING_CHANGED = "nothing was changed"


def alembic_config() -> Config:
    """An Alembic config built in code, pointing at the migrations shipped in the package."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    """The newest schema revision this version of lagebild knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the package ships no migrations"
    return head


def check_sqlite_file(path: Path) -> None:
    """StoreError when ``path`` exists but is not an SQLite database holding a lagebild schema.

    Reads only (header bytes, then a read-only connection), so a refused file is left as it was.
    """
    if not path.exists() or path.stat().st_size == 0:
        return
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a lagebild database; give a file path")
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise StoreError(f"{path} is not a lagebild database (file is not a database); {_NOTHING_CHANGED}")
    tables = _sqlite_tables(path)
    if tables and not {"alembic_version", "documents"} <= tables:
        listed = ", ".join(sorted(tables)[:5])
        raise StoreError(f"{path} is not a lagebild database (it holds other tables: {listed}); "
                         f"{_NOTHING_CHANGED}")


def _sqlite_tables(path: Path) -> set[str]:
    """Table names, read through a read-only connection; empty when it cannot be opened read-only."""
    try:
        with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as conn:
            names = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    except sqlite3.OperationalError:
        return set()  # e.g. a WAL database whose -shm cannot be created read-only: the engine will tell
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path} is not a lagebild database ({exc}); {_NOTHING_CHANGED}") from None
    return {name for (name,) in names}


def upgrade(connection: Connection, where: str) -> None:
    """Migrate the database on ``connection`` to head; StoreError when it is newer than this lagebild."""
    config = alembic_config()
    script = ScriptDirectory.from_config(config)
    current = MigrationContext.configure(connection).get_current_revision()
    head = script.get_current_head()
    if current == head:
        return
    known = {rev.revision for rev in script.walk_revisions()}
    if current is not None and current not in known:
        raise StoreError(f"{where} was written by a newer lagebild (schema revision {current}; this version "
                         f"knows up to {head}); upgrade lagebild to use it. {_NOTHING_CHANGED.capitalize()}.")
    config.attributes["connection"] = connection
    command.upgrade(config, "head")
