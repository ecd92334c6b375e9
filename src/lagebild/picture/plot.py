"""Pictures of a dyad trend and of a network (matplotlib, optional: ``pip install 'lagebild[picture]'``).

The file's extension picks the format (.png, .svg, .pdf).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lagebild.picture.dyad import DyadTrend
from lagebild.picture.layout import bloc_layout
from lagebild.picture.network import Network
from lagebild.picture.ontology import plover

QUAD_COLOURS = {"verbal_cooperation": "#8fd18f", "material_cooperation": "#2e8b57",
                "verbal_conflict": "#f4a582", "material_conflict": "#b2182b"}
BLOC_COLOURS = ("#1f77b4", "#ff7f0e", "#9467bd", "#8c564b", "#17becf", "#e377c2", "#7f7f7f", "#bcbd22")  # no red, green


def _pyplot() -> Any:
    """matplotlib's pyplot on the file-only backend, or ImportError with the install hint."""
    try:
        import matplotlib
    except ImportError as exc:
        raise ImportError("plots need matplotlib: pip install 'lagebild[picture]'") from exc
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def plot_dyad(trend: DyadTrend, path: str | Path) -> Path:
    """Stacked events per quad (top) and the score per period (bottom), saved to ``path``."""
    plt = _pyplot()
    labels = [p.period for p in trend.points]
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(max(6, len(labels) * 0.35), 6), sharex=True,
                                      gridspec_kw={"height_ratios": [3, 2]})
    base = [0] * len(labels)
    for quad in plover().quads:
        heights = [p.quads.get(quad, 0) for p in trend.points]
        top.bar(labels, heights, bottom=base, color=QUAD_COLOURS.get(quad), label=quad.replace("_", " "))
        base = [b + h for b, h in zip(base, heights, strict=True)]
    top.set_ylabel("events")
    top.yaxis.get_major_locator().set_params(integer=True)
    top.legend(fontsize="small", ncol=2)
    top.set_title(f"{trend.a} – {trend.b} by {trend.by}")
    scores = [p.score for p in trend.points]
    bottom.axhline(0, color="grey", linewidth=0.8)
    bottom.plot(labels, [s if s is not None else float("nan") for s in scores], marker="o", color="black")
    bottom.set_ylim(-10.5, 10.5)
    bottom.set_ylabel("score (−10 conflict … 10 cooperation)")
    bottom.tick_params(axis="x", rotation=90)
    return _save(plt, fig, path)


def plot_network(net: Network, path: str | Path) -> Path:
    """The signed network: nodes coloured by bloc, green cooperation and red conflict edges."""
    plt = _pyplot()
    pos = bloc_layout(net)
    fig, ax = plt.subplots(figsize=(9, 9))
    heaviest = max((abs(e.weight) for e in net.edges), default=1) or 1
    for e in net.edges:
        (x1, y1), (x2, y2) = pos[e.a], pos[e.b]
        ax.plot([x1, x2], [y1, y2], color="#2e8b57" if e.weight > 0 else "#b2182b",
                linewidth=0.4 + 3 * abs(e.weight) / heaviest, alpha=0.5, zorder=1)
    most = max((n.events for n in net.nodes), default=1) or 1
    for n in net.nodes:
        x, y = pos[n.id]
        ax.scatter([x], [y], s=40 + 600 * (n.events / most) ** 0.5, zorder=2,
                   color=BLOC_COLOURS[n.bloc % len(BLOC_COLOURS)], edgecolors="white")
        ax.annotate(n.id, (x, y), ha="center", va="center", fontsize=7, zorder=3)
    ax.set_axis_off()
    ax.set_title(f"alliance network {net.since or '…'} – {net.until or '…'}: {len(net.blocs)} blocs")
    return _save(plt, fig, path)


def _save(plt: Any, fig: Any, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path
