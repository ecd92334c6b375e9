"""Quality and speed of the name tagger (`lagebild.nlp.ner.tag_names`) on held-out gold sets.

    .venv/bin/python benchmarks/bench_ner.py [--limit N] [--sets germeval europarl_de europarl_en]

Sets: GermEval 2014 test (5,100 sentences, outer spans), Europarl NER test in German and English
(799 sentences each). None of them is used in training (see src/lagebild/nlp/data/NER_SOURCES.md).
Scoring: exact span match of outer PER/LOC/ORG spans; MISC (GermEval OTH, *deriv, *part) ignored on both
sides. Each sentence's gold tokens are used as given, tagged with the run-time `tag_tokens`.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lagebild.nlp import tag_tokens
from lagebild.nlp.ner import spans_from_labels, tag_names
from lagebild.records import Token

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
SCORED = ("PER", "LOC", "ORG")
SETS = {  # name -> (lang, path, token column, label column)
    "germeval": ("de", DATA / "germeval2014_ner" / "NER-de-test.txt", 1, 2),
    "europarl_de": ("de", DATA / "europarl_ner_de_en" / "de-europarl.test.conll02", 0, 1),
    "europarl_en": ("en", DATA / "europarl_ner_de_en" / "en-europarl.test.conll02", 0, 1),
}


@dataclass
class Result:
    """Counts per type (true positives, predicted, gold) and timing of one gold set."""

    counts: dict[str, list[int]]
    sentences: int
    seconds_tagging: float
    seconds_ner: float
    tokens: int = 0

    def prf(self, typ: str) -> tuple[float, float, float]:
        """Precision, recall, F1 of ``typ`` ("micro" for all)."""
        tp, n_pred, n_gold = self.counts[typ]
        p, r = tp / max(n_pred, 1), tp / max(n_gold, 1)
        return p, r, 2 * p * r / max(p + r, 1e-9)


def gold_type(label: str) -> str:
    """Scored type of a gold label (``B-LOC`` -> LOC); everything else (OTH, LOCderiv, MISC) -> MISC."""
    return label[2:] if label[2:] in SCORED else "MISC"


def read_gold(path: Path, word_col: int, label_col: int) -> Iterator[tuple[list[str], list[str]]]:
    """(words, BIO labels) per blank-line separated sentence; labels mapped with :func:`gold_type`."""
    rows: list[list[str]] = []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.strip():
            rows.append(line.split("\t"))
        elif rows:
            yield [r[word_col] for r in rows], [r[label_col][:2] + gold_type(r[label_col])
                                                if r[label_col] != "O" else "O" for r in rows]
            rows = []


def as_tokens(words: list[str]) -> tuple[Token, ...]:
    """Gold words as Tokens with offsets into the words joined by single spaces."""
    out, pos = [], 0
    for i, word in enumerate(words):
        out.append(Token(i, 0, pos, pos + len(word), word))
        pos += len(word) + 1
    return tuple(out)


def evaluate(name: str, limit: int | None = None) -> Result:
    """Tag one gold set and count exact outer-span matches of PER/LOC/ORG."""
    lang, path, word_col, label_col = SETS[name]
    result = Result({t: [0, 0, 0] for t in (*SCORED, "micro")}, 0, 0.0, 0.0)
    for words, labels in read_gold(path, word_col, label_col):
        if limit is not None and result.sentences >= limit:
            break
        t0 = time.perf_counter()
        tokens = tag_tokens(as_tokens(words), lang)
        t1 = time.perf_counter()
        pred = {(s.first, s.last, s.type) for s in tag_names(tokens, lang) if s.type in SCORED}
        result.seconds_tagging += t1 - t0
        result.seconds_ner += time.perf_counter() - t1
        gold = {s for s in spans_from_labels(labels) if s[2] in SCORED}
        for typ in (*SCORED, "micro"):
            g = {s for s in gold if typ in (s[2], "micro")}
            p = {s for s in pred if typ in (s[2], "micro")}
            result.counts[typ] = [a + b for a, b in zip(result.counts[typ], (len(g & p), len(p), len(g)))]
        result.sentences += 1
        result.tokens += len(words)
    return result


def report(name: str, result: Result) -> None:
    """Print the figures of one gold set."""
    print(f"\n{name} ({SETS[name][0]}, {result.sentences} sentences)")
    print(f"  {'type':6} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}")
    for typ in (*SCORED, "micro"):
        p, r, f = result.prf(typ)
        print(f"  {typ:6} {p:6.3f} {r:6.3f} {f:6.3f} {result.counts[typ][2]:6d}")
    total = result.seconds_tagging + result.seconds_ner
    print(f"  speed: {result.sentences / max(total, 1e-9):.0f} sentences/s with tag_tokens; names alone "
          f"{1000 * result.seconds_ner / max(result.sentences, 1):.2f} ms/sentence, "
          f"{400_000 * result.seconds_ner / max(result.tokens, 1):.1f} ms per 400 tokens")


def main() -> None:
    """Command line."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, help="only the first N sentences of each set")
    ap.add_argument("--sets", nargs="*", choices=sorted(SETS), default=list(SETS))
    args = ap.parse_args()
    for name in args.sets:
        report(name, evaluate(name, args.limit))


if __name__ == "__main__":
    main()
