"""Alembic environment for the lagebild store.

The store runs migrations itself on open (``lagebild.store.migrate``) and hands its connection over in
``config.attributes["connection"]``. For development, new revisions are made with the bundled ini::

    alembic -c src/lagebild/store/alembic.ini revision --autogenerate -m "what changed"
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

from lagebild.store.models import Base

target_metadata = Base.metadata


def run_with(connection: Connection) -> None:
    """Run the migrations on an open connection (batch mode, so SQLite can alter tables)."""
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True,
                      compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


def run_offline() -> None:
    """Emit SQL to stdout instead of running it (``alembic upgrade head --sql``)."""
    context.configure(url=context.config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata,
                      literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    """Use the store's connection when given one, else connect to ``sqlalchemy.url``."""
    connection = context.config.attributes.get("connection")
    if connection is not None:
        run_with(connection)
        return
    engine = create_engine(context.config.get_main_option("sqlalchemy.url") or "sqlite://")
    with engine.connect() as conn:
        run_with(conn)
    engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
