"""Find temporal expressions: run every rule, drop implausible matches, keep the longest.

Plausibility checks use only lexicon data: blocked names ("Welt am Sonntag"), words that count
only in their written case ("morgen"), months that need context ("Theresa May"), and whether a bare
number is a year ("seit 2014") or a quantity ("2025 Soldaten").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from lagebild.time.grammar import Rule, grammar, word_alternation, word_regex
from lagebild.time.lexicon import TimeLexicon, load_lexicon, norm
from lagebild.time.tense import is_sentence_start, sentence_bounds

_CONTEXT_GROUPS = ("ctx", "day", "year", "rel", "qual", "yrel")
_CHECKED_GROUPS = ("month", "weekday", "dayword", "season", "holiday", "unit")
_NAME_KINDS = ("month", "season", "holiday")
BARE_YEAR_MIN, BARE_YEAR_MAX = 1900, 2100


@dataclass(frozen=True, slots=True)
class Candidate:
    """A rule's match: overall span, reported span(s) and the named groups."""

    start: int
    end: int
    rule: Rule
    match: re.Match[str]

    @property
    def spans(self) -> list[tuple[int, int]]:
        """The reported span(s): group ``t`` (or ``t1`` and ``t2``) when present, else the whole match."""
        groups = self.match.re.groupindex
        if "t1" in groups:
            return [self.match.span("t1"), self.match.span("t2")]
        return [self.match.span("t")] if "t" in groups and self.match.group("t") else [(self.start, self.end)]

    def group(self, name: str) -> str | None:
        """A named group's text, None when the rule has no such group or it did not take part."""
        return self.match.group(name) if name in self.match.re.groupindex else None


@dataclass(frozen=True, slots=True)
class YearContext:
    """Compiled checks for bare years."""

    introducer: re.Pattern[str]
    blocker_before: re.Pattern[str]
    blocker_after: re.Pattern[str]


@cache
def year_context(lang: str) -> YearContext:
    """Regexes that look left and right of a bare number, compiled once per language."""
    ctx = load_lexicon(lang).year_context
    before = r"(?<!\w)(?:{})\s*$"
    after = rf"^\s*(?:(?:{word_alternation(ctx.get('blockers_after') or [])})|{ctx.get('plural_after') or '(?!x)x'})(?!\w)"
    return YearContext(re.compile(before.format(word_alternation(ctx.get("introducers") or [])), re.IGNORECASE),
                       re.compile(before.format(word_alternation(ctx.get("blockers_before") or [])), re.IGNORECASE),
                       re.compile(after))


def plausible_year(text: str, cand: Candidate, lang: str) -> bool:
    """True when a bare number reads as a year: not part of a larger number, not a quantity."""
    start, end = cand.start, cand.end
    if re.search(r"[\d.,:/]$", text[max(0, start - 1):start]) or re.match(r"[.,:/]\d|[%€$]", text[end:end + 2]):
        return False
    ctx, left, right = year_context(lang), text[max(0, start - 40):start], text[end:end + 40]
    if ctx.blocker_before.search(left):
        return False
    if ctx.introducer.search(left):
        return True
    return BARE_YEAR_MIN <= int(cand.match.group()) <= BARE_YEAR_MAX and not ctx.blocker_after.search(right)


def written_case_ok(text: str, cand: Candidate, lex: TimeLexicon, starts: list[int]) -> bool:
    """Case-sensitive words count only as written, or capitalised at a sentence start."""
    for name in _CHECKED_GROUPS:
        word = cand.group(name)
        if word is None or norm(word) not in lex.case_sensitive:
            continue
        written = lex.case_sensitive[norm(word)]
        start = cand.match.start(name)
        if word != written and not (word == written[:1].upper() + written[1:] and is_sentence_start(text, start, starts)):
            return False
    return True


def has_context(cand: Candidate, lex: TimeLexicon) -> bool:
    """Words such as "May" or "fall" are dates only with a preposition, day, year or qualifier."""
    words = [cand.group(n) for n in ("month", "season")]
    if not any(w and norm(w) in lex.needs_context for w in words):
        return True
    return any(cand.group(g) for g in _CONTEXT_GROUPS)


def after_name(text: str, cand: Candidate, starts: list[int]) -> bool:
    """A lone month, season or holiday right after a capitalised word is a surname ("Stefan Sommer")."""
    if cand.rule.kind not in _NAME_KINDS or any(cand.group(g) for g in _CONTEXT_GROUPS):
        return False
    start = cand.spans[0][0]
    prev = re.search(r"(?<!\S)(\w+) +$", text[max(0, start - 40):start])
    if not prev or not prev.group(1)[:1].isupper():
        return False
    return not is_sentence_start(text, start - len(prev.group(0)), starts)


def valid(text: str, cand: Candidate, lex: TimeLexicon, starts: list[int]) -> bool:
    """All plausibility checks for one candidate."""
    if cand.rule.kind == "bare_year" and not plausible_year(text, cand, lex.lang):
        return False
    if after_name(text, cand, starts):
        return False
    if cand.rule.kind == "quarter" and cand.group("unit") and lex.units.get(norm(cand.group("unit") or "")) not in ("quarter", "half"):
        return False
    return written_case_ok(text, cand, lex, starts) and has_context(cand, lex)


def blocked_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """Spans of names that contain time words but are not expressions of time, and the part ``b`` of
    each ``blocked_patterns`` match ("the first talks in three years": a duration, not 2028)."""
    regex = word_regex(lang, "blocked_phrases")
    spans = [m.span() for m in regex.finditer(text)] if regex else []
    for pattern in _blocked_patterns(lang):
        spans += [m.span("b") for m in pattern.finditer(text)]
    return spans


@cache
def _blocked_patterns(lang: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in load_lexicon(lang).blocked_patterns)


def reported_length(cand: Candidate) -> int:
    """Length from the first reported character to the last (context words such as "from" excluded)."""
    spans = cand.spans
    return spans[-1][1] - spans[0][0]


def select(cands: list[Candidate]) -> list[Candidate]:
    """Longest reported span wins, then the earlier rule; the result is sorted and non-overlapping."""
    chosen: list[Candidate] = []
    for cand in sorted(cands, key=lambda c: (-reported_length(c), c.rule.index, c.start)):
        if all(cand.end <= c.start or c.end <= cand.start for c in chosen):
            chosen.append(cand)
    return sorted(chosen, key=lambda c: c.start)


@lru_cache(maxsize=32)
def recognise(text: str, lang: str) -> tuple[Candidate, ...]:
    """Temporal expressions in ``text``: plausible, non-overlapping, in text order.

    Memoised: publication-date inference reads a text's expressions twice.
    """
    lex, starts = load_lexicon(lang), sentence_bounds(text)
    blocked = blocked_spans(text, lang)
    cands = []
    for rule in grammar(lang):
        for m in rule.regex.finditer(text):
            cand = Candidate(m.start(), m.end(), rule, m)
            if any(cand.start < b and a < cand.end for a, b in blocked):
                continue
            if valid(text, cand, lex, starts):
                cands.append(cand)
    return tuple(select(cands))
