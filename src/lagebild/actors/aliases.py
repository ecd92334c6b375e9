"""Finding knowledge-base aliases in tokenised text.

Text is seen as a sequence of *words*: tokens, with hyphenated compounds split into their parts, so
"Kim-Xi-Gipfeltreffen" yields the words Kim, Xi, Gipfeltreffen, each with its own character span.
Aliases are folded (case, accents, hyphens) and stored in a dict keyed by word tuples; the longest
alias starting at a word wins. Genitive endings ("Chinas", "Putins") come from
``lang/<code>/coreference.yaml``: name_suffixes.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from lagebild import lang as langdata
from lagebild.actors.kb import Alias, KnowledgeBase, strip_accents
from lagebild.records import Token

PART = re.compile(r"[^\W_]+(?:[.'’][^\W_]+)*\.?", re.UNICODE)
NAME_KINDS = frozenset({"name", "short", "acronym", "metonym", "surname", "demonym"})
SUFFIX_KINDS = frozenset({"name", "short", "metonym", "surname"})


def fold(text: str) -> str:
    """Lower-case, strip accents, treat hyphens as spaces: 'Choe Son-Hui' -> 'choe son hui'."""
    return " ".join(strip_accents(text).replace("-", " ").replace("‐", " ").casefold().split())


@dataclass(frozen=True, slots=True)
class Word:
    """A token or one part of a hyphenated token."""

    text: str
    start: int
    end: int
    token: int  # index of the token it belongs to
    folded: str


@dataclass(frozen=True, slots=True)
class Match:
    """Words ``first``..``last`` (inclusive) that spell one or more aliases."""

    first: int
    last: int
    start: int
    end: int
    text: str
    aliases: tuple[Alias, ...]


def words_of(tokens: Sequence[Token]) -> list[Word]:
    """The words of a sentence's tokens, hyphenated tokens split into parts."""
    words = []
    for tok in tokens:
        parts = list(PART.finditer(tok.text)) if "-" in tok.text else []
        if len(parts) > 1:
            words.extend(Word(p.group().rstrip("."), tok.start + p.start(), tok.start + p.start() + len(p.group().rstrip(".")),
                              tok.index, fold(p.group().rstrip("."))) for p in parts)
        else:
            words.append(Word(tok.text, tok.start, tok.end, tok.index, fold(tok.text)))
    return words


def _case_fits(alias: Alias, text: str) -> bool:
    """Names must be capitalised in the text, acronyms spelled exactly; adjectives are free."""
    if alias.kind == "acronym" or (alias.text.isupper() and len(alias.text) <= 6):
        return text.replace(".", "") == alias.text.replace(".", "")
    if alias.kind in NAME_KINDS:
        shouting = text.isupper() and len(text) > 3 and not alias.text.isupper()  # "THE HAGUE" is no Hague
        return (text[:1].isupper() or text[:1].isdigit()) and not shouting
    return True


class AliasIndex:
    """Aliases keyed by their folded word tuple."""

    def __init__(self, aliases: Iterable[Alias], suffixes: Sequence[str]) -> None:
        self.table: dict[tuple[str, ...], list[Alias]] = defaultdict(list)
        for alias in aliases:
            key = tuple(fold(alias.text).split())
            if key:
                self.table[key].append(alias)
        self.longest = max((len(k) for k in self.table), default=1)
        self.firsts = frozenset(k[0] for k in self.table)  # a match must start with one of these words
        self.suffixes = tuple(sorted(suffixes, key=len, reverse=True))

    def extended(self, aliases: Iterable[Alias]) -> AliasIndex:
        """This index plus ``aliases`` (as if built from both), sharing this one's unchanged lists."""
        index = object.__new__(AliasIndex)
        index.table = defaultdict(list, self.table)
        for alias in aliases:
            key = tuple(fold(alias.text).split())
            if key:
                index.table[key] = [*index.table.get(key, ()), alias]  # a new list: this index's stays as it is
        index.longest = max((len(k) for k in index.table), default=1)
        index.firsts = frozenset(k[0] for k in index.table)
        index.suffixes = self.suffixes
        return index

    def _lookup(self, words: Sequence[Word]) -> tuple[Alias, ...]:
        """Aliases spelled by exactly these words (a genitive ending allowed on the last)."""
        key = tuple(w.folded for w in words)
        candidates = self.table.get(key)
        if candidates:
            text = " ".join(w.text for w in words)
            hits = [a for a in candidates if _case_fits(a, text)]
            if hits:
                return tuple(hits)
        for suffix in self.suffixes:
            if key[-1].endswith(suffix) and len(key[-1]) > len(suffix) + 1:
                stem = key[:-1] + (key[-1][: -len(suffix)],)
                stemmed = self.table.get(stem)
                if stemmed:
                    text = " ".join(w.text for w in words)
                    found = [a for a in stemmed if a.kind in SUFFIX_KINDS and _case_fits(a, text)]
                    if found:
                        return tuple(found)
        return ()

    def _may_start(self, folded: str) -> bool:
        """Whether an alias can start with this word (or its genitive stem)."""
        if folded in self.firsts:
            return True
        return any(folded.endswith(s) and folded[: -len(s)] in self.firsts for s in self.suffixes if s)

    def find(self, words: Sequence[Word]) -> list[Match]:
        """Longest non-overlapping alias matches, left to right."""
        matches, i = [], 0
        while i < len(words):
            if not self._may_start(words[i].folded):
                i += 1
                continue
            for n in range(min(self.longest, len(words) - i), 0, -1):
                hits = self._lookup(words[i:i + n])
                if hits:
                    first, last = words[i], words[i + n - 1]
                    matches.append(Match(i, i + n - 1, first.start, last.end, "", hits))
                    i += n
                    break
            else:
                i += 1
        return matches


@cache
def _suffixes(lang: str) -> tuple[str, ...]:
    """Genitive endings of names (coreference.yaml: name_suffixes)."""
    return tuple(langdata.load(lang, "coreference").get("name_suffixes", []) if langdata.has(lang, "coreference") else [])


@cache
def _shipped_index(lang: str) -> AliasIndex:
    return AliasIndex(KnowledgeBase.load().aliases(lang), _suffixes(lang))


# Indexes of extended knowledge bases (KnowledgeBase.with_people), one per base and language.
_EXTENDED: dict[tuple[int, str], tuple[KnowledgeBase, AliasIndex]] = {}


def alias_index(lang: str, kb: KnowledgeBase | None = None) -> AliasIndex:
    """The alias index of one language for ``kb`` (default: the shipped knowledge base), built once."""
    if kb is None or kb is KnowledgeBase.load():
        return _shipped_index(lang)
    key = (id(kb), lang)
    if key not in _EXTENDED or _EXTENDED[key][0] is not kb:
        base = _cached_index(kb.extends[0], lang) if kb.extends else None
        if base is not None:  # learning a few more people: extend the base's index, do not rebuild it
            index = base.extended(a for a in kb.extends[1] if a.lang in (None, lang))
        else:
            index = AliasIndex(kb.aliases(lang), _suffixes(lang))
        if len(_EXTENDED) > 8:
            _EXTENDED.clear()
        _EXTENDED[key] = (kb, index)
    return _EXTENDED[key][1]


def _cached_index(kb: KnowledgeBase, lang: str) -> AliasIndex | None:
    """The index of ``kb`` if it is already built (the shipped one always is, once used)."""
    if kb is KnowledgeBase.load():
        return _shipped_index(lang)
    found = _EXTENDED.get((id(kb), lang))
    return found[1] if found is not None and found[0] is kb else None
