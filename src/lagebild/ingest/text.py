"""Plain-text articles: the first line is the title when it is short."""

from __future__ import annotations

from lagebild.errors import InputError
from lagebild.records import RawDocument

MIN_CHARS = 20  # shorter than this after cleaning is not an article
MAX_TITLE_CHARS = 200


def normalise_newlines(text: str) -> str:
    """CRLF and CR line ends as LF, BOM removed: character offsets then mean the same everywhere."""
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def clean_str(value: object) -> str | None:
    """A stripped non-empty string, else None (for metadata fields of uncertain type)."""
    return (value.strip() or None) if isinstance(value, str) else None


def require_text(text: str, origin: str) -> str:
    """Return ``text``; raise InputError when it has fewer than MIN_CHARS characters besides whitespace."""
    size = len(" ".join(text.split()))
    if size == 0:
        raise InputError(origin, "no text (only whitespace)")
    if size < MIN_CHARS:
        raise InputError(origin, f"too short: {size} characters of text (at least {MIN_CHARS} needed)")
    return text


def title_of(text: str) -> str | None:
    """The first line when it is short and followed by more text, else None.

    "Ein strategisches Treffen in Peking\\n\\nBei einem entscheidenden Treffen ..." -> the first line.
    """
    first, sep, rest = text.strip().partition("\n")
    first = first.strip()
    if not sep or not rest.strip() or len(first) > MAX_TITLE_CHARS:
        return None
    return first or None


def read_text(text: str, *, origin: str = "", doc_id: str = "") -> RawDocument:
    """A RawDocument from plain text; InputError when there is too little text."""
    text = require_text(normalise_newlines(text), origin)
    return RawDocument(text=text, doc_id=doc_id, title=title_of(text), origin=origin)
