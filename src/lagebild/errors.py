"""Exceptions lagebild raises, each with a message a user can act on.

Exception tree::

    LagebildError
    ├── ConfigError          a settings key or value is invalid
    ├── PipelineError        the configured stage list is inconsistent
    ├── InputError           an input cannot be read (empty, binary, too large, unreachable, ...)
    │   └── UnsupportedLanguage
    └── StoreError           the database cannot be opened, migrated or written
"""

from __future__ import annotations


class LagebildError(Exception):
    """Base class of every error lagebild raises on purpose."""


class ConfigError(LagebildError):
    """A configuration key or value is invalid."""


class PipelineError(LagebildError):
    """The pipeline's stage list cannot run: unknown stage, or a stage's inputs are not produced."""


class InputError(LagebildError):
    """An input cannot be read. ``origin`` names the file or URL, the message says why."""

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason


class UnsupportedLanguage(InputError):
    """The document's language has no language data (``lang/<code>/``); it is stored but not extracted."""


class StoreError(LagebildError):
    """The store cannot be opened, migrated or written; nothing already stored is changed."""
