"""The `accord` command line: parse arguments, call the core, render, save. No logic of its own."""

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from typer.core import TyperGroup

from accord_cli import (
    __version__,
    completion,
    ledger,
    roster,
    timeline,
    views,
    watchlists,
)
from accord_cli.check import find_problems
from accord_cli.dates import Granularity, parse_date, period_end, period_start
from accord_cli.errors import AccordError, LedgerSyntaxError
from accord_cli.model import Accord, Ledger, Problem, Signatory
from accord_cli.render import ColorMode, Format, Output, render


class AccordGroup(TyperGroup):
    """Turns every AccordError into one line on stderr and exit status 2."""

    def invoke(self, ctx: typer.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AccordError as err:
            typer.echo(f"Error: {err}", err=True)
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

    def load_for_writing(self) -> ledger.LedgerFile:
        return ledger.load_for_writing(self.location())


def _session(ctx: typer.Context) -> Session:
    session: Session = ctx.obj  # set by main_options, which runs before every command
    return session


def _typer_parser(parse: Callable[[str], date]) -> Callable[[str], date]:
    """A core date parser as a Typer parser: its ValueError becomes a usage error naming the option."""

    def parser(text: str) -> date:
        try:
            return parse(text)
        except ValueError as err:
            raise typer.BadParameter(str(err)) from None

    return parser


_date_value = _typer_parser(parse_date)
_period_end_value = _typer_parser(period_end)
_period_start_value = _typer_parser(period_start)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"accord {__version__}")
        raise typer.Exit()


FormatOption = Annotated[
    Format, typer.Option("--format", "-f", case_sensitive=False, help="Output format.")
]
AsOfOption = Annotated[
    Optional[date],
    typer.Option("--as-of", parser=_period_end_value, metavar="DATE",
                 help="As it stood at the end of DATE (YYYY-MM-DD, or the end of YYYY, YYYY-Qn, YYYY-MM). "
                      "Default: today."),
]
DateOption = Annotated[
    Optional[date],
    typer.Option("--date", "-d", parser=_date_value, metavar="YYYY-MM-DD", help="When it happened. Default: today."),
]


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

    Exit status: 0 success, 1 a check found problems, 2 an error.
    """
    ctx.obj = Session(ledger_path, Output(color))


@app.command()
def init(
    ctx: typer.Context,
    path: Annotated[Optional[Path], typer.Argument(
        metavar="[PATH]", help="Where to write it. Default: --ledger, else ./accord.toml.")] = None,
    empty: Annotated[bool, typer.Option("--empty", help="Start a blank accord instead of the Tech Accord.")] = False,
    name: Annotated[Optional[str], typer.Option(
        "--name", metavar="NAME", help="Name of the blank accord (with --empty).")] = None,
) -> None:
    """Create a new ledger, a copy of the built-in one unless --empty. Never overwrites a file.

    \b
    Examples:
      accord init                             ./accord.toml with the Tech Accord's signatories
      accord init pledges/paris.toml --empty --name "Paris Call"
    """
    session = _session(ctx)
    if name is not None and not empty:
        raise typer.BadParameter("--name only applies to a blank ledger; add --empty", param_hint="--name")
    target = path or session.ledger_path or Path(ledger.FILENAME)
    if empty:
        created = Ledger(Accord(name=(name or "").strip() or "New accord"))
        text = ledger.dumps(created)
    else:
        builtin = ledger.load(ledger.Location(None))
        assert builtin.ledger is not None
        created, text = builtin.ledger, builtin.text
    ledger.create(target, text)
    count = views.plural(len(created.signatories), "signatory", "signatories")
    typer.echo(f"Created {target}: {created.accord.name}, {count}.")


@app.command("list")
def list_signatories(
    ctx: typer.Context,
    sector: Annotated[Optional[str], typer.Option(metavar="SECTOR", help="Only this sector, e.g. security.")] = None,
    country: Annotated[Optional[str], typer.Option(metavar="CC", help="Only this ISO 3166 country code, e.g. US.")] = None,
    search: Annotated[Optional[str], typer.Option(help="Only names or aliases containing TEXT (any case).",
                                                  metavar="TEXT")] = None,
    sort: Annotated[roster.SortKey, typer.Option(case_sensitive=False, help="Order of the rows.")]
    = roster.SortKey.name,
    show_all: Annotated[bool, typer.Option("--all", help="Also list former members, with the date they left.")]
    = False,
    as_of: AsOfOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """List the signatories: current members, or as they stood on a date.

    \b
    Examples:
      accord list
      accord list --sector security --sort joined
      accord list --country US --format csv > us.csv
      accord list --search meta --format json
      accord list --as-of 2019-Q4 --all
    """
    session = _session(ctx)
    file = session.load()
    assert file.ledger is not None
    on = as_of or date.today()
    pool = (timeline.ever_joined if show_all else timeline.members)(file.ledger, on)
    chosen = roster.select(pool, sector=roster.checked_sector(file.ledger.signatories, sector),
                           country=roster.checked_country(country), search=search)
    listing = views.signatory_listing(file.ledger, roster.sort_standings(chosen, sort), len(pool), show_all)
    render(listing, fmt, session.output)


@app.command()
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="The organisation's name as it signed.")],
    joined: Annotated[Optional[date], typer.Option("--date", "-d", parser=_date_value, metavar="YYYY-MM-DD",
                                                   help="When it signed. Default: today.")] = None,
    sector: Annotated[Optional[str], typer.Option(metavar="SECTOR", help="Sector, e.g. security, telecom.")] = None,
    country: Annotated[Optional[str], typer.Option(metavar="CC", help="ISO 3166 alpha-2 country code, e.g. US.")] = None,
    aliases: Annotated[Optional[list[str]], typer.Option("--alias", metavar="NAME", help="Another name it is known by; repeatable.")]
    = None,
    pledges: Annotated[Optional[list[str]], typer.Option(
        "--pledge", metavar="ID", autocompletion=completion.pledge_ids, help="A pledge it endorses; repeatable. Default: all of the accord's pledges.")]
    = None,
    source: Annotated[Optional[str], typer.Option(metavar="URL", help="URL where the fact can be checked.")] = None,
    note: Annotated[Optional[str], typer.Option(metavar="TEXT", help="Free text.")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Record a new signatory. Refuses a name or alias the ledger already has.

    \b
    Examples:
      accord add Google --date 2026-01-15 --sector internet --country US
      accord add "Hewlett Packard Enterprise" --alias HPE --source https://example.org/news
      accord add Acme --pledge defense --pledge collective-action
    """
    session = _session(ctx)
    file = session.load_for_writing()
    assert file.ledger is not None
    today = date.today()
    updated, signatory = roster.add_signatory(
        file.ledger, name, joined=joined or today, today=today, sector=sector, country=country,
        aliases=aliases or (), pledges=pledges or None, source=source, note=note,
    )
    ledger.save(file, updated)
    for written, existing in roster.lookalikes(file.ledger, signatory.names):
        session.output.note(f"Warning: {written} looks like {existing.name} (id {existing.id}); "
                            "recorded as a new signatory all the same")
    standing = timeline.standing(signatory, signatory.joined)
    if fmt is Format.json:
        _write_json(session, views.signatory_record(updated, standing))
    elif fmt is Format.table:
        typer.echo(f"Added {signatory.name} (id {signatory.id}), joined {signatory.joined.isoformat()}, "
                   f"to {file.label}.")
    else:
        render(views.signatory_listing(updated, [standing], 1), fmt, session.output)


def _write_json(session: Session, data: Any) -> None:
    from accord_cli.render.as_json import dumps

    session.output.write(dumps(data))


@app.command()
def pledges(ctx: typer.Context, as_of: AsOfOption = None, fmt: FormatOption = Format.table) -> None:
    """List the pledges and how many current signatories endorse each.

    \b
    Examples:
      accord pledges
      accord pledges --as-of 2019 --format json
    """
    session = _session(ctx)
    file = session.load()
    assert file.ledger is not None
    members = [st.signatory for st in timeline.members(file.ledger, as_of or date.today())]
    listing = views.pledge_listing(file.ledger, roster.pledge_support(file.ledger, members), len(members))
    render(listing, fmt, session.output)


@app.command()
def check(ctx: typer.Context, fmt: FormatOption = Format.table) -> None:
    """Validate the ledger and list every problem found. Exit status 1 if there are any.

    Finds TOML syntax errors, unknown keys, wrong types, duplicate names or
    aliases, unknown pledge ids, bad country codes and impossible dates.

    \b
    Examples:
      accord check
      accord --ledger other.toml check --format json
    """
    session = _session(ctx)
    location = session.location()
    try:
        file = ledger.read(location)
    except LedgerSyntaxError as err:
        problem = views.problem_listing([Problem((), err.reason)], f"{err.path}:{err.line}:{err.column}",
                                        lambda _: None)
        render(problem, fmt, session.output)
        raise typer.Exit(1) from None
    problems = list(file.problems)
    if file.ledger is not None:
        problems += find_problems(file.ledger, date.today())
    if not problems:
        count = len(file.ledger.signatories) if file.ledger else 0
        if fmt is Format.json:
            render(views.problem_listing([], file.label, file.line_of), fmt, session.output)
        else:
            typer.echo(f"No problems found in {file.label} ({views.plural(count, 'signatory', 'signatories')}).")
        return
    problems.sort(key=lambda p: file.line_of(p.path) or 0)
    render(views.problem_listing(problems, file.label, file.line_of), fmt, session.output)
    raise typer.Exit(1)


def _record_change(ctx: typer.Context, name: str, change: Callable[[Ledger, Signatory, date], Ledger],
                   fmt: Format) -> None:
    """Load for writing, resolve NAME, apply `change(ledger, signatory, today)`, save, report."""
    session = _session(ctx)
    file = session.load_for_writing()
    assert file.ledger is not None
    today = date.today()
    signatory = roster.resolve(file.ledger, name)
    updated = change(file.ledger, signatory, today)
    ledger.save(file, updated)
    after = next(s for s in updated.signatories if s.id == signatory.id)
    recorded = list(timeline.history(after))[-1]
    if fmt is Format.json:
        _write_json(session, views.change_record(recorded))
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
    fmt: ChangeFormatOption = Format.table,
) -> None:
    """Record that a signatory left the accord. Its history is kept.

    \b
    Examples:
      accord leave Symantec --date 2020-01-31 --reason "Acquired by Broadcom"
    """
    _record_change(ctx, name, lambda lg, s, today: roster.leave(lg, s, on or today, today, reason), fmt)


@app.command()
def rejoin(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", autocompletion=completion.signatory_names, help="Name, alias or id of the former member.")],
    on: DateOption = None,
    fmt: ChangeFormatOption = Format.table,
) -> None:
    """Record that a former member joined again.

    \b
    Examples:
      accord rejoin Symantec --date 2021-06-01
    """
    _record_change(ctx, name, lambda lg, s, today: roster.rejoin(lg, s, on or today, today), fmt)


@app.command()
def rename(
    ctx: typer.Context,
    old: Annotated[str, typer.Argument(metavar="OLD", autocompletion=completion.signatory_names, help="Current name, alias or id.")],
    new: Annotated[str, typer.Argument(metavar="NEW", help="The new name.")],
    on: DateOption = None,
    fmt: ChangeFormatOption = Format.table,
) -> None:
    """Record a new name for a signatory; the old one stays findable as an alias.

    \b
    Examples:
      accord rename Facebook "Meta Platforms" --date 2021-10-28
    """
    _record_change(ctx, old, lambda lg, s, today: roster.rename(lg, s, new, on or today, today), fmt)


@app.command()
def show(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", autocompletion=completion.signatory_names, help="Name, alias or id of the signatory.")],
    fmt: Annotated[Format, typer.Option("--format", "-f", case_sensitive=False,
                                        help="Output format: table or json.")] = Format.table,
) -> None:
    """Show one signatory in full: names over time, memberships, pledges, source.

    \b
    Examples:
      accord show "Trend Micro"
      accord show meta --format json
    """
    session = _session(ctx)
    file = session.load()
    assert file.ledger is not None
    standing = timeline.standing(roster.resolve(file.ledger, name), date.today())
    if fmt is Format.json:
        _write_json(session, views.detail_record(file.ledger, standing))
    else:
        render(views.detail_listing(file.ledger, standing), fmt, session.output)


@app.command()
def diff(
    ctx: typer.Context,
    start: Annotated[date, typer.Argument(metavar="FROM", parser=_period_end_value,
                                          help="A date, or the end of a year (2019), quarter (2019-Q2) or month.")],
    end: Annotated[Optional[date], typer.Argument(metavar="[TO]", parser=_period_end_value,
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
    session = _session(ctx)
    end = end or date.today()
    if end < start:
        raise typer.BadParameter(f"{end.isoformat()} is before FROM ({start.isoformat()})", param_hint="TO")
    file = session.load()
    assert file.ledger is not None
    result = timeline.diff(file.ledger, start, end)
    if fmt is Format.json:
        _write_json(session, views.diff_record(result))
    elif fmt is Format.table:
        from accord_cli.render.as_table import render_diff

        render_diff(views.diff_listing(result), session.output)
    else:
        render(views.diff_listing(result), fmt, session.output)


@app.command()
def log(
    ctx: typer.Context,
    since: Annotated[Optional[date], typer.Option(parser=_period_start_value, metavar="DATE",
                                                  help="From DATE (or the start of YYYY, YYYY-Qn, YYYY-MM).")] = None,
    until: Annotated[Optional[date], typer.Option(parser=_period_end_value, metavar="DATE",
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
    session = _session(ctx)
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
    session = _session(ctx)
    file = session.load()
    assert file.ledger is not None
    render(views.growth_listing(timeline.growth(file.ledger, by, date.today())), fmt, session.output)


WatchlistOption = Annotated[
    str,
    typer.Option(
        "--watchlist", "-w", metavar="SOURCE", autocompletion=completion.watchlist_names,
        help="Who to check: a watchlist of the ledger (bigtech); else an existing file: .toml is another "
             "accord ledger (its members), .csv needs a 'name' column, anything else is one name per line "
             "(blank lines and # comments skipped); else a comma-separated list (\"Apple,Samsung\"). "
             "A value that is both a watchlist and a file is refused.",
    ),
]


def _watch_names(file: ledger.LedgerFile, value: str, on: date) -> tuple[str, list[str]]:
    """The label and the organisation names a --watchlist value stands for."""
    assert file.ledger is not None
    source = watchlists.classify(value, file.ledger.watchlists, Path(value).is_file())
    if source.watchlist is not None:
        names: list[str] = list(watchlists.get_watchlist(file.ledger, source.watchlist))
    elif source.path is not None:
        found = ledger.read_name_list(Path(source.path))
        names = watchlists.member_names(found, on) if isinstance(found, Ledger) else found
    else:
        names = list(source.names)
    watchlists.require_names(source.label, names)
    return source.label, names


@app.command()
def missing(
    ctx: typer.Context,
    watchlist: WatchlistOption,
    as_of: AsOfOption = None,
    show_signed: Annotated[bool, typer.Option("--show-signed", help="List those who signed too.")] = False,
    exit_code: Annotated[bool, typer.Option("--exit-code", help="Exit with status 1 if anyone has not signed.")]
    = False,
    fmt: FormatOption = Format.table,
) -> None:
    """Show who on a watchlist has not signed: missing, former members, possible matches.

    \b
    Examples:
      accord missing --watchlist bigtech
      accord missing --watchlist "Apple,Samsung,Intel" --show-signed
      accord missing --watchlist companies.csv --exit-code --format json
      accord missing --watchlist other-accord.toml     signed that accord, not this one
    """
    session = _session(ctx)
    file = session.load()
    assert file.ledger is not None
    on = as_of or date.today()
    label, names = _watch_names(file, watchlist, on)
    results = watchlists.check_watch(file.ledger, names, on)
    render(views.watch_listing(results, label, show_signed, as_of), fmt, session.output)
    if exit_code and not all(r.has_signed for r in results):
        raise typer.Exit(1)


watchlist_app = typer.Typer(
    help="""Manage the ledger's watchlists: named lists of organisations to watch.

    \b
    Examples:
      accord watchlist list
      accord watchlist add bigtech Samsung Intel
      accord missing --watchlist bigtech
    """,
    no_args_is_help=True,
)
app.add_typer(watchlist_app, name="watchlist")
WatchlistName = Annotated[str, typer.Argument(metavar="NAME", autocompletion=completion.watchlist_names,
                                              help="The watchlist's name.")]
Organisations = Annotated[list[str], typer.Argument(metavar="ORG...", help="Organisation names.")]


@watchlist_app.command("list")
def watchlist_list(ctx: typer.Context, fmt: FormatOption = Format.table) -> None:
    """List the watchlists and how many organisations each holds.

    \b
    Examples:
      accord watchlist list
    """
    session = _session(ctx)
    file = session.load()
    assert file.ledger is not None
    render(views.watchlists_listing(file.ledger.watchlists), fmt, session.output)


@watchlist_app.command("show")
def watchlist_show(ctx: typer.Context, name: WatchlistName, fmt: FormatOption = Format.table) -> None:
    """List the organisations on one watchlist.

    \b
    Examples:
      accord watchlist show bigtech
    """
    session = _session(ctx)
    file = session.load()
    assert file.ledger is not None
    render(views.organisations_listing(name, watchlists.get_watchlist(file.ledger, name)), fmt, session.output)


@watchlist_app.command("add")
def watchlist_add(ctx: typer.Context, name: WatchlistName, organisations: Organisations) -> None:
    """Add organisations to a watchlist, creating it if it is new.

    \b
    Examples:
      accord watchlist add bigtech Samsung Intel
      accord watchlist add telecoms "Deutsche Telekom" Vodafone
    """
    session = _session(ctx)
    file = session.load_for_writing()
    assert file.ledger is not None
    updated, added = watchlists.add_to_watchlist(file.ledger, name, organisations)
    ledger.save(file, updated)
    skipped = len(organisations) - len(added)
    typer.echo(f"Added {views.plural(len(added), 'organisation')} to {name} "
               f"(now {len(updated.watchlists[name.strip()])}).")
    if skipped:
        session.output.note(f"{views.plural(skipped, 'name was', 'names were')} already on {name}.")


@watchlist_app.command("remove")
def watchlist_remove(ctx: typer.Context, name: WatchlistName, organisations: Organisations) -> None:
    """Take organisations off a watchlist.

    \b
    Examples:
      accord watchlist remove bigtech Twitter
    """
    session = _session(ctx)
    file = session.load_for_writing()
    assert file.ledger is not None
    updated = watchlists.remove_from_watchlist(file.ledger, name, organisations)
    ledger.save(file, updated)
    typer.echo(f"Removed {views.plural(len(organisations), 'organisation')} from {name} "
               f"(now {len(updated.watchlists[name])}).")


@watchlist_app.command("delete")
def watchlist_delete(ctx: typer.Context, name: WatchlistName) -> None:
    """Delete a whole watchlist (signatories are never touched).

    \b
    Examples:
      accord watchlist delete old-list
    """
    session = _session(ctx)
    file = session.load_for_writing()
    assert file.ledger is not None
    size = len(watchlists.get_watchlist(file.ledger, name))
    ledger.save(file, watchlists.delete_watchlist(file.ledger, name))
    typer.echo(f"Deleted watchlist {name} ({views.plural(size, 'organisation')}).")


def main() -> None:
    app(prog_name="accord")
