"""`bludcli receive`, `status`, `history` and `ledger export`: the receipt ledger."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from bludcli.i18n import t

from bludcli.cli.options import (
    JobsOption, Lang, LangOption, PathsArgument, ReturnOption, RulesOption, check_period, check_return_folder,
    collect_inputs, fail, load_rules, write_returns,
)
from bludcli.cli.progress import file_progress


class ListFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


LedgerOption = Annotated[
    Path | None,
    typer.Option("--ledger", help="The ledger database (default: $BLUDCLI_LEDGER, else ledger.sqlite in the "
                                  "user's data folder).", show_default=False),
]
ListFormatOption = Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")]
OutputOption = Annotated[Path | None, typer.Option("--output", "-o", help="Write the list to this file.",
                                                   show_default=False)]
HISTORY_COLUMNS = ("received_at", "file_name", "kode_blud", "tahun", "bulan", "revisi", "status", "errors",
                   "warnings", "counts", "sha256")

ledger_app = typer.Typer(help="The receipt ledger.", no_args_is_help=True, rich_markup_mode=None)


def receive(
    paths: PathsArgument,
    ledger: LedgerOption = None,
    return_dir: ReturnOption = None,
    lang: LangOption = Lang.id,
    rules: RulesOption = None,
    jobs: JobsOption = None,
) -> None:
    """Check received workbooks, archive them and record them in the ledger.

    A file already in the ledger (same content) is not recorded again. Exit code 0 when every
    file is valid, 1 when one is not, 2 on a usage error.
    """
    from rich.console import Console

    from bludcli.ledger import NEW, local_time, receive_paths
    from bludcli.report import print_table

    language = lang.value
    check_return_folder(return_dir, language)
    files = collect_inputs(paths, language)
    district = load_rules(rules, language)
    with open_ledger(ledger, language, create=True) as book, file_progress(len(files), language) as on_file:
        try:
            receipts = receive_paths(files, district, book, language, on_file, jobs=jobs)
        except (ValueError, OSError) as exc:  # the archive cannot be written: the files before stay recorded
            fail(str(exc))
        where = book.path
    console = Console()
    checked = [r.result for r in receipts if r.outcome == NEW and r.result and r.result.findings]
    if checked:  # what is wrong with the files just received, at their cells (the summary is below)
        print_table(checked, console, language, summary=False)
    _print_receipts(receipts, console, language)
    console.print(t("ledger.where", language, path=where))
    if return_dir:  # each receipt with the time the ledger recorded
        answered = [r for r in receipts if r.result]
        write_returns([r.result for r in answered], return_dir, language, console,
                      [local_time(r.submission.received_at) if r.submission else None for r in answered])
    verdicts = [r.submission.status if r.submission else "unreadable" for r in receipts]
    raise typer.Exit(0 if all(v == "valid" for v in verdicts) else 1)


def status(
    tahun: Annotated[int, typer.Option("--tahun", help="Year.", show_default=False)],
    bulan: Annotated[int, typer.Option("--bulan", help="Month (1-12).", show_default=False)],
    ledger: LedgerOption = None,
    fmt: ListFormatOption = ListFormat.table,
    output: OutputOption = None,
    lang: LangOption = Lang.id,
    rules: RulesOption = None,
) -> None:
    """Per active BLUD: belum masuk, ditolak, konflik, diterima or terlambat for a month.

    The file that counts is the one consolidate would choose. Exit code 0, 2 on a usage error.
    """
    from bludcli.ledger import deadline, period_status
    from bludcli.ledger.export import to_json
    from bludcli.ledger.status import STATUS_COLUMNS
    from bludcli.output import csv_text

    language = lang.value
    check_period(tahun, bulan, language)
    district = load_rules(rules, language)
    with open_ledger(ledger, language) as book:
        statuses = period_status(book, district, tahun, bulan)
    due, periode = deadline(district, tahun, bulan).isoformat(), f"{tahun}-{bulan:02d}"
    if fmt is ListFormat.json:
        _emit(to_json("blud", [s.to_dict() for s in statuses], periode=periode, batas=due), output, language)
    elif fmt is ListFormat.csv:
        _emit(csv_text(STATUS_COLUMNS, ([getattr(s, c) for c in STATUS_COLUMNS] for s in statuses)), output, language)
    else:
        _print_status(statuses, district, periode, due, output, language)


def history(
    kode: Annotated[str, typer.Argument(metavar="KODE_BLUD", help="Kode BLUD, e.g. PKM03.", show_default=False)],
    ledger: LedgerOption = None,
    fmt: ListFormatOption = ListFormat.table,
    output: OutputOption = None,
    lang: LangOption = Lang.id,
    rules: RulesOption = None,
) -> None:
    """Every submission of one BLUD: when, which file, period, revision, verdict and counts."""
    from bludcli.ledger import history as submissions_of
    from bludcli.ledger.export import to_json
    from bludcli.output import csv_text

    language = lang.value
    district = load_rules(rules, language)
    with open_ledger(ledger, language) as book:
        rows = [_history_record(row, counts) for row, counts in submissions_of(book, district, kode)]
    if not rows and kode.upper() not in district.registry:  # a typo, most likely: say so rather than "none yet"
        fail(t("ledger.unknown_kode", language, kode=kode))
    if fmt is ListFormat.json:
        _emit(to_json("submissions", rows, kode_blud=kode.upper()), output, language)
    elif fmt is ListFormat.csv:
        _emit(csv_text(HISTORY_COLUMNS, ([r[c] for c in HISTORY_COLUMNS] for r in rows)), output, language)
    else:
        _print_history(rows, kode.upper(), output, language)


@ledger_app.command(name="export")
def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for submissions.csv and findings.csv.",
                                         show_default=False)],
    ledger: LedgerOption = None,
    lang: LangOption = Lang.id,
) -> None:
    """Write the whole ledger as CSV (submissions.csv, findings.csv) for backup and audit."""
    from bludcli.ledger import export_ledger

    language = lang.value
    with open_ledger(ledger, language) as book:
        try:
            written = export_ledger(book, output, language)
        except (ValueError, OSError) as exc:
            fail(str(exc))
    for path, rows in written.items():
        typer.echo(t("ledger.export.written", language, path=path, rows=rows))


def open_ledger(path: Path | None, lang: str, create: bool = False):
    """The ledger, opened; exit 2 when it does not exist (unless receiving) or cannot be used."""
    import sqlite3  # not at the top: `bludcli --help` imports this module

    from bludcli.ledger import Ledger, default_ledger_path
    from bludcli.output import cannot_write

    path = path or default_ledger_path()
    if not create and not path.is_file():
        fail(t("ledger.missing", lang, path=path))
    try:
        if create:  # where sqlite would only say "unable to open database file", say why
            path.parent.mkdir(parents=True, exist_ok=True)
            path.open("ab").close()  # an empty file is an empty database: sqlite fills it in
        return Ledger(path)
    except OSError as exc:
        fail(cannot_write(path, exc, lang))
    except sqlite3.Error as exc:
        fail(t("ledger.error", lang, path=path, error=exc))


def _emit(text: str, output: Path | None, lang: str) -> None:
    """A list to a file (atomically) or to stdout: as `bludcli rules` writes its texts."""
    from bludcli.cli.options import write_text

    write_text(text, output, set(), lang)


def _table_console(output: Path | None):
    """Where a table goes: the terminal, or plain text for `--output` (see _finish)."""
    import io

    from rich.console import Console

    return Console(file=io.StringIO(), width=160) if output else Console()


def _finish(console, output: Path | None, lang: str) -> None:
    if output is not None:
        _emit(console.file.getvalue(), output, lang)


def _status_word(status: str, lang: str) -> str:
    return t(f"recap.status.{status}" if status != "terlambat" else "ledger.status.terlambat", lang)


def _print_status(statuses, district, periode: str, due: str, output: Path | None, lang: str) -> None:
    from collections import Counter

    console = _table_console(output)
    console.print(t("ledger.status.title", lang, daerah=district.daerah, periode=periode, batas=due), style="bold")
    table = _compact_table(("ledger.col.blud", "col.status", "ledger.col.revisi", "ledger.col.received_at",
                            "col.path", "ledger.col.note"), lang)
    for s in statuses:
        notes = _counts(s.errors, s.warnings, lang)
        if s.days_late:
            notes.append(t("ledger.status.days_late", lang, days=s.days_late))
        table.add_row(s.kode_blud, _status_word(s.status, lang), _blank(s.revisi), _when(s.received_at),
                      s.file_name or "", "; ".join(notes),
                      style=None if s.status == "diterima" else ("yellow" if s.status == "terlambat" else "red"))
    console.print(table)
    counts = Counter(s.status for s in statuses)
    console.print(t("ledger.status.counts", lang, active=len(statuses), diterima=counts["diterima"],
                     terlambat=counts["terlambat"], ditolak=counts["ditolak"], konflik=counts["konflik"],
                     missing=counts["belum masuk"]))
    _finish(console, output, lang)


def _history_record(row, counts: bool) -> dict:
    """A submission as history lists it: received in WIB, and whether it is the file that counts."""
    from bludcli.ledger import local_time

    return ({c: getattr(row, c) for c in HISTORY_COLUMNS if c != "counts"}
            | {"received_at": local_time(row.received_at).isoformat(), "counts": counts})


def _print_history(rows: list[dict], kode: str, output: Path | None, lang: str) -> None:
    console = _table_console(output)
    if not rows:
        console.print(t("ledger.history.empty", lang, kode=kode))
        return _finish(console, output, lang)
    console.print(t("ledger.history.title", lang, kode=kode), style="bold")
    table = _compact_table(("ledger.col.received_at", "ledger.col.periode", "ledger.col.revisi", "col.status",
                            "col.path", "ledger.col.note"), lang)
    for r in rows:
        periode = f"{r['tahun']}-{r['bulan']:02d}" if r["tahun"] and r["bulan"] else "?"
        notes = _counts(r["errors"], r["warnings"], lang)
        if r["counts"]:
            notes.append(t("ledger.history.counts", lang))
        table.add_row(_when(r["received_at"]), periode, _blank(r["revisi"]), t(f"status.{r['status']}", lang),
                      r["file_name"], "; ".join(notes))
    console.print(table)
    _finish(console, output, lang)


def _print_receipts(receipts, console, lang: str) -> None:
    from collections import Counter

    from bludcli.ledger import DUPLICATE, NEW, local_time

    table = _compact_table(("col.path", "ledger.col.blud", "ledger.col.periode", "ledger.col.revisi", "col.status",
                            "ledger.col.note"), lang)  # the counts lead the note
    verdicts = Counter()
    for receipt in receipts:
        row = receipt.submission
        verdict = row.status if row else "unreadable"
        verdicts[verdict] += 1
        if row is None:
            table.add_row(receipt.path.name, "", "", "", t("status.unreadable", lang),
                          receipt.result.findings[0].message if receipt.result.findings else "", style="red")
            continue
        note = "; ".join([*_counts(row.errors, row.warnings, lang), t(f"ledger.outcome.{receipt.outcome}", lang)])
        if receipt.result and receipt.result.skipped:
            checks = ", ".join(t(f"report.skipped.{check}", lang) for check in receipt.result.skipped)
            note += "; " + t("report.skipped", lang, checks=checks)
        if receipt.supersedes:
            note += "; " + t("ledger.supersedes", lang, revisi=", ".join(map(str, receipt.supersedes)))
        if receipt.conflicts:
            files = "; ".join(f"{other.file_name}, {local_time(other.received_at):%Y-%m-%d %H:%M %Z}"
                              for other in receipt.conflicts)
            note += "; " + t("ledger.conflict", lang, revisi=row.revisi or 0, files=files)
        if receipt.outranked_by is not None:
            note += "; " + t("ledger.outranked", lang, revisi=receipt.outranked_by)
        table.add_row(receipt.path.name, row.kode_blud or "?", row.period(), _blank(row.revisi),
                      t(f"status.{verdict}", lang), note,
                      style=None if verdict == "valid" and not receipt.conflicts else "red")
    console.print(table)
    outcomes = Counter(r.outcome for r in receipts)
    console.print(t("ledger.receive.summary", lang, files=len(receipts), new=outcomes[NEW],
                     duplicate=outcomes[DUPLICATE], valid=verdicts["valid"], invalid=verdicts["invalid"],
                     unreadable=verdicts["unreadable"]))


# The columns that share a compact table's spare width; every other column keeps its width. No
# minimum width: rich renders a cell at its column's minimum even where it has had to narrow the
# column, and the terminal then cuts the line's end. Folding keeps every character below ~72 columns.
_SHARING = {"col.path": {"overflow": "fold", "ratio": 2}, "ledger.col.note": {"overflow": "fold", "ratio": 3}}


def _compact_table(keys: tuple[str, ...], lang: str):
    """A table of the ledger's lists: the short columns keep their width and the file name and the
    note share the rest, so that a row takes two or three lines in an 80-column terminal."""
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for key in keys:
        table.add_column(t(key, lang), **_SHARING.get(key, {"no_wrap": True}))
    return table


def _counts(errors: int | None, warnings: int | None, lang: str) -> list[str]:
    """The counts of findings that lead a row's note; nothing when there are none."""
    return [t("report.counts", lang, errors=errors, warnings=warnings)] if errors or warnings else []


def _when(received_at: str | None) -> str:
    """'2026-04-09T10:15:00+07:00' -> '2026-04-09 10:15' (WIB, as the column says)."""
    return received_at[:16].replace("T", " ") if received_at else ""


def _blank(value) -> str:
    return "" if value is None else str(value)
