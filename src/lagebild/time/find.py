"""``find_timexes``: recognise, then normalise, the temporal expressions of a text."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date

from lagebild.records import Timex
from lagebild.time.lexicon import load_lexicon, supported_languages
from lagebild.time.normalise import RESOLVERS, Resolved, Scope
from lagebild.time.recognise import Candidate, recognise
from lagebild.time.tense import TenseReader

STAGE = "lagebild.time.v1"


@dataclass(frozen=True, slots=True)
class Found:
    """One resolved expression with its span, the rule kind and the tense of its sentence."""

    start: int
    end: int
    kind: str
    resolved: Resolved
    direction: int
    candidate: Candidate


def analyse(text: str, lang: str, reference: date | None) -> Iterator[Found]:
    """Resolve every recognised expression of ``text`` in order (anaphora see the last year named)."""
    scope = Scope(text, load_lexicon(lang), reference, TenseReader.read(text, lang))
    for cand in recognise(text, lang):
        results = RESOLVERS[cand.rule.kind](cand, scope)
        direction = scope.direction(cand) if results else 0
        for (start, end), res in zip(cand.spans, results):
            if res.period.precision != "range" or res.period.value[:1].isdigit():
                scope = replace(scope, last_year=res.period.first.year)
            yield Found(start, end, cand.rule.kind, res, direction, cand)


def to_timex(text: str, found: Found, reference: date | None, offset: int) -> Timex:
    """The pipeline record for one resolved expression."""
    res = found.resolved
    return Timex(start=found.start + offset, end=found.end + offset, text=text[found.start:found.end],
                 value=res.period.value, precision=res.period.precision, mod=res.mod,
                 anchor=reference if res.how == "relative" else None, how=res.how, stage=STAGE)


def find_timexes(text: str, lang: str, reference: date | None, *, offset: int = 0) -> list[Timex]:
    """Temporal expressions of ``text`` normalised to TIMEX3, sorted and non-overlapping.

    ``reference`` is the publication date; without it only explicit expressions ("3. Oktober 2024")
    are returned. Spans are character offsets into ``text`` plus ``offset``. A language without
    ``lang/<code>/time.yaml`` yields no expressions.
    """
    if lang not in supported_languages():
        return []
    return [to_timex(text, f, reference, offset) for f in analyse(text, lang, reference)]
