"""The event lexicon of one language, compiled from its YAML files for fast lookup.

Sources: ``lang/<code>/events.yaml`` (verbs, nouns, constructions, recipient prepositions),
``modality.yaml`` (negation, hypothetical, historical cues), ``attribution.yaml`` (how sources are
cited) and the ontology ``events/data/plover.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from lagebild import lang as langdata
from lagebild.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Entry:
    """How one lemma (or construction) codes an event."""

    key: str
    type: str
    mode: str | None = None
    context: str | None = None
    reciprocal: bool = False
    recipient: str | None = None
    needs: frozenset[str] = frozenset()
    light_verbs: frozenset[str] = frozenset()
    confidence: float = 0.7
    lemmas: tuple[str, ...] = ()  # for constructions


@dataclass(frozen=True)
class Lexicon:
    """Everything the coder needs to know about one language."""

    verbs: dict[str, list[Entry]]
    nouns: dict[str, list[Entry]]
    constructions: list[Entry]
    prepositions: dict[str, str]
    negation: frozenset[str]
    negation_exceptions: frozenset[str]
    modal_lemmas: frozenset[str]
    future_auxiliary: frozenset[str]
    hypothetical_verbs: frozenset[str]
    hypothetical_phrases: tuple[str, ...]
    hypothetical_adjectives: frozenset[str]
    historical_phrases: tuple[str, ...]
    attribution_prepositions: frozenset[str]
    attribution_postpositions: frozenset[str]
    attribution_verbs: frozenset[str]
    source_nouns: frozenset[str]
    noun_heads: tuple[str, ...] = field(default=())


def _entry(key: str, raw: dict[str, Any]) -> Entry:
    """One entry of events.yaml."""
    return Entry(key=key, type=str(raw["type"]), mode=raw.get("mode"), context=raw.get("context"),
                 reciprocal=bool(raw.get("reciprocal", False)), recipient=raw.get("recipient"),
                 needs=frozenset(raw.get("needs") or ()), light_verbs=frozenset(raw.get("light_verbs") or ()),
                 confidence=float(raw.get("confidence", 0.7)), lemmas=tuple(raw.get("lemmas") or ()))


def _entries(section: dict[str, Any] | None) -> dict[str, list[Entry]]:
    """A verbs/nouns section; a lemma may carry one entry or a list of alternatives."""
    out: dict[str, list[Entry]] = {}
    for key, raw in (section or {}).items():
        items = raw if isinstance(raw, list) else [raw]
        out[str(key)] = [_entry(str(key), item) for item in items if isinstance(item, dict)]
    return out


def _words(data: Any, *keys: str) -> list[str]:
    """A list under nested keys, or [] when absent."""
    for key in keys:
        if not isinstance(data, dict):
            return []
        data = data.get(key)
    if isinstance(data, dict):
        return [str(k) for k in data]
    return [str(w) for w in data or []]


@lru_cache(maxsize=None)
def ontology() -> dict[str, Any]:
    """The PLOVER ontology (events/data/plover.yaml)."""
    path = resources.files("lagebild.events") / "data" / "plover.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def lexicon(lang: str) -> Lexicon:
    """The compiled lexicon of ``lang``; ConfigError when its files are missing."""
    events = langdata.load(lang, "events")
    modality = langdata.load(lang, "modality")
    attribution = langdata.load(lang, "attribution")
    if not isinstance(events, dict) or "verbs" not in events:
        raise ConfigError(f"lang/{lang}/events.yaml has no 'verbs' section")
    nouns = _entries(events.get("nouns"))
    return Lexicon(
        verbs=_entries(events.get("verbs")), nouns=nouns,
        constructions=[_entry("+".join(c.get("lemmas", [])), c) for c in events.get("constructions") or []],
        prepositions={str(k): str(v) for k, v in (events.get("recipient_prepositions") or {}).items()},
        negation=frozenset(w.lower() for w in _words(modality, "negation", "words")),
        negation_exceptions=frozenset(_words(modality, "negation", "not_before")),
        modal_lemmas=frozenset(_words(modality, "hypothetical", "modal_lemmas")),
        future_auxiliary=frozenset(_words(modality, "hypothetical", "future_auxiliary")),
        hypothetical_verbs=frozenset(_words(modality, "hypothetical", "verbs")),
        hypothetical_phrases=tuple(p.lower() for p in _words(modality, "hypothetical", "phrases")),
        hypothetical_adjectives=frozenset(_words(modality, "hypothetical", "adjectives")),
        historical_phrases=tuple(p.lower() for p in _words(modality, "historical", "phrases")),
        attribution_prepositions=frozenset(w.lower() for w in _words(attribution, "prepositions")),
        attribution_postpositions=frozenset(w.lower() for w in _words(attribution, "postpositions")),
        attribution_verbs=frozenset(_words(attribution, "verbs")),
        source_nouns=frozenset(_words(attribution, "source_nouns")),
        noun_heads=tuple(sorted((n for n in nouns if len(n) >= 4), key=len, reverse=True)),
    )


@lru_cache(maxsize=65536)
def noun_head(lang: str, word: str) -> str | None:
    """The lexicon noun a German compound ends with: "Raketenangriff" -> "Angriff"; None if none."""
    lower = word.lower()
    for head in lexicon(lang).noun_heads:
        if lower.endswith(head.lower()) and len(lower) > len(head):
            return head
    return None
