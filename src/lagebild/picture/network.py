"""The alliance network of a window: actors linked by signed, weighted edges, grouped into blocs.

An edge joins two actors that an event relates (``relations.py``); its **weight** is the summed
score of those events (``scoring.Tally.total``: cooperation positive, conflict negative, negated
events 0, hypothetical ones half), so a relation with many cooperative events weighs more than one
with a single agreement. Blocs come from ``blocs.signed_blocs`` on these weights.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from lagebild.picture.blocs import BlocShift, match_blocs, signed_blocs
from lagebild.picture.facts import parse_kind, parse_sides, split_line, window_lines
from lagebild.picture.ontology import plover
from lagebild.picture.relations import pairs
from lagebild.picture.scoring import EventClass, Tally, event_class
from lagebild.store import Store


@dataclass(frozen=True, slots=True)
class Edge:
    """The relation of two actors (``a`` < ``b``) over the window."""

    a: str
    b: str
    weight: float  # summed weighted score: > 0 cooperation, < 0 conflict
    score: float | None  # mean score, -10..10
    events: int
    quads: dict[str, int]

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"a": self.a, "b": self.b, "weight": round(self.weight, 3), "score": self.score,
                "events": self.events, "quads": self.quads}


@dataclass(frozen=True, slots=True)
class Node:
    """An actor of the network."""

    id: str
    bloc: int
    events: int  # events on its edges
    strength: float  # summed edge weight
    degree: int

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"id": self.id, "bloc": self.bloc, "events": self.events,
                "strength": round(self.strength, 3), "degree": self.degree}


@dataclass(frozen=True, slots=True)
class Network:
    """The signed actor network of [since, until] with its blocs (largest first)."""

    since: date | None
    until: date | None
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    blocs: tuple[tuple[str, ...], ...]

    def bloc_of(self, actor: str) -> int | None:
        """The bloc index of an actor, None when it is not in the network."""
        return next((n.bloc for n in self.nodes if n.id == actor), None)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"since": self.since.isoformat() if self.since else None,
                "until": self.until.isoformat() if self.until else None,
                "nodes": [n.to_json() for n in self.nodes], "edges": [e.to_json() for e in self.edges],
                "blocs": [list(b) for b in self.blocs]}


def network(store: Store, since: date | None = None, until: date | None = None, *,
            min_events: int = 1) -> Network:
    """The alliance network of the events whose day lies in [since, until].

    ``min_events``: leave out edges with fewer events (noise from a single report).
    """
    ontology = plover()
    classes: dict[str, EventClass] = {}  # kinds and sides repeat: each is parsed once
    related: dict[str, list[tuple[str, str]]] = {}
    tallies: dict[tuple[str, str], Tally] = {}
    for line, count in window_lines(store, since, until).items():
        kind, sides = split_line(line)
        cls = classes.get(kind)
        if cls is None:
            cls = classes[kind] = event_class(*parse_kind(kind), ontology)
        pair_list = related.get(sides)
        if pair_list is None:
            pair_list = related[sides] = list(pairs(*parse_sides(sides)))
        for pair in pair_list:
            tally = tallies.get(pair)
            if tally is None:
                tally = tallies[pair] = Tally()
            tally.add_class(cls, count)
    edges = tuple(Edge(a, b, round(t.total, 3), t.score, t.events, t.quad_counts(ontology))
                  for (a, b), t in sorted(tallies.items()) if t.events >= min_events)
    return _assemble(since, until, edges)


def _assemble(since: date | None, until: date | None, edges: tuple[Edge, ...]) -> Network:
    """Nodes and blocs of a set of edges."""
    names = sorted({e.a for e in edges} | {e.b for e in edges})
    blocs = tuple(tuple(_by_strength(members, edges)) for members in
                  signed_blocs(names, [(e.a, e.b, e.weight) for e in edges]))
    bloc_of = {actor: i for i, members in enumerate(blocs) for actor in members}
    stats: dict[str, list[float]] = {name: [0, 0.0, 0] for name in names}
    for e in edges:
        for actor in (e.a, e.b):
            stats[actor][0] += e.events
            stats[actor][1] += e.weight
            stats[actor][2] += 1
    nodes = tuple(Node(name, bloc_of[name], int(s[0]), round(s[1], 3), int(s[2])) for name, s in stats.items())
    return Network(since, until, nodes, edges, blocs)


def _by_strength(members: list[str], edges: tuple[Edge, ...]) -> list[str]:
    """Bloc members, the most involved (most events) first."""
    events = {m: 0 for m in members}
    for e in edges:
        for actor in (e.a, e.b):
            if actor in events:
                events[actor] += e.events
    return sorted(members, key=lambda m: (-events[m], m))


def compare_blocs(before: Network, after: Network) -> BlocShift:
    """How the blocs of ``before`` shifted in ``after``: matched blocs, movers, new and gone actors."""
    return match_blocs(before.blocs, after.blocs)
