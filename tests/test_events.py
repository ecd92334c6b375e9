"""Event coding: golden sentences with the events that must and must not be coded."""

from datetime import date

import pytest

from lagebild.pipeline import extract

PUB = date(2025, 6, 15)


def events(text, lang="de", published=PUB):
    """(type, actor codes, recipient codes, negated, hypothetical) of each event."""
    out = []
    for e in extract(text, lang=lang, published=published).events:
        out.append((e.event, {a.code for a in e.actor}, {r.code for r in e.recipient}, e.negated, e.hypothetical))
    return out


def has(found, etype, actors, recipients=None, negated=False, hypothetical=False):
    """Whether an event with these codes (recipients None: any) is among ``found``."""
    return any(t == etype and a >= set(actors) and (recipients is None or r >= set(recipients))
               and n == negated and h == hypothetical for t, a, r, n, h in found)


@pytest.mark.parametrize("text, etype, actors, recipients", [
    ("Washington wirft Peking die Unterstützung Russlands vor.", "ACCUSE", {"USA"}, {"CHN"}),
    ("Moskau wies die Vorwürfe der Ukraine entschieden zurück.", "REJECT", {"RUS"}, None),
    ("Die EU verhängte neue Sanktionen gegen Russland.", "SANCTION", {"EU"}, {"RUS"}),
    ("Russische Truppen griffen in der Nacht die ukrainische Stadt Charkiw an.", "ASSAULT", {"RUS"}, None),
    ("Frankreich und Deutschland unterzeichneten ein Abkommen über Rüstungskooperation.", "SUPPORT", {"FRA", "DEU"}, set()),
    ("Nordkorea hat Tausende Soldaten nach Russland entsandt.", "AID", {"PRK"}, {"RUS"}),
    ("Bundeskanzler Friedrich Merz telefonierte mit dem französischen Präsidenten Emmanuel Macron.", "CONSULT", {"DEU", "FRA"}, set()),
])
def test_de_event_types_and_roles(text, etype, actors, recipients):
    assert has(events(text), etype, actors, recipients), events(text)


def test_de_negated_event():
    found = events("Russland hat das Abkommen nicht unterzeichnet.")
    assert has(found, "SUPPORT", {"RUS"}, negated=True), found


def test_de_speculation_is_hypothetical():
    found = events("Laut dem russischen Botschafter könnte Xi 2025 Russland besuchen.")
    assert has(found, "CONSULT", {"CHN"}, {"RUS"}, hypothetical=True), found


def test_de_announced_cooperation_is_agree():
    found = events("Kim Jong Un kündigte eine engere Zusammenarbeit mit Russland an.")
    assert has(found, "AGREE", {"PRK"}, {"RUS"}), found


def test_de_meeting_in_a_participants_capital_is_a_visit():
    e = extract("Bei einem Treffen in Peking berieten die Außenminister von Nordkorea und China.", lang="de",
                published=PUB).events
    visit = next(x for x in e if x.event == "CONSULT")
    assert visit.mode == "visit" and {r.code for r in visit.recipient} == {"CHN"}


def test_de_source_is_attached():
    e = extract("Nordkorea hat laut KCNA eine Rakete getestet und Südkorea gedroht.", lang="de", published=PUB).events
    assert e and all(x.reported_by == "KCNA" for x in e)


def test_de_evidence_is_a_span_of_the_text():
    text = "Vorspann.\nDie USA verhängten am Montag Sanktionen gegen den Iran."
    analysis = extract(text, lang="de", published=PUB)
    ev = analysis.events[0].evidence
    assert text[ev.start:ev.end] == ev.text and "Sanktionen" in ev.text


def test_de_repeated_mentions_merge():
    text = ("Die USA verhängten neue Sanktionen gegen den Iran. Washington begründete die Sanktionen gegen "
            "Teheran mit dem Atomprogramm. Die USA verhängten die Sanktionen gegen den Iran am Montag.")
    found = [e for e in events(text) if e[0] == "SANCTION"]
    assert len(found) == 1, found


# Wire-report phrasings: light-verb constructions and idioms that code differently from their words.
@pytest.mark.parametrize("text, etype, actors, recipients", [
    ("Die EU belegte Russland mit neuen Sanktionen.", "SANCTION", {"EU"}, {"RUS"}),
    ("Polen erklärte den russischen Konsul zur unerwünschten Person.", "SANCTION", {"POL"}, {"RUS"}),
    ("Iran versprach Vergeltung für den Angriff Israels.", "THREATEN", {"IRN"}, {"ISR"}),
    ("Ungarn gab seinen Widerstand gegen das Sanktionspaket auf.", "CONCEDE", {"HUN"}, None),
    ("Washington setzte die Strafzölle gegen China aus.", "CONCEDE", {"USA"}, {"CHN"}),
    ("Die EU stellte der Ukraine weitere fünf Milliarden Euro zur Verfügung.", "AID", {"EU"}, {"UKR"}),
    ("Polen stärkte der Ukraine den Rücken.", "SUPPORT", {"POL"}, {"UKR"}),
    ("Baerbock hielt Moskau vor, das Völkerrecht zu brechen.", "ACCUSE", {"DEU"}, {"RUS"}),
    ("Russland legte die Gespräche mit Japan auf Eis.", "SANCTION", {"RUS"}, {"JPN"}),
    ("Die israelische Armee nahm Stellungen der Hisbollah unter Feuer.", "ASSAULT", {"ISR"}, None),
    ("Die Hamas ließ drei israelische Geiseln auf freien Fuß.", "RETREAT", {"HAMAS"}, None),
])
def test_de_wire_constructions(text, etype, actors, recipients):
    found = events(text)
    assert has(found, etype, actors, recipients), found


def test_de_idioms_do_not_misfire():
    # "Vormarsch fortsetzen" is no "in Marsch setzen"; a suspended tariff is no new sanction
    assert not has(events("Die russischen Truppen setzten ihren Vormarsch im Donbass fort."), "MOBILIZE", {"RUS"})
    assert not has(events("Washington setzte die Strafzölle gegen China aus."), "SANCTION", {"USA"})


@pytest.mark.parametrize("text", [
    "Die Preise stiegen im Sommer deutlich.",
    "Der Wahlkampf in Bayern beginnt.",
    "Das Wetter in Moskau war sonnig.",
])
def test_de_no_event(text):
    assert events(text) == []


@pytest.mark.parametrize("text, etype, actors, recipients", [
    ("The United States imposed new sanctions on Iran.", "SANCTION", {"USA"}, {"IRN"}),
    ("Russian forces attacked the Ukrainian city of Kharkiv overnight.", "ASSAULT", {"RUS"}, None),
    ("China accused the United States of interfering in its internal affairs.", "ACCUSE", {"CHN"}, {"USA"}),
    # wire-report phrasings: diplomatic protests, light verbs, phrasal verbs, two-noun compounds
    ("China lodged a protest with Japan over the visit.", "ACCUSE", {"CHN"}, None),
    ("Germany voiced concern over the arrest of a French journalist in Iran.", "ACCUSE", {"DEU"}, None),
    ("France condemned the Russian air raids on Kharkiv.", "ACCUSE", {"FRA"}, None),
    ("Israel rejected calls by France for a ceasefire.", "REJECT", {"ISR"}, None),
    ("Sudan lifted the state of emergency in Darfur.", "CONCEDE", {"SDN"}, None),
    ("Mali declared the French ambassador persona non grata.", "SANCTION", {"MLI"}, {"FRA"}),
    ("Iran vowed to avenge the killing of its general by Israel.", "THREATEN", {"IRN"}, None),
    ("Turkish President Recep Tayyip Erdogan received Iranian Foreign Minister Abbas Araghchi in Ankara.",
     "CONSULT", {"IRN"}, {"TUR"}),
    ("The World Bank approved a $1 billion loan to Egypt.", "AID", set(), {"EGY"}),
    ("Washington withdrew from the Paris climate accord.", "SANCTION", {"USA"}, None),
    ("Russia cut off gas supplies to Poland.", "SANCTION", {"RUS"}, {"POL"}),
    ("Czechia and Albania upgraded their diplomatic ties after an 18-year break.", "SUPPORT", {"CZE", "ALB"}, None),
])
def test_en_event_types_and_roles(text, etype, actors, recipients):
    found = events(text, lang="en")
    assert has(found, etype, actors, recipients), found


def test_en_negated_and_hypothetical():
    assert has(events("Russia did not sign the agreement.", lang="en"), "SUPPORT", {"RUS"}, negated=True)
    assert has(events("Xi could visit Moscow next year.", lang="en"), "CONSULT", {"CHN"}, {"RUS"}, hypothetical=True)


@pytest.mark.parametrize("text, lang, etype, actors, recipients", [
    ("Lai hatte China als „ausländische feindliche Kraft“ bezeichnet.", "de", "ACCUSE", {"TWN"}, {"CHN"}),
    ("Peking wertete die Vorwürfe der USA als haltlos.", "de", "REJECT", {"CHN"}, None),
    ("Der Kreml nannte das Treffen mit Trump einen „großen Erfolg“.", "de", "SUPPORT", {"RUS"}, None),
    ("China described the drills as a stern punishment for Taiwan.", "en", "THREATEN", {"CHN"}, None),
    ("Qatar called the Iranian strike a flagrant violation of its sovereignty.", "en", "ACCUSE", {"QAT"}, None),
])
def test_evaluative_speech_coded_by_polarity(text, lang, etype, actors, recipients):
    found = events(text, lang)
    assert has(found, etype, actors, recipients), found


def test_judgement_told_as_statement_is_the_speakers_event():
    assert has(events("Putin sei „völlig verrückt geworden“, sagte Trump."), "ACCUSE", {"USA"}, {"RUS"})
    assert has(events("Xi sagte, die Sanktionen der USA seien illegal."), "ACCUSE", {"CHN"}, {"USA"})
    # a negated judgement is no accusation; a plain statement is no event
    assert not events("Xi sagte, die Sanktionen der USA seien nicht illegal.")
    assert not events("Xi sagte, die USA seien ein großes Land.")


def test_missing_recipient_taken_from_context():
    text = ("Die EU-Außenminister berieten am Montag in Brüssel. "
            "Die EU hatte kurz zuvor beschlossen, die russischen Vermögenswerte einzufrieren.")
    found = extract(text, lang="de", published=PUB).events
    freeze = next(e for e in found if "einzufrieren" in e.evidence.text)
    assert freeze.event == "SANCTION"
    assert {r.code for r in freeze.recipient} == {"RUS"}, freeze.why
    assert any(w.startswith("recipient RUS:") for w in freeze.why)  # from context, and said so
    assert freeze.confidence < 0.7


def test_domestic_bodies_belong_to_the_articles_state():
    found = events("Tiflis (dpa) - In Georgien gehen die Proteste weiter. Die Polizei setzte Wasserwerfer "
                   "und Tränengas ein. Die Opposition boykottiert das neue Parlament.")
    assert has(found, "ASSAULT", {"GEO"}, {"GEO"}), found
    assert has(found, "PROTEST", {"GEO"}, {"GEO"}), found
    # a body with its own country keeps it
    assert has(events("Tiflis (dpa) - Die russische Polizei nahm zwei Georgier fest."), "COERCE", {"RUS"})


def test_oblique_name_group_is_not_the_subject():
    # "den USA" is dative: China accuses, the USA are accused, whatever the word order
    assert has(events("Den USA warf China Einmischung vor."), "ACCUSE", {"CHN"}, {"USA"})


def test_predicative_phrase_names_no_participant():
    found = events("Der Iran verurteilte die Angriffe der USA als schweren Verstoß gegen die UN-Charta.")
    assert has(found, "ACCUSE", {"IRN"}, {"USA"}) and not has(found, "ACCUSE", {"IRN"}, {"UN"}), found


def test_deadline_does_not_date_the_event():
    found = extract("Die Nato-Staaten einigten sich am Mittwoch darauf, bis 2035 fünf Prozent für Verteidigung "
                    "auszugeben.", lang="de", published=PUB).events
    assert found and all(e.date != "2035" for e in found), [(e.event, e.date) for e in found]


def test_agreed_ceasefire_is_a_concession():
    # PLOVER: declarations (not implementations) of ceasefires are CONCEDE; observing one is RETREAT
    assert has(events("Israel und die Hisbollah einigten sich auf eine Waffenruhe."), "CONCEDE", {"ISR"})
    assert has(events("Israel and Iran agreed to a ceasefire on Monday.", "en"), "CONCEDE", {"ISR", "IRN"})


def test_that_clause_without_comma_has_its_own_subject():
    found = events("U.S. President Donald Trump said on Monday that Israel and Iran had agreed to a ceasefire.", "en")
    assert has(found, "CONCEDE", {"ISR", "IRN"}) and not any("USA" in a for _, a, _, _, _ in found), found


def test_warning_about_another_actors_act_is_that_act():
    found = events("Seoul warnte, dass Nordkorea bald Truppen nach Russland schicken könnte.")
    assert has(found, "AID", {"PRK"}, {"RUS"}, hypothetical=True) and not has(found, "THREATEN", {"KOR"}), found
    # a warning of consequences is the speaker's threat
    assert has(events("Pyongyang warned that the United States would pay a dear price.", "en"), "THREATEN", {"PRK"})


def test_absolute_with_phrase_names_the_subject():
    found = events("Talks ended without a ceasefire, with Kyiv accusing Moscow of making unacceptable demands.", "en")
    assert has(found, "ACCUSE", {"UKR"}, {"RUS"}) and not has(found, "ACCUSE", {"RUS"}), found


def test_subject_pronoun_opening_a_sentence_is_the_previous_actor():
    found = events("Die Militärregierung in Niamey hatte ein Militärabkommen mit Washington aufgekündigt. "
                   "Sie warf den USA vor, Niger vorschreiben zu wollen.")
    assert has(found, "ACCUSE", {"NER"}, {"USA"}), found


def test_both_sides_stands_for_the_pair_named_together():
    found = events("Russland und die Ukraine verhandelten in Istanbul. Beide Seiten einigten sich auf einen "
                   "Austausch von Gefangenen.")
    assert has(found, "AGREE", {"RUS", "UKR"}), found
    found = events("China and the Philippines traded accusations. The two countries agreed to hold talks.", "en")
    assert has(found, "AGREE", {"CHN", "PHL"}), found
    # three named together are not "both"
    assert not has(events("Kim, Xi und Putin standen auf der Tribüne. Beide Seiten einigten sich."), "AGREE", {"CHN"})


def test_compound_prefix_describes_the_person_not_a_second_actor():
    found = events("US-Präsident Donald Trump war am Montagmorgen in Israel eingetroffen.")
    assert has(found, "CONSULT", {"USA"}, {"ISR"}), found


@pytest.mark.parametrize("text, lang", [
    ("Wang Yi met Sergei Lavrov in Beijing.", "en"),
    ("Wang Yi traf Sergej Lawrow in Peking.", "de"),
])
def test_meeting_in_one_participants_country_is_a_visit_by_the_other(text, lang):
    assert has(events(text, lang), "CONSULT", {"RUS"}, {"CHN"}), events(text, lang)


def test_state_before_an_english_role_phrase_describes_the_person():
    assert has(events("U.S. President Donald Trump arrived in Israel on Monday.", "en"), "CONSULT", {"USA"}, {"ISR"})


def test_english_possessive_state_before_a_role_describes_the_person():
    found = events("China's Foreign Minister Wang Yi met Russian Foreign Minister Sergei Lavrov in Beijing.", "en")
    assert has(found, "CONSULT", {"RUS"}, {"CHN"}), found


def test_organisation_in_a_role_phrase_describes_the_person():
    found = events("Israel's U.N. Ambassador Danny Danon thanked Washington for its support.", "en")
    assert has(found, "SUPPORT", {"ISR"}, {"USA"}), found


@pytest.mark.parametrize("text, lang", [
    ("Das Außenministerium in Peking verurteilte die Übung und forderte Taiwan zur Zurückhaltung auf.", "de"),
    ("China condemned the drills and urged Taiwan to show restraint.", "en"),
])
def test_coordinated_predicates_share_the_subject(text, lang):
    found = events(text, lang)
    assert has(found, "ACCUSE", {"CHN"}) and has(found, "REQUEST", {"CHN"}, {"TWN"}), found


def test_several_accusers_get_the_counterpart_from_context():
    found = events("Nordkorea hat eine Interkontinentalrakete getestet. Südkorea, die USA und Japan verurteilten "
                   "den Start als Verstoß gegen Resolutionen.")
    assert has(found, "ACCUSE", {"KOR", "USA", "JPN"}, {"PRK"}), found


def test_single_participant_of_a_meeting_meets_the_host_from_context():
    found = events("Ägyptens Präsident empfing in Kairo Vertreter aus 20 Staaten. Auch Israel nahm an dem Gipfel teil.")
    assert has(found, "CONSULT", {"ISR"}, {"EGY"}), found


def test_undated_event_takes_the_date_of_the_event_told_before_it():
    text = ("Die Außenminister Ägyptens und Katars trafen sich am Montag in Kairo. "
            "Israel war bei dem Gipfel nicht vertreten.\n\nIran kritisierte die USA.")
    found = extract(text, lang="de", published=date(2025, 10, 15)).events
    summit = next(e for e in found if "nicht vertreten" in e.evidence.text)
    assert (summit.date, summit.date_how) == ("2025-10-13", "context"), summit.why
    other = next(e for e in found if "kritisierte" in e.evidence.text)
    assert other.date_how == "publication"  # a new paragraph starts a new time


@pytest.mark.parametrize("text, lang", [
    ("Greece, whose companies operate both vessels, condemned the attacks.", "en"),
    ("Griechenland, dessen Reedereien beide Schiffe betreiben, verurteilte die Angriffe.", "de"),
])
def test_main_clause_resumed_after_a_relative_clause_keeps_its_subject(text, lang):
    assert has(events(text, lang), "ACCUSE", {"GRC"}), events(text, lang)


def test_title_and_name_are_one_actor_and_reported_prepositions_no_recipient():
    found = events("Der EU-Außenbeauftragte Josep Borrell warf Ungarn vor, Zahlungen für Waffenlieferungen "
                   "an Kiew zu blockieren.")
    assert ("ACCUSE", {"EU"}, {"HUN"}, False, False) in found, found


def test_inverted_subject_pronoun_and_titled_coordination():
    found = events("US-Präsident Joe Biden, Japans Regierungschef Fumio Kishida und Südkoreas Präsident Yoon Suk "
                   "Yeol trafen sich in Camp David. Auch das nordkoreanische Raketenprogramm kritisierten sie scharf.")
    assert has(found, "CONSULT", {"USA", "JPN", "KOR"}, set()), found
    assert has(found, "ACCUSE", {"USA", "JPN", "KOR"}, {"PRK"}), found


def test_second_predicate_keeps_a_titled_subject():
    found = events("US-Präsident Joe Biden sprach im Weißen Haus von einem Erfolg und dankte Katar und Ägypten "
                   "für ihre Vermittlung.")
    assert has(found, "SUPPORT", {"USA"}, {"QAT", "EGY"}), found


def test_title_word_before_a_name_is_no_judgement():
    found = events("Der nordkoreanische Diktator Kim Jong Un kündigte Pläne zur engeren Zusammenarbeit mit "
                   "Russland an, berichtete KCNA.")
    assert not any(t == "ACCUSE" for t, *_ in found), found


def test_comment_clause_has_its_own_subject_and_is_no_content():
    found = events("Washington wirft Teheran vor, die Huthis mit Waffen zu versorgen, was die iranische Führung "
                   "bestreitet.")
    assert has(found, "ACCUSE", {"USA"}, {"IRN"}) and has(found, "REJECT", {"IRN"}, {"USA"}), found


def test_object_from_a_country_names_the_recipient():
    found = events("Biden dankte den Vermittlern aus Katar, Ägypten und der Türkei.")
    assert has(found, "SUPPORT", {"USA"}, {"QAT", "EGY", "TUR"}), found


def test_announced_delivery_of_a_weapon_system_is_agree():
    found = events("Die Bundesregierung hatte angekündigt, der Ukraine ein weiteres Patriot-Flugabwehrsystem zu liefern.")
    assert has(found, "AGREE", {"DEU"}, {"UKR"}), found


def test_second_main_clause_after_comma_and_has_its_own_subject():
    found = events("A powerful earthquake struck Myanmar on Friday. India flew in rescue teams and relief supplies, "
                   "and Russia sent rescuers and aircraft.", "en")
    assert has(found, "AID", {"IND"}, {"MMR"}), found
    assert any(a == {"RUS"} and r == {"MMR"} for _, a, r, *_ in found), found


def test_terms_of_an_agreement_are_no_events_of_their_own():
    found = events("Das Abkommen sieht den Abzug ruandischer Truppen aus dem Ostkongo binnen 90 Tagen vor. "
                   "Im Gegenzug sollen rund 2000 palästinensische Häftlinge freikommen.")
    assert not any(t == "RETREAT" for t, *_ in found), found
    done = events("Israel ließ im Gegenzug 1968 palästinensische Häftlinge frei.")
    assert any(t == "RETREAT" for t, *_ in done), done


def test_not_recognising_is_a_refusal():
    found = events("Venezuela does not recognize the court's jurisdiction over the dispute.", "en")
    assert has(found, "REJECT", {"VEN"}), found


def test_vote_against_and_asyndetic_second_clause():
    found = events("Die Resolution wurde angenommen. Russland, China und Burkina Faso stimmten dagegen. "
                   "13 der 15 Ratsmitglieder stimmten dafür, China enthielt sich.")
    assert has(found, "REJECT", {"RUS", "CHN", "BFA"}), found
    assert not any(t == "SUPPORT" and "CHN" in a for t, a, *_ in found), found


def test_both_and_the_two_ministers_refer_to_the_pair_named_before():
    found = events("Putin und Kim unterzeichneten einen Vertrag. Beide warfen den USA vor, die Spannungen zu schüren.")
    assert has(found, "ACCUSE", {"RUS", "PRK"}, {"USA"}), found
    found = events("Die Außenminister Ruandas und Kenias unterzeichneten das Abkommen. US-Präsident Donald Trump "
                   "empfing die beiden Minister anschließend im Weißen Haus.")
    assert has(found, "CONSULT", {"RWA", "KEN"}, {"USA"}), found


def test_attribution_after_a_comma_is_no_second_clause():
    text = ("Vietnamese-led forces launched rocket fire against Kampuchean guerrilla camps near the Thai border "
            "today, Thai military sources said.")
    assert any(t == "ASSAULT" for t, *_ in events(text, "en")), events(text, "en")


def test_an_office_with_no_holder_on_record_still_acts_for_its_state():
    found = events("Die kongolesische Außenministerin rief die internationale Gemeinschaft auf, die Waffenruhe zu überwachen.")
    assert has(found, "REQUEST", {"COD"}), found


def test_coordinated_country_adjectives_each_act():
    found = events("Amerikanische und britische Kampfflugzeuge halfen bei der Abwehr der Drohnen über Israel.")
    assert has(found, "AID", {"USA", "GBR"}), found
    found = events("Kambodschanische Einheiten feuerten Raketen auf Dörfer in Thailand.")
    assert has(found, "ASSAULT", {"KHM"}, {"THA"}), found


def test_surname_of_a_person_named_in_full_before():
    found = events("Rubio traf den panamaischen Präsidenten José Raúl Mulino. "
                   "Mulino wies jeden Zweifel an der Souveränität seines Landes zurück.")
    assert has(found, "REJECT", {"PAN"}), found


def test_second_main_clause_after_a_fronted_phrase():
    found = events("Wheeler had been summoned to the ministry earlier in the evening, and in a separate statement "
                   "New Delhi dismissed the allegations as baseless.", "en")
    assert has(found, "REJECT", {"IND"}), found


@pytest.mark.parametrize("text, lang, etype, actors", [
    ("US-Außenminister Antony Blinken nannte die Entscheidung Russlands „skrupellos“.", "de", "ACCUSE", {"USA"}),
    ("Auch das Weiße Haus zeigte sich zufrieden mit dem Abkommen zwischen Riad und Teheran.", "de", "SUPPORT", {"USA"}),
    ("Japan's foreign ministry expressed concern about China's military drills.", "en", "ACCUSE", {"JPN"}),
])
def test_stances_and_judging_words(text, lang, etype, actors):
    found = events(text, lang)
    assert has(found, etype, actors), found


def test_closing_the_border_to_a_neighbour_is_a_sanction():
    assert has(events("Am Donnerstag schloss Thailand sämtliche Grenzübergänge zu Kambodscha."), "SANCTION", {"THA"})
    assert has(events("Pakistan closed the main border crossings with Afghanistan on Oct. 12.", "en"), "SANCTION", {"PAK"})


def test_genitive_owner_of_the_subject_noun_acts():
    found = events("Ein Sprecher des chinesischen Außenministeriums warf den drei Ländern vor, die Konfrontation zu schüren.")
    assert has(found, "ACCUSE", {"CHN"}), found


def test_two_known_names_side_by_side_are_two_people():
    found = events("Zum Abschluss seines Besuchs lud Putin Kim zu einem Gegenbesuch nach Moskau ein.")
    assert has(found, "AGREE", {"RUS"}, {"PRK"}), found


@pytest.mark.parametrize("text, lang, actors", [
    ("China behalte sich das Recht vor, weitere Schritte zu unternehmen, sagte ein Sprecher in Peking.", "de", {"CHN"}),
    ("Alle Optionen lägen auf dem Tisch, sagte der nigerianische Präsident.", "de", {"NGA"}),
    (("Sollte Israel einen weiteren Fehler begehen, werde die Antwort erheblich härter ausfallen, "
      "sagte der iranische Außenminister."), "de", {"IRN"}),
    ("Netanyahu promised \"a strong response\" to the court's decision.", "en", {"ISR"}),
])
def test_set_formulas_of_a_threat_and_the_speaker_after_the_statement(text, lang, actors):
    found = events(text, lang)
    assert has(found, "THREATEN", actors), found
    assert not any(t == "THREATEN" and "ISR" in a for t, a, *_ in found if "Sollte Israel" in text), found


def test_what_a_warning_is_about_is_no_event_of_its_own():
    found = events("Moskau hat Kiew vor weiteren Angriffen gewarnt.")
    assert has(found, "THREATEN", {"RUS"}, {"UKR"}) and not any(t == "ASSAULT" for t, *_ in found), found


@pytest.mark.parametrize("text, lang, etype, actors, recipients", [
    ("Peking rät seinen Bürgern von Reisen nach Japan ab.", "de", "SANCTION", {"CHN"}, {"JPN"}),
    ("Die USA wollen Abgaben auf sämtliche Einfuhren aus Brasilien erheben.", "de", "SANCTION", {"USA"}, {"BRA"}),
    ("Beijing cut off military talks with Washington in August 2022.", "en", "SANCTION", {"CHN"}, {"USA"}),
    ("The European Union will restore its sanctions on Iran.", "en", "SANCTION", {"EU"}, {"IRN"}),
    ("The opposition called for protests against the government in Seoul.", "en", "PROTEST", {"KOR"}, None),
])
def test_travel_warnings_levies_cut_talks_restored_sanctions_protest_calls(text, lang, etype, actors, recipients):
    found = events(text, lang)
    assert any(t == etype and a >= actors and (recipients is None or r >= recipients) for t, a, r, *_ in found), found


def test_relative_clause_on_the_subject_and_the_resumed_main_clause():
    found = events("Pakistan, which denies any role in that attack, condemned the strikes.", "en")
    assert has(found, "REJECT", {"PAK"}) and has(found, "ACCUSE", {"PAK"}), found
    found = events("Pakistan, das jede Beteiligung bestreitet, verurteilte die Angriffe.")
    assert has(found, "REJECT", {"PAK"}) and has(found, "ACCUSE", {"PAK"}), found


def test_said_it_would_is_the_speakers_announcement_not_a_speculation():
    found = events("The Myanmar military said on Tuesday it would halt fighting for one month.", "en")
    assert has(found, "CONCEDE", {"MMR"}), found
    found = events("Analysts said China would invade Taiwan.", "en")
    assert has(found, "ASSAULT", {"CHN"}, {"TWN"}, hypothetical=True), found


def test_blacklisting_and_pausing_operations():
    assert has(events("Trump put Cuba back on the list of state sponsors of terrorism in January 2021.", "en"),
               "SANCTION", {"USA"}, {"CUB"})
    assert has(events("Die USA setzten Kuba wieder auf die Terrorliste."), "SANCTION", {"USA"}, {"CUB"})


@pytest.mark.parametrize("text, lang", [
    ("Das Treffen von Wang Yi und Takeshi Iwaya endete ohne Einigung.", "de"),
    ("Talks between Russia and Ukraine ended without an agreement.", "en"),
    ("Nach stundenlangen Gesprächen zwischen der EU und China blieb eine Einigung jedoch aus.", "de"),
])
def test_an_agreement_that_did_not_come_is_a_negated_agree_beside_the_talks(text, lang):
    found = events(text, lang)
    assert any(t == "AGREE" and len(a) == 2 and n for t, a, r, n, h in found), found
    assert any(t == "CONSULT" and not n for t, a, r, n, h in found), found


@pytest.mark.parametrize("text, lang", [
    ("Israel and Hamas agreed to a truce. Both sides accused each other of violations.", "en"),
    (("Indien und Pakistan vereinbarten eine Waffenruhe. Wenige Stunden später warfen sich beide Seiten "
      "gegenseitig Verstöße vor."), "de"),
])
def test_accusing_each_other_is_one_accusation_each_way(text, lang):
    found = [(t, a, r) for t, a, r, n, h in events(text, lang) if t == "ACCUSE"]
    assert len(found) == 2 and {frozenset(a) for _, a, _ in found} == {frozenset({x}) for x in found[0][1] | found[0][2]}, found


def test_pronoun_after_the_verb_is_the_subject_of_a_fronted_object():
    found = events("Panamas Präsident José Raúl Mulino sprach mit Journalisten. "
                   "Washington bot er technische Gespräche über die amerikanischen Bedenken an.")
    assert has(found, "AGREE", {"PAN"}, {"USA"}), found


def test_a_complaint_filed_somewhere_accuses_the_one_it_is_against():
    found = events("Kiew reichte am Montag bei der Welthandelsorganisation Beschwerde gegen Polen ein.")
    assert has(found, "ACCUSE", {"UKR"}, {"POL"}), found


def test_the_genitive_of_an_amount_is_not_the_actor_of_the_event_noun():
    found = events("Trudeau announced 25% tariffs on up to 155 billion Canadian dollars of U.S. imports.", "en")
    assert has(found, "SANCTION", {"CAN"}, {"USA"}), found


def test_police_act_where_the_sentence_places_them_not_where_a_verb_points():
    found = events("Police detained 16 university students who tried to enter the Japanese embassy in Seoul.", "en")
    assert has(found, "COERCE", {"KOR"}), found


def test_construction_across_an_infinitive_after_a_comma():
    found = events("India's foreign ministry said it had no faith in the Canadian government. It then ordered six "
                   "Canadian diplomats, among them acting High Commissioner Stewart Wheeler, to leave the country.", "en")
    assert has(found, "SANCTION", {"IND"}, {"CAN"}), found


def test_so_called_is_no_call_for_talks():
    found = events("The defense ministers of South Korea and the United States met in Washington for so-called "
                   "\"2+2\" talks.", "en")
    assert not any(t == "REQUEST" for t, *_ in found) and has(found, "CONSULT", {"KOR"}, {"USA"}), found
