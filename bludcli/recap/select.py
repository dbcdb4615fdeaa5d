"""Which checked workbook speaks for each BLUD in a period, and who is left out or missing."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from bludcli.config import District
from bludcli.findings import FileResult, Finding

# A BLUD's status in the recap.
ACCEPTED, REJECTED, MISSING, CONFLICT = "diterima", "ditolak", "belum masuk", "konflik"

# Why a file is excluded (it belongs to the period but cannot be used) or ignored.
INVALID, UNREADABLE, CONFLICTING = "invalid", "unreadable", "conflict"
OTHER_PERIOD, SUPERSEDED, DUPLICATE = "other-period", "superseded", "duplicate"


@dataclass(slots=True)
class Left:
    """A file that does not count: excluded (`reason` INVALID, UNREADABLE, CONFLICTING) or
    ignored (OTHER_PERIOD, SUPERSEDED, DUPLICATE)."""

    result: FileResult
    reason: str
    other: str | None = None  # the file it conflicts with, supersedes it or it duplicates

    @property
    def first_errors(self) -> list[Finding]:
        return [f for f in self.result.findings if f.severity == "error"][:3]

    def describe(self, name: Callable[[str], str], lang: str = "id") -> str:
        """Why the file does not count, in words (a file with errors: its counts, as validate
        gives them); `name` names the other file from its path."""
        from bludcli.i18n import t

        result = self.result
        if self.reason == INVALID:
            return t("report.counts", lang, errors=result.errors, warnings=result.warnings)
        periode = f"{result.tahun}-{result.bulan:02d}" if result.tahun and result.bulan else "?"
        other = name(self.other) if self.other else ""
        return t(f"recap.reason.{self.reason}", lang, other=other, periode=periode)


@dataclass(slots=True)
class Selection:
    tahun: int
    bulan: int
    included: dict[str, FileResult] = field(default_factory=dict)  # kode BLUD -> its accepted file
    excluded: list[Left] = field(default_factory=list)
    ignored: list[Left] = field(default_factory=list)
    active: list[str] = field(default_factory=list)  # the registry's BLUDs active in the period

    @property
    def missing(self) -> list[str]:
        """Active BLUDs without an accepted workbook (rejected ones too)."""
        return [kode for kode in self.active if kode not in self.included]

    def counts(self) -> dict[str, int]:
        """How many active BLUDs have each status (the BLUDs that sent a file but are not active
        or not in the registry are not counted: they are listed apart)."""
        statuses = [self.status(kode) for kode in self.active]
        return {status: statuses.count(status) for status in (ACCEPTED, REJECTED, CONFLICT, MISSING)}

    def status(self, kode: str) -> str:
        if kode in self.included:
            return ACCEPTED
        reasons = {left.reason for left in self.excluded if left.result.kode_blud == kode}
        if CONFLICTING in reasons:
            return CONFLICT
        return REJECTED if reasons else MISSING


def select(results: list[FileResult], district: District, tahun: int, bulan: int) -> Selection:
    """Per BLUD, the valid workbook of the period with the highest Revisi.

    Identical copies count once, valid or not: the later ones are ignored. Two different valid files with the same BLUD, period and
    Revisi conflict: both are excluded, and an older valid revision is not used in their place
    (the BLUD's latest word is unclear). A later revision with errors does not hide an earlier
    valid one: the earlier one is used and the later one is listed as excluded."""
    chosen = Selection(tahun, bulan)
    chosen.active = [kode for kode, blud in district.registry.items() if blud.aktif_sejak <= (tahun, bulan)]
    by_blud: dict[str, list[FileResult]] = defaultdict(list)
    seen: dict[str, FileResult] = {}
    for result in results:
        if result.tahun and result.bulan and (result.tahun, result.bulan) != (tahun, bulan):
            chosen.ignored.append(Left(result, OTHER_PERIOD))
        elif result.sha256 and result.sha256 in seen:
            chosen.ignored.append(Left(result, DUPLICATE, seen[result.sha256].path))
        else:
            if result.sha256:  # an unreadable file has none: its copies are each excluded
                seen[result.sha256] = result
            if result.status != "valid":
                chosen.excluded.append(Left(result, UNREADABLE if result.unreadable else INVALID))
            else:
                by_blud[result.kode_blud].append(result)
    for kode, files in by_blud.items():
        files.sort(key=lambda r: r.revisi or 0, reverse=True)
        latest = [r for r in files if (r.revisi or 0) == (files[0].revisi or 0)]
        if len(latest) > 1:
            for result in latest:
                other = next(r.path for r in latest if r is not result)
                chosen.excluded.append(Left(result, CONFLICTING, other))
            chosen.ignored += [Left(r, SUPERSEDED, latest[0].path) for r in files[len(latest):]]
            continue
        chosen.included[kode] = files[0]
        chosen.ignored += [Left(r, SUPERSEDED, files[0].path) for r in files[1:]]
    chosen.included = dict(sorted(chosen.included.items(), key=lambda item: _registry_order(district, item[0])))
    return chosen


def _registry_order(district: District, kode: str) -> int:
    order = list(district.registry)
    return order.index(kode) if kode in order else len(order)
