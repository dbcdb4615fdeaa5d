"""The receipt ledger: every workbook received, checked, archived by content and recorded in
SQLite, so that the office can tell who has reported for a month, late or not, and what each
BLUD sent.

    with Ledger(path) as ledger:
        receipts = receive_paths(files, district, ledger, "id")
        statuses = period_status(ledger, district, 2026, 3)
"""

from bludcli.ledger.export import export_ledger
from bludcli.ledger.receive import (
    DUPLICATE, NEW, SKIPPED, Receipt, archive_path, check_last_month, receive_paths,
)
from bludcli.ledger.status import LATE, BludStatus, deadline, history, local_time, period_status
from bludcli.ledger.store import LEDGER_ENV, Ledger, Submission, default_ledger_path

__all__ = [
    "DUPLICATE", "LATE", "LEDGER_ENV", "NEW", "SKIPPED", "BludStatus", "Ledger", "Receipt", "Submission",
    "archive_path", "check_last_month", "deadline", "default_ledger_path", "export_ledger", "history", "local_time",
    "period_status", "receive_paths",
]
