"""Typed records that flow through the pipeline.

Every record is an immutable dataclass. A stage never edits a record in place: it returns new
records (``dataclasses.replace``). Records produced by a stage carry their provenance: the character
span in the document text and the versioned name of the stage that made them (``stage``).

Flow::

    RawDocument --(pipeline)--> Analysis(document, sentences, tokens, mentions, timexes, events)
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

EntityType = Literal["PER", "LOC", "ORG", "GPE", "MISC"]
Precision = Literal["day", "week", "month", "quarter", "season", "year", "decade", "range"]


def content_hash(text: str) -> str:
    """Hash of the normalised text: the identity of a document in the store."""
    norm = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class RawDocument:
    """An article as read from a file, URL, feed or stream, before any analysis."""

    text: str
    doc_id: str = ""
    title: str | None = None
    url: str | None = None
    published: date | None = None
    source: str | None = None
    author: str | None = None
    lang: str | None = None
    origin: str = ""  # the path, URL or "-" it was read from

    @property
    def content_hash(self) -> str:
        """sha256 of the whitespace-normalised text."""
        return content_hash(self.text)


@dataclass(frozen=True, slots=True)
class Document:
    """A document under analysis: the raw input plus what the pipeline decided about it."""

    doc_id: str
    text: str
    lang: str | None
    published: date | None
    published_how: Literal["given", "inferred", "missing"] = "given"
    published_range: tuple[date, date] | None = None  # for inferred dates
    title: str | None = None
    url: str | None = None
    source: str | None = None
    author: str | None = None
    lang_score: float | None = None
    supported: bool = True  # False: language not supported, extraction skipped


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: character span and the index range of its tokens."""

    index: int
    start: int
    end: int
    text: str
    token_start: int  # index of the first token in Analysis.tokens
    token_end: int  # one past the last token
    stage: str = ""


@dataclass(frozen=True, slots=True)
class Token:
    """A token with its character span, part of speech (STTS for German, CLAWS for English) and lemma.

    ``verb_lemma`` is the lemma of a verb with its separated particle re-joined
    ("kündigte ... an" -> "ankündigen"); it is set on the finite verb only.
    """

    index: int
    sent: int
    start: int
    end: int
    text: str
    pos: str = ""
    lemma: str = ""
    verb_lemma: str | None = None
    particle_of: int | None = None  # for a separated particle: index of its verb token
    stage: str = ""


@dataclass(frozen=True, slots=True)
class Mention:
    """A name or actor mention in the text, linked to the knowledge base where possible."""

    start: int
    end: int
    text: str
    type: EntityType
    sent: int = -1
    kb_id: str | None = None  # knowledge-base id, None when new / unlinked
    name: str | None = None  # canonical name
    code: str | None = None  # actor code: ISO3 for states, acronym for organisations
    country: str | None = None  # the state the mention acts for (ISO3)
    role: str | None = None  # role at the article's date, e.g. "foreign minister"
    sector: str | None = None  # GOV, MIL, MED, ...
    is_source: bool = False  # a news agency / broadcaster cited as source
    confidence: float = 1.0
    stage: str = ""


@dataclass(frozen=True, slots=True)
class Timex:
    """A temporal expression normalised to TIMEX3.

    ``value``: "2015-08-21" day, "2015-W38" week, "2015-08" month, "2015-Q3" quarter,
    "2015-SU" season, "2015" year, "201" decade; ``mod``: START, MID, END or None.
    ``how``: explicit (absolute in the text), relative (resolved against ``anchor``), inferred.
    """

    start: int
    end: int
    text: str
    value: str
    precision: Precision
    mod: str | None = None
    anchor: date | None = None
    how: Literal["explicit", "relative", "inferred"] = "explicit"
    stage: str = ""


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An actor or recipient of an event."""

    text: str
    code: str  # ISO3, organisation acronym or UNK
    name: str | None = None
    country: str | None = None
    kb_id: str | None = None
    role: str | None = None
    sector: str | None = None
    start: int = -1
    end: int = -1

    def to_json(self) -> dict[str, object]:
        """The contract's actor block."""
        return {"text": self.text, "name": self.name, "code": self.code, "country": self.country,
                "kb_id": self.kb_id, "role": self.role, "sector": self.sector,
                "start": self.start, "end": self.end}


@dataclass(frozen=True, slots=True)
class Evidence:
    """The span of text that proves an event."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Event:
    """A PLOVER event coded from one article."""

    event: str  # one of the 16 PLOVER types
    actor: tuple[ActorRef, ...]
    recipient: tuple[ActorRef, ...]
    evidence: Evidence
    mode: str | None = None
    context: tuple[str, ...] = ()
    date: str | None = None  # TIMEX3 value
    date_precision: str | None = None
    date_how: str | None = None  # explicit / relative / publication / None
    negated: bool = False
    hypothetical: bool = False
    historical: bool = False
    reported_by: str | None = None
    reported_by_text: str | None = None
    trigger: str = ""  # the lexicon entry that fired
    trigger_span: tuple[int, int] = (-1, -1)
    confidence: float = 0.5
    why: tuple[str, ...] = ()  # human-readable reasons, shown by `lagebild explain`
    sent: int = -1
    stage: str = ""


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the pipeline knows about one document. Stages return a new Analysis."""

    document: Document
    sentences: tuple[Sentence, ...] = ()
    tokens: tuple[Token, ...] = ()
    mentions: tuple[Mention, ...] = ()
    timexes: tuple[Timex, ...] = ()
    events: tuple[Event, ...] = ()
    messages: tuple[str, ...] = ()  # warnings for the user, e.g. unsupported language
    stages_run: tuple[str, ...] = field(default=())

    def sentence_tokens(self, sent: Sentence) -> tuple[Token, ...]:
        """Tokens of one sentence."""
        return self.tokens[sent.token_start:sent.token_end]
