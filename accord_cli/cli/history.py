"""Commands about membership over time: leave, rejoin, rename, diff, log, timeline."""

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer

from accord_cli.cli.app import noun_app
from accord_cli.cli.completion import SIGNATORY
from accord_cli.cli.options import (
    WHEN_HELP,
    DateOption,
    ForceOption,
    ListingFormat,
    RecordFormat,
    SignatoryName,
    YesOption,
    period_end_value,
    period_start_value,
    when_value,
)
from accord_cli.cli.session import Session, session_of
from accord_cli.core import changes, queries, timeline
from accord_cli.core.counts import coverage
from accord_cli.core.dates import Granularity, When
from accord_cli.core.membership import history
from accord_cli.core.model import Ledger, Signatory
from accord_cli.render import Format
from accord_cli.render import history as shown
from accord_cli.render.counts import coverage_sentence
from accord_cli.storage import ledger_file
from accord_cli.storage.location import Location

app = noun_app()


def _record_change(
    ctx: typer.Context,
    name: str,
    change: Callable[[Ledger, Signatory, When], Ledger],
    on: When | None,
    fmt: Format,
    force: bool,
) -> None:
    """Load for writing, resolve NAME, apply `change(ledger, signatory, date)` (today unless `on`), save, say
    what was recorded."""
    session = session_of(ctx)
    when = on or When.day(date.today())
    with session.editing() as file:
        signatory = queries.resolve(file.ledger, name)
        updated = change(file.ledger, signatory, when)
        session.save(file, updated, force=force)
    after = next(s for s in updated.signatories if s.id == signatory.id)
    if after.name != signatory.name:  # a rename: a near name is worth a word
        for warning in queries.resemblances(file.ledger, [after.name], signatory.id):
            session.output.note(f"Warning: {warning}; recorded all the same")
    # The event this command added, wherever in the history its date placed it.
    number = next(n for n, e in enumerate(after.events, start=1) if all(e is not old for old in signatory.events))
    session.show(shown.recorded_result(list(history(after))[number], file.label), fmt)


SourceOption = Annotated[Optional[str], typer.Option(metavar="URL", help="Where the fact can be checked.")]
NoteOption = Annotated[Optional[str], typer.Option(metavar="TEXT", help="Free text about it.")]


@app.command()
def leave(
    ctx: typer.Context,
    name: SignatoryName,
    on: DateOption = None,
    reason: Annotated[Optional[str], typer.Option(metavar="TEXT", help="Why it left.")] = None,
    source: SourceOption = None,
    note: NoteOption = None,
    force: ForceOption = False,
    fmt: RecordFormat = Format.table,
) -> None:
    """Record that a signatory left the accord. Its history is kept.

    \b
    Examples:
      accord leave Symantec --date 2020-01-31 --reason "Acquired by Broadcom" --source https://example.org/news
    """
    _record_change(
        ctx, name, lambda lg, s, when: changes.leave(lg, s, when, reason, source=source, note=note), on, fmt, force
    )


@app.command()
def rejoin(
    ctx: typer.Context,
    name: Annotated[
        str, typer.Argument(metavar="NAME", click_type=SIGNATORY, help="Name, alias or id of the former member.")
    ],
    on: DateOption = None,
    source: SourceOption = None,
    note: NoteOption = None,
    force: ForceOption = False,
    fmt: RecordFormat = Format.table,
) -> None:
    """Record that a former member joined again.

    \b
    Examples:
      accord rejoin Symantec --date 2021-06-01 --source https://example.org/news
    """
    _record_change(ctx, name, lambda lg, s, when: changes.rejoin(lg, s, when, source=source, note=note), on, fmt, force)


@app.command()
def rename(
    ctx: typer.Context,
    old: Annotated[str, typer.Argument(metavar="OLD", click_type=SIGNATORY, help="Current name, alias or id.")],
    new: Annotated[str, typer.Argument(metavar="NEW", help="The new name.")],
    on: DateOption = None,
    source: SourceOption = None,
    note: NoteOption = None,
    force: ForceOption = False,
    fmt: RecordFormat = Format.table,
) -> None:
    """Record a new name for a signatory; the old one stays its own, as a former name.

    A rename found later takes its place in date order among the events. To
    correct how the current name is spelled, without recording a change of
    name, use `accord edit NAME --name`.

    \b
    Examples:
      accord rename Facebook "Meta Platforms" --date 2021-10-28 --source https://example.org/news
    """
    _record_change(
        ctx, old, lambda lg, s, when: changes.rename(lg, s, new, when, source=source, note=note), on, fmt, force
    )


@app.command()
def events(
    ctx: typer.Context,
    name: SignatoryName,
    fmt: ListingFormat = Format.table,
) -> None:
    """List one signatory's events, each with the number amend and drop-event take.

    \b
    Examples:
      accord events Symantec
      accord events symantec --format json
    """
    session = session_of(ctx)
    session.show(shown.events_result(list(history(queries.resolve(session.load().ledger, name)))), fmt)


EventNumber = Annotated[
    int, typer.Argument(metavar="N", min=1, help="The event's number, as `accord events` lists it.")
]


@app.command()
def amend(
    ctx: typer.Context,
    name: SignatoryName,
    number: EventNumber,
    on: Annotated[
        Optional[When],
        typer.Option("--date", "-d", parser=when_value, metavar="DATE", help=f"When it really happened: {WHEN_HELP}."),
    ] = None,
    reason: Annotated[Optional[str], typer.Option(metavar="TEXT", help="Why it left; '' clears it.")] = None,
    source: Annotated[
        Optional[str], typer.Option(metavar="URL", help="Where the fact can be checked; '' clears it.")
    ] = None,
    note: Annotated[Optional[str], typer.Option(metavar="TEXT", help="Free text; '' clears it.")] = None,
    force: ForceOption = False,
    fmt: RecordFormat = Format.table,
) -> None:
    """Correct an event recorded wrongly: its date, reason, source or note.

    A correction that would make the history impossible (a leave before the
    join, two leaves in a row, events out of date order) is refused, naming
    the conflict.

    \b
    Examples:
      accord events Symantec
      accord amend Symantec 2 --date 2020-02-03 --source https://example.org/news
    """
    session = session_of(ctx)
    given = {"date": on, "reason": reason, "source": source, "note": note}
    fields = {key: value for key, value in given.items() if value is not None}
    with session.editing() as file:
        before = queries.resolve(file.ledger, name)
        updated = changes.amend_event(file.ledger, before, number, fields)
        session.save(file, updated, force=force)
    after = next(s for s in updated.signatories if s.id == before.id)
    session.show(shown.amended_result(list(history(before))[number], list(history(after))[number], file.label), fmt)


@app.command("drop-event")
def drop_event(
    ctx: typer.Context,
    name: SignatoryName,
    number: EventNumber,
    yes: YesOption = False,
    force: ForceOption = False,
    fmt: RecordFormat = Format.table,
) -> None:
    """Remove an event recorded by mistake, after showing it and asking.

    Dropping a rename gives the signatory back the name it had; only its last
    rename can be dropped. A history left impossible is refused.

    \b
    Examples:
      accord events Symantec
      accord drop-event Symantec 3
    """
    session = session_of(ctx)
    with session.editing() as file:
        signatory = queries.resolve(file.ledger, name)
        updated = changes.drop_event(file.ledger, signatory, number)
        dropped = list(history(signatory))[number]
        session.save(
            file,
            updated,
            force=force,
            dropping=ledger_file.Dropping(events=1),
            showing=f"Event {number} of {signatory.name}: {shown.describe_change(dropped)}.",
            ask=f"Drop it from {file.label}?",
            yes=yes,
        )
    session.show(shown.dropped_result(dropped, number, signatory.name, file.label), fmt)


@app.command()
def diff(
    ctx: typer.Context,
    start: Annotated[
        Optional[date],
        typer.Argument(
            metavar="[FROM]",
            parser=period_end_value,
            help="A date, or the end of a year (2019), quarter (2019-Q2) or month.",
        ),
    ] = None,
    end: Annotated[
        Optional[date], typer.Argument(metavar="[TO]", parser=period_end_value, help="Like FROM. Default: today.")
    ] = None,
    ledger_a: Annotated[
        Optional[Path],
        typer.Option(
            "--ledger-a",
            metavar="OLD.toml",
            exists=True,
            dir_okay=False,
            help="Compare this ledger file (as the old version)...",
        ),
    ] = None,
    ledger_b: Annotated[
        Optional[Path],
        typer.Option(
            "--ledger-b",
            metavar="NEW.toml",
            exists=True,
            dir_okay=False,
            help="...with this one. Default: the ledger in use.",
        ),
    ] = None,
    rev: Annotated[
        Optional[str],
        typer.Option(
            "--rev",
            metavar="REV[..REV]",
            help="Compare the ledger file as git revision REV holds it with the file as it is now, or two "
            "revisions A..B (A.. is A..HEAD).",
        ),
    ] = None,
    fmt: ListingFormat = Format.table,
) -> None:
    """Show who joined, left, rejoined or was renamed between two dates, or two versions of the ledger.

    Between versions, signatories are paired by id (else by name) and compared
    as members today; one deleted from the file counts as having left.

    \b
    Examples:
      accord diff 2018-04-17                 everything since launch day
      accord diff 2019 2020                  changes during 2020
      accord diff 2019-Q2 2019-Q3 --format json
      accord diff --rev HEAD~1               what the last commit changed, and since
      accord diff --rev main..my-branch      what a branch changes
      accord diff --ledger-a old.toml --ledger-b new.toml
    """
    session = session_of(ctx)
    today = date.today()
    if rev is not None or ledger_a is not None or ledger_b is not None:
        if start is not None:
            raise typer.BadParameter(
                "FROM and TO compare dates; --rev and --ledger-a compare versions: give one or the other",
                param_hint="FROM",
            )
        old, new = _versions(session, rev, ledger_a, ledger_b)
        result = timeline.diff_versions(old.ledger, new.ledger, today, old.label, new.label)
    else:
        if start is None:
            raise typer.BadParameter("give a date to compare from, or --rev / --ledger-a", param_hint="FROM")
        end = end or today
        if end < start:
            raise typer.BadParameter(f"{end.isoformat()} is before FROM ({start.isoformat()})", param_hint="TO")
        result = timeline.diff(session.load().ledger, start, end)
    session.show(shown.diff_result(result), fmt)


def _versions(
    session: Session, rev: str | None, ledger_a: Path | None, ledger_b: Path | None
) -> tuple[ledger_file.LedgerFile, ledger_file.LedgerFile]:
    """The old and the new ledger that --rev or --ledger-a/--ledger-b name."""
    if rev is not None:
        if ledger_a is not None or ledger_b is not None:
            raise typer.BadParameter(
                "--rev compares git revisions; leave out --ledger-a/--ledger-b", param_hint="--rev"
            )
        current = session.location()
        old_rev, dots, new_rev = rev.partition("..")
        old = ledger_file.load(current.at(old_rev or "HEAD"))
        new = ledger_file.load(current.at(new_rev or "HEAD")) if dots else ledger_file.load(current)
        return old, new
    if ledger_a is None:
        raise typer.BadParameter("--ledger-b needs --ledger-a, the version to compare it with", param_hint="--ledger-b")
    old = ledger_file.load(Location(ledger_a))
    new = ledger_file.load(Location(ledger_b)) if ledger_b is not None else session.load()
    return old, new


@app.command()
def log(
    ctx: typer.Context,
    since: Annotated[
        Optional[date],
        typer.Option(
            parser=period_start_value, metavar="DATE", help="From DATE (or the start of YYYY, YYYY-Qn, YYYY-MM)."
        ),
    ] = None,
    until: Annotated[
        Optional[date],
        typer.Option(
            parser=period_end_value, metavar="DATE", help="Up to DATE (or the end of YYYY, YYYY-Qn, YYYY-MM)."
        ),
    ] = None,
    fmt: ListingFormat = Format.table,
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
        raise typer.BadParameter(f"{until.isoformat()} is before --since ({since.isoformat()})", param_hint="--until")
    session.show(shown.log_result(timeline.changes(session.load().ledger, since, until)), fmt)


@app.command("timeline")
def growth(
    ctx: typer.Context,
    by: Annotated[Granularity, typer.Option(case_sensitive=False, help="Length of each period.")] = Granularity.year,
    fmt: ListingFormat = Format.table,
) -> None:
    """Show joins, leaves and the member count per period, with bars of the joins and leaves.

    A change whose date falls within one period is counted in it; one whose
    date spans periods, in a row of its own named by its date ("2018", "by
    2021-05-05"), right after the period in which it became certain. Members
    whose dates are too vague to be sure of are counted apart (Possibly).
    Totals that sources report (see `accord counts`) are set beside the
    members the ledger names then.

    \b
    Examples:
      accord timeline
      accord timeline --by quarter
      accord timeline --by month --format csv
    """
    session = session_of(ctx)
    ledger = session.load().ledger
    session.notes += [f"Reported: {coverage_sentence(cover)}" for cover in coverage(ledger)]
    session.show(shown.growth_result(timeline.growth(ledger, by, date.today())), fmt)
