"""The mutation fuzzer of tests/fuzz on a few dozen cases: no crash of validate_file."""

from __future__ import annotations

import time

from tests.fuzz.fuzz_validate import main


def test_fuzzer_finds_no_crash_in_sixty_cases(monkeypatch, capsys):
    monkeypatch.delenv("BLUDCLI_DEBUG", raising=False)
    started = time.monotonic()
    code = main(["--cases", "60", "--seed", "2026"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "cases run: 60  crashes: 0" in out
    assert time.monotonic() - started < 20
