"""The linguistic layer: language id, sentences, tokens with offsets, tags, separable verbs."""

import pytest

from lagebild.nlp import detect_language, split_sentences, tag_tokens

LONG_DE = ("Der nordkoreanische Machthaber Kim Jong Un hat nach Angaben der Staatsmedien eine engere "
           "Zusammenarbeit mit Russland angekündigt. Die Außenminister beider Länder trafen sich in Moskau.")
LONG_EN = ("North Korean leader Kim Jong Un announced closer cooperation with Russia, state media reported "
           "on Tuesday. The foreign ministers of both countries met in Moscow.")
LONG_NL = ("De Noord-Koreaanse leider Kim Jong Un heeft volgens de staatsmedia een nauwere samenwerking met "
           "Rusland aangekondigd. De ministers van Buitenlandse Zaken van beide landen ontmoetten elkaar in Moskou.")


@pytest.mark.parametrize("text, expected", [
    (LONG_DE, "de"), (LONG_EN, "en"), (LONG_NL, "nl"),
    ("Kim traf Putin", "de"), ("Merkel sagt nein", "de"), ("Russland greift an", "de"),
    ("North Korea sent troops to Russia", "en"),
])
def test_detect_language(text, expected):
    assert detect_language(text)[0] == expected


@pytest.mark.parametrize("text", ["", "   ", "12345 678", "!!!"])
def test_detect_language_gives_none_without_words(text):
    assert detect_language(text)[0] is None


def test_de_sentences_keep_offsets_and_break_at_lines():
    text = "Eine Überschrift ohne Punkt\nAm 3. Oktober traf Dr. Müller den Präsidenten der USA. Er sagte nichts."
    sentences, tokens = split_sentences(text, "de")
    assert [s.text for s in sentences] == ["Eine Überschrift ohne Punkt",
                                           "Am 3. Oktober traf Dr. Müller den Präsidenten der USA.",
                                           "Er sagte nichts."]
    assert all(text[t.start:t.end] == t.text for t in tokens)
    assert [t.text for t in tokens[sentences[1].token_start:sentences[1].token_end]][:3] == ["Am", "3.", "Oktober"]


@pytest.mark.parametrize("sentence, verb, joined", [
    ("Kim kündigte eine engere Zusammenarbeit mit Russland an .", "kündigte", "ankündigen"),
    ("Washington wirft Peking die Unterstützung Russlands vor .", "wirft", "vorwerfen"),
    ("Moskau weist die Vorwürfe entschieden zurück .", "weist", "zurückweisen"),
    ("Russland zieht seine Truppen aus der Region ab .", "zieht", "abziehen"),
])
def test_de_separable_verbs_rejoined(sentence, verb, joined):
    _, tokens = split_sentences(sentence, "de")
    tagged = tag_tokens(tokens, "de")
    finite = next(t for t in tagged if t.text == verb)
    assert finite.verb_lemma == joined
    particle = tagged[-2]
    assert particle.particle_of == finite.index


def test_de_tags_and_lemmas():
    _, tokens = split_sentences("Die Soldaten kämpften gegen ukrainische Kräfte.", "de")
    tagged = tag_tokens(tokens, "de")
    by_text = {t.text: t for t in tagged}
    assert by_text["kämpften"].lemma == "kämpfen"
    assert by_text["Soldaten"].lemma == "Soldat"
    assert by_text["kämpften"].pos == "VV(FIN)"


def test_en_tags_and_lemmas_keep_proper_names():
    _, tokens = split_sentences("The EU accused Beijing of supporting Russia.", "en")
    tagged = tag_tokens(tokens, "en")
    by_text = {t.text: t for t in tagged}
    assert by_text["accused"].lemma == "accuse"
    assert by_text["EU"].lemma == "EU"
    assert by_text["accused"].verb_lemma is None


# Words HanTa's models do not carry in their own cache (compounds, names, rare inflections), so the
# morphological search runs for each; and made-up words that exercise the unknown-morpheme guesses.
UNSEEN = {
    "de": ["Verteidigungsministerien", "Waffenstillstandsabkommens", "Militärparade", "Pjöngjangs",
           "Nachrichtenagentur", "Sicherheitsgarantien", "vereinbarten", "unterzeichnete", "Zollerhöhungen",
           "Gefangenenaustausch", "Blorfzugs", "xquintelierten", "Ab", "Kreml-Sprecher", "2024er"],
    "en": ["counterproposals", "denuclearization", "peacekeepers", "Pyongyang's", "reaffirmed",
           "blorfing", "xquintelier", "re-escalation", "Ab"],
}


@pytest.mark.parametrize("lang", ["de", "en"])
def test_fast_word_analysis_equals_hanta(lang):
    from HanTa import HanoverTagger as ht

    from lagebild import lang as langdata
    from lagebild.nlp.hanta_fast import FastAnalyzer

    library = ht.HanoverTagger(langdata.load(lang, "nlp")["hanta_model"])
    fast = FastAnalyzer(library)
    for word in (w.lower() for w in UNSEEN[lang]):
        expected = library.analyze_forward(word)
        assert fast.analyze_forward(word) == expected, word
        for tag, _ in expected:
            assert fast.analyze_viterbi(word, -tag) == library.analyze_viterbi(word, -tag), (word, tag)


@pytest.mark.parametrize("lang, sentence", [
    ("de", "Nordkoreas Außenministerin Choe Son Hui traf am Montag in Peking ihren chinesischen Amtskollegen Wang Yi ."),
    ("de", "Die Verteidigungsministerien vereinbarten Blorfzugs und xquintelierten ab ."),
    ("en", "North Korea's foreign minister met her Chinese counterpart in Beijing on Monday ."),
])
def test_fast_sentence_tagging_equals_hanta(lang, sentence):
    from HanTa import HanoverTagger as ht

    from lagebild import lang as langdata
    from lagebild.nlp.hanta_fast import tag_sent_viterbi

    library = ht.HanoverTagger(langdata.load(lang, "nlp")["hanta_model"])
    words = sentence.split()
    assert tag_sent_viterbi(library, words) == library.tag_sent_viterbi(words)


def test_morphology_table_gives_the_live_analysis():
    """The shipped table (scripts/build_morphology.py) holds exactly what HanTa computes: a sample of
    its forms analysed live keeps the same analyses and gives the same lemmas."""
    import random

    from HanTa import HanoverTagger as ht

    from lagebild import lang as langdata
    from lagebild.nlp.hanta_fast import install
    from lagebild.nlp.tagger import _hanta, _morphology

    model = langdata.load("de", "nlp")["hanta_model"]
    live = install(ht.HanoverTagger(model))
    table = _morphology("de", model, list(live.int2tag))
    assert table is not None, "no current morphology table: run scripts/build_morphology.py"
    used = _hanta("de")
    rng = random.Random(7)
    for word in rng.sample(sorted(table["forward"]), 150):
        for form in (word, word[:1].upper() + word[1:]):
            for cs in (True, False):  # what the tagger keeps of the analyses, for either case
                kept = used._tag_word(form, cutoff=5, casesensitive=cs, conditional=True)
                assert kept == live._tag_word(form, cutoff=5, casesensitive=cs, conditional=True), (form, cs)
    for form in rng.sample(sorted(table["lemmas"]), 150):
        for pair in table["lemmas"][form].split("\t"):
            tag, lemma = pair.split(" ", 1)
            assert live._analyze(form, int(tag), taglevel=1)[0] == lemma, (form, tag)
