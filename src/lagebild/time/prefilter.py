"""A speed hint for compiled rules: the characters a match can start with.

Python's regex engine tries every rule at every word start; a leading lookahead ``(?=[...])`` of the
possible first characters lets it skip most positions at once (about a third less time per article).
The first characters are read from the parsed pattern (``re._parser``, CPython's own parser). When
that is unavailable or the pattern can start with anything, no hint is added; matches are identical.
"""

from __future__ import annotations

import re
from types import MappingProxyType
from typing import Any

try:  # CPython 3.11+: the parser behind ``re``; only used to compute the hint
    from re import _constants as _C  # type: ignore[attr-defined]
    from re import _parser as _P  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - other Python implementations
    _C = _P = None  # type: ignore[assignment]

_CATEGORIES = MappingProxyType({"CATEGORY_DIGIT": r"\d", "CATEGORY_WORD": r"\w", "CATEGORY_SPACE": r"\s"})


def _charset(items: list[tuple[Any, Any]]) -> set[str] | None:
    """Class parts of a ``[...]`` set, None when it cannot be written back."""
    parts: set[str] = set()
    for op, av in items:
        if op is _C.LITERAL:
            parts.add(re.escape(chr(av)))
        elif op is _C.RANGE:
            parts.add(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is _C.CATEGORY and str(av) in _CATEGORIES:
            parts.add(_CATEGORIES[str(av)])
        else:
            return None
    return parts


def _step(op: Any, av: Any) -> tuple[set[str] | None, bool]:
    """First-character parts of one parsed element and whether it can match the empty string."""
    if op in (_C.AT, _C.ASSERT, _C.ASSERT_NOT):
        return set(), True
    if op is _C.LITERAL:
        return {re.escape(chr(av))}, False
    if op is _C.IN:
        return _charset(av), False
    if op is _C.SUBPATTERN:
        return first_chars(av[-1])
    if op is _C.BRANCH:
        results = [first_chars(branch) for branch in av[1]]
        if any(parts is None for parts, _ in results):
            return None, False
        return set().union(*(p for p, _ in results if p is not None)), any(n for _, n in results)
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT):
        parts, nullable = first_chars(av[2])
        return parts, nullable or av[0] == 0
    return None, False


def first_chars(items: Any) -> tuple[set[str] | None, bool]:
    """First-character class parts of a parsed sequence, and whether it can be empty."""
    found: set[str] = set()
    for op, av in items:
        parts, nullable = _step(op, av)
        if parts is None:
            return None, False
        found |= parts
        if not nullable:
            return found, False
    return found, True


def with_start_hint(pattern: str, flags: int) -> str:
    """``pattern`` led by a lookahead of its possible first characters (unchanged when unknown)."""
    if _P is None:
        return pattern
    try:
        parts, nullable = first_chars(list(_P.parse(pattern, flags)))
    except (re.error, AttributeError, TypeError, ValueError):
        return pattern
    if not parts or nullable:
        return pattern
    return f"(?=[{''.join(sorted(parts))}]){pattern}"
