"""Benchmark corpora built from the shared reference data (nothing is downloaded).

German news articles: UD German PUD's 500 news sentences (``n...`` ids, CC BY-SA 3.0), grouped into
articles by their ``newdoc`` id and joined to ~400 words, plus the two seed articles. English: the
same PUD documents' English originals (``text_en``).
"""

from __future__ import annotations

import re
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
PUD = SHARED / "data" / "ud_german_pud" / "de_pud-ud-test.conllu"
SEEDS = SHARED / "samples" / "seeds"


def pud_documents(lang: str = "de") -> list[str]:
    """PUD news documents (sentences of one newdoc id joined), in German or English."""
    key = "# text = " if lang == "de" else "# text_en = "
    docs: dict[str, list[str]] = {}
    current = None
    for line in PUD.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newdoc id = "):
            current = line.split("=", 1)[1].strip()
        elif line.startswith(key) and current and current.startswith("n"):
            docs.setdefault(current, []).append(line[len(key):])
    return [" ".join(sents) for sents in docs.values()]


GERMEVAL = SHARED / "data" / "germeval2014_ner" / "NER-de-test.txt"


def germeval_sentences() -> list[str]:
    """The 5,100 GermEval 2014 test sentences (German news and Wikipedia, CC BY 4.0) as text."""
    sentences, words = [], []
    for line in GERMEVAL.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        if not line.strip():
            if words:
                sentences.append(" ".join(words))
            words = []
            continue
        words.append(line.split("\t")[1])
    return sentences


def germeval_articles(words: int = 400) -> list[str]:
    """GermEval sentences joined in order into articles of about ``words`` words (~180 articles)."""
    out, buf, count = [], [], 0
    for sentence in germeval_sentences():
        buf.append(sentence)
        count += len(sentence.split())
        if count >= words:
            out.append(" ".join(buf))
            buf, count = [], 0
    return out


def articles(lang: str = "de", words: int = 400) -> list[str]:
    """News-like articles of about ``words`` words each."""
    out, buf = [], []
    for doc in pud_documents(lang):
        buf.append(doc)
        if sum(len(re.findall(r"\S+", d)) for d in buf) >= words:
            out.append("\n".join(buf))
            buf = []
    if lang == "de":
        out += [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    return out
