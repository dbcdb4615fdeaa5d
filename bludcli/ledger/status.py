"""What the ledger says about a month (per BLUD) and about one BLUD (its submissions)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime

from bludcli.config import DISTRICT_TZ, District
from bludcli.findings import FileResult
from bludcli.ledger.store import Ledger, Submission
from bludcli.recap.select import ACCEPTED, select

LATE = "terlambat"


@dataclass(slots=True)
class BludStatus:
    """One active BLUD in a month: `status` is diterima, terlambat, ditolak, konflik or belum
    masuk; the other fields describe the file that counts (or the latest one when none does).
    `received_at` is in WIB (ISO, +07:00)."""

    kode_blud: str
    nama: str
    status: str
    submissions: int  # files received for the month
    revisi: int | None = None
    file_name: str | None = None
    received_at: str | None = None
    days_late: int = 0
    errors: int | None = None
    warnings: int | None = None

    def to_dict(self) -> dict:
        return {name: getattr(self, name) for name in self.__slots__}


STATUS_COLUMNS = BludStatus.__slots__


def deadline(district: District, tahun: int, bulan: int) -> date:
    """Day `deadline_day` of the month after the report's (the month's last day when shorter)."""
    year, month = (tahun + 1, 1) if bulan == 12 else (tahun, bulan + 1)
    return date(year, month, min(district.deadline_day, calendar.monthrange(year, month)[1]))


def local_time(received_at: str) -> datetime:
    """A time the ledger recorded (ISO, UTC) in the district's zone (WIB)."""
    received = datetime.fromisoformat(received_at)
    if received.tzinfo is None:
        received = received.replace(tzinfo=UTC)
    return received.astimezone(DISTRICT_TZ)


def days_late(received_at: str, due: date) -> int:
    """Whole days between the deadline and the receipt's day in the district's zone (0 when on time)."""
    return max(0, (local_time(received_at).date() - due).days)


def period_status(ledger: Ledger, district: District, tahun: int, bulan: int) -> list[BludStatus]:
    """Per active BLUD of the registry, in registry order: the file that counts is the one
    consolidate would choose from the files received (`bludcli.recap.select`)."""
    rows = ledger.for_period(tahun, bulan)
    by_id = {str(row.id): row for row in rows}
    selection = select([_as_result(ledger, row) for row in rows], district, tahun, bulan)
    due = deadline(district, tahun, bulan)
    statuses = []
    for kode in selection.active:
        mine = [row for row in rows if (row.kode_blud or "").upper() == kode.upper()]
        included = selection.included.get(kode)
        row = by_id[included.path] if included else (mine[-1] if mine else None)
        status = BludStatus(kode, district.registry[kode].nama, selection.status(kode), len(mine))
        if row:
            status.revisi, status.file_name = row.revisi, row.file_name
            status.received_at = local_time(row.received_at).isoformat()
            status.errors, status.warnings = row.errors, row.warnings
        if included:
            status.days_late = days_late(row.received_at, due)
            if status.status == ACCEPTED and status.days_late:
                status.status = LATE
        statuses.append(status)
    return statuses


def counting_ids(ledger: Ledger, district: District, rows: list[Submission]) -> set[int]:
    """The ids among `rows` of the files that count for their month."""
    periods = {(row.tahun, row.bulan) for row in rows if row.tahun and row.bulan}
    ids = set()
    for tahun, bulan in periods:
        same = ledger.for_period(tahun, bulan)
        chosen = select([_as_result(ledger, row) for row in same], district, tahun, bulan)
        ids |= {int(result.path) for result in chosen.included.values()}
    return ids


def history(ledger: Ledger, district: District, kode: str) -> list[tuple[Submission, bool]]:
    """Every submission of a BLUD in the order received, and whether it is the file that counts."""
    rows = ledger.for_blud(kode)
    counting = counting_ids(ledger, district, rows)
    return [(row, row.id in counting) for row in rows]


def _as_result(ledger: Ledger, row: Submission) -> FileResult:
    """A ledger row as the FileResult `select` expects; its path is the row's id."""
    return FileResult(path=str(row.id), findings=ledger.findings(row.id), kode_blud=row.kode_blud,
                      tahun=row.tahun, bulan=row.bulan, revisi=row.revisi,
                      unreadable=row.status == "unreadable", sha256=row.sha256)
