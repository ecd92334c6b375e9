"""HTML pages: trafilatura finds the main text and the metadata."""

from __future__ import annotations

import logging
from typing import Any

from trafilatura import bare_extraction

from lagebild.errors import InputError
from lagebild.ingest.dates import maybe_iso_date
from lagebild.ingest.text import clean_str, normalise_newlines, require_text
from lagebild.records import RawDocument

log = logging.getLogger(__name__)


def read_html(
    html: bytes | str, *, origin: str = "", url: str | None = None, doc_id: str = ""
) -> RawDocument:
    """Main text, title, author, date (``published``) and site name (``source``) of an HTML page."""
    extracted = _extract(html, url)
    text = getattr(extracted, "text", None) if extracted is not None else None
    if not text or not text.strip():
        raise InputError(origin, "no article text found in the HTML (broken page, or only navigation)")
    text = require_text(normalise_newlines(text), origin)
    return RawDocument(
        text=text,
        doc_id=doc_id,
        title=clean_str(extracted.title),
        url=url or clean_str(extracted.url),
        published=maybe_iso_date(extracted.date),
        source=clean_str(extracted.sitename),
        author=clean_str(extracted.author),
        origin=origin,
    )


def _extract(html: bytes | str, url: str | None) -> Any:
    """trafilatura's bare extraction with metadata; None when the page cannot be parsed at all."""
    try:
        return bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    except (ValueError, TypeError, LookupError) as exc:  # lxml and charset failures on broken input
        log.debug("trafilatura failed on %s: %s", url, exc)
        return None
