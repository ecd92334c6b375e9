"""Build the word-cluster tables of the name tagger from unlabelled text in shared/data.

Each word seen at least ``--min-count`` times gets a bit string (a path in a binary tree of word classes,
like Brown clusters), a frequency band (log2 count) and a lower-case band (how often its lower-case
form is written inside a sentence: "Europäische" 2, "Siemens" 0). The classes come from distributional
vectors: counts of the words at positions -2, -1, +1, +2 among the commonest context words, weighted by
PPMI, reduced to 100 dimensions by truncated SVD, then split recursively with spherical 2-means. Words with similar
neighbours ("Hamburg", "Karlsruhe", "Dresden") share long prefixes. Run time reads the tables through
``lagebild.nlp.ner`` (prefixes of 4, 8 and 12 bits as CRF features).

No table is shipped: on held-out GermEval dev the German model gained only +0.006 micro F1 with one
(within noise; GermEval test +0.001, Europarl de -0.015) and the English one lost (held-out GUM 0.595 vs
0.633); see NER_SOURCES.md. To try one (output to data/ner_<lang>_clusters.tsv.gz without ``--out``,
which train_ner.py and run time then pick up)::

    .venv/bin/python scripts/build_word_clusters.py --lang de --out /tmp/de_clusters.tsv.gz   # ~30 s, ~1 GB

Text used (words only, no labels): the raw German LER court decisions (66,723 sentences) and the German
corpora of ``train_ner.py`` (GermEval 2014 dev, UNER/UD German-PUD, SmartData, MobIE, HIPE, Europeana);
English: GUM Wikinews, the English PUD originals and the 4,500 synthetic NGEC stories. The benchmark
test sets (GermEval 2014 test, Europarl) are never read.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import math
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.sparse.linalg import svds
from train_ner import CORPORA, OUT, SHARED  # scripts/ is on the path when run as a script

from lagebild.nlp import split_sentences

OFFSETS = (-2, -1, 1, 2)
TAG = re.compile(r"<[^>]+>")


def german() -> Iterator[list[str]]:
    """German sentences: the raw LER court decisions and the German training corpora of train_ner."""
    for path in sorted((SHARED / "legal_ner_de_ler" / "timex").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = TAG.sub("", line).strip()
            if line and not line.startswith("<"):
                yield line.split()
    for name in ("germeval", "uner", "smartdata", "mobie", "hipe", "europeana"):  # germeval: dev only
        yield from (s.words for s in CORPORA["de"][name]())


def english() -> Iterator[list[str]]:
    """English sentences: GUM Wikinews, English PUD originals, synthetic NGEC stories."""
    for name in ("gum", "pud_en"):
        yield from (s.words for s in CORPORA["en"][name]())
    csv.field_size_limit(10 ** 8)
    path = SHARED / "ngec_plover_assets" / "gpt_synthetic_events_2023-10-19_19.csv.gz"
    with gzip.open(path, "rb") as f:
        for row in csv.DictReader(io.TextIOWrapper(f, encoding="utf-8")):
            sentences, tokens = split_sentences(row["text"], "en")
            yield from ([t.text for t in tokens[s.token_start:s.token_end]] for s in sentences)


def cooccurrence(sents: list[list[str]], vocab: dict[str, int], contexts: dict[str, int]) -> sparse.csr_matrix:
    """Counts of (word, offset, context word), one column per offset and context word."""
    rows, cols = [], []
    n_ctx = len(contexts)
    for sent in sents:
        ids = [vocab.get(w, -1) for w in sent]
        ctx = [contexts.get(w.lower(), -1) for w in sent]
        for i, wid in enumerate(ids):
            if wid < 0:
                continue
            for k, d in enumerate(OFFSETS):
                j = i + d
                if 0 <= j < len(sent) and ctx[j] >= 0:
                    rows.append(wid)
                    cols.append(k * n_ctx + ctx[j])
    data = np.ones(len(rows), dtype=np.float32)
    return sparse.csr_matrix((data, (rows, cols)), shape=(len(vocab), len(OFFSETS) * n_ctx))


def ppmi(counts: sparse.csr_matrix, alpha: float = 0.75) -> sparse.csr_matrix:
    """Positive pointwise mutual information with smoothed context probabilities."""
    counts = counts.tocoo()
    total = counts.sum()
    row = np.asarray(counts.sum(axis=1)).ravel()
    col = np.asarray(counts.sum(axis=0)).ravel() ** alpha
    col /= col.sum()
    pmi = np.log(counts.data / total / (row[counts.row] / total) / col[counts.col])
    keep = pmi > 0
    return sparse.csr_matrix((pmi[keep], (counts.row[keep], counts.col[keep])), shape=counts.shape)


def vectors(matrix: sparse.csr_matrix, dims: int) -> np.ndarray:
    """Unit-length rows of the truncated SVD (singular values square-rooted)."""
    u, s, _ = svds(matrix.astype(np.float64), k=dims, random_state=0)
    vec = u * np.sqrt(s)
    return vec / np.maximum(np.linalg.norm(vec, axis=1, keepdims=True), 1e-9)


def two_means(vec: np.ndarray, rng: np.random.Generator, iters: int = 12) -> np.ndarray:
    """Spherical 2-means: a boolean side per row."""
    centres = vec[rng.choice(len(vec), 2, replace=False)]
    side = np.zeros(len(vec), dtype=bool)
    for _ in range(iters):
        side = vec @ centres[1] > vec @ centres[0]
        if side.all() or not side.any():
            break
        centres = np.stack([vec[~side].mean(axis=0), vec[side].mean(axis=0)])
    return side


def bit_paths(vec: np.ndarray, depth: int, min_size: int) -> list[str]:
    """Bit string per row from recursive 2-means splits (a node of < ``min_size`` rows is a leaf)."""
    paths = [""] * len(vec)
    rng = np.random.default_rng(0)
    stack = [(np.arange(len(vec)), "")]
    while stack:
        idx, prefix = stack.pop()
        if len(prefix) >= depth or len(idx) < min_size:
            for i in idx:
                paths[i] = prefix
            continue
        side = two_means(vec[idx], rng)
        if side.all() or not side.any():
            side = np.arange(len(idx)) % 2 == 1
        stack += [(idx[~side], prefix + "0"), (idx[side], prefix + "1")]
    return paths


def lower_case_bands(sents: list[list[str]]) -> dict[str, str]:
    """Lower-cased word -> how often it is written in lower case inside a sentence (not first): "0" never,
    "1" < 5%, "2" < 50%, "3" mostly. German "europäische" -> "3", "merkel" -> "0"."""
    total: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    for sent in sents:
        for w in sent[1:]:
            if w[:1].isalpha():
                total[w.lower()] += 1
                lower[w.lower()] += w[:1].islower()
    return {w: "0" if not lower[w] else "1" if lower[w] < 0.05 * n else "2" if lower[w] < 0.5 * n else "3"
            for w, n in total.items()}


def build(lang: str, min_count: int, n_contexts: int, dims: int, depth: int) -> list[tuple[str, str, int, str]]:
    """(word, bit string, count, lower-case band) for every word seen ``min_count`` times."""
    t = time.time()
    sents = list(german() if lang == "de" else english())
    counts = Counter(w for s in sents for w in s)
    print(f"{lang}: {len(sents)} sentences, {sum(counts.values())} tokens ({time.time() - t:.0f}s)", file=sys.stderr)
    words = sorted((w for w, c in counts.items() if c >= min_count), key=lambda w: (-counts[w], w))
    vocab = {w: i for i, w in enumerate(words)}
    lower = Counter()
    for w, c in counts.items():
        lower[w.lower()] += c
    contexts = {w: i for i, (w, _) in enumerate(sorted(lower.items(), key=lambda x: (-x[1], x[0]))[:n_contexts])}
    vec = vectors(ppmi(cooccurrence(sents, vocab, contexts)), dims)
    paths = bit_paths(vec, depth, min_size=4)
    print(f"{lang}: {len(words)} words clustered ({time.time() - t:.0f}s)", file=sys.stderr)
    bands = lower_case_bands(sents)
    return [(w, p, counts[w], bands.get(w.lower(), "?")) for w, p in zip(words, paths)]


def write(rows: list[tuple[str, str, int, str]], path: Path) -> None:
    """Gzipped TSV ``word<TAB>bits<TAB>log2 count<TAB>lower-case band``, sorted by word, with a header."""
    lines = [f"{w}\t{p}\t{int(math.log2(c))}\t{band}" for w, p, c, band in sorted(rows)]
    head = "# word clusters for the name tagger; built by scripts/build_word_clusters.py (see NER_SOURCES.md)\n"
    with path.open("wb") as raw, gzip.GzipFile("", "wb", fileobj=raw, mtime=0) as f:  # byte-reproducible
        f.write((head + "\n".join(lines) + "\n").encode("utf-8"))


def main() -> None:
    """Command line."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lang", choices=["de", "en"], required=True)
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--contexts", type=int, default=2000, help="commonest (lower-cased) context words")
    ap.add_argument("--dims", type=int, default=100)
    ap.add_argument("--depth", type=int, default=16, help="longest bit string")
    ap.add_argument("--out", help="output path (default: data/ner_<lang>_clusters.tsv.gz)")
    args = ap.parse_args()
    rows = build(args.lang, args.min_count, args.contexts, args.dims, args.depth)
    path = Path(args.out) if args.out else OUT / f"ner_{args.lang}_clusters.tsv.gz"
    write(rows, path)
    print(f"-> {path} ({path.stat().st_size / 1e6:.1f} MB)", file=sys.stderr)


if __name__ == "__main__":
    main()
