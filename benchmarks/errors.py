"""Error analysis: gold events with the system's best match, and the system's unmatched events.

    .venv/bin/python benchmarks/errors.py GOLD_DIR [DOC_ID ...]
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

from lagebild.export import analysis_json
from lagebild.pipeline import default_pipeline
from lagebild.records import RawDocument

SCORER = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "score.py"


def _scorer():
    """shared/eval/score.py as a module."""
    spec = importlib.util.spec_from_file_location("score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    """Print per-document misses and false alarms."""
    score = _scorer()
    gold_dir = Path(sys.argv[1])
    wanted = set(sys.argv[2:])
    from datetime import date
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if wanted and gold["doc_id"] not in wanted:
            continue
        pub = gold.get("pub_date")
        raw = RawDocument(text=gold["text"], doc_id=gold["doc_id"], published=date.fromisoformat(pub) if pub else None)
        out = analysis_json(default_pipeline()(raw))
        pairs = score.match_events(gold["events"], out["events"])
        matched_gold = {id(g) for g, _ in pairs}
        matched_sys = {id(s) for _, s in pairs}
        print(f"=== {gold['doc_id']}  ({len(pairs)}/{len(gold['events'])} gold, {len(out['events'])} system)")
        for g in gold["events"]:
            if id(g) not in matched_gold:
                print(f"  MISS {g['type']:9s} {g['actors']} -> {g['recipients']}  neg={g['negated']} hyp={g['hypothetical']}  | {g['quote'][:110]}")
        for s in out["events"]:
            if id(s) not in matched_sys:
                actors, recipients = ([a.get("country") or a.get("code") for a in s[side]] for side in ("actor", "recipient"))
                print(f"  FALSE {s['event']:9s} {actors} -> {recipients}  | {s['evidence']['text'][:110]}")


if __name__ == "__main__":
    main()
