"""The `accord` program: the root command, its global options, and how it finds its commands.

Commands live in one module per noun (members, history, watch, interop), each
with a Typer app of its own. The root group loads a noun's module only when one
of its commands is run, listed or completed, as Click documents for lazily
loaded subcommands, so `accord list` does not build the options of every other
command.
"""

import gc
import os
import signal
import sys
from functools import cache
from importlib import import_module
from pathlib import Path
from typing import Annotated, Any, Optional

import click
import typer
from typer.core import TyperGroup

from accord_cli import __version__
from accord_cli.core.characters import escape_unsafe
from accord_cli.core.errors import AccordError
from accord_cli.render.output import ColorMode, Output, speaks_unicode
from accord_cli.storage.location import ENV_VAR

# How the shell scripts Typer installs ask for completions (Click's name for it, given the program's name).
COMPLETE_VAR = "_ACCORD_COMPLETE"

# Every command, with the module of its noun, in the order `accord --help` lists them.
COMMANDS = {
    **dict.fromkeys(("init", "list", "add", "show", "edit", "remove", "check", "fmt"), "members"),
    **dict.fromkeys(
        ("leave", "rejoin", "rename", "events", "amend", "drop-event", "diff", "log", "timeline"), "history"
    ),
    **dict.fromkeys(("pledges", "pledge"), "pledges"),
    **dict.fromkeys(("missing", "watchlist"), "watch"),
    **dict.fromkeys(("import", "export", "report"), "interop"),
    "sync": "snapshots",
    "counts": "counts",
    **dict.fromkeys(("git-setup", "merge-driver"), "sharing"),
}


class Group(TyperGroup):
    """A group whose help lists each command with the whole first sentence of its help, never cut short."""

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=10_000)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def noun_app(**settings: Any) -> typer.Typer:
    """The Typer app of one noun's commands, loaded by the root group when one of them runs."""
    return typer.Typer(add_completion=False, rich_markup_mode=None, **settings)


@cache
def _commands_of(module: str) -> dict[str, click.Command]:
    built = typer.main.get_command(import_module(f"accord_cli.cli.{module}").app)
    commands = dict(built.commands) if isinstance(built, click.Group) else {built.name or module: built}
    for command in commands.values():
        _accept_global_options(command)
        _usage_with_every_error(command)
    return commands


def _usage_with_every_error(command: click.Command) -> None:
    """Make every usage error of `command` (and any under it) print its usage line first.

    Click's parser raises a few (an option missing its value) without the command's context, and
    an error without one prints no usage line."""
    parse = command.parse_args

    def parse_args(ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return parse(ctx, args)
        except click.UsageError as err:
            if err.ctx is None:
                err.ctx = ctx
            raise

    command.parse_args = parse_args  # type: ignore[method-assign]  # one command object, built once
    for subcommand in getattr(command, "commands", {}).values():
        _usage_with_every_error(subcommand)


def _accept_global_options(command: click.Command) -> None:
    """Let `command` (and any under it) take --ledger and --color too, as people type them after the
    command (`accord list -l other.toml`); they change the session the root's options made."""

    def ledger(ctx: click.Context, _: click.Parameter, value: Optional[Path]) -> None:
        if value is not None and ctx.obj is not None:
            ctx.obj.ledger_path = value

    def color(ctx: click.Context, _: click.Parameter, value: Optional[str]) -> None:
        if value is not None and ctx.obj is not None:
            ctx.obj.output = Output(ColorMode(value))

    command.params += [
        click.Option(
            ["--ledger", "-l"],
            type=click.Path(path_type=Path),
            metavar="PATH",
            hidden=True,
            expose_value=False,
            callback=ledger,
        ),
        click.Option(
            ["--color"],
            type=click.Choice([m.value for m in ColorMode], case_sensitive=False),
            hidden=True,
            expose_value=False,
            callback=color,
        ),
    ]
    for subcommand in getattr(command, "commands", {}).values():
        _accept_global_options(subcommand)


class AccordGroup(Group):
    """The root: loads commands lazily, turns every AccordError into one line and exit status 2, and
    shows its help, successfully, when run with nothing to do."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> Optional[click.Command]:
        module = COMMANDS.get(cmd_name)
        return None if module is None else _commands_of(module).get(cmd_name)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args and not ctx.resilient_parsing:
            typer.echo(ctx.get_help())
            ctx.exit(0)
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as err:  # as in _usage_with_every_error: said with the usage line
            if err.ctx is None:
                err.ctx = ctx
            raise

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AccordError as err:
            message = ctx.obj.explain(err) if ctx.obj is not None else str(err)
            typer.echo(f"Error: {escape_unsafe(message)}", err=True)
            raise typer.Exit(2) from None
        except OSError as err:  # a path the system refuses (a name too long, a device gone): said, not traced
            where = f"{err.filename}: " if err.filename else ""
            typer.echo(f"Error: {escape_unsafe(where)}{err.strerror or err}; nothing was changed", err=True)
            raise typer.Exit(2) from None

    def main(self, *args: Any, **kwargs: Any) -> Any:
        if COMPLETE_VAR in os.environ:  # a shell asking for completions
            from accord_cli.cli.shells import register_shells

            register_shells()  # after Typer's own, which building the app registered
        return super().main(*args, **kwargs)


app = typer.Typer(
    cls=AccordGroup,
    name="accord",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


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
            "--ledger",
            "-l",
            envvar=ENV_VAR,
            metavar="PATH",
            help="Ledger file to use. Default: the nearest accord.toml in this directory or a parent, "
            "else the built-in Cybersecurity Tech Accord ledger (read-only).",
        ),
    ] = None,
    color: Annotated[
        ColorMode,
        typer.Option(
            "--color",
            case_sensitive=False,
            help="Colour and box drawing: auto (only on a terminal, honouring NO_COLOR), always, never.",
        ),
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

    Global options go before or after the command: accord --ledger other.toml list.

    Exit status: 0 success, 1 a check found problems, 2 an error.
    """
    # Imported here, where a command is about to run: --version and --help never read a ledger.
    from accord_cli.cli.session import Session

    ctx.obj = Session(ledger_path, Output(color))


def _configure_streams() -> None:
    """Make the process's output safe whatever it is written to.

    Text a stream's encoding cannot hold (an ASCII locale, PYTHONIOENCODING=ascii)
    is written as a visible escape such as \\xf3 rather than ending the command;
    and a pipe closed by its reader (`accord list | head -1`) ends accord the way
    it ends any Unix tool, quietly, by SIGPIPE, whatever the command and format.
    """
    for stream in (sys.stdout, sys.stderr):
        if not speaks_unicode(stream) and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)


def main() -> None:
    # One command, then exit: nothing here builds reference cycles worth collecting, and
    # the collector's passes over a large ledger's objects would grow with every record
    # a command makes.
    gc.disable()
    _configure_streams()
    app(prog_name="accord")
