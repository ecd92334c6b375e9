"""Quality gate: pinned minimum scores per stage on the development and held-out gold, tied to a hash
of the gold files. Lowering a floor (or changing the gold) needs LAGEBILD_LOWER_FLOORS=1 and an
updated FLOORS entry: regressions cannot slip through unnoticed.

Run alone: `.venv/bin/python -m pytest tests/test_quality_gate.py -q`.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
from datetime import date
from pathlib import Path

import pytest

from lagebild.export import analysis_json
from lagebild.pipeline import default_pipeline
from lagebild.records import RawDocument

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
GOLD = {"seeds": SHARED / "gold" / "seeds", "heldout": ROOT / "benchmarks" / "data" / "heldout",
        "fresh": ROOT / "benchmarks" / "data" / "fresh", "fresh2": ROOT / "benchmarks" / "data" / "fresh2",
        "fresh3": ROOT / "benchmarks" / "data" / "fresh3"}
# Minimum F1 per gold set and measure; measured figures are in the README.
FLOORS = {
    "seeds": {"events": 0.80, "countries": 0.95, "persons": 0.95, "modality": 0.9},
    "heldout": {"events": 0.59, "countries": 0.89, "persons": 0.90, "modality": 0.88},
    "fresh": {"events": 0.51, "countries": 0.90, "persons": 0.90, "modality": 0.90},
    "fresh2": {"events": 0.45, "countries": 0.87, "persons": 0.90, "modality": 0.85},
    "fresh3": {"events": 0.43, "countries": 0.84, "persons": 0.86, "modality": 0.92},
}

PINNED_HASH_FILE = ROOT / "tests" / "quality_gate_gold.sha256"


def gold_hash(folder: Path) -> str:
    """sha256 over the gold files' names and bytes."""
    digest = hashlib.sha256()
    for path in sorted(folder.glob("*.json")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _scorer():
    spec = importlib.util.spec_from_file_location("score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _system_output(folder: Path, out: Path) -> None:
    """`lagebild extract --format jsonl` for a gold folder, in process."""
    lines = []
    for path in sorted(folder.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        pub = gold.get("pub_date")
        raw = RawDocument(text=gold["text"], doc_id=gold["doc_id"], published=date.fromisoformat(pub) if pub else None)
        lines.append(json.dumps(analysis_json(default_pipeline()(raw))))
    out.write_text("\n".join(lines), encoding="utf-8")


@pytest.mark.skipif(not SCORER.exists(), reason="shared/eval/score.py not found next to the repository")
@pytest.mark.parametrize("name", sorted(GOLD))
def test_quality_floor(name, tmp_path):
    folder = GOLD[name]
    pinned = json.loads(PINNED_HASH_FILE.read_text()) if PINNED_HASH_FILE.exists() else {}
    if pinned.get(name) != gold_hash(folder) and not os.environ.get("LAGEBILD_LOWER_FLOORS"):
        pytest.fail(f"the {name} gold changed (hash {gold_hash(folder)[:12]}); re-measure, update the README "
                    f"figures and {PINNED_HASH_FILE.name} with LAGEBILD_LOWER_FLOORS=1")
    system = tmp_path / "system.jsonl"
    _system_output(folder, system)
    result = _scorer().score(folder, system)
    floors = FLOORS[name]
    got = {"events": result["events"]["f1"], "countries": result["countries"]["f1"],
           "persons": result["persons"]["f1"], "modality": result["modality_accuracy_on_matched"] or 0.0}
    below = {k: (got[k], floors[k]) for k in floors if got[k] < floors[k]}
    assert not below, f"{name}: below the floor (got, floor): {below}"
