"""Where the store lives and how a path or URL becomes a database URL."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from lagebild.errors import StoreError

ENV_VAR = "LAGEBILD_DB"
MEMORY = ":memory:"


def default_store_path() -> Path:
    """$XDG_DATA_HOME/lagebild/lagebild.db, or ~/.local/share/lagebild/lagebild.db."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base).expanduser() / "lagebild" / "lagebild.db"


def resolve(url_or_path: str | Path | None) -> tuple[URL, Path | None]:
    """The database URL and, for an SQLite file, its path.

    None -> $LAGEBILD_DB, else default_store_path(); ":memory:" -> an in-memory SQLite database;
    "dialect+driver://..." -> that URL; anything else -> an SQLite file at that path.
    """
    if url_or_path is None:
        url_or_path = os.environ.get(ENV_VAR) or default_store_path()
    if isinstance(url_or_path, Path):
        return _sqlite_file(url_or_path)
    if url_or_path in (MEMORY, "sqlite://"):
        return make_url("sqlite://"), None
    if "://" not in url_or_path:
        return _sqlite_file(Path(url_or_path))
    try:
        url = make_url(url_or_path)
    except ArgumentError as exc:
        raise StoreError(f"{url_or_path!r} is not a database URL ({exc}); use a file path or "
                         "a URL like sqlite:///path/to/lagebild.db") from None
    if url.get_backend_name() == "sqlite" and url.database and url.database != MEMORY:
        return _sqlite_file(Path(url.database))
    return url, None


def _sqlite_file(path: Path) -> tuple[URL, Path]:
    path = path.expanduser().resolve()
    return URL.create("sqlite+pysqlite", database=str(path)), path
