"""YAML parsing for the package's data files: libyaml's C parser when PyYAML has it (about ten times
faster than the pure-Python one; the data files take most of a worker's start-up), same results."""

from __future__ import annotations

from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

YAMLError = yaml.YAMLError


def safe_load(text: str) -> Any:
    """``yaml.safe_load`` with the fastest safe loader available."""
    return yaml.load(text, Loader=_LOADER)
