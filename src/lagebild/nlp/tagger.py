"""Part of speech and lemma with HanTa (Hanover Tagger), and separable verbs re-joined.

German splits particle verbs in main clauses: "Kim kündigte ... eine Zusammenarbeit an" -> the finite
verb "kündigte" (lemma kündigen) gets ``verb_lemma`` "ankündigen" and the particle "an" points back to
it (``particle_of``). The tag classes come from ``lang/<code>/nlp.yaml``.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache, lru_cache
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
    from HanTa import HanoverTagger as ht

    tagger = install(ht.HanoverTagger(langdata.load(lang, "nlp")["hanta_model"]))
    # Unseen words are analysed by hanta_fast (same results, ~2x faster). HanTa analyses every word's
    # morphology anew (its own cache is never filled); that analysis depends on the word alone, so
    # memoising it makes tagging ~8x faster on recurring words.
    tagger._tag_word = lru_cache(maxsize=500_000)(tagger._tag_word)
    return tagger


@cache
def tagset(lang: str) -> dict[str, frozenset[str]]:
    """Tag classes of ``lang``: proper_noun, noun, finite_verb, separable_particle, ..."""
    return {name: frozenset(tags) for name, tags in langdata.load(lang, "nlp")["tags"].items()}


class _LemmaCache:
    """Memoised HanTa lemmatisation per (word, tag): the costly part of tagging."""

    def __init__(self, tagger: Any) -> None:
        self.tagger = tagger
        self.memo: dict[tuple[str, int], str] = {}

    def lemma(self, word: str, tag: int) -> str:
        key = (word, tag)
        if key not in self.memo:
            self.memo[key] = self.tagger._analyze(word, tag, taglevel=1)[0]
        return self.memo[key]


@cache
def _lemmas(lang: str) -> _LemmaCache:
    return _LemmaCache(_hanta(lang))


def _tag_sentence(words: list[str], lang: str) -> list[tuple[str, str]]:
    """(tag, lemma) for each word of one sentence."""
    tagger = _hanta(lang)
    ids = tag_sent_viterbi(tagger, words, True)
    lemmas = _lemmas(lang)
    return [(tagger.int2tag[t], lemmas.lemma(w, t)) for w, t in zip(words, ids)]


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
