"""The ledger as CSV tables, for backup and audit, and as rows for the status and history reports."""

from __future__ import annotations

import json
from pathlib import Path

from bludcli.ledger.store import FINDING_COLUMNS, SUBMISSION_COLUMNS, Ledger
from bludcli.output import csv_text, write_atomic

EXPORT_FINDING_COLUMNS = ("submission_id", "sha256", "kode_blud", "seq", *FINDING_COLUMNS)


def to_json(key: str, records: list[dict], **extra) -> str:
    return json.dumps(extra | {key: records}, ensure_ascii=False, indent=2) + "\n"


def export_ledger(ledger: Ledger, folder: Path, lang: str = "id") -> dict[Path, int]:
    """Write `submissions.csv` and `findings.csv` into `folder` (each atomically); returns
    the rows written per file. `folder` is made as the first file is written (a folder that
    cannot be made is said as a file that cannot be written)."""
    submissions = [[getattr(s, c) for c in SUBMISSION_COLUMNS] for s in ledger.submissions()]
    findings = list(ledger.finding_rows())
    written = {}
    for name, columns, rows in (("submissions.csv", SUBMISSION_COLUMNS, submissions),
                                ("findings.csv", EXPORT_FINDING_COLUMNS, findings)):
        write_atomic(folder / name, csv_text(columns, rows), {ledger.path}, lang)
        written[folder / name] = len(rows)
    return written
