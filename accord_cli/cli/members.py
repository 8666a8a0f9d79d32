"""Commands about the signatories themselves: init, list, add, pledges, check, show, fmt."""

from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer

from accord_cli import completion, ledger, roster, timeline, views
from accord_cli.cli.common import (
    AsOfOption,
    ForceOption,
    FormatOption,
    YesOption,
    app,
    confirm,
    date_value,
    session_of,
)
from accord_cli.errors import LedgerSyntaxError
from accord_cli.model import Accord, Ledger, Problem
from accord_cli.render import Format, render


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
    session = session_of(ctx)
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
    session = session_of(ctx)
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
    joined: Annotated[Optional[date], typer.Option("--date", "-d", parser=date_value, metavar="YYYY-MM-DD",
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
    force: ForceOption = False,
    fmt: FormatOption = Format.table,
) -> None:
    """Record a new signatory. Refuses a name or alias the ledger already has.

    \b
    Examples:
      accord add Google --date 2026-01-15 --sector internet --country US
      accord add "Hewlett Packard Enterprise" --alias HPE --source https://example.org/news
      accord add Acme --pledge defense --pledge collective-action
    """
    session = session_of(ctx)
    with session.editing() as file:
        assert file.ledger is not None
        today = date.today()
        updated, signatory = roster.add_signatory(
            file.ledger, name, joined=joined or today, today=today, sector=sector, country=country,
            aliases=aliases or (), pledges=pledges or None, source=source, note=note,
        )
        ledger.save(file, updated, force=force)
    for written, existing in roster.lookalikes(file.ledger, signatory.names):
        session.output.note(f"Warning: {written} looks like {existing.name} (id {existing.id}); "
                            "recorded as a new signatory all the same")
    standing = timeline.standing(signatory, signatory.joined)
    if fmt is Format.json:
        session.write_json(views.signatory_record(updated, standing))
    elif fmt is Format.table:
        typer.echo(f"Added {signatory.name} (id {signatory.id}), joined {signatory.joined.isoformat()}, "
                   f"to {file.label}.")
    else:
        render(views.signatory_listing(updated, [standing], 1), fmt, session.output)


@app.command()
def pledges(ctx: typer.Context, as_of: AsOfOption = None, fmt: FormatOption = Format.table) -> None:
    """List the pledges and how many current signatories endorse each.

    \b
    Examples:
      accord pledges
      accord pledges --as-of 2019 --format json
    """
    session = session_of(ctx)
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
    session = session_of(ctx)
    location = session.location()
    try:
        file = ledger.read(location)
    except LedgerSyntaxError as err:
        problem = views.problem_listing([Problem((), err.reason)], f"{err.path}:{err.line}:{err.column}",
                                        lambda _: None)
        render(problem, fmt, session.output)
        raise typer.Exit(1) from None
    from accord_cli.check import find_problems

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
    session = session_of(ctx)
    file = session.load()
    assert file.ledger is not None
    standing = timeline.standing(roster.resolve(file.ledger, name), date.today())
    if fmt is Format.json:
        session.write_json(views.detail_record(file.ledger, standing))
    else:
        render(views.detail_listing(file.ledger, standing), fmt, session.output)




@app.command("fmt")
def format_ledger(
    ctx: typer.Context,
    check_only: Annotated[bool, typer.Option("--check", help="Only report; exit 1 if the file would change.")]
    = False,
    yes: YesOption = False,
) -> None:
    """Rewrite the ledger in accord's canonical layout, showing the diff first and asking.

    Every write produces this layout; run fmt once after editing by hand.
    Comments are dropped by the rewrite, which the diff shows.

    \b
    Examples:
      accord fmt                   show the changes, then ask
      accord fmt --check           exit 1 if the file is not canonical (for CI)
      accord fmt --yes             rewrite without asking
    """
    session = session_of(ctx)
    with session.editing() as file:
        assert file.ledger is not None
        canonical = ledger.dumps(file.ledger)
        if canonical == file.text:
            typer.echo(f"{file.label} is already in canonical form.")
            return
        from accord_cli.text import line_diff

        session.output.write(line_diff(file.text, canonical, file.label))
        if check_only:
            raise typer.Exit(1)
        confirm(f"Rewrite {file.label}?", yes)
        ledger.save(file, file.ledger, force=True)
    typer.echo(f"Rewrote {file.label}.", err=True)
