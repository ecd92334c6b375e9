"""Sentences and tokens with character offsets (spaCy's rule-based tokenizer and sentencizer).

A line break always ends a sentence: headlines and datelines stand on lines of their own.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from typing import Any

from lagebild import lang as langdata
from lagebild.config import Settings
from lagebild.records import Analysis, Sentence, Token
from lagebild.registry import StageFn, stage

STAGE = "lagebild.tokenizer.v1"
LINE = re.compile(r"[^\n]+")


@cache
def _spacy(lang: str) -> Any:
    """A blank spaCy pipeline with a sentencizer for ``lang`` (nlp.yaml: spacy_lang)."""
    import spacy

    nlp = spacy.blank(langdata.load(lang, "nlp").get("spacy_lang", lang))
    for word in langdata.load(lang, "nlp").get("whole_words", []) or []:
        # "so-called" split apart gave a verb "called" ("for so-called talks" read as "call for talks")
        for form in (word, word[:1].upper() + word[1:]):
            nlp.tokenizer.add_special_case(form, [{"ORTH": form}])
    nlp.add_pipe("sentencizer")
    return nlp


def split_sentences(text: str, lang: str) -> tuple[tuple[Sentence, ...], tuple[Token, ...]]:
    """Sentences and tokens of ``text``; offsets index into ``text``."""
    nlp = _spacy(lang)
    lines = [(m.start(), m.group()) for m in LINE.finditer(text) if m.group().strip()]
    sentences: list[Sentence] = []
    tokens: list[Token] = []
    for (offset, _), doc in zip(lines, nlp.pipe(line for _, line in lines)):
        for span in doc.sents:
            words = [t for t in span if not t.is_space]
            if not words:
                continue
            first = len(tokens)
            for t in words:
                start = offset + t.idx
                tokens.append(Token(len(tokens), len(sentences), start, start + len(t.text), t.text, stage=STAGE))
            start, end = tokens[first].start, tokens[-1].end
            sentences.append(Sentence(len(sentences), start, end, text[start:end], first, len(tokens), STAGE))
    return tuple(sentences), tuple(tokens)


@stage(requires=("document.text", "document.lang"), assigns=("sentences", "tokens"))
def make_stage(settings: Settings) -> StageFn:
    """Split the document into sentences and tokens."""

    def run(analysis: Analysis) -> Analysis:
        doc = analysis.document
        sentences, tokens = split_sentences(doc.text, doc.lang or "")
        return replace(analysis, sentences=sentences, tokens=tokens)

    return run
