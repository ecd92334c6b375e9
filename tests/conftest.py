"""Shared test fixtures: no test touches the user's default store or settings."""

import pytest


@pytest.fixture(autouse=True)
def _isolated_store(tmp_path, monkeypatch):
    """Point $LAGEBILD_DB at a temporary file and drop any user settings file."""
    monkeypatch.setenv("LAGEBILD_DB", str(tmp_path / "default-store.db"))
    monkeypatch.delenv("LAGEBILD_CONFIG", raising=False)
