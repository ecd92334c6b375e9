"""Language data: one folder per language code, each a set of YAML files read like dictionaries.

A language is supported when its folder has ``nlp.yaml``. Stage code reads what it needs with
:func:`load` and never branches on the language code.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from lagebild import yamlio
from lagebild.errors import ConfigError


@cache
def supported_languages() -> tuple[str, ...]:
    """Codes of the languages that have language data (a ``nlp.yaml``), sorted."""
    root = resources.files("lagebild.lang")
    return tuple(sorted(p.name for p in root.iterdir() if p.is_dir() and (p / "nlp.yaml").is_file()))


@cache
def load(lang: str, name: str) -> Any:
    """The parsed ``lang/<lang>/<name>.yaml``; ConfigError when it is missing or broken."""
    path = resources.files("lagebild.lang") / lang / f"{name}.yaml"
    if not path.is_file():
        raise ConfigError(f"no language data lang/{lang}/{name}.yaml; supported: {', '.join(supported_languages())}")
    try:
        return yamlio.safe_load(path.read_text(encoding="utf-8")) or {}
    except yamlio.YAMLError as exc:
        raise ConfigError(f"lang/{lang}/{name}.yaml is not valid YAML: {exc}") from exc


@cache
def words(lang: str, name: str, key: str) -> frozenset[str]:
    """The word list ``key`` of ``lang/<lang>/<name>.yaml`` as a set; empty when the file or key is absent."""
    return frozenset(str(w) for w in (load(lang, name).get(key) or [])) if has(lang, name) else frozenset()


def has(lang: str, name: str) -> bool:
    """Whether ``lang/<lang>/<name>.yaml`` exists."""
    return (resources.files("lagebild.lang") / lang / f"{name}.yaml").is_file()
