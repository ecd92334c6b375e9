"""German temporal expressions: recognition, normalisation against a reference, inference of dates."""

from __future__ import annotations

from datetime import date

import pytest

import lagebild.time as time_stage
from lagebild.time import find_timexes, infer_publication_date, time_batch

D = date.fromisoformat

# (reference, sentence, expected text, value, mod)
CASES_DE = [
    ("2024-10-07", "Das Treffen fand am 3. Oktober 2024 in Berlin statt.", "3. Oktober 2024", "2024-10-03", None),
    ("2025-03-20", "Die Offensive begann am 12. März.", "12. März", "2025-03-12", None),
    ("2025-10-20", "Der Vertrag vom 10.10.2025 tritt sofort in Kraft.", "10.10.2025", "2025-10-10", None),
    ("2025-10-20", "Die Sitzung am 2025-10-02 dauerte drei Stunden.", "2025-10-02", "2025-10-02", None),
    ("2024-05-01", "Die Wirtschaft war 2023 geschrumpft.", "2023", "2023", None),
    ("2024-05-01", "Im Jahr 2025 soll die Reform greifen.", "Jahr 2025", "2025", None),
    ("2024-12-31", "Das Jahr 2025 werde ein gutes Jahr, sagte er.", "Jahr 2025", "2025", None),
    ("2024-03-05", "Gestern wurde der Botschafter einbestellt.", "Gestern", "2024-03-04", None),
    ("2024-03-05", "Heute beraten die Außenminister.", "Heute", "2024-03-05", None),
    ("2024-03-05", "Das Kabinett will morgen entscheiden.", "morgen", "2024-03-06", None),
    ("2024-03-05", "Bereits vorgestern hatte es Proteste gegeben.", "vorgestern", "2024-03-03", None),
    ("2024-12-10", "Im Juni unterzeichneten beide Staaten ein Abkommen.", "Juni", "2024-06", None),
    ("2024-12-10", "Im Juni wird der Gipfel in Rom stattfinden.", "Juni", "2025-06", None),
    ("2024-03-05", "Die Gespräche sollen nächsten Monat beginnen.", "nächsten Monat", "2024-04", None),
    ("2024-03-05", "Im nächsten Monat wählt Russland.", "nächsten Monat", "2024-04", None),
    ("2024-03-05", "Vergangene Woche reiste der Kanzler nach Paris.", "Vergangene Woche", "2024-W09", None),
    ("2024-03-05", "Letzte Woche hatte die Regierung neue Hilfen angekündigt.", "Letzte Woche", "2024-W09", None),
    ("2024-08-01", "Die Inflation ist in diesem Jahr gesunken.", "diesem Jahr", "2024", None),
    ("2024-08-01", "Dieses Jahr wird die Ernte schlecht ausfallen.", "Dieses Jahr", "2024", None),
    ("2025-02-01", "Kim kündigte Ende 2024 engere Beziehungen an.", "Ende 2024", "2024", "END"),
    ("2024-11-20", "Anfang nächsten Jahres soll ein Gipfel stattfinden.", "Anfang nächsten Jahres", "2025", "START"),
    ("2024-11-20", "Mitte Oktober hatte die Armee angegriffen.", "Mitte Oktober", "2024-10", "MID"),
    ("2024-11-20", "Seit Jahresbeginn wurden 300 Angriffe gezählt.", "Jahresbeginn", "2024", "START"),
    ("2024-09-14", "Vor zwei Wochen war die Brücke zerstört worden.", "Vor zwei Wochen", "2024-W35", None),
    ("2024-09-14", "Vor drei Jahren hatten die Taliban Kabul erobert.", "Vor drei Jahren", "2021", None),
    ("2024-09-12", "Der Minister reist kommenden Montag nach Kiew.", "kommenden Montag", "2024-09-16", None),
    ("2024-09-12", "Am Montag hatte die Polizei die Demonstration aufgelöst.", "Montag", "2024-09-09", None),
    ("2024-09-12", "Der Ausschuss wird am Montag erneut tagen.", "Montag", "2024-09-16", None),
    ("2024-09-12", "In den kommenden Monaten will die EU mehr Munition liefern.", "kommenden Monaten", "FUTURE_REF", None),
    ("2024-01-10", "Im Frühjahr soll die Offensive beginnen.", "Frühjahr", "2024-SP", None),
    ("2024-11-05", "Im dritten Quartal war die Wirtschaft gewachsen.", "dritten Quartal", "2024-Q3", None),
    ("2024-11-05", "In den 1990er Jahren war die Lage anders.", "1990er Jahren", "199", None),
    ("2025-01-08", "An Neujahr hatte Putin eine Rede gehalten.", "Neujahr", "2025-01-01", None),
    ("2024-12-30", "Zum Jahreswechsel gratulierte Xi dem russischen Präsidenten.", "Jahreswechsel", "2025-01-01", None),
    ("2024-12-20", "Weihnachten wollen die Soldaten zu Hause verbringen.", "Weihnachten", "2024-12-25", None),
    ("2015-09-17", "Ende Juli hatte das Parlament zugestimmt.", "Ende Juli", "2015-07", "END"),
    ("2024-06-20", "Kim war im September vergangenen Jahres in Russland.", "September vergangenen Jahres", "2023-09", None),
    ("2024-10-07", "Iran hatte am Dienstag vergangener Woche Raketen abgefeuert.", "Dienstag vergangener Woche", "2024-10-01", None),
    ("2024-03-05", "Die Botschaft wurde in der Nacht zum Sonntag angegriffen.", "Nacht zum Sonntag", "2024-03-03", None),
    ("2024-03-05", "Die Wahl findet vom 15. bis 17. März statt.", "17. März", "2024-03-17", None),
    ("2024-03-05", "Die Wahl findet vom 15. bis 17. März statt.", "15.", "2024-03-15", None),
    ("2023-03-01", "Die Ausgaben waren im Vorjahr gestiegen.", "Vorjahr", "2022", None),
    ("2024-01-15", "Die Wirtschaft schrumpfte 2022 und wuchs im Jahr darauf.", "Jahr darauf", "2023", None),
    ("2024-06-20", "Die Bundeswehr soll bis Ende des Jahrzehnts bereit sein.", "Ende des Jahrzehnts", "202", "END"),
    ("2025-03-21", "Ostern will der Papst wieder auftreten.", "Ostern", "2025-04-20", None),
    ("2024-07-12", "Schon im Spätsommer dürften die Preise steigen.", "Spätsommer", "2024-SU", "END"),
    ("2024-07-12", "Am Freitagabend kam es zu Explosionen.", "Freitagabend", "2024-07-12", None),
]


@pytest.mark.parametrize(("reference", "sentence", "text", "value", "mod"), CASES_DE)
def test_de_timex_value(reference: str, sentence: str, text: str, value: str, mod: str | None) -> None:
    found = {t.text: t for t in find_timexes(sentence, "de", D(reference))}
    assert text in found, f"{text!r} not found in {sentence!r}: {list(found)}"
    assert (found[text].value, found[text].mod) == (value, mod)


@pytest.mark.parametrize("sentence", [
    "Die Regierung und die Opposition streiten über die Reform.",
    "Masayoshi Son will Milliarden in Rechenzentren investieren.",
    "Die Armee verlegte 2025 Soldaten an die Grenze.",
    "Mehr als 1900 Menschen sind geflohen.",
    "Die Pipeline ist 1200 Kilometer lang.",
    "Der Einsatz beruhte auf der Resolution 1973 des Sicherheitsrats.",
    "Das Interview erschien in der Welt am Sonntag.",
    "Am Morgen hatte die Polizei das Gelände geräumt.",
    "Der Vorstandschef Stefan Sommer trat zurück.",
    "Der Krieg dauert seit fünf Monaten an.",
])
def test_de_no_false_hits(sentence: str) -> None:
    assert find_timexes(sentence, "de", D("2025-01-15")) == []


def test_de_spans_offsets_and_record_fields() -> None:
    text = "Am 12. März 2024 und am Montag trafen sich die Minister."
    timexes = find_timexes(text, "de", D("2024-03-20"), offset=100)
    assert [t.text for t in timexes] == ["12. März 2024", "Montag"]
    first, second = timexes
    assert text[first.start - 100:first.end - 100] == first.text
    assert first.how == "explicit" and first.anchor is None and first.precision == "day"
    assert second.how == "relative" and second.anchor == D("2024-03-20")
    assert all(t.stage == "lagebild.time.v1" for t in timexes)
    assert first.end <= second.start


def test_de_without_reference_only_explicit() -> None:
    text = "Ende 2024 kündigte Kim an, im Juni nach Moskau zu reisen; am 3. Oktober 2024 kam er an."
    assert [(t.text, t.value) for t in find_timexes(text, "de", None)] == [
        ("Ende 2024", "2024"), ("3. Oktober 2024", "2024-10-03")]


def test_de_longest_match_wins_and_no_overlap() -> None:
    timexes = find_timexes("Anfang nächsten Jahres und Mitte Oktober 2023.", "de", D("2024-05-01"))
    assert [(t.text, t.value, t.mod) for t in timexes] == [
        ("Anfang nächsten Jahres", "2025", "START"), ("Mitte Oktober 2023", "2023-10", "MID")]


SEED_DE = (
    "Der nordkoreanische Diktator Kim Jong Un kündigte Ende 2024 Pläne zur engeren Zusammenarbeit mit "
    "Russland an. Kim übermittelte seine Neujahrswünsche an Putin. Er drückte die Hoffnung aus, dass das "
    "Jahr 2025 in die Geschichte eingehen werde. Die Führer beider Länder haben in diesem Jahr ihre "
    "Beziehungen auf eine neue Ebene gehoben. Im Juni unterzeichneten Kim und Putin ein Abkommen. "
    "Im Mai einigten sich Xi und Putin auf eine Vertiefung der Zusammenarbeit. Laut dem russischen "
    "Botschafter könnte Xi 2025 Russland besuchen."
)


def test_de_infer_new_year_article() -> None:
    inferred = infer_publication_date(SEED_DE, "de")
    assert inferred is not None
    assert D("2024-12-01") <= inferred.earliest <= inferred.value <= inferred.latest <= D("2025-01-05")
    assert inferred.value == D("2024-12-31")
    found = {t.text: t.value for t in find_timexes(SEED_DE, "de", inferred.value)}
    assert found["Juni"] == "2024-06" and found["Mai"] == "2024-05" and found["Ende 2024"] == "2024"


@pytest.mark.parametrize(("text", "expected"), [
    ("Berlin, 3. Januar 2025 – Die Regierung hat beschlossen, die Hilfen aufzustocken.", "2025-01-03"),
    ("(dpa) 12.03.2024 – Der Bundestag hat am Dienstag abgestimmt.", "2024-03-12"),
])
def test_de_infer_dateline(text: str, expected: str) -> None:
    inferred = infer_publication_date(text, "de")
    assert inferred is not None and inferred.value == D(expected) and "dateline" in inferred.evidence


def test_de_infer_latest_past_date_is_lower_bound() -> None:
    text = "Am 12. März 2024 unterzeichneten beide Seiten ein Abkommen. Am 2. Mai 2024 trat es in Kraft."
    inferred = infer_publication_date(text, "de")
    assert inferred is not None and inferred.earliest == D("2024-05-02") and inferred.value == D("2024-05-02")


def test_de_infer_returns_none_without_evidence() -> None:
    assert infer_publication_date("Die Regierung hat am Montag beschlossen, die Steuern zu senken.", "de") is None
    assert infer_publication_date("Der seit 2006 bestehende Dienst hat Probleme.", "de") is None


def test_de_batch_contract() -> None:
    rows = list(time_batch([
        {"id": "de-1", "lang": "de", "reference_date": "2015-09-17", "sentence": "Ende Juli kamen viele."},
        {"id": "xx-1", "lang": "xx", "reference_date": "2015-09-17", "sentence": "Ende Juli kamen viele."},
        {"id": "de-2", "lang": "de", "reference_date": None, "sentence": "Ende Juli kamen viele."},
    ]))
    assert rows[0] == {"id": "de-1", "timex": [{"text": "Ende Juli", "start": 0, "end": 9, "value": "2015-07",
                                                "mod": "END", "precision": "month", "how": "relative"}]}
    assert rows[1] == {"id": "xx-1", "timex": []}
    assert rows[2] == {"id": "de-2", "timex": []}


def test_de_public_surface() -> None:
    assert {"find_timexes", "infer_publication_date", "InferredDate", "time_batch"} <= set(time_stage.__all__)
    assert "de" in time_stage.supported_languages()


def test_de_language_data_integrity() -> None:
    from lagebild.time.grammar import grammar
    from lagebild.time.lexicon import load_lexicon
    from lagebild.time.normalise import RESOLVERS

    rules = grammar("de")
    assert rules and all(rule.kind in RESOLVERS for rule in rules)
    lex = load_lexicon("de")
    assert sorted(set(lex.months.values())) == list(range(1, 13))
    assert sorted(set(lex.weekdays.values())) == list(range(1, 8))
    assert set(lex.units.values()) >= {"day", "week", "month", "quarter", "year"}
