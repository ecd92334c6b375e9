"""The whole flow in one place.

    read (ingest/) -> RawDocument
      -> langid -> tokenizer -> tagger          (nlp/)     document language, sentences, tokens
      -> pubdate -> time                        (time/)    publication date, temporal expressions
      -> actors                                 (actors/)  mentions linked to the knowledge base
      -> events                                 (events/)  PLOVER events
    -> Analysis -> store (store/) or JSON (export.py) -> picture (picture/), CLI, API

The stage order is ``[pipeline] stages`` in the settings (defaults.toml), checked at start-up.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from functools import lru_cache

from lagebild.config import Settings, load_settings
from lagebild.records import Analysis, Document, RawDocument
from lagebild.registry import StageFn, StageInfo, check_order

log = logging.getLogger(__name__)


class Pipeline:
    """The configured stages, built once and applied to one document at a time."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or load_settings()
        self.infos: list[StageInfo] = check_order(list(self.settings["pipeline"]["stages"]))
        self.stages: list[tuple[str, StageFn]] = [(i.name, i.factory(self.settings)) for i in self.infos]

    def __call__(self, raw: RawDocument) -> Analysis:
        """Analyse one document."""
        analysis = Analysis(document=to_document(raw))
        for name, fn in self.stages:
            if not analysis.document.supported:
                break
            analysis = fn(analysis)
            analysis = _mark(analysis, name)
        return analysis

    def pipe(self, raws: Iterable[RawDocument], workers: int | None = None) -> Iterator[Analysis]:
        """Analyse documents in order; with ``workers`` > 1 in that many processes (0: one per core).

        Workers are started with "spawn" and build their own pipeline from the same settings, so
        results are identical to a single process.
        """
        count = self.settings["extract"]["workers"] if workers is None else workers
        count = count or os.cpu_count() or 1
        if count <= 1:
            yield from (self(raw) for raw in raws)
            return
        context = multiprocessing.get_context("spawn")
        with context.Pool(count, initializer=_init_worker, initargs=(self.settings,)) as pool:
            yield from pool.imap(_work, raws, chunksize=4)


# The pipeline of a worker process (set once by _init_worker in each spawned worker; unused otherwise).
_WORKER: dict[str, Pipeline] = {}


def _init_worker(settings: Settings) -> None:
    """Build the worker process's pipeline once."""
    _WORKER["pipeline"] = Pipeline(settings)


def _work(raw: RawDocument) -> Analysis:
    """Analyse one document in a worker process."""
    return _WORKER["pipeline"](raw)


def _mark(analysis: Analysis, name: str) -> Analysis:
    """Record that a stage ran."""
    return replace(analysis, stages_run=analysis.stages_run + (name,))


def to_document(raw: RawDocument) -> Document:
    """The Document a pipeline starts from."""
    return Document(doc_id=raw.doc_id or f"doc-{raw.content_hash[:12]}", text=raw.text, lang=raw.lang,
                    published=raw.published, published_how="given" if raw.published else "missing",
                    title=raw.title, url=raw.url, source=raw.source, author=raw.author)


def extract(text: str, *, published: date | None = None, lang: str | None = None, doc_id: str = "",
            title: str | None = None, source: str | None = None, pipeline: Pipeline | None = None) -> Analysis:
    """Analyse one text: ``lagebild.extract("Kim und Putin ...", published=date(2024, 12, 31))``."""
    raw = RawDocument(text=text, doc_id=doc_id, published=published, lang=lang, title=title, source=source)
    return (pipeline or default_pipeline())(raw)


@lru_cache(maxsize=1)
def default_pipeline() -> Pipeline:
    """A pipeline with the default settings, built on first use and reused."""
    return Pipeline()
