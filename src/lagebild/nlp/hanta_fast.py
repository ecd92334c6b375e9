"""HanTa's analysis of an unseen word, re-written for speed.

HanTa (Hanover Tagger) analyses a word it has not seen with a Viterbi search over its segmentations into
morphemes: for each start ``i``, each live state, each end ``j`` and each morpheme tag that may follow the
state, it scores ``word[i:j]`` as that tag. Most of those scores are minus infinity: a segment is either
a known morpheme of a few tags, or a guess that only the 11 open classes (NN, NE, ADJ, VV, ...) allow.
The library tries every follower tag (up to 74 of them) for every segment: ~3,000 scorings, ~1 ms a word,
which made unseen words ~85% of the tagging time of a news article.

Here each segment is looked up once in an inverted index (morpheme -> {tag: log p}) and only the known
tags and the open-class guesses are scored, with the library's own formula and beam. The results are the
library's (tests/test_nlp.py compares tags, probabilities and lemmas on a vocabulary sample); only the
order in which equal-scored states are visited can differ.
"""

from __future__ import annotations

import math
from collections import defaultdict
from operator import itemgetter
from typing import Any

from numpy import logaddexp

EMPTY, START, END, UNKNOWN, END_UNKNOWN = 0, 1, 2, 3, -3
LOWERBOUND = -1e6


class FastAnalyzer:
    """The fast analysis of one HanTa model; ``install`` makes the tagger use it."""

    def __init__(self, tagger: Any) -> None:
        self.tagger = tagger
        index: dict[str, dict[int, float]] = defaultdict(dict)
        for tag, morphemes in tagger.LP_m_t.items():
            for morpheme, lp in morphemes.items():
                index[morpheme][tag] = lp
        self.index = dict(index)
        self.open_tags = frozenset(t for t in tagger.LP_hapax_t if t in tagger.LP_s_t)
        # per state: follower tags as a dict, and the open-class followers in the library's order
        self.follow: dict[Any, tuple[dict[int, float], list[tuple[int, float]]]] = {
            state: (dict(pairs), [(t, p) for t, p in pairs if t in self.open_tags])
            for state, pairs in tagger.LP_trans_nonfinal.items()}
        # the library's unknown-morpheme score is (Int_t + hapax_t + len_t[mlen]) + suffix_t: the bracket
        # is precomputed per tag and length, summed in the same order (so to the same float)
        self.suffixes = {t: tagger.LP_s_t[t] for t in self.open_tags}
        self.base = {t: [tagger.Int_t + tagger.LP_hapax_t[t] + tagger.LP_len_t[t][n] for n in range(25)]
                     for t in self.open_tags}

        self.known: dict[str, str] = {}  # forward analyses computed ahead of time (the morphology table)

    def install(self) -> None:
        """Route the tagger's word analysis through this object (its other methods call these)."""
        self.tagger.analyze_forward = self.analyze_forward
        self.tagger.analyze_viterbi = self.analyze_viterbi
        self.tagger.fast_analyzer = self

    def _guess(self, m: str, t: int, whole: bool) -> float:
        """The library's score of an unknown morpheme ``m`` as open-class tag ``t`` (same arithmetic)."""
        mlen = len(m)
        lp_s = self.suffixes[t]
        if mlen > 4 and m[-4:] in lp_s:
            lp_suf = lp_s[m[-4:]]
        elif mlen > 3 and m[-3:] in lp_s:
            lp_suf = lp_s[m[-3:]]
        elif mlen > 2 and m[-2:] in lp_s:
            lp_suf = lp_s[m[-2:]]
        elif mlen > 1 and m[-1:] in lp_s:
            lp_suf = lp_s[m[-1:]]
        else:
            lp_suf = lp_s[""]
        lp = self.base[t][min(mlen, 24)] + lp_suf
        return lp - 4.6 if whole else lp

    def _fill(self, word: str, strict: bool, allowed: frozenset[int] | None,
              pointers: list[dict] | None) -> list[dict[tuple[int, int], float]]:
        """The morpheme lattice of ``word`` up to its last morpheme (rows 0..len(word))."""
        wlen = len(word)
        table: list[dict[tuple[int, int], float]] = [{(EMPTY, START): 0}] + [{} for _ in range(wlen + 1)]
        index, follow = self.index, self.follow
        guesses: dict[tuple[int, int], dict[int, float]] = {}
        empty: dict[int, float] = {}
        for i in range(wlen + 1):
            row = table[i]
            if not row:
                continue
            rowbound = sorted(row.values(), reverse=True)[3] - 1 if len(row) > 3 else LOWERBOUND
            # the segments starting at i, looked up once for all states of the row
            segments = []
            for j in range(i + 1, wlen + 1):
                m = word[i:j]
                known = index.get(m, empty)
                if allowed is not None and known:
                    known = {t: p for t, p in known.items() if t in allowed}
                segments.append((j, m, known, not strict and (wlen < 4 or j - i > 2)))
            for state, lp in list(row.items()):
                if lp < rowbound:
                    continue
                followers, open_followers = follow.get(state, (empty, []))
                if allowed is not None:
                    open_followers = [(t, p) for t, p in open_followers if t in allowed]
                prev = state[1]
                for j, m, known, guessable in segments:
                    target = table[j]
                    back = pointers[j] if pointers is not None else None
                    # the lattice update below is written out twice (known morphemes, then guesses): it is
                    # the innermost loop, and a helper call per update costs ~15% of the tagger's time
                    for tag1, lpm in known.items():
                        lpt = followers.get(tag1)
                        if lpt is None:
                            continue
                        lp1 = lp + lpt + lpm
                        if lp1 > LOWERBOUND:
                            newstate = (prev, tag1)
                            old = target.get(newstate)
                            if old is None or lp1 > old:
                                target[newstate] = lp1
                                if back is not None:
                                    back[newstate] = (state, i)
                    if not (guessable and open_followers):
                        continue
                    seg = guesses.get((i, j))
                    if seg is None:
                        seg = guesses[(i, j)] = {}
                    for tag1, lpt in open_followers:
                        if tag1 in known:
                            continue
                        lpm = seg.get(tag1)
                        if lpm is None:
                            lpm = seg[tag1] = self._guess(m, tag1, j - i == wlen)
                        lp1 = lp + lpt + lpm
                        if lp1 > LOWERBOUND:
                            newstate = (prev, tag1)
                            old = target.get(newstate)
                            if old is None or lp1 > old:
                                target[newstate] = lp1
                                if back is not None:
                                    back[newstate] = (state, i)
        return table

    def analyze_forward(self, word: str) -> list[tuple[int, float]]:
        """(final tag, log probability) for every analysis of ``word``, best first."""
        known = self.known.get(word)
        if known is not None:  # "tag logp tag logp ..." (scripts/build_morphology.py)
            parts = known.split()
            return [(int(parts[i]), float(parts[i + 1])) for i in range(0, len(parts), 2)]
        tagger = self.tagger
        table = self._fill(word, tagger.strict, None, None)
        last = table[-1]
        for state, lp in table[-2].items():
            for tag1, lpt in tagger.LP_trans_final.get(state, []):
                lp1 = lp + lpt
                if lp1 > LOWERBOUND:
                    newstate = (state[1], tag1)
                    if newstate not in last or lp1 > last[newstate]:
                        last[newstate] = lp1
        results: dict[int, float] = {}
        for state, lp in last.items():
            if lp == -math.inf:
                continue
            pos = -state[1]
            results[pos] = logaddexp(results[pos], lp) if pos in results else lp
        result_list = sorted(results.items(), key=itemgetter(1), reverse=True)
        return result_list or [(UNKNOWN, 0)]

    def analyze_viterbi(self, word: str, targetpos: int) -> list[tuple[int, int]]:
        """Best morpheme path of ``word`` ending in final tag ``targetpos``."""
        tagger = self.tagger
        wlen = len(word)
        reachable = tagger.reachability.get(targetpos, frozenset())
        for localstrict in (True, False):
            pointers: list[dict] = [{} for _ in range(wlen + 2)]
            table = self._fill(word, localstrict, reachable, pointers)
            for state, lp in table[-2].items():
                for tag1, lpt in tagger.LP_trans_final.get(state, []):
                    if tag1 == targetpos:
                        lp1 = lp + lpt
                        if lp1 > LOWERBOUND:
                            newstate = (state[1], tag1)
                            if newstate not in table[-1] or lp1 > table[-1][newstate]:
                                table[-1][newstate] = lp1
                                pointers[-1][newstate] = (state, wlen)
                        break
            if table[-1]:
                break
        pmax = -math.inf
        beststate = (EMPTY, EMPTY)
        for state, lp in table[-1].items():
            if lp > pmax:
                pmax, beststate = lp, state
        i = len(pointers) - 1
        if beststate == (EMPTY, EMPTY):
            return [(UNKNOWN, i - 1), (END_UNKNOWN, i)]
        states = [(beststate, i)]
        state = beststate
        while i > 0:
            state, i = pointers[i][state]
            states.append((state, i))
        return [(s[1], k) for (s, k) in states[:-1][::-1]]


def install(tagger: Any) -> Any:
    """Make ``tagger`` analyse unseen words with :class:`FastAnalyzer`; returns the tagger."""
    FastAnalyzer(tagger).install()
    return tagger



def tag_sent_viterbi(tagger: Any, sent: list[str], casesensitive: bool = True) -> list[int]:
    """Best tag sequence of a sentence: HanTa's tag_sent_viterbi, trying each word's few candidate tags
    against the transition table instead of every follower tag of every state (same scores; equal-scored
    paths could in principle be visited in another order)."""
    lowerbound = LOWERBOUND
    table: list[dict[tuple[int, int], float]] = []
    backpointer: list[dict[tuple[int, int], tuple[int, int]]] = []
    trans = tagger.LP_trans_word
    for i, w in enumerate(sent):
        cs = False if i == 0 else casesensitive
        wprobs = dict(tagger._tag_word(w, cutoff=5, casesensitive=cs, conditional=True))
        if len(wprobs) == 1 and UNKNOWN in wprobs:
            wprobs = {}
        row: dict[tuple[int, int], float] = {}
        pointers: dict[tuple[int, int], tuple[int, int]] = {}
        backpointer.append(pointers)
        prevrow = {(EMPTY, START): 0.0} if i == 0 else table[i - 1]
        rowbound = sorted(prevrow.values(), reverse=True)[5] - 1 if len(prevrow) > 5 else lowerbound
        for state, lp0 in prevrow.items():
            if lp0 < rowbound:
                continue
            lp_t = trans[state]
            if wprobs:
                pairs = [(c, lp_t[c], lpwc) for c, lpwc in wprobs.items() if c != END and c in lp_t]
            else:
                pairs = [(c, lp_tc, 0) for c, lp_tc in lp_t.items() if c != END]
            for c, lp_tc, lpwc in pairs:
                lp = lp0 + lp_tc + lpwc
                if lp > lowerbound:
                    newstate = (state[1], c)
                    old = row.get(newstate)
                    if old is None or lp > old:
                        row[newstate] = lp
                        pointers[newstate] = state
        table.append(row)
    finalstate = (END, EMPTY)
    last: dict[tuple[int, int], float] = {}
    pointers = {}
    backpointer.append(pointers)
    for state, lp0 in table[-1].items():
        lp = lp0 + trans[state].get(END, -math.inf)
        if lp > last.get(finalstate, -math.inf):
            last[finalstate] = lp
            pointers[finalstate] = state
    tags = []
    state = finalstate
    for i in range(len(backpointer) - 1, 0, -1):
        state = backpointer[i][state]
        tags.append(state[1])
    return tags[::-1]
