"""The name tagger: model files, names that must and must not be found, speed, the GermEval quality gate."""

import importlib.util
import sys
import time
from importlib import resources
from pathlib import Path

import pytest

from lagebild.nlp import split_sentences, tag_tokens
from lagebild.nlp.ner import (
    NameSpan,
    read_gazetteer,
    read_word_classes,
    sentence_features,
    tag_names,
)

BENCH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_ner.py"
GERMEVAL_TEST = BENCH.parents[2] / "shared" / "data" / "germeval2014_ner" / "NER-de-test.txt"
# Measured micro F1 (PER/LOC/ORG, exact outer spans) on GermEval 2014 test: 0.686 (see NER_SOURCES.md).
GERMEVAL_F1_FLOOR = 0.67


def names(text: str, lang: str) -> set[tuple[str, str]]:
    """(surface, type) of the names that tag_names finds in ``text``."""
    sentences, tokens = split_sentences(text, lang)
    found = set()
    for sent in sentences:
        for span in tag_names(tag_tokens(tokens[sent.token_start:sent.token_end], lang), lang):
            found.add((text[span.start:span.end], span.type))
    return found


@pytest.mark.parametrize("lang", ["de", "en"])
def test_ner_model_files_exist_and_load(lang):
    data = resources.files("lagebild.nlp") / "data"
    model = data / f"ner_{lang}.crfsuite"
    assert model.is_file() and (data / f"ner_{lang}_gazetteer.tsv").is_file()
    assert model.stat().st_size < 15_000_000  # type: ignore[attr-defined]
    assert names("Angela Merkel" if lang == "de" else "Barack Obama", lang) is not None


@pytest.mark.parametrize("text, expected", [
    ("Bundeskanzler Friedrich Merz traf in Paris den französischen Präsidenten Emmanuel Macron.",
     {("Friedrich Merz", "PER"), ("Paris", "LOC"), ("Emmanuel Macron", "PER")}),
    ("Die Vereinten Nationen verurteilten den Angriff.", {("Vereinten Nationen", "ORG")}),
    ("Der russische Präsident Wladimir Putin empfing den chinesischen Außenminister in Moskau.",
     {("Wladimir Putin", "PER"), ("Moskau", "LOC")}),
    ("Die Bundesregierung und die Europäische Union kritisierten Russland scharf.",
     {("Europäische Union", "ORG"), ("Russland", "LOC")}),
    ("Nach Angaben der Nato wurden in der Ukraine mehrere Städte angegriffen.",
     {("Nato", "ORG"), ("Ukraine", "LOC")}),
])
def test_de_names_found(text, expected):
    assert expected <= names(text, "de")


@pytest.mark.parametrize("text, expected", [
    ("Chancellor Friedrich Merz met French President Emmanuel Macron in Paris on Monday.",
     {("Emmanuel Macron", "PER"), ("Paris", "LOC")}),
    ("The United Nations condemned the attack.", {("United Nations", "ORG")}),
    ("Russian President Vladimir Putin spoke with Chinese officials.", {("Vladimir Putin", "PER")}),
])
def test_en_names_found(text, expected):
    assert expected <= names(text, "en")


@pytest.mark.parametrize("lang, text", [
    ("de", "Die Regierung hat am Montag neue Maßnahmen gegen die Inflation beschlossen."),
    ("de", "Der Minister sagte, die Lage sei ernst, und forderte mehr Geld für die Bundeswehr-Reform nicht."),
    ("de", "Im Herbst steigen die Preise für Strom und Gas weiter an."),
    ("en", "The government announced new measures against inflation on Monday."),
    ("en", "The minister said the situation was serious."),
])
def test_no_names_in_plain_sentences(lang, text):
    assert not {n for n in names(text, lang) if n[1] in {"PER", "LOC", "ORG"}}


def test_de_title_is_not_part_of_the_name():
    found = names("Bundeskanzler Friedrich Merz traf in Paris den französischen Präsidenten Emmanuel Macron.", "de")
    assert not any("Bundeskanzler" in text or "Präsidenten" in text for text, _ in found)


def test_ner_span_fields_index_the_given_tokens():
    text = "Gestern sprach Emmanuel Macron in Berlin."
    _, tokens = split_sentences(text, "de")
    spans = tag_names(tag_tokens(tokens, "de"), "de")
    assert spans and all(isinstance(s, NameSpan) for s in spans)
    for s in spans:
        assert (tokens[s.first].start, tokens[s.last].end) == (s.start, s.end)
        assert 0.0 < s.score <= 1.0 and s.type in {"PER", "LOC", "ORG", "MISC"}


def test_ner_unknown_language_and_empty_input_give_nothing():
    _, tokens = split_sentences("Emmanuel Macron", "de")
    assert tag_names(tokens, "xx") == []
    assert tag_names((), "de") == []


def test_de_ner_is_fast():
    text = ("Der französische Präsident Emmanuel Macron hat am Montag in Berlin mit Bundeskanzler Friedrich "
            "Merz über die Lage in der Ukraine und die Rolle der Nato gesprochen.")
    _, tokens = split_sentences(text, "de")
    tagged = tag_tokens(tokens, "de")
    tag_names(tagged, "de")
    t0 = time.perf_counter()
    for _ in range(50):
        tag_names(tagged, "de")
    assert (time.perf_counter() - t0) / 50 < 0.005 * 2  # < 5 ms per 25 tokens, with a margin for slow CI


@pytest.mark.slow
@pytest.mark.skipif(not GERMEVAL_TEST.is_file(), reason="shared/data/germeval2014_ner not present")
def test_de_germeval_test_f1_floor():
    spec = importlib.util.spec_from_file_location("bench_ner", BENCH)
    bench = importlib.util.module_from_spec(spec)
    sys.modules["bench_ner"] = bench  # dataclasses look their module up there
    spec.loader.exec_module(bench)
    result = bench.evaluate("germeval")
    assert result.prf("micro")[2] >= GERMEVAL_F1_FLOOR


def test_ner_word_classes_from_table_lines():
    classes = read_word_classes(["# comment", "Hamburg\t1110101101111011\t9\t0", "gut\t10101\t12\t3"])
    assert classes.of("Hamburg") == ("k4=1110", "k8=11101011", "k12=111010110111", "kf=9", "lc=0")
    assert classes.of("GUT")[0] == "k4=1010"  # looked up lower-cased
    assert classes.of("Xyzzy") == ("k=?",)


def test_de_ner_features_carry_word_classes_of_token_and_neighbours():
    classes = read_word_classes(["Hamburg\t1110101101111011\t9\t0", "in\t0101\t16\t3"])
    feats = sentence_features(["Tor", "in", "Hamburg"], ["NN", "APPR", "NE"], read_gazetteer([]), "", classes)
    assert {"k8=11101011", "lc=0", "-1k4=0101", "-1k8=0101"} <= set(feats[2])
    assert "k=?" in feats[0] and "1k4=0101" in feats[0]

