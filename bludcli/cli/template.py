"""`bludcli template build`: the official blank workbook (template v1) from the rules folder."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from bludcli.cli.options import Lang, LangOption, RulesOption, check_period, fail, load_rules

app = typer.Typer(help="The official report template (blank workbook).", no_args_is_help=True,
                  add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)

@app.callback()
def template() -> None:
    """The official report template (blank workbook)."""


@app.command()
def build(
    output: Annotated[Path, typer.Option("--output", "-o", help="The workbook to write (.xlsx).",
                                         show_default=False)],
    jenis: Annotated[str | None, typer.Option(
        "--jenis", help="BLUD type: RSUD, Puskesmas or Labkesda (default: every account; "
                        "with --kode, that BLUD's type).", show_default=False)] = None,
    kode: Annotated[str | None, typer.Option("--kode", help="Prefill the identity of this BLUD.",
                                             show_default=False)] = None,
    tahun: Annotated[int | None, typer.Option("--tahun", help="Prefill Tahun Anggaran.",
                                              show_default=False)] = None,
    bulan: Annotated[int | None, typer.Option("--bulan", help="Prefill Bulan (1-12).",
                                              show_default=False)] = None,
    lang: LangOption = Lang.id,
    rules: RulesOption = None,
) -> None:
    """Write the official blank report workbook, generated from the rules folder.

    Sheets Identitas, LRA, BKU, Kapitasi (for a Puskesmas, or with no --jenis) and Petunjuk;
    totals are formulas and only input cells are editable. Exit code 0, or 2 on a usage error.
    """
    from bludcli.config import ConfigError
    from bludcli.i18n import t
    from bludcli.output import write_atomic
    from bludcli.template import TemplateError, build_template

    language = lang.value
    if output.suffix.lower() != ".xlsx":  # the workbook is .xlsx: another name would mislead Excel and people
        fail(t("template.bad_output", language, path=output))
    check_period(tahun, bulan, language)
    district = load_rules(rules, language)
    try:
        template = build_template(district, jenis, kode, tahun, bulan)
        write_atomic(output, template.to_bytes(), lang=language)
    except TemplateError as exc:
        fail(t(f"template.{exc.key}", language, value=exc.value, choices=", ".join(exc.choices), kode=kode))
    except ConfigError as exc:
        fail(t("cli.rules_error", language, error=str(exc)))
    except (ValueError, OSError) as exc:
        fail(str(exc))
    typer.echo(t("template.written", language, path=output))
