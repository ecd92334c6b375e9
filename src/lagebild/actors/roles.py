"""Role phrases: role nouns with the country and name around them.

    der nordkoreanische Außenminister Choe Son Hui   -> Choe: PRK, foreign minister
    der Führer Nordkoreas, Kim Jong Un,              -> Kim: PRK, leader
    der chinesische Präsident (no name)              -> the head of state of CHN at the article's date
    der Diktator (no name, no country)               -> the last person named with a leading role
    nordkoreanische Soldaten / chinesische Medien    -> actor acting for PRK (MIL) / CHN (MED)

Role nouns come from ``lang/<code>/roles.yaml`` through the knowledge base; a German compound is
matched by its head ("Staatspräsident" -> Präsident).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from lagebild import lang as langdata
from lagebild.actors.linker import LEADER_TITLES, STAGE, DocContext, _coref, person_mention, with_role
from lagebild.nlp.tagger import tagset
from lagebild.records import Mention, Token

STATE_TYPES = frozenset({"GPE", "LOC", "MISC"})
# Offices a country fills with one person at a time: "der chinesische Außenminister" names him.
# Ambassadors, spokespeople, generals are many at once and are not resolved from the office alone.
SINGLE_OFFICES = frozenset({"head of state", "head of government", "supreme leader", "foreign minister",
                            "defence minister", "leader", "vice president", "interior minister", "finance minister",
                            "secretary-general", "commission president", "high representative", "general secretary"})


def role_noun(ctx: DocContext, tok: Token) -> Any | None:
    """The role noun a token spells, directly or as the head of a compound."""
    if tok.pos not in tagset(ctx.lang)["noun"] and tok.pos not in tagset(ctx.lang)["proper_noun"]:
        return None
    for candidate in (tok.lemma, tok.text):
        found = ctx.kb.role_noun(candidate, ctx.lang)
        if found is not None:
            return found
    word = tok.text.split("-")[-1]
    for cut in range(0 if "-" in tok.text else 1, max(1, len(word) - 4)):
        head = word[cut:]
        found = ctx.kb.role_noun(head[:1].upper() + head[1:], ctx.lang)
        if found is not None:
            return found
    return None


def _is_plural(ctx: DocContext, tokens: Sequence[Token], i: int, noun: Any) -> bool:
    """Whether the role noun at ``i`` is plural ("Die Führer beider Länder", "officials")."""
    if tokens[i].pos in tagset(ctx.lang).get("plural_noun", frozenset()):
        return True
    before = tokens[i - 1].text.lower() if i > 0 else ""
    same_form = tokens[i].text.lower() in (tokens[i].lemma.lower(), str(getattr(noun, "lemma", "")).lower())
    return before in _coref(ctx.lang).get("plural_determiners", frozenset()) and same_form


def _country_before(ctx: DocContext, tokens: Sequence[Token], i: int, by_start: dict[int, Mention]) -> Mention | None:
    """A country adjective or name right before the role noun, or as its hyphen prefix ("US-Präsident")."""
    tok = tokens[i]
    for m in by_start.values():
        if tok.start <= m.start < tok.end and m.end < tok.end and m.country and m.type in STATE_TYPES:
            return m
    org = None
    tags = tagset(ctx.lang)
    for j in range(i - 1, max(-1, i - 5), -1):
        m = next((m for m in by_start.values() if m.start == tokens[j].start), None)
        if m is not None and m.country and m.type in STATE_TYPES:
            return m
        if m is not None and m.type == "ORG" and m.code and org is None:
            org = m  # "Israel's U.N. Ambassador": the organisation may itself be described by a state
            continue
        if m is not None:
            return org
        if tokens[j].pos not in tags["adjective"] | tags["article"] | tags.get("possessive", frozenset()):
            return org  # ("China's Foreign Minister": the possessive ending is skipped)
    return org


def _after(tokens: Sequence[Token], i: int, by_start: dict[int, Mention], skip: frozenset[str]) -> tuple[Mention | None, int]:
    """The mention starting within the next two tokens (articles and commas skipped) and its last token."""
    j = i + 1
    while j < len(tokens) and j <= i + 2:
        m = by_start.get(tokens[j].start)
        if m is not None:
            last = next((k for k in range(j, len(tokens)) if tokens[k].end >= m.end), j)
            return m, last
        if tokens[j].text.lower() not in skip:
            break
        j += 1
    return None, i


def _seat_after(ctx: DocContext, tokens: Sequence[Token], i: int, by_start: dict[int, Mention]) -> str | None:
    """The country of a capital right after a group noun and a location preposition ("Regierung in Kiew")."""
    places = _coref(ctx.lang).get("location_prepositions", frozenset())
    if i + 2 < len(tokens) and tokens[i + 1].text.lower() in places:
        m = by_start.get(tokens[i + 2].start)
        if m is not None and m.type in ("LOC", "GPE") and m.country:
            return m.country
    return None


# Domestic bodies that, named without a country, belong to the state the article is set in.
DOMESTIC_TITLES = frozenset({"police", "security forces", "protesters", "opposition", "junta"})


def _discoverable(ctx: DocContext, m: Mention) -> bool:
    """An unknown name that can become a new person: two words or more, none of them a role noun."""
    parts = m.text.split()
    return len(parts) >= 2 and not any(ctx.kb.role_noun(p, ctx.lang) for p in parts)


def _is_name(m: Mention | None) -> bool:
    """Whether a mention can be the name in a role phrase: a person or an unknown proper name."""
    return m is not None and (m.type == "PER" or (m.type == "MISC" and m.kb_id is None))


def _holder(ctx: DocContext, title: str, country: str | None, history: Sequence[Mention]) -> Mention | None:
    """The person a role refers to: an office holder of the country, else the last fitting person named."""
    titles = (title,) if title not in LEADER_TITLES else ("head of state", "supreme leader", "head of government")
    if country and title in SINGLE_OFFICES | LEADER_TITLES:
        holders = [e for t in titles for e in ctx.kb.holders(t, country, ctx.when)]
        named = [m for m in reversed(history) if m.kb_id in {e.id for e in holders}]
        if named:
            return named[0]
        if holders:
            return person_mention(ctx, holders[0], 0, 0, -1, 0.8)
    for m in reversed(history):
        fits = m.role in titles or (title in LEADER_TITLES and m.role in LEADER_TITLES)
        if fits and (country is None or m.country == country):
            return m
    return None


def role_phrases(ctx: DocContext, tokens: Sequence[Token], sent: int, mentions: list[Mention],
                 history: list[Mention]) -> list[Mention]:
    """The sentence's mentions completed by its role phrases."""
    by_start = {m.start: m for m in mentions}
    skip = frozenset({",", "der", "des", "the", "of"})
    for i, tok in enumerate(tokens):
        noun = role_noun(ctx, tok)
        first = by_start.get(tok.start)
        # "EU-Handelskommissar": a state or organisation spelled as the compound's first part
        prefix = first if first is not None and first.end < tok.end and first.code and first.type != "PER" else None
        if noun is None or first is not None and first.type != "MISC" and prefix is None:
            continue
        before = prefix or _country_before(ctx, tokens, i, by_start)
        if prefix is not None and noun.person:
            # "US-Präsident Donald Trump": the prefix describes the person, like an adjective; it is
            # not a second actor beside him
            by_start[prefix.start] = replace(prefix, type="MISC")
        after, last = _after(tokens, i, by_start, skip)
        genitive = after if after is not None and after.type in STATE_TYPES and after.kb_id else None
        country = (before.country or before.code if before else None) or (genitive.country if genitive else None)
        if country is None and not noun.person:
            country = _seat_after(ctx, tokens, i, by_start)  # "die Führung in Teheran"
        if country is None and not noun.person and noun.title in DOMESTIC_TITLES and before is None:
            # where they act, else the state the article is set in ("Tiflis (dpa) - Die Polizei setzte
            # Tränengas ein"; "Demonstranten stürmten die Botschaft in der iranischen Hauptstadt")
            country = _place_in_sentence(ctx, tokens, i, by_start) or ctx.setting.get("home")
        if noun.person and after is not None and after.type == "ORG" and after.code and _plural_form(tok):
            continue  # "Die Staats- und Regierungschefs der G7": the organisation's leaders act for it
        name = after if _is_name(after) else None
        if genitive is not None and name is None:
            following, _ = _after(tokens, last, by_start, skip)
            name = following if _is_name(following) else None
        _apply(ctx, tokens, i, sent, noun, country, before, name, by_start, history)
    return sorted(by_start.values(), key=lambda m: m.start)


def _place_in_sentence(ctx: DocContext, tokens: Sequence[Token], i: int, by_start: dict[int, Mention]) -> str | None:
    """The state of the first place named after a location preposition later in the sentence."""
    places = langdata.words(ctx.lang, "coreference", "static_place_prepositions")
    for j in range(i + 1, len(tokens)):
        if tokens[j].text.lower() not in places:
            continue
        for k in range(j + 1, min(j + 5, len(tokens))):
            m = by_start.get(tokens[k].start)
            if m is not None:
                if m.type in STATE_TYPES and m.country:
                    return m.country
                break
    return None


def _plural_form(tok: Token) -> bool:
    """A role noun written other than its lemma with a plural ending ("Regierungschefs", "Außenminister"
    is ambiguous and not counted)."""
    return tok.text != tok.lemma and tok.text.lower().endswith(("s", "n", "e"))


def _coordinated_adjectives(ctx: DocContext, tokens: Sequence[Token], before: Mention | None,
                            by_start: dict[int, Mention]) -> list[Mention]:
    """Country adjectives coordinated with the one before a group noun ("amerikanische und | britische")."""
    if before is None or before.type != "MISC":
        return []
    tags = tagset(ctx.lang)
    found: list[Mention] = []
    i = next((k for k, t in enumerate(tokens) if t.start == before.start), None)
    while i is not None and i >= 2 and (tokens[i - 1].pos in tags["coordinator"] or tokens[i - 1].text == ","):
        m = by_start.get(tokens[i - 2].start)
        if m is None or m.type != "MISC" or not m.country or m.end != tokens[i - 2].end:
            break
        found.append(m)
        i -= 2
    return found


def _acting_for(ctx: DocContext, start: int, end: int, sent: int, noun: Any, country: str,
                confidence: float) -> Mention:
    """An unnamed group or official acting for ``country`` ("nordkoreanische Soldaten" -> PRK MIL)."""
    return Mention(start, end, ctx.text[start:end], "ORG", sent, None, f"{country} {noun.sector or ''}".strip(),
                   country, country, noun.title, noun.sector, noun.sector == "MED", confidence, STAGE)


def _apply(ctx: DocContext, tokens: Sequence[Token], i: int, sent: int, noun: Any, country: str | None,
           before: Mention | None, name: Mention | None, by_start: dict[int, Mention], history: list[Mention]) -> None:
    """Record what one role phrase says, in ``by_start``."""
    start = before.start if before is not None and before.end <= tokens[i].start else tokens[i].start
    end = tokens[i].end
    if name is not None and name.kb_id is None and not _discoverable(ctx, name):
        name = None
    if name is not None:
        by_start[name.start] = with_role(name, country, noun.title, noun.sector)
        if before is not None and before.end <= tokens[i].start:
            # "U.S. President Donald Trump", "Israel's U.N. Ambassador Danny Danon": the state (and the
            # organisation) before the role describe the person; they are no second actor beside him
            for k, m in list(by_start.items()):
                if before.start <= m.start < tokens[i].start and m.type != "PER":
                    by_start[k] = replace(m, type="MISC")
        if noun.person and by_start[name.start].kb_id:
            ctx.described[noun.lemma] = by_start[name.start]
        return
    if _is_plural(ctx, tokens, i, noun) and noun.person:
        return
    if noun.person:
        earlier = ctx.described.get(noun.lemma)
        same = earlier is not None and (country is None or earlier.country == country)
        holder = earlier if same else _holder(ctx, noun.title, country, history)
        if holder is None and country and noun.title in SINGLE_OFFICES | LEADER_TITLES:
            # "die kongolesische Außenministerin" with no holder on record at the article's date: an
            # official of that state all the same, acting for it (not a person of the person list)
            mention = _acting_for(ctx, start, end, sent, noun, country, 0.7)
        elif holder is None:
            return
        else:
            mention = replace(holder, start=start, end=end, text=ctx.text[start:end], sent=sent,
                              confidence=min(holder.confidence, 0.8), stage=STAGE)
    elif country:
        mention = _acting_for(ctx, start, end, sent, noun, country, 0.8)
        for other in _coordinated_adjectives(ctx, tokens, before, by_start):
            # "Amerikanische und britische Kampfflugzeuge": each adjective's state has its share
            by_start[other.start] = _acting_for(ctx, other.start, other.end, sent, noun, other.country, 0.8)
    else:
        return
    if before is not None:
        by_start.pop(before.start, None)
    by_start[start] = mention
