"""Ingest: read articles from files, folders, URLs, feeds, JSON Lines and stdin, and store them.

``read_sources`` yields RawDocument records, and an InputError (not raised) for each input that cannot
be read, so a caller can report it and go on. ``ingest`` adds dedup, analysis and storage.
"""

from lagebild.ingest.decode import MAX_BYTES
from lagebild.ingest.feeds import read_feed
from lagebild.ingest.fetch import FetchError, fetch_url
from lagebild.ingest.html import read_html
from lagebild.ingest.jsonl import read_json, read_jsonl
from lagebild.ingest.run import IngestOutcome, IngestReport, ingest, ingest_one
from lagebild.ingest.sniff import sniff
from lagebild.ingest.sources import read_path, read_sources
from lagebild.ingest.text import MIN_CHARS, read_text

__all__ = [
    "MAX_BYTES",
    "MIN_CHARS",
    "FetchError",
    "IngestOutcome",
    "IngestReport",
    "fetch_url",
    "ingest",
    "ingest_one",
    "read_feed",
    "read_html",
    "read_json",
    "read_jsonl",
    "read_path",
    "read_sources",
    "read_text",
    "sniff",
]
