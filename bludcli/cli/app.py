"""The `bludcli` command: one Typer app, one module per command."""

from __future__ import annotations

import typer

from bludcli.cli import consolidate, explain, init, ledger, rules, template, validate

app = typer.Typer(
    name="bludcli",
    help="Check and combine the monthly financial reports (LRA, BKU, Kapitasi) of health BLUDs.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: Typer's rich help costs 0.1 s of imports at every start
)
app.command(name="validate")(validate.validate)
app.command(name="explain")(explain.explain)
app.command(name="consolidate")(consolidate.consolidate)
app.command(name="receive")(ledger.receive)
app.command(name="status")(ledger.status)
app.command(name="history")(ledger.history)
app.add_typer(ledger.ledger_app, name="ledger")
app.add_typer(template.app, name="template")
app.add_typer(rules.app, name="rules")
app.command(name="init")(init.init)


def version_callback(value: bool) -> None:
    if value:
        from bludcli import __version__

        typer.echo(f"bludcli {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: bool = typer.Option(False, "--version", callback=version_callback, is_eager=True,
                                 help="Show the version and exit."),
) -> None:
    """Check and combine the monthly financial reports (LRA, BKU, Kapitasi) of health BLUDs."""


def main() -> None:
    app()
