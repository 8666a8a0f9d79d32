"""Totals sources report: `accord counts` lists them beside what the ledger names; `add`, `edit` and `remove`
record, correct and take one out."""

from typing import Annotated, Optional

import click
import typer

from accord_cli.cli.app import Group, noun_app
from accord_cli.cli.options import (
    WHEN_HELP,
    ForceOption,
    ListingFormat,
    RecordFormat,
    YesOption,
    when_value,
)
from accord_cli.cli.session import session_of
from accord_cli.core.counts import add_count, coverage, edit_count, remove_count
from accord_cli.core.dates import When
from accord_cli.core.model import MAX_COUNT, QUALIFIERS
from accord_cli.render import Format
from accord_cli.render import counts as shown

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
      accord counts add --date 2023-06 --count 160 --qualifier about --source https://example.org/statement
      accord counts add --date 2024 --count 170 --qualifier at-least --source https://example.org/report
      accord counts edit 2 --count 45
      accord counts remove 3
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


_COUNT = typer.Option(
    "--count", "-n", min=0, max=MAX_COUNT, metavar="N", help=f"The total the source gives (0 to {MAX_COUNT:,})."
)
_QUALIFIER = typer.Option(
    "--qualifier",
    "-q",
    click_type=click.Choice(QUALIFIERS),
    help='How the source puts it: exact ("44 companies"), at-least ("more than 150", "150+") or about.',
)
CountNumber = Annotated[
    int, typer.Argument(metavar="N", min=1, help="The total's number, as `accord counts` lists it.")
]
CountForceOption = Annotated[
    bool,
    typer.Option(
        "--force",
        help="Write even if the ledger's members contradict an exact total (the source may count "
        "differently), or the ledger holds comments, which the rewrite drops.",
    ),
]


@counts_app.command("add")
def counts_add(
    ctx: typer.Context,
    on: Annotated[
        When,
        typer.Option(
            "--date", "-d", parser=when_value, metavar="DATE", help=f"When the total was reported for: {WHEN_HELP}."
        ),
    ],
    count: Annotated[int, _COUNT],
    qualifier: Annotated[str, _QUALIFIER],
    source: Annotated[str, typer.Option(metavar="URL", help="Where the total can be checked.")],
    note: Annotated[Optional[str], typer.Option(metavar="TEXT", help="Free text.")] = None,
    force: CountForceOption = False,
    fmt: RecordFormat = Format.table,
) -> None:
    """Record a total a source reports, with or without names.

    An exact total smaller than the members the ledger names then is refused
    (`accord check` would report it), unless --force.

    \b
    Examples:
      accord counts add --date 2023-06 --count 160 --qualifier about --source https://example.org/statement
      accord counts add --date ../2021-05-05 --count 150 --qualifier at-least --source https://example.org/report
    """
    session = session_of(ctx)
    with session.editing() as file:
        updated, recorded = add_count(file.ledger, on, count, qualifier, source=source, note=note)
        session.save(file, updated, force=force)
    number, covered = next((n, c) for n, c in enumerate(coverage(updated), start=1) if c.count is recorded)
    session.show(shown.recorded_count_result(covered, number, file.label), fmt)


@counts_app.command("edit")
def counts_edit(
    ctx: typer.Context,
    number: CountNumber,
    on: Annotated[
        Optional[When],
        typer.Option(
            "--date", "-d", parser=when_value, metavar="DATE", help=f"When the total was reported for: {WHEN_HELP}."
        ),
    ] = None,
    count: Annotated[Optional[int], _COUNT] = None,
    qualifier: Annotated[Optional[str], _QUALIFIER] = None,
    source: Annotated[Optional[str], typer.Option(metavar="URL", help="Where the total can be checked.")] = None,
    note: Annotated[Optional[str], typer.Option(metavar="TEXT", help="Free text; '' clears it.")] = None,
    force: CountForceOption = False,
    fmt: RecordFormat = Format.table,
) -> None:
    """Correct a reported total recorded wrongly: its date, count, qualifier, source or note.

    \b
    Examples:
      accord counts                                 the totals, numbered
      accord counts edit 2 --count 45 --source https://example.org/correction
      accord counts edit 3 --qualifier about
    """
    given = {"date": on, "count": count, "qualifier": qualifier, "source": source, "note": note}
    fields = {key: value for key, value in given.items() if value is not None}
    if not fields:
        raise typer.BadParameter(
            "give what to correct: --date, --count, --qualifier, --source or --note", param_hint="N"
        )
    session = session_of(ctx)
    with session.editing() as file:
        updated, before, after = edit_count(file.ledger, number, fields)
        session.save(file, updated, force=force)
    number, covered = next((n, c) for n, c in enumerate(coverage(updated), start=1) if c.count is after)
    session.show(shown.edited_count_result(before, covered, number, file.label), fmt)


@counts_app.command("remove")
def counts_remove(
    ctx: typer.Context,
    number: CountNumber,
    yes: YesOption = False,
    force: ForceOption = False,
    fmt: RecordFormat = Format.table,
) -> None:
    """Remove a reported total recorded by mistake, after showing it and asking.

    \b
    Examples:
      accord counts                                 the totals, numbered
      accord counts remove 3
      accord counts remove 3 --yes
    """
    session = session_of(ctx)
    with session.editing() as file:
        updated, gone = remove_count(file.ledger, number)
        session.save(
            file,
            updated,
            force=force,
            ask=f"Remove it from {file.label}?",
            yes=yes,
            showing=f"Total {number}: {gone.describe()} reported {gone.date.phrase}"
            + (f", from {gone.source}" if gone.source else "")
            + ".",
        )
    session.show(shown.removed_count_result(gone, file.label), fmt)
