"""The `bludcli` command: one Typer app, one module per command.

A start registers only the command it runs: typer builds the options of every registered
command at each start, and each command's module has imports of its own. Help, errors and
shell completion get every command, as does `from bludcli.cli.app import app`.
"""

from __future__ import annotations

import atexit
import gc
import os
import sys
from importlib import import_module

import typer

from bludcli.cli import helptext, usage

# name -> (module of bludcli.cli, function), in the order help lists them
COMMANDS = {
    "validate": ("validate", "validate"),
    "explain": ("explain", "explain"),
    "consolidate": ("consolidate", "consolidate"),
    "receive": ("ledger", "receive"),
    "status": ("ledger", "status"),
    "history": ("ledger", "history"),
    "init": ("init", "init"),
}
# name -> (module of bludcli.cli, its Typer app): commands with subcommands
GROUPS = {
    "ledger": ("ledger", "ledger_app"),
    "template": ("template", "app"),
    "rules": ("rules", "app"),
}


def version_callback(value: bool) -> None:
    if value:
        from bludcli import __version__

        typer.echo(f"bludcli {__version__}")
        raise typer.Exit()


def root(
    version: bool = typer.Option(False, "--version", callback=version_callback, is_eager=True,
                                 help="Show the version and exit."),
) -> None:
    """Check and combine the monthly financial reports (LRA, BKU, Kapitasi) of health BLUDs."""


def build(only: str | None = None) -> typer.Typer:
    """The app with every command, or with only the command or group `only`."""
    app = typer.Typer(
        name="bludcli",
        help="Check and combine the monthly financial reports (LRA, BKU, Kapitasi) of health BLUDs.",
        no_args_is_help=True,
        add_completion=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,  # plain help: Typer's rich help costs 0.1 s of imports at every start
    )
    app.callback()(root)  # a root callback keeps a group: `bludcli validate` even with one command
    for name, (module, function) in COMMANDS.items():
        if only in (None, name):
            app.command(name=name)(getattr(import_module(f"bludcli.cli.{module}"), function))
    for name, (module, attribute) in GROUPS.items():
        if only in (None, name):
            app.add_typer(getattr(import_module(f"bludcli.cli.{module}"), attribute), name=name)
    return app


def __getattr__(name: str) -> typer.Typer:
    """`app`, the whole app, built at first use: main() builds only what it runs."""
    global app
    if name != "app":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    app = build()
    return app


def main() -> None:
    """Run the command named by the first argument with only that command registered; with an
    option first (--help, --version), no argument, an unknown name or for shell completion,
    with every command."""
    # Registered first, run last at exit: the interpreter's final collections then skip every
    # object left (modules, rules), which the end of the process frees anyway: 15 ms a run.
    atexit.register(gc.freeze)
    first = sys.argv[1] if len(sys.argv) > 1 else None
    known = first in COMMANDS or first in GROUPS
    command = typer.main.get_command(build(first if known and "_BLUDCLI_COMPLETE" not in os.environ else None))
    lang = usage.language(sys.argv[1:])
    helptext.localise(command, lang)
    try:  # not standalone: a usage error comes back here, to be said in the user's language
        code = command.main(prog_name="bludcli", standalone_mode=False)
    except typer.TyperException as error:
        usage.show(error, lang)
        code = error.exit_code
    sys.exit(code)
