"""Linking mentions to the knowledge base, within one document.

Steps, per sentence, in text order:
1. aliases of the knowledge base (names, short forms, acronyms, adjectives, demonyms, metonyms),
2. proper-name runs the knowledge base does not know (kept, unlinked),
3. role phrases: "der nordkoreanische Außenminister Choe Son Hui" gives Choe a role and a country,
   "der chinesische Präsident" alone is resolved to the office holder at the article's date,
   "der Diktator" to the last person named with a fitting role, "nordkoreanische Soldaten" becomes
   an actor acting for PRK (sector MIL),
4. surnames ("Kim", "Putin") to the person named in full elsewhere in the document, else to the
   office holder at the article's date, and person pronouns ("Er") to the last person named.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache

from lagebild import lang as langdata
from lagebild.actors.aliases import Match, Word, fold
from lagebild.actors.kb import KBEntry, KnowledgeBase
from lagebild.nlp.tagger import tagset
from lagebild.records import Mention, Token

STAGE = "lagebild.actors.v1"
LEADER_TITLES = frozenset({"leader", "head of state", "head of government", "supreme leader",
                           "general secretary", "chairman", "dictator"})
PERSON_RANK = ("head of state", "supreme leader", "head of government", "foreign minister", "defence minister")


@dataclass(frozen=True)
class DocContext:
    """What linking needs to know about the document, and who it has described by which role noun
    ("der nordkoreanische Diktator Kim Jong Un" -> a later "der Diktator" is Kim)."""

    kb: KnowledgeBase
    lang: str
    when: date | None
    text: str
    described: dict[str, Mention] = field(default_factory=dict)
    # the state the article is set in: "home" -> ISO3 of the first state it names (dateline, headline)
    setting: dict[str, str] = field(default_factory=dict)
    # the first actor of the previous sentence (for "Sie", "They" opening a sentence)
    previous: list[Mention] = field(default_factory=list)


@cache
def _coref(lang: str) -> dict[str, frozenset[str]]:
    """Coreference word lists of a language."""
    data = langdata.load(lang, "coreference") if langdata.has(lang, "coreference") else {}
    return {key: frozenset(value) for key, value in data.items() if isinstance(value, list)}


def slug(name: str) -> str:
    """'Choe Son Hui' -> 'choe-son-hui'."""
    return re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")


def display_name(entry: KBEntry, lang: str) -> str:
    """The entry's name as the document's language writes it."""
    names = getattr(entry, "display", None)
    if isinstance(names, dict) and names.get(lang):
        return str(names[lang])
    return entry.name


def _rank(ctx: DocContext, entry: KBEntry) -> tuple[int, int]:
    """Sort key: office holders at the article's date first, highest office first."""
    role = ctx.kb.role_at(entry.id, ctx.when)
    active = role is not None and (ctx.when is None or role.end is None or role.end >= ctx.when)
    title_rank = PERSON_RANK.index(role.title) if role and role.title in PERSON_RANK else len(PERSON_RANK)
    return (0 if active else 1, title_rank)


def person_mention(ctx: DocContext, entry: KBEntry, start: int, end: int, sent: int,
                   confidence: float = 1.0) -> Mention:
    """A PER mention of a known person, with the role held at the article's date."""
    role = ctx.kb.role_at(entry.id, ctx.when)
    return Mention(start, end, ctx.text[start:end], "PER", sent, entry.id, display_name(entry, ctx.lang),
                   entry.country or entry.code, entry.country or entry.code, role.title if role else None,
                   (role.sector if role else None) or entry.sector, False, confidence, STAGE)


def _entity_mention(ctx: DocContext, match: Match, entry: KBEntry, kind: str, sent: int, after: str) -> Mention:
    """A mention of a state or organisation found by one of its aliases."""
    text = ctx.text[match.start:match.end]
    if entry.kind == "state":
        place = kind == "metonym" and after in _coref(ctx.lang).get("location_prepositions", frozenset())
        etype = "MISC" if kind == "adjective" else ("LOC" if place else "GPE")
        return Mention(match.start, match.end, text, etype, sent, entry.id, display_name(entry, ctx.lang), entry.code, entry.code,
                       None, "GOV" if kind == "metonym" and not place else None, False, 1.0, STAGE)
    return Mention(match.start, match.end, text, "ORG", sent, entry.id, display_name(entry, ctx.lang), entry.code, entry.country,
                   None, entry.sector, entry.kind == "media", 1.0, STAGE)


def resolve_match(ctx: DocContext, match: Match, sent: int, known: dict[str, KBEntry], before: str) -> Mention | None:
    """The mention an alias match stands for, or None when it is ambiguous beyond repair."""
    entries = [(a, ctx.kb.get(a.kb_id)) for a in match.aliases]
    entries = [(a, e) for a, e in entries if e is not None]
    if not entries:
        return None
    people = [(a, e) for a, e in entries if e.kind == "person"]
    if people:
        return _resolve_person(ctx, match, sent, people, known)
    alias, entry = min(entries, key=lambda ae: ae[1].kind != "state")
    return _entity_mention(ctx, match, entry, alias.kind, sent, before)


def _resolve_person(ctx: DocContext, match: Match, sent: int, people: list, known: dict[str, KBEntry]) -> Mention:
    """A person from full-name or surname aliases: named in this document first, then by office."""
    in_doc = [e for _, e in people if e.id in known]
    if in_doc:
        entry = in_doc[0]
    else:
        entry = min((e for _, e in people), key=lambda e: _rank(ctx, e))
    surname_only = all(a.kind == "surname" for a, _ in people)
    confidence = 1.0 if not surname_only or in_doc else 0.7
    return person_mention(ctx, entry, match.start, match.end, sent, confidence)


def _surname_of_another(match: Match, words: Sequence[Word], tokens: Sequence[Token], lang: str,
                        known: frozenset[int] = frozenset()) -> bool:
    """A surname alias glued to a further unknown name ("Wang Wentao" is not Wang Yi, "Sophie Primas").
    A neighbour that is itself a known name (``known``: word indices of other matches) is no part of it:
    "lud Putin Kim zu einem Gegenbesuch ein" names two people."""
    if not all(a.kind == "surname" for a in match.aliases):
        return False
    nxt = words[match.last + 1] if match.last + 1 < len(words) else None
    prev = words[match.first - 1] if match.first > 0 else None
    def name_like(w: Word | None, n: int) -> bool:
        tok = tokens[w.token - tokens[0].index] if w is not None else None
        return (tok is not None and n not in known and w.text[:1].isupper()
                and tok.pos in tagset(lang)["proper_noun"])
    return (name_like(nxt, match.last + 1)
            or (name_like(prev, match.first - 1) and prev.token != words[match.first].token))


def proper_name_runs(tokens: Sequence[Token], lang: str, taken: set[int]) -> list[tuple[int, int]]:
    """Index ranges of consecutive proper-noun tokens not covered by a linked mention."""
    proper = tagset(lang)["proper_noun"]
    runs, start = [], None
    for i, tok in enumerate(tokens):
        inside = tok.pos in proper and tok.index not in taken and tok.text[:1].isupper()
        if inside and start is None:
            start = i
        elif not inside and start is not None:
            runs.append((start, i))
            start = None
    if start is not None:
        runs.append((start, len(tokens)))
    return runs


def sentence_mentions(ctx: DocContext, tokens: Sequence[Token], sent: int, known: dict[str, KBEntry],
                      words: list[Word], matches: list[Match]) -> list[Mention]:
    """Alias matches and unknown proper names of one sentence, in text order."""
    mentions = []
    for match in matches:
        others = frozenset(n for m in matches if m is not match for n in range(m.first, m.last + 1))
        if _surname_of_another(match, words, tokens, ctx.lang, others):
            continue
        before = words[match.first - 1].folded if match.first > 0 else ""
        mention = resolve_match(ctx, match, sent, known, before)
        if mention is not None:
            mentions.append(mention)
    taken = {w.token for m in mentions for w in words if m.start <= w.start < m.end}
    mentions.extend(unknown_names(ctx, tokens, sent, taken))
    return sorted(mentions, key=lambda m: m.start)


def _name_candidates(tokens: Sequence[Token], lang: str, taken: set[int]) -> bool:
    """Whether a sentence has a word not taken by the knowledge base that may begin a name: a proper
    noun or foreign word, a capitalised adjective inside the sentence ("das Südchinesische Meer"), or, in
    a language that writes common nouns in lower case, any capitalised word inside the sentence
    ("the Commerce Ministry")."""
    tags = tagset(lang)
    names = tags["proper_noun"] | tags.get("foreign", frozenset())
    inner_caps = tags["adjective"] if langdata.load(lang, "nlp").get("capitalised_nouns") else None
    for n, t in enumerate(tokens):
        if t.index in taken:
            continue
        if t.pos in names:
            return True
        if n > 0 and t.text[:1].isupper() and (inner_caps is None or t.pos in inner_caps):
            return True
    return False


def unknown_names(ctx: DocContext, tokens: Sequence[Token], sent: int, taken: set[int]) -> list[Mention]:
    """Names the knowledge base does not know: typed by the trained name tagger (nlp/ner.py) where a
    model ships for the language, else runs of proper nouns. A person needs a full name (two words)."""
    from lagebild.nlp.ner import tag_names

    if not _name_candidates(tokens, ctx.lang, taken):
        # no proper noun the knowledge base has not taken: the name tagger finds nothing new there (on the
        # gold sets: the same countries, persons and events); a quarter of the actors stage's time saved
        return []
    spans = [(s.first, s.last + 1, s.type, s.score) for s in tag_names(tokens, ctx.lang)]
    if not spans:
        spans = [(a, b, "MISC", 0.4) for a, b in proper_name_runs(tokens, ctx.lang, taken)]
    found = []
    for a, b, etype, score in spans:
        if any(tokens[i].index in taken for i in range(a, b)):
            continue
        start, end = tokens[a].start, tokens[b - 1].end
        kind = etype if etype != "PER" or b - a >= 2 else "MISC"
        found.append(Mention(start, end, ctx.text[start:end], kind, sent, confidence=round(0.6 * score, 3), stage=STAGE))
    return found


def known_persons(ctx: DocContext, matches: list[list[Match]]) -> dict[str, KBEntry]:
    """Persons named in full (not by surname alone) anywhere in the document."""
    found: dict[str, KBEntry] = {}
    for sentence_matches in matches:
        for match in sentence_matches:
            for alias in match.aliases:
                entry = ctx.kb.get(alias.kb_id)
                if entry is not None and entry.kind == "person" and alias.kind != "surname":
                    found.setdefault(entry.id, entry)
    return found


# Roles too vague to say whom a person acts for now (PETRARCH's open-ended "government official").
VAGUE_ROLES = frozenset({"government official", "official"})


def with_role(mention: Mention, country: str | None, title: str, sector: str | None) -> Mention:
    """A person mention completed by a role phrase; an unknown person becomes a discovered actor."""
    if mention.kb_id is not None:
        if (mention.role is None or mention.role in VAGUE_ROLES) and country and country != mention.country:
            # no office on record at the article's date: the article's role phrase says whom the person
            # acts for ("EU-Handelskommissar Valdis Dombrovskis", a former Latvian prime minister)
            return replace(mention, role=title, country=country, code=country, sector=mention.sector or sector)
        return replace(mention, role=mention.role or title, country=mention.country or country,
                       code=mention.code or country)
    name = " ".join(mention.text.split())
    return replace(mention, type="PER", kb_id=f"new:person:{slug(name)}", name=name, code=country or "UNK",
                   country=country, role=title, sector=sector, confidence=0.8)
