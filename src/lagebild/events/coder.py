"""Coding one sentence's events: trigger -> actor and recipient groups -> modality, source, date.

Roles without a parser (German word order is free, so position alone is weak):
- verb triggers: the first actor group without a preposition is the actor (in the passive, the group
  after "von"/"durch"), the next one the object; groups after a preposition take the role the
  lexicon gives that preposition (an -> recipient, mit -> partner, nach -> destination);
- noun triggers: "zwischen X und Y" (both act), the group right before the noun ("Chinas Delegation",
  "russischer Angriff"), "von X" after it, else the subject of the clause;
- a clause without an actor (relative clause, "zu" infinitive) takes the actor of its governing clause;
- a meeting in a participant's country makes that country the host (mode visit, recipient).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from lagebild import lang as langdata
from lagebild.events.arguments import Group
from lagebild.events.clauses import Clause, speech_verbs
from lagebild.events.lexicon import Lexicon, lexicon
from lagebild.events.triggers import Trigger
from lagebild.nlp.tagger import tagset
from lagebild.records import ActorRef, Mention, Token

RECIPIENT_ROLES = frozenset({"recipient", "destination", "target", "object", "beneficiary"})


@cache
def syntax(lang: str) -> dict[str, list[str]]:
    """``lang/<code>/event_syntax.yaml``."""
    return langdata.load(lang, "event_syntax") if langdata.has(lang, "event_syntax") else {}


@dataclass
class Roles:
    """Actor and recipient mentions chosen for one trigger, with the reasons."""

    actors: list[Mention]
    recipients: list[Mention]
    hosts: list[Mention]
    why: list[str]
    partners: int = 0
    partner_mentions: list[Mention] = field(default_factory=list)  # after mit/zwischen
    objects: list[Mention] = field(default_factory=list)  # the object group of a verb
    has_subject: bool = False
    visit: bool = False  # a meeting in a participant's country: that country hosts


def acting(group: Group) -> list[Mention]:
    """The mentions of a group that can act (not country adjectives or places)."""
    return [m for m in group.mentions if m.type in ("PER", "GPE", "ORG") and (m.code or m.country)]


def _is_passive(tokens: Sequence[Token], trig: Trigger, clause: Clause, lang: str) -> bool:
    """A past participle trigger with a passive auxiliary in its clause ("wurde angegriffen")."""
    tags = tagset(lang)
    aux = set(langdata.load(lang, "nlp").get("passive_auxiliaries", []))
    if trig.kind != "verb" or tokens[trig.index].pos not in tags["past_participle"]:
        return False
    return any(t.pos in tags["auxiliary"] and t.lemma in aux for t in tokens[clause.start:clause.end])


def prep_role(lex: Lexicon, trig: Trigger, governor: str | None, lang: str) -> str | None:
    """What a preposition makes of the group after it, for this trigger."""
    if governor is None:
        return None
    own = dict(trig.entry.prepositions)
    if governor in own:
        return own[governor]
    if governor in set(langdata.load(lang, "nlp").get("agent_prepositions", [])) and governor not in lex.prepositions:
        return "agent"
    return lex.prepositions.get(governor)


@cache
def _co_actor_phrases(lang: str) -> tuple[tuple[str, ...], ...]:
    """Multi-word phrases that put an actor on the acting side ("an der Seite")."""
    lex = lexicon(lang)
    phrases = list(syntax(lang).get("co_actor_phrases", []))
    phrases += [p for p, role in lex.prepositions.items() if role == "co_actor"]
    return tuple(tuple(p.lower().split()) for p in dict.fromkeys(phrases))


def co_actor_ends(tokens: Sequence[Token], lang: str) -> list[int]:
    """Token indices where a co-actor phrase ends ("an der Seite" -> index of "Seite")."""
    words = [t.text.lower() for t in tokens]
    ends = []
    for parts in _co_actor_phrases(lang):
        n = len(parts)
        ends += [i + n - 1 for i in range(len(words) - n + 1) if tuple(words[i:i + n]) == parts]
    return ends


def _group_role(tokens: Sequence[Token], g: Group, trig: Trigger, lex: Lexicon, lang: str) -> str | None:
    """The role a prepositional group plays for a trigger."""
    preps = tagset(lang)["preposition"]
    for e in co_actor_ends(tokens, lang):
        if g.first - 4 <= e < g.first and not any(t.pos in preps for t in tokens[e + 1:g.first]):
            return "co_actor"  # "an der Seite der Russen", not "... der Russen gegen ukrainische Kräfte"
    role = prep_role(lex, trig, g.governor, lang)
    if role == "genitive":
        return "agent" if trig.kind == "verb" else trig.entry.genitive
    return role


def _assign(roles: Roles, g: Group, role: str | None, passive: bool, noun: bool) -> None:
    """Put a prepositional group into its role."""
    members = acting(g)
    if role in ("co_actor", "actor") or (role == "agent" and (passive or noun)):
        roles.actors.extend(members)
        roles.why.append(f"actor {sorted(g.codes)}: after '{g.governor}'")
    elif role in RECIPIENT_ROLES or role == "partner":
        if role in ("target", "recipient", "destination") and not members:
            # "auf iranische Atomanlagen", "reist nach Washington": the country of the place or object
            members = [m for m in g.mentions if m.type in ("MISC", "LOC") and m.country]
        roles.recipients.extend(members)
        roles.partners += role == "partner"
        if role == "partner":
            roles.partner_mentions.extend(members)
        roles.why.append(f"{role} {sorted(g.codes)}: after '{g.governor}'")
    elif role == "location":
        roles.hosts.extend(m for m in g.mentions if m.country)


def _determiner(tokens: Sequence[Token], group: Group, lang: str) -> str | None:
    """The article or determiner opening a name group ("den USA", "dem russischen Präsidenten")."""
    tags = tagset(lang)
    i = group.first
    determiners = tags["article"] | tags["pronoun"]
    if tokens[i].pos not in determiners:
        i -= 1
        while i >= 0 and tokens[i].pos in tags["adjective"]:
            i -= 1
    if i < 0 or tokens[i].pos not in determiners:
        return None
    return tokens[i].text.lower()


def _oblique(tokens: Sequence[Token], group: Group, lang: str, clause: Clause | None = None) -> bool:
    """Whether a name group is opened by a determiner that is never nominative (nlp.yaml), and is not
    the genitive owner of the clause's subject noun ("Ein Sprecher | des chinesischen Außenministeriums
    warf ... vor": the ministry speaks)."""
    oblique = langdata.words(lang, "nlp", "oblique_determiners")
    if not oblique or _determiner(tokens, group, lang) not in oblique:
        return False
    return clause is None or not _owner_of_subject(tokens, group, clause, lang)


def _owner_of_subject(tokens: Sequence[Token], group: Group, clause: Clause, lang: str) -> bool:
    """A genitive group right after the noun that opens the clause, all before the finite verb."""
    tags = tagset(lang)
    genitive = set(langdata.words(lang, "nlp", "genitive_determiners"))
    i = group.first
    while i > clause.start and tokens[i].pos not in tags["article"] | tags["pronoun"]:
        i -= 1
    if tokens[i].text.lower() not in genitive:
        return False
    head = tokens[clause.start:i]
    finite = tags["finite_verb"] | tags["auxiliary"]
    after = tokens[group.last + 1:clause.end]
    return (1 <= len(head) <= 3 and head[-1].pos in tags["noun"]
            and all(t.pos in tags["article"] | tags["adjective"] | tags["noun"] for t in head)
            and bool(after) and after[0].pos in finite)


def _unnamed_subject(tokens: Sequence[Token], clause: Clause, trig: Trigger, first: Group, lang: str) -> bool:
    """A clause that opens with an article and a noun before its finite verb has that noun phrase as
    subject ("Die Kommission wirft China vor"): a name group after the verb is then an object."""
    tags = tagset(lang)
    finite = next((i for i in range(clause.start, clause.end) if tokens[i].pos in tags["finite_verb"] | tags["auxiliary"]), None)
    if (finite == clause.start and clause.start > 0 and tokens[clause.start - 1].pos in tags["coordinator"]
            and trig.kind != "noun" and first.first > finite):
        return True  # "... und forderte Moskau auf": the subject is the first conjunct's
    if finite is None or first.first < finite or trig.kind == "noun" or trig.entry.recipient not in ("object", "dative"):
        return False  # only verbs whose object is an actor ("wirft China vor"), not "lehnt ... die Hamas ab"
    head = tokens[clause.start:finite]
    return (len(head) >= 2 and head[0].pos in tags["article"] and head[-1].pos in tags["noun"]
            and all(t.pos in tags["article"] | tags["adjective"] | tags["noun"] for t in head))


def _speech_content_start(tokens: Sequence[Token], trig: Trigger, clause: Clause, lang: str) -> int:
    """Where what a verb of saying reports begins: the first comma after it ("warf Ungarn vor, | Zahlungen
    an Kiew zu blockieren"). Prepositions there belong to the reported act, not to the speech act."""
    if (trig.kind != "verb" or (tokens[trig.index].verb_lemma or trig.lemma) not in speech_verbs(lang)
            and trig.lemma not in speech_verbs(lang)):
        return clause.end
    return next((i for i in range(trig.index + 1, clause.end) if tokens[i].text == ","), clause.end)


def verb_roles(tokens: Sequence[Token], trig: Trigger, clause: Clause, groups: list[Group],
               lex: Lexicon, lang: str) -> Roles:
    """Roles around a verb trigger."""
    roles = Roles([], [], [], [])
    passive = _is_passive(tokens, trig, clause, lang)
    content = _speech_content_start(tokens, trig, clause, lang)
    for g in groups:
        if g.governor is not None and g.first < content:
            _assign(roles, g, _group_role(tokens, g, trig, lex, lang), passive, noun=False)
    bare = _pronoun_subject_first([g for g in groups if g.governor is None and acting(g)], tokens, clause, lang)
    if bare and _unnamed_subject(tokens, clause, trig, bare[0], lang):
        roles.objects.extend(acting(bare[0]))
        roles.recipients.extend(acting(bare[0]))
        roles.why.append(f"recipient {sorted(bare[0].codes)}: object after the verb; the subject is not a known actor")
        bare = []
    if bare and not passive and _oblique(tokens, bare[0], lang, clause):
        nominative = [g for g in bare if not _oblique(tokens, g, lang, clause)]
        if nominative:
            bare = [nominative[0]] + [g for g in bare if g is not nominative[0]]
        else:
            if trig.entry.recipient != "none":
                roles.objects.extend(acting(bare[0]))
                roles.recipients.extend(acting(bare[0]))
                roles.why.append(f"recipient {sorted(bare[0].codes)}: object ('{_determiner(tokens, bare[0], lang)}' is never a subject)")
            bare = []
    if bare:
        first, rest = bare[0], bare[1:]
        roles.has_subject = True
        (roles.recipients if passive else roles.actors).extend(acting(first))
        roles.why.append(f"{'patient' if passive else 'actor'} {sorted(first.codes)}: first name group without preposition")
        if rest and not passive and trig.entry.recipient != "none":
            roles.recipients.extend(acting(rest[0]))
            roles.objects.extend(acting(rest[0]))
            roles.why.append(f"recipient {sorted(rest[0].codes)}: object of '{trig.lemma}'")
        elif not passive and trig.entry.recipient != "none":
            targets = [m for g in groups if g.governor is None and not acting(g) and g.first > trig.index
                       for m in g.mentions if m.type == "MISC" and m.country]
            roles.recipients.extend(targets[:1])  # "griffen iranische Atomanlagen an"
            if targets:
                roles.why.append(f"recipient {targets[0].country}: owner of the object of '{trig.lemma}'")
    if not roles.recipients and not passive and trig.entry.recipient != "none":
        origin = next((g for g in groups if g.governor is not None and acting(g) and g.first > trig.index
                       and _group_role(tokens, g, trig, lex, lang) == "origin" and _after_noun(tokens, g, lang)), None)
        if origin is not None:  # "dankte den Vermittlern aus Katar", "Zölle auf Autos aus China"
            roles.recipients.extend(acting(origin))
            roles.why.append(f"recipient {sorted(origin.codes)}: where the object comes from")
    if trig.entry.inverse:
        roles.actors, roles.recipients = roles.recipients, roles.actors
        roles.why.append(f"'{trig.lemma}' swaps subject and object")
        # the grammatical subject was the patient ("die USA würden einen hohen Preis zahlen"): the
        # agent is still open and may come from the governing clause
        roles.has_subject = bool(roles.actors)
    return roles


def _pronoun_subject_first(bare: list[Group], tokens: Sequence[Token], clause: Clause, lang: str) -> list[Group]:
    """A nominative personal pronoun right after the finite verb is the subject; a name before the verb
    is then a fronted object ("Washington bot er Gespräche an", "Dem Emir habe er zugesichert")."""
    pronouns = langdata.words(lang, "nlp", "nominative_pronouns")
    if len(bare) < 2 or not pronouns:
        return bare
    tags = tagset(lang)
    finite = next((i for i in range(clause.start, clause.end) if tokens[i].pos in tags["finite_verb"] | tags["auxiliary"]), None)
    if finite is None or bare[0].first > finite:
        return bare
    subject = next((g for g in bare[1:] if g.first == finite + 1 and tokens[g.first].text.lower() in pronouns), None)
    return bare if subject is None else [subject] + [g for g in bare if g is not subject]


def _preposition_before(tokens: Sequence[Token], j: int, floor: int, lang: str) -> int:
    """Index of the nearest preposition before token ``j``, looking no further back than ``floor``
    (``floor`` itself when there is none after it)."""
    k = j - 1
    while k > floor and tokens[k].pos not in tagset(lang)["preposition"]:
        k -= 1
    return k


def _after_noun(tokens: Sequence[Token], g: Group, lang: str) -> bool:
    """Whether the preposition before a group follows a noun ("den Vermittlern aus Katar")."""
    tags = tagset(lang)
    j = _preposition_before(tokens, g.first, 0, lang)
    return j > 0 and tokens[j].pos in tags["preposition"] and tokens[j - 1].pos in tags["noun"]


def noun_roles(tokens: Sequence[Token], trig: Trigger, clause: Clause, groups: list[Group],
               lex: Lexicon, lang: str) -> Roles:
    """Roles around a noun trigger."""
    roles = Roles([], [], [], [])
    i = trig.index
    verbs = tagset(lang)["verb"]

    def verb_between(a: int, b: int) -> bool:  # "Gespräche betonte der Außenminister": no genitive
        return any(t.pos in verbs for t in tokens[a + 1:b])

    for g in groups:
        role = _group_role(tokens, g, trig, lex, lang)
        if g.governor in ("zwischen", "between"):
            roles.actors.extend(acting(g))
            roles.why.append(f"actors {sorted(g.codes)}: 'between'")
        elif g.last < i and i - g.last <= 3 and g.governor is None and not verb_between(g.last, i):
            roles.actors.extend(m for m in g.mentions if m.code or m.country)
            roles.why.append(f"actor {sorted(g.codes)}: attached before '{trig.lemma}'")
        elif g.first > i and g.first - i <= 3 and g.governor is None and not verb_between(i, g.first):
            side = roles.recipients if trig.entry.genitive == "recipient" else roles.actors
            side.extend(acting(g))
            roles.why.append(f"genitive {sorted(g.codes)} of '{trig.lemma}'")
        elif g.first > i and role in ("actor", "recipient") and _after_quantity(tokens, i, g.first, lang):
            continue  # "tariffs on 155 billion dollars of U.S. imports": the genitive is the amount's
        elif g.first > i or role == "location":
            _assign(roles, g, role, passive=False, noun=True)
    return roles


def _after_quantity(tokens: Sequence[Token], i: int, j: int, lang: str) -> bool:
    """Whether a number and a noun stand between the trigger at ``i`` and the preposition before ``j``
    (an amount the group after the preposition belongs to)."""
    tags = tagset(lang)
    between = tokens[i + 1:_preposition_before(tokens, j, i, lang)]
    return any(t.pos in tags["number"] for t in between) and bool(between) and between[-1].pos in tags["noun"]


def ref(m: Mention) -> ActorRef:
    """The ActorRef of a mention."""
    return ActorRef(text=m.text, code=m.code or m.country or "UNK", name=m.name, country=m.country,
                    kb_id=m.kb_id, role=m.role, sector=m.sector, start=m.start, end=m.end)


def unique_refs(mentions: Sequence[Mention]) -> tuple[ActorRef, ...]:
    """One ActorRef per actor code, in order of appearance."""
    seen: dict[str, ActorRef] = {}
    for m in mentions:
        r = ref(m)
        if r.code not in seen or (seen[r.code].kb_id is None and r.kb_id):
            seen[r.code] = r
    return tuple(seen.values())
