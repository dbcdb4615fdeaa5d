"""The district's month-end recap: the library behind `bludcli consolidate`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bludcli.config import District
from bludcli.findings import FileResult
from bludcli.recap.select import Selection, select
from bludcli.recap.sums import (
    Account,
    Computed,
    KapitasiRow,
    Trace,
    computed_rows,
    consolidate_lra,
    kapitasi_rows,
    leaf_traces,
)
from bludcli.validate import validate_paths


@dataclass(slots=True)
class Recap:
    district: District
    results: list[FileResult]  # every file given, in order, with its findings
    selection: Selection
    traces: list[Trace]  # every summed figure and its cell
    accounts: list[Account]  # in chart order
    computed: list[Computed]
    kapitasi: list[KapitasiRow]
    # path -> the name the file was received under, where the path does not say it (a copy in
    # the ledger's archive is named by its digest)
    names: dict[str, str] = field(default_factory=dict)

    @property
    def complete(self) -> bool:
        """Every active BLUD is included."""
        return not self.selection.missing

    def file_name(self, path: str) -> str:
        """A file as lists name it: the name it was received under."""
        return self.names.get(path) or Path(path).name


def build_recap(paths: list[Path], district: District, tahun: int, bulan: int, lang: str = "id",
                on_file: Callable[[Path], None] | None = None, jobs: int | None = None,
                names: dict[str, str] | None = None,
                recheck: Callable[[list[FileResult]], object] | None = None) -> Recap:
    """Check every file (`jobs` at a time), choose one per BLUD for the period, and add up the chosen ones.
    `names`: the name each file was received under, by path, where the path does not say it.
    `recheck`: further checks of the checked files, before the choice (a ledger's files: the
    month-to-month checks against last month's reports it holds, as `receive` runs them)."""
    results = validate_paths(paths, district, lang, on_file, keep=True, jobs=jobs)
    if recheck:
        recheck(results)
    selection = select(results, district, tahun, bulan)
    traces = leaf_traces(selection.included, district)
    accounts = consolidate_lra(traces, district)
    return Recap(district, results, selection, traces, accounts, computed_rows(accounts),
                 kapitasi_rows(selection.included), names or {})
