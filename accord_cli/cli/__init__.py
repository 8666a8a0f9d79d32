"""The `accord` command line: parse arguments, call the core, render, save. No logic of its own.

Each module registers its commands on the one app when imported; their import
order is the order `accord --help` lists them in. A run of one known command
loads only that command (see `main`), since building every command's options
is a large part of a command's start-up.
"""

import gc
import os
import sys
from collections.abc import Sequence
from importlib import import_module
from pathlib import Path
from typing import Annotated, Optional

import typer

from accord_cli import __version__, ledger
from accord_cli.cli.common import Session, app
from accord_cli.render import ColorMode, Output


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"accord {__version__}")
        raise typer.Exit()

@app.callback()
def main_options(
    ctx: typer.Context,
    ledger_path: Annotated[
        Optional[Path],
        typer.Option(
            "--ledger", "-l", envvar=ledger.ENV_VAR, metavar="PATH",
            help="Ledger file to use. Default: the nearest accord.toml in this directory or a parent, "
                 "else the built-in Cybersecurity Tech Accord ledger (read-only).",
        ),
    ] = None,
    color: Annotated[
        ColorMode,
        typer.Option("--color", case_sensitive=False,
                     help="Colour and box drawing: auto (only on a terminal, honouring NO_COLOR), always, never."),
    ] = ColorMode.auto,
    version: Annotated[
        bool, typer.Option("--version", callback=_show_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Track who has signed a pledge, when, under which commitments, and who has not.

    \b
    Examples:
      accord list                          current signatories
      accord list --country US --format csv
      accord list --as-of 2019 --all       as it stood at the end of 2019
      accord add Google --date 2026-01-15  record a new signatory
      accord leave Acme --reason "merged"  record a departure
      accord diff 2019 2020                who joined and left during 2020
      accord timeline --by quarter         growth, with a chart
      accord check                         validate the ledger
      accord missing --watchlist bigtech   who on a watchlist has not signed

    Exit status: 0 success, 1 a check found problems, 2 an error.
    """
    ctx.obj = Session(ledger_path, Output(color))



MODULES = ("members", "history", "watch", "interop")
COMMAND_MODULES = {
    **dict.fromkeys(("init", "list", "add", "pledges", "check", "show", "fmt"), "members"),
    **dict.fromkeys(("leave", "rejoin", "rename", "diff", "log", "timeline"), "history"),
    **dict.fromkeys(("missing", "watchlist"), "watch"),
    **dict.fromkeys(("import", "export", "report"), "interop"),
}
_GLOBAL_OPTIONS_WITH_VALUES = ("-l", "--ledger", "--color")


def load_commands(only: str | None = None) -> typer.Typer:
    """The app with every command registered, or with only the command `only`."""
    if only is None:
        for module in MODULES:
            import_module(f"accord_cli.cli.{module}")
        return app
    import_module(f"accord_cli.cli.{COMMAND_MODULES[only]}")
    app.registered_commands = [c for c in app.registered_commands if command_name(c) == only]
    app.registered_groups = [g for g in app.registered_groups if g.name == only]
    return app


def command_name(info: typer.models.CommandInfo) -> str:
    assert info.callback is not None
    return info.name or info.callback.__name__.replace("_", "-")


def invoked_command(args: Sequence[str]) -> str | None:
    """The command `args` run, if it is one accord knows and nothing asks for the whole app."""
    waiting_for_value = False
    for arg in args:
        if waiting_for_value:
            waiting_for_value = False
        elif arg in _GLOBAL_OPTIONS_WITH_VALUES:
            waiting_for_value = True
        elif arg.startswith(("--ledger=", "--color=")) or (arg.startswith("-l") and len(arg) > 2):
            continue
        elif arg.startswith("-"):
            return None  # --help, --version, completion installers, or a mistake: the app answers
        else:
            return arg if arg in COMMAND_MODULES else None
    return None


def main() -> None:
    # One command, then exit: nothing here builds reference cycles worth collecting, and
    # the collector's full passes over a large ledger's objects grow with every record
    # a command makes (a third of `list` on 100,000 signatories).
    gc.disable()
    if "_ACCORD_COMPLETE" in os.environ:  # a shell asking for completions: the command typed loads alone
        from accord_cli.quick_complete import typed_words

        args = typed_words()[0]
    else:
        args = sys.argv[1:]
    load_commands(invoked_command(args))
    app(prog_name="accord")
