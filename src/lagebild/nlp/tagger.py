"""Part of speech and lemma with HanTa (Hanover Tagger), and separable verbs re-joined.

German splits particle verbs in main clauses: "Kim kündigte ... eine Zusammenarbeit an" -> the finite
verb "kündigte" (lemma kündigen) gets ``verb_lemma`` "ankündigen" and the particle "an" points back to
it (``particle_of``). The tag classes come from ``lang/<code>/nlp.yaml``.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import replace
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from lagebild import lang as langdata
from lagebild.config import Settings
from lagebild.nlp.hanta_fast import install, tag_sent_viterbi
from lagebild.records import Analysis, Token
from lagebild.registry import StageFn, stage

STAGE = "lagebild.tagger.v1"


@cache
def _hanta(lang: str) -> Any:
    """The HanTa tagger for ``lang`` (nlp.yaml: hanta_model), loaded once."""
    return _loaded(lang)[0]


@cache
def _loaded(lang: str) -> tuple[Any, dict[str, str]]:
    """The HanTa tagger for ``lang`` and the lemmas of its morphology table ({} without one)."""
    from HanTa import HanoverTagger as ht

    model = langdata.load(lang, "nlp")["hanta_model"]
    tagger = install(ht.HanoverTagger(model))
    # Unseen words are analysed by hanta_fast (same results, ~2x faster). HanTa analyses every word's
    # morphology anew (its own cache is never filled); that analysis depends on the word alone, so
    # memoising it makes tagging ~8x faster on recurring words.
    tagger._tag_word = lru_cache(maxsize=500_000)(tagger._tag_word)
    table = _morphology(lang, model, list(tagger.int2tag))
    if table is None:
        return tagger, {}
    tagger.fast_analyzer.known = table["forward"]
    return tagger, table["lemmas"]


def morphology_path(lang: str) -> Path:
    """Where the language's morphology table lies (built by scripts/build_morphology.py)."""
    return Path(str(resources.files("lagebild.nlp") / "data" / f"morphology_{lang}.json.gz"))


def _morphology(lang: str, model: str, tags: list[str]) -> dict[str, Any] | None:
    """The morphology table: HanTa's analyses of common word forms computed ahead of time (the same
    results, without the search); None when there is none or it was made with another model."""
    path = morphology_path(lang)
    if not path.is_file():
        return None
    try:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            table = json.load(f)
    except (OSError, ValueError):
        return None
    if table.get("model") != model or table.get("tags") != tags:
        return None  # computed with another model: its answers would not be this tagger's
    return table


@cache
def tagset(lang: str) -> dict[str, frozenset[str]]:
    """Tag classes of ``lang``: proper_noun, noun, finite_verb, separable_particle, ..."""
    return {name: frozenset(tags) for name, tags in langdata.load(lang, "nlp")["tags"].items()}


class _LemmaCache:
    """Memoised HanTa lemmatisation per (word, tag): the costly part of tagging. ``table``: the lemmas of
    the morphology table, "tag lemma<TAB>tag lemma" per word form, used before any search."""

    def __init__(self, tagger: Any, table: dict[str, str]) -> None:
        self.tagger = tagger
        self.table = table
        self.memo: dict[tuple[str, int], str] = {}

    def lemma(self, word: str, tag: int) -> str:
        key = (word, tag)
        if key not in self.memo:
            known = self.table.get(word)
            lemmas = dict(pair.split(" ", 1) for pair in known.split("\t")) if known else {}
            lemma = lemmas.get(str(tag))
            self.memo[key] = lemma if lemma is not None else self.tagger._analyze(word, tag, taglevel=1)[0]
        return self.memo[key]


@cache
def _lemmas(lang: str) -> _LemmaCache:
    return _LemmaCache(*_loaded(lang))


def _tag_sentence(words: list[str], lang: str) -> list[tuple[str, str]]:
    """(tag, lemma) for each word of one sentence."""
    tagger = _hanta(lang)
    ids = tag_sent_viterbi(tagger, words, True)
    lemmas = _lemmas(lang)
    as_written = tagset(lang)["proper_noun"]
    tags = [tagger.int2tag[t] for t in ids]
    # a proper noun's lemma is the name as written (tag_tokens), so HanTa's lemma search is skipped
    return [(tag, w if tag in as_written else lemmas.lemma(w, t)) for w, t, tag in zip(words, ids, tags)]


def _rejoin_particles(tokens: list[Token], lang: str) -> list[Token]:
    """Give finite verbs with a separated particle their full lemma ("an" + "kündigen")."""
    tags = tagset(lang)
    joiner = langdata.load(lang, "nlp").get("particle_join", "")
    for i, tok in enumerate(tokens):
        if tok.pos not in tags["separable_particle"]:
            continue
        verb = next((t for t in reversed(tokens[:i]) if t.pos in tags["finite_verb"]), None)
        if verb is None:
            continue
        tokens[verb.index - tokens[0].index] = replace(verb, verb_lemma=f"{tok.text.lower()}{joiner}{verb.lemma}")
        tokens[i] = replace(tok, particle_of=verb.index)
    return tokens


def tag_tokens(tokens: tuple[Token, ...], lang: str) -> tuple[Token, ...]:
    """The tokens of one sentence with POS, lemma and re-joined separable verbs."""
    words = [t.text for t in tokens]
    tagged = _tag_sentence(words, lang) if words else []
    proper = tagset(lang)["proper_noun"]
    out = [replace(t, pos=pos, lemma=t.text if pos in proper else lemma, stage=STAGE)
           for t, (pos, lemma) in zip(tokens, tagged)]
    return tuple(_rejoin_particles(out, lang))


@stage(requires=("sentences", "tokens", "document.lang"), assigns=("tokens.pos",))
def make_stage(settings: Settings) -> StageFn:
    """Tag every sentence's tokens with POS and lemma."""

    def run(analysis: Analysis) -> Analysis:
        lang = analysis.document.lang or ""
        tagged: list[Token] = []
        for sent in analysis.sentences:
            tagged.extend(tag_tokens(analysis.sentence_tokens(sent), lang))
        return replace(analysis, tokens=tuple(tagged))

    return run
