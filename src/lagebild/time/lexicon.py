"""Load the temporal vocabulary of a language from ``lagebild/lang/<code>/time.yaml``.

The YAML reads like a dictionary (meaning -> spellings); this module turns it into lookup tables
keyed by the normalised spelling (``norm``), once per language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from lagebild import yamlio
from lagebild.errors import ConfigError, UnsupportedLanguage

LEXICON_FILE = "time.yaml"
_REQUIRED = ("months", "weekdays", "day_words", "units", "relative", "qualifiers", "patterns", "tense")


def norm(word: str) -> str:
    """Normalised spelling used as lookup key: case-folded, single spaces, plain apostrophes."""
    return " ".join(word.replace("’", "'").casefold().split())


@dataclass(frozen=True, slots=True)
class PatternSpec:
    """One word order from the ``patterns`` section: its rule kind and regex template."""

    kind: str
    template: str
    sign: int = 0


@dataclass(frozen=True, slots=True)
class TimeLexicon:
    """The temporal vocabulary of one language, as lookup tables (normalised spelling -> meaning)."""

    lang: str
    months: Mapping[str, int]
    weekdays: Mapping[str, int]
    weekday_suffixes: tuple[str, ...]
    day_words: Mapping[str, int]
    day_parts: tuple[str, ...]
    units: Mapping[str, str]
    weekend: tuple[str, ...]
    relative: Mapping[str, int]
    qualifiers: Mapping[str, str | None]
    period_words: Mapping[str, tuple[str, int, str | None]]
    anaphora: Mapping[str, tuple[str, int]]
    seasons: Mapping[str, tuple[str, str | None]]
    holidays: Mapping[str, Mapping[str, Any]]
    numbers: Mapping[str, int]
    hedges: tuple[str, ...]
    ordinals: Mapping[str, int]
    quarter_words: Mapping[str, int]
    decade_words: Mapping[str, int]
    vague: Mapping[str, str]
    needs_context: frozenset[str]
    case_sensitive: Mapping[str, str]
    blocked_phrases: tuple[str, ...]
    blocked_patterns: tuple[str, ...]
    year_context: Mapping[str, Any]
    tense: Mapping[str, Any]
    signals: Mapping[str, tuple[str, ...]]
    newyear_stems: tuple[str, ...]
    dateline: str
    patterns: tuple[PatternSpec, ...]


@cache
def supported_languages() -> frozenset[str]:
    """Language codes that have a ``time.yaml`` under ``lagebild/lang/``."""
    root = resources.files("lagebild") / "lang"
    if not root.is_dir():
        return frozenset()
    return frozenset(d.name for d in root.iterdir() if d.is_dir() and (d / LEXICON_FILE).is_file())


def _read(lang: str) -> dict[str, Any]:
    """Parse the language's time.yaml, checking the required sections."""
    if lang not in supported_languages():
        raise UnsupportedLanguage(lang, f"no lang/{lang}/{LEXICON_FILE}; supported: "
                                        f"{', '.join(sorted(supported_languages())) or 'none'}")
    path = resources.files("lagebild") / "lang" / lang / LEXICON_FILE
    data = yamlio.safe_load(path.read_text(encoding="utf-8")) or {}
    missing = [key for key in _REQUIRED if key not in data]
    if missing:
        raise ConfigError(f"lang/{lang}/{LEXICON_FILE}: missing section(s) {', '.join(missing)}")
    return data


def _invert(section: Mapping[Any, Any], convert: Any = lambda k: k) -> Mapping[str, Any]:
    """Turn ``meaning: [spellings]`` into ``{norm(spelling): meaning}``."""
    table: dict[str, Any] = {}
    for meaning, spellings in (section or {}).items():
        for spelling in [spellings] if isinstance(spellings, str) else spellings:
            table[norm(str(spelling))] = convert(meaning)
    return MappingProxyType(table)


def _by_word(section: Mapping[str, Any], convert: Any = lambda v: v) -> Mapping[str, Any]:
    """Turn ``spelling: meaning`` into ``{norm(spelling): meaning}``."""
    return MappingProxyType({norm(str(k)): convert(v) for k, v in (section or {}).items()})


def _seasons(data: Mapping[str, Any]) -> Mapping[str, tuple[str, str | None]]:
    """Season names and season parts ("Spätsommer") as ``word -> (code, mod)``."""
    table = {w: (code, None) for w, code in _invert(data.get("seasons", {})).items()}
    table.update({norm(w): (v[0], v[1]) for w, v in (data.get("season_parts") or {}).items()})
    return MappingProxyType(table)


def _qualifiers(section: Mapping[Any, Any]) -> Mapping[str, str | None]:
    """Qualifier words -> mod; the YAML key ``null`` means no mod ("earlier this year")."""
    return _invert(section, lambda k: None if k in (None, "null") else str(k))


def _patterns(data: Mapping[str, Any], lang: str) -> tuple[PatternSpec, ...]:
    """The pattern list, each entry checked for its keys."""
    specs = []
    for i, entry in enumerate(data["patterns"]):
        if not isinstance(entry, dict) or "kind" not in entry or "pattern" not in entry:
            raise ConfigError(f"lang/{lang}/{LEXICON_FILE}: patterns[{i}] needs 'kind' and 'pattern', got {entry!r}")
        specs.append(PatternSpec(entry["kind"], entry["pattern"], int(entry.get("sign", 0))))
    return tuple(specs)


def _words(data: Mapping[str, Any], key: str) -> tuple[str, ...]:
    """A plain word list from the YAML (empty when absent)."""
    return tuple(str(w) for w in data.get(key) or ())


@cache
def load_lexicon(lang: str) -> TimeLexicon:
    """The temporal lexicon of ``lang``, read once and cached."""
    d = _read(lang)
    return TimeLexicon(
        lang=lang,
        months=_invert(d["months"], int),
        weekdays=_invert(d["weekdays"], int),
        weekday_suffixes=_words(d, "weekday_suffixes"),
        day_words=_by_word(d["day_words"], int),
        day_parts=_words(d, "day_parts"),
        units=_invert(d["units"], str),
        weekend=_words(d, "weekend"),
        relative=_invert(d["relative"], int),
        qualifiers=_qualifiers(d["qualifiers"]),
        period_words=_by_word(d.get("period_words", {}), lambda v: (v[0], int(v[1]), v[2])),
        anaphora=_by_word(d.get("anaphora", {}), lambda v: (v[0], int(v[1]))),
        seasons=_seasons(d),
        holidays=_by_word(d.get("holidays", {}), lambda v: MappingProxyType(dict(v))),
        numbers=_invert(d.get("numbers", {}), int),
        hedges=_words(d, "hedges"),
        ordinals=_invert(d.get("ordinals", {}), int),
        quarter_words=_by_word(d.get("quarter_words", {}), int),
        decade_words=_by_word({v: k for k, v in (d.get("decade_words") or {}).items()}, int),
        vague=_invert(d.get("vague", {}), str),
        needs_context=frozenset(norm(w) for w in _words(d, "needs_context")),
        case_sensitive=MappingProxyType({norm(w): w for w in _words(d, "case_sensitive")}),
        blocked_phrases=_words(d, "blocked_phrases"),
        blocked_patterns=tuple(str(p) for p in d.get("blocked_patterns") or ()),
        year_context=MappingProxyType(dict(d.get("year_context") or {})),
        tense=MappingProxyType(dict(d["tense"])),
        signals=MappingProxyType({k: tuple(v) for k, v in (d.get("signals") or {}).items()}),
        newyear_stems=_words(d, "newyear_stems"),
        dateline=str(d.get("dateline", "")),
        patterns=_patterns(d, lang),
    )
