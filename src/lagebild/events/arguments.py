"""Actor groups of a sentence: coordinated mentions, the preposition that governs them, and sources.

    "die USA und die EU"            one group, no preposition       -> subject or object
    "an Putin und die russische Bevölkerung"   one group, "an"      -> recipient
    "Laut Informationen aus Seoul und Washington"  attribution span -> source, never an actor
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lagebild import lang as langdata
from lagebild.events.lexicon import Lexicon
from lagebild.nlp.tagger import tagset
from lagebild.records import Mention, Token

ACTING_TYPES = frozenset({"PER", "GPE", "ORG"})


@dataclass(frozen=True)
class Group:
    """Coordinated mentions that fill one role together."""

    mentions: tuple[Mention, ...]
    first: int  # sentence-local index of the first token
    last: int  # ... and of the last
    governor: str | None  # the preposition before the group ("an", "mit"), lower-cased lemma
    source: bool = False  # inside an attribution ("laut KCNA", "berichtet AP")

    @property
    def codes(self) -> set[str]:
        """Actor codes in the group."""
        return {m.code for m in self.mentions if m.code}


def token_range(tokens: Sequence[Token], mention: Mention) -> tuple[int, int]:
    """Sentence-local indices of the first and last token a mention covers."""
    first = next((i for i, t in enumerate(tokens) if t.end > mention.start), len(tokens) - 1)
    last = next((i for i in range(len(tokens) - 1, -1, -1) if tokens[i].start < mention.end), first)
    return first, max(first, last)


def _joinable(tokens: Sequence[Token], a: int, b: int, lang: str) -> bool:
    """Whether only coordination, articles and adjectives stand between tokens ``a`` and ``b``."""
    tags = tagset(lang)
    between = tokens[a + 1:b]
    glue = tags["coordinator"] | tags["article"] | tags["adjective"] | tags["pronoun"] | tags["number"]
    has_link = any(t.pos in tags["coordinator"] or t.text == "," for t in between)
    return all(t.pos in glue or t.text == "," for t in between) and has_link


def _governor(tokens: Sequence[Token], first: int, lang: str) -> str | None:
    """The preposition governing a group that starts at token ``first``."""
    tags = tagset(lang)
    skippable = (tags["article"] | tags["adjective"] | tags["number"] | tags["pronoun"] | tags["noun"]
                 | tags.get("comparison", frozenset()))
    for j in range(first - 1, max(-1, first - 6), -1):
        tok = tokens[j]
        if tok.pos in tags["preposition"]:
            pair = f"{tokens[j - 1].text.lower()} {tok.text.lower()}" if j > 0 else ""
            return pair if pair in _multiword(lang) else (tok.lemma or tok.text).lower()
        if tok.pos not in skippable:
            return None
    return None


def _multiword(lang: str) -> frozenset[str]:
    """Two-word prepositions of the lexicon ("rund um", "according to")."""
    from lagebild.events.lexicon import lexicon

    return frozenset(p for p in lexicon(lang).prepositions if len(p.split()) == 2)


def build_groups(tokens: Sequence[Token], mentions: Sequence[Mention], lang: str) -> list[Group]:
    """The sentence's acting mentions grouped by coordination, each with its governor."""
    acting = sorted((m for m in mentions if m.type in ACTING_TYPES or m.type == "LOC" or m.type == "MISC"),
                    key=lambda m: m.start)
    spans: list[tuple[list[Mention], int, int]] = []
    for m in acting:
        first, last = token_range(tokens, m)
        members, titled = [m], bool(spans) and _title_of(spans[-1], m, first)
        if titled:  # "Japans Regierungschef Fumio Kishida": the country word is the person's
            title = spans.pop()
            members, first = title[0] + [m], title[1]
        if spans and (first <= spans[-1][2] or _joinable(tokens, spans[-1][2], first, lang)
                      or not titled and _apposition(spans[-1][0][-1], m, first - spans[-1][2])) \
                and _same_kind(spans[-1][0][-1], m):
            spans[-1] = (spans[-1][0] + members, spans[-1][1], max(last, spans[-1][2]))
        else:
            spans.append((members, first, last))
    return [Group(tuple(ms), a, b, None if _subject_after_phrase(tokens, a, b, lang) else _governor(tokens, a, lang))
            for ms, a, b in spans]


def _subject_after_phrase(tokens: Sequence[Token], first: int, last: int, lang: str) -> bool:
    """A name right before the finite verb, after a prepositional phrase with its own noun ("in a
    separate statement New Delhi dismissed"): the subject, where the language puts it before the verb."""
    tags = tagset(lang)
    if not langdata.load(lang, "nlp").get("subject_before_verb") or last + 1 >= len(tokens):
        return False
    if tokens[last + 1].pos not in tags["finite_verb"] | tags["auxiliary"] or first == 0:
        return False
    return tokens[first - 1].pos in tags["noun"]


def _title_of(span: tuple[list[Mention], int, int], m: Mention, first: int) -> bool:
    """Whether a span of country words is the title of the person ``m`` right after it ("Japans
    Regierungschef Fumio Kishida", "US-Präsident Joe Biden")."""
    words, _, last = span
    return (m.type == "PER" and m.code is not None and first - last <= 3
            and all(w.type == "MISC" and w.code == m.code for w in words))


def _apposition(a: Mention, b: Mention, gap: int) -> bool:
    """A person named right after a title that stands for the same actor ("Der EU-Außenbeauftragte
    Josep Borrell", "Nato-Generalsekretär Mark Rutte"): one actor, not a subject and an object."""
    return gap == 1 and b.type == "PER" and a.type in ("ORG", "GPE") and a.code is not None and a.code == b.code


def _same_kind(a: Mention, b: Mention) -> bool:
    """Adjectives join adjectives and actors join actors ("Kim und Putin", not "Russlands Armee")."""
    return (a.type == "MISC") == (b.type == "MISC")


def _noun_phrase_end(tokens: Sequence[Token], i: int, lang: str) -> int:
    """Index of the last token of the noun phrase starting after ``i`` ("der Nachrichtenagentur KCNA",
    "Informationen aus Seoul und Washington", "inoffiziellen Schätzungen")."""
    tags = tagset(lang)
    inside = (tags["article"] | tags["adjective"] | tags["noun"] | tags["proper_noun"] | tags["number"]
              | tags["pronoun"] | tags["coordinator"] | tags["preposition"])
    end = i
    for j in range(i + 1, len(tokens)):
        if tokens[j].pos not in inside:
            break
        end = j
    while end > i and tokens[end].pos in tags["preposition"] | tags["coordinator"]:
        end -= 1
    return end


def attribution_spans(tokens: Sequence[Token], lex: Lexicon, lang: str) -> list[tuple[int, int]]:
    """Token ranges that cite a source: "laut der Nachrichtenagentur KCNA", "KCNA zufolge"."""
    tags = tagset(lang)
    stop = tags["finite_verb"] | tags["auxiliary"] | tags["punctuation"]
    spans = []
    words = [t.text.lower() for t in tokens]
    for i, tok in enumerate(tokens):
        word = words[i]
        cue = next((p for p in lex.attribution_prepositions if tuple(words[i:i + len(p)]) == p), None)
        if cue is not None:
            spans.append((i, _noun_phrase_end(tokens, i + len(cue) - 1, lang)))
        elif word in lex.attribution_postpositions:
            start = next((j + 1 for j in range(i - 1, -1, -1) if tokens[j].pos in stop), 0)
            spans.append((start, i))
    return spans


def mark_sources(groups: list[Group], spans: list[tuple[int, int]]) -> list[Group]:
    """Groups inside an attribution span, or news agencies anywhere, marked as sources."""
    out = []
    for g in groups:
        inside = any(a <= g.first and g.last <= b for a, b in spans)
        media = all(m.is_source for m in g.mentions)
        out.append(Group(g.mentions, g.first, g.last, g.governor, inside or media))
    return out
