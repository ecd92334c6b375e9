"""Trends, networks, bloc shifts and briefings as text, CSV, GraphML or GEXF (for the command line)."""

from __future__ import annotations

import csv
import io
from typing import Any

from lagebild.picture.blocs import BlocShift
from lagebild.picture.brief import Briefing
from lagebild.picture.dyad import DyadTrend
from lagebild.picture.network import Network
from lagebild.picture.ontology import plover

QUAD_SHORT = {"verbal_cooperation": "vcoop", "material_cooperation": "mcoop",
              "verbal_conflict": "vconf", "material_conflict": "mconf"}


def _score(value: float | None) -> str:
    return f"{value:+.2f}" if value is not None else "  -  "


def trend_text(trend: DyadTrend) -> str:
    """One line per period: counts per quad, score, directions."""
    quads = plover().quads
    head = f"{'period':10} " + " ".join(f"{QUAD_SHORT.get(q, q):>5}" for q in quads) + "  score  a>b  b>a  both"
    lines = [f"{trend.a} - {trend.b} by {trend.by}: {trend.overall.events} events, score {_score(trend.overall.score)}",
             head]
    for p in trend.points:
        counts = " ".join(f"{p.quads.get(q, 0):5}" for q in quads)
        extra = f"  ({p.negated} negated)" if p.negated else ""
        lines.append(f"{p.period:10} {counts}  {_score(p.score)} {p.forward:4} {p.backward:4} {p.mutual:5}{extra}")
    return "\n".join(lines)


def trend_csv(trend: DyadTrend) -> str:
    """period, start, one column per quad, score, count, negated, hypothetical, directions, event ids."""
    quads = plover().quads
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["period", "start", *quads, "score", "count", "negated", "hypothetical", "forward",
                     "backward", "mutual", "events"])
    for p in trend.points:
        writer.writerow([p.period, p.start.isoformat(), *(p.quads.get(q, 0) for q in quads),
                         "" if p.score is None else p.score, p.count, p.negated, p.hypothetical, p.forward,
                         p.backward, p.mutual, " ".join(map(str, p.events))])
    return out.getvalue()


def network_text(net: Network, top: int = 15) -> str:
    """Blocs with their members, then the strongest cooperation and conflict edges."""
    lines = [(f"network {net.since or '...'} - {net.until or '...'}: {len(net.nodes)} actors, "
             f"{len(net.edges)} relations, {len(net.blocs)} blocs")]
    for i, members in enumerate(net.blocs):
        shown = ", ".join(members[:25]) + (f", ... (+{len(members) - 25})" if len(members) > 25 else "")
        lines.append(f"  bloc {i}: {shown}")
    for title, edges in (("cooperation", sorted(net.edges, key=lambda e: -e.weight)[:top]),
                         ("conflict", sorted(net.edges, key=lambda e: e.weight)[:top])):
        lines.append(f"strongest {title}:")
        lines += [f"  {e.a}-{e.b}  weight {e.weight:+.1f}  score {_score(e.score)}  {e.events} events"
                  for e in edges if (e.weight > 0) == (title == "cooperation") and e.weight]
    return "\n".join(lines)


def shift_text(shift: BlocShift) -> str:
    """How blocs moved between two windows."""
    lines = [f"bloc agreement (adjusted Rand): {shift.agreement:.2f}"]
    for m in shift.matches:
        target = f"bloc {m.after}" if m.after is not None else "no bloc"
        lines.append(f"  bloc {m.before} -> {target} (Jaccard {m.jaccard:.2f})"
                     + (f"; left: {', '.join(m.left)}" if m.left else "")
                     + (f"; joined: {', '.join(m.joined)}" if m.joined else ""))
    lines += [f"  moved: {a} bloc {x} -> bloc {y}" for a, x, y in shift.moved]
    if shift.appeared:
        lines.append(f"  new: {', '.join(shift.appeared)}")
    if shift.disappeared:
        lines.append(f"  gone: {', '.join(shift.disappeared)}")
    return "\n".join(lines)


def network_graph(net: Network) -> Any:
    """The network as a networkx Graph (node: bloc, events, strength; edge: weight, score, events, sign)."""
    try:
        import networkx as nx
    except ImportError as exc:
        raise ImportError("GraphML/GEXF export needs networkx: pip install 'lagebild[picture]'") from exc
    graph = nx.Graph(since=str(net.since or ""), until=str(net.until or ""))
    for n in net.nodes:
        graph.add_node(n.id, bloc=n.bloc, events=n.events, strength=n.strength, degree=n.degree)
    for e in net.edges:
        graph.add_edge(e.a, e.b, weight=e.weight, score=e.score if e.score is not None else 0.0,
                       events=e.events, sign=1 if e.weight >= 0 else -1)
    return graph


def network_markup(net: Network, fmt: str) -> str:
    """GraphML or GEXF text of the network."""
    import networkx as nx

    graph = network_graph(net)
    lines = nx.generate_graphml(graph) if fmt == "graphml" else nx.generate_gexf(graph)
    return "\n".join(lines) + "\n"


def brief_text(b: Briefing) -> str:
    """The briefing as a short report."""
    lines = [(f"briefing {b.since} - {b.until} (vs {b.previous_since} - {b.previous_until}): "
             f"{b.events} events (before: {b.events_before})")]
    lines.append("new dyads:" if b.new_dyads else "new dyads: none")
    lines += [f"  {d.a}-{d.b}: {d.events_now} events, score {_score(d.now)}" for d in b.new_dyads]
    lines.append("biggest shifts:" if b.shifts else "biggest shifts: none")
    lines += [f"  {d.a}-{d.b}: {_score(d.before)} -> {_score(d.now)} ({d.shift:+.2f}; "
              f"{d.events_before} -> {d.events_now} events)" for d in b.shifts]
    lines.append("new actors: " + (", ".join(f"{a} ({n})" for a, n in b.new_actors) or "none"))
    lines.append("most intense events:" if b.top_events else "most intense events: none")
    lines += [f"  {e.day} {e.type}{'/' + e.mode if e.mode else ''} {','.join(e.actors)} -> "
              f"{','.join(e.recipients) or '-'}  {e.score:+.1f}{'  (hypothetical)' if e.hypothetical else ''}"
              f"  [{e.doc_id} #{e.event_id}]" for e in b.top_events]
    lines.append("disputed claims:" if b.disputed else "disputed claims: none")
    for d in b.disputed:
        claims = "; ".join(f"{doc} says {'not ' if neg else ''}{'maybe ' if hyp else ''}happened"
                           for doc, _, neg, hyp in d.claims)
        lines.append(f"  {d.type} {','.join(d.actors)} -> {','.join(d.recipients) or '-'}: {claims}")
    return "\n".join(lines)
