"""Train the name tagger (CRF, python-crfsuite) for German or English from the corpora in shared/data.

Reproducible: fixed corpora, fixed label mappings, fixed folds (by document id), fixed parameters.
The exact commands that built the shipped models (also in src/lagebild/nlp/data/NER_SOURCES.md)::

    .venv/bin/python scripts/train_ner.py --lang de          # ~8 min on one core, ~1 GB memory
    .venv/bin/python scripts/train_ner.py --lang en --upweight 2 --de-corpora germeval uner smartdata  # ~4 min

``--holdout`` keeps a quarter of the in-domain corpus (GermEval 2014 dev / GUM) out of training and the
gazetteer and prints F1 on it: used to choose c1/c2 and the corpus mix, never the benchmark test sets.
HanTa POS tags are cached under /tmp/lagebild_ner_cache (tagging ~1M tokens takes a few minutes).

``--clusters TABLE`` adds word-class features from a table built by ``scripts/build_word_clusters.py``
(default: ``data/ner_<lang>_clusters.tsv.gz`` when it exists; none is shipped, see NER_SOURCES.md)::

    .venv/bin/python scripts/build_word_clusters.py --lang de --out /tmp/de_clusters.tsv.gz
    .venv/bin/python scripts/train_ner.py --lang de --holdout --clusters /tmp/de_clusters.tsv.gz --out /tmp/m.crfsuite
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import pickle
import re
import sys
import time
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing import Pool
from pathlib import Path

from lagebild.nlp import split_sentences, tag_tokens
from lagebild.nlp.ner import (
    DOMAIN,
    MAX_GAZ_LEN,
    Gazetteer,
    WordClasses,
    load_word_classes,
    sentence_features,
    spans_from_labels,
)
from lagebild.records import Token

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data" if (ROOT.parent / "shared").is_dir() else Path("/work/shared/data")
OUT = ROOT / "src" / "lagebild" / "nlp" / "data"
CACHE = Path("/tmp/lagebild_ner_cache")
FOLDS = 3
SCORED = ("PER", "LOC", "ORG")

# Fine types -> PER/LOC/ORG/MISC; a type not listed becomes O.
GERMEVAL = {"PER": "PER", "LOC": "LOC", "ORG": "ORG", "OTH": "MISC"}  # *deriv, *part -> MISC (see NER_SOURCES)
LER = {"PER": "PER", "RR": "PER", "AN": "PER", "LD": "LOC", "ST": "LOC", "STR": "LOC", "LDS": "LOC",
       "ORG": "ORG", "UN": "ORG", "INN": "ORG", "GRT": "ORG", "MRK": "ORG", "GS": "MISC", "VO": "MISC",
       "EUN": "MISC"}
DFKI = {"person": "PER", "location": "LOC", "location-city": "LOC", "location-street": "LOC",
        "location-stop": "LOC", "organization": "ORG", "organization-company": "ORG"}
PLAIN = {"PER": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC", "PEr": "PER", "HumanProd": "MISC"}
GUM = {"person": "PER", "place": "LOC", "organization": "ORG", "event": "MISC", "object": "MISC",
       "abstract": "MISC", "substance": "MISC", "plant": "MISC", "animal": "MISC"}


@dataclass
class Sent:
    """One training sentence: corpus, document id (for folds), words, BIO labels, POS tags."""

    corpus: str
    doc: str
    words: list[str]
    labels: list[str]
    tags: list[str] | None = None


def map_label(label: str, mapping: dict[str, str]) -> str:
    """``B-location-city`` -> ``B-LOC`` with ``mapping``; GermEval's deriv/part types -> MISC."""
    if len(label) < 3 or label[1] != "-" or label[0] not in "BI":
        return "O"
    typ = label[2:]
    if mapping is GERMEVAL and typ.endswith(("deriv", "part")):
        return f"{label[0]}-MISC"
    coarse = mapping.get(typ)
    return f"{label[0]}-{coarse}" if coarse else "O"


def repair_bio(labels: list[str]) -> list[str]:
    """Turn an I- that does not continue a span of its type into B-."""
    out: list[str] = []
    for i, label in enumerate(labels):
        if label.startswith("I-") and (i == 0 or out[i - 1][2:] != label[2:]):
            label = "B-" + label[2:]
        out.append(label)
    return out


def read_columns(path: Path, word_col: int, label_col: int, sep: str | None = None) -> Iterator[list[list[str]]]:
    """Blank-line separated sentences of column rows; ``-DOCSTART-`` rows start a new sentence."""
    rows: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split(sep) if line.strip() else []
        if not cols or line.startswith("-DOCSTART-"):
            if rows:
                yield rows
            rows = []
        elif not (line.startswith("# ") and (":" in line or "=" in line)):
            rows.append([cols[word_col], cols[label_col]])
    if rows:
        yield rows


def conll_corpus(name: str, path: Path, mapping: dict[str, str], word_col: int = 0, label_col: int = -1,
                 sep: str | None = None, clean: Callable[[str], str] = str) -> list[Sent]:
    """Sentences of a CoNLL-style file, labels mapped; ten sentences make one pseudo-document."""
    out = []
    for i, rows in enumerate(read_columns(path, word_col, label_col, sep)):
        labels = repair_bio([map_label(r[1], mapping) for r in rows])
        out.append(Sent(name, f"{path.name}:{i // 10}", [clean(r[0]) for r in rows], labels))
    return out


def strip_hashtag(word: str) -> str:
    """"#Bahn" -> "Bahn" (tweets); other words unchanged."""
    return word[1:] if word.startswith("#") and len(word) > 1 else word


def germeval(split: str) -> list[Sent]:
    """GermEval 2014 (outer labels)."""
    return conll_corpus("germeval", SHARED / "germeval2014_ner" / f"NER-de-{split}.txt", GERMEVAL, 1, 2, "\t")


def ler() -> list[Sent]:
    """German legal decisions (LER dev + test), fine types mapped to PER/LOC/ORG/MISC."""
    base = SHARED / "legal_ner_de_ler"
    return conll_corpus("ler", base / "ler_dev.conll", LER) + conll_corpus("ler", base / "ler_test.conll", LER)


def mobie() -> list[Sent]:
    """MobIE tweets and traffic reports, all splits."""
    base = SHARED / "mobie_ner_de"
    return [s for split in ("train", "dev", "test")
            for s in conll_corpus("mobie", base / f"{split}.conll2003", DFKI, 0, 3, "\t", strip_hashtag)]


def europeana() -> list[Sent]:
    """Europeana historical newspapers, cut into pseudo-sentences at full stops (no breaks upstream)."""
    out = []
    for path in sorted((SHARED / "europeana_newspapers_ner_de").glob("*.bio")):
        for rows in read_columns(path, 0, -1):
            out += [Sent("europeana", f"{path.name}:{i // 10}", w, repair_bio([map_label(x, PLAIN) for x in lab]))
                    for i, (w, lab) in enumerate(cut_sentences(rows))]
    return out


def cut_sentences(rows: list[list[str]], longest: int = 60) -> Iterator[tuple[list[str], list[str]]]:
    """Pseudo-sentences: break after . ! ? before a capital, or at ``longest`` words outside a name."""
    words: list[str] = []
    labels: list[str] = []
    for i, (word, label) in enumerate(rows):
        words.append(word)
        labels.append(label)
        nxt = rows[i + 1] if i + 1 < len(rows) else ["X", "O"]
        stop = word in {".", "!", "?"} and nxt[0][:1].isupper() and len(words) > 3
        if stop or (len(words) >= longest and not nxt[1].startswith("I-")):
            yield words, labels
            words, labels = [], []
    if words:
        yield words, labels


def hipe() -> list[Sent]:
    """HIPE-2022 newseye + sonar (German), sentences at EndOfSentence, long s normalised."""
    out: list[Sent] = []
    for path in sorted((SHARED / "hipe2022_newseye_sonar_de").glob("*.tsv")):
        doc, words, labels = "", [], []
        for line in path.read_text(encoding="utf-8").splitlines()[1:]:
            if line.startswith("# hipe2022:document_id"):
                doc = line.split("=", 1)[1].strip()
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            words.append(cols[0].replace("ſ", "s"))
            labels.append(map_label(cols[1], PLAIN))
            if "EndOfSentence" in cols[-1] or len(words) >= 80:
                out.append(Sent("hipe", doc, words, repair_bio(labels)))
                words, labels = [], []
    return out


def ud_pud() -> dict[tuple[str, ...], tuple[list[tuple[int, int, str]], str]]:
    """UD German-PUD: syntactic words of each sentence -> (multiword tokens, English original)."""
    out: dict[tuple[str, ...], tuple[list[tuple[int, int, str]], str]] = {}
    words: list[str] = []
    mwts: list[tuple[int, int, str]] = []
    english = ""
    for line in (SHARED / "ud_german_pud" / "de_pud-ud-test.conllu").read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("# text_en = "):
            english = line[12:]
        elif not line.strip():
            out[tuple(words)] = (mwts, english)
            words, mwts = [], []
        elif re.fullmatch(r"\d+-\d+", cols[0]):
            a, b = map(int, cols[0].split("-"))
            mwts.append((a - 1, b - 1, cols[1]))
        elif cols[0].isdigit():
            words.append(cols[1])
    return out


def uner_rows() -> Iterator[tuple[list[str], list[str], tuple[list[tuple[int, int, str]], str]]]:
    """UNER German-PUD sentences: words, labels and the UD sentence's (multiword tokens, English text)."""
    pud = ud_pud()
    for rows in read_columns(SHARED / "uner_german_pud" / "de_pud-ud-test.iob2", 1, 2, "\t"):
        words = [r[0] for r in rows]
        yield words, [map_label(r[1], PLAIN) for r in rows], pud.get(tuple(words), ([], ""))


def uner() -> list[Sent]:
    """Universal NER German-PUD, with UD's contractions re-joined as the run-time tokenizer keeps them."""
    out = []
    for i, (words, labels, (mwts, _)) in enumerate(uner_rows()):
        for a, b, surface in reversed(mwts):
            words[a:b + 1] = [surface]
            labels[a:b + 1] = [next((x for x in labels[a:b + 1] if x != "O"), "O")]
        out.append(Sent("uner", f"pud:{i // 10}", words, repair_bio(labels)))
    return out


def pud_en() -> list[Sent]:
    """English originals of the PUD sentences, labelled where every German name recurs verbatim."""
    out = []
    for i, (words, labels, (_, english)) in enumerate(uner_rows()):
        _, tokens = split_sentences(english, "en")
        en_words = [t.text for t in tokens]
        en_labels = ["O"] * len(en_words)
        names = [(words[a:b + 1], typ) for a, b, typ in spans_from_labels(labels)]
        if english and all(project_name(name, typ, en_words, en_labels) for name, typ in names):
            out.append(Sent("pud_en", f"pud:{i // 10}", en_words, en_labels))
    return out


def project_name(name: list[str], typ: str, words: list[str], labels: list[str]) -> bool:
    """Label every occurrence of ``name`` (or its form without German genitive s) in ``words``."""
    forms = [name] + ([name[:-1] + [name[-1][:-1]]] if name[-1].endswith("s") and len(name[-1]) > 3 else [])
    found = False
    for form in forms:
        for i in range(len(words) - len(form) + 1):
            if words[i:i + len(form)] == form and all(x == "O" for x in labels[i:i + len(form)]):
                labels[i:i + len(form)] = [f"B-{typ}"] + [f"I-{typ}"] * (len(form) - 1)
                found = True
    return found


def smartdata() -> list[Sent]:
    """SmartData v1 (train + test): character spans projected onto the run-time tokenizer's tokens."""
    out = []
    for split in ("train", "test"):
        for doc in json_stream(SHARED / "smartdata_ner_de" / f"v1_20180119_{split}.json.gz"):
            spans = [(m["span"]["start"], m["span"]["end"], DFKI.get(m["type"])) for m in
                     (doc.get("conceptMentions") or {}).get("array", [])]
            out += project_spans(doc["id"], doc["text"]["string"], [s for s in spans if s[2]])
    return out


def json_stream(path: Path) -> Iterator[dict]:
    """The JSON objects of a concatenated (not line-delimited) gzip stream."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        text = f.read()
    dec, pos = json.JSONDecoder(), 0
    while pos < len(text):
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos < len(text):
            obj, pos = dec.raw_decode(text, pos)
            yield obj


def project_spans(doc: str, text: str, spans: list[tuple[int, int, str | None]]) -> list[Sent]:
    """Tokenise ``text`` as at run time and give each token the BIO label of the span it lies in."""
    sentences, tokens = split_sentences(text, "de")
    out = []
    for sent in sentences:
        toks = tokens[sent.token_start:sent.token_end]
        labels = ["O"] * len(toks)
        for start, end, typ in sorted(spans, key=lambda s: s[0] - s[1]):
            inside = [i for i, t in enumerate(toks) if t.start >= start and t.end <= end and labels[i] == "O"]
            for k, i in enumerate(inside):
                labels[i] = f"{'B' if k == 0 else 'I'}-{typ}"
        out.append(Sent("smartdata", doc, [strip_hashtag(t.text) for t in toks], repair_bio(labels)))
    return out


def gum() -> list[Sent]:
    """GUM English Wikinews: named (proper-noun headed) entities, outermost first."""
    out = []
    for path in sorted((SHARED / "gum_en_wikinews" / "conllu").glob("*.conllu")):
        for rows in gum_sentences(path):
            words = [r[1] for r in rows]
            out.append(Sent("gum", path.stem, words, gum_labels(rows)))
    return out


def gum_sentences(path: Path) -> Iterator[list[list[str]]]:
    """Syntactic-word rows of each sentence of a CoNLL-U file."""
    rows: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if not line.strip():
            if rows:
                yield rows
            rows = []
        elif cols[0].isdigit():
            rows.append(cols)
    if rows:
        yield rows


def gum_entities(rows: list[list[str]]) -> list[tuple[int, int, str]]:
    """(first, last, etype) of the entity brackets in the MISC column (``Entity=(1-person-...`` / ``1)``)."""
    spans, stack = [], []
    for i, cols in enumerate(rows):
        ent = next((f[7:] for f in cols[9].split("|") if f.startswith("Entity=")), "")
        pos = 0
        while pos < len(ent):
            if ent[pos] == "(":
                j = min([k for k in (ent.find("(", pos + 1), ent.find(")", pos + 1)) if k >= 0] or [len(ent)])
                gid, etype = (ent[pos + 1:j].split("-") + ["", ""])[:2]
                if j < len(ent) and ent[j] == ")":
                    spans.append((i, i, etype))
                    j += 1
                else:
                    stack.append((gid, i, etype))
                pos = j
            elif m := re.match(r"(\d+)\)", ent[pos:]):
                k = max(x for x in range(len(stack)) if stack[x][0] == m.group(1)) if stack else None
                if k is not None:
                    gid, first, etype = stack.pop(k)
                    spans.append((first, i, etype))
                pos += m.end()
            else:
                pos += 1
    return spans


def gum_labels(rows: list[list[str]]) -> list[str]:
    """BIO labels of the proper-noun core of each named entity (outer spans win)."""
    entities = gum_entities(rows)
    named = [core for e in entities if (core := gum_core(rows, e, entities))]
    labels = ["O"] * len(rows)
    for a, b, typ in sorted(named, key=lambda s: s[0] - s[1]):
        if all(x == "O" for x in labels[a:b + 1]):
            labels[a:b + 1] = [f"B-{typ}"] + [f"I-{typ}"] * (b - a)
    return labels


def gum_core(rows: list[list[str]], ent: tuple[int, int, str],
             entities: list[tuple[int, int, str]]) -> tuple[int, int, str] | None:
    """The run of proper nouns around the head of ``ent``, not crossing titles or nested entities."""
    first, last, etype = ent
    typ = GUM.get(etype)
    heads = [i for i in range(first, last + 1)
             if not rows[i][6].isdigit() or not first <= int(rows[i][6]) - 1 <= last]
    if not typ or not heads or rows[heads[0]][4] not in {"NNP", "NNPS"}:
        return None
    head = heads[0]
    if rows[head][1] in TITLES:
        return None
    if typ == "PER" and rows[head][4] == "NNPS":  # "Muslims", "Afghans": groups, not names
        typ = "MISC"
    inner = [(a, b) for a, b, t in entities if first <= a and b <= last and (a, b) != (first, last)
             and not a <= head <= b and GUM.get(t) != typ]
    blocked = {i for a, b in inner for i in range(a, b + 1)} | {i for i in range(first, last + 1)
                                                                if rows[i][1] in TITLES}

    def ok(i: int) -> bool:
        return first <= i <= last and i not in blocked and rows[i][4] in {"NNP", "NNPS"}

    a = b = head
    while ok(a - 1) or (rows[a - 1][1] in {"of", "&", "-"} and ok(a - 2) and a - 1 >= first):
        a -= 1
    while ok(b + 1) or (b + 1 <= last and rows[b + 1][1] in {"of", "&", "and", "-"} and ok(b + 2)):
        b += 1
    return a, b, typ


TITLES = {"President", "Prime", "Minister", "Senator", "Governor", "King", "Queen", "Chancellor", "Secretary",
          "General", "Dr.", "Mr.", "Mrs.", "Ms.", "Pope", "Judge", "Ambassador", "Representative", "Rep.",
          "Sen.", "Gov.", "Captain", "Chairman", "CEO", "Director", "Prince", "Princess", "Lord", "Sir",
          "Gen.", "Col.", "Lt.", "Admiral", "Vice", "Foreign", "Defense", "Spokesman", "Spokeswoman", "Mr",
          "Mrs", "Ms", "Dr", "Miss", "Madam", "Commissioner"}


CORPORA: dict[str, dict[str, Callable[[], list[Sent]]]] = {
    "de": {"germeval": lambda: germeval("dev"), "ler": ler, "mobie": mobie, "smartdata": smartdata,
           "europeana": europeana, "hipe": hipe, "uner": uner},
    "en": {"gum": gum, "pud_en": pud_en},
}
DEFAULT_CORPORA = {"de": ["germeval", "uner", "smartdata", "hipe", "europeana"], "en": ["gum", "pud_en"]}
IN_DOMAIN = {"de": "germeval", "en": "gum"}
NEWS = {"germeval", "uner", "gum"}  # corpora whose genre is news/Wikipedia like the run-time input


def tag_chunk(args: tuple[str, list[list[str]]]) -> list[list[str]]:
    """HanTa POS tags of each sentence (worker)."""
    lang, sents = args
    return [[t.pos for t in tag_tokens(tuple(Token(i, 0, 0, 0, w) for i, w in enumerate(words)), lang)]
            for words in sents]


def add_tags(sents: list[Sent], lang: str, name: str, workers: int) -> None:
    """Fill ``tags`` from the cache or by tagging with run-time ``tag_tokens`` (in ``workers`` processes)."""
    key = hashlib.sha1(json.dumps([s.words for s in sents]).encode()).hexdigest()[:16]
    path = CACHE / f"{lang}_{name}_{key}.pkl"
    if path.is_file():
        tags = pickle.loads(path.read_bytes())
    else:
        chunks = [(lang, [s.words for s in sents[i:i + 200]]) for i in range(0, len(sents), 200)]
        with Pool(workers) as pool:
            tags = [t for chunk in pool.map(tag_chunk, chunks) for t in chunk]
        CACHE.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(tags))
    for s, t in zip(sents, tags):
        s.tags = t


def bilou(labels: list[str]) -> list[str]:
    """BIO -> BILOU: the last token of a name is L-, a one-token name U-."""
    out = []
    for i, label in enumerate(labels):
        ends = i + 1 == len(labels) or labels[i + 1] != "I-" + label[2:]
        if label != "O" and ends:
            label = ("U-" if label[0] == "B" else "L-") + label[2:]
        out.append(label)
    return out


def domain_of(sent: Sent, args: argparse.Namespace) -> str:
    """The feature-copy prefix of a sentence: "news" for the news corpora, else its corpus (or none)."""
    if not args.augment:
        return ""
    return DOMAIN if sent.corpus in NEWS else sent.corpus


def fold_of(sent: Sent) -> int:
    """Fixed fold of a sentence's document."""
    return zlib.crc32(f"{sent.corpus}:{sent.doc}".encode()) % FOLDS


def build_gazetteer(sents: Iterable[Sent], min_ratio: float = 0.5) -> Gazetteer:
    """Names labelled in ``sents`` whose commonest type covers >= ``min_ratio`` of all their occurrences,
    and word cues (see :class:`Gazetteer`)."""
    sents = list(sents)
    typed: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for s in sents:
        for a, b, typ in spans_from_labels(s.labels):
            name = tuple(s.words[a:b + 1])
            if len(name) <= MAX_GAZ_LEN and any(c.isalpha() for c in name[0]) and len("".join(name)) > 1:
                typed[name][typ] += 1
    seen = Counter(g for s in sents for g in ngrams(s.words, typed))
    names = {name: c.most_common(1)[0][0] for name, c in typed.items()
             if c.most_common(1)[0][1] >= min_ratio * seen[name]}
    return Gazetteer.from_entries(names, word_cues(sents))


def word_cues(sents: list[Sent]) -> dict[str, str]:
    """Word -> "TYPE:hi" (inside a name in >= 60% of its occurrences), "TYPE:lo" (20-60%) or, for other
    capitalised words, "O"."""
    total: Counter[str] = Counter()
    inside: dict[str, Counter[str]] = defaultdict(Counter)
    for s in sents:
        total.update(s.words)
        for word, label in zip(s.words, s.labels):
            if label != "O" and len(word) > 1 and any(c.isalpha() for c in word):
                inside[word][label[2:]] += 1
    out = {word: "O" for word in total if word[:1].isupper()}
    for word, types in inside.items():
        ratio = sum(types.values()) / total[word]
        if ratio >= 0.2:
            out[word] = f"{types.most_common(1)[0][0]}:{'hi' if ratio >= 0.6 else 'lo'}"
    return out


def ngrams(words: list[str], keep: dict) -> Iterator[tuple[str, ...]]:
    """Token n-grams (up to MAX_GAZ_LEN) of ``words`` that are keys of ``keep``."""
    for i in range(len(words)):
        for n in range(1, min(MAX_GAZ_LEN, len(words) - i) + 1):
            if tuple(words[i:i + n]) in keep:
                yield tuple(words[i:i + n])


def write_gazetteer(gaz: Gazetteer, path: Path, corpora: list[str]) -> None:
    """The gazetteer as sorted TSV: ``TYPE<TAB>tokens`` names, ``w<TAB>word<TAB>cue`` word cues."""
    lines = sorted(f"{t}\t{' '.join(n)}" for n, t in gaz.names.items() if t != "MISC" or len(n) > 1)
    lines += sorted(f"w\t{w}\t{c}" for w, c in gaz.words.items())
    head = f"# cues from the training data ({', '.join(corpora)}); built by scripts/train_ner.py\n"
    path.write_text(head + "\n".join(lines) + "\n", encoding="utf-8")


def prf(gold: list[list[str]], pred: list[list[str]]) -> dict[str, tuple[float, float, float, int]]:
    """P/R/F1/support per scored type and micro, exact outer spans, MISC ignored."""
    counts = {t: [0, 0, 0] for t in (*SCORED, "micro")}  # tp, n_pred, n_gold
    for g, q in zip(gold, pred):
        gs = {s for s in spans_from_labels(g) if s[2] in SCORED}
        ps = {s for s in spans_from_labels(q) if s[2] in SCORED}
        for typ in (*SCORED, "micro"):
            gt = {s for s in gs if typ in (s[2], "micro")}
            pt = {s for s in ps if typ in (s[2], "micro")}
            counts[typ] = [counts[typ][0] + len(gt & pt), counts[typ][1] + len(pt), counts[typ][2] + len(gt)]
    out = {}
    for typ, (tp, n_pred, n_gold) in counts.items():
        p, r = tp / max(n_pred, 1), tp / max(n_gold, 1)
        out[typ] = (p, r, 2 * p * r / max(p + r, 1e-9), n_gold)
    return out


def load(lang: str, names: list[str], workers: int) -> list[Sent]:
    """The chosen corpora of ``lang``, POS-tagged."""
    sents = []
    for name in names:
        t = time.time()
        part = [s for s in CORPORA[lang][name]() if s.words]
        add_tags(part, lang, name, workers)
        print(f"{name}: {len(part)} sentences, {sum(len(s.words) for s in part)} tokens "
              f"({time.time() - t:.0f}s)", file=sys.stderr)
        sents += part
    return sents


def select(sents: list[Sent], args: argparse.Namespace, lang: str) -> tuple[list[Sent], list[Sent]]:
    """Split into training and held-out sentences; thin out sentences without names in big corpora."""
    held = [s for s in sents if args.holdout and s.corpus == IN_DOMAIN[lang] and zlib.crc32(s.doc.encode()) % 4 == 3]
    held_ids = {id(s) for s in held}
    train = []
    for i, s in enumerate(sents):
        empty = all(x == "O" for x in s.labels)
        if id(s) in held_ids or (empty and s.corpus in args.thin and i % args.thin_keep):
            continue
        train += [s] * (args.upweight if s.corpus == IN_DOMAIN[lang] else 1)
    return train, held


def train(lang: str, args: argparse.Namespace) -> None:
    """Load, build gazetteers per fold, train the CRF, evaluate on the held-out part or save."""
    import pycrfsuite

    names = args.corpora or DEFAULT_CORPORA[lang]
    sents = load(lang, names, args.workers)
    for s in load("de", args.de_corpora, args.workers) if lang != "de" else []:
        s.corpus = "de_" + s.corpus  # its own feature copies: German is another domain
        sents.append(s)
    trainset, held = select(sents, args, lang)
    held_ids = {id(s) for s in held}
    uniq = [s for s in sents if id(s) not in held_ids]
    gaz_all = build_gazetteer(uniq, args.gaz_ratio)
    gaz_fold = [build_gazetteer([s for s in uniq if fold_of(s) != f], args.gaz_ratio) for f in range(FOLDS)]
    classes = word_classes(lang, args)
    trainer = pycrfsuite.Trainer(algorithm="lbfgs", verbose=False)
    for s in trainset:
        labels = bilou(s.labels) if args.scheme == "bilou" else s.labels
        trainer.append(sentence_features(s.words, s.tags or [], gaz_fold[fold_of(s)], domain_of(s, args), classes),
                       labels)
    trainer.set_params({"c1": args.c1, "c2": args.c2, "max_iterations": args.max_iter,
                        "feature.possible_transitions": True, "feature.minfreq": args.minfreq})
    model = Path(args.out) if args.out else (OUT / f"ner_{lang}.crfsuite")
    t = time.time()
    trainer.train(str(model))
    print(f"trained on {len(trainset)} sentences in {time.time() - t:.0f}s -> {model} "
          f"({model.stat().st_size / 1e6:.1f} MB), last iteration: {trainer.logparser.last_iteration}",
          file=sys.stderr)
    if held:
        evaluate(model, held, gaz_all, classes, args)
    else:
        write_gazetteer(gaz_all, model.with_name(f"ner_{lang}_gazetteer.tsv"), names)


def word_classes(lang: str, args: argparse.Namespace) -> WordClasses | None:
    """The word-class table of ``--clusters``, by default the shipped one of ``lang`` if it has one (de, not
    en: see NER_SOURCES.md); None for "none"."""
    if args.clusters == "none":
        return None
    path = Path(args.clusters) if args.clusters else OUT / f"ner_{lang}_clusters.tsv.gz"
    classes = load_word_classes(path)
    if classes is None and args.clusters:
        sys.exit(f"no word-class table at {path}: build it with scripts/build_word_clusters.py --lang {lang}")
    print(f"word classes: {path if classes else 'none'}", file=sys.stderr)
    return classes


def evaluate(model: Path, held: list[Sent], gaz: Gazetteer, classes: WordClasses | None,
             args: argparse.Namespace) -> None:
    """Print P/R/F1 of ``model`` on the held-out sentences."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    domain = DOMAIN if args.augment else ""
    pred = [tagger.tag(sentence_features(s.words, s.tags or [], gaz, domain, classes)) for s in held]
    for typ, (p, r, f, n) in prf([s.labels for s in held], pred).items():
        print(f"held-out {typ:5} P {p:.3f} R {r:.3f} F1 {f:.3f} (n={n})")


def main() -> None:
    """Command line."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--lang", choices=sorted(CORPORA), required=True)
    ap.add_argument("--corpora", nargs="*", help="corpora to use (default: DEFAULT_CORPORA; also: ler, mobie)")
    ap.add_argument("--holdout", action="store_true", help="hold out 1/4 of the in-domain corpus and score it")
    ap.add_argument("--c1", type=float, default=0.1)
    ap.add_argument("--c2", type=float, default=0.05)
    ap.add_argument("--max-iter", type=int, default=200)
    ap.add_argument("--minfreq", type=float, default=1)
    ap.add_argument("--upweight", type=int, default=4, help="copies of each in-domain sentence")
    ap.add_argument("--thin", nargs="*", default=["ler", "hipe", "europeana"],
                    help="corpora whose sentences without names are thinned out")
    ap.add_argument("--thin-keep", type=int, default=4, help="keep one in N name-less sentences of --thin")
    ap.add_argument("--gaz-ratio", type=float, default=0.5)
    ap.add_argument("--de-corpora", nargs="*", default=[], help="en: German corpora to add as another domain")
    ap.add_argument("--scheme", choices=["bio", "bilou"], default="bio")
    ap.add_argument("--augment", type=int, default=1, help="1: feature copies per corpus (domain adaptation)")
    ap.add_argument("--clusters", help="word-class table (default: data/ner_<lang>_clusters.tsv.gz; none: without)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--out", help="model path (default: the package's data folder)")
    args = ap.parse_args()
    train(args.lang, args)


if __name__ == "__main__":
    main()
