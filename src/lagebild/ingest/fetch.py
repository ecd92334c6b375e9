"""Fetching URLs over HTTP(S): the default ``fetch`` of read_sources."""

from __future__ import annotations

import http.client
import urllib.error
import urllib.request
from collections.abc import Callable

from lagebild.errors import InputError, LagebildError
from lagebild.ingest.decode import MAX_BYTES, too_large

Fetch = Callable[[str], bytes]

TIMEOUT_S = 15.0
USER_AGENT = "lagebild/0.1 (news reader for international-relations research)"

# What a fetch callable may raise for an unreachable or failing URL.
FETCH_ERRORS: tuple[type[BaseException], ...] = (
    OSError, ValueError, http.client.HTTPException, LagebildError)


class FetchError(InputError):
    """A URL could not be fetched: unreachable, HTTP error status, timeout or too large."""


def is_url(source: str) -> bool:
    """True for http:// and https:// addresses."""
    return source.lower().startswith(("http://", "https://"))


def fetch_url(url: str, *, timeout: float = TIMEOUT_S) -> bytes:
    """The body of ``url``; FetchError with the reason when it cannot be had."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            _refuse_large(url, response.headers.get("Content-Length"))
            data: bytes = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise FetchError(url, f"HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise FetchError(url, f"unreachable: {exc.reason}") from None
    except (OSError, ValueError, http.client.HTTPException) as exc:
        raise FetchError(url, f"unreachable: {describe(exc)}") from None
    if len(data) > MAX_BYTES:
        raise FetchError(url, f"too large: more than the {MAX_BYTES // 1_000_000} MB limit")
    return data


def _refuse_large(url: str, content_length: str | None) -> None:
    """FetchError when the announced Content-Length is over the limit."""
    if content_length and content_length.strip().isdigit():
        reason = too_large(int(content_length))
        if reason:
            raise FetchError(url, reason)


def fetch_with(fetch: Fetch, url: str) -> bytes:
    """Call ``fetch``; any failure becomes a FetchError naming the URL and the reason."""
    try:
        return fetch(url)
    except FetchError:
        raise
    except InputError as exc:
        raise FetchError(url, exc.reason) from None
    except FETCH_ERRORS as exc:
        raise FetchError(url, f"unreachable: {describe(exc)}") from None


def describe(exc: BaseException) -> str:
    """A one-line reason: the message, or the exception's class name when it has none."""
    return str(exc).strip() or type(exc).__name__
