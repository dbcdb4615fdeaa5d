"""`bludcli validate`: check received report workbooks against template v1."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bludcli.cli.options import (
    FailOn, FailOnOption, Format, FormatOption, JobsOption, Lang, LangOption, PreviousOption, ReturnOption,
    PathsArgument, RulesOption,
    check_return_folder, collect_inputs, fail, load_previous, load_rules, say_written, write_returns,
)
from bludcli.cli.progress import file_progress


def validate(
    paths: PathsArgument,
    fmt: FormatOption = Format.table,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the report to this file.",
                                                show_default=False)] = None,
    fail_on: FailOnOption = FailOn.error,
    previous: PreviousOption = None,
    return_dir: ReturnOption = None,
    lang: LangOption = Lang.id,
    rules: RulesOption = None,
    jobs: JobsOption = None,
) -> None:
    """Check report workbooks: every problem at its cell, a verdict per file.

    Exit code 0 when no finding reaches --fail-on, 1 when one does, 2 on a usage or rules error.
    """
    from bludcli.findings import reaches
    from bludcli.i18n import t
    from bludcli.report import render
    from bludcli.validate import validate_paths

    language = lang.value
    if fmt is Format.xlsx and output is None:  # before the work, not after it
        fail(t("error.xlsx_needs_output", language))
    check_return_folder(return_dir, language)
    files = collect_inputs(paths, language)
    district = load_rules(rules, language)
    last_month = load_previous(previous, district, language)
    with file_progress(len(files), language) as on_file:
        results = validate_paths(files, district, language, on_file=on_file, keep=return_dir is not None,
                                 previous=last_month, jobs=jobs)
    console = None
    if fmt is Format.table:  # rich is imported only for the table: it takes a while
        from rich.console import Console

        console = Console()
    note = t("report.no_previous", language) if last_month is None else None
    try:
        render(results, fmt.value, language, output, console, inputs=set(files), note=note)
    except (ValueError, OSError) as exc:
        fail(str(exc))
    if output is not None:
        say_written(output, language)
    if return_dir:
        from rich.console import Console

        write_returns(results, return_dir, language, Console(stderr=True))  # stdout may be JSON
    raise typer.Exit(1 if reaches(results, fail_on.value) else 0)
