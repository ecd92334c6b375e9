"""PLOVER's auxiliary modes: negated, hypothetical (future, possible, planned, expected), historical.

The cues are data (``lang/<code>/modality.yaml``); their scope is the trigger's clause, and for
framing cues ("Es wird erwartet, dass ...", "plant, ... zu besuchen") also the governing clause.
"""

from __future__ import annotations

from collections.abc import Sequence

from lagebild.events.clauses import Clause
from lagebild.events.lexicon import Lexicon
from lagebild.events.triggers import Trigger
from lagebild.nlp.tagger import tagset
from lagebild.records import Token


def _text(tokens: Sequence[Token], clause: Clause) -> str:
    """The clause's words, lower-cased, space-separated, with spaces around."""
    return " " + " ".join(t.text.lower() for t in tokens[clause.start:clause.end]) + " "


def negation(tokens: Sequence[Token], clause: Clause, lex: Lexicon, lang: str) -> str | None:
    """The word that negates the clause, or None ("nicht nur" does not negate)."""
    tags = tagset(lang)
    for i in range(clause.start, clause.end):
        tok = tokens[i]
        word = tok.text.lower()
        if word in lex.negation or tok.lemma.lower() in lex.negation or tok.pos in tags.get("negation", frozenset()):
            following = tokens[i + 1].text.lower() if i + 1 < len(tokens) else ""
            if following in lex.negation_exceptions or f"{word} {following}" in lex.not_negation:
                continue
            return tok.text
    return None


def _scope_cue(tokens: Sequence[Token], c: Clause, lex: Lexicon, lang: str) -> str | None:
    """A speculation cue anywhere in clause ``c``: modal, hypothetical verb, phrase, conditional."""
    tags = tagset(lang)
    for tok in tokens[c.start:c.end]:
        word = tok.text.lower()
        if (tok.pos in tags["modal"] and tok.lemma in lex.modal_lemmas) or word in lex.modal_forms:
            return tok.text
        if (tok.verb_lemma or tok.lemma) in lex.hypothetical_verbs and tok.pos in tags["verb"]:
            return tok.text
    text = _text(tokens, c)
    return next((p for p in lex.hypothetical_phrases + lex.conditional if f" {p} " in text), None)


def hypothetical(tokens: Sequence[Token], trig: Trigger, clause: Clause, parent: Clause | None,
                 lex: Lexicon, lang: str) -> str | None:
    """The cue that makes the event speculative (someone else's "könnte", "es wird erwartet"), or None."""
    for c in [clause] + ([parent] if parent is not None else []):
        cue = _scope_cue(tokens, c, lex, lang)
        if cue:
            return cue
    before = tokens[max(0, trig.index - 2):trig.index]
    return next((t.text for t in before if t.lemma in lex.hypothetical_adjectives
                 or t.text.lower() in lex.hypothetical_adjectives), None)


def intention(tokens: Sequence[Token], trig: Trigger, clause: Clause, parent: Clause | None,
              lex: Lexicon, lang: str) -> str | None:
    """The cue that the actor announces, plans or promises the act, or speaks of it in the future
    tense ("kündigte ... Zusammenarbeit an", "wird ... besuchen", "plans to withdraw"), or None."""
    tags = tagset(lang)
    for c in [clause] + ([parent] if parent is not None else []):
        for i in range(c.start, c.end):
            tok = tokens[i]
            if i != trig.index and (tok.verb_lemma or tok.lemma) in lex.intention_verbs and tok.pos in tags["verb"] | tags["modal"]:
                return tok.text
            if i < trig.index and c is clause and fold_lemma(tok, lang) in lex.intention_nouns and tok.pos in tags["noun"]:
                return tok.text  # "Pläne zur engeren Zusammenarbeit": the plan governs what follows
    if _future(tokens, trig, clause, lex, lang):
        return "future tense"
    text = _text(tokens, clause)
    phrase = next((p for p in lex.future_phrases if f" {p} " in text), None)
    if phrase:
        return phrase
    before = tokens[max(0, trig.index - 2):trig.index]
    return next((t.text for t in before if t.lemma in lex.intention_adjectives
                 or t.text.lower() in lex.intention_adjectives), None)


def fold_lemma(tok: Token, lang: str) -> str:
    """The token's lemma folded like lexicon keys."""
    from lagebild.events.lexicon import fold

    return fold(lang, tok.lemma or tok.text)


def _future(tokens: Sequence[Token], trig: Trigger, clause: Clause, lex: Lexicon, lang: str) -> bool:
    """A future auxiliary with an infinitive trigger: "wird ... besuchen", "will visit"."""
    tags = tagset(lang)
    if tokens[trig.index].pos not in tags["infinitive"]:
        return False
    return any((t.lemma in lex.future_auxiliary or t.text.lower() in lex.future_auxiliary)
               and (t.pos in tags["auxiliary"] or t.pos in tags["modal"])
               for t in tokens[clause.start:clause.end])


def historical(tokens: Sequence[Token], clause: Clause, lex: Lexicon) -> str | None:
    """A phrase placing the event in the past ("im Zweiten Weltkrieg"), or None."""
    text = _text(tokens, clause)
    return next((p for p in lex.historical_phrases if f" {p} " in text), None)
