"""The event lexicon of one language, compiled from its YAML files for fast lookup.

Sources: ``lang/<code>/events.yaml`` (verbs, nouns, constructions, recipient prepositions),
``modality.yaml`` (negation, hypothetical, historical cues), ``attribution.yaml`` (how sources are
cited) and the ontology ``events/data/plover.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from lagebild import lang as langdata
from lagebild import yamlio
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
    inverse: bool = False  # subject and object swap roles ("Xi empfing Putin": Putin visits)
    no_recipient: tuple[str, str | None] | None = None  # (type, mode) when no recipient is found
    by_actor: tuple[tuple[str, str, str | None], ...] = ()  # (actor kind, type, mode)
    joint_type: str | None = None  # type when the action is joint ("gemeinsames Manöver")
    genitive: str = "actor"  # role of a noun's genitive / von argument
    prepositions: tuple[tuple[str, str], ...] = ()  # entry-level preposition roles
    excludes: frozenset[str] = frozenset()  # lemmas that block the entry (idioms: "traf eine Entscheidung")
    negated: str | None = None  # the type when the trigger is negated: "erkannte das Ergebnis nicht an" is REJECT


@dataclass(frozen=True)
class Lexicon:
    """Everything the coder needs to know about one language."""

    verbs: dict[str, list[Entry]]  # keyed by folded lemma
    nouns: dict[str, list[Entry]]
    constructions: list[Entry]
    prepositions: dict[str, str]
    fold: dict[str, str]
    not_events: frozenset[str]
    joint_markers: tuple[str, ...]
    negation: frozenset[str]
    negation_exceptions: frozenset[str]
    negating_verbs: frozenset[str]
    noun_negators: frozenset[str]
    not_negation: tuple[str, ...]
    modal_lemmas: frozenset[str]
    modal_forms: frozenset[str]
    reported_future: frozenset[str]
    reported_future_subjects: frozenset[str]
    future_auxiliary: frozenset[str]
    future_phrases: tuple[str, ...]
    conditional: tuple[str, ...]
    hypothetical_verbs: frozenset[str]
    hypothetical_phrases: tuple[str, ...]
    hypothetical_adjectives: frozenset[str]
    intention_verbs: frozenset[str]
    intention_nouns: frozenset[str]
    intention_adjectives: frozenset[str]
    future_recode: dict[str, str]
    historical_phrases: tuple[str, ...]
    terms_verbs: frozenset[str]  # modality.yaml terms: what marks the terms of an agreement
    terms_phrases: tuple[str, ...]
    attribution_prepositions: tuple[tuple[str, ...], ...]
    attribution_postpositions: frozenset[str]
    attribution_verbs: frozenset[str]
    noun_heads: tuple[str, ...] = field(default=())
    # evaluations section: folded judging word -> (type, mode, confidence), first polarity first
    evaluation_words: dict[str, tuple[str, str | None, float]] = field(default_factory=dict)
    # positions in ``constructions`` by their first lemma: only those whose first lemma is present are tried
    construction_index: dict[str, tuple[int, ...]] = field(default_factory=dict)
    # construction lemmas by their last four letters, to find them as parts of compounds quickly
    construction_suffixes: dict[str, tuple[str, ...]] = field(default_factory=dict)


def _coding(raw: Any) -> tuple[str, str | None] | None:
    """A {type, mode} mapping as a pair."""
    return (str(raw["type"]), raw.get("mode")) if isinstance(raw, dict) and "type" in raw else None


def _entry(key: str, raw: dict[str, Any], fold: dict[str, str]) -> Entry:
    """One entry of events.yaml."""
    by_actor = tuple((kind, str(c["type"]), c.get("mode")) for kind, c in (raw.get("by_actor") or {}).items())
    preps = raw.get("recipient_prepositions") or {}
    preps = preps if isinstance(preps, dict) else {p: "recipient" for p in preps}
    return Entry(key=key, type=str(raw["type"]), mode=raw.get("mode"), context=raw.get("context"),
                 reciprocal=bool(raw.get("reciprocal", False)), recipient=raw.get("recipient"),
                 needs=frozenset(_fold(n, fold) for n in raw.get("needs") or ()),
                 light_verbs=frozenset(_fold(v, fold) for v in raw.get("light_verbs") or ()),
                 confidence=float(raw.get("confidence", 0.7)),
                 lemmas=tuple(_fold(x, fold) for x in raw.get("lemmas") or ()),
                 inverse=bool(raw.get("inverse", False)), no_recipient=_coding(raw.get("no_recipient")),
                 by_actor=by_actor, joint_type=raw.get("joint_type"), genitive=str(raw.get("genitive", "actor")),
                 prepositions=tuple((str(k), str(v)) for k, v in preps.items()),
                 excludes=frozenset(_fold(x, fold) for x in raw.get("excludes") or ()),
                 negated=raw.get("negated"))


def _fold(word: Any, fold: dict[str, str]) -> str:
    """A lemma lower-cased with the language's spelling folds applied ("Beschuß" -> "beschuss")."""
    text = str(word).lower()
    for old, new in fold.items():
        text = text.replace(old, new)
    return text


def _entries(section: dict[str, Any] | None, fold: dict[str, str]) -> dict[str, list[Entry]]:
    """A verbs/nouns section keyed by folded lemma; a lemma may carry a list of alternatives."""
    out: dict[str, list[Entry]] = {}
    for key, raw in (section or {}).items():
        items = raw if isinstance(raw, list) else [raw]
        out.setdefault(_fold(key, fold), []).extend(_entry(str(key), item, fold) for item in items if isinstance(item, dict))
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


@cache
def ontology() -> dict[str, Any]:
    """The PLOVER ontology (events/data/plover.yaml)."""
    path = resources.files("lagebild.events") / "data" / "plover.yaml"
    return yamlio.safe_load(path.read_text(encoding="utf-8"))


@cache
def lexicon(lang: str) -> Lexicon:
    """The compiled lexicon of ``lang``; ConfigError when its files are missing."""
    events = langdata.load(lang, "events")
    modality = langdata.load(lang, "modality")
    attribution = langdata.load(lang, "attribution")
    if not isinstance(events, dict) or "verbs" not in events:
        raise ConfigError(f"lang/{lang}/events.yaml has no 'verbs' section")
    fold = {str(k): str(v) for k, v in (events.get("lemma_folding") or {}).items()}
    nouns = _entries(events.get("nouns"), fold)
    constructions = sorted((_entry("+".join(c.get("lemmas", [])), c, fold)
                            for c in [*(events.get("constructions") or []), *_evaluations(events.get("evaluations"))]),
                           key=lambda c: -len(c.lemmas))  # longest first; the index below points into this order
    return Lexicon(
        verbs=_entries(events.get("verbs"), fold), nouns=nouns,
        constructions=constructions,
        prepositions={str(k): str(v) for k, v in (events.get("recipient_prepositions") or {}).items()},
        fold=fold, not_events=frozenset(_fold(w, fold) for w in events.get("not_events") or ()),
        joint_markers=tuple(str(w).lower() for w in events.get("joint_markers") or ()),
        negation=frozenset(w.lower() for w in _words(modality, "negation", "words")
                           + _words(modality, "negation", "lemmas")),
        negating_verbs=frozenset(_words(modality, "negation", "negating_verbs")),
        noun_negators=frozenset(w.lower() for w in _words(modality, "negation", "noun_negators")),
        negation_exceptions=frozenset(_words(modality, "negation", "not_before")),
        not_negation=tuple(p.lower() for p in _words(modality, "negation", "not_negation")),
        modal_lemmas=frozenset(_words(modality, "hypothetical", "modal_lemmas")),
        reported_future=frozenset(w.lower() for w in _words(modality, "hypothetical", "reported_future")),
        reported_future_subjects=frozenset(w.lower() for w in _words(modality, "hypothetical", "reported_future_subjects")),
        modal_forms=frozenset(w.lower() for w in _words(modality, "hypothetical", "modal_forms")
                              + _words(modality, "hypothetical", "subjunctive_forms")),
        future_auxiliary=frozenset(_words(modality, "hypothetical", "future_auxiliary")),
        future_phrases=tuple(p.lower() for p in _words(modality, "hypothetical", "future_phrases")),
        conditional=tuple(p.lower() for p in _words(modality, "hypothetical", "conditional")),
        hypothetical_verbs=frozenset(_words(modality, "hypothetical", "verbs")),
        hypothetical_phrases=tuple(p.lower() for p in _words(modality, "hypothetical", "phrases")),
        hypothetical_adjectives=frozenset(_words(modality, "hypothetical", "adjectives")),
        intention_verbs=frozenset(_words(modality, "intention", "verbs")),
        intention_nouns=frozenset(_fold(w, fold) for w in _words(modality, "intention", "nouns")),
        intention_adjectives=frozenset(_words(modality, "intention", "adjectives")),
        future_recode={str(k): str(v) for k, v in (ontology().get("future_recode") or {}).items()},
        historical_phrases=tuple(p.lower() for p in _words(modality, "historical", "phrases")),
        terms_verbs=frozenset(_words(modality, "terms", "verbs")),
        terms_phrases=tuple(p.lower() for p in _words(modality, "terms", "phrases")),
        attribution_prepositions=tuple(tuple(w.lower().split()) for w in _words(attribution, "prepositions")),
        attribution_postpositions=frozenset(w.lower() for w in _words(attribution, "postpositions")),
        attribution_verbs=frozenset(_words(attribution, "verbs")),
        noun_heads=tuple(sorted((n for n in nouns if len(n) >= 4), key=len, reverse=True)),
        construction_suffixes=_suffix_index(constructions),
        evaluation_words=_evaluation_words(events.get("evaluations"), fold),
        construction_index=_first_lemma_index(constructions),
    )


def _evaluations(spec: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Constructions from the ``evaluations`` section: each judging verb with each word of each polarity
    ("bezeichnen" + "Provokation" -> ACCUSE disapprove)."""
    if not spec:
        return []
    out = []
    for polarity in spec.get("polarities") or []:
        extra = {k: v for k, v in polarity.items() if k != "words"}
        for verb in spec.get("verbs") or []:
            for word in polarity.get("words") or []:
                if not isinstance(word, str):  # YAML reads an unquoted false/no/on as a boolean
                    raise ConfigError(f"evaluations: {word!r} is not a word (quote it)")
                out.append({"lemmas": [verb, word], "recipient": spec.get("recipient"), **extra})
    return out


def _evaluation_words(spec: dict[str, Any] | None, fold: dict[str, str]) -> dict[str, tuple[str, str | None, float]]:
    """Each judging word of the ``evaluations`` section with its coding (the first polarity listing it wins)."""
    words: dict[str, tuple[str, str | None, float]] = {}
    for polarity in (spec or {}).get("polarities") or []:
        for word in polarity.get("words") or []:
            words.setdefault(_fold(word, fold), (str(polarity["type"]), polarity.get("mode"),
                                                 float(polarity.get("confidence", 0.5))))
    return words


def _first_lemma_index(constructions: list[Entry]) -> dict[str, tuple[int, ...]]:
    """Construction positions keyed by their first lemma."""
    index: dict[str, list[int]] = {}
    for n, entry in enumerate(constructions):
        if entry.lemmas:
            index.setdefault(entry.lemmas[0], []).append(n)
    return {k: tuple(v) for k, v in index.items()}


def _suffix_index(constructions: list[Entry]) -> dict[str, tuple[str, ...]]:
    """Construction lemmas of four letters or more, keyed by their last four letters."""
    index: dict[str, set[str]] = {}
    for entry in constructions:
        for lemma in entry.lemmas:
            if len(lemma) >= 4 and " " not in lemma:
                index.setdefault(lemma[-4:], set()).add(lemma)
    return {k: tuple(sorted(v)) for k, v in index.items()}


def fold(lang: str, word: str) -> str:
    """``word`` folded the way the lexicon's keys are."""
    return _fold(word, lexicon(lang).fold)


@lru_cache(maxsize=65536)
def noun_head(lang: str, word: str) -> str | None:
    """The folded lexicon noun a German compound ends with: "Raketenangriff" -> "angriff"; None if
    none or when the compound is listed under ``not_events`` ("Wahlkampf")."""
    lex = lexicon(lang)
    lower = fold(lang, word)
    if lower in lex.not_events:
        return None
    for head in lex.noun_heads:
        if lower.endswith(head) and len(lower) > len(head):
            return head
    return None
