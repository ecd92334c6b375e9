"""Convert the persons of PETRARCH2's ``Phoenix.Countries.actors.txt`` (MIT) into ``people_petrarch.yaml``.

Re-runnable: ``python scripts/build_people_petrarch.py [--source FILE] [--out FILE]``.

The source (generated 2014-01-30 from CountryInfo.140130.txt) lists leaders and cabinet members as TABARI
actor records: a primary phrase, ``+synonyms`` and tab-indented dated role codes such as
``[USAGOV 20090120-20170120]``, ``[RUSGOV >080508]`` (open: "after") or ``[DEUGOVMIL 030101-051130]``.
A role code is CAMEO country (3) + sector (3) [+ a secondary sector (3), which for ministers names the
portfolio]. CountryInfo does not keep the title of plain ``GOV`` roles, so those become the generic
"government official"; a portfolio code gives a minister title ("GOVMIL" -> "defence minister").
Open-ended roles (``>date``) are as of January 2014 and written with ``end: null``. Six-digit dates are
YYMMDD; years above 14 are read as 19YY. The curated ``people.yaml`` wins over this file at load time.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Iterator

import yaml

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "petrarch2_cameo_dictionaries" / "Phoenix.Countries.actors.txt"
DEFAULT_OUT = ROOT / "src" / "lagebild" / "actors" / "data" / "people_petrarch.yaml"
COUNTRIES = ROOT / "src" / "lagebild" / "actors" / "data" / "countries.yaml"

# CAMEO country codes without an ISO 3166 alpha-3 twin -> the ISO3 code the project uses.
CAMEO_TO_ISO = {"KSV": "XKX", "TMP": "TLS", "SUN": "RUS", "USR": "RUS", "YUG": "SRB", "FRY": "SRB",
                "SCG": "SRB", "CSK": "CZE", "DDR": "DEU"}
# Generic role titles by CAMEO sector (primary), and minister titles by portfolio (secondary) code.
SECTOR_TITLES = {"GOV": "government official", "ELI": "elite", "MIL": "military official",
                 "LEG": "legislator", "JUD": "judicial official", "OPP": "opposition figure",
                 "PTY": "party official", "REB": "rebel leader", "COP": "police official",
                 "SPY": "intelligence official", "MED": "media figure", "BUS": "business figure"}
PORTFOLIO_TITLES = {"MIL": "defence minister", "BUS": "economy minister", "AGR": "agriculture minister",
                    "MED": "information minister", "EDU": "education minister", "HLH": "health minister",
                    "DEV": "development minister", "JUD": "justice minister", "LAB": "labour minister",
                    "ENV": "environment minister", "HRI": "human rights minister",
                    "REF": "refugee minister", "COP": "interior minister", "SPY": "intelligence minister",
                    "LEG": "parliamentary affairs minister", "REL": "religious affairs minister"}
# Leading words that are titles, not names ("FOREIGN_MINISTER_ABDULLAH_").
TITLE_PREFIXES = ("FOREIGN MINISTER ", "ACTING MINISTER ", "MINISTER ", "PRESIDENT ")
# Words that mark a synonym as a title phrase or an institution rather than a name variant.
NOT_NAME_WORDS = frozenset(
    "PRESIDENT MINISTER PRIME PREMIER SECRETARY CHANCELLOR KANZLER BUNDESKANZLER LEADER CHAIRMAN "
    "SPOKESMAN ADMINISTRATION GOVERNMENT FORMER EX KING QUEEN GENERAL AMBASSADOR ENVOY SENATOR GOVERNOR "
    "MAYOR OF THE PARTY MINISTRY COUNCIL COMMITTEE ARMY FORCES CHIEF DICTATOR REGIME COMMUNIST SOVIET "
    "RUSSIAN AMERICAN BRITISH FRENCH GERMAN CHINESE PRINCE LORD SIR DR. MR. MRS. MS.".split())
LOWER_PARTICLES = frozenset("al el bin ibn bint de da di do dos das del della van von der den la le du y "
                            "ud ul zu".split())
CODE_RE = re.compile(r"\[([A-Z]{3,12})(?:\s+([<>]?\d{6,8})(?:-(\d{6,8}))?)?\s*\]")


@dataclass
class Record:
    """One actor record of the TABARI file: phrases, whether CountryInfo made it, its role codes."""

    phrases: list[str] = field(default_factory=list)
    from_countryinfo: bool = False
    inline_code: bool = False
    codes: list[tuple[str, str | None, str | None]] = field(default_factory=list)


def parse_date(text: str) -> date:
    """YYYYMMDD or YYMMDD (pivot: 00-14 -> 20YY, else 19YY) -> date."""
    if len(text) == 6:
        year = int(text[:2])
        text = f"{2000 + year if year <= 14 else 1900 + year}{text[2:]}"
    return date(int(text[:4]), int(text[4:6]), int(text[6:8]))


def records(lines: Iterator[str]) -> Iterator[Record]:
    """Group the file's lines into actor records (phrase lines followed by code lines)."""
    current, in_codes = Record(), False
    for raw in lines:
        body = raw.split("#", 1)[0].rstrip()
        if not body.strip():
            continue
        if raw[:1] in " \t" and body.strip().startswith("["):
            current.codes.extend(CODE_RE.findall(body))
            in_codes = True
            continue
        if in_codes or (current.inline_code and not body.startswith("+")):
            yield current
            current, in_codes = Record(), False
        current.phrases.append(body.lstrip("+").strip())
        current.from_countryinfo |= "CountryInfo" in raw
        current.inline_code |= "[" in body
    yield current


def words(phrase: str) -> list[str]:
    """The words of a TABARI phrase ("VLADIMIR_V._PUTIN_" -> ["VLADIMIR", "V.", "PUTIN"])."""
    phrase = phrase.split("[", 1)[0].replace("`", "'")
    return [w for w in re.split(r"[_\s]+", phrase) if w]


def title_case(tokens: list[str]) -> str:
    """Upper-case name tokens -> "Bashar al-Assad", "Seán O'Neill" style."""
    out = []
    for i, token in enumerate(tokens):
        parts = token.lower().split("-")
        parts = [p if (p in LOWER_PARTICLES and (i or j)) else _cap(p) for j, p in enumerate(parts)]
        word = "-".join(parts)
        out.append(word if not (i and word in LOWER_PARTICLES) else word.lower())
    return " ".join(out)


def _cap(part: str) -> str:
    """Capitalise a lower-case word, also after an apostrophe or a dot ("o'neill" -> "O'Neill", "a.r.")."""
    return re.sub(r"(^|['.])([a-zà-ÿ])", lambda m: m.group(1) + m.group(2).upper(), part)


def is_name(tokens: list[str]) -> bool:
    """True for a multi-word phrase without title or institution words."""
    return len(tokens) > 1 and not any(t.strip(",.").rstrip(".") in NOT_NAME_WORDS or t in NOT_NAME_WORDS
                                       for t in tokens)


def strip_title(tokens: list[str]) -> tuple[list[str], str | None]:
    """Drop a leading title from a primary phrase; return the tokens and the title it implied."""
    joined = " ".join(tokens) + " "
    for prefix in TITLE_PREFIXES:
        if joined.startswith(prefix):
            title = {"FOREIGN MINISTER ": "foreign minister", "PRESIDENT ": "head of state"}.get(prefix)
            return tokens[len(prefix.split()):], title
    return tokens, None


def role(code: str, start: str | None, end: str | None, iso: set[str],
         title: str | None) -> dict[str, Any] | None:
    """One dated role code -> a role mapping, or None when undated or not a known state."""
    country = CAMEO_TO_ISO.get(code[:3], code[:3])
    if not start or country not in iso or len(code) < 6:
        return None
    sector, portfolio = code[3:6], code[6:9]
    begin = None if start.startswith("<") else parse_date(start.lstrip(">"))
    finish = parse_date(start[1:]) if start.startswith("<") else (parse_date(end) if end else None)
    generic = PORTFOLIO_TITLES.get(portfolio) or SECTOR_TITLES.get(sector, "official")
    name = title if (title and sector == "GOV" and not portfolio) else generic
    return {"title": name, "country": country, "sector": sector, "start": begin, "end": finish}


def person(rec: Record, iso: set[str]) -> dict[str, Any] | None:
    """A person mapping for a record with dated roles in known states, else None."""
    tokens, title = strip_title(words(rec.phrases[0]))
    if not tokens or not (rec.from_countryinfo or is_name(tokens)):
        return None
    roles = [r for c in rec.codes if (r := role(*c, iso, title))]
    if not roles:
        return None
    name = title_case(tokens)
    aliases = sorted({title_case(w) for p in rec.phrases[1:] if is_name(w := words(p))} - {name})
    latest = max(roles, key=lambda r: (r["start"] or date.min))
    country = Counter(r["country"] for r in roles).most_common(1)[0][0]
    return {"id": "", "name": name, "country": country, "sector": latest["sector"],
            "aliases": aliases, "roles": sorted(roles, key=lambda r: (r["start"] or date.min, r["title"]))}


def slug(text: str) -> str:
    """"Bashar al-Assad" -> "bashar-al-assad"."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def assign_ids(people: list[dict[str, Any]]) -> None:
    """Give every person a unique id: name slug, then + country, then + a counter."""
    seen: Counter[str] = Counter()
    names = Counter(slug(p["name"]) for p in people)
    for p in people:
        base = slug(p["name"]) if names[slug(p["name"])] == 1 else f"{slug(p['name'])}-{p['country'].lower()}"
        seen[base] += 1
        p["id"] = base if seen[base] == 1 else f"{base}-{seen[base]}"


def build(source: Path, countries: Path = COUNTRIES) -> list[dict[str, Any]]:
    """All persons of ``source`` whose roles fall in states of countries.yaml."""
    iso = set(yaml.load(countries.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader))
    with source.open(encoding="utf-8") as handle:
        people = [p for rec in records(handle) if rec.phrases and (p := person(rec, iso))]
    people.sort(key=lambda p: (p["country"], p["name"]))
    assign_ids(people)
    return people


HEADER = """\
# Historical office holders (to January 2014) with dated CAMEO role codes.
# GENERATED by scripts/build_people_petrarch.py from PETRARCH2 Phoenix.Countries.actors.txt
# (openeventdata/petrarch2 commit 676801cd9cb2924bbbad09f86d15c9323e7097bf; derived from CountryInfo.140130.txt,
# Parus Analytics / NSF SES-1004414, SES-1259190). Licence: MIT, Copyright (c) 2014 Open Event Data Alliance.
# Titles are generic where the source has none ("government official"); "end": null means "still in
# office in January 2014", not "today". people.yaml (curated) takes precedence on id or name clashes.
# Format: a YAML list with one person per line, each line in the JSON subset of YAML, so that the loader
# can read the ~18,000 records with the json parser (PyYAML needs seconds for this file).
"""


def render(people: list[dict[str, Any]]) -> str:
    """YAML text in the JSON subset: one ``- {...}`` line per person."""
    lines = [HEADER]
    for p in people:
        record = dict(p, roles=[dict(r, start=_iso(r["start"]), end=_iso(r["end"])) for r in p["roles"]])
        if not record["aliases"]:
            del record["aliases"]
        lines.append("- " + json.dumps(record, ensure_ascii=False) + "\n")
    return "".join(lines)


def _iso(day: date | None) -> str | None:
    """A date as YYYY-MM-DD, None stays None."""
    return day.isoformat() if day else None


def main(argv: list[str] | None = None) -> int:
    """Write people_petrarch.yaml."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    people = build(args.source)
    args.out.write_text(render(people), encoding="utf-8")
    print(f"wrote {args.out}: {len(people)} persons")
    return 0


if __name__ == "__main__":
    sys.exit(main())
