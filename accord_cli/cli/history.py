"""Commands about membership over time: leave, rejoin, rename, diff, log, timeline."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Optional

import typer

from accord_cli import completion, ledger, roster, timeline, views
from accord_cli.cli.common import (
    DateOption,
    ForceOption,
    FormatOption,
    app,
    period_end_value,
    period_start_value,
    session_of,
)
from accord_cli.dates import Granularity
from accord_cli.model import Ledger, Signatory
from accord_cli.render import Format, render


def _record_change(ctx: typer.Context, name: str, change: Callable[[Ledger, Signatory, date], Ledger],
                   fmt: Format, force: bool) -> None:
    """Load for writing, resolve NAME, apply `change(ledger, signatory, today)`, save, report."""
    session = session_of(ctx)
    with session.editing() as file:
        assert file.ledger is not None
        today = date.today()
        signatory = roster.resolve(file.ledger, name)
        updated = change(file.ledger, signatory, today)
        ledger.save(file, updated, force=force)
    after = next(s for s in updated.signatories if s.id == signatory.id)
    recorded = list(timeline.history(after))[-1]
    if fmt is Format.json:
        session.write_json(views.change_record(recorded))
    else:
        typer.echo(f"Recorded in {file.label}: {views.describe_change(recorded)}.")


ChangeFormatOption = Annotated[
    Format, typer.Option("--format", "-f", case_sensitive=False, help="Output format: table (a sentence) or json.")
]


@app.command()
def leave(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", autocompletion=completion.signatory_names, help="Name, alias or id of the signatory.")],
    on: DateOption = None,
    reason: Annotated[Optional[str], typer.Option(metavar="TEXT", help="Why it left.")] = None,
    force: ForceOption = False,
    fmt: ChangeFormatOption = Format.table,
) -> None:
    """Record that a signatory left the accord. Its history is kept.

    \b
    Examples:
      accord leave Symantec --date 2020-01-31 --reason "Acquired by Broadcom"
    """
    _record_change(ctx, name, lambda lg, s, today: roster.leave(lg, s, on or today, today, reason), fmt, force)


@app.command()
def rejoin(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", autocompletion=completion.signatory_names, help="Name, alias or id of the former member.")],
    on: DateOption = None,
    force: ForceOption = False,
    fmt: ChangeFormatOption = Format.table,
) -> None:
    """Record that a former member joined again.

    \b
    Examples:
      accord rejoin Symantec --date 2021-06-01
    """
    _record_change(ctx, name, lambda lg, s, today: roster.rejoin(lg, s, on or today, today), fmt, force)


@app.command()
def rename(
    ctx: typer.Context,
    old: Annotated[str, typer.Argument(metavar="OLD", autocompletion=completion.signatory_names, help="Current name, alias or id.")],
    new: Annotated[str, typer.Argument(metavar="NEW", help="The new name.")],
    on: DateOption = None,
    force: ForceOption = False,
    fmt: ChangeFormatOption = Format.table,
) -> None:
    """Record a new name for a signatory; the old one stays findable as an alias.

    \b
    Examples:
      accord rename Facebook "Meta Platforms" --date 2021-10-28
    """
    _record_change(ctx, old, lambda lg, s, today: roster.rename(lg, s, new, on or today, today), fmt, force)


@app.command()
def diff(
    ctx: typer.Context,
    start: Annotated[date, typer.Argument(metavar="FROM", parser=period_end_value,
                                          help="A date, or the end of a year (2019), quarter (2019-Q2) or month.")],
    end: Annotated[Optional[date], typer.Argument(metavar="[TO]", parser=period_end_value,
                                                  help="Like FROM. Default: today.")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Show who joined, left, rejoined or was renamed between two dates.

    \b
    Examples:
      accord diff 2018-04-17                 everything since launch day
      accord diff 2019 2020                  changes during 2020
      accord diff 2019-Q2 2019-Q3 --format json
    """
    session = session_of(ctx)
    end = end or date.today()
    if end < start:
        raise typer.BadParameter(f"{end.isoformat()} is before FROM ({start.isoformat()})", param_hint="TO")
    file = session.load()
    assert file.ledger is not None
    result = timeline.diff(file.ledger, start, end)
    if fmt is Format.json:
        session.write_json(views.diff_record(result))
    elif fmt is Format.table:
        from accord_cli.render.as_table import render_diff

        render_diff(views.diff_listing(result), session.output)
    else:
        render(views.diff_listing(result), fmt, session.output)


@app.command()
def log(
    ctx: typer.Context,
    since: Annotated[Optional[date], typer.Option(parser=period_start_value, metavar="DATE",
                                                  help="From DATE (or the start of YYYY, YYYY-Qn, YYYY-MM).")] = None,
    until: Annotated[Optional[date], typer.Option(parser=period_end_value, metavar="DATE",
                                                  help="Up to DATE (or the end of YYYY, YYYY-Qn, YYYY-MM).")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """List every membership event in date order: joins, leaves, rejoins, renames.

    \b
    Examples:
      accord log
      accord log --since 2020 --until 2021-Q2
      accord log --format json
    """
    session = session_of(ctx)
    if since and until and until < since:
        raise typer.BadParameter(f"{until.isoformat()} is before --since ({since.isoformat()})",
                                 param_hint="--until")
    file = session.load()
    assert file.ledger is not None
    render(views.log_listing(timeline.changes(file.ledger, since, until)), fmt, session.output)


@app.command("timeline")
def growth(
    ctx: typer.Context,
    by: Annotated[Granularity, typer.Option(case_sensitive=False, help="Length of each period.")]
    = Granularity.year,
    fmt: FormatOption = Format.table,
) -> None:
    """Show joins, leaves and the member count per period, with a bar chart of the total.

    \b
    Examples:
      accord timeline
      accord timeline --by quarter
      accord timeline --by month --format csv
    """
    session = session_of(ctx)
    file = session.load()
    assert file.ledger is not None
    render(views.growth_listing(timeline.growth(file.ledger, by, date.today())), fmt, session.output)


