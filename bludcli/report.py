"""Renderers of validation results: table (people), json, csv and xlsx (contract §8)."""

from __future__ import annotations

import io
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from bludcli.findings import FileResult, Finding
from bludcli.i18n import t
from bludcli.output import csv_chunks, printable, safe_cell, write_atomic

if TYPE_CHECKING:
    from rich.console import Console

FORMATS = ("table", "json", "csv", "xlsx")
FILE_COLUMNS = ("path", "status", "kode_blud", "tahun", "bulan", "revisi")
FINDING_COLUMNS = (
    "rule", "severity", "sheet", "row", "column", "cell", "message", "value", "expected", "hint", "waived",
)  # fmt: skip
CSV_COLUMNS = FILE_COLUMNS + FINDING_COLUMNS  # also the columns of the xlsx findings sheet
SUMMARY_COLUMNS = FILE_COLUMNS + ("errors", "warnings")

_STATUS_STYLE = {"valid": "bold green", "invalid": "bold red", "unreadable": "bold magenta"}
_SEVERITY_STYLE = {"error": "red", "warning": "yellow"}
_SEVERITY_FILL = {"error": "FFE5E5", "warning": "FFF6CC"}
_WIDTHS = {
    "path": 40, "status": 15, "kode_blud": 11, "tahun": 8, "bulan": 8, "revisi": 9,
    "rule": 26, "severity": 12, "sheet": 12, "row": 8, "column": 8, "cell": 8,
    "message": 60, "value": 18, "expected": 18, "hint": 50, "waived": 40, "errors": 12, "warnings": 12,
}  # fmt: skip
_WRAPPED = {"message", "hint", "waived"}
_TEXT_COLUMNS = {"value", "expected"}  # amounts exactly as reported, never re-typed as numbers
# C0/C1 control characters but tab and newline: unsafe on a terminal, illegal in xlsx.


_AMOUNT = r"^(\D*?)(-?\d+\.\d{2})$"  # "12500000.00", ">= 1500.00"; compiled at first use (re's cache)


def _cells(record: FileResult | Finding, columns: tuple[str, ...]) -> list:
    return [getattr(record, column) for column in columns]


def to_json(results: Iterable[FileResult]) -> str:
    """Exactly the contract's records: `{"files": [...]}`."""
    return "".join(json_chunks(results))


def json_chunks(results: Iterable[FileResult]) -> Iterator[str]:
    """to_json in pieces, a file at a time: json.dumps of the whole report builds it from
    pieces of a few bytes each, some ten times the size of the report at once."""
    import json  # only for this format

    encoder = json.JSONEncoder(ensure_ascii=False, indent=2)  # as json.dumps(..., indent=2)
    count = 0
    for result in results:
        opening = ",\n    " if count else '{\n  "files": [\n    '
        yield opening + encoder.encode(result.to_dict()).replace("\n", "\n    ")  # a file's record, indented
        count += 1
    yield "\n  ]\n}\n" if count else '{\n  "files": []\n}\n'


def to_csv(results: Iterable[FileResult]) -> str:
    """The findings report as CSV (see csv_report_chunks)."""
    return "".join(csv_report_chunks(results))


def csv_report_chunks(results: Iterable[FileResult]) -> Iterator[str]:
    """One row per finding; a file without findings gets one row with empty finding columns,
    so every file appears with its status. Headers are the stable machine names of
    CSV_COLUMNS and status/severity keep their machine values (as in JSON); messages and
    hints are in the language they were produced in. Written as every CSV (see csv_text):
    UTF-8 with a BOM for Excel, text that could start a formula neutralised."""
    empty = [None] * len(FINDING_COLUMNS)
    return csv_chunks(CSV_COLUMNS, (
        _cells(result, FILE_COLUMNS) + (_cells(finding, FINDING_COLUMNS) if finding else empty)
        for result in results for finding in result.findings or [None]
    ))  # fmt: skip


def to_xlsx(results: list[FileResult], lang: str = "id") -> bytes:
    """A workbook for verifiers: sheet Temuan (one row per finding, filterable, coloured by
    severity) and sheet Ringkasan (one row per file)."""
    from openpyxl import Workbook

    workbook = Workbook()
    pairs = [(result, finding) for result in results for finding in result.findings]
    _write_table(
        workbook.active,
        t("sheet.findings", lang),
        CSV_COLUMNS,
        [_cells(r, FILE_COLUMNS) + _cells(f, FINDING_COLUMNS) for r, f in pairs],
        lang,
        fills=[_SEVERITY_FILL[finding.severity] for _, finding in pairs],
    )
    _write_table(
        workbook.create_sheet(),
        t("sheet.summary", lang),
        SUMMARY_COLUMNS,
        [_cells(result, SUMMARY_COLUMNS) for result in results],
        lang,
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_table(
    sheet, title: str, columns: tuple[str, ...], rows: list[list], lang: str, fills=()
) -> None:
    """A filterable table: localized bold frozen header, autofilter, column widths, wrapped
    message/hint, amounts as text, and row i filled with colour fills[i] when given."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    sheet.title = title
    sheet.append([t(f"col.{column}", lang) for column in columns])
    for cells in rows:
        sheet.append([_xlsx_value(column, value, lang) for column, value in zip(columns, cells)])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = _WIDTHS[column]
    # One style object for all the cells that take it: openpyxl compares each new one with
    # those the workbook holds, field by field (a new object a cell took 1 ms a finding).
    wrapped = Alignment(wrap_text=True, vertical="top")
    for row in sheet.iter_rows(min_row=2):
        for column, cell in zip(columns, row):
            if column in _WRAPPED:
                cell.alignment = wrapped
            elif column in _TEXT_COLUMNS:
                cell.number_format = "@"
    solid = {color: PatternFill("solid", fgColor=color) for color in set(fills)}
    for row, color in zip(sheet.iter_rows(min_row=2), fills):
        for cell in row:
            cell.fill = solid[color]


def _xlsx_value(column: str, value, lang: str):
    """Status and severity in words for people; text printable and formula-safe."""
    if column in ("status", "severity") and value is not None:
        return t(f"{column}.{value}", lang)
    return safe_cell(printable(value))


def print_table(results: list[FileResult], console: Console, lang: str = "id", note: str | None = None,
                summary: bool = True) -> None:
    """For each file a verdict line, then its findings grouped by sheet (whole-file findings
    first); `note` and (unless the caller sums up itself) a summary line at the end."""
    for result in results:
        console.print(_verdict_line(result, lang))
        for title, findings in _grouped_by_sheet(result.findings, lang):
            console.print()
            console.print(_FindingsTable(title, findings, lang))
        console.print()
    if note:
        console.print(note, style="dim", highlight=False)
    if summary:
        console.print(summary_line(results, lang), style="bold", highlight=False)


def _text(value: str | None, style: str = ""):
    """Workbook text as a rich Text: printable, and never read as markup."""
    from rich.text import Text

    return Text(printable(value or ""), style=style)


def _verdict_line(result: FileResult, lang: str):
    line = _text(t(f"status.{result.status}", lang), _STATUS_STYLE[result.status])
    period = f"{result.tahun}-{result.bulan:02d}" if result.tahun and result.bulan else None
    revision = None if result.revisi is None else t("report.revision", lang, revisi=result.revisi)
    template = t("report.template", lang, versi=result.versi_template) if result.versi_template else None
    identity = " ".join(part for part in (result.kode_blud, period, revision, template) if part)
    counts = (
        t("report.counts", lang, errors=result.errors, warnings=result.warnings)
        if result.findings
        else t("report.no_findings", lang)
    )
    line.append(_text(f"  {result.path}  {identity}".rstrip()))
    line.append(f"  · {counts}", style="dim")
    if result.skipped:
        checks = ", ".join(t(f"report.skipped.{check}", lang) for check in result.skipped)
        line.append(f"  · {t('report.skipped', lang, checks=checks)}", style="dim")
    return line


def _grouped_by_sheet(findings: list[Finding], lang: str) -> list[tuple[str, list[Finding]]]:
    """Findings per sheet in order of appearance; those without a sheet first, as 'Berkas'."""
    groups: dict[str | None, list[Finding]] = {None: []}
    for finding in findings:
        groups.setdefault(finding.sheet, []).append(finding)
    return [(sheet or t("col.path", lang), group) for sheet, group in groups.items() if group]


class _FindingsTable:
    """One sheet's findings as three columns: the cell, the severity, then the message with the
    rule id and found → expected on a second line, so that the message keeps its width in an
    80-column terminal. Laid out here, with rich's Text for styles and wrapping, instead of
    rich's Table: that measures and pads every cell through several renderables, 0.7-0.8 ms a
    finding, twice this layout's time."""

    GAP = "   "  # between columns, as rich's SIMPLE_HEAD table draws them

    def __init__(self, title: str, findings: list[Finding], lang: str):
        from rich.cells import cell_len

        self.title = title
        self.headers = [t("col.cell", lang), t("col.severity", lang), t("col.message", lang)]
        self.rows = [_finding_cells(finding, lang) for finding in findings]
        # The first two columns as wide as their widest cell, each cell padded to it.
        self.widths = [max(len(self.headers[i]), *(row[i].cell_len for row in self.rows)) for i in (0, 1)]
        for row in self.rows:
            for i in (0, 1):
                row[i].pad_right(self.widths[i] - row[i].cell_len)
        self.indent = sum(self.widths) + 2 * len(self.GAP)
        self.longest = max(len(self.headers[2]), *(cell_len(line) for _, _, message in self.rows
                                                   for line in message.plain.split("\n")))

    def __rich_console__(self, console, options):
        from rich.segment import Segment
        from rich.text import Text

        message_width = min(max(options.max_width - self.indent, 10), self.longest)  # no wider than the messages
        width = self.indent + message_width
        yield from self._line(console, Text.assemble(_text(self.title, "bold")), width)
        cell, severity, message = self.headers
        yield from self._line(console, Text.assemble(
            (cell.ljust(self.widths[0]), "bold"), self.GAP, (severity.ljust(self.widths[1]), "bold"),
            self.GAP, (message, "bold")), width)
        yield Segment("─" * width)
        yield Segment.line()
        blank = Text(" " * self.indent)
        for place, level, text in self.rows:
            first = Text.assemble(place, self.GAP, level, self.GAP)
            for line in text.wrap(console, message_width, overflow="fold"):
                yield from self._line(console, Text.assemble(first, line), width)
                first = blank

    @staticmethod
    def _line(console, text, width: int):
        """One laid-out line, padded to the table's width as rich pads a table's cells."""
        from rich.segment import Segment

        text.pad_right(width - text.cell_len)
        yield from text.render(console)
        yield Segment.line()


def _finding_cells(finding: Finding, lang: str):
    """The cell (or row), the severity and the message of a finding, as styled texts."""
    detail = _text(finding.rule, "dim")
    if finding.value is not None:
        detail.append(f"   {t('col.value', lang)}: ", style="dim")
        detail.append(_text(display_value(finding.value)))
    if finding.expected is not None:
        detail.append(f"   {t('col.expected', lang)}: ", style="dim")
        detail.append(_text(display_value(finding.expected), "green"))
    message = _text(finding.message)
    if finding.waived:
        message.append(f"  [{t('report.waived', lang)}: ", style="dim")
        message.append(_text(finding.waived, "dim"))
        message.append("]", style="dim")
    message.append("\n")
    message.append(detail)
    place = finding.cell or (f"{t('col.row', lang)} {finding.row}" if finding.row is not None else None)
    return _text(place), _text(t(f"severity.{finding.severity}", lang), _SEVERITY_STYLE[finding.severity]), message


def display_value(value: str) -> str:
    """An amount as people read it (12.500.000,00); anything else as it is."""
    match = re.match(_AMOUNT, value)
    if not match:
        return value
    from bludcli.values import format_rupiah

    return match[1] + format_rupiah(int(match[2].replace(".", "")))


def summary_line(results: list[FileResult], lang: str = "id") -> str:
    """'25 berkas: 20 valid, 4 tidak valid, 1 tidak terbaca · 12 kesalahan, 7 peringatan'."""
    statuses = Counter(result.status for result in results)
    files = t(
        "report.files", lang, files=len(results),
        valid=statuses["valid"], invalid=statuses["invalid"], unreadable=statuses["unreadable"],
    )  # fmt: skip
    errors = sum(result.errors for result in results)
    warnings = sum(result.warnings for result in results)
    return f"{files} · {t('report.counts', lang, errors=errors, warnings=warnings)}"


def _plain_table(results: list[FileResult], lang: str) -> str:
    """The table rendering as plain text (no colour codes), 120 columns wide."""
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(file=buffer, width=120, color_system=None, force_terminal=False)
    print_table(results, console, lang)
    return buffer.getvalue()


def _rendered(results: list[FileResult], fmt: str, lang: str) -> Iterable[str] | bytes:
    """The report as bytes (xlsx) or as text in pieces (the rest)."""
    if fmt == "json":
        return json_chunks(results)
    if fmt == "csv":
        return csv_report_chunks(results)
    if fmt == "xlsx":
        return to_xlsx(results, lang)
    return [_plain_table(results, lang)]


def render(
    results: list[FileResult],
    fmt: str,
    lang: str,
    output: Path | None,
    console: Console | None,
    inputs: set[Path],
    note: str | None = None,
) -> None:
    """Render `results` as `fmt`: to `output` (atomically, never over one of `inputs`) when
    given, else the table to `console` (with `note` above its summary) and json/csv to stdout.
    xlsx needs `output`."""
    if fmt not in FORMATS:
        raise ValueError(t("error.unknown_format", lang, fmt=fmt, choices=", ".join(FORMATS)))
    if fmt == "xlsx" and output is None:
        raise ValueError(t("error.xlsx_needs_output", lang))
    if fmt == "table" and output is None:
        print_table(results, console, lang, note)
        return
    data = _rendered(results, fmt, lang)
    if output is None:
        sys.stdout.writelines(data)
    else:
        write_atomic(output, data, inputs, lang)
