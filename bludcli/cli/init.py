"""`bludcli init`: the rules folder of another district, from its BLUD registry."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bludcli.cli.options import Lang, LangOption, fail


def init(
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="The new rules folder: must not exist, or be empty.",
                                              show_default=False)],
    daerah: Annotated[str, typer.Option("--daerah", help='The district, e.g. "Kabupaten Danau Permai".',
                                        show_default=False)],
    registri: Annotated[Path, typer.Option(
        "--registri", help="The BLUD registry: .csv (';' or ',' separated) or a workbook (.xlsx, .xls, .ods).",
        show_default=False)],
    dari: Annotated[Path | None, typer.Option(
        "--dari", help="Take the other files and settings from this rules folder (default: the bundled rules).",
        show_default=False)] = None,
    sheet: Annotated[str | None, typer.Option("--sheet", help="The registry's sheet (default: the first).",
                                              show_default=False)] = None,
    lang: LangOption = Lang.id,
) -> None:
    """Create the rules folder of another district: its registry, checked row by row, and the
    chart of accounts, rules, schemas, template accounts and settings of --dari; then check it.

    Exit code 0 when the new folder has no error, 1 when it has one or the registry has one
    (then nothing is written), 2 on a usage error (nothing is written).
    """
    from rich.console import Console

    from bludcli.district_init import InitError, RegistryError, init_district, next_steps
    from bludcli.findings import reaches
    from bludcli.i18n import t
    from bludcli.report import print_table, summary_line

    language, console = lang.value, Console()
    try:
        created = init_district(directory, daerah, registri, dari, sheet, language)
    except InitError as exc:
        fail(str(exc))
    except RegistryError as exc:
        print_table([exc.result], console, language)
        typer.echo(t("init.not_created", language, path=directory))
        raise typer.Exit(1) from None
    except OSError as exc:
        fail(str(exc))
    typer.echo(t("init.created", language, daerah=created.daerah, path=directory, bluds=created.bluds))
    if any(result.findings for result in created.results):
        print_table(created.results, console, language)
    else:
        console.print(summary_line(created.results, language), style="bold", highlight=False)
    typer.echo("\n" + next_steps(created, language))
    raise typer.Exit(1 if reaches(created.results, "error") else 0)
