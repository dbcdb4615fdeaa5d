"""`bludcli consolidate`: the district's month-end recap from the accepted workbooks."""

from __future__ import annotations

from contextlib import contextmanager, nullcontext
from functools import partial
from pathlib import Path
from typing import Annotated

import typer

from bludcli.cli.options import (
    JobsOption, Lang, LangOption, OptionalPathsArgument, RulesOption, check_period, collect_inputs, fail, load_rules,
)
from bludcli.cli.progress import file_progress


def consolidate(
    tahun: Annotated[int, typer.Option("--tahun", help="Year of the recap.", show_default=False)],
    bulan: Annotated[int, typer.Option("--bulan", help="Month of the recap (1-12).", show_default=False)],
    paths: OptionalPathsArgument = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the recap workbook (.xlsx).",
                                                show_default=False)] = None,
    json_path: Annotated[Path | None, typer.Option("--json", help="Write the recap as JSON.",
                                                   show_default=False)] = None,
    csv_dir: Annotated[Path | None, typer.Option("--csv", help="Write long CSV tables into this folder.",
                                                 show_default=False)] = None,
    ledger: Annotated[Path | None, typer.Option(
        "--ledger", help="Recap the files recorded in this ledger for the month (instead of PATH..., not with it).",
        show_default=False)] = None,
    lang: LangOption = Lang.id,
    rules: RulesOption = None,
    jobs: JobsOption = None,
) -> None:
    """Combine the month's accepted workbooks into the district recap.

    Per BLUD the valid workbook of the period with the highest Revisi counts. Exit code 0 when
    every active BLUD is included, 1 when some are missing or rejected, 2 on a usage error.
    """
    from rich.console import Console

    from bludcli.i18n import t
    from bludcli.output import write_atomic
    from bludcli.recap import build_recap
    from bludcli.recap.terminal import print_recap

    language = lang.value
    check_period(tahun, bulan, language)
    if ledger and paths:
        fail(t("cli.ledger_with_paths", language))
    outputs = _outputs(output, json_path, csv_dir, tahun, bulan)
    _check_distinct([path for path, _ in outputs], language)
    district = load_rules(rules, language)
    source = _ledger_month(ledger, district, tahun, bulan, language, jobs) if ledger else nullcontext(({}, None))
    with source as (received, recheck):
        files = list(received) if ledger else collect_inputs(paths or [], language)
        with file_progress(len(files), language) as on_file:
            recap = build_recap(files, district, tahun, bulan, language, on_file, jobs,
                                {str(path): name for path, name in received.items()}, recheck)
    console = Console()
    print_recap(recap, console, language)
    try:
        for path, content in outputs:
            write_atomic(path, content(recap), set(files), language)
            console.print(t("recap.written", language, path=path))
    except (ValueError, OSError) as exc:
        fail(str(exc))
    raise typer.Exit(0 if recap.complete else 1)


@contextmanager
def _ledger_month(path: Path, district, tahun: int, bulan: int, lang: str, jobs: int | None):
    """The archived copy of every file the ledger recorded for the month with the name it was
    received under (the same rules then choose among them as among the files of a folder; a
    month with none gives the recap with every BLUD missing), and the month-to-month checks of
    their results against the ledger's reports of the month before, as `receive` runs them. The
    ledger stays open meanwhile, in this process: the workers only read the archive."""
    from bludcli.cli.ledger import open_ledger
    from bludcli.ledger import check_last_month

    with open_ledger(path, lang) as book:
        files = {book.root / row.archive_path: row.file_name for row in book.for_period(tahun, bulan)}
        yield files, partial(check_last_month, district=district, ledger=book, lang=lang, jobs=jobs)


def _outputs(output: Path | None, json_path: Path | None, csv_dir: Path | None, tahun: int, bulan: int):
    """(path, how its content is made from the recap) of each requested output. The CSV
    folder is made as its files are written, so that a folder that cannot be made is said as
    any output that cannot be written."""
    from bludcli.recap.export import kapitasi_csv, lra_csv, to_json

    outputs = []
    if output:
        outputs.append((output, _workbook))
    if json_path:
        outputs.append((json_path, to_json))
    if csv_dir:
        outputs += [(csv_dir / f"lra-{tahun}-{bulan:02d}.csv", lra_csv),
                    (csv_dir / f"kapitasi-{tahun}-{bulan:02d}.csv", kapitasi_csv)]
    return outputs


def _workbook(recap) -> bytes:
    from bludcli.recap.workbook import to_xlsx  # openpyxl: only when a workbook is asked for

    return to_xlsx(recap)


def _check_distinct(paths: list[Path], lang: str) -> None:
    """Exit 2 before any work when two outputs name the same file: the later would silently
    replace the earlier."""
    from bludcli.i18n import t
    from bludcli.output import same_file

    for index, path in enumerate(paths):
        if any(same_file(path, earlier) for earlier in paths[:index]):
            fail(t("cli.same_output", lang, path=path))
