"""The recap for people at a terminal: who is in, out and missing, and the district totals."""

from __future__ import annotations


from rich.console import Console
from rich.table import Table

from bludcli.i18n import t
from bludcli.recap import Recap
from bludcli.recap.select import ACCEPTED, CONFLICT, MISSING, REJECTED
from bludcli.values import format_rupiah


def print_recap(recap: Recap, console: Console, lang: str = "id") -> None:
    selection = recap.selection
    console.print(t("recap.title", lang, daerah=recap.district.daerah,
                    periode=f"{selection.tahun}-{selection.bulan:02d}"), style="bold")
    table = Table(show_lines=False)
    table.add_column(t("col.kode_blud", lang), no_wrap=True)
    table.add_column(t("col.status", lang), no_wrap=True)
    table.add_column(t("col.revisi", lang), justify="right")
    table.add_column(t("recap.col.file", lang), overflow="fold")
    notes: dict[str | None, list[str]] = {}
    for left in selection.excluded + selection.ignored:
        notes.setdefault(left.result.kode_blud, []).append(
            f"{recap.file_name(left.result.path)}: {left.describe(recap.file_name, lang)}")
    others = sorted(k for k in notes if k and k not in selection.active)
    for kode in selection.active + others + ([None] if None in notes else []):
        status = selection.status(kode) if kode else ""
        included = selection.included.get(kode)
        lines = ([recap.file_name(included.path)] if included else []) + notes.get(kode, [])
        table.add_row(kode or "?", t(f"recap.status.{status}", lang) if status else "",
                      str(included.revisi) if included else "", "\n".join(lines),
                      style=None if status == ACCEPTED else "red")
    console.print(table)
    counts = selection.counts()
    console.print(t("recap.counts", lang, active=len(selection.active), accepted=counts[ACCEPTED],
                    rejected=counts[REJECTED], conflict=counts[CONFLICT], missing=counts[MISSING]))
    console.print(t("recap.files", lang, files=len(recap.results), included=len(selection.included),
                    excluded=len(selection.excluded), ignored=len(selection.ignored)))
    totals = {a.code: a.total["sd_ini"] for a in recap.accounts if not a.without_detail}
    console.print(t("recap.totals", lang, pendapatan=format_rupiah(totals.get((4,), 0)),
                    belanja=format_rupiah(totals.get((5,), 0))))
