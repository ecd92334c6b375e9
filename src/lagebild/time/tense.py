"""Decide whether an expression speaks of the past or the future, from cues in its sentence.

Cues come from the ``tense`` and ``signals`` sections of ``time.yaml``: future words ("wird", "soll",
"will"), past words and regular past forms ("-te"/"-ten", "ge-...-t", "-ed"), and prepositions right
before the expression ("seit" past, "bis" future). The nearest cue in the sentence decides.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from lagebild.time.grammar import word_alternation
from lagebild.time.lexicon import load_lexicon, norm

PAST, NONE, FUTURE = -1, 0, 1
WEAK_PAST = -2  # a participle: past only when no finite verb of the sentence says otherwise
_SIGNALS = ("past", "future", "until")
_PREVIOUS_WORD = re.compile(r"([\w'’]+)\s+$")
_SENTENCE_END = re.compile(r"(?<![\d\s])[.!?][\"“”»«']?\s+(?=[\"„“»«(]?[A-ZÄÖÜ])|\n\s*")


@dataclass(frozen=True, slots=True)
class TenseCues:
    """Compiled cue lists of one language."""

    cue: re.Pattern[str]  # groups: future / past / form (regular past) / part (participle)
    not_past: frozenset[str]
    signal: re.Pattern[str] | None
    passive_aux: frozenset[str]  # words after which a past form is not past ("is located")


def _words(lex_tense: Mapping[str, Any], key: str) -> list[str]:
    """A lower-case cue word list from the ``tense`` section."""
    return [norm(str(w)) for w in lex_tense.get(key) or ()]


@cache
def tense_cues(lang: str) -> TenseCues:
    """The tense cues of ``lang``, compiled once into one regex over lower-case words."""
    lex = load_lexicon(lang)
    forms = "|".join(lex.tense.get("past_patterns") or []) or r"(?!x)x"
    participles = "|".join(lex.tense.get("participle_patterns") or []) or r"(?!x)x"
    cue = re.compile(rf"(?<![\w'’])(?:(?P<future>{word_alternation(_words(lex.tense, 'future'))})"
                     rf"|(?P<past>{word_alternation(_words(lex.tense, 'past'))})|(?P<form>{forms})"
                     rf"|(?P<part>{participles}))(?![\w'’])")
    parts = [f"(?<!\\w)(?P<{k}>{word_alternation(lex.signals.get(k, ()))})\\s+$" for k in _SIGNALS]
    signal = re.compile("|".join(parts), re.IGNORECASE) if lex.signals else None
    return TenseCues(cue, frozenset(_words(lex.tense, "not_past")), signal,
                     frozenset(_words(lex.tense, "passive_aux")))


def sentence_bounds(text: str) -> list[int]:
    """Start offsets of the sentences of ``text`` (always begins with 0)."""
    return [0, *(m.end() for m in _SENTENCE_END.finditer(text))]


def is_sentence_start(text: str, pos: int, starts: list[int]) -> bool:
    """True when only quotes or brackets stand between a sentence start and ``pos``."""
    i = bisect.bisect_right(starts, pos) - 1
    return not re.search(r"\w", text[starts[i]:pos])


def cue_value(m: re.Match[str], text: str, cues: TenseCues) -> int:
    """PAST, FUTURE or NONE for one cue match (regular forms checked against exceptions and auxiliaries)."""
    if m.group("future"):
        return FUTURE
    if (m.group("form") or m.group("part")) and m.group() in cues.not_past:
        return NONE
    if cues.passive_aux:
        before = _PREVIOUS_WORD.search(text, max(0, m.start() - 20), m.start())
        if before and before.group(1).lower() in cues.passive_aux:
            return NONE
    return WEAK_PAST if m.group("part") else PAST


@dataclass(frozen=True, slots=True)
class TenseReader:
    """Tense cues of one text, found once, asked per expression."""

    text: str
    lang: str
    starts: tuple[int, ...]
    cue_positions: tuple[int, ...]
    cue_values: tuple[int, ...]

    @classmethod
    def read(cls, text: str, lang: str) -> TenseReader:
        """Find sentence starts and every tense cue of ``text`` (lower-case words only)."""
        cues = tense_cues(lang)
        found = [(m.start(), cue_value(m, text, cues)) for m in cues.cue.finditer(text)]
        found = [(pos, value) for pos, value in found if value]
        return cls(text, lang, tuple(sentence_bounds(text)), tuple(p for p, _ in found),
                   tuple(v for _, v in found))

    def sentence(self, pos: int) -> tuple[int, int]:
        """Start and end offsets of the sentence containing ``pos``."""
        i = bisect.bisect_right(self.starts, pos) - 1
        end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.text)
        return self.starts[i], end

    def signal(self, start: int) -> str | None:
        """The kind of preposition right before ``start``: "past" (seit), "future" (ab), "until" (bis)."""
        pattern = tense_cues(self.lang).signal
        m = pattern.search(self.text, max(0, start - 30), start) if pattern else None
        return next((k for k in _SIGNALS if m.group(k)), None) if m else None

    def direction(self, start: int, end: int, signals: bool = True) -> int:
        """PAST, FUTURE or NONE for the expression at ``start:end``.

        A preposition of past ("seit", "since") or future ("ab", "auf den") decides; otherwise the
        nearest tense cue of the sentence; "bis"/"by" only speaks when the sentence has no cue
        ("dauert bis Juli"), since with a past verb it marks a past end point ("was used by Thursday").
        """
        signal = self.signal(start) if signals else None
        if signal in ("past", "future"):
            return PAST if signal == "past" else FUTURE
        return self.nearest_cue(start, end) or (FUTURE if signal == "until" else NONE)

    def nearest_cue(self, start: int, end: int) -> int:
        """The tense cue of the sentence nearest to ``start:end`` (NONE without one)."""
        s_start, s_end = self.sentence(start)
        lo = bisect.bisect_left(self.cue_positions, s_start)
        hi = bisect.bisect_left(self.cue_positions, s_end)
        cues = [(pos, value) for pos, value in zip(self.cue_positions[lo:hi], self.cue_values[lo:hi])
                if not start <= pos < end]
        finite = [c for c in cues if c[1] != WEAK_PAST] or cues
        if not finite:
            return NONE
        _pos, value = min(finite, key=lambda c: start - c[0] if c[0] < start else c[0] - end)
        return PAST if value == WEAK_PAST else value
