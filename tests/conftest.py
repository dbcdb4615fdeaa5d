"""Set-up shared by every test."""

import pytest


@pytest.fixture(autouse=True)
def _default_language(monkeypatch):
    """The tests describe bludcli's default language, whatever the shell running them sets."""
    monkeypatch.delenv("BLUDCLI_LANG", raising=False)
