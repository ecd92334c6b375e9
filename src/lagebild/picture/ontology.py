"""The parts of the PLOVER ontology the picture needs: each type's quad class and score.

Read from ``events/data/plover.yaml`` (the manual's quad classes and conflict/cooperation scores);
nothing is duplicated here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from lagebild.events.lexicon import ontology


@dataclass(frozen=True, slots=True)
class Ontology:
    """PLOVER types with their quad class, type score and per-mode scores."""

    quads: tuple[str, ...]  # in the manual's order: verbal_cooperation .. material_conflict
    quad_of: dict[str, str]
    type_scores: dict[str, float]
    mode_scores: dict[str, dict[str, float]]

    @property
    def types(self) -> tuple[str, ...]:
        """The PLOVER event types, in the file's order."""
        return tuple(self.quad_of)

    def quad(self, etype: str) -> str | None:
        """The quad class of a type; None for a type the ontology does not know."""
        return self.quad_of.get(etype)

    def score(self, etype: str, mode: str | None) -> float:
        """The mode's score where the manual gives one, else the type's; 0 for an unknown type."""
        if mode and mode in self.mode_scores.get(etype, {}):
            return self.mode_scores[etype][mode]
        return self.type_scores.get(etype, 0.0)


@lru_cache(maxsize=1)
def plover() -> Ontology:
    """The ontology of the bundled plover.yaml."""
    data = ontology()
    quads = tuple(sorted(data["quads"], key=lambda name: data["quads"][name]))
    types = data["types"]
    return Ontology(
        quads=quads,
        quad_of={name: str(spec["quad"]) for name, spec in types.items()},
        type_scores={name: float(spec["score"]) for name, spec in types.items()},
        mode_scores={name: {str(m): float(s) for m, s in (spec.get("mode_scores") or {}).items()}
                     for name, spec in types.items()},
    )
