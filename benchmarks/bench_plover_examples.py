"""Event-type accuracy on PLOVER's 322 English gold example sentences.

    .venv/bin/python benchmarks/bench_plover_examples.py [--show-errors]

The examples use older labels; they are mapped as FINDINGS.md says (DEMAND -> REQUEST,
FIGHT -> ASSAULT, DISAPPROVE/INVESTIGATE -> ACCUSE). lagebild is not trained on these sentences (its
English lexicon is written by hand and from PETRARCH's verb patterns), so all 322 are held out.
A sentence counts as right when one of the events lagebild codes has the gold type; "coverage" is the
share of sentences with any event at all.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

from lagebild.pipeline import Pipeline
from lagebild.records import RawDocument

GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "plover_ontology" / "PLOVER_GSR_CAMEO.txt"
OLD_LABELS = {"DEMAND": "REQUEST", "FIGHT": "ASSAULT", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE"}


def examples() -> list[dict]:
    """The gold records with a text and an event type (the DOCUMENT header left out)."""
    raw = GOLD.read_text(encoding="utf-8")
    records = json.loads(re.sub(r",\s*]\s*$", "]", raw))
    return [r for r in records if r.get("text") and r.get("event") not in (None, "DOCUMENT")]


def main() -> None:
    """Print accuracy per type."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--show-errors", action="store_true")
    args = parser.parse_args()
    pipeline = Pipeline()
    right, total, covered = Counter(), Counter(), Counter()
    confusion: dict[str, Counter] = defaultdict(Counter)
    for rec in examples():
        gold = OLD_LABELS.get(rec["event"], rec["event"])
        when = date.fromisoformat(rec["date"]) if rec.get("date") else None
        analysis = pipeline(RawDocument(text=rec["text"], lang="en", published=when, doc_id=rec["id"]))
        types = [e.event for e in analysis.events]
        total[gold] += 1
        covered[gold] += bool(types)
        right[gold] += gold in types
        confusion[gold][types[0] if types else "-"] += 1
        if args.show_errors and gold not in types:
            print(f"{gold:10s} got {types or '-'}: {rec['text']}", file=sys.stderr)
    n = sum(total.values())
    print(f"PLOVER English examples: {n} sentences")
    print(f"type accuracy (gold type among coded events): {sum(right.values()) / n:.3f}")
    print(f"coverage (any event coded): {sum(covered.values()) / n:.3f}")
    print(f"{'type':10s} {'n':>4s} {'acc':>6s} {'cov':>6s}  most frequent first answer")
    for t in sorted(total):
        top = ", ".join(f"{k}:{v}" for k, v in confusion[t].most_common(3))
        print(f"{t:10s} {total[t]:4d} {right[t] / total[t]:6.2f} {covered[t] / total[t]:6.2f}  {top}")


if __name__ == "__main__":
    main()
