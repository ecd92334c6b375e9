"""The store: SQLite by default, any SQLAlchemy database by URL, schema by shipped Alembic migrations."""

from lagebild.store import stories as _stories  # noqa: F401  (registers the story tables on Base)
from lagebild.store.dedup import Duplicate
from lagebild.store.paths import default_store_path
from lagebild.store.rows import DocumentRow, StoredDocument, StoredEvent
from lagebild.store.store import Store

__all__ = ["DocumentRow", "Duplicate", "Store", "StoredDocument", "StoredEvent", "default_store_path"]
