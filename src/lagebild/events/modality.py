"""PLOVER's auxiliary modes: negated, hypothetical (future, possible, planned, expected), historical.

The cues are data (``lang/<code>/modality.yaml``); their scope is the trigger's clause, and for
framing cues ("Es wird erwartet, dass ...", "plant, ... zu besuchen") also the governing clause.
"""

from __future__ import annotations

from collections.abc import Sequence

from lagebild.events.clauses import Clause, speech_verbs
from lagebild.events.lexicon import Lexicon
from lagebild.events.triggers import Trigger, negating_preposition, word_before_modifiers
from lagebild.nlp.tagger import tagset
from lagebild.records import Token


def _text(tokens: Sequence[Token], clause: Clause) -> str:
    """The clause's words, lower-cased, space-separated, with spaces around."""
    return " " + " ".join(t.text.lower() for t in tokens[clause.start:clause.end]) + " "


QUOTES = frozenset('„“”"«»‚‘’')


def _quoted(tokens: Sequence[Token], clause: Clause, i: int) -> bool:
    """Whether token ``i`` stands inside quotation marks opened in its clause."""
    marks = sum(1 for t in tokens[clause.start:i] if t.text in QUOTES)
    return marks % 2 == 1


def _comma_between(tokens: Sequence[Token], a: int, b: int) -> bool:
    """Whether a comma separates tokens ``a`` and ``b``."""
    lo, hi = sorted((a, b))
    return any(t.text == "," for t in tokens[lo + 1:hi])


def negation(tokens: Sequence[Token], trig: Trigger, clause: Clause, parent: Clause | None,
             lex: Lexicon, lang: str) -> str | None:
    """The word that negates the event, or None. "nicht" may follow the verb ("unterzeichnete das
    Abkommen nicht") but not across a comma; "kein"/"no" must come before the trigger; words inside
    a quotation do not negate a trigger outside it; "nicht nur" does not negate; a negating verb
    ("verzichtete darauf, ... einzulegen", "scheiterten") negates what it governs."""
    tags = tagset(lang)
    negator = negating_preposition(tokens, trig.index, lex, lang) if trig.kind == "noun" else None
    if negator:
        return negator  # "endete ohne Einigung", "ended without an agreement"
    inside = _quoted(tokens, clause, trig.index)
    for i in range(clause.start, clause.end):
        tok = tokens[i]
        word = tok.text.lower()
        if i == trig.index or _quoted(tokens, clause, i) != inside or _comma_between(tokens, i, trig.index):
            continue
        if word in lex.negation or tok.lemma.lower() in lex.negation or tok.pos in tags.get("negation", frozenset()):
            following = tokens[i + 1].text.lower() if i + 1 < len(tokens) else ""
            if following in lex.negation_exceptions or f"{word} {following}" in lex.not_negation:
                continue
            determiner = tok.pos not in tags.get("negation", frozenset()) and word not in ("nicht", "not", "n't", "nie", "never", "niemals")
            if determiner and i > trig.index:
                continue
            return tok.text
    if trig.kind == "noun" and _in_prepositional_phrase(tokens, trig.index, lang):
        return None  # "Nach Gesprächen blieb eine Einigung aus": the talks are no subject of "ausbleiben"
    for c in [clause] + ([parent] if parent is not None else []):
        for i in range(c.start, c.end):
            tok = tokens[i]
            if i != trig.index and (tok.verb_lemma or tok.lemma) in lex.negating_verbs and tok.pos in tags["verb"]:
                return tok.text
    return None


def _in_prepositional_phrase(tokens: Sequence[Token], i: int, lang: str) -> bool:
    """Whether the noun at ``i`` is governed by a preposition (articles, adjectives, numbers between)."""
    tags = tagset(lang)
    j = word_before_modifiers(tokens, i, tags["article"] | tags["adjective"] | tags["number"], 4)
    return j >= 0 and tokens[j].pos in tags["preposition"]


def _scope_cue(tokens: Sequence[Token], c: Clause, trig: Trigger, lex: Lexicon, lang: str) -> str | None:
    """A speculation cue in clause ``c``: a modal before the trigger (or right after it, verb-final:
    "verhängen könnte"), a hypothetical verb, a phrase, or a conditional before the trigger."""
    tags = tagset(lang)
    own = c.start <= trig.index < c.end
    for i in range(c.start, c.end):
        tok = tokens[i]
        word = tok.text.lower()
        modal = (tok.pos in tags["modal"] and tok.lemma in lex.modal_lemmas) or (word in lex.modal_forms and tok.text == word)
        if modal and reported_future(tokens, i, lex, lang):
            continue
        if modal and (not own or i < trig.index or i - trig.index <= 2):
            return tok.text
        if (tok.verb_lemma or tok.lemma) in lex.hypothetical_verbs and tok.pos in tags["verb"]:
            return tok.text
    text = _text(tokens, c)
    phrase = next((p for p in lex.hypothetical_phrases if f" {p} " in text), None)
    if phrase:
        return phrase
    before = _text(tokens, Clause(c.start, trig.index, c.kind, c.parent)) if own else text
    return next((p for p in lex.conditional if f" {p} " in before), None)


def hypothetical(tokens: Sequence[Token], trig: Trigger, clause: Clause, parent: Clause | None,
                 lex: Lexicon, lang: str) -> str | None:
    """The cue that makes the event speculative (someone else's "könnte", "es wird erwartet"), or None."""
    for c in [clause] + ([parent] if parent is not None else []):
        cue = _scope_cue(tokens, c, trig, lex, lang)
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
    told = next((t.text for i, t in enumerate(tokens[clause.start:trig.index], clause.start)
                 if reported_future(tokens, i, lex, lang)), None)
    if told:
        return told  # "said it would halt fighting": the speaker's own announcement
    text = _text(tokens, clause)
    phrase = next((p for p in lex.future_phrases if f" {p} " in text), None)
    if phrase:
        return phrase
    before = tokens[max(0, trig.index - 2):trig.index]
    return next((t.text for t in before if t.lemma in lex.intention_adjectives
                 or t.text.lower() in lex.intention_adjectives), None)


def reported_future(tokens: Sequence[Token], i: int, lex: Lexicon, lang: str) -> bool:
    """Whether token ``i`` is "would" with a pronoun subject after a verb of saying ("said on Tuesday it
    would halt fighting"): the future of the speaker's announcement, not a condition."""
    if tokens[i].text.lower() not in lex.reported_future or i == 0:
        return False
    if tokens[i - 1].text.lower() not in lex.reported_future_subjects:
        return False
    verbs = speech_verbs(lang)
    return any((t.verb_lemma or t.lemma) in verbs for t in tokens[max(0, i - 8):i - 1])


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
