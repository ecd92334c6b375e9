"""Compile a language's pattern templates into regular expressions, once per language.

A template is a regex in which ``{NAME}`` or ``{NAME:group}`` stands for a word list of the lexicon
(as a named group) and a plain space stands for any whitespace. Only this structure is code; every
word comes from ``lang/<code>/time.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from lagebild.errors import ConfigError
from lagebild.time.lexicon import TimeLexicon, load_lexicon
from lagebild.time.prefilter import with_start_hint

_PLACEHOLDER = re.compile(r"\{([A-Z0-9]+)(?::([a-z0-9]+))?\}")

# Digit placeholders: (default group name, regex with {g} for the group name).
_DIGITS = MappingProxyType({
    "DAY": ("day", r"(?<!\d)(?P<{g}>[12]\d|3[01]|0?[1-9])(?!\d)"),
    "MONTHNUM": ("monthnum", r"(?<!\d)(?P<{g}>1[0-2]|0?[1-9])(?!\d)"),
    "YEAR": ("year", r"(?<!\d)(?P<{g}>1[5-9]\d\d|20\d\d|2100)(?!\d)"),
    "YEAR2": ("year2", r"(?<!\d)(?P<{g}>\d\d)(?!\d)"),
    "ORDNUM": ("ordnum", r"(?P<{g}>[1-4])(?!\d)"),
    "DECADE": ("decade", r"['’]?(?<!\d)(?P<{g}>(?:1[5-9]|20)\d0|\d0)"),
    "ISO": ("", (r"(?<!\d)(?P<year>(?:1[5-9]|20)\d\d)-(?P<monthnum>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])"
                 r"(?!\d)(?:T\d\d:\d\d(?::\d\d(?:[.,]\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?")),  # time of day kept in the span
})


@dataclass(frozen=True, slots=True)
class Rule:
    """A compiled pattern: its position in the YAML list (ties go to the lower), kind and sign."""

    index: int
    kind: str
    regex: re.Pattern[str]
    sign: int = 0


def word_alternation(words: Iterable[str]) -> str:
    """A regex alternation of words, longest first, spaces as any whitespace, both apostrophes."""
    unique = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    escaped = (re.escape(w).replace(r"\ ", r"\s+").replace("'", "['’]") for w in unique)
    return "|".join(escaped) or r"(?!x)x"


def _word_lists(lex: TimeLexicon) -> dict[str, tuple[str, Callable[[], Iterable[str]]]]:
    """Word placeholders: (default group name, source of the spellings)."""
    return {
        "MONTH": ("month", lambda: lex.months), "WEEKDAY": ("weekday", lambda: lex.weekdays),
        "DAYWORD": ("dayword", lambda: lex.day_words), "DAYPART": ("daypart", lambda: lex.day_parts),
        "UNIT": ("unit", lambda: lex.units), "WEEKEND": ("weekend", lambda: lex.weekend),
        "REL": ("rel", lambda: lex.relative), "QUAL": ("qual", lambda: lex.qualifiers),
        "PERIODWORD": ("periodword", lambda: lex.period_words), "ANAPHOR": ("anaphor", lambda: lex.anaphora),
        "SEASON": ("season", lambda: lex.seasons), "HOLIDAY": ("holiday", lambda: lex.holidays),
        "HEDGE": ("hedge", lambda: lex.hedges),
        "ORD": ("ord", lambda: lex.ordinals), "QUARTERWORD": ("quarterword", lambda: lex.quarter_words), "DECADEWORD": ("decadeword", lambda: lex.decade_words),
        "VAGUE": ("vague", lambda: lex.vague),
    }


def _expand(name: str, group: str | None, lex: TimeLexicon) -> str:
    """The regex for one placeholder."""
    if name == "NUM":
        return rf"(?<!\w)(?P<{group or 'num'}>\d{{1,3}}|{word_alternation(lex.numbers)})(?!\w)"
    if name in _DIGITS:
        default, regex = _DIGITS[name]
        return regex.format(g=group or default)
    words = _word_lists(lex)
    if name not in words:
        raise ConfigError(f"lang/{lex.lang}/time.yaml: unknown placeholder {{{name}}}; "
                          f"known: {', '.join(sorted([*words, *_DIGITS, 'NUM']))}")
    default, source = words[name]
    suffix = ""
    if name == "WEEKDAY" and lex.weekday_suffixes:
        suffix = f"(?:{word_alternation(lex.weekday_suffixes)})?"
    tail = "" if name == "DECADEWORD" else r"(?!\w)"
    return rf"(?<!\w)(?P<{group or default}>{word_alternation(source())}){suffix}{tail}"


def compile_template(template: str, lex: TimeLexicon) -> re.Pattern[str]:
    """Expand placeholders and spaces in a template and compile it (case-insensitive)."""
    parts, last = [], 0
    for m in _PLACEHOLDER.finditer(template):
        parts.append(template[last:m.start()].replace(" ", r"\s+"))
        parts.append(_expand(m.group(1), m.group(2), lex))
        last = m.end()
    parts.append(template[last:].replace(" ", r"\s+"))
    pattern = r"(?<!\w)(?:" + "".join(parts) + r")(?!\w)"
    try:
        return re.compile(with_start_hint(pattern, re.IGNORECASE), re.IGNORECASE)
    except re.error as exc:
        raise ConfigError(f"lang/{lex.lang}/time.yaml: pattern {template!r} does not compile: {exc}") from exc


@cache
def grammar(lang: str) -> tuple[Rule, ...]:
    """The compiled rules of ``lang``, in YAML order, built once per language."""
    lex = load_lexicon(lang)
    return tuple(Rule(i, spec.kind, compile_template(spec.template, lex), spec.sign)
                 for i, spec in enumerate(lex.patterns))


@cache
def word_regex(lang: str, key: str) -> re.Pattern[str] | None:
    """A case-insensitive whole-word regex for a plain word list of the lexicon (None when empty)."""
    lex = load_lexicon(lang)
    words: tuple[str, ...] = getattr(lex, key)
    if not words:
        return None
    return re.compile(rf"(?<!\w)(?:{word_alternation(words)})(?!\w)", re.IGNORECASE)
