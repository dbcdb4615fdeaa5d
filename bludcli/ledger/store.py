"""The ledger's SQLite database: where it lives, its schema, and the queries on it.

One row per distinct file received (UNIQUE sha256), its findings in a table of their own.
Every file is written in one transaction (BEGIN IMMEDIATE … COMMIT); the database runs in WAL
mode with a busy timeout so that several `receive` runs can share it.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bludcli.findings import FileResult, Finding

LEDGER_ENV = "BLUDCLI_LEDGER"
LEDGER_NAME = "ledger.sqlite"
ARCHIVE_DIR = "arsip"
BUSY_TIMEOUT_S = 30.0
SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS submissions (
    id            INTEGER PRIMARY KEY,
    sha256        TEXT    NOT NULL UNIQUE,
    size          INTEGER NOT NULL,
    received_at   TEXT    NOT NULL,              -- UTC, ISO 8601
    file_name     TEXT    NOT NULL,              -- the name it was sent under
    source_path   TEXT    NOT NULL,              -- where it was received from
    archive_path  TEXT    NOT NULL,              -- relative to the ledger's folder
    kode_blud     TEXT,
    tahun         INTEGER,
    bulan         INTEGER,
    revisi        INTEGER,
    tanggal       TEXT,                          -- the report's date (Identitas), ISO
    status        TEXT    NOT NULL CHECK (status IN ('valid', 'invalid', 'unreadable')),
    errors        INTEGER NOT NULL,
    warnings      INTEGER NOT NULL,
    finding_count INTEGER NOT NULL,              -- rows in findings, to check completeness
    lang          TEXT    NOT NULL               -- language of the stored messages
);
CREATE INDEX IF NOT EXISTS submissions_period ON submissions (tahun, bulan, kode_blud);
CREATE INDEX IF NOT EXISTS submissions_blud ON submissions (kode_blud, received_at);
CREATE TABLE IF NOT EXISTS findings (
    submission_id INTEGER NOT NULL REFERENCES submissions (id),
    seq           INTEGER NOT NULL,
    rule          TEXT    NOT NULL,
    severity      TEXT    NOT NULL,
    sheet         TEXT,
    row           INTEGER,
    "column"      TEXT,
    cell          TEXT,
    message       TEXT    NOT NULL,
    value         TEXT,
    expected      TEXT,
    waived        TEXT,
    PRIMARY KEY (submission_id, seq)
) WITHOUT ROWID;
"""

SUBMISSION_COLUMNS = (
    "id", "sha256", "size", "received_at", "file_name", "source_path", "archive_path", "kode_blud",
    "tahun", "bulan", "revisi", "tanggal", "status", "errors", "warnings", "finding_count", "lang",
)  # fmt: skip
FINDING_COLUMNS = ("rule", "severity", "sheet", "row", "column", "cell", "message", "value", "expected", "waived")


def default_ledger_path() -> Path:
    """`$BLUDCLI_LEDGER`, else `ledger.sqlite` in the user's data folder (platformdirs when
    installed, else `$XDG_DATA_HOME/bludcli` or `~/.local/share/bludcli`)."""
    if os.environ.get(LEDGER_ENV):
        return Path(os.environ[LEDGER_ENV]).expanduser()
    try:
        from platformdirs import user_data_dir
    except ImportError:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
        return base / "bludcli" / LEDGER_NAME
    return Path(user_data_dir("bludcli")) / LEDGER_NAME


@dataclass(slots=True)
class Submission:
    """One recorded file: a row of `submissions`."""

    id: int
    sha256: str
    size: int
    received_at: str
    file_name: str
    source_path: str
    archive_path: str
    kode_blud: str | None
    tahun: int | None
    bulan: int | None
    revisi: int | None
    tanggal: str | None
    status: str
    errors: int
    warnings: int
    finding_count: int
    lang: str

    def period(self) -> str:
        return f"{self.tahun}-{self.bulan:02d}" if self.tahun and self.bulan else "?"


class Ledger:
    """An open ledger. `root` is its folder (the archive lives in `root/arsip`)."""

    def __init__(self, path: Path | str | None = None):
        self.path = Path(path) if path else default_ledger_path()
        self.root = self.path.parent
        self.root.mkdir(parents=True, exist_ok=True)
        # Autocommit mode: transactions are opened explicitly, one per file.
        self.db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        self.db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        _set_wal(self.db)
        self.db.execute("PRAGMA synchronous = FULL")
        self.db.execute("PRAGMA foreign_keys = ON")
        if self.db.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
            with self.transaction():
                for statement in filter(str.strip, SCHEMA.split(";")):  # executescript would commit
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def transaction(self):
        return _Transaction(self.db)

    # Writing.

    def known(self, sha256: str) -> Submission | None:
        return self._one("WHERE sha256 = ?", (sha256,))

    def record(self, row: dict, result: FileResult) -> int | None:
        """Insert one file and its findings in one transaction; None when a file with the
        same sha256 is already recorded (by this run or another)."""
        findings = result.findings
        row = row | {"status": result.status, "errors": result.errors, "warnings": result.warnings,
                     "finding_count": len(findings)}
        columns = [c for c in SUBMISSION_COLUMNS if c != "id"]
        with self.transaction():
            cursor = self.db.execute(
                f"INSERT INTO submissions ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))}) "
                "ON CONFLICT (sha256) DO NOTHING",
                [row[c] for c in columns],
            )
            if cursor.rowcount == 0:
                return None
            submission_id = cursor.lastrowid
            self.db.executemany(
                'INSERT INTO findings (submission_id, seq, rule, severity, sheet, row, "column", cell, message, '
                "value, expected, waived) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(submission_id, seq, *_finding_cells(f)) for seq, f in enumerate(findings)],
            )
        return submission_id

    # Reading.

    def submissions(self, where: str = "", params: tuple = ()) -> list[Submission]:
        query = f"SELECT {', '.join(SUBMISSION_COLUMNS)} FROM submissions {where} ORDER BY received_at, id"
        return [Submission(*row) for row in self.db.execute(query, params)]

    def for_period(self, tahun: int, bulan: int) -> list[Submission]:
        return self.submissions("WHERE tahun = ? AND bulan = ?", (tahun, bulan))

    def for_blud(self, kode: str) -> list[Submission]:
        return self.submissions("WHERE upper(kode_blud) = upper(?)", (kode,))

    def findings(self, submission_id: int) -> list[Finding]:
        rows = self.db.execute(
            'SELECT rule, severity, sheet, row, "column", message, value, expected, waived '
            "FROM findings WHERE submission_id = ? ORDER BY seq", (submission_id,))
        return [Finding(rule, severity, sheet, row, column, message, value, expected, waived=waived)
                for rule, severity, sheet, row, column, message, value, expected, waived in rows]

    def finding_rows(self) -> Iterator[tuple]:
        """Every finding with its submission's id, sha256 and kode, for export."""
        return self.db.execute(
            'SELECT f.submission_id, s.sha256, s.kode_blud, f.seq, f.rule, f.severity, f.sheet, f.row, f."column", '
            "f.cell, f.message, f.value, f.expected, f.waived FROM findings f JOIN submissions s "
            "ON s.id = f.submission_id ORDER BY f.submission_id, f.seq")

    def _one(self, where: str, params: tuple) -> Submission | None:
        rows = self.submissions(where, params)
        return rows[0] if rows else None


def _finding_cells(finding: Finding) -> tuple:
    return (finding.rule, finding.severity, finding.sheet, finding.row, finding.column, finding.cell,
            finding.message, finding.value, finding.expected, finding.waived)


def _set_wal(db: sqlite3.Connection) -> None:
    """journal_mode = WAL, waiting up to the busy timeout as other statements do: sqlite answers
    "database is locked" at once, without waiting, while another run opens the same ledger."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            db.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


class _Transaction:
    """BEGIN IMMEDIATE (take the write lock up front, waiting up to the busy timeout) … COMMIT,
    ROLLBACK on any exception."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def __enter__(self):
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type, *_):
        self.db.execute("ROLLBACK" if exc_type else "COMMIT")
