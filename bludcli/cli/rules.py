"""`bludcli rules`: check, document and compare a district's rules folder."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bludcli.cli.options import (
    FailOn, FailOnOption, Format, FormatOption, Lang, LangOption, fail, load_rules, write_text,
)

app = typer.Typer(help="Check, document and compare a district's rules folder.", no_args_is_help=True,
                  rich_markup_mode=None)

DirArgument = Annotated[
    Path | None,
    typer.Argument(metavar="DIR", help="Rules folder (default: the bundled Kabupaten Muara Harapan).",
                   show_default=False),
]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file.", show_default=False)
]


def _folder(directory: Path | None, lang: str) -> Path:
    """The rules folder named, or the bundled one; exit 2 when it does not exist."""
    from bludcli.config import default_rules_dir
    from bludcli.i18n import t

    root = directory or default_rules_dir()
    if not root.is_dir():
        fail(t("cli.missing_path", lang, path=root))
    return root


def _files(*roots: Path) -> set[Path]:
    return {path for root in roots for path in root.rglob("*") if path.is_file()}


@app.command()
def check(
    directory: DirArgument = None,
    fmt: FormatOption = Format.table,
    output: OutputOption = None,
    fail_on: FailOnOption = FailOn.error,
    lang: LangOption = Lang.id,
) -> None:
    """Prove a rules folder sound: every problem of every file, one section per file.

    Exit code 0 when no finding reaches --fail-on, 1 when one does, 2 on a usage error.
    """
    from rich.console import Console

    from bludcli.findings import reaches
    from bludcli.report import render
    from bludcli.rules_check import check_rules

    language = lang.value
    root = _folder(directory, language)
    results = check_rules(root, language)
    try:
        render(results, fmt.value, language, output, Console(), inputs=_files(root))
    except (ValueError, OSError) as exc:
        fail(str(exc))
    raise typer.Exit(1 if reaches(results, fail_on.value) else 0)


@app.command()
def docs(
    directory: DirArgument = None,
    output: OutputOption = None,
    lang: LangOption = Lang.id,
) -> None:
    """Write the rule reference (Markdown) of a rules folder; exit 2 when the folder cannot be used."""
    from bludcli.ruledocs import render_rules_markdown

    language = lang.value
    root = _folder(directory, language)
    write_text(render_rules_markdown(load_rules(root, language)), output, _files(root), language)


@app.command()
def diff(
    old: Annotated[Path, typer.Argument(metavar="OLD", help="The rules folder before the change.", show_default=False)],
    new: Annotated[Path, typer.Argument(metavar="NEW", help="The rules folder after the change.", show_default=False)],
    output: OutputOption = None,
    lang: LangOption = Lang.id,
) -> None:
    """List what changed between two rules folders, as Markdown for a pull request.

    Exit code 0; 2 on a usage error, or when a rules file of either folder cannot be read (the
    Markdown is still written, saying which files it could not compare).
    """
    from bludcli.i18n import t
    from bludcli.rules_diff import diff_rules

    language = lang.value
    roots = [_folder(root, language) for root in (old, new)]
    text, unreadable = diff_rules(*roots, lang=language)
    write_text(text, output, _files(*roots), language)
    if unreadable:
        fail(t("cli.diff_unreadable", language, files=", ".join(map(str, unreadable))))
