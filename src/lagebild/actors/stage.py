"""The actors stage: every mention of a state, organisation or person, linked and typed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import pairwise

from lagebild import lang as langdata
from lagebild.actors.aliases import alias_index, words_of
from lagebild.actors.kb import KnowledgeBase
from lagebild.actors.linker import STAGE, DocContext, _coref, known_persons, sentence_mentions
from lagebild.actors.roles import role_phrases
from lagebild.config import Settings
from lagebild.nlp.tagger import tagset
from lagebild.records import Analysis, Mention, Token
from lagebild.registry import StageFn, stage


def _pronouns(ctx: DocContext, tokens: tuple[Token, ...], sent: int, mentions: list[Mention],
              history: list[Mention]) -> list[Mention]:
    """Person pronouns ("Er", "he") resolved to the last person named."""
    pronouns = _coref(ctx.lang).get("person_pronouns", frozenset())
    group_pronouns = _coref(ctx.lang).get("subject_pronouns", frozenset())
    taken = {m.start for m in mentions}
    out = list(mentions)
    for n, tok in enumerate(tokens):
        if tok.pos not in tagset(ctx.lang)["pronoun"] or tok.start in taken:
            continue
        antecedents: list[Mention] = []
        if tok.text.lower() in pronouns:
            person = _antecedent([m for m in history + mentions if m.type == "PER" and m.kb_id and m.end <= tok.start])
            antecedents = [person] if person is not None else []
        elif tok.text.lower() in group_pronouns and ctx.previous and (n == 0 or _inverted_subject(ctx, tokens, n, out)):
            antecedents = ctx.previous  # "Die Militärregierung ... kündigte an. Sie warf den USA vor"
        out += [replace(a, start=tok.start, end=tok.end, text=tok.text, sent=sent, confidence=0.6, stage=STAGE)
                for a in antecedents]
    return sorted(out, key=lambda m: m.start)


def _surnames(mentions: list[Mention], history: list[Mention]) -> list[Mention]:
    """An unlinked name that is the surname of exactly one person named before in the document
    ("Präsident José Raúl Mulino ... Mulino wies zurück"): that person. The knowledge base gives
    surnames only to the people it curates; within one article any person named in full is known. Only
    a person known to act for someone: an unplaced one would make an event's actor unknown."""
    if not history:
        return mentions
    by_surname: dict[str, set[str]] = {}
    person: dict[str, Mention] = {}
    for m in history:
        if m.kb_id and len(m.text.split()) >= 2 and m.code and m.code != "UNK":
            by_surname.setdefault(m.text.split()[-1], set()).add(m.kb_id)
            person[m.kb_id] = m
    out = []
    for m in mentions:
        ids = by_surname.get(m.text) if m.kb_id is None and m.type in ("MISC", "PER") else None
        if ids is not None and len(ids) == 1:
            m = replace(person[next(iter(ids))], start=m.start, end=m.end, text=m.text, sent=m.sent,
                        confidence=0.8, stage=STAGE)
        out.append(m)
    return out


def _inverted_subject(ctx: DocContext, tokens: tuple[Token, ...], n: int, mentions: list[Mention]) -> bool:
    """A subject pronoun right after the finite verb of a sentence that names no actor before it ("Auch
    das Raketenprogramm kritisierten sie scharf"): German puts the subject there when something else
    opens the sentence."""
    tags = tagset(ctx.lang)
    return (n > 0 and tokens[n - 1].pos in tags["finite_verb"] | tags["auxiliary"]
            and not any(m.end <= tokens[n].start and m.code and m.type in ("PER", "GPE", "ORG") for m in mentions))


def _both_sides(ctx: DocContext, tokens: tuple[Token, ...], sent: int, mentions: list[Mention],
                earlier: list[Mention]) -> list[Mention]:
    """"Beide Seiten", "die drei Länder", "both sides", "the two countries": the last two (three) actors
    named, one mention each on the phrase's span, so the phrase acts for all of them
    (coreference.yaml: plural_references, plural_reference_nouns)."""
    data = _plural_references(ctx.lang)
    if not data[0]:
        return mentions
    counts, nouns, needs_article = data
    articles = langdata.words(ctx.lang, "coreference", "plural_reference_articles")
    taken = {m.start for m in mentions}
    out = list(mentions)
    verbs = tagset(ctx.lang)["finite_verb"] | tagset(ctx.lang)["auxiliary"]
    for i, tok in enumerate(tokens[:-1]):
        n = counts.get(tok.text.lower())
        head = tokens[i + 1]
        alone = i == 0 and head.pos in verbs and tok.text.lower() not in needs_article  # "Beide warfen den USA vor"
        if n is None or ((head.lemma or head.text).lower() not in nouns and not alone) or tok.start in taken:
            continue
        if tok.text.lower() in needs_article and (i == 0 or tokens[i - 1].text.lower() not in articles):
            continue
        codes = _last_coordination(ctx, earlier + [m for m in mentions if m.end <= tok.start], n)
        if not codes:
            continue
        end = tok.end if alone else head.end
        out += [replace(m, start=tok.start, end=end, text=ctx.text[tok.start:end], sent=sent, confidence=0.6,
                        stage=STAGE) for m in reversed(codes)]
    return sorted(out, key=lambda m: m.start)


def _last_coordination(ctx: DocContext, before: list[Mention], n: int) -> list[Mention]:
    """The last ``n`` actors named together ("Russland und die Ukraine", "China, Japan and Korea"), or []."""
    actors = [m for m in before if m.code and m.code != "UNK" and not m.is_source]

    coordination = _coordination(ctx.lang)

    def joined(a: Mention, b: Mention) -> bool:
        return a.sent == b.sent and a.end <= b.start and bool(coordination.fullmatch(ctx.text[a.end:b.start]))

    for end in range(len(actors) - 1, n - 2, -1):
        start = end - n + 1
        run = actors[start:end + 1]
        whole = not (start > 0 and joined(actors[start - 1], run[0])) and not (
            end + 1 < len(actors) and joined(run[-1], actors[end + 1]))
        if whole and all(joined(a, b) for a, b in pairwise(run)) and len({m.code for m in run}) == n:
            return run
    return []


def _first_coordination(ctx: DocContext, actors: list[Mention]) -> list[Mention]:
    """The first actor and those coordinated with it ("Biden, Japans Regierungschef Kishida und Yoon"); a
    country word in a person's title ("Japans", "US-") belongs to the person."""
    coordination = _coordination(ctx.lang)
    units: list[tuple[int, Mention]] = []  # (where the actor's words start, the actor)
    title_start: int | None = None
    for m, nxt in zip(actors, actors[1:] + [None]):
        if (m.type == "MISC" and nxt is not None and nxt.type == "PER" and nxt.code == m.code
                and len(ctx.text[m.end:nxt.start].split()) <= 2 and "," not in ctx.text[m.end:nxt.start]):
            title_start = m.start if title_start is None else title_start
            continue
        units.append((m.start if title_start is None else title_start, m))
        title_start = None
    run = units[:1]
    for start, m in units[1:]:
        if not (run[-1][1].end <= start and coordination.fullmatch(ctx.text[run[-1][1].end:start])):
            break
        run.append((start, m))
    out: list[Mention] = []
    for _, m in run:
        if m.code not in {o.code for o in out}:
            out.append(m)
    return out


@cache
def _coordination(lang: str) -> re.Pattern[str]:
    """What may stand between two actors named together: a comma, a coordinating word, an article
    (coreference.yaml: coordination_words, coordination_after_comma, coordination_articles)."""
    def alternation(key: str) -> str:
        return "|".join(re.escape(w) for w in sorted(langdata.words(lang, "coreference", key)))

    words, after_comma, articles = (alternation(k) for k in ("coordination_words", "coordination_after_comma",
                                                             "coordination_articles"))
    joiner = rf"(?:,|{words}|,\s*(?:{after_comma}))" if words and after_comma else ","
    return re.compile(rf"\s*{joiner}?\s*(?:{articles})?\s*" if articles else rf"\s*{joiner}?\s*", re.IGNORECASE)


@cache
def _plural_references(lang: str) -> tuple[dict[str, int], frozenset[str], frozenset[str]]:
    data = langdata.load(lang, "coreference") if langdata.has(lang, "coreference") else {}
    counts = {str(k).lower(): int(v) for k, v in (data.get("plural_references") or {}).items()}
    nouns = frozenset(str(w).lower() for w in data.get("plural_reference_nouns") or [])
    return counts, nouns, frozenset(str(w).lower() for w in data.get("plural_references_after_article") or [])


def _antecedent(earlier: list[Mention]) -> Mention | None:
    """The person a pronoun refers to: the first person named in the latest sentence naming one
    (the subject usually comes first: "Kim übermittelte Wünsche an Putin. Er ..." -> Kim)."""
    if not earlier:
        return None
    latest = earlier[-1].sent
    return next(m for m in earlier if m.sent == latest)


@dataclass
class _Learned:
    """Persons discovered in stored articles, learned by ``learn_people`` (ingest does it from its store):
    the knowledge base that includes them, and the store rows it was made from."""

    kb: KnowledgeBase | None = None
    rows: dict[str, dict] = field(default_factory=dict)


_LEARNED = _Learned()


def learn_people(people: list[dict]) -> int:
    """Link later articles in this process also to these discovered persons (``Store.discovered_actors``
    rows); replaces what was learned before. Returns how many are known now.

    During an ingest the rows only grow: the persons already learned are kept and only the new ones are
    added to the knowledge base and its alias index, not the whole base rebuilt after each article."""
    shipped = KnowledgeBase.load()
    rows = {str(p.get("id") or ""): p for p in people}
    if _LEARNED.kb is not None and all(rows.get(k) == v for k, v in _LEARNED.rows.items()):
        base, new = _LEARNED.kb, [p for k, p in rows.items() if k not in _LEARNED.rows]
    else:
        base, new = shipped, list(rows.values())
    kb = base.with_people(new) if new else base
    _LEARNED.kb, _LEARNED.rows = (kb, rows) if len(kb) > len(shipped) else (None, {})
    return len(kb) - len(shipped)


def current_kb() -> KnowledgeBase:
    """The knowledge base the actors stage links to: the shipped one plus learned persons."""
    return _LEARNED.kb or KnowledgeBase.load()


def link(analysis: Analysis, kb: KnowledgeBase | None = None) -> tuple[Mention, ...]:
    """All mentions of the document, linked."""
    doc = analysis.document
    ctx = DocContext(kb or current_kb(), doc.lang or "", doc.published, doc.text)
    words = [words_of(analysis.sentence_tokens(sent)) for sent in analysis.sentences]
    index = alias_index(ctx.lang, ctx.kb)
    matches = [index.find(w) for w in words]
    known = known_persons(ctx, matches)
    history: list[Mention] = []
    found: list[Mention] = []
    for sent in analysis.sentences:
        tokens = analysis.sentence_tokens(sent)
        mentions = sentence_mentions(ctx, tokens, sent.index, known, words[sent.index], matches[sent.index])
        if "home" not in ctx.setting:
            home = next((m.country for m in mentions if m.kb_id == f"state:{m.country}"), None)
            if home:
                ctx.setting["home"] = home
        mentions = _surnames(role_phrases(ctx, tokens, sent.index, mentions, history), history)
        mentions = _pronouns(ctx, tokens, sent.index, mentions, history)
        mentions = _both_sides(ctx, tokens, sent.index, mentions, found)
        history.extend(m for m in mentions if m.type == "PER" and m.kb_id)
        found.extend(mentions)
        # the sentence's first actor and those named together with it, for a subject pronoun in the next one
        ctx.previous[:] = _first_coordination(ctx, [m for m in mentions if m.code and m.code != "UNK" and not m.is_source])
    return tuple(found)


@stage(requires=("sentences", "tokens.pos", "document.lang"), assigns=("mentions",))
def make_stage(settings: Settings) -> StageFn:
    """Find actor mentions and link them to the knowledge base at the article's date."""

    def run(analysis: Analysis) -> Analysis:
        return replace(analysis, mentions=link(analysis))

    return run
