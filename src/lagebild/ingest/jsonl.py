"""JSON articles: JSON Lines (one article per line) and single JSON files such as the gold files.

An article object has ``text`` and optionally ``title``, ``url``, ``published`` (ISO date or
datetime), ``source``, ``author``, ``lang`` and ``id`` or ``doc_id``::

    {"id": "a1", "text": "Berlin und Paris ...", "published": "2024-06-19T08:00:00Z", "lang": "de"}
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

from lagebild.errors import InputError
from lagebild.ingest.dates import parse_iso_date
from lagebild.ingest.text import normalise_newlines, require_text, title_of
from lagebild.records import RawDocument

_OPTIONAL_STRINGS = ("title", "url", "source", "author", "lang")


def read_jsonl(text: str, *, origin: str = "") -> Iterator[RawDocument | InputError]:
    """One RawDocument per non-blank line; a bad line yields InputError("FILE line N", reason)."""
    found = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        found = True
        where = f"{origin} line {number}"
        try:
            yield article_from_object(_load(line, where), origin=origin, where=where)
        except InputError as exc:
            yield exc
    if not found:
        yield InputError(origin, "no articles: every line is blank")


def read_json(text: str, *, origin: str = "", doc_id: str = "") -> RawDocument:
    """One article from a JSON object (a gold file: its ``text`` is the article, its ``doc_id`` the id)."""
    return article_from_object(_load(text, origin), origin=origin, where=origin, default_id=doc_id)


def article_from_object(obj: Any, *, origin: str, where: str, default_id: str = "") -> RawDocument:
    """A RawDocument from a decoded JSON article; InputError naming ``where`` when a field is wrong."""
    if not isinstance(obj, dict):
        raise InputError(where, f"expected a JSON object with a 'text' field, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str):
        raise InputError(where, "missing 'text' (the article) or it is not a string")
    text = require_text(normalise_newlines(text), where)
    fields = {key: _string(obj, key, where) for key in _OPTIONAL_STRINGS}
    return RawDocument(
        text=text,
        doc_id=_doc_id(obj, where) or default_id,
        title=fields["title"] or title_of(text),
        url=fields["url"],
        published=_published(obj, where),
        source=fields["source"],
        author=fields["author"],
        lang=fields["lang"],
        origin=origin,
    )


def _load(text: str, where: str) -> Any:
    """Parsed JSON; InputError with the parser's reason."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(where, f"invalid JSON: {exc.msg} at column {exc.colno}") from None


def _string(obj: dict[str, Any], key: str, where: str) -> str | None:
    """An optional string field, stripped; InputError when present but not a string."""
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(where, f"'{key}' must be a string, got {type(value).__name__}")
    return value.strip() or None


def _doc_id(obj: dict[str, Any], where: str) -> str:
    """``doc_id`` or ``id`` (a string or an integer), else ""."""
    value = obj.get("doc_id", obj.get("id"))
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise InputError(where, f"'doc_id'/'id' must be a string or integer, got {type(value).__name__}")
    return str(value).strip()


def _published(obj: dict[str, Any], where: str) -> date | None:
    """``published`` (or the contract's ``pub_date``) as a date, None when absent; InputError when it
    is not an ISO date."""
    value = obj.get("published", obj.get("pub_date"))
    if value is None or value == "":
        return None
    try:
        return parse_iso_date(value)
    except ValueError as exc:
        raise InputError(where, f"'published': {exc}") from None
