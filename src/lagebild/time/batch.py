"""The Time contract: one JSON object per input sentence, as ``lagebild time --batch`` writes it."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from lagebild.time.find import find_timexes
from lagebild.time.lexicon import supported_languages

log = logging.getLogger(__name__)


def parse_reference(value: Any) -> date | None:
    """An ISO reference date, None when missing or unreadable."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        log.warning("reference_date %r is not an ISO date; relative expressions are skipped", value)
        return None


def timex_rows(line: dict[str, Any]) -> list[dict[str, Any]]:
    """The contract's timex list for one input line (empty for an unsupported language)."""
    lang, text = line.get("lang"), line.get("sentence") or ""
    if lang not in supported_languages() or not isinstance(text, str):
        return []
    return [{"text": t.text, "start": t.start, "end": t.end, "value": t.value, "mod": t.mod,
             "precision": t.precision, "how": t.how}
            for t in find_timexes(text, str(lang), parse_reference(line.get("reference_date")))]


def time_batch(lines: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """``{"id", "timex": [{"text", "start", "end", "value", "mod", "precision", "how"}]}`` per line."""
    for line in lines:
        yield {"id": line.get("id"), "timex": timex_rows(line)}
