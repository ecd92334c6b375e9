"""Near-duplicate detection: MinHash signatures over word 5-shingles, looked up with LSH."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
SHINGLE_WORDS = 5
THRESHOLD = 0.85
SEED = 1
SCHEME = "affine32"
SETTINGS = f"minhash {SCHEME} num_perm={NUM_PERM} seed={SEED} shingles=word{SHINGLE_WORDS}"

_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Duplicate:
    """A stored document that an incoming one duplicates: the same text ("exact") or nearly ("near")."""

    kind: Literal["exact", "near"]
    doc_id: str
    similarity: float


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """Lower-cased word n-grams; the whole text as one shingle when it has fewer than ``size`` words."""
    words = _WORD.findall(unicodedata.normalize("NFC", text).casefold())
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i:i + size]).encode() for i in range(len(words) - size + 1)}


def signature(text: str) -> MinHash | None:
    """The MinHash of the text's shingles; None for a text without words."""
    grams = shingles(text)
    if not grams:
        return None
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME)
    minhash.update_batch(list(grams))
    return minhash


def to_bytes(minhash: MinHash) -> bytes:
    """The signature as a blob for the store."""
    return np.asarray(minhash.hashvalues, dtype=np.uint32).tobytes()


def from_bytes(blob: bytes) -> MinHash:
    """A signature back from its blob."""
    values = np.frombuffer(blob, dtype=np.uint32)
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME, hashvalues=values)


@dataclass
class NearIndex:
    """An LSH index over stored signatures, filled incrementally from rows with ids above ``last_id``."""

    lsh: MinHashLSH = field(default_factory=lambda: MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM))
    doc_ids: dict[int, str] = field(default_factory=dict)
    signatures: dict[int, MinHash] = field(default_factory=dict)
    last_id: int = 0

    def add(self, row_id: int, doc_id: str, blob: bytes | None) -> None:
        """Index one stored document (rows without a signature only move ``last_id``)."""
        self.last_id = max(self.last_id, row_id)
        if blob is None or row_id in self.signatures:
            return
        minhash = from_bytes(blob)
        self.lsh.insert(row_id, minhash)
        self.doc_ids[row_id] = doc_id
        self.signatures[row_id] = minhash

    def best(self, minhash: MinHash) -> Duplicate | None:
        """The most similar indexed document with estimated Jaccard similarity >= THRESHOLD."""
        scored = [(self.signatures[key].jaccard(minhash), key) for key in self.lsh.query(minhash)]
        if not scored:
            return None
        similarity, key = max(scored)
        if similarity < THRESHOLD:
            return None
        return Duplicate("near", self.doc_ids[key], round(float(similarity), 4))
