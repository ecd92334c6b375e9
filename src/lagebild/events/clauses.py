"""Clauses of a sentence, found from punctuation, subordinators and finite verbs.

    "China nimmt eine neutrale Haltung ein, | obwohl die USA und die EU Peking ... beschuldigen."
    "Kim kündigte ... Pläne an, | berichtet die Nachrichtenagentur KCNA."

No parser is available for German, so this is a shallow rule: a comma opens a new clause when a
subordinator (dass, obwohl, relative pronoun; that, which) or a finite verb follows it, or when a
zu-/to-infinitive follows (its content clause). After a verb of saying the reported speech stays one
clause. Measured on the held-out set: these two rules 0.438 -> 0.456 event F1; splitting at "und" +
finite verb (0.29 -> 0.27) and splitting reported speech off (0.456 -> 0.432) were dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from lagebild import lang as langdata
from lagebild.nlp.tagger import tagset
from lagebild.records import Token


@dataclass(frozen=True, slots=True)
class Clause:
    """Tokens ``start``..``end``-1 of a sentence (indices into its token list)."""

    start: int
    end: int
    kind: str  # main | sub
    parent: int | None  # index of the governing clause


@cache
def _breaks(lang: str) -> frozenset[str]:
    """Tokens that always end a clause."""
    return frozenset(langdata.load(lang, "nlp").get("clause_breaks", []))


@cache
def speech_verbs(lang: str) -> frozenset[str]:
    """Verbs of saying and reporting (attribution.yaml)."""
    data = langdata.load(lang, "attribution") if langdata.has(lang, "attribution") else {}
    return frozenset(data.get("speech_verbs") or ()) | frozenset(data.get("verbs") or ())


def says(tokens: Sequence[Token], start: int, end: int, lang: str) -> bool:
    """Whether a verb of saying stands among ``tokens[start:end]``."""
    verbs, verb_tags = speech_verbs(lang), tagset(lang)["verb"]
    return any((t.verb_lemma or t.lemma) in verbs and t.pos in verb_tags for t in tokens[start:end])


def infinitive_clause(tokens: Sequence[Token], i: int, lang: str) -> bool:
    """Whether the stretch after the comma at ``i`` (to the next comma) is a zu-/to-infinitive."""
    data = langdata.load(lang, "nlp")
    marker, one_word = set(data.get("infinitive_marker", [])), set(data.get("infinitive_with_marker", []))
    for j in range(i + 1, len(tokens)):
        if tokens[j].text == ",":
            return False
        if tokens[j].pos in one_word or (tokens[j].pos in marker and j + 1 < len(tokens)
                                          and tokens[j + 1].pos in tagset(lang)["verb"]):
            return True
    return False


def _opens_clause(tokens: Sequence[Token], i: int, lang: str, start: int = 0) -> str | None:
    """The kind of clause the token after a comma at ``i`` opens, or None."""
    if i + 1 >= len(tokens):
        return None
    nxt = tokens[i + 1]
    tags = tagset(lang)
    if nxt.pos in tags["subordinator"]:
        return "sub"
    if says(tokens, start, i, lang):
        return None  # "Peskow sagte, Russland sei bereit, ...": reported speech stays one clause
    if infinitive_clause(tokens, i, lang):
        return "sub"  # "forderte die USA auf, Sanktionen zu verhängen"
    if nxt.pos in tags["preposition"] and i + 2 < len(tokens) and tokens[i + 2].pos in tags["subordinator"]:
        return "sub"  # "..., in der die Soldaten kämpfen"
    if nxt.pos in tags["finite_verb"] or nxt.pos in tags["auxiliary"]:
        return "main"
    if _subject_then_verb(tokens, i + 1, lang) and any(t.pos in tags["finite_verb"] | tags["auxiliary"] for t in tokens[start:i]):
        return "main"  # "13 Ratsmitglieder stimmten dafür, China enthielt sich": a second main clause
    return None


def _subject_then_verb(tokens: Sequence[Token], start: int, lang: str) -> bool:
    """Whether a short noun phrase with a name or noun, then a finite verb other than one of saying,
    starts at ``start``."""
    tags = tagset(lang)
    phrase = tags["proper_noun"] | tags["noun"] | tags["article"] | tags["adjective"]
    for k in range(start, min(start + 5, len(tokens))):
        if tokens[k].pos in tags["finite_verb"] | tags["auxiliary"]:
            said = (tokens[k].verb_lemma or tokens[k].lemma) in speech_verbs(lang)  # ", police said": attribution
            return k > start and not said and any(t.pos in tags["proper_noun"] | tags["noun"] for t in tokens[start:k])
        if tokens[k].pos not in phrase:
            return False
    return False


def _fronted_then_verb(tokens: Sequence[Token], start: int, lang: str) -> bool:
    """A prepositional phrase, then a finite verb (German: ", und in einer Erklärung wies Neu-Delhi
    ... zurück") or a subject and its verb (", and in a separate statement New Delhi dismissed")."""
    tags = tagset(lang)
    if start >= len(tokens) or tokens[start].pos not in tags["preposition"]:
        return False
    phrase = tags["proper_noun"] | tags["noun"] | tags["article"] | tags["adjective"] | tags["number"]
    k = start + 1
    while k < len(tokens) and k <= start + 5 and tokens[k].pos in phrase:
        k += 1
    if k == start + 1 or k >= len(tokens):
        return False
    if tokens[k].pos in tags["finite_verb"] | tags["auxiliary"]:
        return (tokens[k].verb_lemma or tokens[k].lemma) not in speech_verbs(lang)
    return _subject_then_verb(tokens, k, lang)


def split_clauses(tokens: Sequence[Token], lang: str) -> list[Clause]:
    """The clauses of one sentence, in order, each with its governing clause."""
    bounds: list[tuple[int, str]] = [(0, "main")]
    opener = langdata.words(lang, "nlp", "comma_free_complementizers")  # English "that": no comma before it
    tags = tagset(lang)
    for i, tok in enumerate(tokens):
        if tok.text in _breaks(lang) and i + 1 < len(tokens):
            bounds.append((i + 1, "main"))
        elif (tok.text.lower() in opener and tok.pos in tags["subordinator"] and i > bounds[-1][0]
              and tokens[i - 1].text != "," and any(t.pos in tags["verb"] for t in tokens[bounds[-1][0]:i])):
            bounds.append((i, "sub"))  # "Trump said on Monday that Israel and Iran had agreed ..."
        elif (tok.pos in tags["coordinator"] and i + 1 < len(tokens) and i > bounds[-1][0]
              and tokens[i + 1].pos in tags["finite_verb"]
              and any(t.pos in tags["finite_verb"] for t in tokens[bounds[-1][0]:i])):
            bounds.append((i + 1, "main"))  # "verurteilte den Angriff und forderte Moskau auf": two predicates
        elif (tok.pos in tags["coordinator"] and i > bounds[-1][0] + 1 and tokens[i - 1].text == ","
              and (_subject_then_verb(tokens, i + 1, lang) or _fronted_then_verb(tokens, i + 1, lang))
              and any(t.pos in tags["finite_verb"] | tags["auxiliary"] for t in tokens[bounds[-1][0]:i])):
            bounds.append((i + 1, "main"))  # "India flew in rescue teams, and Russia sent rescuers"
        elif (tok.text == "," and bounds[-1][1] == "sub" and i + 1 < len(tokens)
              and tokens[i + 1].pos in tags["finite_verb"] and bounds[-1][0] > 0 and tokens[bounds[-1][0] - 1].text == ","
              and tokens[bounds[-1][0]].pos in tags["subordinator"]):
            bounds.append((i + 1, "main"))  # "Pakistan, which denies any role, | condemned": the main clause resumes
        elif tok.text == ",":
            kind = _opens_clause(tokens, i, lang, bounds[-1][0])
            if kind is not None:
                bounds.append((i + 1, kind))
    clauses: list[Clause] = []
    last_main = None
    comments = langdata.words(lang, "nlp", "sentential_relatives")
    for n, (start, kind) in enumerate(bounds):
        if kind == "sub" and start > 0 and tokens[start - 1].text == "," and tokens[start].text.lower() in comments:
            kind = "main"  # "..., was Kigali bestreitet": a comment on the whole sentence, with its own subject
        end = bounds[n + 1][0] if n + 1 < len(bounds) else len(tokens)
        parent = last_main if kind == "sub" else None
        clauses.append(Clause(start, end, kind, parent))
        if kind == "main":
            last_main = n
    return clauses
