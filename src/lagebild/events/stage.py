"""The events stage: every sentence's clauses coded into PLOVER events, then merged per article."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from lagebild import lang as langdata
from lagebild.config import Settings
from lagebild.events import modality
from lagebild.events.arguments import Group, attribution_spans, build_groups, mark_sources
from lagebild.events.clauses import Clause, infinitive_clause, says, split_clauses
from lagebild.events.coder import Roles, acting, noun_roles, ref, syntax, unique_refs, verb_roles
from lagebild.events.lexicon import Entry, Lexicon, fold, lexicon
from lagebild.events.merge import MUTUAL_TYPES, merge_events
from lagebild.events.triggers import Trigger, find_triggers, negating_preposition, token_keys
from lagebild.nlp.tagger import tagset
from lagebild.records import ActorRef, Analysis, Event, Evidence, Mention, Sentence, Timex, Token
from lagebild.registry import StageFn, stage

STAGE = "lagebild.events.v1"
RECIPROCAL_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE", "SUPPORT"})
# Triggers of these types take an event as their content ("forderte, die Gefangenen freizulassen" is
# one REQUEST): event words in their zu-infinitive or dass-clause are not coded again.
FRAMING_TYPES = frozenset({"AGREE", "REQUEST", "THREATEN", "REJECT", "ACCUSE"})
# These types are themselves statements of intent: an intention cue does not make them hypothetical.
INTENT_TYPES = frozenset({"AGREE", "REQUEST", "THREATEN", "REJECT", "ACCUSE"})
CIVILIAN_SECTORS = frozenset({"CVL", "OPP", "BUS", "REF", "NGO", "EDU", "LAB", "MED"})


@dataclass(frozen=True)
class SentenceView:
    """One sentence with what coding needs."""

    sentence: Sentence
    tokens: tuple[Token, ...]
    mentions: tuple[Mention, ...]
    timexes: tuple[Timex, ...]
    text: str
    lang: str
    published: date | None = None


def _setting_noun(view: SentenceView, trig: Trigger) -> bool:
    """A noun trigger after a setting preposition ("bei einem Treffen") is an event of its own;
    after a definite article ("nach dem Treffen", "am Rande des Gipfels") it is one already told."""
    preps = set(syntax(view.lang).get("setting_prepositions", []))
    definite = set(langdata.load(view.lang, "nlp").get("definite_articles", []))
    window = view.tokens[max(0, trig.index - 4):trig.index]
    if any(t.text.lower() in definite for t in window):
        return False
    return any((t.lemma or t.text).lower() in preps or t.text.lower() in preps for t in window)


def _anaphoric(view: SentenceView, trig: Trigger) -> bool:
    """A noun after a demonstrative ("Diese Zusammenkunft") refers back to an event already told."""
    demonstrative = tagset(view.lang).get("demonstrative", frozenset())
    return trig.kind == "noun" and any(t.pos in demonstrative for t in view.tokens[max(0, trig.index - 3):trig.index])


def _keep(triggers: list[Trigger], view: SentenceView) -> list[Trigger]:
    """One clause, one predicate: the best verb or construction trigger (constructions first, then
    the more confident). Noun triggers next to it are its content ("beschuldigen ... der
    Unterstützung") unless they name the setting ("bei einem Treffen"); nouns that refer back
    ("diese Zusammenkunft") are not new events."""
    triggers = [t for t in triggers if not _anaphoric(view, t)]
    predicates = [t for t in triggers if t.kind != "noun"]
    if not predicates:
        return triggers
    best = max(predicates, key=lambda t: (t.kind == "construction", t.entry.confidence, -t.index))
    return [t for t in triggers if t is best or (t.kind == "noun" and _setting_noun(view, t)
                                                  and not _warned_of(view, best, t))]


def _warned_of(view: SentenceView, verb: Trigger, noun: Trigger) -> bool:
    """A noun after the preposition of a warning verb is what the warning is about ("warnte Kiew vor
    weiteren Angriffen"), not an event told as its setting."""
    if verb.lemma not in langdata.words(view.lang, "event_syntax", "warning_verbs"):
        return False
    preps = langdata.words(view.lang, "event_syntax", "warning_prepositions")
    return any(t.text.lower() in preps for t in view.tokens[max(0, noun.index - 4):noun.index])


def _sources(view: SentenceView, groups: list[Group], lex: Lexicon) -> tuple[str | None, str | None]:
    """(code, text) of who the sentence cites, e.g. ("KCNA", "die Nachrichtenagentur KCNA")."""
    named_media = lambda g: not any(m.is_source and m.kb_id for m in g.mentions)
    for g in sorted(groups, key=named_media):
        if g.source and g.codes:
            m = next((m for m in g.mentions if m.is_source and m.kb_id), g.mentions[0])
            return m.code, m.text
    for a, b in attribution_spans(view.tokens, lex, view.lang):
        start, end = view.tokens[a].start, view.tokens[b].end
        return None, view.text[start:end]
    return None, None


def _attribution_clause(view: SentenceView, clause: Clause, lex: Lexicon) -> bool:
    """A clause that only says who reports: ", berichtet die Nachrichtenagentur KCNA"."""
    return any((t.verb_lemma or t.lemma) in lex.attribution_verbs for t in view.tokens[clause.start:clause.end])


def _date(view: SentenceView, clause: Clause, parent: Clause | None) -> Timex | None:
    """The temporal expression governing the clause: in the clause, else in its governing clause
    (never one from a content clause: "hoffte, dass 2025 ..." does not date the hope)."""
    for c in (clause, parent):
        if c is None:
            continue
        start, end = view.tokens[c.start].start, view.tokens[c.end - 1].end
        inside = [t for t in view.timexes if start <= t.start < end and not _deadline(view, t)]
        if inside:
            return inside[0]
    return None


def _deadline(view: SentenceView, timex: Timex) -> bool:
    """A time named as a deadline or target ("bis 2035", "by 2035", "bis Ende des Jahres"): it dates
    what is to be reached, not the event told."""
    before = view.text[max(view.sentence.start, timex.start - 12):timex.start].lower().split()
    return bool(before) and before[-1] in langdata.words(view.lang, "nlp", "deadline_markers")


def event_date(timex: Timex | None) -> tuple[str | None, str | None]:
    """TIMEX3 value and precision an event gets; "Ende 2024" (2024, END) -> 2024-12."""
    if timex is None or not timex.value[:1].isdigit():
        return None, None  # PAST_REF / FUTURE_REF say only "before" or "after"
    if timex.precision == "year" and timex.mod in ("END", "START") and timex.value.isdigit():
        return f"{timex.value}-{'12' if timex.mod == 'END' else '01'}", "month"
    return timex.value, timex.precision


def _mode_cues(view: SentenceView, trig: Trigger, clause: Clause, parent: Clause | None,
               lex: Lexicon) -> tuple[str | None, str | None]:
    """(speculation cue, intention cue) of a trigger; the intention is only looked for when nothing
    speculates ("könnte" wins over "plant")."""
    hyp = modality.hypothetical(view.tokens, trig, clause, parent, lex, view.lang)
    return hyp, None if hyp is not None else modality.intention(view.tokens, trig, clause, parent, lex, view.lang)


def _finish_roles(roles: Roles, trig: Trigger, inherited: list[Mention], reciprocal: bool) -> Roles:
    """Reciprocity, hosts and inherited actors applied to the raw roles."""
    if inherited and not roles.has_subject and (trig.kind != "noun" or not roles.actors):
        roles.actors = inherited + roles.actors
        roles.why.append("actor inherited from the governing clause")
    actor_codes = {m.code for m in roles.actors}
    host_codes = {m.country for m in roles.hosts}
    if trig.entry.type == "CONSULT" and host_codes and not roles.recipients and not host_codes & actor_codes:
        roles.recipients = list(roles.hosts)  # "zu Gesprächen in Moskau erwartet": Moscow hosts
        roles.why.append(f"host {sorted(host_codes)}: place of the visit")
        roles.visit = True
    elif trig.entry.type == "CONSULT" and host_codes & (actor_codes | {m.code for m in roles.recipients}):
        # the participants from elsewhere visit the host ("Wang Yi met Sergei Lavrov in Beijing": RUS visits CHN)
        participants = roles.actors + roles.recipients + roles.partner_mentions + roles.objects
        roles.recipients = [m for m in roles.hosts if m.country in host_codes]
        roles.actors = [m for m in participants if m.code not in host_codes and m.country not in host_codes]
        roles.why.append(f"host {sorted(host_codes)}: meeting place")
        roles.visit = True
    elif reciprocal and trig.entry.type in RECIPROCAL_TYPES:
        roles.actors = roles.actors + roles.partner_mentions + roles.objects
        roles.recipients = []
    roles.recipients = [m for m in roles.recipients if m.code not in {a.code for a in roles.actors}]
    return roles


def actor_kind(actors: list[Mention]) -> str:
    """state, civilian or armed_group: which kind of actor acts (for by_actor codings)."""
    from lagebild.actors.kb import KnowledgeBase

    kb = KnowledgeBase.load()
    for m in actors:
        entry = kb.get(m.kb_id) if m.kb_id else None
        if (entry is not None and entry.kind == "armed_group") or m.sector == "REB":
            return "armed_group"
        if m.type == "ORG" and m.kb_id is None and m.sector in CIVILIAN_SECTORS:
            return "civilian"
    return "state"


def coding(view: SentenceView, trig: Trigger, clause: Clause, roles: Roles, lex: Lexicon) -> tuple[str, str | None, list[str]]:
    """(type, mode, reasons): the entry's coding, changed for joint action, a missing recipient or the kind of actor."""
    entry = trig.entry
    etype, mode, why = entry.type, entry.mode, []
    text = " " + " ".join(t.text.lower() for t in view.tokens[clause.start:clause.end]) + " "
    joint = any(f" {w} " in text or f" {w}e" in text for w in lex.joint_markers)
    if entry.joint_type and (joint or roles.partners or len({m.code for m in roles.actors}) > 1):
        etype, mode = entry.joint_type, None
        why.append(f"joint action -> {etype}")
    if entry.no_recipient and not roles.recipients:
        etype, mode = entry.no_recipient
        why.append(f"no recipient -> {etype}")
    if roles.visit and etype == "CONSULT":
        mode = "visit"
    kind = actor_kind(roles.actors)
    for k, t, m in entry.by_actor:
        if k == kind:
            etype, mode = t, m
            why.append(f"actor is {kind} -> {etype}")
    return etype, mode, why


def _content_of_framing(view: SentenceView, triggers: list[Trigger]) -> list[Trigger]:
    """Triggers that are not the infinitive content of an earlier framing trigger in the clause."""
    tags = tagset(view.lang)
    kept: list[Trigger] = []
    for trig in triggers:
        framed = any(k.entry.type in FRAMING_TYPES and k.index < trig.index for k in kept)
        if framed and view.tokens[trig.index].pos in tags["infinitive"]:
            continue
        kept.append(trig)
    return kept


def _late_recipients(roles: Roles, later: list[Group], lex: Lexicon) -> None:
    """A directed event with no recipient in its clause takes one named by a recipient preposition in
    a following clause of the sentence ("..., was seine Haltung gegenüber den USA unterstreicht")."""
    if roles.recipients or not roles.actors:
        return
    for g in later:
        if lex.prepositions.get(g.governor or "") in ("recipient", "target") and acting(g):
            roles.recipients.extend(acting(g))
            roles.why.append(f"recipient {sorted(g.codes)}: after '{g.governor}' later in the sentence")
            return


def _as_mention(ref: ActorRef) -> Mention:
    """An earlier event's actor, usable as a mention again."""
    return Mention(ref.start, ref.end, ref.text, "GPE", -1, ref.kb_id, ref.name, ref.code, ref.country,
                   ref.role, ref.sector, False, 0.6, STAGE)


def _object_event_actors(trig: Trigger, content: list[Trigger], history: list[Event]) -> tuple[list[Mention], str]:
    """The actors of an earlier event that a content noun refers back to ("verurteilte die Angriffe"
    -> who attacked), as recipients of a directed event that names none."""
    for noun in content:
        if noun.index == trig.index:
            continue
        earlier = next((e for e in reversed(history) if e.event == noun.entry.type and e.actor), None)
        if earlier is not None:
            return [_as_mention(r) for r in earlier.actor], noun.lemma
    return [], ""


def _absolute_subject(view: SentenceView, trig: Trigger, groups: list[Group]) -> list[Group]:
    """"with Kyiv accusing Moscow of ...": the group between "with" and a participle trigger is that
    verb's subject, not a partner (event_syntax.yaml: absolute_prepositions)."""
    preps = langdata.words(view.lang, "event_syntax", "absolute_prepositions")
    if not preps or view.tokens[trig.index].pos not in tagset(view.lang).get("present_participle", frozenset()):
        return groups
    return [replace(g, governor=None) if g.governor in preps and g.last + 1 == trig.index else g for g in groups]


def _outside_predicative(view: SentenceView, trig: Trigger, groups: list[Group]) -> list[Group]:
    """Groups not inside a predicative "als"/"as" phrase after the trigger: in "verurteilte die
    Angriffe als Verstoß gegen die UN-Charta" the UN is not the accused. Prepositional groups only
    ("mehr als 700 ukrainische Drohnen" keeps its object)."""
    markers = langdata.words(view.lang, "nlp", "predicative_markers")
    marks = [k for k in range(trig.index + 1, len(view.tokens)) if view.tokens[k].text.lower() in markers]
    if not marks:
        return groups
    return [g for g in groups if g.governor is None or g.first < marks[0]]


def code_clause(view: SentenceView, clause: Clause, parent: Clause | None, groups: list[Group],
                lex: Lexicon, inherited: list[Mention], found: list[Trigger], history: list[Event],
                said_by: list[Mention] | None = None) -> list[Event]:
    """Events of one clause, from the triggers found in it. ``said_by``: the speaker of a verb of saying
    after the clause ("Alle Optionen lägen auf dem Tisch, sagte Tinubu"), the actor of a speech act
    (a threat, demand, accusation, ...) that names none of its own."""
    in_clause = [g for g in groups if clause.start <= g.first < clause.end and not g.source]
    later = [g for g in groups if g.first >= clause.end and not g.source]
    kept = _keep(_content_of_framing(view, found), view)
    content = [t for t in found if t.kind == "noun" and t not in kept]
    events = []
    for trig in kept:
        roles_of = verb_roles if trig.kind != "noun" else noun_roles
        args = _absolute_subject(view, trig, _outside_predicative(view, trig, in_clause))
        roles = roles_of(view.tokens, trig, clause, args, lex, view.lang)
        if trig.kind == "noun" and not roles.actors:
            roles.actors.extend(m for g in in_clause if g.governor is None for m in acting(g))
        if trig.kind == "noun" and not roles.actors and events and negating_preposition(view.tokens, trig.index, lex, view.lang):
            # "Das Treffen von Wang und Iwaya endete ohne Einigung": the outcome that did not come is the
            # meeting's participants'
            roles.actors.extend(_as_mention(r) for r in events[-1].actor + events[-1].recipient)
            roles.why.append("actors: the participants of the event the clause tells")
        cues = _mode_cues(view, trig, clause, parent, lex)
        # the actor announces the act ("kündigte eine Zusammenarbeit mit Russland an"): the
        # announcer's own AGREE with the partner as recipient, not a mutual act
        announced = trig.entry.type in lex.future_recode and cues[1] is not None
        roles = _finish_roles(roles, trig, inherited, reciprocal=trig.entry.reciprocal and not announced)
        if not (trig.entry.reciprocal and trig.entry.type in RECIPROCAL_TYPES) or announced:
            _late_recipients(roles, later, lex)
            if not roles.recipients and roles.actors:
                refs, noun = _object_event_actors(trig, content, history + events)
                codes = {m.code for m in roles.actors}
                roles.recipients = [m for m in refs if m.code not in codes]
                if roles.recipients:
                    roles.why.append(f"recipient {sorted({m.code for m in roles.recipients})}: actor of the '{noun}' told before")
        if said_by and trig.entry.type in SPEECH_ACT_TYPES and not any(m.code and m.code != "UNK" for m in roles.actors):
            roles.actors = list(said_by)
            roles.recipients = [m for m in roles.recipients if m.code not in {a.code for a in said_by}]
            roles.why.append(f"actor {sorted({m.code for m in said_by})}: the speaker after the statement")
        event = _event(view, trig, clause, parent, roles, lex, cues)
        if event is not None:
            events.extend(_each_to_the_other(view, clause, event))
    return events


def _each_to_the_other(view: SentenceView, clause: Clause, event: Event) -> list[Event]:
    """A directed act of several actors on each other ("warfen sich gegenseitig Verstöße vor", "accused
    each other"): one event per actor, the others its recipients."""
    actors = [a for a in event.actor if a.code != "UNK"]
    if len(actors) < 2 or event.recipient or event.event not in DIRECTED_TYPES or event.event in MUTUAL_TYPES:
        return [event]
    text = " " + " ".join(t.text.lower() for t in view.tokens[clause.start:clause.end]) + " "
    markers = langdata.words(view.lang, "event_syntax", "reciprocal_markers")
    marker = next((m for m in markers if f" {m} " in text), None)
    if marker is None:
        return [event]
    return [replace(event, actor=(a,), recipient=tuple(b for b in actors if b is not a),
                    why=event.why + (f"'{marker}': each actor's act on the other",)) for a in actors]


# What is done by saying it: the speaker of the statement is the actor.
SPEECH_ACT_TYPES = frozenset({"ACCUSE", "REJECT", "REQUEST", "THREATEN", "SUPPORT", "AGREE"})


def _trailing_speaker(view: SentenceView, clauses: list[Clause], groups: list[Group],
                      found: list[list[Trigger]]) -> tuple[int, list[Mention]] | None:
    """(clause index, speaker) of a verb of saying after a comma that ends the sentence (", sagte
    Kremlsprecher Dmitri Peskow", ", a spokesman said"): its named subject."""
    for n in range(len(clauses) - 1, 0, -1):
        clause = clauses[n]
        if clause.kind != "main" or view.tokens[clause.start - 1].text != "," or found[n]:
            continue
        if not says(view.tokens, clause.start, clause.end, view.lang):
            continue
        # all its groups, those _mark_reporters made sources too: here the reporter is the speaker
        bare = [g for g in groups if clause.start <= g.first < clause.end and g.governor is None]
        speaker = acting(bare[0]) if bare else []
        return (n, speaker) if speaker else None
    return None


def _condition(view: SentenceView, clause: Clause, lex: Lexicon) -> bool:
    """A clause opened by a condition ("Sollte Israel angreifen, werde ..."): its subject is not the
    subject of the clause after it (nlp.yaml condition_verbs: the verb-first conditions)."""
    first = view.tokens[clause.start].text.lower()
    return first in lex.conditional or first in langdata.words(view.lang, "nlp", "condition_verbs")


def _event(view: SentenceView, trig: Trigger, clause: Clause, parent: Clause | None, roles: Roles,
           lex: Lexicon, cues: tuple[str | None, str | None]) -> Event | None:
    """The Event record, or None when no actor is known on either side."""
    actors = unique_refs(roles.actors)
    recipients = tuple(r for r in unique_refs(roles.recipients) if r.code not in {a.code for a in actors})
    if not any(a.code != "UNK" for a in actors):
        return None  # PLOVER events need a source actor; "Soldaten sind gefallen" names none
    etype, mode, coded_why = coding(view, trig, clause, roles, lex)
    neg = modality.negation(view.tokens, trig, clause, parent, lex, view.lang)
    if neg is not None and trig.entry.negated:  # "erkennt die Wahl nicht an": a refusal, not a negated act
        coded_why.append(f"negated by '{neg}': {etype} -> {trig.entry.negated}")
        etype, mode, neg = trig.entry.negated, None, None
    hyp, intent = cues
    if trig.kind == "noun" and _setting_noun(view, trig):
        intent = None
    if intent is not None and etype in lex.future_recode:
        coded_why.append(f"announced or future ('{intent}'): {etype} -> {lex.future_recode[etype]}")
        etype, mode = lex.future_recode[etype], None
    elif intent is not None and etype not in INTENT_TYPES and intent in ("future tense",) + lex.future_phrases:
        hyp = intent  # "wird ... verhängen"; an announcement of a done act ("gab ... bekannt") is real
    if _deal_terms(view, clause, parent, hyp is not None, lex):
        return None  # "Das Abkommen sieht den Abzug vor", "Im Gegenzug sollen Häftlinge freikommen"
    hist = modality.historical(view.tokens, clause, lex)
    date, precision = event_date(_date(view, clause, parent))
    how = "text" if date else None
    if date is None and view.published is not None:
        date, precision, how = view.published.isoformat(), "day", "publication"  # no time named: the report's day
    start, end = view.tokens[clause.start].start, view.tokens[clause.end - 1].end
    if clause.end - clause.start < 5:
        start, end = view.sentence.start, view.sentence.end
    tok = view.tokens[trig.index]
    why = [f"'{tok.text}' ({trig.kind}, lemma {trig.lemma}) codes {trig.entry.type}"
           + (f" mode {trig.entry.mode}" if trig.entry.mode else "")] + coded_why + roles.why
    why += [f"{label} by '{cue}'" for label, cue in (("negated", neg), ("hypothetical", hyp), ("historical", hist)) if cue]
    mention_conf = min([m.confidence for m in roles.actors + roles.recipients] or [0.5])
    return Event(event=etype, actor=actors, recipient=recipients,
                 evidence=Evidence(start, end, view.text[start:end]), mode=mode,
                 context=(trig.entry.context,) if trig.entry.context else (), date=date,
                 date_precision=precision, date_how=how, negated=neg is not None,
                 hypothetical=hyp is not None, historical=hist is not None, trigger=trig.lemma,
                 trigger_span=(tok.start, tok.end), confidence=round(trig.entry.confidence * mention_conf, 3),
                 why=tuple(why), sent=view.sentence.index, stage=STAGE)


def _deal_terms(view: SentenceView, clause: Clause, parent: Clause | None, hypothetical: bool,
                lex: Lexicon) -> bool:
    """Whether the clause states the terms of an agreement (modality.yaml ``terms``): a verb such as
    "vorsehen" in it or its governing clause, or, for a hypothetical event, a phrase such as "im Gegenzug"."""
    scope = [view.tokens[i] for c in (clause, parent) if c is not None for i in range(c.start, c.end)]
    if any((t.verb_lemma or t.lemma) in lex.terms_verbs for t in scope):
        return True
    text = " " + " ".join(view.tokens[i].text.lower() for i in range(clause.start, clause.end)) + " "
    return hypothetical and any(f" {p} " in text for p in lex.terms_phrases)


def _mark_reporters(view: SentenceView, groups: list[Group], clauses: list[Clause],
                    found: list[list[Trigger]], lex: Lexicon) -> list[Group]:
    """Groups that only report (", berichtet die Nachrichtenagentur KCNA") marked as sources."""
    spans = attribution_spans(view.tokens, lex, view.lang)
    out = []
    for g in mark_sources(groups, spans):
        n = next(i for i, c in enumerate(clauses) if c.start <= g.first < c.end)
        reporting = g.governor is None and not found[n] and _attribution_clause(view, clauses[n], lex)
        out.append(replace(g, source=True) if reporting else g)
    return out


def _is_content(view: SentenceView, clauses: list[Clause], n: int, found: list[list[Trigger]]) -> bool:
    """A complement clause ("dass ...") of a clause with an event trigger, or any sub clause of a
    framing trigger, is that event's content, not an event of its own."""
    clause = clauses[n]
    if clause.kind != "sub" or clause.parent is None:
        return False
    parent_triggers = found[clause.parent]
    if any(t.entry.type in FRAMING_TYPES and t.kind != "noun" for t in parent_triggers):
        return True
    first = view.tokens[clause.start].text.lower()  # "dass", "ob"; "that", "whether"
    return bool(parent_triggers) and first in langdata.words(view.lang, "nlp", "complementizers")


# A dateline opens a news text: "Seoul (dpa) -", "WASHINGTON/DUBAI, June 24 (Reuters) -". Its places
# and agency say where and by whom the text was filed; they are not actors of the first sentence.
DATELINE = re.compile(r"^\s*[A-ZÄÖÜ][\w.'-]*(?:\s*/\s*[A-ZÄÖÜ][\w.'-]*)*(?:,[^()\n]{1,30})?\s*"
                      r"\([^()\n]{1,40}\)\s*[-–—]\s")


def dateline_end(view: SentenceView) -> int:
    """Character offset where the sentence's dateline ends, or -1 without one."""
    match = DATELINE.match(view.sentence.text)
    return view.sentence.start + match.end() if match else -1


def _bare_groups(groups: list[Group], clause: Clause) -> list[Group]:
    """The clause's name groups without a preposition and not a cited source: its subject comes first."""
    return [g for g in groups if clause.start <= g.first < clause.end and g.governor is None and not g.source]


def _subject_group(groups: list[Group], clause: Clause) -> Group | None:
    """The clause's first acting group without a preposition (its subject), or None."""
    return next((g for g in _bare_groups(groups, clause) if acting(g)), None)


def _subject_codes(groups: list[Group], clause: Clause) -> set[str]:
    """Codes of the clause's subject group, or none."""
    subject = _subject_group(groups, clause)
    return subject.codes if subject is not None else set()


def _predictions(view: SentenceView, clauses: list[Clause], found: list[list[Trigger]],
                 groups: list[Group]) -> list[list[Trigger]]:
    """A warning about what another actor may do ("Blinken warned that North Korean soldiers could
    enter combat") is a prediction, not the speaker's threat: the warning verb is dropped and the
    content clause, with its own subject and event word, is coded. A warning whose content names no
    event of another actor ("warned that the allies would pay a dear price") stays a THREATEN."""
    warning = langdata.words(view.lang, "event_syntax", "warning_verbs")
    if not warning:
        return found
    out = [list(f) for f in found]
    for n, clause in enumerate(clauses):
        if clause.parent is None or not found[n]:
            continue
        warns = [t for t in out[clause.parent] if t.kind == "verb" and t.lemma in warning and t.entry.type == "THREATEN"]
        if not warns:
            continue
        own, speaker = _subject_codes(groups, clause), _subject_codes(groups, clauses[clause.parent])
        if own and not own & speaker:
            out[clause.parent] = [t for t in out[clause.parent] if t not in warns]
    return out


def _across_infinitives(view: SentenceView, clauses: list[Clause], found: list[list[Trigger]],
                        lex: Lexicon) -> list[list[Trigger]]:
    """Constructions whose words stand in a clause and in its infinitive after a comma ("ordered six
    Canadian diplomats, among them the acting High Commissioner, to leave the country"): found in the
    clause, their words in the infinitive used up."""
    out = [list(f) for f in found]
    for n, clause in enumerate(clauses):
        kid = n + 1
        if (kid >= len(clauses) or clauses[kid].parent != n or clauses[kid].kind != "sub"
                or view.tokens[clauses[kid].start - 1].text != ","
                or not infinitive_clause(view.tokens, clauses[kid].start - 1, view.lang)):
            continue
        span = Clause(clause.start, clauses[kid].end, clause.kind, clause.parent)
        have = {(t.entry.key, t.index) for t in found[n]}
        new = [t for t in find_triggers(view.tokens, span, lex, view.lang)
               if t.kind == "construction" and t.index < clause.end and (t.entry.key, t.index) not in have
               and any(fold(view.lang, w.lemma or w.text) in t.entry.lemmas or fold(view.lang, w.verb_lemma or "") in t.entry.lemmas
                       for w in view.tokens[clauses[kid].start:clauses[kid].end])]
        if new:
            out[n] += new
            words = set().union(*(t.entry.lemmas for t in new))
            out[kid] = [t for t in out[kid] if t.lemma not in words and fold(view.lang, t.lemma) not in words]
    return out


def code_sentence(view: SentenceView, history: list[Event] | None = None) -> list[Event]:
    """All events of one sentence, with the sentence's source attached."""
    lex = lexicon(view.lang)
    clauses = split_clauses(view.tokens, view.lang)
    found = _across_infinitives(view, clauses, [find_triggers(view.tokens, c, lex, view.lang) for c in clauses], lex)
    end = dateline_end(view)
    groups = [g for g in build_groups(view.tokens, view.mentions, view.lang) if g.mentions[0].start >= end]
    groups = _mark_reporters(view, groups, clauses, found, lex)
    found = _predictions(view, clauses, found, groups)
    source, source_text = _sources(view, groups, lex)
    events: list[Event] = []
    subjects: dict[int, list[Mention]] = {}
    speaker = _trailing_speaker(view, clauses, groups, found)
    for n, clause in enumerate(clauses):
        subject = _subject_group(groups, clause)
        subjects[n] = acting(subject) if subject is not None else []
        if _is_content(view, clauses, n, found):
            continue
        parent = clauses[clause.parent] if clause.parent is not None else None
        if clause.parent is not None:
            inherited = subjects.get(clause.parent, [])
        else:  # a main clause resumed after an embedded one ("Greece, whose companies ..., condemned")
            before = [k for k in range(n) if clauses[k].kind == "main" and not _condition(view, clauses[k], lex)]
            inherited = subjects.get(before[-1], []) if before else []
        said_by = speaker[1] if speaker is not None and n < speaker[0] else []
        events += code_clause(view, clause, parent, groups, lex, inherited, found[n], (history or []) + events,
                              said_by)
    events += _evaluative_statement(view, clauses, groups, lex, events)
    return [replace(e, reported_by=source, reported_by_text=source_text) for e in events]


EVALUATIVE_TYPES = frozenset({"ACCUSE", "SUPPORT", "REJECT", "THREATEN"})


def _judging_word(view: SentenceView, i: int, lex: Lexicon) -> str | None:
    """The ``evaluations`` word token ``i`` spells (a noun also as the end of a compound)."""
    tok = view.tokens[i]
    for key in token_keys(tok, view.lang):
        if key in lex.evaluation_words:
            return key
    if tok.pos in tagset(view.lang)["noun"]:
        lemma = fold(view.lang, tok.lemma or tok.text)
        return next((w for w in lex.evaluation_words if len(w) >= 5 and lemma.endswith(w)), None)
    return None


def _evaluative_statement(view: SentenceView, clauses: list[Clause], groups: list[Group], lex: Lexicon,
                          events: list[Event]) -> list[Event]:
    """A speaker's judgement told as a statement ("Putin sei „völlig verrückt geworden“, sagte Trump";
    "Xi sagte, die Sanktionen seien illegal") is the speaker's ACCUSE/SUPPORT/REJECT/THREATEN, coded
    by the judging word (``evaluations``) when the sentence codes no such event already. The speaker is
    the subject of a verb of saying; the judged side is an actor named in the judging word's clause,
    else the context decides (``context_recipients``). A negated clause is left alone."""
    if any(e.event in EVALUATIVE_TYPES for e in events) or not lex.evaluation_words:
        return []
    speaker: list[Mention] = []
    for clause in clauses:
        if says(view.tokens, clause.start, clause.end, view.lang):
            bare = _bare_groups(groups, clause)
            if bare and acting(bare[0]):
                speaker = acting(bare[0])
                break
    if not speaker:
        return []
    speaker_codes = {m.code for m in speaker}
    titles = {i for g in groups if acting(g) for i in range(g.first - 1, g.last + 1)}
    for clause in clauses:
        lowered = {t.text.lower() for t in view.tokens[clause.start:clause.end]}
        if lowered & lex.negation:
            continue
        for i in range(clause.start, clause.end):
            word = None if i in titles else _judging_word(view, i, lex)  # "Diktator Kim" is a title
            if word is None:
                continue
            etype, mode, confidence = lex.evaluation_words[word]
            entry = Entry(key=word, type=etype, mode=mode, confidence=confidence)
            trig = Trigger(entry, i, "construction", word)
            judged = [m for g in groups if clause.start <= g.first < clause.end and not g.source
                      for m in acting(g) if m.code not in speaker_codes]
            roles = Roles(actors=list(speaker), recipients=judged, hosts=[],
                          why=[f"actor {sorted(speaker_codes)}: the speaker",
                               f"the judgement '{view.tokens[i].text}' told as a statement"])
            parent = clauses[clause.parent] if clause.parent is not None else None
            event = _event(view, trig, clause, parent, roles, lex, _mode_cues(view, trig, clause, parent, lex))
            return [event] if event is not None else []
    return []


# Event types whose recipient is a counterpart, not a partner: a missing one is read from context.
DIRECTED_TYPES = frozenset({"ACCUSE", "REJECT", "THREATEN", "SANCTION", "PROTEST", "COERCE", "ASSAULT", "REQUEST",
                            "SUPPORT", "AID", "CONCEDE", "RETREAT", "MOBILIZE", "AGREE"})


# How many sentences back the actor's last counterpart may have been told: further back, the article's
# main actor is the better guess (event F1 on the held-out / first fresh set: unlimited 0.610 / 0.515,
# 1: 0.616 / 0.516, 2: 0.614 / 0.522, 3: 0.614 / 0.515).
COUNTERPART_WINDOW = 2


def _counterparts(event: Event, earlier: list[Event]) -> tuple[ActorRef, ...]:
    """Who the actor dealt with last, within the last ``COUNTERPART_WINDOW`` sentences: the side of the
    latest earlier event that has this event's actor on the other side ("Die EU verhängte Zölle gegen
    China. Peking kritisierte die Entscheidung" -> China answers the EU)."""
    codes = {a.code for a in event.actor}
    for prior in reversed(earlier):
        if event.sent - prior.sent > COUNTERPART_WINDOW:
            break
        prior_actors, prior_recipients = {a.code for a in prior.actor}, {r.code for r in prior.recipient}
        if codes & prior_recipients and not codes & prior_actors:
            return tuple(a for a in prior.actor if a.code not in codes)
        if codes & prior_actors and prior_recipients - codes:
            return tuple(r for r in prior.recipient if r.code not in codes)
    return ()


def _later_counterparts(event: Event, later: list[Event]) -> tuple[ActorRef, ...]:
    """The recipients of the same actor's next directed event (a headline told before its story);
    never the actor of a later reply, which would turn cause and answer around."""
    codes = {a.code for a in event.actor}
    for after in later:
        if codes & {a.code for a in after.actor} and {r.code for r in after.recipient} - codes:
            return tuple(r for r in after.recipient if r.code not in codes)
    return ()


def _counterpart(m: Mention, event: Event, sources: set[str]) -> bool:
    """Whether a mention can be the counterpart of ``event``: a known actor, neither its own actor nor a
    cited source."""
    return bool(m.code) and m.code != "UNK" and not m.is_source and m.code not in sources \
        and m.code not in {a.code for a in event.actor}


def _mentioned_counterparts(event: Event, mentions: list[Mention], sources: set[str]) -> tuple[ActorRef, ...]:
    """Actors named in the event's clause (its evidence) that are not its actor nor a cited source, the one
    nearest the trigger first ("beschloss, die russischen Vermögenswerte einzufrieren" -> RUS)."""
    ev = event.evidence
    here = [m for m in mentions if m.sent == event.sent and _counterpart(m, event, sources)
            and (ev is None or ev.start <= m.start < ev.end)]  # the event's clause, not a clause beside it
    if not here:
        return ()
    at = event.trigger_span[0]
    nearest = min(here, key=lambda m: (m.start < at, abs(m.start - at)))
    return (ref(nearest),)


def _salient(event: Event, mentions: list[Mention], sources: set[str]) -> tuple[ActorRef, ...]:
    """The state or organisation the article names most often, other than the actor and the sources,
    from the mentions up to the event's sentence and the next one."""
    counts: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.sent <= event.sent + 1 and m.type != "PER" and _counterpart(m, event, sources):
            counts.setdefault(m.code, []).append(m)
    if not counts:
        return ()
    best = max(counts.values(), key=lambda ms: (len(ms), -ms[0].start))
    return (ref(best[0]),)


DOMESTIC_SECTORS = frozenset({"COP", "OPP"})


def _own_state(actor: ActorRef | None) -> tuple[ActorRef, ...]:
    """The state a domestic actor (police, opposition, protesters) acts in, as the counterpart."""
    if actor is None:
        return ()
    return (ActorRef(actor.country or "", actor.country or "UNK", None, actor.country, f"state:{actor.country}"),)


def context_recipients(events: list[Event], mentions: list[Mention] | None = None) -> list[Event]:
    """Directed events without a recipient (of one actor, or of several when the type is not a mutual
    one such as CONSULT or AGREE: "Südkorea, die USA und Japan verurteilten den Start") get a
    counterpart from context, in this order: for police, opposition and protesters their own state; an
    actor named elsewhere in the event's clause; the actor's counterpart in the article (the latest
    before it, else the first after it: a headline is told before its story); the state or organisation
    the article is most about. Each step lowers the confidence and says so in ``why``. (The clause
    before the article's counterpart: event F1 +0.002 on the held-out and +0.003 on the first fresh set.)"""
    mentions = mentions or []
    sources = {m.code for m in mentions if m.is_source and m.code}
    out: list[Event] = []
    for n, event in enumerate(events):
        single = len({a.code for a in event.actor}) == 1
        directed = event.event in DIRECTED_TYPES or (event.event == "CONSULT" and single)  # "nahm am Gipfel teil"
        if directed and not event.recipient and (single or event.event not in RECIPROCAL_TYPES):
            step = _context_counterpart(event, out, events[n + 1:], mentions, sources)
            if step is not None:
                found, factor, how = step
                names = ", ".join(sorted({r.code for r in found}))
                event = replace(event, recipient=found, confidence=round(event.confidence * factor, 3),
                                why=event.why + (f"recipient {names}: {how}",))
        out.append(event)
    return out


def _context_counterpart(event: Event, earlier: list[Event], later: list[Event], mentions: list[Mention],
                         sources: set[str]) -> tuple[tuple[ActorRef, ...], float, str] | None:
    """The first context step that finds a counterpart: (recipients, confidence factor, reason)."""
    domestic = next((a for a in event.actor if a.sector in DOMESTIC_SECTORS and a.country), None)
    found = _own_state(domestic)
    if found:
        return found, 0.6, "police, opposition and protesters act within their state"
    found = _mentioned_counterparts(event, mentions, sources)
    if found:
        return found, 0.6, "named in the same clause"
    found = _counterparts(event, earlier) or _later_counterparts(event, later)
    if found:
        return found, 0.7, "the actor's counterpart earlier in the article"
    found = _salient(event, mentions, sources)
    if found:
        return found, 0.5, "the actor the article is most about"
    return None


def code_document(analysis: Analysis) -> tuple[Event, ...]:
    """All events of a document, repeated mentions of one event merged."""
    doc = analysis.document
    events: list[Event] = []
    verbs = tagset(doc.lang or "")["finite_verb"] | tagset(doc.lang or "")["auxiliary"] if doc.lang else frozenset()
    for sent in analysis.sentences:
        tokens = analysis.sentence_tokens(sent)
        if len(tokens) <= 10 and not any(t.pos in verbs for t in tokens):
            continue  # a verbless heading ("Feste Zusagen von beiden Seiten") sums up what the text tells
        view = SentenceView(sent, tokens,
                            tuple(m for m in analysis.mentions if m.sent == sent.index),
                            tuple(t for t in analysis.timexes if sent.start <= t.start < sent.end),
                            doc.text, doc.lang or "", doc.published)
        events.extend(code_sentence(view, events))
    events = merge_events(context_recipients(merge_events(events), list(analysis.mentions)))
    return tuple(_narrative_dates(events, analysis))


def _narrative_dates(events: list[Event], analysis: Analysis) -> list[Event]:
    """An event that names no time of its own (and is not hypothetical), told after an event dated to
    the day in the text, happened then too ("Am Montag trafen sich ... Israel war bei dem Gipfel nicht vertreten"): it takes
    the date of the last dated event before it in the same paragraph (``date_how: context``), not the
    publication date."""
    text = analysis.document.text
    out: list[Event] = []
    last: Event | None = None
    for event in events:
        if event.date_how == "text" and event.date_precision == "day" and not event.hypothetical:
            last = event
        elif (event.date_how == "publication" and last is not None and not event.hypothetical
              and "\n\n" not in text[last.evidence.start:event.evidence.start]
              and last.date and event.date and last.date <= event.date):
            event = replace(event, date=last.date, date_precision=last.date_precision, date_how="context",
                            why=event.why + (f"date {last.date}: the event told before it in the paragraph",))
        out.append(event)
    return out


@stage(requires=("sentences", "tokens.pos", "mentions", "timexes"), assigns=("events",))
def make_stage(settings: Settings) -> StageFn:
    """Code PLOVER events from the linked mentions and tagged tokens."""

    def run(analysis: Analysis) -> Analysis:
        return replace(analysis, events=code_document(analysis))

    return run

