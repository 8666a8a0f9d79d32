"""The `accord` command line: parse arguments, call the core, render, save. No logic of its own.

Each module registers its commands on the one app; their import order is the
order `accord --help` lists them in.
"""

from __future__ import annotations

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



# Each module registers its commands on import, in the order `accord --help` lists them.
for _module in ("members", "history", "watch", "interop"):
    import_module(f"accord_cli.cli.{_module}")


def main() -> None:
    app(prog_name="accord")
