"""Receiving files: check each one, archive it by content and record it in the ledger."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bludcli.config import District
from bludcli.findings import FileResult
from bludcli.ledger.store import ARCHIVE_DIR, Ledger, Submission
from bludcli.output import write_atomic
from bludcli.validate import MONTH_TO_MONTH, Content, validate_file, validate_paths
from bludcli.workbook import SUPPORTED_SUFFIXES

NEW, DUPLICATE, SKIPPED = "new", "duplicate", "skipped"  # SKIPPED: the input could not be read
_SAFE_KODE = re.compile(r"[A-Za-z0-9_-]{1,32}")

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(slots=True)
class Receipt:
    """What happened to one input file: recorded now (NEW) or already in the ledger (DUPLICATE).
    `submission` is the ledger's row (for a duplicate, the earlier one); `result` the check of
    this run (None for a duplicate: it is not checked again). For a valid file: `supersedes`
    the lower revisions of the same BLUD and period it replaces; `conflicts` the submissions
    that claim its revision with other content (none of them counts until the BLUD sends a
    higher revision); `outranked_by` the higher revision already received, when there is one
    (this file then does not count, and replaces nothing)."""

    path: Path
    outcome: str
    submission: Submission | None
    result: FileResult | None = None
    supersedes: tuple[int, ...] = ()
    conflicts: tuple[Submission, ...] = ()
    outranked_by: int | None = None


def archive_path(sha256: str, suffix: str, kode: str | None, tahun: int | None, bulan: int | None) -> Path:
    """`arsip/<tahun>-<bulan>/<kode>/<sha256><suffix>`, relative to the ledger's folder;
    `arsip/lain/…` when the period or kode is unknown or not fit for a folder name."""
    suffix = suffix.lower() if suffix.lower() in SUPPORTED_SUFFIXES else ""
    name = f"{sha256}{suffix}"
    if kode and _SAFE_KODE.fullmatch(kode) and tahun and 1000 <= tahun <= 9999 and bulan and 1 <= bulan <= 12:
        return Path(ARCHIVE_DIR, f"{tahun}-{bulan:02d}", kode.upper(), name)
    return Path(ARCHIVE_DIR, "lain", name)


def receive_paths(paths: list[Path], district: District, ledger: Ledger, lang: str = "id",
                  on_file: Callable[[Path], None] | None = None, now: Clock = utc_now) -> list[Receipt]:
    """Receive files in order, each in its own transaction: a crash loses at most the file in
    progress. The input is only read; its bytes are archived before the row is committed, so a
    recorded row always has its archive copy."""
    receipts = []
    for path in paths:
        receipts.append(receive_file(Path(path), district, ledger, lang, now))
        if on_file:
            on_file(path)
    return receipts


def receive_file(path: Path, district: District, ledger: Ledger, lang: str = "id",
                 now: Clock = utc_now) -> Receipt:
    try:
        data = path.read_bytes()
    except OSError:  # nothing to archive or identify: reported, not recorded
        return Receipt(path, SKIPPED, None, validate_file(path, district, lang))
    sha256 = hashlib.sha256(data).hexdigest()
    earlier = ledger.known(sha256)
    if earlier:
        return Receipt(path, DUPLICATE, earlier)
    result = _checked(path, district, ledger, lang)
    relative = archive_path(sha256, path.suffix, result.kode_blud, result.tahun, result.bulan)
    target = ledger.root / relative
    if not target.exists():
        write_atomic(target, data, {path}, lang)
    identity = result.content.identity if result.content else None
    tanggal = getattr(identity, "tanggal", None)
    row = {
        "sha256": sha256, "size": len(data), "received_at": now().astimezone(UTC).isoformat(timespec="seconds"),
        "file_name": path.name, "source_path": str(path), "archive_path": relative.as_posix(),
        "kode_blud": result.kode_blud, "tahun": result.tahun, "bulan": result.bulan, "revisi": result.revisi,
        "tanggal": tanggal.isoformat() if tanggal else None, "lang": lang,
    }
    submission_id = ledger.record(row, result)
    if submission_id is None:  # another run recorded the same bytes meanwhile
        return Receipt(path, DUPLICATE, ledger.known(sha256), result)
    submission = ledger.submissions("WHERE id = ?", (submission_id,))[0]
    return _ranked(Receipt(path, NEW, submission, result), _valid_siblings(ledger, submission))


def _checked(path: Path, district: District, ledger: Ledger, lang: str) -> FileResult:
    """The file validated; against last month's accepted report when the ledger holds one,
    else with the month-to-month checks listed as skipped."""
    result = _validated(path, district, lang)
    previous = last_month(ledger, district, result, lang)
    if previous is not None:
        return _validated(path, district, lang, previous)
    if not result.unreadable:
        result.skipped.append(MONTH_TO_MONTH)
    return result


def last_month(ledger: Ledger, district: District, result: FileResult, lang: str) -> Content | None:
    """The accepted report of the same BLUD for the month before `result`'s, as validate reads
    it from the archive: the valid submission with the highest revision."""
    if not (result.kode_blud and result.tahun and result.bulan):
        return None
    tahun, bulan = (result.tahun, result.bulan - 1) if result.bulan > 1 else (result.tahun - 1, 12)
    accepted = [s for s in ledger.for_period(tahun, bulan) if s.kode_blud == result.kode_blud and s.status == "valid"]
    if not accepted:
        return None
    latest = max(accepted, key=lambda s: (s.revisi or 0, s.received_at))
    return _validated(ledger.root / latest.archive_path, district, lang).content


def _validated(path: Path, district: District, lang: str, previous: Content | None = None) -> FileResult:
    """The file checked with its content kept, in a worker process as `validate` checks it: a
    file on which the reader crashes or hangs is recorded as unreadable, and the batch goes on.
    (The ledger stays in this process: a database connection must not be used on both sides of a fork.)"""
    return validate_paths([path], district, lang, keep=True, previous=previous, jobs=1)[0]


def _valid_siblings(ledger: Ledger, submission: Submission) -> list[Submission]:
    """The other valid submissions of the same BLUD and period; none when this one is not valid."""
    if submission.status != "valid" or not submission.kode_blud or not submission.tahun:
        return []
    return ledger.submissions("WHERE kode_blud = ? AND tahun = ? AND bulan = ? AND status = 'valid' AND id != ?",
                              (submission.kode_blud, submission.tahun, submission.bulan, submission.id))


def _ranked(receipt: Receipt, siblings: list[Submission]) -> Receipt:
    """The receipt with where its valid file stands among the other valid files of its period,
    as status and consolidate choose: the highest revision counts; two files claiming it
    conflict."""
    revision = receipt.submission.revisi or 0
    higher = [s.revisi or 0 for s in siblings if (s.revisi or 0) > revision]
    if higher:
        receipt.outranked_by = max(higher)
        return receipt
    receipt.supersedes = tuple(sorted({s.revisi or 0 for s in siblings if (s.revisi or 0) < revision}))
    receipt.conflicts = tuple(s for s in siblings if (s.revisi or 0) == revision)
    return receipt
