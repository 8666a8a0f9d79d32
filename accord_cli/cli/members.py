"""Commands about the signatories themselves: init, list, add, pledges, check, show, fmt."""

import os
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer
from msgspec import structs

from accord_cli.cli.app import noun_app
from accord_cli.cli.completion import PLEDGE
from accord_cli.cli.options import (
    WHEN_HELP,
    AsOfOption,
    ForceOption,
    ListingFormat,
    RecordFormat,
    SignatoryName,
    YesOption,
    date_value,
    when_value,
)
from accord_cli.cli.session import confirm, session_of
from accord_cli.core import changes, queries
from accord_cli.core.characters import unsafe_character
from accord_cli.core.dates import When
from accord_cli.core.errors import (
    LedgerSyntaxError,
    LedgerWriteError,
    UnresolvedMergeConflict,
)
from accord_cli.core.membership import ever_joined, members, standing
from accord_cli.core.model import Accord, Ledger, Problem, Signatory
from accord_cli.core.pledges import get_pledge
from accord_cli.render import Format
from accord_cli.render import members as shown
from accord_cli.storage import ledger_file
from accord_cli.storage.location import BUILT_IN, FILENAME

app = noun_app()


@app.command()
def init(
    ctx: typer.Context,
    path: Annotated[
        Optional[str],
        typer.Argument(
            metavar="[PATH]",
            help="Where to write it (a folder: accord.toml in it). Default: --ledger, else ./accord.toml.",
        ),
    ] = None,
    empty: Annotated[bool, typer.Option("--empty", help="Start a blank accord instead of the Tech Accord.")] = False,
    name: Annotated[
        Optional[str], typer.Option("--name", metavar="NAME", help="Name of the blank accord (with --empty).")
    ] = None,
    launched: Annotated[
        Optional[date],
        typer.Option(
            "--launched",
            parser=date_value,
            metavar="YYYY-MM-DD",
            help="When the blank accord launched (with --empty); no one can join before.",
        ),
    ] = None,
    url: Annotated[
        Optional[str], typer.Option("--url", metavar="URL", help="Where to read the blank accord (with --empty).")
    ] = None,
    parents: Annotated[bool, typer.Option("--parents", help="Create the folders PATH needs.")] = False,
    fmt: RecordFormat = Format.table,
) -> None:
    """Create a new ledger, a copy of the built-in one unless --empty. Never overwrites a file.

    \b
    Examples:
      accord init                             ./accord.toml with the Tech Accord's signatories
      accord init paris.toml --empty --name "Paris Call" --launched 2018-11-12
      accord init pledges/ --parents          pledges/accord.toml, making the folder
    """
    session = session_of(ctx)
    for value, option in ((name, "--name"), (launched, "--launched"), (url, "--url")):
        if value is not None and not empty:
            raise typer.BadParameter(f"{option} only applies to a blank ledger; add --empty", param_hint=option)
    target = Path(path) if path else session.ledger_path or Path(FILENAME)
    if target.is_dir() or (path or "").endswith(("/", os.sep)):
        target = target / FILENAME
    if not target.parent.is_dir():
        if not parents:
            raise LedgerWriteError(
                f"cannot write {target}: the folder {target.parent.resolve()} does not exist "
                "(pass --parents to create it); nothing was changed"
            )
        target.parent.mkdir(parents=True)
    if empty:
        if name is not None and not name.strip():
            raise typer.BadParameter("an accord needs a name; leave --name out for 'New accord'", param_hint="--name")
        accord_name = changes.clean_name(name, "the accord's name") if name else "New accord"
        if url and (found := unsafe_character(url)):
            raise typer.BadParameter(f"contains {found}", param_hint="--url")
        created = Ledger(Accord(name=accord_name, launched=launched, url=(url or "").strip() or None))
        from accord_cli.core.rules import refuse_new_problems

        refuse_new_problems(Ledger(Accord(accord_name)), created, date.today())
        text = ledger_file.dumps(created)
    else:
        builtin = ledger_file.load(BUILT_IN)
        created, text = builtin.ledger, builtin.text
    ledger_file.create(target, text)
    session.show(shown.created_result(str(target), created), fmt)


@app.command("list")
def list_signatories(
    ctx: typer.Context,
    sector: Annotated[Optional[str], typer.Option(metavar="SECTOR", help="Only this sector, e.g. security.")] = None,
    country: Annotated[
        Optional[str], typer.Option(metavar="CC", help="Only this ISO 3166 country code, e.g. US.")
    ] = None,
    search: Annotated[
        Optional[str], typer.Option(metavar="TEXT", help="Only names or aliases containing TEXT (any case).")
    ] = None,
    sort: Annotated[
        queries.SortKey, typer.Option(case_sensitive=False, help="Order of the rows.")
    ] = queries.SortKey.name,
    pledge: Annotated[
        Optional[str], typer.Option(metavar="ID", click_type=PLEDGE, help="Only those endorsing this pledge.")
    ] = None,
    show_all: Annotated[bool, typer.Option("--all", help="Also list former members, with the date they left.")] = False,
    as_of: AsOfOption = None,
    fmt: ListingFormat = Format.table,
) -> None:
    """List the signatories: current members, or as they stood on a date.

    \b
    Examples:
      accord list
      accord list --sector security --sort joined
      accord list --country US --format csv > us.csv
      accord list --search meta --format json
      accord list --as-of 2019-Q4 --all
      accord list --pledge no-offense      who endorses one pledge
    """
    session = session_of(ctx)
    ledger = session.load().ledger
    on = session.as_of(ledger, as_of)
    pool = ever_joined(ledger, on) if show_all else members(ledger, on, possible=True)
    chosen = queries.select(
        pool,
        sector=queries.checked_sector(ledger.signatories, sector),
        country=queries.checked_country(country),
        search=search,
        pledge=pledge and get_pledge(ledger, pledge).id,
    )
    session.show(shown.list_result(ledger, queries.sort_standings(chosen, sort), len(pool), show_all), fmt)


@app.command()
def add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="The organisation's name as it signed.")],
    joined: Annotated[
        Optional[When],
        typer.Option(
            "--date", "-d", parser=when_value, metavar="DATE", help=f"When it signed: {WHEN_HELP}. Default: today."
        ),
    ] = None,
    sector: Annotated[Optional[str], typer.Option(metavar="SECTOR", help="Sector, e.g. security, telecom.")] = None,
    country: Annotated[
        Optional[str], typer.Option(metavar="CC", help="ISO 3166 alpha-2 country code, e.g. US.")
    ] = None,
    aliases: Annotated[
        Optional[list[str]], typer.Option("--alias", metavar="NAME", help="Another name it is known by; repeatable.")
    ] = None,
    pledges: Annotated[
        Optional[list[str]],
        typer.Option(
            "--pledge",
            metavar="ID",
            click_type=PLEDGE,
            help="A pledge it endorses; repeatable. Default: all of the accord's pledges.",
        ),
    ] = None,
    source: Annotated[Optional[str], typer.Option(metavar="URL", help="URL where the fact can be checked.")] = None,
    note: Annotated[Optional[str], typer.Option(metavar="TEXT", help="Free text.")] = None,
    force: ForceOption = False,
    fmt: RecordFormat = Format.table,
) -> None:
    """Record a new signatory. Refuses a name or alias the ledger already has.

    \b
    Examples:
      accord add Google --date 2026-01-15 --sector internet --country US
      accord add "Acme Security" --alias Acme --source https://example.org/news
      accord add Acme --pledge defense --pledge collective-action
    """
    session = session_of(ctx)
    today = date.today()
    request = Signatory(
        id="",
        name=name,
        joined=joined or When.day(today),
        sector=sector,
        country=country,
        aliases=tuple(aliases or ()),
        pledges=tuple(pledges) if pledges else None,
        source=source,
        note=note,
    )
    with session.editing() as file:
        updated, (signatory,) = changes.add_signatories(file.ledger, [request], today)
        session.save(file, updated, force=force)
    for warning in queries.resemblances(file.ledger, signatory.names):
        session.output.note(f"Warning: {warning}; recorded as a new signatory all the same")
    session.show(shown.added_result(updated, signatory, file.label), fmt)


@app.command()
def edit(
    ctx: typer.Context,
    name: SignatoryName,
    new_name: Annotated[
        Optional[str],
        typer.Option(
            "--name", metavar="TEXT", help="The current name, spelled right (no rename is recorded; see rename)."
        ),
    ] = None,
    sector: Annotated[Optional[str], typer.Option(metavar="SECTOR", help="Sector; '' clears it.")] = None,
    country: Annotated[Optional[str], typer.Option(metavar="CC", help="ISO 3166 alpha-2 code; '' clears it.")] = None,
    source: Annotated[
        Optional[str], typer.Option(metavar="URL", help="Where the facts can be checked; '' clears it.")
    ] = None,
    note: Annotated[Optional[str], typer.Option(metavar="TEXT", help="Free text; '' clears it.")] = None,
    add_aliases: Annotated[
        Optional[list[str]],
        typer.Option("--add-alias", metavar="NAME", help="Another name it is known by; repeatable."),
    ] = None,
    remove_aliases: Annotated[
        Optional[list[str]], typer.Option("--remove-alias", metavar="NAME", help="An alias to take off; repeatable.")
    ] = None,
    pledges: Annotated[
        Optional[list[str]],
        typer.Option(
            "--pledge", metavar="ID", click_type=PLEDGE, help="The pledges it endorses, all of them given; repeatable."
        ),
    ] = None,
    all_pledges: Annotated[
        bool, typer.Option("--all-pledges", help="It endorses every pledge of the accord, those added later too.")
    ] = False,
    joined: Annotated[
        Optional[When],
        typer.Option(
            "--date",
            "-d",
            "--joined",
            parser=when_value,
            metavar="DATE",
            help=f"When it signed (the join date; --joined is the same): {WHEN_HELP}.",
        ),
    ] = None,
    force: ForceOption = False,
    fmt: RecordFormat = Format.table,
) -> None:
    """Correct what the ledger says of a signatory: name, sector, country, source, note, aliases, pledges.

    Shows each field it changed, before and after; changes nothing, and says
    so, when everything already reads as asked. What `accord check` would
    report (a name or alias of another signatory, an unknown pledge or country
    code) is refused with its words. A former name is history, not an alias:
    it cannot be removed.

    \b
    Examples:
      accord edit Vmware --name VMware
      accord edit Acme --sector security --country US --source https://example.org/news
      accord edit Meta --add-alias "Meta Platforms"
      accord edit Acme --pledge defense --pledge collective-action
      accord edit Acme --note ''                    clears the note
    """
    if pledges and all_pledges:
        raise typer.BadParameter("give --pledge or --all-pledges, not both", param_hint="--all-pledges")
    session = session_of(ctx)
    given: dict[str, object] = {
        "name": new_name,
        "sector": sector,
        "country": country,
        "source": source,
        "note": note,
        "joined": joined,
        "pledges": tuple(pledges) if pledges else None,
    }
    fields = {key: value for key, value in given.items() if value is not None}
    if all_pledges:
        fields["pledges"] = None
    today = date.today()
    with session.editing() as file:
        before = queries.resolve(file.ledger, name)
        updated = changes.edit(
            file.ledger, before, fields, add_aliases=add_aliases or (), remove_aliases=remove_aliases or ()
        )
        session.save(file, updated, force=force)
    after = next(s for s in updated.signatories if s.id == before.id)
    for warning in queries.resemblances(file.ledger, [n for n in after.names if n not in before.names], before.id):
        session.output.note(f"Warning: {warning}; recorded all the same")
    session.show(shown.edited_result(updated, before, after, today, file.label), fmt)


@app.command()
def remove(
    ctx: typer.Context,
    name: SignatoryName,
    yes: YesOption = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Remove it even with history after its joining, or named on a watchlist; and write even "
            "if the ledger holds comments.",
        ),
    ] = False,
    fmt: RecordFormat = Format.table,
) -> None:
    """Remove a signatory recorded by mistake, after showing it and its history and asking.

    A signatory with history after its joining (a leave, a rename), or one a
    watchlist names, is more than a mistaken line: it is removed only with
    --force, and watchlists keep their entries. To record that a member left,
    use `accord leave`: its history stays.

    \b
    Examples:
      accord remove Gogle                   shows the entry, then asks
      accord remove Gogle --yes
      accord remove acme --force --yes      with its events
    """
    session = session_of(ctx)
    with session.editing() as file:
        signatory = queries.resolve(file.ledger, name)
        removal = changes.plan_removal(file.ledger, signatory)
        updated = changes.remove(file.ledger, removal, force=force)
        session.save(
            file,
            updated,
            force=force,
            dropping=ledger_file.Dropping(signatories=1, events=len(signatory.events)),
            showing=shown.removal_preview(removal),
            ask=f"Remove {signatory.name} from {file.label}?",
            yes=yes,
        )
    session.show(shown.removed_result(file.ledger, removal, date.today(), file.label), fmt)


@app.command()
def check(ctx: typer.Context, fmt: ListingFormat = Format.table) -> None:
    """Validate the ledger and list every problem found. Exit status 1 if there are any.

    Finds unresolved merge conflicts, TOML syntax errors, unknown keys, wrong types, duplicate names or
    aliases, unknown pledge ids, bad country codes and impossible dates and
    histories, each with the line and column where it is written. Every write
    is held to the same rules. Notes (worth knowing, wrong with nothing) are
    listed too and do not fail the check.

    \b
    Examples:
      accord check
      accord --ledger other.toml check --format json
    """
    session = session_of(ctx)
    try:
        found = ledger_file.inspect(session.location())
    except LedgerSyntaxError as err:
        position = (err.line, err.column)
        session.show(shown.problems_result([Problem((), err.reason)], err.path, lambda _: position), fmt)
        raise typer.Exit(1) from None
    except UnresolvedMergeConflict as err:
        session.show(shown.conflicts_result(err.label, err.conflicts), fmt)
        raise typer.Exit(1) from None
    from accord_cli.core.rules import find_problems

    problems = list(found.problems)
    if found.readable is not None:  # the problems of meaning too, among all that decodes
        problems += [
            structs.replace(p, path=found.readable.in_document(p.path))
            for p in find_problems(found.readable.ledger, date.today())
        ]
    if not problems:
        assert found.ledger is not None  # a ledger that cannot be built has a fatal problem
        session.show(shown.no_problems_result(found.label, len(found.ledger.signatories)), fmt)
        return
    problems.sort(key=lambda p: found.position(p) or (0, 0))
    session.show(shown.problems_result(problems, found.label, found.position), fmt)
    if not all(p.note for p in problems):
        raise typer.Exit(1)


@app.command()
def show(
    ctx: typer.Context,
    name: SignatoryName,
    fmt: RecordFormat = Format.table,
) -> None:
    """Show one signatory in full: names over time, memberships, pledges, source.

    \b
    Examples:
      accord show "Trend Micro"
      accord show meta --format json
    """
    session = session_of(ctx)
    ledger = session.load().ledger
    session.show(
        shown.show_result(ledger, standing(queries.resolve(ledger, name), date.today(), ledger.accord.launched)), fmt
    )


@app.command("fmt")
def format_ledger(
    ctx: typer.Context,
    check_only: Annotated[bool, typer.Option("--check", help="Only report; exit 1 if the file would change.")] = False,
    yes: YesOption = False,
    fmt: RecordFormat = Format.table,
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
        folded = changes.canonical(file.ledger)
        canonical = file.written(folded)
        if canonical == file.text:
            session.show(shown.formatted_result(file.label, "", canonical=True, rewritten=False), fmt)
            return
        diff = shown.canonical_diff(file.text, canonical, file.label)
        if fmt is Format.table:  # for the person deciding; a script reads it in the JSON
            session.output.write(diff)
        if check_only:
            if fmt is Format.json:
                session.show(shown.formatted_result(file.label, diff, canonical=False, rewritten=False), fmt)
            raise typer.Exit(1)
        confirm(f"Rewrite {file.label}?", yes)
        session.save(file, folded, force=True)
    if fmt is Format.json:
        session.show(shown.formatted_result(file.label, diff, canonical=False, rewritten=True), fmt)
    else:
        session.output.note(f"Rewrote {file.label}.")
