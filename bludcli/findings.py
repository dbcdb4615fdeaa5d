"""Findings and per-file results: the records every check produces and every report renders."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from bludcli.validate import Content

Severity = Literal["error", "warning"]
Status = Literal["valid", "invalid", "unreadable"]
SEVERITY_RANK = {"warning": 1, "error": 2}


def column_letter(index: int) -> str:
    """0-based column index -> Excel letter (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_index(letters: str) -> int:
    """Excel letter -> 0-based column index (A -> 0, AA -> 26): column_letter undone."""
    index = 0
    for ch in letters:
        index = index * 26 + ord(ch) - 64
    return index - 1


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at one place. `row` is the Excel row number; `column` the letter."""

    rule: str
    severity: Severity
    sheet: str | None
    row: int | None
    column: str | None
    message: str
    value: str | None = None
    expected: str | None = None
    hint: str = ""
    waived: str | None = None  # the district's reason when a waiver covers this finding

    @property
    def cell(self) -> str | None:
        if self.row is None or self.column is None:
            return None
        return f"{self.column}{self.row}"

    def to_dict(self) -> dict:
        """The contract's JSON record (the hint is documentation, not part of the record)."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "cell": self.cell,
            "message": self.message,
            "value": self.value,
            "expected": self.expected,
        } | ({"waived": self.waived} if self.waived else {})


@dataclass(slots=True)
class FileResult:
    """The verdict on one input file."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    kode_blud: str | None = None
    tahun: int | None = None
    bulan: int | None = None
    revisi: int | None = None
    versi_template: str | None = None  # the template version the file claims, when it says
    unreadable: bool = False
    sha256: str | None = None  # of the bytes that were checked; kept with the content
    skipped: list[str] = field(default_factory=list)  # checks asked for that could not run
    content: Content | None = None  # what was read, kept only when asked (consolidation)

    @property
    def errors(self) -> int:
        """Error findings that count (a waived one does not)."""
        return sum(1 for f in self.findings if f.severity == "error" and not f.waived)

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == "warning" and not f.waived)

    @property
    def status(self) -> Status:
        if self.unreadable:
            return "unreadable"
        return "invalid" if self.errors else "valid"

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "status": self.status,
            "kode_blud": self.kode_blud,
            "tahun": self.tahun,
            "bulan": self.bulan,
            "revisi": self.revisi,
            "errors": self.errors,
            "warnings": self.warnings,
            "findings": [f.to_dict() for f in self.findings],
        } | ({"skipped": self.skipped} if self.skipped else {})


def reaches(results: list[FileResult], fail_on: str) -> bool:
    """True when any finding is at or above `fail_on` ('error', 'warning' or 'never')."""
    if fail_on == "never":
        return False
    threshold = SEVERITY_RANK[fail_on]
    return any(SEVERITY_RANK[f.severity] >= threshold for r in results for f in r.findings if not f.waived)
