"""Event triggers: the verbs, nouns and constructions of a clause that the lexicon codes.

Constructions ("Sanktionen verhängen", "eine Einigung erzielen") are tried first; their tokens do not
fire again alone. A verb entry with ``needs`` fires only when one of those lemmas is in the clause
("entsenden" + Soldaten -> AID), a noun entry with ``light_verbs`` only with one of those verbs.
German compounds are matched by their head ("Raketenangriff" -> Angriff).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from lagebild.events.clauses import Clause
from lagebild.events.lexicon import Entry, Lexicon, fold, noun_head
from lagebild.nlp.tagger import tagset
from lagebild.records import Token


@dataclass(frozen=True)
class Trigger:
    """A lexicon entry firing at a token (sentence-local index)."""

    entry: Entry
    index: int
    kind: str  # verb | noun | construction
    lemma: str


def token_keys(tok: Token, lang: str) -> tuple[str, ...]:
    """The folded lemma forms a token can match: re-joined verb, lemma, text, compound head."""
    keys = [fold(lang, k) for k in (tok.verb_lemma, tok.lemma, tok.text) if k]
    if tok.text[:1].isupper():
        # a compound's head, from the lemma first ("Sonderzölle" -> Sonderzoll -> zoll), else the text
        heads = (noun_head(lang, w) for w in (tok.lemma, tok.text) if w and w[:1].isupper())
        head = next((h for h in heads if h), None)
        if head:
            keys.append(head)
    return tuple(dict.fromkeys(keys))


class ClauseKeys:
    """The folded lemma forms of a clause, each mapped to the first token that has it; nouns also
    match by their last part ("Elitesoldaten" has the part "soldat")."""

    def __init__(self, tokens: Sequence[Token], clause: Clause, lang: str) -> None:
        nouns = tagset(lang)["noun"] | tagset(lang)["proper_noun"]
        self.keys: dict[str, int] = {}
        self.noun_keys: dict[str, int] = {}
        for i in range(clause.start, clause.end):
            for key in token_keys(tokens[i], lang):
                self.keys.setdefault(key, i)
                if tokens[i].pos in nouns:
                    self.noun_keys.setdefault(key, i)

    def find(self, lemma: str) -> int | None:
        """Token index of ``lemma``, or of a noun ending in it; None when absent."""
        if lemma in self.keys:
            return self.keys[lemma]
        if len(lemma) >= 4 and " " not in lemma:
            return next((i for k, i in self.noun_keys.items() if k.endswith(lemma)), None)
        return None

    def construction_lemmas(self, suffixes: dict[str, tuple[str, ...]]) -> dict[str, int]:
        """Every construction lemma present in the clause, whole or as the end of a noun."""
        found = dict(self.keys)
        for key, i in self.noun_keys.items():
            for lemma in suffixes.get(key[-4:], ()):
                if key.endswith(lemma):
                    found.setdefault(lemma, i)
        return found

    def fits(self, entry: Entry) -> bool:
        """Whether an entry's co-occurrence conditions hold in the clause."""
        if entry.needs and not any(self.find(n) is not None for n in entry.needs):
            return False
        if entry.excludes and any(self.find(x) is not None for x in entry.excludes):
            return False
        return not entry.light_verbs or any(v in self.keys for v in entry.light_verbs)


def _choose(entries: list[Entry], keys: ClauseKeys) -> Entry | None:
    """The first fitting entry, those with conditions before the plain ones."""
    ordered = sorted(entries, key=lambda e: not (e.needs or e.light_verbs))
    return next((e for e in ordered if keys.fits(e)), None)


def word_before_modifiers(tokens: Sequence[Token], i: int, modifiers: frozenset[str], reach: int) -> int:
    """Index of the word before the modifiers (tags ``modifiers``, at most ``reach`` - 1 of them) that
    precede the noun at ``i``: the word governing its phrase; -1 at the sentence start."""
    j = i - 1
    while j >= 0 and i - j <= reach and tokens[j].pos in modifiers:
        j -= 1
    return j


def negating_preposition(tokens: Sequence[Token], i: int, lex: Lexicon, lang: str) -> str | None:
    """"ohne"/"without" governing the noun at ``i`` (articles and adjectives between), or None."""
    tags = tagset(lang)
    j = word_before_modifiers(tokens, i, tags["article"] | tags["adjective"] | tags.get("pronoun", frozenset()), 3)
    return tokens[j].text if j >= 0 and tokens[j].text.lower() in lex.noun_negators else None


def find_triggers(tokens: Sequence[Token], clause: Clause, lex: Lexicon, lang: str) -> list[Trigger]:
    """The triggers of one clause, in text order."""
    keys = ClauseKeys(tokens, clause, lang)
    used: set[int] = set()
    found: list[Trigger] = []
    present = keys.construction_lemmas(lex.construction_suffixes)
    candidates = sorted({n for lemma in present for n in lex.construction_index.get(lemma, ())})
    for entry in (lex.constructions[n] for n in candidates):
        if any(lemma not in present for lemma in entry.lemmas):
            continue
        positions = [present[lemma] for lemma in entry.lemmas]
        if keys.fits(entry) and used.isdisjoint(positions):
            used.update(positions)
            found.append(Trigger(entry, min(positions), "construction", entry.key))
    tags = tagset(lang)
    for i in range(clause.start, clause.end):
        tok = tokens[i]
        if i in used or tok.particle_of is not None:
            continue
        table = lex.verbs if tok.pos in tags["verb"] else lex.nouns if tok.pos in tags["noun"] else None
        if table is None:
            continue
        negated_noun = table is lex.nouns and negating_preposition(tokens, i, lex, lang) is not None
        for key in token_keys(tok, lang):
            entry = _choose(table.get(key, []), keys) if key in table else None
            if entry is None and negated_noun and key in table:
                # "ohne Einigung": the event noun needs no light verb, the preposition says it did not happen
                entry = next((e for e in table[key] if keys.fits(replace(e, light_verbs=frozenset()))), None)
            if entry is not None:
                found.append(Trigger(entry, i, "verb" if table is lex.verbs else "noun", key))
                break
    return sorted(found, key=lambda t: t.index)
