"""Infer a publication date from the text when none is given.

Evidence, strongest first:
1. a dateline: "Berlin, 3. Januar 2025 –", "(dpa) 12.03.2024";
2. explicit expressions and the tense of their sentence: a past one ("kündigte Ende 2024 an") is a
   lower bound, a future one ("könnte Xi 2025 Russland besuchen") an upper bound; a full date with
   no future cue counts as past;
3. "in diesem Jahr" / "this year": the publication year is the year of the lower bound;
4. New-Year vocabulary ("Neujahrsbotschaft", "New Year"): published around 31 December of that
   year, or of the year before a year spoken of as coming ("das Jahr 2025 ... werde");
5. a weekday next to a date without year ("Montag, 3. März") picks the year near the other evidence.
Without any of these, no guess: ``None``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

from lagebild.time.find import Found, analyse
from lagebild.time.grammar import word_alternation
from lagebild.time.lexicon import load_lexicon, norm, supported_languages
from lagebild.time.recognise import Candidate, recognise
from lagebild.time.tense import FUTURE, PAST

FINE = ("day", "week", "month")  # precisions that alone support a guess
OPEN_RANGE = timedelta(days=366)  # latest date when only a lower bound is known
SLACK = timedelta(days=5)
NEWYEAR_FROM_MONTH = 9  # a lower bound from September on is compatible with a New-Year article  # "this year" may still be said in the first days of the next
DATELINE_LINES = 6
DATELINE_PREFIX = 60  # characters a place and agency may take before the date
_DATELINE_END = re.compile(r"[ \t]*(?:[-–—|:/(,]|\d|\r?\n|$)")


@dataclass(frozen=True, slots=True)
class InferredDate:
    """A publication date inferred from the text, with the range it may lie in and why."""

    value: date
    earliest: date
    latest: date
    evidence: str


@dataclass(slots=True)
class _Bounds:
    """Lower and upper bounds collected while reading the evidence (local to one call)."""

    lower: date | None = None
    upper: date | None = None
    likely: date | None = None  # end of the latest past period: articles follow what they report
    strong: bool = False  # evidence finer than a year, or a year confirmed by "this year" / New Year
    notes: list[str] = field(default_factory=list)

    def raise_lower(self, d: date, note: str, coarse: bool = False) -> None:
        """Publication is on or after ``d`` (coarse evidence is skipped where it contradicts the upper bound)."""
        if coarse and self.upper is not None and d > self.upper:
            return
        if self.lower is None or d > self.lower:
            self.lower = d
            self.notes.append(note)

    def cut_upper(self, d: date, note: str, coarse: bool = False) -> None:
        """Publication is on or before ``d`` (coarse evidence is skipped where it contradicts the lower bound)."""
        if coarse and self.lower is not None and d < self.lower:
            return
        if self.upper is None or d < self.upper:
            self.upper = d
            self.notes.append(note)


@cache
def _newyear_regex(lang: str) -> re.Pattern[str] | None:
    """Word beginnings of New-Year articles ("Neujahrsbotschaft", "New Year's")."""
    stems = load_lexicon(lang).newyear_stems
    return re.compile(rf"(?<!\w)(?:{word_alternation(stems)})", re.IGNORECASE) if stems else None


@cache
def _dateline_regex(lang: str) -> re.Pattern[str] | None:
    """What may stand before a dateline's date: a place, a comma, an agency."""
    pattern = load_lexicon(lang).dateline
    return re.compile(pattern) if pattern else None


def _line_starts(text: str) -> list[int]:
    """Offsets of the first non-empty lines."""
    starts = [0, *(m.end() for m in re.finditer(r"\n\s*", text))]
    return starts[:DATELINE_LINES]


def dateline(text: str, lang: str, found: list[Found]) -> Found | None:
    """An explicit full date that opens one of the first lines, after at most a place and an agency."""
    regex = _dateline_regex(lang)
    days = [f for f in found if f.resolved.how == "explicit" and f.resolved.period.precision == "day"]
    for start in _line_starts(text):
        for f in days:
            prefix_ok = f.start == start or (regex is not None and regex.fullmatch(text, start, f.start))
            if start <= f.start < start + DATELINE_PREFIX and prefix_ok and _DATELINE_END.match(text, f.end):
                return f
    return None


def _describe(f: Found, text: str) -> str:
    """A short note: the words and the value."""
    mod = f" {f.resolved.mod}" if f.resolved.mod else ""
    return f"'{text[f.start:f.end]}' = {f.resolved.period.value}{mod}"


def _read_explicit(found: list[Found], text: str, bounds: _Bounds) -> None:
    """Past expressions raise the lower bound, future ones cut the upper bound; days and months first."""
    for f in sorted(found, key=lambda f: f.resolved.period.precision not in FINE):
        period, coarse = f.resolved.period, f.resolved.period.precision not in FINE
        first, last = period.narrowed(f.resolved.mod)
        if f.direction == FUTURE:
            bounds.cut_upper(last, f"future {_describe(f, text)}", coarse)
        elif f.direction == PAST or period.precision == "day":
            bounds.raise_lower(first, f"past {_describe(f, text)}", coarse)
            if not coarse:
                bounds.likely, bounds.strong = max(bounds.likely or last, last), True


def _is_this_year(cand: Candidate, lang: str) -> bool:
    """True for "in diesem Jahr", "this year" and the like."""
    lex = load_lexicon(lang)
    unit, rel = cand.group("unit"), cand.group("rel")
    return (cand.rule.kind == "rel_unit" and unit is not None and rel is not None
            and lex.units.get(norm(unit)) == "year" and lex.relative.get(norm(rel)) == 0)


def _weekday_years(cands: list[Candidate], lang: str, near: int) -> list[tuple[date, Candidate]]:
    """Dates written with weekday but without year ("Montag, 3. März"): the matching year nearest ``near``."""
    lex, out = load_lexicon(lang), []
    for c in cands:
        wd = c.group("weekday")
        if c.rule.kind != "date" or not wd or c.group("year") or not c.group("month"):
            continue
        day, mon = int(c.group("day") or 0), lex.months[norm(c.group("month") or "")]
        options = [date(y, mon, day) for y in range(near - 3, near + 4) if _exists(y, mon, day)]
        fits = [d for d in options if d.isoweekday() == lex.weekdays[norm(wd)]]
        if fits:
            out.append((min(fits, key=lambda d: abs(d.year - near)), c))
    return out


def _exists(y: int, m: int, d: int) -> bool:
    """True when y-m-d is a calendar date."""
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True


def _newyear_year(bounds: _Bounds, found: list[Found]) -> int | None:
    """The year whose 31 December the article is near: from an autumn or early-January lower bound,
    else the year before a year spoken of as coming; None when the bounds lie elsewhere in the year."""
    low = bounds.lower
    if low is not None:
        if low.month >= NEWYEAR_FROM_MONTH:
            return low.year
        return low.year - 1 if (low.month, low.day) <= (1, SLACK.days) else None
    coming = [f.resolved.period.first.year for f in found
              if f.direction == FUTURE and f.resolved.period.precision == "year"]
    return min(coming) - 1 if coming else None


def _apply_newyear(text: str, lang: str, found: list[Found], bounds: _Bounds) -> date | None:
    """Narrow the bounds to the turn of the year when New-Year words occur; the value 31 December."""
    regex = _newyear_regex(lang)
    m = regex.search(text) if regex else None
    year = _newyear_year(bounds, found) if m else None
    if m is None or year is None:
        return None
    eve = date(year, 12, 31)
    if (bounds.lower and bounds.lower > eve + SLACK) or (bounds.upper and bounds.upper < date(year, 12, 1)):
        return None
    bounds.raise_lower(date(year, 12, 1), f"New-Year words ('{m.group()}…') around {eve}")
    bounds.cut_upper(eve + SLACK, "")
    bounds.notes = [n for n in bounds.notes if n]
    bounds.strong = True
    return eve


def _collect(text: str, lang: str, found: list[Found]) -> tuple[_Bounds, date | None]:
    """Bounds from explicit expressions, weekday dates, "this year" and New-Year words."""
    bounds = _Bounds()
    _read_explicit(found, text, bounds)
    cands = recognise(text, lang)
    anchor = bounds.lower or bounds.upper
    for d, c in _weekday_years(cands, lang, anchor.year) if anchor else []:
        bounds.raise_lower(d, f"weekday and date '{text[c.start:c.end]}' = {d}")
        bounds.likely, bounds.strong = max(bounds.likely or d, d), True
    this_year = next((c for c in cands if _is_this_year(c, lang)), None)
    if this_year is not None and bounds.lower is not None:
        bounds.cut_upper(date(bounds.lower.year, 12, 31) + SLACK,
                         f"'{text[this_year.start:this_year.end]}' = {bounds.lower.year}")
        bounds.strong = True
    return bounds, _apply_newyear(text, lang, found, bounds)


def infer_publication_date(text: str, lang: str) -> InferredDate | None:
    """Guess when ``text`` was published from its dateline, dates, tenses and year words; None without evidence."""
    if lang not in supported_languages():
        return None
    found = list(analyse(text, lang, None))
    line = dateline(text, lang, found)
    if line is not None:
        d = line.resolved.period.first
        return InferredDate(d, d, d, f"dateline {_describe(line, text)}")
    bounds, preferred = _collect(text, lang, found)
    if bounds.lower is None or not bounds.strong:
        return None
    upper = bounds.upper if bounds.upper and bounds.upper >= bounds.lower else bounds.lower + OPEN_RANGE
    middle = bounds.lower + (upper - bounds.lower) / 2
    value = min(max(preferred or bounds.likely or middle, bounds.lower), upper)
    return InferredDate(value, bounds.lower, upper, "; ".join(bounds.notes))
