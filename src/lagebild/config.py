"""Settings: the shipped defaults (``defaults.toml``) overridden by a user file, every key validated."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from lagebild.errors import ConfigError

ENV_CONFIG = "LAGEBILD_CONFIG"


@dataclass(frozen=True)
class Settings:
    """Validated settings, read with ``settings["section"]["key"]``."""

    values: dict[str, dict[str, Any]]
    source: str = "defaults"

    def __getitem__(self, section: str) -> dict[str, Any]:
        return self.values[section]


def defaults() -> dict[str, dict[str, Any]]:
    """The shipped defaults as a dict of sections."""
    text = (resources.files("lagebild") / "defaults.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _check(section: str, key: str, default: Any, value: Any, origin: str) -> None:
    """Raise ConfigError when ``value`` does not fit the type of the default."""
    expected = float if isinstance(default, float) else type(default)
    ok = isinstance(value, expected) or (expected is float and isinstance(value, int))
    if not ok or isinstance(value, bool) != isinstance(default, bool):
        raise ConfigError(f"{origin}: [{section}] {key} = {value!r} must be of type {expected.__name__} "
                          f"(default {default!r})")


def merge(base: dict[str, dict[str, Any]], user: dict[str, Any], origin: str) -> dict[str, dict[str, Any]]:
    """``base`` with the keys of ``user`` applied; unknown sections or keys are errors."""
    merged = {name: dict(section) for name, section in base.items()}
    for section, keys in user.items():
        if section not in merged or not isinstance(keys, dict):
            raise ConfigError(f"{origin}: unknown section [{section}]; valid: {', '.join(sorted(merged))}")
        for key, value in keys.items():
            if key not in merged[section]:
                valid = ", ".join(sorted(merged[section]))
                raise ConfigError(f"{origin}: unknown key [{section}] {key}; valid keys: {valid}")
            _check(section, key, merged[section][key], value, origin)
            merged[section][key] = value
    return merged


def load_settings(path: str | Path | None = None) -> Settings:
    """Defaults, overridden by ``path`` or else by the file named in $LAGEBILD_CONFIG."""
    chosen = path or os.environ.get(ENV_CONFIG)
    if not chosen:
        return Settings(defaults())
    file = Path(chosen)
    try:
        user = tomllib.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"settings file {file} does not exist") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"settings file {file} is not valid TOML: {exc}") from exc
    return Settings(merge(defaults(), user, str(file)), source=str(file))
