"""The cooperation-conflict score of a set of events (a dyad's month, a network edge, a window).

Formula (also in ``picture/README.md``)::

    score = sum(w_i * s_i) / sum(w_i)        over the events with w_i > 0
    s_i   = PLOVER score of the event's mode where the manual gives one, else of its type (-10..10)
    w_i   = 0    negated  ("did not attack": not an act; PLOVER drops negated events)
            0.5  hypothetical (announced, expected, conditional: a signal of intent, not an act)
            1    otherwise

The mean keeps the manual's -10..10 scale, so a quiet dyad and a heavily reported one are comparable;
how much happened is in the counts (per quad) and in ``total = sum(w_i * s_i)``, which the alliance
network uses as its edge weight. Negated events are counted apart (``negated``) and do not enter the
quad counts; hypothetical events do (``hypothetical`` says how many).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lagebild.picture.ontology import Ontology, plover

HYPOTHETICAL_WEIGHT = 0.5


def weight(negated: bool, hypothetical: bool) -> float:
    """How much one event counts: 0 negated, 0.5 hypothetical, else 1."""
    if negated:
        return 0.0
    return HYPOTHETICAL_WEIGHT if hypothetical else 1.0


EventClass = tuple[str, bool, bool, float, float]
"""(quad, negated, hypothetical, weight, weight * score): what the tally needs of an event."""


def event_class(etype: str, mode: str | None, negated: bool, hypothetical: bool,
                ontology: Ontology | None = None) -> EventClass:
    """The quad, modality, weight and weighted score of events of one type, mode and modality."""
    ontology = ontology or plover()
    w = weight(negated, hypothetical)
    return ontology.quad(etype) or "unknown", negated, hypothetical, w, w * ontology.score(etype, mode)


@dataclass(slots=True)
class Tally:
    """Running counts and score of a set of events; ``add`` one group of alike events at a time."""

    quads: dict[str, int] = field(default_factory=dict)
    events: int = 0
    negated: int = 0
    hypothetical: int = 0
    weight: float = 0.0
    total: float = 0.0

    def add(self, etype: str, mode: str | None, negated: bool, hypothetical: bool, count: int = 1,
            ontology: Ontology | None = None) -> None:
        """Count ``count`` events of one type, mode and modality."""
        self.add_class(event_class(etype, mode, negated, hypothetical, ontology), count)

    def add_class(self, cls: EventClass, count: int = 1) -> None:
        """Count ``count`` events of a precomputed class (the fast path for large aggregates)."""
        quad, negated, hypothetical, w, ws = cls
        self.events += count
        if negated:
            self.negated += count
            return
        self.quads[quad] = self.quads.get(quad, 0) + count
        if hypothetical:
            self.hypothetical += count
        self.weight += w * count
        self.total += ws * count

    def merge(self, other: Tally) -> None:
        """Add another tally's events to this one."""
        for quad, n in other.quads.items():
            self.quads[quad] = self.quads.get(quad, 0) + n
        self.events += other.events
        self.negated += other.negated
        self.hypothetical += other.hypothetical
        self.weight += other.weight
        self.total += other.total

    @property
    def score(self) -> float | None:
        """The weighted mean score in -10..10; None when no event counts."""
        return round(self.total / self.weight, 3) if self.weight else None

    def quad_counts(self, ontology: Ontology | None = None) -> dict[str, int]:
        """Counts for every quad class (zeros included), in the manual's order."""
        ontology = ontology or plover()
        return {quad: self.quads.get(quad, 0) for quad in ontology.quads}
