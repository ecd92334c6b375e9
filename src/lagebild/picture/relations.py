"""Which pairs of actors an event relates (the PLOVER reading of actor and recipient lists).

- **directed**: an actor acts on a recipient ("PRK -> RUS: AID"); every actor x every recipient.
- **mutual**: several actors and no recipient. PLOVER codes meetings, agreements and reciprocal
  fighting this way ("all participants are actors and there is no recipient"), so the event lies
  between each pair of them.
- Actors that act *together on a third party* ("PRK and RUS -> UKR: ASSAULT") are not related by
  that event: it is scored on PRK-UKR and RUS-UKR. That they stand together shows in the network
  through the shared conflict edge to UKR (see ``blocs.py``), not as an invented edge between them.

A pair of the same key (a state acting on itself) is no relation.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations
from typing import Literal

Direction = Literal["forward", "backward", "mutual"]


def pairs(actors: frozenset[str], recipients: frozenset[str]) -> Iterator[tuple[str, str]]:
    """The unordered pairs (sorted, each once) that an event with these sides relates."""
    if len(actors) == 1 and len(recipients) == 1:  # the common case, without sets
        (x,), (y,) = actors, recipients
        if x != y:
            yield (x, y) if x < y else (y, x)
        return
    if recipients:
        seen = {tuple(sorted((x, y))) for x in actors for y in recipients if x != y}
        yield from sorted(seen)  # type: ignore[misc]
    else:
        yield from combinations(sorted(actors), 2)


def direction(actors: frozenset[str], recipients: frozenset[str], a: str, b: str) -> Direction | None:
    """How an event relates ``a`` and ``b``: a on b (forward), b on a (backward), mutual, or not at all."""
    if a == b:
        return None
    if a in actors and b in recipients:
        return "forward"
    if b in actors and a in recipients:
        return "backward"
    if not recipients and a in actors and b in actors:
        return "mutual"
    return None
