"""Benchmark the time stage on the held-out table benchmarks/data/timex_de_en.jsonl.

Runs ``time_batch`` on every line and scores it with the project's shared scorer
(``shared/eval/score_time.py``: extraction P/R/F1 on overlapping spans, value accuracy on matched
expressions), overall and per language, then times the stage in expressions per second.

    .venv/bin/python benchmarks/bench_time.py [--gold PATH] [--scorer PATH] [--errors] [--smartdata]
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

from lagebild.time import time_batch

HERE = Path(__file__).resolve().parent
DEFAULT_GOLD = HERE / "data" / "timex_de_en.jsonl"
SCORER_CANDIDATES = [HERE.parent.parent / "shared" / "eval" / "score_time.py",
                     Path("/work/shared/eval/score_time.py")]
SMARTDATA_CANDIDATES = [HERE.parent.parent / "shared" / "data" / "smartdata_ner_de",
                        Path("/work/shared/data/smartdata_ner_de")]


def load_scorer(path: Path | None) -> ModuleType | None:
    """Import score_time.py by path, None when it is not there."""
    for candidate in [path] if path else SCORER_CANDIDATES:
        if candidate.is_file():
            spec = importlib.util.spec_from_file_location("score_time", candidate)
            assert spec and spec.loader
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            return module
    return None


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Rows of a JSON-lines file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def write_jsonl(rows: list[dict[str, Any]], path: Path) -> None:
    """Write rows as JSON lines."""
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def score_subset(scorer: ModuleType, gold: list[dict[str, Any]], system: list[dict[str, Any]], tmp: Path,
                 name: str) -> dict[str, Any]:
    """Score one subset of the table through the shared scorer's files interface."""
    ids = {g["id"] for g in gold}
    write_jsonl(gold, tmp / f"{name}.gold.jsonl")
    write_jsonl([s for s in system if s["id"] in ids], tmp / f"{name}.sys.jsonl")
    return scorer.score(tmp / f"{name}.gold.jsonl", tmp / f"{name}.sys.jsonl")


def speed(gold: list[dict[str, Any]], repeat: int) -> tuple[float, float]:
    """Expressions and sentences per second: the best of ``repeat`` passes (after a warm-up pass)."""
    n_expr = sum(len(row["timex"]) for row in time_batch(gold))
    best = float("inf")
    for _ in range(repeat):
        began = time.perf_counter()
        for _row in time_batch(gold):
            pass
        best = min(best, time.perf_counter() - began)
    return n_expr / best, len(gold) / best


def read_smartdata(folder: Path) -> list[dict[str, Any]]:
    """News documents of the DFKI SmartData corpus (v1 JSON: concatenated objects, gzip)."""
    decoder, docs = json.JSONDecoder(), []
    for path in sorted(folder.glob("v1_*.json.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            raw = handle.read()
        i = 0
        while True:
            i += len(raw[i:]) - len(raw[i:].lstrip())
            if i >= len(raw):
                break
            doc, i = decoder.raw_decode(raw, i)
            if 'featureValue="news"' in doc["raw"]:
                docs.append(doc)
    return docs


def smartdata_recall(folder: Path) -> None:
    """Recall of the human "date" mentions of SmartData's German news (an outside annotation of real news)."""
    from lagebild.time import find_timexes
    gold = found = system = 0
    for doc in read_smartdata(folder):
        text, mentions = doc["text"]["string"], doc["conceptMentions"]["array"]
        spans = [(m["span"]["start"], m["span"]["end"]) for m in mentions if m["type"] == "date"]
        timexes = find_timexes(text, "de", date.fromisoformat(doc["date"]["string"][:10]))
        gold, system = gold + len(spans), system + len(timexes)
        found += sum(any(t.start < b and a < t.end for t in timexes) for a, b in spans)
    print(f"SmartData German news (dev check, not the table): {gold} human date mentions, "
          f"recall {found / max(gold, 1):.3f}; system found {system} expressions "
          "(SmartData leaves many dates unannotated, so no precision)")


def print_errors(gold: list[dict[str, Any]], system: list[dict[str, Any]]) -> None:
    """Lines where the system's output differs from the gold (text and value)."""
    by_id = {s["id"]: s["timex"] for s in system}
    for g in gold:
        want = [(t["text"], t["value"], t.get("mod")) for t in g["timex"]]
        got = [(t["text"], t["value"], t.get("mod")) for t in by_id[g["id"]]]
        if want != got:
            print(f"{g['id']} {g['reference_date']} {g['sentence']}\n   gold {want}\n   sys  {got}")


def main(argv: list[str]) -> int:
    """Score and time the stage; print one line per language."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--scorer", type=Path, default=None)
    parser.add_argument("--errors", action="store_true", help="list the lines that differ from the gold")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--smartdata", action="store_true",
                        help="also report recall on shared/data/smartdata_ner_de news, when present")
    args = parser.parse_args(argv)
    gold = read_jsonl(args.gold)
    system = list(time_batch(gold))
    scorer = load_scorer(args.scorer)
    if scorer is None:
        print("score_time.py not found (looked in shared/eval/); no scores, timing only")
    else:
        with tempfile.TemporaryDirectory() as tmp:
            for lang in ["all", *sorted({g["lang"] for g in gold})]:
                subset = [g for g in gold if lang in ("all", g["lang"])]
                r = score_subset(scorer, subset, system, Path(tmp), lang)
                e = r["extraction"]
                print(f"{lang:>3}: lines {len(subset):3d}  gold {e['gold']:3d}  system {e['system']:3d}  "
                      f"P {e['precision']:.3f}  R {e['recall']:.3f}  F1 {e['f1']:.3f}  "
                      f"value acc {r['value_accuracy_on_matched']:.3f}  "
                      f"value+mod acc {r['value_and_mod_accuracy_on_matched']:.3f}  "
                      f"value recall {r['value_recall']:.3f}")
    expr_s, sent_s = speed(gold, args.repeat)
    print(f"speed: {expr_s:,.0f} expressions/s, {sent_s:,.0f} sentences/s (one core, best of {args.repeat} passes)")
    folder = next((f for f in SMARTDATA_CANDIDATES if f.is_dir()), None)
    if args.smartdata:
        smartdata_recall(folder) if folder else print("SmartData corpus not found; skipped")
    if args.errors:
        print_errors(gold, system)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
