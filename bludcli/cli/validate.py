"""`bludcli validate`: check received report workbooks against template v1."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from bludcli.cli.options import Lang, LangOption, RulesOption, fail, load_rules


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    never = "never"


def validate(
    paths: Annotated[list[Path], typer.Argument(help="Workbooks or folders (searched recursively).",
                                                show_default=False)],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Report format.")] = Format.table,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write the report to this file.",
                                                show_default=False)] = None,
    fail_on: Annotated[FailOn, typer.Option("--fail-on", help="Exit 1 when a finding reaches this severity.")]
    = FailOn.error,
    lang: LangOption = Lang.id,
    rules: RulesOption = None,
) -> None:
    """Check report workbooks: every problem at its cell, a verdict per file.

    Exit code 0 when no finding reaches --fail-on, 1 when one does, 2 on a usage or rules error.
    """
    from rich.console import Console

    from bludcli.findings import reaches
    from bludcli.i18n import t
    from bludcli.report import render
    from bludcli.validate import collect_paths

    language = lang.value
    for path in paths:
        if not path.exists():
            fail(t("cli.missing_path", language, path=path))
    files = collect_paths(paths)
    if not files:
        fail(t("cli.no_files", language, paths=", ".join(map(str, paths))))
    district = load_rules(rules, language)
    results = _run(files, district, language)
    try:
        render(results, fmt.value, language, output, Console(), inputs=set(files))
    except (ValueError, OSError) as exc:
        fail(str(exc))
    raise typer.Exit(1 if reaches(results, fail_on.value) else 0)


def _run(files: list[Path], district, lang: str):
    """Validate with a progress bar on stderr when it is a terminal and there is more than one file."""
    from rich.console import Console
    from rich.progress import Progress

    from bludcli.i18n import t
    from bludcli.validate import validate_paths

    stderr = Console(stderr=True)
    if len(files) < 2 or not stderr.is_terminal:
        return validate_paths(files, district, lang)
    with Progress(console=stderr, transient=True) as progress:
        task = progress.add_task(t("cli.checking", lang), total=len(files))
        return validate_paths(files, district, lang, on_file=lambda _: progress.advance(task))
