"""The linguistic layer: language, sentences, tokens, part of speech, lemmas, separable verbs."""

from lagebild.nlp.langid import detect_language
from lagebild.nlp.tagger import tag_tokens
from lagebild.nlp.tokenize import split_sentences

__all__ = ["detect_language", "split_sentences", "tag_tokens"]
