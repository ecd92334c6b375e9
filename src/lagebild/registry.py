"""Stage registry: every pipeline stage is a factory with a versioned name that declares what it
reads (``requires``) and writes (``assigns``).

Built-in stages go through the same mechanism as outside ones (datasette's DEFAULT_PLUGINS): they are
listed below as import paths; third-party packages add theirs through the entry-point group
``lagebild.stages`` (name -> "module:factory").

A factory takes the Settings and returns a callable ``Analysis -> Analysis``. Field names used in
``requires``/``assigns``: document.text, document.published, document.lang, sentences, tokens,
tokens.pos, mentions, timexes, events.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib.metadata import entry_points
from typing import Any, TypeVar

from lagebild.errors import PipelineError
from lagebild.records import Analysis

StageFn = Callable[[Analysis], Analysis]
F = TypeVar("F", bound=Callable[..., Any])
ENTRY_POINT_GROUP = "lagebild.stages"
# Fields every document has before the first stage runs.
INITIAL_FIELDS = ("document.text", "document.published", "document.doc_id")

BUILTIN_STAGES: dict[str, str] = {
    "lagebild.langid.v1": "lagebild.nlp.langid:make_stage",
    "lagebild.tokenizer.v1": "lagebild.nlp.tokenize:make_stage",
    "lagebild.tagger.v1": "lagebild.nlp.tagger:make_stage",
    "lagebild.pubdate.v1": "lagebild.time.stage:make_pubdate_stage",
    "lagebild.time.v1": "lagebild.time.stage:make_stage",
    "lagebild.actors.v1": "lagebild.actors.stage:make_stage",
    "lagebild.events.v1": "lagebild.events.stage:make_stage",
}


@dataclass(frozen=True)
class StageInfo:
    """A registered stage: its name, factory and declared inputs/outputs."""

    name: str
    factory: Callable[..., StageFn]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    doc: str


def stage(requires: tuple[str, ...], assigns: tuple[str, ...]) -> Callable[[F], F]:
    """Decorator that declares what a stage factory reads and writes."""

    def mark(factory: F) -> F:
        factory.requires = requires  # type: ignore[attr-defined]
        factory.assigns = assigns  # type: ignore[attr-defined]
        return factory

    return mark


@cache
def available() -> dict[str, str]:
    """All stage names and their import paths: built-in first, then entry points."""
    found = dict(BUILTIN_STAGES)
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        found.setdefault(ep.name, ep.value)
    return found


def get(name: str) -> StageInfo:
    """The stage registered under ``name``; PipelineError listing valid names otherwise."""
    target = available().get(name)
    if target is None:
        raise PipelineError(f"unknown stage {name!r}; registered stages: {', '.join(sorted(available()))}")
    module, _, attr = target.partition(":")
    factory = getattr(importlib.import_module(module), attr)
    first_doc_line = (factory.__doc__ or "").strip().splitlines()[:1]
    return StageInfo(name, factory, tuple(getattr(factory, "requires", ())),
                     tuple(getattr(factory, "assigns", ())), first_doc_line[0] if first_doc_line else "")


def check_order(names: list[str]) -> list[StageInfo]:
    """Resolve ``names`` and check each stage's inputs are produced by the stages before it."""
    have = set(INITIAL_FIELDS)
    infos = []
    for name in names:
        info = get(name)
        missing = [field for field in info.requires if field not in have]
        if missing:
            raise PipelineError(f"stage {name} requires {', '.join(missing)}, which no earlier stage assigns; "
                                f"put a stage that assigns it before {name} in [pipeline] stages")
        have.update(info.assigns)
        infos.append(info)
    return infos
