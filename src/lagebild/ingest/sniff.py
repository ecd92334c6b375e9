"""Which reader an input needs: by file extension, else by its first bytes."""

from __future__ import annotations

import json
import re
from typing import Literal

Format = Literal["text", "html", "feed", "jsonl", "json"]

EXTENSIONS: dict[str, Format] = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".xml": "feed", ".rss": "feed", ".atom": "feed",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".json": "json",
}

_HEAD_BYTES = 2048
_FEED = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML = re.compile(rb"<(!doctype\s+html|html|head|body|article|div|p)[\s>]", re.IGNORECASE)


def format_of_name(name: str) -> Format | None:
    """The format a file name's extension promises, or None when it says nothing."""
    dot = name.rfind(".")
    slash = max(name.rfind("/"), name.rfind("\\"))
    if dot <= slash + 1:
        return None
    return EXTENSIONS.get(name[dot:].lower())


def sniff(data: bytes) -> Format:
    """The format of ``data`` judged by its content: feed, HTML, JSON Lines, JSON, else plain text."""
    head = data[:_HEAD_BYTES].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<"):
        if _FEED.search(head):
            return "feed"
        if _HTML.search(head):
            return "html"
    if head.startswith(b"{"):
        return _json_kind(data)
    return "text"


def detect(name: str, data: bytes) -> Format:
    """The extension's format when it has a known one, else the sniffed one."""
    return format_of_name(name) or sniff(data)


def _json_kind(data: bytes) -> Format:
    """One JSON object -> "json"; one object per line -> "jsonl"; neither -> "text"."""
    try:
        json.loads(data)
        return "json"
    except ValueError:
        pass
    first = data.lstrip().split(b"\n", 1)[0]
    try:
        return "jsonl" if isinstance(json.loads(first), dict) else "text"
    except ValueError:
        return "text"
