"""Options and helpers shared by every command module (cli.py, picture/commands.py,
picture/story_commands.py)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import click

from lagebild.errors import LagebildError

db_option = click.option("--db", envvar="LAGEBILD_DB",
                         help="Store: a SQLite file or database URL (default: $LAGEBILD_DB, else "
                              "~/.local/share/lagebild/lagebild.db).")


def iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    """Parse an ISO date option."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not a date; write it as YYYY-MM-DD") from exc


@contextmanager
def open_store(db: str | None) -> Iterator[Any]:
    """The store named by --db / $LAGEBILD_DB / the default path; lagebild errors end the command."""
    from lagebild.store import Store

    try:
        with Store(db) as store:
            yield store
    except LagebildError as exc:
        raise click.ClickException(str(exc)) from exc
