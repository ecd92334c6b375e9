"""Data-integrity contract of the event knowledge: events/data/plover.yaml and lang/<code>/{events,
modality,attribution}.yaml.

Checks that the files parse (without duplicate keys), that every type, mode and context they use exists
in the PLOVER ontology, that lemmas have the shape the coder's lemmatiser produces, that no lemma is coded
two ways without a disambiguating condition, and that every language covers all 16 types.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

import lagebild

PKG = Path(lagebild.__file__).parent
PLOVER_PATH = PKG / "events" / "data" / "plover.yaml"
LANGS = ("de", "en")

TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}
QUADS = {"verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"}
ENTRY_KEYS = {
    "type", "mode", "context", "reciprocal", "recipient", "recipient_prepositions", "inverse", "needs",
    "excludes", "light_verbs", "no_recipient", "by_actor", "joint_type", "genitive", "confidence", "note", "negated",
}
CODING_KEYS = {"type", "mode", "context"}
ACTOR_KINDS = {"state", "civilian", "armed_group"}
ROLES = {"recipient", "target", "partner", "destination", "origin", "location", "agent", "genitive",
         "co_actor", "topic"}
MIN_SIZES = {  # (verbs, nouns, constructions)
    "de": (250, 120, 40),
    "en": (200, 80, 30),
}
DE_VERB = re.compile(r"^[a-zäöüß]+(en|ern|eln|n)$")
DE_NOUN = re.compile(r"^[A-ZÄÖÜ][a-zäöüßA-ZÄÖÜ-]*$")
EN_WORD = re.compile(r"^[a-z][a-z-]*$")
WORD = re.compile(r"^[A-Za-zÄÖÜäöüß][A-Za-zÄÖÜäöüß-]*$")


_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _UniqueKeyLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """SafeLoader that refuses duplicate mapping keys (PyYAML silently keeps the last one)."""


def _construct_unique_mapping(loader: Any, node: yaml.MappingNode, deep: bool = False) -> Any:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise ValueError(f"duplicate key {key!r} at line {key_node.start_mark.line + 1}")
        seen.add(key)
    return _BaseLoader.construct_mapping(loader, node, deep)


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_unique_mapping)


def _load(path: Path) -> Any:
    """Parse a YAML file, failing on duplicate keys."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)


@cache
def _lang(lang: str, name: str) -> Any:
    """The parsed lang/<lang>/<name>.yaml (cached: the tests only read it)."""
    return _load(PKG / "lang" / lang / f"{name}.yaml")


@pytest.fixture(scope="module")
def plover() -> dict[str, Any]:
    return _load(PLOVER_PATH)


def _alternatives(value: Any) -> list[dict[str, Any]]:
    """The codings of one verb or noun: a lemma may carry a list of alternatives with conditions."""
    return value if isinstance(value, list) else [value]


def _section(events: dict[str, Any], name: str) -> list[tuple[str, dict[str, Any]]]:
    """(lemma, entry) pairs of the verbs or nouns section, alternatives flattened."""
    return [(k, e) for k, v in events[name].items() for e in _alternatives(v)]


def _entries(events: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """All entries of an events.yaml as (where, entry) pairs."""
    out = [(f"verbs.{k}", v) for k, v in _section(events, "verbs")]
    out += [(f"nouns.{k}", v) for k, v in _section(events, "nouns")]
    out += [(f"constructions[{i}] {c.get('lemmas')}", c) for i, c in enumerate(events["constructions"])]
    return out


def _coding_errors(where: str, coding: dict[str, Any], plover: dict[str, Any]) -> list[str]:
    """Problems with a {type, mode, context} coding."""
    errors = []
    typ = coding.get("type")
    if typ not in plover["types"]:
        return [f"{where}: unknown type {typ!r}"]
    mode = coding.get("mode")
    if mode is not None and mode not in plover["types"][typ]["modes"]:
        errors.append(f"{where}: mode {mode!r} is not a mode of {typ}")
    context = coding.get("context")
    if context is not None and context not in plover["contexts"]:
        errors.append(f"{where}: unknown context {context!r}")
    return errors


def _entry_errors(where: str, entry: dict[str, Any], plover: dict[str, Any]) -> list[str]:
    """Problems with one lexicon entry (shared keys of verbs, nouns and constructions)."""
    errors = [f"{where}: unknown key {k!r}" for k in entry if k not in ENTRY_KEYS | {"lemmas"}]
    errors += _coding_errors(where, entry, plover)
    if not isinstance(entry.get("reciprocal", False), bool) or not isinstance(entry.get("inverse", False), bool):
        errors.append(f"{where}: reciprocal/inverse must be true or false")
    if entry.get("recipient", "object") not in {"object", "dative", "none"}:
        errors.append(f"{where}: recipient must be object, dative or none")
    if entry.get("genitive", "actor") not in {"actor", "recipient"}:
        errors.append(f"{where}: genitive must be actor or recipient")
    if not 0 < entry.get("confidence", 0.7) <= 1:
        errors.append(f"{where}: confidence must be in (0, 1]")
    for key in ("needs", "excludes", "light_verbs", "recipient_prepositions"):
        value = entry.get(key, [])
        if key == "recipient_prepositions" and isinstance(value, dict):
            # {preposition: role}: the entry's own role for a preposition ("bei" is where a complaint is filed)
            if not value or not all(isinstance(k, str) and v in ROLES for k, v in value.items()):
                errors.append(f"{where}: {key} as a mapping must map prepositions to roles {sorted(ROLES)}")
            continue
        if not (isinstance(value, list) and value and all(isinstance(x, str) for x in value)) and key in entry:
            errors.append(f"{where}: {key} must be a non-empty list of strings")
    if "no_recipient" in entry:
        errors += _coding_errors(f"{where}.no_recipient", entry["no_recipient"], plover)
    for kind, coding in entry.get("by_actor", {}).items():
        if kind not in ACTOR_KINDS:
            errors.append(f"{where}: by_actor kind {kind!r} not in {sorted(ACTOR_KINDS)}")
        errors += _coding_errors(f"{where}.by_actor.{kind}", coding, plover)
    if "joint_type" in entry and entry["joint_type"] not in TYPES:
        errors.append(f"{where}: joint_type {entry['joint_type']!r} is not a type")
    if "negated" in entry and entry["negated"] not in TYPES:
        errors.append(f"{where}: negated {entry['negated']!r} is not a type")
    return errors


def _accidental_booleans(value: Any, path: str) -> list[str]:
    """Paths where YAML 1.1 turned a word into a boolean: keys, and list items (on, off, no, yes)."""
    if isinstance(value, dict):
        found = [f"{path}: key {k!r}" for k in value if isinstance(k, bool)]
        return found + [p for k, v in value.items() for p in _accidental_booleans(v, f"{path}.{k}")]
    if isinstance(value, list):
        found = [f"{path}[{i}]" for i, v in enumerate(value) if isinstance(v, bool)]
        return found + [p for i, v in enumerate(value) for p in _accidental_booleans(v, f"{path}[{i}]")]
    return []


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", ["events", "modality", "attribution"])
def test_lang_files_parse_without_accidental_booleans(lang: str, name: str) -> None:
    """Unquoted on/off/no/yes are booleans in YAML 1.1: "call off" must be written [call, "off"]."""
    assert not _accidental_booleans(_lang(lang, name), f"{lang}/{name}")


# ---- plover.yaml ------------------------------------------------------------------------------------


def test_plover_has_the_16_types_with_quads_and_scores(plover: dict[str, Any]) -> None:
    assert set(plover["types"]) == TYPES
    assert set(plover["quads"]) == QUADS
    for name, spec in plover["types"].items():
        assert spec["quad"] in QUADS, name
        assert isinstance(spec["definition"], str) and len(spec["definition"]) > 40, name
        assert -10 <= spec["score"] <= 10, name
        assert isinstance(spec["requires_recipient"], bool), name
        assert isinstance(spec["modes"], dict), name
        assert set(spec["mode_scores"]) <= set(spec["modes"]), name
        assert all(-10 <= s <= 10 for s in spec["mode_scores"].values()), name


def test_plover_quads_follow_the_manual(plover: dict[str, Any]) -> None:
    quad = {name: spec["quad"] for name, spec in plover["types"].items()}
    assert {t for t, q in quad.items() if q == "verbal_cooperation"} == {"AGREE", "CONSULT", "SUPPORT", "CONCEDE"}
    assert {t for t, q in quad.items() if q == "material_cooperation"} == {"COOPERATE", "AID", "RETREAT"}
    assert {t for t, q in quad.items() if q == "verbal_conflict"} == {"REQUEST", "ACCUSE", "REJECT", "THREATEN"}
    cooperative = [plover["types"][t]["score"] for t, q in quad.items() if q.endswith("cooperation")]
    conflictual = [plover["types"][t]["score"] for t, q in quad.items() if q.endswith("conflict")]
    assert min(cooperative) > 0 >= max(conflictual)


def test_plover_contexts_aux_modes_and_rules(plover: dict[str, Any]) -> None:
    assert {"military", "diplomatic", "economic", "legal", "cyber", "misinformation", "cbrn"} <= set(plover["contexts"])
    assert set(plover["auxiliary_modes"]) == {"negation", "future", "hypothetical", "historical"}
    assert plover["future_recode"] == {"CONSULT": "AGREE", "SUPPORT": "AGREE", "COOPERATE": "AGREE",
                                       "AID": "AGREE", "RETREAT": "CONCEDE"}
    for typ, aliases in plover["mode_aliases"].items():
        assert all(m is None or m in plover["types"][typ]["modes"] for m in aliases.values()), typ


def test_plover_keeps_its_licence_notice() -> None:
    assert "CC BY-SA 4.0" in PLOVER_PATH.read_text(encoding="utf-8")


# ---- events.yaml --------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_lang_events_entries_are_valid(lang: str, plover: dict[str, Any]) -> None:
    events = _lang(lang, "events")
    errors = [e for where, entry in _entries(events) for e in _entry_errors(where, entry, plover)]
    errors += [f"verbs.{k}: light_verbs belong to nouns" for k, v in _section(events, "verbs") if "light_verbs" in v]
    assert not errors, "\n".join(errors)


@pytest.mark.parametrize("lang", LANGS)
def test_lang_events_cover_all_types_and_minimum_sizes(lang: str) -> None:
    events = _lang(lang, "events")
    verbs, nouns, constructions = events["verbs"], events["nouns"], events["constructions"]
    n_verbs, n_nouns, n_constr = MIN_SIZES[lang]
    assert len(verbs) >= n_verbs and len(nouns) >= n_nouns and len(constructions) >= n_constr
    covered = {e["type"] for _, e in [*_section(events, "verbs"), *_section(events, "nouns")]}
    assert covered == TYPES, f"missing: {TYPES - covered}"
    assert {c["type"] for c in constructions} == TYPES


def test_de_lemma_shapes() -> None:
    events = _lang("de", "events")
    bad = [v for v in events["verbs"] if not DE_VERB.match(v)]
    bad += [n for n in events["nouns"] if not DE_NOUN.match(n)]
    for c in events["constructions"]:
        bad += [w for w in c["lemmas"] if not WORD.match(w)]
    for _, entry in [*_section(events, "verbs"), *_section(events, "nouns")]:
        bad += [w for k in ("needs", "excludes", "light_verbs") for w in entry.get(k, []) if not WORD.match(w)]
        bad += [w for w in entry.get("light_verbs", []) if not DE_VERB.match(w)]
    assert not bad, bad


def test_en_lemma_shapes() -> None:
    events = _lang("en", "events")
    bad = [w for w in [*events["verbs"], *events["nouns"]] if not EN_WORD.match(w)]
    for c in events["constructions"]:
        bad += [w for w in c["lemmas"] if not EN_WORD.match(w)]
    for _, entry in [*_section(events, "verbs"), *_section(events, "nouns")]:
        bad += [w for k in ("needs", "excludes", "light_verbs") for w in entry.get(k, []) if not EN_WORD.match(w)]
    assert not bad, bad


@pytest.mark.parametrize("lang", LANGS)
def test_lang_events_no_unresolved_conflicts(lang: str) -> None:
    """A lemma coded twice (as verb and noun) with different types needs a condition on one side."""
    events = _lang(lang, "events")
    verbs, nouns = events["verbs"], events["nouns"]
    conflicts = [
        lemma for lemma in set(verbs) & set(nouns)
        if {e["type"] for e in _alternatives(verbs[lemma])} != {e["type"] for e in _alternatives(nouns[lemma])}
        and not any(k in e for e in (*_alternatives(verbs[lemma]), *_alternatives(nouns[lemma]))
                    for k in ("needs", "light_verbs"))
    ]
    assert not conflicts, conflicts
    seen: dict[frozenset[str], str] = {}
    for c in events["constructions"]:
        assert len(c["lemmas"]) >= 2, c
        key = frozenset(w.lower() for w in c["lemmas"])
        assert key not in seen, f"construction {c['lemmas']} listed twice"
        seen[key] = c["type"]


@pytest.mark.parametrize("lang", LANGS)
def test_lang_events_prepositions_markers_and_not_events(lang: str) -> None:
    events = _lang(lang, "events")
    roles = events["recipient_prepositions"]
    assert {r for r in roles.values()} <= ROLES, set(roles.values()) - ROLES
    assert {"recipient", "partner", "topic", "agent"} <= set(roles.values())
    assert events["joint_markers"] and all(isinstance(w, str) for w in events["joint_markers"])
    assert not set(events["not_events"]) & set(events["nouns"])


# Key PLOVER coding decisions (FINDINGS.md), as a per-language table.
DECISIONS = [
    ("de", "verbs", "vorwerfen", "ACCUSE", "allege"),       # "wirft ... vor"
    ("de", "verbs", "zurückweisen", "REJECT", None),        # "weist ... zurück"
    ("de", "verbs", "unterzeichnen", "SUPPORT", None),      # signing a treaty is SUPPORT
    ("de", "verbs", "einbestellen", "ACCUSE", "disapprove"),  # summoning an ambassador is ACCUSE
    ("de", "verbs", "entsenden", "AID", None),              # troops sent to an ally are AID
    ("de", "verbs", "kämpfen", "ASSAULT", None),
    ("de", "verbs", "besuchen", "CONSULT", "visit"),
    ("de", "verbs", "einladen", "AGREE", None),             # invitations are AGREE
    ("de", "nouns", "Manöver", "MOBILIZE", "troops"),       # single-country exercise; joint: COOPERATE
    ("de", "nouns", "Sanktion", "SANCTION", "discontinue"),
    ("de", "nouns", "Treffen", "CONSULT", None),
    ("de", "nouns", "Cyberangriff", "COERCE", "cyber"),
    ("de", "nouns", "Haftbefehl", "THREATEN", "arrest"),
    ("en", "verbs", "accuse", "ACCUSE", "allege"),
    ("en", "verbs", "sign", "SUPPORT", None),
    ("en", "verbs", "summon", "ACCUSE", "disapprove"),
    ("en", "verbs", "fight", "ASSAULT", None),
    ("en", "nouns", "exercise", "MOBILIZE", "troops"),
    ("en", "nouns", "sanction", "SANCTION", "discontinue"),
]


@pytest.mark.parametrize(("lang", "section", "lemma", "typ", "mode"), DECISIONS)
def test_lang_events_follow_plover_decisions(lang: str, section: str, lemma: str, typ: str, mode: str | None) -> None:
    entry = _lang(lang, "events")[section][lemma]
    assert (entry["type"], entry.get("mode")) == (typ, mode)


@pytest.mark.parametrize(("lang", "lemma"), [("de", "Manöver"), ("en", "exercise")])
def test_lang_joint_exercises_are_cooperate(lang: str, lemma: str) -> None:
    assert _lang(lang, "events")["nouns"][lemma]["joint_type"] == "COOPERATE"


# ---- modality.yaml and attribution.yaml ---------------------------------------------------------------


def _strings(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(x, str) and x for x in value)


@pytest.mark.parametrize("lang", LANGS)
def test_lang_modality_sections(lang: str) -> None:
    modality = _lang(lang, "modality")
    assert _strings(modality["negation"]["words"]) and _strings(modality["negation"]["not_negation"])
    hyp = modality["hypothetical"]
    for key in ("modal_lemmas", "future_auxiliary", "verbs", "phrases", "adjectives", "conditional"):
        assert _strings(hyp[key]), key
    assert _strings(modality["intention"]["verbs"]) and _strings(modality["intention"]["adjectives"])
    assert _strings(modality["historical"]["phrases"])
    assert _strings(modality["negation"]["not_before"])


@pytest.mark.parametrize("lang", LANGS)
def test_lang_attribution_sections(lang: str) -> None:
    attribution = _lang(lang, "attribution")
    for key in ("prepositions", "verbs", "source_nouns", "unnamed_source_nouns", "containers", "hedges"):
        assert _strings(attribution[key]), key
    assert isinstance(attribution["postpositions"], list)
    assert set(attribution["unnamed_source_nouns"]) <= set(attribution["source_nouns"])


@pytest.mark.parametrize("lang", LANGS)
def test_lang_speech_and_reporting_verbs_agree_with_events(lang: str) -> None:
    """A speech verb marked as an event has that coding in events.yaml; one marked null is not an
    unconditional event verb (only with `needs`, e.g. "sprechen mit"); a reporting verb is neither an
    event verb nor an intention verb."""
    verbs = _lang(lang, "events")["verbs"]
    attribution = _lang(lang, "attribution")
    errors = []
    for lemma, spec in attribution["speech_verbs"].items():
        event = spec["event"]
        entries = verbs.get(lemma, [])
        plain = [e for e in (entries if isinstance(entries, list) else [entries]) if "needs" not in e]
        if event is not None and event not in {e.get("type") for e in plain}:
            errors.append(f"speech verb {lemma}: event {event} but events.yaml says {verbs.get(lemma)}")
        if event is None and plain:
            errors.append(f"speech verb {lemma} is an unconditional event verb in events.yaml")
    intention = set(_lang(lang, "modality")["intention"]["verbs"])
    errors += [f"reporting verb {v} is an event or intention verb: its clause would be dropped"
               for v in attribution["verbs"] if v in verbs or v in intention]
    assert not errors, "\n".join(errors)


@pytest.mark.parametrize("lang", LANGS)
def test_lang_hypothetical_verbs_are_no_event_verbs(lang: str) -> None:
    """A hypothetical cue verb that is itself an event verb would make its own event hypothetical."""
    verbs = _lang(lang, "events")["verbs"]
    assert not set(_lang(lang, "modality")["hypothetical"]["verbs"]) & set(verbs)


@pytest.mark.parametrize(("lang", "key", "word"), [("de", "postpositions", "zufolge"), ("de", "prepositions", "laut"),
                                                   ("de", "prepositions", "nach Angaben"),
                                                   ("en", "prepositions", "according to")])
def test_lang_attribution_knows_the_common_cues(lang: str, key: str, word: str) -> None:
    assert word in _lang(lang, "attribution")[key]
