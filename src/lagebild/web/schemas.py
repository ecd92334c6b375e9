"""Response models of the JSON API: they document the API (OpenAPI at /docs) and check what it returns."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class Actor(BaseModel):
    """An actor or recipient as coded; ``key`` is what it rolls up to (a person's state, an org's code)."""

    key: str
    code: str
    country: str | None
    name: str | None
    text: str = Field(description="The words of the article that name it.")
    role: str | None
    sector: str | None
    kb_id: str | None
    start: int
    end: int


class Evidence(BaseModel):
    """The sentence that proves the event: character offsets into the article's text."""

    start: int
    end: int
    text: str


class Trigger(BaseModel):
    """The lexicon entry that fired and where its word stands in the article."""

    entry: str
    start: int
    end: int


class DocumentRef(BaseModel):
    """The article an event comes from."""

    doc_id: str
    title: str | None
    url: str | None
    source: str | None
    published: str | None
    lang: str | None


class Event(BaseModel):
    """A stored PLOVER event."""

    id: int
    type: str
    mode: str | None
    context: list[str]
    date: str | None = Field(description="TIMEX3 value of the event's own date (2024-06, 2024-06-03, ...).")
    date_precision: str | None
    date_start: str | None
    date_end: str | None
    day: str | None = Field(description="Own first day, else the article's publication day.")
    negated: bool
    hypothetical: bool
    historical: bool
    reported_by: str | None
    reported_by_text: str | None
    evidence: Evidence
    trigger: Trigger
    confidence: float
    why: list[str]
    sentence: int
    document: DocumentRef
    actors: list[Actor]
    recipients: list[Actor]


class Source(BaseModel):
    """One source behind an event: ``article``, ``attribution`` (the agency it cites), ``copy`` (a stored
    duplicate of the article) or ``corroborating`` (the same event coded from another article)."""

    kind: str
    model_config = {"extra": "allow"}


class EventDetail(Event):
    """An event with every source that backs it."""

    sources: list[Source]


class EventPage(BaseModel):
    """A page of events, newest first (by their own date; undated ones last)."""

    events: list[Event]
    offset: int
    limit: int
    more: bool = Field(description="True when a next page exists (offset + limit).")


class DyadPoint(BaseModel):
    """One period of a dyad's trend."""

    period: str
    start: str
    quads: dict[str, int]
    score: float | None = Field(description="Weighted mean PLOVER score, -10 (conflict) .. 10 (cooperation).")
    total: float
    count: int
    negated: int
    hypothetical: int
    forward: int
    backward: int
    mutual: int
    events: list[int]


class Dyad(BaseModel):
    """The events between two actors per period."""

    a: str
    b: str
    by: str
    since: str | None
    until: str | None
    score: float | None
    count: int
    quads: dict[str, int]
    points: list[DyadPoint]


class Node(BaseModel):
    """An actor of the network, with a drawing position (blocs side by side)."""

    id: str
    bloc: int
    events: int
    strength: float
    degree: int
    x: float
    y: float


class Edge(BaseModel):
    """A signed relation: weight > 0 cooperation, < 0 conflict."""

    a: str
    b: str
    weight: float
    score: float | None
    events: int
    quads: dict[str, int]


class Network(BaseModel):
    """The signed actor network of a window and its blocs (largest first)."""

    since: str | None
    until: str | None
    nodes: list[Node]
    edges: list[Edge]
    blocs: list[list[str]]


class Briefing(BaseModel):
    """What changed in a window compared with the window of equal length before it."""

    since: str
    until: str
    previous: dict[str, str]
    events: int
    events_before: int
    new_dyads: list[dict[str, Any]]
    shifts: list[dict[str, Any]]
    new_actors: list[dict[str, Any]]
    top_events: list[dict[str, Any]]
    disputed: list[dict[str, Any]]


class Document(BaseModel):
    """A stored article with its text and the events coded from it."""

    doc_id: str
    title: str | None
    url: str | None
    source: str | None
    author: str | None
    published: str | None
    published_how: str
    lang: str | None
    text: str
    events: list[Event]
    duplicates: list[dict[str, Any]]


class Summary(BaseModel):
    """What the store holds: counts and the span of event days."""

    documents: int
    events: int
    first_day: str | None
    last_day: str | None
    writable: bool
    types: dict[str, str] = Field(description="PLOVER type -> quad class.")


class Ingested(BaseModel):
    """The outcome of POST /api/documents."""

    status: str
    doc_id: str | None
    events: int
    reason: str | None = None


class NewDocument(BaseModel):
    """A text to analyse and store (only when the app was created writable)."""

    text: str = Field(min_length=1, max_length=5_000_000)
    title: str | None = None
    url: str | None = None
    published: str | None = Field(default=None, description="YYYY-MM-DD")
    source: str | None = None
    lang: str | None = None
