"""Totals sources report: `accord counts` lists them beside what the ledger names, `accord counts add` records one."""

from datetime import date
from typing import Annotated, Optional

import click
import typer

from accord_cli.cli.app import Group, noun_app
from accord_cli.cli.options import WHEN_HELP, ListingFormat, RecordFormat, when_value
from accord_cli.cli.session import session_of
from accord_cli.core.counts import add_count, coverage
from accord_cli.core.dates import When
from accord_cli.core.model import QUALIFIERS
from accord_cli.render import Format
from accord_cli.render import counts as shown
from accord_cli.storage import ledger_file

app = noun_app()
counts_app = noun_app(
    cls=Group,
    invoke_without_command=True,
    help="""List the totals sources report, each beside the members the ledger names then.

    A source may give a total without names ("44 companies", "more than 150"):
    recorded with its date, as precise as the source gives it, and a qualifier
    (exact, at-least or about), it tells how much of the accord the ledger
    covers. `accord check` flags an exact total the ledger's certain members
    exceed.

    \b
    Examples:
      accord counts
      accord counts --format json
      accord counts add --date 2018-09-11 --count 44 --qualifier exact --source https://example.org/news
      accord counts add --date 2022-12 --count 150 --qualifier at-least --source https://example.org/statement
    """,
)
app.add_typer(counts_app, name="counts")


@counts_app.callback()
def counts(ctx: typer.Context, fmt: ListingFormat = Format.table) -> None:
    if ctx.invoked_subcommand is not None:
        return
    session = session_of(ctx)
    ledger = session.load().ledger
    session.show(shown.counts_result(coverage(ledger)), fmt)


@counts_app.command("add")
def counts_add(
    ctx: typer.Context,
    on: Annotated[When, typer.Option("--date", "-d", parser=when_value, metavar="DATE",
                                     help=f"When the total was reported for: {WHEN_HELP}.")],
    count: Annotated[int, typer.Option("--count", "-n", min=0, metavar="N", help="The total the source gives.")],
    qualifier: Annotated[str, typer.Option(
        "--qualifier", "-q", click_type=click.Choice(QUALIFIERS),
        help="How the source puts it: exact (\"44 companies\"), at-least (\"more than 150\", \"150+\") or about.")],
    source: Annotated[str, typer.Option(metavar="URL", help="Where the total can be checked.")],
    note: Annotated[Optional[str], typer.Option(metavar="TEXT", help="Free text.")] = None,
    fmt: RecordFormat = Format.table,
) -> None:
    """Record a total a source reports, with or without names.

    \b
    Examples:
      accord counts add --date 2018-09-11 --count 44 --qualifier exact --source https://example.org/news
      accord counts add --date ../2021-05-05 --count 150 --qualifier at-least --source https://example.org/report
    """
    session = session_of(ctx)
    with session.editing() as file:
        updated, recorded = add_count(file.ledger, on, count, qualifier, date.today(), source=source, note=note)
        ledger_file.save(file, updated)
    (covered,) = [c for c in coverage(updated) if c.count is recorded]
    session.show(shown.recorded_count_result(covered, file.label), fmt)
