"""Event, country and person scores of `lagebild extract` against gold, with shared/eval/score.py.

    .venv/bin/python benchmarks/bench_seeds.py [GOLD_DIR ...]

Default gold: the seeds' dev gold (shared/gold/seeds), the project's held-out articles and the first two
fresh sets (benchmarks/data/heldout, fresh, fresh2: all since used for error analysis) and the third
fresh set (benchmarks/data/fresh3, for measurement only; see their READMEs).
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
DATA = ROOT / "benchmarks" / "data"
DEFAULTS = [SHARED / "gold" / "seeds", DATA / "heldout", DATA / "fresh", DATA / "fresh2", DATA / "fresh3"]


def score(gold: Path) -> dict:
    """Run extract on a gold folder and score it (plus event dates, which score.py leaves out)."""
    lagebild = Path(sys.executable).with_name("lagebild")
    with tempfile.NamedTemporaryFile("w+", suffix=".jsonl", delete=False) as out:
        subprocess.run([str(lagebild), "extract", str(gold), "--format", "jsonl"], stdout=out, check=False)
    result = subprocess.run([sys.executable, str(SCORER), str(gold), out.name, "--json"],
                            capture_output=True, text=True, check=True)
    scores = json.loads(result.stdout)
    scores["dates"] = date_accuracy(gold, Path(out.name))
    return scores


def date_accuracy(gold: Path, system: Path) -> dict:
    """Of the matched events whose gold has a date: how many have the same date at the gold's
    precision ("2024-06" matches a system "2024-06" or "2024-06-12", not "2024")."""
    spec = importlib.util.spec_from_file_location("score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    docs = {d["doc_id"]: d for d in map(json.loads, system.read_text(encoding="utf-8").splitlines()) if d}
    right = total = 0
    for path in sorted(gold.glob("*.json")):
        g = json.loads(path.read_text(encoding="utf-8"))
        for ge, se in module.match_events(g["events"], docs.get(g["doc_id"], {}).get("events", [])):
            if ge.get("date"):
                total += 1
                right += bool(se.get("date")) and str(se["date"]).startswith(str(ge["date"]))
    return {"right": right, "total": total}


def main() -> None:
    """Print the scores per gold folder."""
    folders = [Path(a) for a in sys.argv[1:]] or [d for d in DEFAULTS if d.is_dir()]
    for gold in folders:
        r = score(gold)
        print(f"{gold.relative_to(gold.parents[1])}: {r['documents']} documents")
        for key in ("events", "events_untyped", "countries", "persons"):
            s = r[key]
            print(f"  {key:15s} P={s['precision']:.3f} R={s['recall']:.3f} F1={s['f1']:.3f}  "
                  f"(tp={s['tp']} system={s['system']} gold={s['gold']})")
        print(f"  modality accuracy on matched events: {r['modality_accuracy_on_matched']}")
        d = r["dates"]
        print(f"  dates right at the gold precision, matched events with a gold date: {d['right']}/{d['total']}")


if __name__ == "__main__":
    main()
