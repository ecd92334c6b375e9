"""The actor knowledge base: states, organisations and people with dated roles, loaded from the data
files in ``actors/data/`` (see SOURCES.md there) and role nouns from ``lang/<code>/roles.yaml``.

Ids: ``state:PRK``, ``org:NATO``, ``media:KCNA``, ``person:kim-jong-un``.
"""

from __future__ import annotations

import json
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from lagebild import lang as langdata
from lagebild import yamlio
from lagebild.errors import ConfigError

TITLE_RANK = ("head of state", "supreme leader", "head of government", "vice president", "foreign minister",
              "defence minister", "secretary-general", "commission president", "high representative")
STATE_BODY_KINDS = frozenset({"state_body", "party"})
# PETRARCH's country actor lists mix institutions in with people; entries whose names contain these
# words are institutions and are not loaded as persons.
INSTITUTION_WORDS = frozenset({"authority", "party", "council", "ministry", "government", "army", "forces", "front",
                               "movement", "union", "organization", "organisation", "committee", "court", "bank",
                               "agency", "police", "service", "assembly", "parliament", "commission", "office",
                               "republic", "kingdom", "state", "national", "league", "alliance", "group"})


@dataclass(frozen=True, slots=True)
class Role:
    """An office held from ``start`` to ``end`` (None: open)."""

    title: str
    de: str | None
    country: str | None
    org: str | None
    sector: str | None
    start: date | None
    end: date | None

    def active(self, when: date | None) -> bool:
        """Whether the role is held on ``when`` (None: held now)."""
        if when is None:
            return self.end is None
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)


@dataclass(frozen=True, slots=True)
class KBEntry:
    """A state, organisation or person."""

    id: str
    kind: str  # state | igo | armed_group | party | media | ngo | state_body | person
    name: str
    code: str
    country: str | None
    sector: str | None
    names: tuple[str, ...]
    roles: tuple[Role, ...] = ()
    display: dict[str, str] = field(default_factory=dict)  # canonical name per language


@dataclass(frozen=True, slots=True)
class Alias:
    """A surface form of an entry."""

    text: str
    kb_id: str
    kind: str  # name | short | acronym | adjective | demonym | metonym | surname
    lang: str | None


@dataclass(frozen=True, slots=True)
class RoleNoun:
    """A noun naming a role ("Außenminister") or a group ("Soldaten")."""

    lemma: str
    title: str
    sector: str | None
    person: bool


def _read_yaml(name: str) -> Any:
    """A YAML file of actors/data, parsed (C loader when available)."""
    path = resources.files("lagebild.actors") / "data" / name
    if not path.is_file():
        return None
    try:
        return yamlio.safe_load(path.read_text(encoding="utf-8"))
    except yamlio.YAMLError as exc:
        raise ConfigError(f"actors/data/{name} is not valid YAML: {exc}") from exc


def _date(value: Any, where: str) -> date | None:
    """A date from YAML (already a date, an ISO string, or None)."""
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise ConfigError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from exc


def _role(raw: dict[str, Any], where: str) -> Role:
    """A Role from its YAML mapping."""
    return Role(str(raw.get("title", "official")), raw.get("de"), raw.get("country"), raw.get("org"),
                raw.get("sector"), _date(raw.get("start"), where), _date(raw.get("end"), where))


def _inflect(word: str, rules: list[dict[str, Any]]) -> list[str]:
    """Forms of ``word`` by the first rule whose ending matches."""
    for rule in rules:
        ending = rule.get("ending", "")
        if word.endswith(ending):
            stem = word[: len(word) - len(ending)] if ending else word
            return [stem + form for form in rule.get("forms", [""])]
    return [word]


class _Builder:
    """Collects entries and aliases while the data files are read."""

    def __init__(self) -> None:
        self.entries: dict[str, KBEntry] = {}
        self.aliases: list[Alias] = []
        self.texts: dict[str, set[str]] = defaultdict(set)
        self.dependent: set[str] = set()  # territories (not independent states)

    def alias(self, text: Any, kb_id: str, kind: str, lang: str | None) -> None:
        """Add one alias (acronyms recognised by their spelling)."""
        text = " ".join(str(text).split())
        if len(text) < 2:
            return
        if kind in ("name", "short") and text.replace(".", "").isupper() and len(text) <= 6:
            kind = "acronym"
        self.aliases.append(Alias(text, kb_id, kind, lang))
        self.texts[kb_id].add(text)


def _add_states(b: _Builder) -> None:
    """States from the generated countries.yaml with the curated additions."""
    generated = _read_yaml("countries.yaml") or {}
    curated = _read_yaml("countries_curated.yaml") or {}
    rules = curated.get("inflections", {})
    extra = curated.get("countries", {}) or {}
    for code, raw in generated.items():
        cur = extra.get(code, {}) or {}
        kb_id = f"state:{code}"
        drop = set(cur.get("drop", []) or [])
        name_en, name_de = cur.get("name_en") or raw["name_en"], cur.get("name_de") or raw["name_de"]
        forms = {"en": [name_en, raw.get("official_en")] + list(cur.get("names_en", []) or []),
                 "de": [name_de, raw.get("official_de")] + list(cur.get("names_de", []) or [])}
        for lang, names in forms.items():
            for n in names + list(cur.get("names", []) or []):
                if n and n not in drop:
                    b.alias(n, kb_id, "name", lang)
        for n in raw.get("alt_names", []) or []:
            if n not in drop and n.isascii():
                b.alias(n, kb_id, "short", None)
        _state_words(b, kb_id, raw, cur, rules)
        if not raw.get("independent"):
            b.dependent.add(kb_id)
        b.entries[kb_id] = KBEntry(kb_id, "state", name_de, code, code, "GOV",
                                   tuple(sorted(b.texts[kb_id])),
                                   display={"de": name_de, "en": name_en})


def _state_words(b: _Builder, kb_id: str, raw: dict[str, Any], cur: dict[str, Any], rules: dict[str, Any]) -> None:
    """Adjectives, demonyms and metonyms of one state."""
    for lang in ("de", "en"):
        lang_rules = rules.get(lang, {})
        for stem in cur.get(f"adj_{lang}", []) or []:
            for suffix in lang_rules.get("adjective", [""]):
                b.alias(stem + suffix, kb_id, "adjective", lang)
        demonyms = list(cur.get(f"dem_{lang}", []) or [])
        if lang == "en" and raw.get("demonym_en"):
            demonyms.append(raw["demonym_en"])
        for dem in demonyms:
            for form in _inflect(dem, lang_rules.get("demonym", [])):
                b.alias(form, kb_id, "demonym", lang)
        for met in cur.get(f"met_{lang}", []) or []:
            b.alias(met, kb_id, "metonym", lang)
    if raw.get("independent"):
        for capital in raw.get("capital_en", []) or []:
            b.alias(capital, kb_id, "metonym", "en")


def _add_organisations(b: _Builder) -> None:
    """Organisations, armed groups, state bodies and media."""
    data = _read_yaml("organisations.yaml") or {}
    for raw in data.get("organisations", []) or []:
        ident = raw.get("id") or raw["code"]
        kind = raw.get("kind", "igo")
        kb_id = f"{'media' if kind == 'media' else 'org'}:{ident}"
        country = raw.get("country")
        code = country if kind in STATE_BODY_KINDS and country else raw["code"]
        for key, lang in (("aliases", None), ("aliases_de", "de"), ("aliases_en", "en")):
            for text in raw.get(key, []) or []:
                b.alias(text, kb_id, "name", lang)
        for key, lang in (("metonyms_de", "de"), ("metonyms_en", "en")):
            for text in raw.get(key, []) or []:
                b.alias(text, kb_id, "metonym", lang)
        b.alias(raw.get("name", ident), kb_id, "name", "en")
        if raw.get("name_de"):
            b.alias(raw["name_de"], kb_id, "name", "de")
        names = tuple(sorted(b.texts[kb_id]))
        b.entries[kb_id] = KBEntry(kb_id, kind, raw.get("name", ident), code, country, raw.get("sector"), names,
                                   display={"de": raw.get("name_de") or raw.get("name", ident),
                                            "en": raw.get("name", ident)})


def _person(b: _Builder, raw: dict[str, Any], where: str, surnames: bool) -> None:
    """One person with aliases and dated roles."""
    kb_id = f"person:{raw['id']}"
    roles = tuple(_role(r, f"{where} {raw['id']}") for r in raw.get("roles", []) or [])
    name, name_en = raw["name"], raw.get("name_en") or raw["name"]
    for text in [name, name_en] + list(raw.get("aliases", []) or []):
        b.alias(text, kb_id, "name", None)
    for text in (raw.get("surnames", []) or []) if surnames else []:
        b.alias(text, kb_id, "surname", None)
    country = raw.get("country")
    b.entries[kb_id] = KBEntry(kb_id, "person", name, country or "UNK", country, raw.get("sector"),
                               tuple(sorted({name, name_en, *(raw.get("aliases") or [])})), roles,
                               display={"de": name, "en": name_en})


def _add_people(b: _Builder) -> None:
    """Curated people (with surnames), then PETRARCH's historical office holders (full names only)."""
    data = _read_yaml("people.yaml") or {}
    curated_names = set()
    for raw in data.get("people", []) or []:
        _person(b, raw, "actors/data/people.yaml", surnames=True)
        curated_names.add(_fold(raw["name"]))
    path = resources.files("lagebild.actors") / "data" / "people_petrarch.yaml"
    if not path.is_file():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("- {"):
            raw = json.loads(line[2:])
            institution = INSTITUTION_WORDS & set(_fold(raw["name"]).split())
            if not institution and f"person:{raw['id']}" not in b.entries and _fold(raw["name"]) not in curated_names:
                _person(b, raw, "actors/data/people_petrarch.yaml", surnames=False)


def strip_accents(text: str) -> str:
    """``text`` without combining accents ("Peña" -> "Pena"); ASCII text as it is, at no cost."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _fold(text: str) -> str:
    """Case- and accent-folded text for comparisons."""
    return " ".join(strip_accents(text).replace("-", " ").casefold().split())


class KnowledgeBase:
    """States, organisations, people and role nouns, with lookups by alias, date and office."""

    def __init__(self, entries: dict[str, KBEntry], aliases: list[Alias]) -> None:
        self._entries = entries
        self._aliases = tuple(aliases)
        self._by_fold: dict[str, list[Alias]] = defaultdict(list)
        self._offices: dict[tuple[str, str], list[tuple[Role, str]]] = defaultdict(list)
        self.extends: tuple[KnowledgeBase, tuple[Alias, ...]] | None = None  # (base, aliases added to it)
        for a in aliases:
            self._by_fold[_fold(a.text)].append(a)
        for e in entries.values():
            for r in e.roles:
                self._offices[_office(r, e)].append((r, e.id))

    @classmethod
    def load(cls) -> KnowledgeBase:
        """The shipped knowledge base, loaded once per process."""
        return _load()

    def __len__(self) -> int:
        """The number of entries."""
        return len(self._entries)

    def with_people(self, people: Iterable[dict[str, Any]]) -> KnowledgeBase:
        """This knowledge base plus persons discovered in stored articles (``Store.discovered_actors``:
        id "new:person:...", name, country, role, first_seen), each with its full name and surname as
        aliases and its role from the day it was first seen, so later articles link to the same actor.
        People already in this knowledge base (same id) are skipped."""
        entries: dict[str, KBEntry] = {}
        aliases: list[Alias] = []
        for raw in people:
            kb_id, name = str(raw.get("id") or ""), " ".join(str(raw.get("name") or "").split())
            if not kb_id or kb_id in self._entries or kb_id in entries or len(name.split()) < 2:
                continue
            country = raw.get("country") or None
            try:
                seen: date | None = date.fromisoformat(str(raw.get("first_seen") or "")[:10])
            except ValueError:
                seen = None
            roles = (Role(str(raw["role"]), None, country, None, None, seen, None),) if raw.get("role") else ()
            entries[kb_id] = KBEntry(kb_id, "person", name, country or "UNK", country, None, (name,), roles,
                                     display={"de": name, "en": name})
            aliases.append(Alias(name, kb_id, "name", None))
            aliases.append(Alias(name.split()[-1], kb_id, "surname", None))
        # built on this base without re-reading it: its lookups are shared, the new people added
        kb = object.__new__(KnowledgeBase)
        kb._entries = {**self._entries, **entries}
        kb._aliases = self._aliases + tuple(aliases)
        kb._by_fold = defaultdict(list, self._by_fold)
        kb._offices = defaultdict(list, self._offices)
        kb.extends = (self, tuple(aliases))
        for a in aliases:  # new lists where something is added: the base's stay as they are
            kb._by_fold[_fold(a.text)] = [*kb._by_fold.get(_fold(a.text), ()), a]
        for e in entries.values():
            for r in e.roles:
                kb._offices[_office(r, e)] = [*kb._offices.get(_office(r, e), ()), (r, e.id)]
        return kb

    def get(self, kb_id: str) -> KBEntry | None:
        """The entry with this id, or None."""
        return self._entries.get(kb_id)

    def entries(self) -> Iterator[KBEntry]:
        """All entries."""
        return iter(self._entries.values())

    def aliases(self, lang: str | None = None) -> tuple[Alias, ...]:
        """Every surface form valid in ``lang`` (language-independent ones included)."""
        if lang is None:
            return self._aliases
        return tuple(a for a in self._aliases if a.lang in (None, lang))

    def lookup(self, surface: str, lang: str | None = None) -> list[Alias]:
        """Aliases spelled like ``surface`` (case, accents and hyphens ignored)."""
        return [a for a in self._by_fold.get(_fold(surface), []) if lang is None or a.lang in (None, lang)]

    def role_at(self, kb_id: str, when: date | None) -> Role | None:
        """The highest role the entry holds on ``when`` (None: the most recent role)."""
        entry = self._entries.get(kb_id)
        if entry is None or not entry.roles:
            return None
        active = [r for r in entry.roles if r.active(when)]
        if not active:
            return None if when is not None else max(entry.roles, key=lambda r: r.start or date.min)
        return min(active, key=_title_rank)

    def holders(self, title: str, country: str, when: date | None) -> list[KBEntry]:
        """Who held office ``title`` for ``country`` (or organisation) on ``when``."""
        return [self._entries[i] for r, i in self._offices.get((title, country), []) if r.active(when)]

    def search(self, query: str) -> list[KBEntry]:
        """Entries whose names contain every word of ``query``; exact alias matches first."""
        words = _fold(query).split()
        exact = [self._entries[a.kb_id] for a in self._by_fold.get(_fold(query), []) if a.kb_id in self._entries]
        partial = [e for e in self._entries.values()
                   if words and any(all(w in _fold(n) for w in words) for n in e.names + (e.id,))]
        seen: dict[str, KBEntry] = {}
        for e in exact + sorted(partial, key=lambda e: (e.kind == "person" and not e.roles, len(e.name))):
            seen.setdefault(e.id, e)
        return list(seen.values())

    def role_noun(self, lemma: str, lang: str) -> RoleNoun | None:
        """The role noun ``lemma`` spells in ``lang`` (roles.yaml), or None."""
        return _role_nouns(lang).get(lemma) or _role_nouns(lang).get(lemma.lower())


def _office(role: Role, entry: KBEntry) -> tuple[str, str]:
    """The office a role fills: its title, at its organisation or state."""
    return role.title, role.org or role.country or entry.country or ""


def _title_rank(role: Role) -> int:
    """Rank of a title: head of state first."""
    return TITLE_RANK.index(role.title) if role.title in TITLE_RANK else len(TITLE_RANK)


@cache
def _role_nouns(lang: str) -> dict[str, RoleNoun]:
    """Role nouns of a language."""
    if not langdata.has(lang, "roles"):
        return {}
    table = langdata.load(lang, "roles").get("role_nouns", {}) or {}
    return {str(k): RoleNoun(str(k), str(v.get("title", "official")), v.get("sector"), bool(v.get("person", True)))
            for k, v in table.items() if isinstance(v, dict)}


@lru_cache(maxsize=1)
def _load() -> KnowledgeBase:
    """Read every data file once."""
    b = _Builder()
    _add_states(b)
    _add_organisations(b)
    _add_people(b)
    _validate(b)
    return KnowledgeBase(b.entries, _prefer_states(b))


def _prefer_states(b: _Builder) -> list[Alias]:
    """Adjectives and demonyms shared by a state and a territory belong to the state ("American" is
    the USA, not the Northern Mariana Islands; "French" France, not its southern lands)."""
    owners: dict[tuple[str, str | None], set[str]] = defaultdict(set)
    for a in b.aliases:
        if a.kind in ("adjective", "demonym"):
            owners[(_fold(a.text), a.lang)].add(a.kb_id)
    def shadowed(a: Alias) -> bool:
        if a.kind not in ("adjective", "demonym") or a.kb_id not in b.dependent:
            return False
        return any(k not in b.dependent for k in owners[(_fold(a.text), a.lang)])
    return [a for a in b.aliases if not shadowed(a)]


def _validate(b: _Builder) -> None:
    """Every person's and organisation's country is a known state or organisation code."""
    known = {e.code for e in b.entries.values()}  # states' and organisations' codes
    for e in b.entries.values():
        if e.country and e.id.startswith(("org:", "media:")) and e.country not in known:
            raise ConfigError(f"actors/data/organisations.yaml: {e.id} has unknown country {e.country!r}")
