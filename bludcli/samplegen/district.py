"""The district the generator draws on, read by bludcli's own rules loader."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from bludcli.config import Blud, District, load_district


@lru_cache(maxsize=4)
def district(rules_dir: Path | None = None) -> District:
    """The rules folder (default: bludcli's own), read once: every report needs it."""
    return load_district(rules_dir)


def blud(rules: District, kode: str) -> Blud:
    try:
        return rules.registry[kode.upper()]
    except KeyError:
        raise ValueError(f"BLUD {kode!r} is not in the registry of {rules.daerah}") from None


def active_bluds(rules: District, tahun: int, bulan: int) -> list[Blud]:
    return [b for b in rules.registry.values() if b.aktif_sejak <= (tahun, bulan)]
