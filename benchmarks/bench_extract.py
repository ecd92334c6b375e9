"""Speed of `extract`: articles per second, time per stage, peak memory.

    .venv/bin/python benchmarks/bench_extract.py [--lang de] [--workers 2] [--repeat 3]

Corpus: see benchmarks/corpus.py: by default ~180 distinct German articles of ~400 words built from the
GermEval 2014 test sentences (news and Wikipedia), each analysed once; caches start cold.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import sys
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import articles, germeval_articles

from lagebild.config import Settings, load_settings
from lagebild.pipeline import Pipeline, to_document
from lagebild.records import Analysis, RawDocument


def timed_run(pipeline: Pipeline, texts: list[str], lang: str) -> dict[str, float]:
    """Seconds spent in each stage over all texts."""
    spent: dict[str, float] = defaultdict(float)
    for n, text in enumerate(texts):
        analysis = Analysis(document=to_document(RawDocument(text=text, doc_id=f"bench-{n}")))
        for name, fn in pipeline.stages:
            t0 = time.perf_counter()
            analysis = fn(analysis)
            spent[name] += time.perf_counter() - t0
    return spent


def _settings(upto: str | None) -> Settings:
    """Default settings, the stage list cut after ``upto``."""
    values = load_settings().values
    stages = list(values["pipeline"]["stages"])
    if upto:
        stages = stages[:stages.index(upto) + 1]
    return Settings({**values, "pipeline": {"stages": stages}})


def _work(args: tuple[list[str], str | None]) -> int:
    """Worker: analyse a chunk of texts, return the number of events."""
    chunk, upto = args
    pipeline = Pipeline(_settings(upto))
    return sum(len(pipeline(RawDocument(text=t)).events) for t in chunk)


def parallel(texts: list[str], workers: int, upto: str | None) -> float:
    """Articles per second with ``workers`` processes (start-up included)."""
    chunks = [(texts[i::workers], upto) for i in range(workers)]
    t0 = time.perf_counter()
    # spawn, not fork: a forked worker would inherit this process's warm caches
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        list(pool.map(_work, chunks))
    return len(texts) / (time.perf_counter() - t0)


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lang", default="de")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--upto", help="run the stages up to and including this one (e.g. lagebild.tagger.v1)")
    parser.add_argument("--corpus", choices=("pud", "germeval"), default="germeval",
                        help="pud: 21 news articles from UD PUD + seeds; germeval: ~180 distinct articles from GermEval test")
    args = parser.parse_args()
    texts = (germeval_articles() if args.corpus == "germeval" and args.lang == "de" else articles(args.lang)) * args.repeat
    words = sum(len(t.split()) for t in texts)
    pipeline = Pipeline(_settings(args.upto))
    timed_run(pipeline, texts[:2], args.lang)  # warm-up: models and lexicons load once
    t0 = time.perf_counter()
    spent = timed_run(pipeline, texts, args.lang)
    total = time.perf_counter() - t0
    print(f"corpus: {len(texts)} {args.lang} articles, {words / len(texts):.0f} words each on average")
    print(f"one process: {len(texts) / total:.1f} articles/s, {words / total:.0f} words/s")
    for name, seconds in spent.items():
        print(f"  {name:24s} {1000 * seconds / len(texts):7.1f} ms/article  {100 * seconds / total:5.1f}%")
    if args.workers > 1:
        print(f"{args.workers} worker processes: {parallel(texts, args.workers, args.upto):.1f} articles/s (start-up included)")
    print(f"peak memory (this process): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
