"""Event, country and person scores of `lagebild extract` against gold, with shared/eval/score.py.

    .venv/bin/python benchmarks/bench_seeds.py [GOLD_DIR ...]

Default gold: the seeds' dev gold (shared/gold/seeds) and the project's held-out articles
(benchmarks/data/heldout, written for evaluation only, see its README).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
DEFAULTS = [SHARED / "gold" / "seeds", ROOT / "benchmarks" / "data" / "heldout"]


def score(gold: Path) -> dict:
    """Run extract on a gold folder and score it."""
    lagebild = Path(sys.executable).with_name("lagebild")
    with tempfile.NamedTemporaryFile("w+", suffix=".jsonl", delete=False) as out:
        subprocess.run([str(lagebild), "extract", str(gold), "--format", "jsonl"], stdout=out, check=False)
    result = subprocess.run([sys.executable, str(SCORER), str(gold), out.name, "--json"],
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


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


if __name__ == "__main__":
    main()
