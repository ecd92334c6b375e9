"""lagebild: a situation picture of international relations from German and English news.

    >>> import lagebild
    >>> analysis = lagebild.extract("Im Juni unterzeichneten Kim und Putin ein Abkommen.",
    ...                             published=datetime.date(2024, 12, 31))
    >>> [e.event for e in analysis.events]
    ['SUPPORT']

    >>> with lagebild.Store("lagebild.db") as store:
    ...     report = lagebild.ingest(["articles/"], store)
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from lagebild.config import Settings, load_settings
from lagebild.errors import (
    ConfigError,
    InputError,
    LagebildError,
    PipelineError,
    StoreError,
    UnsupportedLanguage,
)
from lagebild.pipeline import Pipeline, default_pipeline, extract
from lagebild.records import (
    ActorRef,
    Analysis,
    Document,
    Event,
    Evidence,
    Mention,
    RawDocument,
    Sentence,
    Timex,
    Token,
)

__version__ = "0.1.0"

__all__ = [
    "ActorRef",
    "Analysis",
    "ConfigError",
    "Document",
    "Event",
    "Evidence",
    "InputError",
    "LagebildError",
    "Mention",
    "Pipeline",
    "PipelineError",
    "RawDocument",
    "Sentence",
    "Settings",
    "Store",
    "StoreError",
    "Timex",
    "Token",
    "UnsupportedLanguage",
    "__version__",
    "extract",
    "ingest",
    "load_settings",
    "read_sources",
]


def __getattr__(name: str) -> Any:
    """Heavier parts (the store, readers) are imported on first use."""
    if name == "Store":
        from lagebild.store import Store

        return Store
    if name == "read_sources":
        from lagebild.ingest import read_sources

        return read_sources
    raise AttributeError(f"module 'lagebild' has no attribute {name!r}")


def ingest(sources: Iterable[str], store: Any, *, pipeline: Pipeline | None = None, published: date | None = None,
           source: str | None = None, lang: str | None = None) -> Any:
    """Read ``sources`` (paths, folders, URLs, "-") into ``store``; returns the ingest report."""
    from lagebild.ingest import ingest as run

    return run(list(sources), store, pipeline or default_pipeline(), published=published, source=source, lang=lang)
