"""Receiving files: check each one, archive it by content and record it in the ledger."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

from bludcli.config import District
from bludcli.findings import FileResult
from bludcli.ledger.store import ARCHIVE_DIR, Ledger, Submission
from bludcli.output import write_atomic
from bludcli.validate import MONTH_TO_MONTH, Content, check_against, validate_file, validate_paths
from bludcli.workbook import SUPPORTED_SUFFIXES
from bludcli.workers import default_jobs

NEW, DUPLICATE, SKIPPED = "new", "duplicate", "skipped"  # SKIPPED: the input could not be read
CHUNK_PER_JOB = 16  # files checked together per worker before they are recorded
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
                  on_file: Callable[[Path], None] | None = None, now: Clock = utc_now,
                  jobs: int | None = None) -> list[Receipt]:
    """Receive files in order. They are checked a chunk at a time, `jobs` at once (default: the
    machine's cores), then recorded one by one, each in its own transaction: a crash loses at most
    the files checked and not yet recorded. The input is only read; its bytes are archived before
    the row is committed, so a recorded row always has its archive copy. `on_file` is called as
    each file is recorded."""
    size = CHUNK_PER_JOB * (jobs or default_jobs())
    receipts = []
    for start in range(0, len(paths), size):
        chunk = [Path(path) for path in paths[start:start + size]]
        receipts += _receive_chunk(chunk, district, ledger, lang, on_file, now, jobs)
    return receipts


def _receive_chunk(paths: list[Path], district: District, ledger: Ledger, lang: str,
                   on_file: Callable[[Path], None] | None, now: Clock, jobs: int | None) -> list[Receipt]:
    """Check together the files not yet in the ledger, and the reports of last month they
    follow; then record each file."""
    unknown = [path for path in paths if not _known(ledger, path)]
    checked = dict(zip(unknown, validate_paths(unknown, district, lang, keep=True, jobs=jobs)))
    earlier = _last_months(ledger, district, lang, checked.values(), jobs)
    receipts = []
    for path in paths:
        receipts.append(_receive_file(path, checked.get(path), earlier, district, ledger, lang, now))
        if on_file:
            on_file(path)
    return receipts


def _known(ledger: Ledger, path: Path) -> bool:
    """Whether the file's content is in the ledger already (then it is not checked again)."""
    try:
        return ledger.known(hashlib.sha256(path.read_bytes()).hexdigest()) is not None
    except OSError:  # reported when its turn comes
        return True


def _receive_file(path: Path, result: FileResult | None, earlier: dict[str, Content | None], district: District,
                  ledger: Ledger, lang: str, now: Clock) -> Receipt:
    """Archive and record one file, checked already as `result` (None when it was in the ledger
    then). `earlier` holds the checked reports of last month, by sha256; this file joins them."""
    try:
        data = path.read_bytes()
    except OSError:  # nothing to archive or identify: reported, not recorded
        return Receipt(path, SKIPPED, None, validate_file(path, district, lang))
    sha256 = hashlib.sha256(data).hexdigest()
    recorded = ledger.known(sha256)
    if recorded:
        return Receipt(path, DUPLICATE, recorded)
    if result is None or result.sha256 not in (None, sha256):  # changed since it was checked
        result = _validated(path, district, lang)
    check_last_month([result], district, ledger, lang, jobs=1, earlier=earlier)
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
    earlier[sha256] = result.content
    submission = ledger.submissions("WHERE id = ?", (submission_id,))[0]
    return _ranked(Receipt(path, NEW, submission, result), _valid_siblings(ledger, submission))


def check_last_month(results: Iterable[FileResult], district: District, ledger: Ledger, lang: str = "id",
                     jobs: int | None = None, earlier: dict[str, Content | None] | None = None
                     ) -> dict[str, Content | None]:
    """The month-to-month checks of each readable result (checked with its content kept) against
    the ledger's accepted report of the month before, as the ledger holds it now; those checks
    are listed as skipped where it holds none. `receive` and `consolidate --ledger` both check
    through this. The reports of last month that are not in `earlier` (sha256 -> content, None
    when unreadable) are checked together from the archive, `jobs` at once, and join it; returns
    it. Call it where the ledger was opened: the workers only read the archive (a database
    connection must not be used on both sides of a fork)."""
    results = [result for result in results if not result.unreadable]
    earlier = {} if earlier is None else earlier
    earlier.update(_last_months(ledger, district, lang, results, jobs, known=earlier))
    for result in results:
        accepted = _last_month(ledger, result)
        previous = earlier[accepted.sha256] if accepted else None
        if previous is None:
            result.skipped.append(MONTH_TO_MONTH)
        else:
            check_against(result, result.content, previous, district, lang)
    return earlier


def _last_months(ledger: Ledger, district: District, lang: str, results: Iterable[FileResult],
                 jobs: int | None, known: Container[str] = ()) -> dict[str, Content | None]:
    """The reports of last month that `results` follow, as the ledger holds them now, checked
    together from the archive (those `known` aside): sha256 -> content (None when it cannot be
    read any more)."""
    archived = {s.sha256: ledger.root / s.archive_path for s in map(partial(_last_month, ledger), results)
                if s and s.sha256 not in known}
    checked = validate_paths(list(archived.values()), district, lang, keep=True, jobs=jobs)
    return {sha256: result.content for sha256, result in zip(archived, checked)}


def _last_month(ledger: Ledger, result: FileResult) -> Submission | None:
    """The accepted report of the same BLUD for the month before `result`'s: the valid
    submission with the highest revision."""
    if not (result.kode_blud and result.tahun and result.bulan):
        return None
    tahun, bulan = (result.tahun, result.bulan - 1) if result.bulan > 1 else (result.tahun - 1, 12)
    accepted = [s for s in ledger.for_period(tahun, bulan) if s.kode_blud == result.kode_blud and s.status == "valid"]
    return max(accepted, key=lambda s: (s.revisi or 0, s.received_at)) if accepted else None


def _validated(path: Path, district: District, lang: str) -> FileResult:
    """The file checked with its content kept, in a worker process as `validate` checks it: a
    file on which the reader crashes or hangs is recorded as unreadable, and the batch goes on.
    (The ledger stays in this process: a database connection must not be used on both sides of a fork.)"""
    return validate_paths([path], district, lang, keep=True, jobs=1)[0]


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
