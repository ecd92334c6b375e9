"""Sources to documents: paths, folders, URLs and stdin, each read by the reader its format needs."""

from __future__ import annotations

import dataclasses
import functools
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path

from lagebild.errors import InputError
from lagebild.ingest.decode import MAX_BYTES, check_bytes, decode, too_large
from lagebild.ingest.feeds import read_feed
from lagebild.ingest.fetch import Fetch, fetch_url, fetch_with, is_url
from lagebild.ingest.html import read_html
from lagebild.ingest.jsonl import read_json, read_jsonl
from lagebild.ingest.sniff import Format, detect, format_of_name, sniff
from lagebild.ingest.text import read_text
from lagebild.records import RawDocument

STDIN = "-"

Item = RawDocument | InputError


def read_sources(
    sources: Iterable[str],
    *,
    published: date | None = None,
    source: str | None = None,
    lang: str | None = None,
    fetch: Fetch | None = None,
) -> Iterator[Item]:
    """Every document in ``sources``; an input that cannot be read is yielded as an InputError, not raised.

    A source is a file, a folder (read recursively in sorted order, hidden files skipped), an http(s)
    URL or "-" for stdin. ``published``, ``source`` and ``lang`` override what was read.
    """
    override = published is not None or source is not None or lang is not None
    for item in _read_all(sources, fetch or fetch_url):
        if isinstance(item, RawDocument) and override:
            item = dataclasses.replace(item, published=published or item.published,
                                       source=source or item.source, lang=lang or item.lang)
        yield item


def _read_all(sources: Iterable[str], fetch: Fetch) -> Iterator[Item]:
    for src in sources:
        if src == STDIN:
            yield from _guard(lambda: read_bytes(_read_stdin(), origin=STDIN, fetch=fetch))
        elif is_url(src):
            yield from _guard(functools.partial(read_url, src, fetch))
        else:
            yield from read_path(Path(src), fetch=fetch)


def read_path(path: Path, *, fetch: Fetch | None = None) -> Iterator[Item]:
    """The documents in a file, or in every non-hidden file under a folder (sorted)."""
    origin = str(path)
    if path.is_dir():
        files = list(walk(path))
        if not files:
            yield InputError(origin, "folder has no (non-hidden) files")
        for file in files:
            yield from read_path(file, fetch=fetch)
        return
    yield from _guard(lambda: read_file(path, fetch=fetch or fetch_url))


def walk(folder: Path) -> Iterator[Path]:
    """Files under ``folder``, recursively, sorted by path; hidden files and folders skipped."""
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.is_file() and not any(part.startswith(".") for part in relative.parts):
            yield path


def read_file(path: Path, *, fetch: Fetch) -> Iterator[Item]:
    """The documents in one file; the id of a single-article file is its name without extension."""
    origin = str(path)
    try:
        size = path.stat().st_size
        reason = too_large(size)
        if reason:
            raise InputError(origin, reason)
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(origin, "file not found") from None
    except OSError as exc:
        raise InputError(origin, f"cannot read: {exc.strerror or exc}") from None
    return read_bytes(data, origin=origin, fetch=fetch, fmt=format_of_name(path.name), doc_id=path.stem)


def read_url(url: str, fetch: Fetch) -> Iterator[Item]:
    """The documents at an http(s) URL, read by the format its path or content shows."""
    data = fetch_with(fetch, url)
    name = url.split("?", 1)[0].split("#", 1)[0].rstrip("/")
    fmt = format_of_name(name.rsplit("/", 1)[-1])
    if fmt in (None, "text"):  # a web page's URL rarely names its format
        fmt = sniff(data)
    return read_bytes(data, origin=url, fetch=fetch, fmt=fmt, url=url)


def read_bytes(
    data: bytes,
    *,
    origin: str,
    fetch: Fetch,
    fmt: Format | None = None,
    doc_id: str = "",
    url: str | None = None,
) -> Iterator[Item]:
    """The documents in ``data`` of format ``fmt`` (sniffed when None)."""
    check_bytes(data, origin)
    fmt = fmt or detect(origin, data)
    if fmt == "html":
        return iter([read_html(data, origin=origin, url=url, doc_id=doc_id)])
    if fmt == "feed":
        return read_feed(data, origin=origin, fetch=fetch)
    text = decode(data, origin)
    if fmt == "jsonl":
        return read_jsonl(text, origin=origin)
    if fmt == "json":
        return iter([read_json(text, origin=origin, doc_id=doc_id)])
    return iter([dataclasses.replace(read_text(text, origin=origin, doc_id=doc_id), url=url)])


def _guard(read: Callable[[], Iterator[Item]]) -> Iterator[Item]:
    """Run a reader; an InputError it raises is yielded instead, so the caller can go on."""
    try:
        yield from read()
    except InputError as exc:
        yield exc


def _read_stdin() -> bytes:
    """Up to one byte past the size limit from standard input."""
    return sys.stdin.buffer.read(MAX_BYTES + 1)
