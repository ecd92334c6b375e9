"""One real-world event across many articles: event mentions clustered into story events.

Two events of different articles are *compatible* (can be one story) when they have the same PLOVER
type and modality (negated, hypothetical), overlapping actors and compatible recipients, and
compatible dates::

    sides   the actors overlap and the recipients overlap, or one of them names none;
            for mutual types (AGREE, CONSULT, COOPERATE) also when both name the same participants
            (A -> B, B -> A and "A and B" are one meeting)
    dates   both dated: the days they cover overlap, give or take DAY_SLACK days ("2025-05" and
            "2025-05-16"; a drill reported on its first and on its second day);
            one undated: the two articles were published within UNDATED_WINDOW days of each other

Among compatible candidates the best is chosen by a cheap similarity (``_score``): agreement of the
sides, of the dates and of the mode, shared figures, and the character-trigram cosine of the evidence
texts (names and numbers make it work across German and English).

Determinism: the candidate links form a graph; a story never spans two of its connected components.
Each component is clustered on its own, greedily in a fixed order of its events (publication date,
document id, evidence position): an event joins the best cluster all of whose members it is compatible
with and none of whose members comes from the same document; a tie goes to the older cluster. The
result depends only on the set of events, never on the ingest order, and an update re-clusters just
the components that new events touch. Story ids are derived from the story's first mention.

Figures: each mention keeps the numbers its evidence gives ("1.000 Gefangene", "1,000 prisoners",
"zehntausende", "571,3 Millionen"); when two sources give disjoint figures the story is *disputed* and
``story()`` shows them side by side ("KCNA: 1000 / Reuters: 3000").
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import math
import re
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, delete, exists, func, insert, or_, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, aliased

from lagebild.errors import StoreError
from lagebild.records import ActorRef
from lagebild.store import Store
from lagebild.store.models import DocumentModel, EventActorModel, EventModel
from lagebild.store.stories import StoryMentionModel, StoryModel

log = logging.getLogger(__name__)

MUTUAL_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE"})
DAY_SLACK = 1  # dated mentions may differ by this many days (multi-day events, time zones)
UNDATED_WINDOW = 3  # an undated mention matches one from an article published within +-3 days
MIN_SCORE = 0.3  # below this similarity a compatible mention still starts a story of its own
REACH_LIMIT = 2000  # more events to place than this: load their types whole instead of walking out
UNKNOWN = frozenset({"UNK", ""})

# -- figures ------------------------------------------------------------------------------------------

# Number words of the supported languages (German and English) in one table; only large and vague
# quantities, since small number words ("zwei Seiten", "one of") are rarely a disputed figure.
SCALES = {"hundert": 100, "hundred": 100, "tausend": 1_000, "thousand": 1_000, "million": 10**6,
          "millionen": 10**6, "mio": 10**6, "milliarde": 10**9, "milliarden": 10**9, "mrd": 10**9,
          "billion": 10**9, "billions": 10**9}
VAGUE = {"dutzende": 12, "dozens": 12, "hunderte": 100, "hundreds": 100, "tausende": 1_000,
         "thousands": 1_000, "zehntausende": 10_000, "hunderttausende": 100_000, "millions": 10**6}
VAGUE_OF = {"tens of thousands": 10_000, "hundreds of thousands": 100_000}
SMALL = {"zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "zehn": 10, "zwanzig": 20, "two": 2, "three": 3,
         "four": 4, "five": 5, "ten": 10, "twenty": 20}
APPROX = ("mehr als", "über", "rund", "etwa", "fast", "knapp", "mindestens", "bis zu", "nearly", "about",
          "more than", "at least", "almost", "around", "some", "over", "up to")
MONTHS = frozenset({
    "januar", "jänner", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober",
    "november", "dezember", "january", "february", "march", "may", "june", "july", "october", "december",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "okt", "oct", "nov", "dez", "dec"})
YEAR_CUES = frozenset({
    "im", "in", "seit", "bis", "ab", "vor", "jahr", "jahres", "jahresende", "ende", "anfang", "mitte", "herbst",
    "frühjahr", "sommer", "winter", "since", "until", "by", "year", "early", "late", "end", "of", "from"})

_NUMERAL = re.compile(r"(?<![\w\-./,])(\d+(?:[.,]\d+)*)(?![\w\-])(\s*%)?")
_WORD = re.compile(r"[^\W\d_]+\.?", re.UNICODE)
_DIGIT = re.compile(r"\d")
_NUMBER_WORD = re.compile("|".join(sorted({*SCALES, *VAGUE, *VAGUE_OF}, key=len, reverse=True)), re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Figure:
    """A number in an evidence text: its value, the words that give it, whether it is approximate."""

    value: float
    text: str
    approx: bool = False

    def __str__(self) -> str:
        number = f"{self.value:.0f}" if self.value == int(self.value) else f"{self.value:.2f}".rstrip("0")
        return ("~" if self.approx else "") + number


def _parse_numeral(text: str) -> float:
    """ "1.000" and "1,000" are a thousand, "571,3" and "571.3" a decimal, "1.234,5" both."""
    seps = re.findall(r"[.,]", text)
    if not seps:
        return float(text)
    groups = re.split(r"[.,]", text)
    if len(set(seps)) == 2:  # the last separator is the decimal one
        return float("".join(groups[:-1]) + "." + groups[-1])
    if all(len(g) == 3 for g in groups[1:]):
        return float("".join(groups))
    return float("".join(groups[:-1]) + "." + groups[-1])


def _words_around(text: str, start: int, end: int) -> tuple[list[str], list[str]]:
    """Two lower-cased words before and after a span."""
    before = [w.lower().rstrip(".") for w in _WORD.findall(text[max(0, start - 30):start])][-2:]
    after = [w.lower().rstrip(".") for w in _WORD.findall(text[end:end + 30])][:2]
    return before, after


def _is_date_part(text: str, match: re.Match[str], before: list[str], after: list[str]) -> bool:
    """A day, a year or an ordinal rather than a count: "am 13. Juni", "May 16", "im Jahr 2024", "17."."""
    number = match.group(1)
    if (before and before[-1] in MONTHS) or (after and after[0] in MONTHS):
        return True
    if text[match.end(1):match.end(1) + 2] in {". ", ".\u00a0"} and match.end(1) + 2 < len(text):
        return bool(re.match(r"[^\W\d_]", text[match.end(1) + 2:match.end(1) + 3]))  # ordinal "17. Paket"
    if re.fullmatch(r"(19|20)\d\d", number):
        return not after or (bool(before) and before[-1] in YEAR_CUES) or after[0] in MONTHS
    return False


def _approx(before: list[str]) -> bool:
    tail = " ".join(before)
    return any(tail.endswith(cue) for cue in APPROX)


def _numerals(text: str) -> Iterator[tuple[int, int, Figure]]:
    for match in _NUMERAL.finditer(text):
        before, after = _words_around(text, match.start(), match.end())
        if _is_date_part(text, match, before, after):
            continue
        value, end = _parse_numeral(match.group(1)), match.end()
        if after and after[0] in SCALES and not match.group(2):
            value *= SCALES[after[0]]
            end = text.lower().index(after[0], end) + len(after[0])
        yield match.start(), end, Figure(value, text[match.start():end], _approx(before))


def _number_words(text: str) -> Iterator[tuple[int, int, Figure]]:
    lower = text.lower()
    for phrase, value in VAGUE_OF.items():
        for m in re.finditer(rf"\b{phrase}\b", lower):
            yield m.start(), m.end(), Figure(float(value), text[m.start():m.end()], True)
    words = list(re.finditer(r"[^\W\d_]+", lower))
    for i, m in enumerate(words):
        word, nxt = m.group(), words[i + 1] if i + 1 < len(words) else None
        if word in VAGUE and not (nxt and nxt.group() == "of"):
            yield m.start(), m.end(), Figure(float(VAGUE[word]), text[m.start():m.end()], True)
        elif word in SMALL and nxt is not None and nxt.group() in SCALES and nxt.start() - m.end() <= 1:
            yield m.start(), nxt.end(), Figure(float(SMALL[word] * SCALES[nxt.group()]), text[m.start():nxt.end()],
                                               _approx([w.group() for w in words[max(0, i - 2):i]]))
        elif word in SCALES and word not in {"hundert", "hundred", "mio", "mrd"} and _alone(words, i):
            yield m.start(), m.end(), Figure(float(SCALES[word]), text[m.start():m.end()], True)


def _alone(words: list[re.Match[str]], i: int) -> bool:
    """"tausend Soldaten" (a count), not "zwei Millionen" (handled with its number)."""
    return i == 0 or words[i - 1].group() not in SMALL


def figures(text: str) -> tuple[Figure, ...]:
    """The figures an evidence text gives, in text order; dates, years and ordinals are left out.

    >>> [f.value for f in figures("Austausch von jeweils 1.000 Gefangenen, zehntausende Flüchtlinge")]
    [1000.0, 10000.0]
    """
    candidates = [*_numerals(text)] if _DIGIT.search(text) else []
    if _NUMBER_WORD.search(text):
        candidates += _number_words(text)
    found = sorted(set(candidates), key=lambda t: (t[0], -t[1]))  # longest first where two start together
    kept: list[tuple[int, int, Figure]] = []
    for start, end, figure in found:
        if not kept or start >= kept[-1][1]:
            kept.append((start, end, figure))
    return tuple(f for _, _, f in kept)


def _figure_json(f: Figure) -> dict[str, Any]:
    return {"value": f.value, "text": f.text, "approx": f.approx}


def _figure_record(d: dict[str, Any]) -> Figure:
    return Figure(float(d["value"]), str(d["text"]), bool(d.get("approx")))


def disputed(figure_sets: Iterable[Iterable[Figure]]) -> bool:
    """True when two mentions give figures and none of them agree (1000 vs 3000 prisoners)."""
    sets = [frozenset(f.value for f in fs) for fs in figure_sets]
    sets = [s for s in sets if s]
    return any(not (a & b) for i, a in enumerate(sets) for b in sets[i + 1:])


# -- the items clustered ---------------------------------------------------------------------------


@dataclass(slots=True)
class _Item:
    """One stored event, reduced to what clustering needs."""

    event_id: int
    doc_id: str
    published: dt.date | None
    seen: dt.date  # publication date, else the day it was ingested
    source: str | None
    type: str
    negated: bool
    hypothetical: bool
    mode: str | None
    date: str | None
    precision: str | None
    start: dt.date | None
    end: dt.date | None
    reported_by: str | None
    evidence: str
    evidence_start: int
    evidence_end: int
    actors: dict[str, ActorRef] = field(default_factory=dict)  # code -> ref
    recipients: dict[str, ActorRef] = field(default_factory=dict)
    _grams: frozenset[str] | None = None
    _figures: tuple[Figure, ...] | None = None

    @property
    def grams(self) -> frozenset[str]:
        """Character trigrams of the evidence (computed when first needed)."""
        if self._grams is None:
            self._grams = _grams(self.evidence)
        return self._grams

    @property
    def figures(self) -> tuple[Figure, ...]:
        """The figures the evidence gives (computed when first needed)."""
        if self._figures is None:
            self._figures = figures(self.evidence)
        return self._figures

    @property
    def block(self) -> tuple[str, bool, bool]:
        """Only events of one block can be one story."""
        return self.type, self.negated, self.hypothetical

    @property
    def key(self) -> tuple[Any, ...]:
        """The fixed order of clustering: earliest report first, then document id and position."""
        return (self.published or dt.date.max, self.doc_id, self.evidence_start, self.evidence_end,
                self.event_id)


def _grams(text: str) -> frozenset[str]:
    """Character trigrams of the folded text (accents stripped, lower case, words padded)."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    words = re.findall(r"\w+", folded)
    return frozenset(g for w in words for g in (f" {w} "[i:i + 3] for i in range(len(w))))


def _code(row: Any) -> str:
    return str(row.country or row.code or "")


def _load(session: Session, where: Any) -> list[_Item]:
    """Items of the events selected by ``where`` (a clause on EventModel and DocumentModel), with actors."""
    rows = session.execute(
        select(EventModel.id, EventModel.type, EventModel.negated, EventModel.hypothetical, EventModel.mode,
               EventModel.date, EventModel.date_precision, EventModel.date_start, EventModel.date_end,
               EventModel.reported_by, EventModel.evidence_text, EventModel.evidence_start,
               EventModel.evidence_end, DocumentModel.doc_id, DocumentModel.published, DocumentModel.source,
               DocumentModel.ingested_at)
        .join(DocumentModel, DocumentModel.id == EventModel.document_id).where(where))
    items = {r.id: _Item(
        event_id=r.id, doc_id=r.doc_id, published=r.published, seen=r.published or r.ingested_at.date(),
        source=r.source, type=r.type, negated=r.negated, hypothetical=r.hypothetical, mode=r.mode,
        date=r.date, precision=r.date_precision, start=r.date_start, end=r.date_end,
        reported_by=r.reported_by, evidence=r.evidence_text, evidence_start=r.evidence_start,
        evidence_end=r.evidence_end)
        for r in rows}
    actors = session.execute(
        select(EventActorModel.event_id, EventActorModel.side, EventActorModel.code, EventActorModel.country,
               EventActorModel.name, EventActorModel.text)
        .join(EventModel, EventModel.id == EventActorModel.event_id)
        .join(DocumentModel, DocumentModel.id == EventModel.document_id).where(where)
        .order_by(EventActorModel.id))
    for a in actors:
        code = _code(a)
        if code in UNKNOWN or a.event_id not in items:
            continue
        side = items[a.event_id].actors if a.side == "actor" else items[a.event_id].recipients
        side.setdefault(code, ActorRef(text=a.text, code=code, name=a.name, country=a.country))
    return list(items.values())


# -- compatibility and similarity --------------------------------------------------------------------


def _sides_compatible(a: _Item, b: _Item) -> bool:
    """Overlapping actors and recipients (or a side left open); for mutual types the same participants."""
    aa, ar, ba, br = a.actors.keys(), a.recipients.keys(), b.actors.keys(), b.recipients.keys()
    if aa & ba and (not ar or not br or ar & br):
        return True
    return a.type in MUTUAL_TYPES and bool(aa) and (aa | ar) == (ba | br)


def _dates_compatible(a: _Item, b: _Item) -> bool:
    """Covered days overlap (give or take DAY_SLACK); an undated mention: published within the window."""
    if a.start is None or a.end is None or b.start is None or b.end is None:
        return abs((a.seen - b.seen).days) <= UNDATED_WINDOW
    slack = dt.timedelta(days=DAY_SLACK)
    return a.start - slack <= b.end and b.start - slack <= a.end


def compatible(a: _Item, b: _Item) -> bool:
    """Whether two events of different articles can report the same real-world event."""
    return (a.block == b.block and a.doc_id != b.doc_id and _dates_compatible(a, b)
            and _sides_compatible(a, b))


def _jaccard(a: Iterable[str], b: Iterable[str]) -> float:
    sa, sb = set(a), set(b)
    return len(sa & sb) / len(sa | sb) if sa | sb else 1.0


def _cosine(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / math.sqrt(len(a) * len(b)) if a and b else 0.0


def _score(a: _Item, b: _Item) -> float:
    """Similarity of two compatible mentions, 0..1: sides, date, mode, figures, evidence text."""
    if a.type in MUTUAL_TYPES:
        sides = _jaccard(a.actors.keys() | a.recipients.keys(), b.actors.keys() | b.recipients.keys())
    else:
        sides = 0.5 * _jaccard(a.actors, b.actors) + 0.5 * _jaccard(a.recipients, b.recipients)
    if a.date and b.date:
        when = 1.0 if a.date == b.date else 0.6
    else:
        when = 0.4 if a.published == b.published else 0.2
    mode = 1.0 if a.mode == b.mode else 0.5 if not a.mode or not b.mode else 0.0
    values_a, values_b = {f.value for f in a.figures}, {f.value for f in b.figures}
    shared = 1.0 if values_a & values_b else 0.0
    return 0.3 * sides + 0.15 * when + 0.1 * mode + 0.1 * shared + 0.35 * _cosine(a.grams, b.grams)


# -- clustering ------------------------------------------------------------------------------------


def _near_in_time(group: list[_Item]) -> Iterator[tuple[_Item, _Item]]:
    """The pairs of a group whose dates can be compatible, found by two sweeps instead of all pairs."""
    by_seen = sorted(group, key=lambda i: i.seen)  # an undated mention: published within the window
    for n, a in enumerate(by_seen):
        for b in by_seen[n + 1:]:
            if (b.seen - a.seen).days > UNDATED_WINDOW:
                break
            if a.start is None or b.start is None:
                yield a, b
    dated = sorted((i for i in group if i.start is not None and i.end is not None),
                   key=lambda i: i.start or dt.date.min)  # both dated: the covered days overlap
    slack = dt.timedelta(days=DAY_SLACK)
    for n, a in enumerate(dated):
        for b in dated[n + 1:]:
            if b.start - slack > a.end:  # type: ignore[operator]
                break
            yield a, b


class _Links:
    """The candidate graph of some events: an edge joins two compatible events of different articles."""

    def __init__(self, items: Sequence[_Item]) -> None:
        self.items = {i.event_id: i for i in items}
        self.parent = {i.event_id: i.event_id for i in items}
        self.adjacent: dict[int, set[int]] = defaultdict(set)
        by_code: dict[tuple[Any, ...], list[_Item]] = defaultdict(list)
        for item in items:
            for code in item.actors.keys() | item.recipients.keys():
                by_code[(*item.block, code)].append(item)
        checked: set[tuple[int, int]] = set()
        for group in by_code.values():
            for a, b in _near_in_time(group):
                pair = (a.event_id, b.event_id) if a.event_id < b.event_id else (b.event_id, a.event_id)
                if pair not in checked:
                    checked.add(pair)
                    if compatible(a, b):
                        self._union(a.event_id, b.event_id)
                        self.adjacent[a.event_id].add(b.event_id)
                        self.adjacent[b.event_id].add(a.event_id)

    def _find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def _union(self, a: int, b: int) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def components(self, touching: set[int] | None = None) -> list[list[_Item]]:
        """Connected components (those holding an event of ``touching``, or all), each in clustering order."""
        groups: dict[int, list[_Item]] = defaultdict(list)
        for event_id, item in self.items.items():
            groups[self._find(event_id)].append(item)
        wanted = [g for g in groups.values()
                  if touching is None or any(i.event_id in touching for i in g)]
        return sorted((sorted(g, key=lambda i: i.key) for g in wanted), key=lambda g: g[0].key)


def cluster(component: Sequence[_Item], adjacent: dict[int, set[int]]) -> list[list[_Item]]:
    """Stories of one component: each event, in order, joins the best cluster it fits, else starts one.

    A cluster fits when the event is compatible with all its members (so only clusters holding one of
    its neighbours in the candidate graph are tried) and none comes from the same document.
    """
    clusters: list[list[_Item]] = []
    placed: dict[int, int] = {}  # event id -> index of its cluster
    for item in component:
        best, best_score = -1, MIN_SCORE
        for index in sorted({placed[n] for n in adjacent.get(item.event_id, ()) if n in placed}):
            members = clusters[index]
            if any(m.doc_id == item.doc_id or m.event_id not in adjacent[item.event_id] for m in members):
                continue
            score = sum(_score(item, m) for m in members) / len(members)
            if score > best_score + 1e-9:
                best, best_score = index, score
        if best < 0:
            best = len(clusters)
            clusters.append([])
        clusters[best].append(item)
        placed[item.event_id] = best
    return clusters


# -- stories as rows ---------------------------------------------------------------------------------


def _story_id(first: _Item, taken: set[str]) -> str:
    seed = f"{first.doc_id}|{first.evidence_start}|{first.evidence_end}|{'|'.join(map(str, first.block))}"
    base = "s-" + hashlib.sha1(seed.encode("utf-8")).hexdigest()[:12]
    story_id, n = base, 1
    while story_id in taken:
        n += 1
        story_id = f"{base}-{n}"
    taken.add(story_id)
    return story_id


def _majority_sides(members: Sequence[_Item]) -> tuple[list[ActorRef], list[ActorRef]]:
    """Codes named by at least half of the mentions, each on the side it is named on most."""
    on_actor = Counter(c for m in members for c in m.actors)
    on_recipient = Counter(c for m in members for c in m.recipients)
    refs: dict[str, ActorRef] = {}
    for m in members:
        for code, ref in (*m.actors.items(), *m.recipients.items()):
            refs.setdefault(code, ref)
    need = len(members) / 2
    actors: list[ActorRef] = []
    recipients: list[ActorRef] = []
    for code in sorted(on_actor.keys() | on_recipient.keys()):
        if on_actor[code] + on_recipient[code] < need:
            continue
        (actors if on_actor[code] >= on_recipient[code] else recipients).append(refs[code])
    return actors, recipients


def _best_date(members: Sequence[_Item]) -> _Item | None:
    """The mention with the most precise date (fewest days covered); among those the most common value."""
    dated = [m for m in members if m.date and m.start and m.end]
    if not dated:
        return None
    span = min((m.end - m.start).days for m in dated)  # type: ignore[operator]
    precise = [m for m in dated if (m.end - m.start).days == span]  # type: ignore[operator]
    counts = Counter(m.date for m in precise)
    value = min(counts, key=lambda v: (-counts[v], v or ""))
    return next(m for m in precise if m.date == value)


def _mode(members: Sequence[_Item]) -> str | None:
    counts = Counter(m.mode for m in members if m.mode)
    return min(counts, key=lambda v: (-counts[v], v)) if counts else None


def _actor_json(ref: ActorRef) -> dict[str, Any]:
    return {"code": ref.code, "name": ref.name, "country": ref.country}


def _story_row(story_id: str, members: Sequence[_Item]) -> dict[str, Any]:
    first = members[0]
    actors, recipients = _majority_sides(members)
    dated = _best_date(members)
    sources = {m.source or m.doc_id for m in members} | {m.reported_by for m in members if m.reported_by}
    return {
        "id": story_id, "type": first.type, "mode": _mode(members),
        "date": dated.date if dated else None, "date_precision": dated.precision if dated else None,
        "date_start": dated.start if dated else None, "date_end": dated.end if dated else None,
        "first_seen": min(m.seen for m in members), "last_seen": max(m.seen for m in members),
        "n_mentions": len(members), "n_sources": len(sources),
        "actors": [_actor_json(a) for a in actors], "recipients": [_actor_json(r) for r in recipients],
        "negated": first.negated, "hypothetical": first.hypothetical,
        "disputed": disputed(m.figures for m in members),
    }


def _mention_rows(story_id: str, members: Sequence[_Item]) -> list[dict[str, Any]]:
    return [{"event_id": m.event_id, "story_id": story_id, "doc_id": m.doc_id, "position": n,
             "source": m.source, "reported_by": m.reported_by,
             "figures": [_figure_json(f) for f in m.figures]} for n, m in enumerate(members)]


# -- updating --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StoryReport:
    """What one update did: events clustered, components re-clustered, stories replaced, and how long."""

    events: int  # events in the re-clustered components
    new_events: int  # events of the given documents or without a story before
    components: int
    stories_removed: int
    stories_created: int
    merged: int  # created stories with more than one mention
    seconds: float


@contextmanager
def _writing(store: Store) -> Iterator[Session]:
    """One transaction on the store; database errors become StoreError."""
    try:
        with store._transaction() as session:  # the store's own transaction helper
            yield session
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot update the stories in {store.url}: {exc}; nothing was changed") from exc


def _pending(wanted: list[str] | None) -> Any:
    """Which events to place: those of the ``wanted`` documents and every event without a story yet."""
    clause = ~exists().where(StoryMentionModel.event_id == EventModel.id)
    if wanted:
        clause = or_(clause, EventModel.document_id.in_(
            select(DocumentModel.id).where(DocumentModel.doc_id.in_(wanted))))
    return clause


def _reachable(session: Session, event_ids: list[int]) -> list[_Item]:
    """The events linked to ``event_ids`` through chains of compatible events, found from the events out.

    Each round loads the events that, per block, share a code with the last round's events and whose
    dates or publication dates are near enough to be compatible (a superset), and keeps the compatible.
    """
    found: dict[int, _Item] = {}
    for n in range(0, len(event_ids), 500):
        found.update((i.event_id, i) for i in _load(session, EventModel.id.in_(event_ids[n:n + 500])))
    frontier = list(found.values())
    while frontier:
        blocks = _by_block(frontier)
        fresh = []
        for item in _load(session, or_(*(_near(block, members) for block, members in blocks.items()))):
            if item.event_id not in found and any(compatible(item, m) for m in blocks.get(item.block, ())):
                found[item.event_id] = item
                fresh.append(item)
        frontier = fresh
    return list(found.values())


def _by_block(items: Iterable[_Item]) -> dict[tuple[str, bool, bool], list[_Item]]:
    blocks: dict[tuple[str, bool, bool], list[_Item]] = defaultdict(list)
    for item in items:
        blocks[item.block].append(item)
    return blocks


def _spans(spans: Iterable[tuple[dt.date, dt.date]]) -> list[tuple[dt.date, dt.date]]:
    """Overlapping periods joined: [(1, 5), (3, 8), (20, 22)] -> [(1, 8), (20, 22)]."""
    joined: list[tuple[dt.date, dt.date]] = []
    for lo, hi in sorted(spans):
        if joined and lo <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(hi, joined[-1][1]))
        else:
            joined.append((lo, hi))
    return joined


def _near(block: tuple[str, bool, bool], members: list[_Item]) -> Any:
    """A clause selecting every event that can be compatible with one of ``members`` (and some more)."""
    codes = sorted({c for m in members for c in (*m.actors, *m.recipients)})
    window, slack = dt.timedelta(days=UNDATED_WINDOW), dt.timedelta(days=DAY_SLACK)
    when: list[ColumnElement[bool]] = [DocumentModel.published.is_(None)]
    when += [DocumentModel.published.between(lo, hi)
             for lo, hi in _spans((m.seen - window, m.seen + window) for m in members)]
    dated = [(m.start, m.end) for m in members if m.start is not None and m.end is not None]
    when += [(EventModel.date_start <= hi) & (EventModel.date_end >= lo)
             for lo, hi in _spans((start - slack, end + slack) for start, end in dated)]
    side = aliased(EventActorModel)
    shares_code = exists().where(side.event_id == EventModel.id, or_(side.code.in_(codes), side.country.in_(codes)))
    return ((EventModel.type == block[0]) & (EventModel.negated == block[1])
            & (EventModel.hypothetical == block[2]) & shares_code & or_(*when))


def update_stories(store: Store, doc_ids: Iterable[str] | None = None) -> StoryReport:
    """Cluster the events of newly stored documents into stories; ``None`` rebuilds every story.

    Also places any stored event that has no story yet (documents stored before stories existed). Only
    the components of the candidate graph that these events touch are re-clustered, so the result is the
    same as a rebuild, and the same for any ingest order.
    """
    began = time.perf_counter()
    wanted = None if doc_ids is None else sorted(set(doc_ids))
    removed = 0
    with _writing(store) as session:
        if wanted is None:
            session.execute(delete(StoryMentionModel))
            removed = session.execute(delete(StoryModel)).rowcount or 0  # type: ignore[attr-defined]
        pending = dict(session.execute(select(EventModel.id, EventModel.type).where(_pending(wanted))).all())
        if wanted is None or len(pending) > REACH_LIMIT:
            items = _load(session, EventModel.type.in_(sorted(set(pending.values()))))
        else:
            items = _reachable(session, sorted(pending))
        blocks = {i.block for i in items if i.event_id in pending}
        links = _Links([i for i in items if i.block in blocks])
        components = links.components(set(pending))
        affected = [i.event_id for c in components for i in c]
        if wanted is not None:
            removed = _remove(session, affected)
        stories = [members for component in components for members in cluster(component, links.adjacent)]
        _write(session, stories)
    report = StoryReport(events=len(affected), new_events=len(pending), components=len(components),
                         stories_removed=removed, stories_created=len(stories),
                         merged=sum(1 for s in stories if len(s) > 1), seconds=time.perf_counter() - began)
    log.info("stories: %s", report)
    return report


def _remove(session: Session, event_ids: list[int]) -> int:
    """Delete the stories holding any of ``event_ids`` (with all their mentions); returns how many."""
    story_ids: set[str] = set()
    for n in range(0, len(event_ids), 500):
        story_ids |= set(session.scalars(select(StoryMentionModel.story_id).where(
            StoryMentionModel.event_id.in_(event_ids[n:n + 500]))))
    ordered = sorted(story_ids)
    for n in range(0, len(ordered), 500):
        chunk = ordered[n:n + 500]
        session.execute(delete(StoryMentionModel).where(StoryMentionModel.story_id.in_(chunk)))
        session.execute(delete(StoryModel).where(StoryModel.id.in_(chunk)))
    return len(ordered)


def _write(session: Session, stories: list[list[_Item]]) -> None:
    taken = set(session.scalars(select(StoryModel.id)))
    story_rows, mention_rows = [], []
    for members in stories:
        story_id = _story_id(members[0], taken)
        story_rows.append(_story_row(story_id, members))
        mention_rows.extend(_mention_rows(story_id, members))
    if story_rows:
        tables = StoryModel.metadata.tables  # Core inserts: a plain executemany, no ORM bookkeeping
        session.execute(insert(tables[StoryModel.__tablename__]), story_rows)
        session.execute(insert(tables[StoryMentionModel.__tablename__]), mention_rows)


# -- reading ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Story:
    """A real-world event as reported across articles: canonical type, sides, date and modality."""

    id: str
    type: str
    mode: str | None
    date: str | None
    date_precision: str | None
    first_seen: dt.date
    last_seen: dt.date
    n_mentions: int
    n_sources: int
    actors: tuple[ActorRef, ...]
    recipients: tuple[ActorRef, ...]
    negated: bool = False
    hypothetical: bool = False
    disputed: bool = False


@dataclass(frozen=True, slots=True)
class StoryMention:
    """One article's report of a story: the event, its evidence, who says so and the figures given."""

    event_id: int
    doc_id: str
    title: str | None
    published: dt.date | None
    source: str | None
    reported_by: str | None
    evidence: str
    date: str | None
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    figures: tuple[Figure, ...] = ()

    @property
    def label(self) -> str:
        """Who says so: the agency cited, else the document's source, else the document id."""
        return self.reported_by or self.source or self.doc_id


@dataclass(frozen=True, slots=True)
class StoryDetail:
    """A story with its mentions, earliest report first, and the figures each source gives."""

    story: Story
    mentions: tuple[StoryMention, ...]
    sources: tuple[str, ...]
    figures: dict[str, tuple[Figure, ...]]  # label -> distinct figures, for the sources that give any

    @property
    def disputed(self) -> bool:
        """True when sources give figures that do not agree."""
        return self.story.disputed


def _ref(d: dict[str, Any]) -> ActorRef:
    return ActorRef(text=d.get("name") or d["code"], code=d["code"], name=d.get("name"),
                    country=d.get("country"))


def _story_record(row: StoryModel) -> Story:
    return Story(id=row.id, type=row.type, mode=row.mode, date=row.date, date_precision=row.date_precision,
                 first_seen=row.first_seen, last_seen=row.last_seen, n_mentions=row.n_mentions,
                 n_sources=row.n_sources, actors=tuple(_ref(a) for a in row.actors),
                 recipients=tuple(_ref(r) for r in row.recipients), negated=row.negated,
                 hypothetical=row.hypothetical, disputed=row.disputed)


@contextmanager
def _reading(store: Store) -> Iterator[Session]:
    with store._reading() as session:  # the store's own session helper
        yield session


def stories(store: Store, actor: str | None = None, type: str | None = None, since: dt.date | None = None,
            until: dt.date | None = None, limit: int | None = 50, min_mentions: int = 1) -> list[Story]:
    """Stories, most recently reported first (then most mentioned).

    ``actor``: a code or country named on either side by any mention; ``since``/``until`` keep stories
    whose date overlaps the period (undated ones: whose reports do); ``min_mentions=2`` keeps only
    events reported more than once.
    """
    query = select(StoryModel).order_by(StoryModel.last_seen.desc(), StoryModel.n_mentions.desc(),
                                        StoryModel.id)
    if actor is not None:
        code = actor.upper()
        query = query.where(exists().where(
            StoryMentionModel.story_id == StoryModel.id,
            EventActorModel.event_id == StoryMentionModel.event_id,
            or_(EventActorModel.code == code, EventActorModel.country == code)))
    if type is not None:
        query = query.where(StoryModel.type == type.upper())
    if since is not None:
        query = query.where(func.coalesce(StoryModel.date_end, StoryModel.last_seen) >= since)
    if until is not None:
        query = query.where(func.coalesce(StoryModel.date_start, StoryModel.first_seen) <= until)
    if min_mentions > 1:
        query = query.where(StoryModel.n_mentions >= min_mentions)
    if limit is not None:
        query = query.limit(limit)
    with _reading(store) as session:
        return [_story_record(row) for row in session.scalars(query)]


def story(store: Store, story_id: str) -> StoryDetail | None:
    """A story with every mention (document, evidence, source, figures); None when there is no such id."""
    with _reading(store) as session:
        row = session.get(StoryModel, story_id)
        if row is None:
            return None
        rows = session.execute(
            select(StoryMentionModel, EventModel, DocumentModel)
            .join(EventModel, EventModel.id == StoryMentionModel.event_id)
            .join(DocumentModel, DocumentModel.id == EventModel.document_id)
            .where(StoryMentionModel.story_id == story_id).order_by(StoryMentionModel.position)).all()
        sides = _sides_of(session, [m.event_id for m, _, _ in rows])
        mentions = tuple(StoryMention(
            event_id=m.event_id, doc_id=m.doc_id, title=d.title, published=d.published, source=m.source,
            reported_by=m.reported_by, evidence=e.evidence_text, date=e.date,
            actors=tuple(sides[m.event_id]["actor"]), recipients=tuple(sides[m.event_id]["recipient"]),
            figures=tuple(_figure_record(f) for f in m.figures)) for m, e, d in rows)
        return StoryDetail(story=_story_record(row), mentions=mentions, sources=_sources(mentions),
                           figures=_figures_by_source(mentions))


def _sides_of(session: Session, event_ids: list[int]) -> dict[int, dict[str, list[str]]]:
    sides: dict[int, dict[str, list[str]]] = {i: {"actor": [], "recipient": []} for i in event_ids}
    for a in session.scalars(select(EventActorModel).where(EventActorModel.event_id.in_(event_ids))
                             .order_by(EventActorModel.id)):
        code = _code(a)
        if code not in sides[a.event_id][a.side]:
            sides[a.event_id][a.side].append(code)
    return sides


def _sources(mentions: Sequence[StoryMention]) -> tuple[str, ...]:
    """The union of sources: documents' sources (else the documents) and the agencies they cite."""
    names = {m.source or m.doc_id for m in mentions} | {m.reported_by for m in mentions if m.reported_by}
    return tuple(sorted(names))


def _figures_by_source(mentions: Sequence[StoryMention]) -> dict[str, tuple[Figure, ...]]:
    """Distinct figures per source label, in order of first report."""
    by_label: dict[str, dict[float, Figure]] = {}
    for m in mentions:
        for f in m.figures:
            by_label.setdefault(m.label, {}).setdefault(f.value, f)
    return {label: tuple(found.values()) for label, found in by_label.items()}
