"""Options shared by commands, and turning their problems into exit code 2 with a clear message."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

import typer


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


FormatOption = Annotated[Format, typer.Option("--format", "-f", help="Report format.")]
FailOnOption = Annotated[FailOn, typer.Option("--fail-on", help="Exit 1 when a finding reaches this severity.")]
LangOption = Annotated[Lang, typer.Option("--lang", help="Language of messages: id (Indonesian) or en.")]
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

    for path in paths:
        if not path.exists():
            fail(t("cli.missing_path", lang, path=path))
    files = collect_paths(paths)
    if not files:
        fail(t("cli.no_files", lang, paths=", ".join(map(str, paths))))
    return files
