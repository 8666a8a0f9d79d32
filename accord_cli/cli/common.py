"""What every command shares: the app, the error handler, the session and the reusable options."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from typer.core import TyperGroup

from accord_cli import ledger
from accord_cli.dates import parse_date, period_end, period_start
from accord_cli.errors import AccordError, NotConfirmed
from accord_cli.render import Format, Output
from accord_cli.text import escape_unsafe


class AccordGroup(TyperGroup):
    """Turns every AccordError into one line on stderr and exit status 2."""

    def invoke(self, ctx: typer.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AccordError as err:
            typer.echo(f"Error: {escape_unsafe(str(err))}", err=True)
            raise typer.Exit(2) from None


app = typer.Typer(
    cls=AccordGroup,
    name="accord",
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


class Session:
    """What the global options decided, shared with every command through ctx.obj."""

    def __init__(self, ledger_path: Optional[Path], output: Output) -> None:
        self.ledger_path = ledger_path
        self.output = output

    def location(self) -> ledger.Location:
        return ledger.locate(self.ledger_path, Path.cwd())

    def load(self) -> ledger.LedgerFile:
        return ledger.load(self.location())

    @contextmanager
    def editing(self) -> Iterator[ledger.LedgerFile]:
        """The ledger, loaded under its lock for a read-modify-write; a wait is announced on stderr."""
        with ledger.editing(self.location(), self.output.note) as file:
            yield file

    def write_json(self, data: Any) -> None:
        from accord_cli.render.as_json import dumps

        self.output.write(dumps(data))


def session_of(ctx: typer.Context) -> Session:
    session: Session = ctx.obj  # set by the app callback, which runs before every command
    return session


def typer_parser(parse: Callable[[str], date]) -> Callable[[str], date]:
    """A core date parser as a Typer parser: its ValueError becomes a usage error naming the option."""

    def parser(text: str) -> date:
        try:
            return parse(text)
        except ValueError as err:
            raise typer.BadParameter(str(err)) from None

    return parser


def confirm(question: str, yes: bool) -> None:
    """Go on if `yes` or the person at the terminal agrees; otherwise stop with nothing written."""
    if yes:
        return
    try:
        agreed = typer.confirm(question, default=False, err=True)
    except typer.Abort:  # end of input: nobody there to agree
        agreed = False
    if not agreed:
        raise NotConfirmed("not confirmed, nothing was written; pass --yes to write without asking")


FormatOption = Annotated[
    Format, typer.Option("--format", "-f", case_sensitive=False, help="Output format.")
]
ForceOption = Annotated[
    bool, typer.Option("--force", help="Write even if the ledger holds comments, which the rewrite drops.")
]
YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask before writing.")]


date_value = typer_parser(parse_date)
period_end_value = typer_parser(period_end)
period_start_value = typer_parser(period_start)

AsOfOption = Annotated[
    Optional[date],
    typer.Option("--as-of", parser=period_end_value, metavar="DATE",
                 help="As it stood at the end of DATE (YYYY-MM-DD, or the end of YYYY, YYYY-Qn, YYYY-MM). "
                      "Default: today."),
]
DateOption = Annotated[
    Optional[date],
    typer.Option("--date", "-d", parser=date_value, metavar="YYYY-MM-DD", help="When it happened. Default: today."),
]
