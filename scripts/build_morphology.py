"""Build the tagger's morphology table: HanTa's analyses of common German word forms, computed once.

HanTa analyses every word it has not memorised with a search over its morpheme segmentations (~1 ms a
word, plus the lemma search per chosen tag): on a cold process that is most of the tagging time of an
article. This script runs that analysis ahead of time and writes what the tagger would compute, exactly
(floats kept bit for bit by Python's shortest round-trip repr): per lower-cased form the forward analyses
the tagger can keep (those within HanTa's cutoff for either case; the others it always drops), per form
as written the lemma of each tag the tagger may choose; both as strings parsed when a form is met. Run
time (``lagebild.nlp.tagger``) reads a form here before analysing it; a form not here is analysed as
before. The results do not change: ``tests/test_nlp.py`` checks a sample against a live analysis.

    .venv/bin/python scripts/build_morphology.py   # ~100 s -> src/lagebild/nlp/data/morphology_de.json.gz

Word forms: those seen at least ``--min-count`` times in the raw German LER court decisions, GermEval 2014
dev, SmartData and MobIE (CC BY 4.0). The speed benchmark's corpus (GermEval 2014 test) is never read.
Measured and not shipped: adding wordfreq's 200,000 commonest German forms (``--frequent 200000``; its
data is CC BY-SA 4.0) covers 54% of the forms the shipped table misses on the benchmark and cut the
cold tagger from ~38 to 27 ms an article, but the table grows from 2.8 to 9.7 MB and takes 0.9 s instead
of 0.1 s to load in every worker, so two cold workers gained under one article a second.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections import Counter
from itertools import islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_word_clusters import TAG
from train_ner import CORPORA, SHARED

from lagebild import lang as langdata
from lagebild.nlp.hanta_fast import UNKNOWN, install
from lagebild.nlp.tagger import morphology_path

CUTOFF = 5  # HanTa's cutoff as the tagger calls it (hanta_fast.tag_sent_viterbi)


def forms(min_count: int, limit: int) -> list[str]:
    """Word forms of the German text, commonest first."""
    counts: Counter[str] = Counter()
    for path in sorted((SHARED / "legal_ner_de_ler" / "timex").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = TAG.sub("", line).strip()
            if line and not line.startswith("<"):
                counts.update(line.split())
    for name in ("germeval", "smartdata", "mobie"):  # germeval: the dev split only
        for sentence in CORPORA["de"][name]():
            counts.update(sentence.words)
    common = [w for w, n in counts.most_common() if n >= min_count and any(c.isalpha() for c in w)]
    return common[:limit]


def frequent_forms(limit: int) -> list[str]:
    """The ``limit`` commonest German word forms of wordfreq's large list (lower-cased; web, Wikipedia,
    subtitles, books, news), each also capitalised as nouns and sentence starts are written."""
    import wordfreq  # build time only: pip install wordfreq

    words = [w for w in islice(wordfreq.iter_wordlist("de", "large"), limit) if w.isalpha()]
    return [v for w in words for v in (w, w[:1].upper() + w[1:])]


def kept_analyses(tagger, analyses: list[tuple[int, float]]) -> list[tuple[int, float]]:
    """The analyses the tagger can keep: HanTa's ``_tag_word`` (conditional, cutoff 5) drops every tag
    more than 5 below the best after its case and tag adjustments; a tag dropped for both cases is never
    used, so the table leaves it out (same arithmetic, same order)."""
    def adjusted(tag: int, p: float, upcase: bool) -> float:
        return p if tag == UNKNOWN else p + tagger.LP_case_t[tag][upcase] - tagger.LP_wtag[tag]

    keep = set()
    for upcase in (True, False):
        scores = [(tag, adjusted(tag, p, upcase)) for tag, p in analyses]
        limit = max(q for _, q in scores) - CUTOFF
        keep |= {tag for tag, q in scores if q >= limit}
    return [(tag, p) for tag, p in analyses if tag in keep]


def main() -> None:
    """Analyse the forms and write the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--limit", type=int, default=200_000)
    parser.add_argument("--frequent", type=int, default=0,
                        help="also the N commonest forms of wordfreq's German list (pip install wordfreq)")
    parser.add_argument("--out", type=Path, default=morphology_path("de"))
    args = parser.parse_args()
    t0 = time.perf_counter()
    from HanTa import HanoverTagger as ht

    tagger = install(ht.HanoverTagger(tagger_model_name()))  # without a table: every form analysed live
    words = forms(args.min_count, args.limit)
    if args.frequent:
        words = list(dict.fromkeys(words + frequent_forms(args.frequent)))
    forward: dict[str, str] = {}  # "tag logp tag logp ...", floats as repr (exact)
    lemmas: dict[str, str] = {}  # "tag lemma<TAB>tag lemma ..."
    for n, form in enumerate(words):
        normal = tagger.normalize(form)
        if normal not in tagger.cache and normal not in forward:
            kept = kept_analyses(tagger, tagger.analyze_forward(normal))
            forward[normal] = " ".join(f"{tag} {float(p)!r}" for tag, p in kept)
        chosen = {tag for cs in (True, False)
                  for tag, _ in tagger._tag_word(form, cutoff=CUTOFF, casesensitive=cs, conditional=True)}
        lemmas[form] = "\t".join(f"{tag} {tagger._analyze(form, tag, taglevel=1)[0]}" for tag in sorted(chosen))
        if n % 10_000 == 0:
            print(f"{n}/{len(words)} forms, {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    table = {"model": tagger_model_name(), "tags": list(tagger.int2tag), "forward": forward, "lemmas": lemmas}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.open(args.out, "wt", encoding="utf-8", compresslevel=9) as f:
        json.dump(table, f, ensure_ascii=False, separators=(",", ":"))
    print(f"{len(words)} forms, {len(forward)} forward analyses -> {args.out} "
          f"({args.out.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - t0:.0f} s")


def tagger_model_name() -> str:
    """The HanTa model the table was computed with (nlp.yaml: hanta_model)."""
    return str(langdata.load("de", "nlp")["hanta_model"])


if __name__ == "__main__":
    main()
