"""Options shared by commands, and turning their problems into exit code 2 with a clear message."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

import typer


LANG_VARIABLE = "BLUDCLI_LANG"  # the language when --lang is not given


class Lang(str, Enum):
    id = "id"
    en = "en"


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    never = "never"


_PATHS = typer.Argument(metavar="PATH...", help="Workbooks or folders (searched recursively).", show_default=False)
PathsArgument = Annotated[list[Path], _PATHS]
OptionalPathsArgument = Annotated[list[Path] | None, _PATHS]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Report format.")]
FailOnOption = Annotated[FailOn, typer.Option("--fail-on", help="Exit 1 when a finding reaches this severity.")]
LangOption = Annotated[Lang, typer.Option("--lang", envvar=LANG_VARIABLE,
                                          help="Language of messages: id (Indonesian) or en.")]
PreviousOption = Annotated[
    Path | None,
    typer.Option("--previous", help="Last month's accepted workbook of the BLUD: check that this month continues it.",
                 show_default=False),
]
ReturnOption = Annotated[
    Path | None,
    typer.Option("--return", help="Write, per file, what goes back to the BLUD: an annotated copy and a receipt.",
                 show_default=False),
]
JobsOption = Annotated[
    int | None,
    typer.Option("--jobs", "-j", min=1, show_default=False,
                 help="Files checked at once, each in its own process (default: the machine's cores). "
                      "The report is the same whatever the number."),
]
RulesOption = Annotated[
    Path | None,
    typer.Option("--rules", help="Rules folder of the district (default: the bundled Kabupaten Muara Harapan).",
                 show_default=False),
]


def fail(message: str) -> NoReturn:
    """Usage or configuration error: message on stderr, exit code 2."""
    sys.stderr.write(message + "\n")
    raise typer.Exit(2)


def load_rules(rules: Path | None, lang: str):
    from bludcli.config import ConfigError, load_district
    from bludcli.i18n import t

    try:
        return load_district(rules)
    except ConfigError as exc:
        fail(t("cli.rules_error", lang, error=str(exc)))


def collect_inputs(paths: list[Path], lang: str) -> list[Path]:
    """The workbooks named or found in folders; exit 2 when a path is missing or none is found."""
    from bludcli.i18n import t
    from bludcli.validate import collect_paths

    if not paths:
        fail(t("cli.no_paths", lang))
    for path in paths:
        if not path.exists():
            fail(t("cli.missing_path", lang, path=path))
    files = collect_paths(paths)
    if not files:
        fail(t("cli.no_files", lang, paths=", ".join(map(str, paths))))
    return files


def load_previous(path: Path | None, district, lang: str):
    """Last month's report as read by validate; exit 2 when it is missing or not valid."""
    from bludcli.i18n import t
    from bludcli.validate import validate_file

    if path is None:
        return None
    if not path.is_file():
        fail(t("cli.missing_path", lang, path=path))
    result = validate_file(path, district, lang, keep=True)
    if result.status != "valid":
        fail(t("cli.previous_invalid", lang, path=path, errors=result.errors))
    return result.content


def check_return_folder(folder: Path | None, lang: str) -> None:
    """Exit 2 before any work when --return names something that is not a folder."""
    from bludcli.i18n import t

    if folder is not None and folder.exists() and not folder.is_dir():
        fail(t("cli.return_not_folder", lang, path=folder))


def write_returns(results, folder: Path, lang: str, console, received: list | None = None) -> None:
    """The return package of each checked file (`received`: the time each was received, else
    now); a file that cannot get one is said, not fatal."""
    import sys

    from bludcli.i18n import t
    from bludcli.returns import write_return_package

    for result, received_at in zip(results, received or [None] * len(results)):
        try:
            written = write_return_package(result, Path(result.path), folder, lang, received_at)
        except (ValueError, OSError) as exc:
            sys.stderr.write(f"{result.path}: {exc}\n")
            continue
        for path in written:
            console.print(t("cli.return_written", lang, path=path), style="dim")


def write_text(text: str, output: Path | None, inputs: set[Path], lang: str) -> None:
    """Text to `output` (atomically, never over an input) or to stdout."""
    from bludcli.output import write_atomic

    if output is None:
        sys.stdout.write(text)
        return
    try:
        write_atomic(output, text, inputs, lang)
    except (ValueError, OSError) as exc:
        fail(str(exc))
    say_written(output, lang)


def say_written(path: Path, lang: str) -> None:
    """One line on stderr (stdout stays the command's own) naming the file just written."""
    from bludcli.i18n import t

    sys.stderr.write(t("cli.written", lang, path=path) + "\n")


def check_period(tahun: int | None, bulan: int | None, lang: str) -> None:
    """Exit 2 unless --tahun is a 4-digit year and --bulan is 1 to 12 (each when given)."""
    from bludcli.i18n import t

    if tahun is not None and not 1000 <= tahun <= 9999:
        fail(t("cli.bad_year", lang, value=tahun))
    if bulan is not None and not 1 <= bulan <= 12:
        fail(t("cli.bad_month", lang, value=bulan))
