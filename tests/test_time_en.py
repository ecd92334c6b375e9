"""English temporal expressions: recognition, normalisation against a reference, inference of dates."""

from __future__ import annotations

from datetime import date

import pytest

from lagebild.time import find_timexes, infer_publication_date, time_batch

D = date.fromisoformat

# (reference, sentence, expected text, value, mod)
CASES_EN = [
    ("2024-10-07", "The budget was approved on 3 October 2024.", "3 October 2024", "2024-10-03", None),
    ("2024-10-07", "Hamas attacked Israel on October 7, 2023.", "October 7, 2023", "2023-10-07", None),
    ("2024-10-07", "The talks resumed on October 3.", "October 3", "2024-10-03", None),
    ("2024-10-07", "The cabinet met on 2024-09-30.", "2024-09-30", "2024-09-30", None),
    ("2024-10-07", "Iran fired missiles at Israel last week.", "last week", "2024-W40", None),
    ("2024-10-07", "The envoy will return next month.", "next month", "2024-11", None),
    ("2024-12-10", "The two leaders signed the treaty in June.", "June", "2024-06", None),
    ("2024-12-10", "The summit will take place in June.", "June", "2025-06", None),
    ("2024-10-09", "On Monday, the minister resigned.", "Monday", "2024-10-07", None),
    ("2024-10-09", "The vote is expected on Monday.", "Monday", "2024-10-14", None),
    ("2021-08-17", "The Taliban took Kabul two days ago.", "two days ago", "2021-08-15", None),
    ("2024-08-06", "Earlier this year, the central bank raised rates.", "Earlier this year", "2024", None),
    ("2024-08-06", "Unemployment will peak in late 2024.", "late 2024", "2024", "END"),
    ("2021-08-17", "In the 1990s, the Taliban ruled most of the country.", "1990s", "199", None),
    ("2024-10-30", "GDP rose 2.8% in Q3 2024.", "Q3 2024", "2024-Q3", None),
    ("2025-01-03", "New Year's Day saw heavy drone attacks.", "New Year's Day", "2025-01-01", None),
    ("2023-12-20", "Christmas will be celebrated on a new date.", "Christmas", "2023-12-25", None),
    ("2024-08-06", "Markets fell yesterday.", "yesterday", "2024-08-05", None),
    ("2024-08-06", "Oil has fallen since mid-July.", "mid-July", "2024-07", "MID"),
    ("2024-06-12", "The package will be presented at the end of the month.", "end of the month", "2024-06", "END"),
    ("2024-05-14", "The bridge would reopen by the end of next year.", "end of next year", "2025", "END"),
    ("2024-08-01", "Profits rose in the first half of 2024.", "first half of 2024", "2024-H1", None),
    ("2023-02-20", "Western tanks are expected to arrive in the spring.", "spring", "2023-SP", None),
    ("2024-05-14", "Attacks are likely to continue in the coming months.", "coming months", "FUTURE_REF", None),
    ("2025-02-24", "Three years ago, the Kremlin denied any plans to invade.", "Three years ago", "2022", None),
    ("2024-10-07", "Iran fired about 180 missiles last Tuesday.", "last Tuesday", "2024-10-01", None),
    ("2024-05-14", "Parliament is expected to vote in May.", "May", "2024-05", None),
    ("2015-05-07", "In 2014 support fell to 25 percent, from 40 percent the year before.", "the year before", "2013",
     None),
]


@pytest.mark.parametrize(("reference", "sentence", "text", "value", "mod"), CASES_EN)
def test_en_timex_value(reference: str, sentence: str, text: str, value: str, mod: str | None) -> None:
    found = {t.text: t for t in find_timexes(sentence, "en", D(reference))}
    assert text in found, f"{text!r} not found in {sentence!r}: {list(found)}"
    assert (found[text].value, found[text].mod) == (value, mod)


@pytest.mark.parametrize("sentence", [
    "Son Heung-min scored twice for Tottenham.",
    "Prime Minister Theresa May resigned after failing to pass her deal.",
    "The army deployed 2025 soldiers to the border region.",
    "A survey of 1709 schoolchildren found iodine deficiency.",
    "Prices may fall further as supply grows.",
    "Farmers planted winter wheat across the region.",
    "Neither side scored in the first half.",
    "The article appeared in the Sunday Times.",
    "They held their first direct peace talks in more than three years.",
    "Inflation rose at the fastest pace in a decade.",
])
def test_en_no_false_hits(sentence: str) -> None:
    assert find_timexes(sentence, "en", D("2025-01-15")) == []


def test_en_without_reference_only_explicit() -> None:
    text = "Talks began on March 3, 2024 and will resume next week."
    assert [(t.text, t.value) for t in find_timexes(text, "en", None)] == [("March 3, 2024", "2024-03-03")]


def test_en_infer_dateline() -> None:
    inferred = infer_publication_date("WASHINGTON, March 3, 2024 (Reuters) - The talks ended.", "en")
    assert inferred is not None and inferred.value == D("2024-03-03")


def test_en_infer_new_year_message() -> None:
    text = "In his New Year message, the president said 2025 would be a year of victory."
    inferred = infer_publication_date(text, "en")
    assert inferred is not None and inferred.value == D("2024-12-31")
    assert inferred.earliest >= D("2024-12-01") and inferred.latest <= D("2025-01-05")


def test_en_infer_returns_none_without_evidence() -> None:
    assert infer_publication_date("The minister resigned on Monday after a scandal.", "en") is None
    assert infer_publication_date("Some text.", "xx") is None


def test_en_batch_contract_keys() -> None:
    (row,) = time_batch([{"id": "en-1", "lang": "en", "reference_date": "2024-10-07",
                          "sentence": "Iran fired missiles last week."}])
    assert row["id"] == "en-1"
    (timex,) = row["timex"]
    assert {"text", "start", "end", "value", "mod"} <= set(timex)
    assert (timex["text"], timex["value"], timex["mod"]) == ("last week", "2024-W40", None)


def test_en_language_data_integrity() -> None:
    from lagebild.time.grammar import grammar
    from lagebild.time.lexicon import load_lexicon
    from lagebild.time.normalise import RESOLVERS

    rules = grammar("en")
    assert rules and all(rule.kind in RESOLVERS for rule in rules)
    lex = load_lexicon("en")
    assert sorted(set(lex.months.values())) == list(range(1, 13))
    assert sorted(set(lex.weekdays.values())) == list(range(1, 8))
    assert {"may", "march"} <= lex.needs_context


def test_en_unknown_language_gives_nothing() -> None:
    assert find_timexes("Am Montag, 3. März 2024.", "xx", D("2024-03-05")) == []


def test_en_in_n_units_ahead_is_still_a_date() -> None:
    assert [t.value for t in find_timexes("The talks will resume in two weeks.", "en", D("2025-05-16"))] == ["2025-W22"]
