"""RSS and Atom feeds: each entry's page is fetched and extracted; the entry's summary is the fallback."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterator
from typing import Any

import feedparser
import lxml.html
from lxml.etree import ParserError

from lagebild.errors import InputError
from lagebild.ingest.dates import from_struct_time
from lagebild.ingest.fetch import Fetch, fetch_url, fetch_with
from lagebild.ingest.html import read_html
from lagebild.ingest.text import clean_str, normalise_newlines, title_of
from lagebild.records import RawDocument

log = logging.getLogger(__name__)

MIN_SUMMARY_CHARS = 200  # a summary this long may stand in for an article that cannot be fetched


def read_feed(
    data: bytes | str, *, origin: str = "", fetch: Fetch | None = None
) -> Iterator[RawDocument | InputError]:
    """One RawDocument (or InputError) per feed entry; InputError when the feed has no entries."""
    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        yield InputError(origin, _empty_reason(parsed))
        return
    feed_title = clean_str(parsed.get("feed", {}).get("title"))
    for number, entry in enumerate(entries, start=1):
        try:
            yield read_entry(entry, origin=origin, feed_title=feed_title, fetch=fetch or fetch_url,
                             number=number)
        except InputError as exc:
            yield exc


def read_entry(
    entry: Any, *, origin: str, feed_title: str | None, fetch: Fetch, number: int = 0
) -> RawDocument:
    """The entry's linked article, else its summary when long enough; InputError naming the link."""
    link = clean_str(entry.get("link"))
    where = link or f"{origin} entry {number}"
    try:
        if not link:
            raise InputError(where, "the entry has no link")
        raw = read_html(fetch_with(fetch, link), origin=link, url=link)
    except InputError as exc:
        raw = _from_summary(entry, where, exc.reason)
    return dataclasses.replace(
        raw,
        title=raw.title or clean_str(entry.get("title")),
        published=from_struct_time(entry.get("published_parsed") or entry.get("updated_parsed"))
        or raw.published,
        source=raw.source or feed_title,
        author=raw.author or clean_str(entry.get("author")),
        url=link,
        origin=link or origin,
    )


def _from_summary(entry: Any, where: str, why: str) -> RawDocument:
    """The entry's content or summary as the article; InputError when shorter than MIN_SUMMARY_CHARS."""
    text = normalise_newlines(_entry_text(entry)).strip()
    size = len(" ".join(text.split()))
    if size < MIN_SUMMARY_CHARS:
        raise InputError(where, f"{why}; the feed's summary is too short to stand in "
                                f"({size} < {MIN_SUMMARY_CHARS} characters)")
    log.info("%s: %s; using the feed's summary instead", where, why)
    return RawDocument(text=text, title=title_of(text), origin=where)


def _entry_text(entry: Any) -> str:
    """The longest of the entry's content blocks and summary, as plain text."""
    candidates = [block.get("value", "") for block in entry.get("content") or []]
    candidates.append(entry.get("summary") or "")
    texts = [_html_to_text(value) for value in candidates if value and value.strip()]
    return max(texts, key=len, default="")


def _html_to_text(value: str) -> str:
    """Text of an HTML fragment, paragraphs on their own lines; the value itself when it is not HTML."""
    try:
        root = lxml.html.fragment_fromstring(value, create_parent="div")
    except (ParserError, ValueError):
        return value
    for block in root.iter("p", "br", "div", "li", "h1", "h2", "h3"):
        block.tail = "\n" + (block.tail or "")
    return "\n".join(line.strip() for line in root.text_content().splitlines() if line.strip())


def _empty_reason(parsed: Any) -> str:
    """Why a feed yielded no entries: not parseable, or parseable and empty."""
    if parsed.get("bozo") and not parsed.get("version"):
        return f"not a parseable RSS/Atom feed: {parsed.get('bozo_exception')}"
    return "the feed has no entries"
