"""Names (PER, LOC, ORG, MISC) with a small trained CRF per language (python-crfsuite).

The models ``data/ner_<lang>.crfsuite`` and their gazetteers ``data/ner_<lang>_gazetteer.tsv`` are built by
``scripts/train_ner.py`` from the public corpora listed in ``data/NER_SOURCES.md``. Training and run time
share :func:`sentence_features`, so a model sees the same features (word, shape, affixes, HanTa POS of
the token and its neighbours, gazetteer cues) in both. A language without a model gets no names.

Example: "Bundeskanzler Friedrich Merz traf in Paris ..." -> PER "Friedrich Merz" (tokens 1-2), LOC "Paris".
"""

from __future__ import annotations

import gzip
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

from lagebild.records import Token

log = logging.getLogger(__name__)

NameType = Literal["PER", "LOC", "ORG", "MISC"]
TYPES: tuple[str, ...] = ("PER", "LOC", "ORG", "MISC")
MAX_GAZ_LEN = 6  # longest gazetteer entry, in tokens
DOMAIN = "news"  # the domain whose feature copies run time uses (see sentence_features)
_SHAPE_RUNS = re.compile(r"(.)\1+")


@dataclass(frozen=True, slots=True)
class NameSpan:
    """A name: token indices ``first``..``last`` (inclusive) into the given tokens, character span, type.

    ``score`` is the lowest per-token marginal probability of the span's labels under the CRF.
    """

    first: int
    last: int
    start: int
    end: int
    type: NameType
    score: float


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Cues from the training data: names (token tuple -> type) and words (token -> "PER:hi" ...).

    A word cue says which type a word mostly belongs to when it is part of a name and how often it is:
    "hi" in at least 60% of its occurrences, "lo" in 20-60% ("Friedrich" -> "PER:hi"); other capitalised
    words seen in training are "O" ("Bundeskanzler"), and a word never seen gets "?".
    """

    names: dict[tuple[str, ...], str]
    longest: dict[str, int]
    words: dict[str, str]

    @classmethod
    def from_entries(cls, entries: dict[tuple[str, ...], str], words: dict[str, str] | None = None) -> Gazetteer:
        """Index ``entries`` (token tuple -> type) for longest-match lookup."""
        longest: dict[str, int] = {}
        for key in entries:
            longest[key[0]] = max(longest.get(key[0], 0), len(key))
        return cls(dict(entries), longest, dict(words or {}))

    def match(self, words: Sequence[str]) -> list[str]:
        """BIO gazetteer labels for ``words``: the longest entry wins, left to right."""
        labels = ["O"] * len(words)
        i = 0
        while i < len(words):
            n = self._longest_at(words, i)
            if n:
                typ = self.names[tuple(words[i:i + n])]
                labels[i:i + n] = [f"B-{typ}"] + [f"I-{typ}"] * (n - 1)
            i += max(n, 1)
        return labels

    def _longest_at(self, words: Sequence[str], i: int) -> int:
        """Length of the longest entry starting at ``words[i]``, 0 when none."""
        for n in range(min(self.longest.get(words[i], 0), len(words) - i), 0, -1):
            if tuple(words[i:i + n]) in self.names:
                return n
        return 0


@dataclass(frozen=True, slots=True)
class WordClasses:
    """Distributional word classes (``data/ner_<lang>_clusters.tsv.gz``, built by
    ``scripts/build_word_clusters.py``): word -> CRF features of its bit-string prefixes and frequency band.

    "Hamburg" and "Karlsruhe" share a long prefix because they occur between the same words; a word not
    in the table is looked up lower-cased, then gets "k=?".
    """

    feats: dict[str, tuple[str, ...]]

    def of(self, word: str) -> tuple[str, ...]:
        """Features of ``word``: ``k4=..``, ``k8=..``, ``k12=..`` (bit prefixes), ``kf=..`` (log2 count) and
        ``lc=..`` (how often its lower-case form is written inside a sentence: 0 never .. 3 mostly)."""
        found = self.feats.get(word) or self.feats.get(word.lower())
        return found or _UNKNOWN_CLASS


_UNKNOWN_CLASS = ("k=?",)
CLASS_PREFIXES = (4, 8, 12)


def read_word_classes(lines: Sequence[str] | Any) -> WordClasses:
    """Word classes from lines ``word<TAB>bits<TAB>log2 count[<TAB>lower-case band]``; ``#``: comment."""
    feats: dict[str, tuple[str, ...]] = {}
    for line in lines:
        if line.strip() and not line.startswith("#"):
            word, bits, band, *lower = line.rstrip("\n").split("\t")
            feats[word] = (*(f"k{n}={bits[:n]}" for n in CLASS_PREFIXES), "kf=" + band, *("lc=" + x for x in lower))
    return WordClasses(feats)


def word_shape(word: str) -> str:
    """Character classes with runs collapsed: "Merz" -> "Xx", "G20" -> "Xd", "USA" -> "X"."""
    classes = "".join("X" if c.isupper() else "x" if c.isalpha() else "d" if c.isdigit() else c
                      for c in word[:12])
    return _SHAPE_RUNS.sub(r"\1", classes)


def normal_form(word: str) -> str:
    """Lower case, and short abbreviations without their full stop ("Mr." and "Mr" -> "mr")."""
    low = word.lower()
    return low[:-1] if 2 < len(low) <= 4 and low.endswith(".") else low


@lru_cache(maxsize=1 << 16)
def _word_features(word: str) -> tuple[str, ...]:
    """Features of one token on its own: identity, shape, affixes, capitalisation, hyphen parts (cached:
    the same words recur in every article)."""
    low = word.lower()
    feats = ["w=" + normal_form(word), "sh=" + word_shape(word), "p3=" + low[:3], "s2=" + low[-2:], "s3=" + low[-3:],
             "s4=" + low[-4:], "len=" + str(min(len(word), 8))]
    if word[:1].isupper():
        feats.append("cap")
    if len(word) > 1 and word.isupper():
        feats.append("upper")
    if "-" in word.strip("-"):
        parts = low.split("-")
        feats += ["hf=" + parts[0], "hl=" + parts[-1]]
    return tuple(feats)


def _gazetteer_labels(words: Sequence[str], gaz: Gazetteer) -> list[str]:
    """Gazetteer labels, retrying genitive forms ("Obamas", "Merkel's") for single tokens."""
    labels = gaz.match(words)
    for i, word in enumerate(words):
        if labels[i] == "O" and len(word) > 3 and word[-1] == "s":
            base = word[:-2] if word.endswith("'s") else word[:-1]
            typ = gaz.names.get((base,))
            labels[i] = f"B-{typ}" if typ else "O"
    return labels


def sentence_features(words: Sequence[str], tags: Sequence[str], gaz: Gazetteer,
                      domain: str = DOMAIN, classes: WordClasses | None = None) -> list[list[str]]:
    """CRF features for one sentence: the token's own features plus a window of two on each side.

    With ``classes``, the word classes of the token and its direct neighbours (4- and 8-bit prefixes) too.

    Each feature also comes as a copy prefixed with ``domain`` (Daume's feature augmentation): training
    gives every corpus its own copies, so the general features carry what holds across corpora and the
    ``news`` copies what holds in news, which is what run time uses.
    """
    low = [normal_form(w) for w in words]
    shapes = [word_shape(w) for w in words]
    gazl = _gazetteer_labels(words, gaz)
    cues = [gaz.words.get(w, "?") for w in words]
    kls = [classes.of(w) for w in words] if classes else [()] * len(words)
    n = len(words)
    out = []
    for i in range(n):
        feats = [*_word_features(words[i]), "b", "P=" + tags[i], "g=" + gazl[i], "c=" + cues[i], *kls[i]]
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < n:
                feats += [f"w{d}={low[j]}", f"P{d}={tags[j]}"]
                if abs(d) == 1:
                    feats += [f"sh{d}={shapes[j]}", f"g{d}={gazl[j]}", f"c{d}={cues[j]}"]
                    feats += [f"{d}{k}" for k in kls[j][:2]]
            else:
                feats.append(f"pad{d}")
        if i > 0:
            feats.append(f"PP-={tags[i - 1]}|{tags[i]}")
        if i + 1 < n:
            feats.append(f"PP+={tags[i]}|{tags[i + 1]}")
        out.append(feats + [f"{domain}:{f}" for f in feats] if domain else feats)
    return out


def spans_from_labels(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """(first, last, type) spans of a BIO or BILOU label sequence; a stray I- or L- opens a span."""
    spans: list[tuple[int, int, str]] = []
    for i, label in enumerate(labels):
        if label == "O":
            continue
        typ = label[2:]
        if label[0] in "IL" and spans and spans[-1][1] == i - 1 and spans[-1][2] == typ:
            spans[-1] = (spans[-1][0], i, typ)
        else:
            spans.append((i, i, typ))
    return spans


def read_gazetteer(lines: Sequence[str] | Any) -> Gazetteer:
    """A gazetteer from TSV lines ``TYPE<TAB>token token ...`` and ``w<TAB>word<TAB>cue``; ``#``: comment."""
    entries: dict[tuple[str, ...], str] = {}
    words: dict[str, str] = {}
    for line in lines:
        if line.strip() and not line.startswith("#"):
            cols = line.rstrip("\n").split("\t")
            if cols[0] == "w":
                words[cols[1]] = cols[2]
            else:
                entries[tuple(cols[1].split(" "))] = cols[0]
    return Gazetteer.from_entries(entries, words)


def load_word_classes(path: Any) -> WordClasses | None:
    """The word classes in the gzipped table at ``path`` (a file or resource); None when there is none."""
    if not path.is_file():
        return None
    with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as f:
        return read_word_classes(f)


@lru_cache(maxsize=8)
def _model(lang: str) -> tuple[Any, Gazetteer, WordClasses | None] | None:
    """The CRF tagger, gazetteer and word classes of ``lang``, loaded once; None when it has no model."""
    data = resources.files("lagebild.nlp") / "data"
    model, gaz = data / f"ner_{lang}.crfsuite", data / f"ner_{lang}_gazetteer.tsv"
    if not model.is_file():
        log.info("no name model for language %r (%s)", lang, model)
        return None
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    with resources.as_file(model) as path:
        tagger.open(str(path))
    lines = gaz.read_text(encoding="utf-8").splitlines() if gaz.is_file() else []
    return tagger, read_gazetteer(lines), load_word_classes(data / f"ner_{lang}_clusters.tsv.gz")


def tag_names(tokens: Sequence[Token], lang: str) -> list[NameSpan]:
    """Names in one sentence's tokens (POS-tagged with ``tag_tokens``); [] when ``lang`` has no model."""
    loaded = _model(lang)
    if loaded is None or not tokens:
        return []
    tagger, gaz, classes = loaded
    tagger.set(sentence_features([t.text for t in tokens], [t.pos for t in tokens], gaz, DOMAIN, classes))
    labels = tagger.tag()
    return [NameSpan(first, last, tokens[first].start, tokens[last].end, typ,  # type: ignore[arg-type]
                     min(tagger.marginal(labels[i], i) for i in range(first, last + 1)))
            for first, last, typ in spans_from_labels(labels)]
