"""Turn a recognised expression into a TIMEX3 value, resolved against the reference date.

One small resolver per rule kind. Each returns ``Resolved`` items (two for a day pair such as
"vom 15. bis 17. März") or an empty list when the expression cannot be resolved, e.g. a relative
expression without a reference date. Past or future ("im Juni") is the sentence's tense.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from types import MappingProxyType
from typing import Any, Literal, TypeVar

from lagebild.errors import ConfigError
from lagebild.time import periods as P
from lagebild.time.lexicon import TimeLexicon, norm
from lagebild.time.periods import Period
from lagebild.time.recognise import Candidate
from lagebild.time.tense import TenseReader

T = TypeVar("T")
HOLIDAY_NEAR_DAYS = 14  # a holiday this close to the reference is that one, whatever the tense


@dataclass(frozen=True, slots=True)
class Resolved:
    """A normalised expression: its period, mod and whether it needed the reference date."""

    period: Period
    mod: str | None = None
    how: Literal["explicit", "relative"] = "relative"


@dataclass(frozen=True, slots=True)
class Scope:
    """What resolvers may consult: the text, lexicon, reference date, tense cues, last year named."""

    text: str
    lex: TimeLexicon
    ref: date | None
    tense: TenseReader
    last_year: int | None = None
    signals: bool = True  # whether prepositions ("seit", "bis") may decide the direction

    def look(self, table: Mapping[str, T], cand: Candidate, group: str) -> T | None:
        """The lexicon meaning of a named group's text (None when absent)."""
        word = cand.group(group)
        return None if word is None else table.get(norm(word))

    def need(self, table: Mapping[str, T], cand: Candidate, group: str) -> T:
        """The lexicon meaning of a group the rule's pattern always fills."""
        value = self.look(table, cand, group)
        if value is None:
            raise ConfigError(f"lang/{self.lex.lang}/time.yaml: a '{cand.rule.kind}' pattern matched "
                              f"{cand.match.group()!r} without a known {{{group.upper()}}} word")
        return value

    def direction(self, cand: Candidate) -> int:
        """Past (-1), future (+1) or unknown (0) for the candidate's first reported span."""
        start, end = cand.spans[0]
        return self.tense.direction(start, end, signals=self.signals)


def _int(text: str | None) -> int | None:
    """An optional integer group."""
    return int(text) if text else None


def _year(cand: Candidate) -> int | None:
    """The year written in the expression: four digits, or two digits after 2000."""
    if cand.group("year"):
        return int(cand.group("year") or 0)
    two = _int(cand.group("year2"))
    return None if two is None else 2000 + two


def _mod(cand: Candidate, scope: Scope, default: str | None = None) -> str | None:
    """The mod a qualifier gives ("Ende" -> END), else ``default``."""
    if cand.group("qual") is None:
        return default
    return scope.lex.qualifiers.get(norm(cand.group("qual") or ""))


def _month_number(cand: Candidate, scope: Scope) -> int:
    """Month from a name ("März") or digits ("03")."""
    if cand.group("month"):
        return scope.need(scope.lex.months, cand, "month")
    return int(cand.group("monthnum") or 0)


def _years_around(ref: date) -> range:
    """Candidate years for an expression without a year."""
    return range(ref.year - 1, ref.year + 2)


def _safe_day(y: int, m: int, d: int) -> Period | None:
    """The day y-m-d, None when it does not exist (30 February)."""
    try:
        return P.day(date(y, m, d))
    except ValueError:
        return None


def _explicit_or_pick(scope: Scope, cand: Candidate, make: Callable[[int], Period | None],
                      mod: str | None = None) -> list[Resolved]:
    """With a written year: that period; otherwise choose the year by tense around the reference."""
    y = _year(cand)
    if y is not None:
        p = make(y)
        return [Resolved(p, mod, "explicit")] if p else []
    if scope.ref is None:
        return []
    yrel = scope.look(scope.lex.relative, cand, "yrel")
    if yrel is not None:
        p = make(scope.ref.year + int(yrel))
        return [Resolved(p, mod)] if p else []
    return _pick(scope, cand, [p for p in map(make, _years_around(scope.ref)) if p], mod)


def _pick(scope: Scope, cand: Candidate, options: list[Period], mod: str | None) -> list[Resolved]:
    """Choose among repeating periods: strictly by a relative word ("vergangenen"), else by tense."""
    assert scope.ref is not None
    rel = scope.look(scope.lex.relative, cand, "rel")
    if rel:
        chosen = P.pick(options, scope.ref, int(rel), strict=True)
    else:
        chosen = P.pick(options, scope.ref, scope.direction(cand))
    return [Resolved(chosen, mod)] if chosen else []


def resolve_date(cand: Candidate, scope: Scope) -> list[Resolved]:
    """A day: "3. Oktober 2024", "am 12. März", "10.10.2025", "October 3", "Montag, 3. März"."""
    d, m = int(cand.group("day") or 0), _month_number(cand, scope)
    wd = scope.look(scope.lex.weekdays, cand, "weekday")
    y = _year(cand)
    if y is not None or scope.ref is None:
        return _explicit_or_pick(scope, cand, lambda yy: _safe_day(yy, m, d))
    options = [p for p in (_safe_day(yy, m, d) for yy in _years_around(scope.ref)) if p]
    matching = [p for p in options if wd is None or p.first.isoweekday() == wd]
    return _pick(scope, cand, matching or options, None)


def resolve_date_pair(cand: Candidate, scope: Scope) -> list[Resolved]:
    """Two days sharing a month: "vom 15. bis 17. März" (the tense, not "bis", decides the year)."""
    second = resolve_date(cand, replace(scope, signals=False))
    if not second:
        return []
    last, day1 = second[0].period.first, int(cand.group("day1") or 0)
    month_start = P.shift_months(last.replace(day=1), -1 if day1 > last.day else 0)  # "vom 30. bis 2. Mai"
    first = _safe_day(month_start.year, month_start.month, day1)
    return [Resolved(first, None, second[0].how), second[0]] if first else []


def resolve_month(cand: Candidate, scope: Scope) -> list[Resolved]:
    """A month: "im Juni", "Juni 2024", "Ende Juli", "September vergangenen Jahres", "last March"."""
    m = _month_number(cand, scope)
    return _explicit_or_pick(scope, cand, lambda y: P.month(y, m), _mod(cand, scope))


def resolve_year(cand: Candidate, scope: Scope) -> list[Resolved]:
    """A year: "2024", "im Jahr 2025", "Ende 2024", "late 2024"."""
    return [Resolved(P.year(_year(cand) or 0), _mod(cand, scope), "explicit")]


def resolve_day(cand: Candidate, scope: Scope) -> list[Resolved]:
    """A day word: "gestern", "heute Morgen", "tomorrow"."""
    if scope.ref is None:
        return []
    offset = scope.need(scope.lex.day_words, cand, "dayword")
    return [Resolved(P.day(scope.ref + timedelta(days=offset)))]


def resolve_weekday(cand: Candidate, scope: Scope) -> list[Resolved]:
    """A weekday: "am Montag", "kommenden Montag", "Dienstag vergangener Woche", "last Tuesday"."""
    if scope.ref is None:
        return []
    wd = scope.need(scope.lex.weekdays, cand, "weekday")
    wrel = scope.look(scope.lex.relative, cand, "wrel")
    if wrel is not None:
        monday = P.week(P.shift("week", scope.ref, wrel)).first
        return [Resolved(P.day(monday + timedelta(days=wd - 1)))]
    options = [P.day(scope.ref + timedelta(days=k)) for k in range(-7, 8)
               if (scope.ref + timedelta(days=k)).isoweekday() == wd]
    return _pick(scope, cand, options, None)


def resolve_weekend(cand: Candidate, scope: Scope) -> list[Resolved]:
    """A weekend: "am Wochenende", "last weekend" (value 2024-W03-WE)."""
    if scope.ref is None:
        return []
    options = [P.weekend(scope.ref + timedelta(days=7 * k)) for k in (-1, 0, 1)]
    return _pick(scope, cand, options, None)


def resolve_rel_unit(cand: Candidate, scope: Scope) -> list[Resolved]:
    """A unit counted from the reference: "vergangene Woche", "Anfang nächsten Jahres", "end of the month"."""
    if scope.ref is None:
        return []
    unit = scope.need(scope.lex.units, cand, "unit")
    if unit == "day":  # "am nächsten Tag", "the next day" count from the story, not the reference
        return []
    rel = scope.look(scope.lex.relative, cand, "rel") or 0
    return [Resolved(P.containing(unit, P.shift(unit, scope.ref, rel)), _mod(cand, scope))]


def resolve_period_word(cand: Candidate, scope: Scope) -> list[Resolved]:
    """A one-word period: "Jahresbeginn", "Vorjahr", "Monatsende", "year-end"."""
    unit, offset, mod = scope.need(scope.lex.period_words, cand, "periodword")
    y = _year(cand)
    if y is not None and unit == "year":
        return [Resolved(P.year(y), mod, "explicit")]
    if scope.ref is None:
        return []
    return [Resolved(P.containing(unit, P.shift(unit, scope.ref, offset)), mod)]


def resolve_ago(cand: Candidate, scope: Scope) -> list[Resolved]:
    """An offset: "vor zwei Wochen", "in 90 Tagen", "three years ago"."""
    if scope.ref is None:
        return []
    unit = scope.need(scope.lex.units, cand, "unit")
    num = cand.group("num") or "0"
    n = int(num) if num.isdigit() else scope.need(scope.lex.numbers, cand, "num")
    return [Resolved(P.containing(unit, P.shift(unit, scope.ref, cand.rule.sign * n)))]


def resolve_anaphor(cand: Candidate, scope: Scope) -> list[Resolved]:
    """A year counted from the last year named: "im Jahr darauf", "a year earlier"."""
    if scope.last_year is None:
        return []
    _unit, offset = scope.need(scope.lex.anaphora, cand, "anaphor")
    return [Resolved(P.year(scope.last_year + offset))]


def resolve_season(cand: Candidate, scope: Scope) -> list[Resolved]:
    """A season: "im Frühjahr", "Sommer 2022", "vergangenen Herbst", "Spätsommer", "late summer"."""
    code, part = scope.need(scope.lex.seasons, cand, "season")
    return _explicit_or_pick(scope, cand, lambda y: P.season(y, code), _mod(cand, scope, part))


def resolve_quarter(cand: Candidate, scope: Scope) -> list[Resolved]:
    """A quarter or half year: "im dritten Quartal", "Q3 2024", "first half of 2024"."""
    n = (scope.look(scope.lex.ordinals, cand, "ord") or scope.look(scope.lex.quarter_words, cand, "quarterword")
         or _int(cand.group("ordnum")) or 0)
    unit = scope.look(scope.lex.units, cand, "unit") or "quarter"
    if not 1 <= n <= (2 if unit == "half" else 4):
        return []
    make = P.half if unit == "half" else P.quarter
    return _explicit_or_pick(scope, cand, lambda y: make(y, n))


def resolve_decade(cand: Candidate, scope: Scope) -> list[Resolved]:
    """A decade: "in den 1990er Jahren", "die Neunzigerjahre", "the 1990s", "the '90s"."""
    digits = cand.group("decade")
    if digits:
        first = int(digits) if len(digits) == 4 else (1900 if int(digits) >= 30 else 2000) + int(digits)
    else:
        first = 1900 + 10 * scope.need(scope.lex.decade_words, cand, "decadeword")
    return [Resolved(P.decade(first), _mod(cand, scope), "explicit")]


def holiday_date(spec: Mapping[str, Any], y: int) -> date:
    """The date of a holiday in year ``y`` from its lexicon rule."""
    if "fixed" in spec:
        mon, dom = map(int, str(spec["fixed"]).split("-"))
        return date(y, mon, dom)
    if "easter" in spec:
        return P.easter(y) + timedelta(days=int(spec["easter"]))
    mon, wd, n = spec["nth"]
    return P.nth_weekday(y, mon, wd, n)


def resolve_holiday(cand: Candidate, scope: Scope) -> list[Resolved]:
    """A holiday: "Weihnachten", "Neujahr", "zum Jahreswechsel", "Christmas Eve"."""
    spec = scope.need(scope.lex.holidays, cand, "holiday")

    def make(y: int) -> Period:
        """The holiday in year ``y``."""
        return P.day(holiday_date(spec, y))

    if _year(cand) is not None or scope.ref is None:
        return _explicit_or_pick(scope, cand, make)
    options = [make(y) for y in _years_around(scope.ref)]
    near = [p for p in options if P.distance(p, scope.ref) <= HOLIDAY_NEAR_DAYS]
    return [Resolved(near[0])] if near else _pick(scope, cand, options, None)


def resolve_vague(cand: Candidate, scope: Scope) -> list[Resolved]:
    """A vague reference: "in den kommenden Monaten" (FUTURE_REF), "in recent weeks" (PAST_REF)."""
    if scope.ref is None:
        return []
    return [Resolved(P.vague(str(scope.look(scope.lex.vague, cand, "vague")), scope.ref))]


RESOLVERS: Mapping[str, Callable[[Candidate, Scope], list[Resolved]]] = MappingProxyType({
    "date": resolve_date, "date_pair": resolve_date_pair, "month": resolve_month, "year": resolve_year,
    "bare_year": resolve_year, "day": resolve_day, "weekday": resolve_weekday, "weekend": resolve_weekend,
    "rel_unit": resolve_rel_unit, "period_word": resolve_period_word, "ago": resolve_ago,
    "anaphor": resolve_anaphor, "season": resolve_season, "quarter": resolve_quarter,
    "decade": resolve_decade, "holiday": resolve_holiday, "vague": resolve_vague,
})
