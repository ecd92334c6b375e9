"""Where to draw each actor of a network: blocs side by side on a circle, members packed inside.

Deterministic and dependency-free (the web page and the plots share it): bloc centres sit on a unit
circle (one bloc: the origin), each bloc is a disc with area proportional to its size, and its members
fill the disc on a sunflower spiral, the most involved actor in the middle.
"""

from __future__ import annotations

import math

from lagebild.picture.network import Network

GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def bloc_layout(net: Network) -> dict[str, tuple[float, float]]:
    """Actor -> (x, y), roughly within [-1.5, 1.5]."""
    blocs = [b for b in net.blocs if b]
    if not blocs:
        return {}
    largest = max(len(b) for b in blocs)
    spread = 0.9 if len(blocs) == 1 else min(0.75, 2.2 / math.sqrt(len(blocs)))
    out: dict[str, tuple[float, float]] = {}
    for i, members in enumerate(blocs):
        cx, cy = _centre(i, len(blocs))
        radius = spread * math.sqrt(len(members) / largest)
        for j, actor in enumerate(members):
            r = radius * math.sqrt(j / len(members)) if len(members) > 1 else 0.0
            angle = j * GOLDEN_ANGLE
            out[actor] = (round(cx + r * math.cos(angle), 4), round(cy + r * math.sin(angle), 4))
    return out


def _centre(i: int, count: int) -> tuple[float, float]:
    if count == 1:
        return 0.0, 0.0
    angle = math.pi / 2 + 2 * math.pi * i / count
    return math.cos(angle), math.sin(angle)
