"""Watchlists: `accord missing` and the `accord watchlist` commands."""

from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer

from accord_cli.cli.app import Group, noun_app
from accord_cli.cli.completion import WATCHLIST
from accord_cli.cli.options import (
    AsOfOption,
    DelimiterOption,
    ForceOption,
    ListingFormat,
    RecordFormat,
)
from accord_cli.cli.session import session_of
from accord_cli.core import watchlists
from accord_cli.core.model import Ledger
from accord_cli.render import Format
from accord_cli.render import watch as shown
from accord_cli.storage.files import is_file
from accord_cli.storage.input_files import read_names

app = noun_app()

WatchlistOption = Annotated[
    list[str],
    typer.Option(
        "--watchlist",
        "-w",
        metavar="SOURCE",
        click_type=WATCHLIST,
        help="Who to check: a watchlist of the ledger (bigtech); else an existing file: .toml is another "
        "accord ledger (its members), .csv and .tsv need a 'name' column, anything else is one name per line "
        '(blank lines and # comments skipped); else a comma-separated list ("Apple,Samsung"). '
        "A value that is both a watchlist and a file is refused; so is a second --watchlist.",
    ),
]


def _watch_names(
    ledger: Ledger, value: str, on: date, separator: str | None
) -> tuple[str, list[str], dict[str, tuple[str, ...]]]:
    """The label and the organisation names a --watchlist value stands for, with the other names each
    is known by where the source knows them (another accord's members)."""
    source = watchlists.classify(value, ledger.watchlists, is_file(Path(value)), ledger.signatories)
    also_known_as: dict[str, tuple[str, ...]] = {}
    if separator is not None and (source.path is None or source.path.lower().endswith(".toml")):
        raise typer.BadParameter(
            f"applies to a CSV or text file, and {source.label} is not one", param_hint="--delimiter"
        )
    if source.watchlist is not None:
        names: list[str] = list(watchlists.get_watchlist(ledger, source.watchlist))
    elif source.path is not None:
        found = read_names(Path(source.path), separator)
        if isinstance(found, Ledger):
            also_known_as = watchlists.member_names(found, on)
            names = list(also_known_as)
        else:
            names = found
    else:
        names = list(source.names)
    watchlists.require_names(source.label, names)
    return source.label, names, also_known_as


@app.command()
def missing(
    ctx: typer.Context,
    watchlist: WatchlistOption,
    as_of: AsOfOption = None,
    delimiter: DelimiterOption = None,
    show_signed: Annotated[bool, typer.Option("--show-signed", help="List those who signed too.")] = False,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit with status 1 if anyone has not signed.")
    ] = False,
    fmt: ListingFormat = Format.table,
) -> None:
    """Show who on a watchlist has not signed: missing, former members, possible matches.

    \b
    Examples:
      accord missing --watchlist bigtech
      accord missing --watchlist "Apple,Samsung,Intel" --show-signed
      accord missing --watchlist companies.csv --exit-code --format json
      accord missing --watchlist other-accord.toml     signed that accord, not this one
    """
    if len(watchlist) > 1:
        # Kept apart rather than merged: each list's count ("4 of 6 on bigtech") is what a reader asks for.
        raise typer.BadParameter(
            f"given {len(watchlist)} times ({', '.join(map(repr, watchlist))}); check one "
            "list at a time, or put the names together in one file or inline list",
            param_hint="--watchlist",
        )
    session = session_of(ctx)
    ledger = session.load().ledger
    on = session.as_of(ledger, as_of)
    label, names, also_known_as = _watch_names(ledger, watchlist[0], on, delimiter)
    results = watchlists.check_watch(ledger, names, on, also_known_as)
    session.show(shown.missing_result(results, label, show_signed, as_of), fmt)
    if exit_code and not all(r.has_signed for r in results):
        raise typer.Exit(1)


watchlist_app = noun_app(
    help="""Manage the ledger's watchlists: named lists of organisations to watch.

    \b
    Examples:
      accord watchlist list
      accord watchlist add bigtech Samsung Intel
      accord missing --watchlist bigtech
    """,
    cls=Group,
    no_args_is_help=True,
)
app.add_typer(watchlist_app, name="watchlist")
WatchlistName = Annotated[str, typer.Argument(metavar="NAME", click_type=WATCHLIST, help="The watchlist's name.")]
Organisations = Annotated[list[str], typer.Argument(metavar="ORG...", help="Organisation names.")]


@watchlist_app.command("list")
def watchlist_list(ctx: typer.Context, fmt: ListingFormat = Format.table) -> None:
    """List the watchlists and how many organisations each holds.

    \b
    Examples:
      accord watchlist list
    """
    session = session_of(ctx)
    session.show(shown.watchlists_result(session.load().ledger.watchlists), fmt)


@watchlist_app.command("show")
def watchlist_show(ctx: typer.Context, name: WatchlistName, fmt: ListingFormat = Format.table) -> None:
    """List the organisations on one watchlist.

    \b
    Examples:
      accord watchlist show bigtech
    """
    session = session_of(ctx)
    session.show(shown.organisations_result(name, watchlists.get_watchlist(session.load().ledger, name)), fmt)


@watchlist_app.command("add")
def watchlist_add(
    ctx: typer.Context,
    name: WatchlistName,
    organisations: Annotated[
        Optional[list[str]], typer.Argument(metavar="[ORG]...", help="Organisation names.", show_default=False)
    ] = None,
    from_file: Annotated[
        Optional[Path],
        typer.Option(
            "--from",
            metavar="FILE",
            help="Read the names from FILE, as `missing --watchlist` reads a file: .toml "
            "another ledger's members, .csv and .tsv a 'name' column, anything else "
            "one name per line.",
        ),
    ] = None,
    delimiter: DelimiterOption = None,
    force: ForceOption = False,
    fmt: RecordFormat = Format.table,
) -> None:
    """Add organisations to a watchlist, creating it if it is new.

    Names already on the list, under any spelling the matcher accepts, are
    skipped and named.

    \b
    Examples:
      accord watchlist add bigtech Samsung Intel
      accord watchlist add telecoms "Deutsche Telekom" Vodafone
      accord watchlist add bigtech --from bigtech.txt
    """
    session = session_of(ctx)
    names = list(organisations or ())
    for listed in names:
        if is_file(Path(listed)) and from_file is None:
            raise typer.BadParameter(
                f"{listed!r} is a file; to add the names in it, pass --from {listed}", param_hint="ORG"
            )
    if from_file is not None:
        found = read_names(from_file, delimiter)
        names += list(watchlists.member_names(found, date.today())) if isinstance(found, Ledger) else found
    elif delimiter is not None:
        raise typer.BadParameter("applies to a file given with --from", param_hint="--delimiter")
    if not names:
        raise typer.BadParameter("name the organisations to add, or a file of them with --from", param_hint="ORG")
    with session.editing() as file:
        updated, added = watchlists.add_to_watchlist(file.ledger, name, names)
        session.save(file, updated, force=force)
    not_added = list(added)
    already = [listed for listed in names if not _taken(not_added, listed)]
    session.show(
        shown.added_to_watchlist_result(name.strip(), added, already, len(updated.watchlists[name.strip()])), fmt
    )
    if already:
        session.output.note(f"Already on {name.strip()}, so not added again: {', '.join(already)}.")


def _taken(added: list[str], listed: str) -> bool:
    """Whether `listed` is one of the names added (each counted once)."""
    for index, name in enumerate(added):
        if name == listed.strip():
            del added[index]
            return True
    return False


@watchlist_app.command("remove")
def watchlist_remove(
    ctx: typer.Context,
    name: WatchlistName,
    organisations: Organisations,
    force: ForceOption = False,
    fmt: RecordFormat = Format.table,
) -> None:
    """Take organisations off a watchlist.

    \b
    Examples:
      accord watchlist remove bigtech Twitter
    """
    session = session_of(ctx)
    with session.editing() as file:
        updated = watchlists.remove_from_watchlist(file.ledger, name, organisations)
        session.save(file, updated, force=force)
    session.show(shown.removed_from_watchlist_result(name, organisations, len(updated.watchlists.get(name, ()))), fmt)


@watchlist_app.command("delete")
def watchlist_delete(
    ctx: typer.Context, name: WatchlistName, force: ForceOption = False, fmt: RecordFormat = Format.table
) -> None:
    """Delete a whole watchlist (signatories are never touched).

    \b
    Examples:
      accord watchlist delete old-list
    """
    session = session_of(ctx)
    with session.editing() as file:
        organisations = watchlists.get_watchlist(file.ledger, name)
        session.save(file, watchlists.delete_watchlist(file.ledger, name), force=force)
    session.show(shown.deleted_watchlist_result(name, organisations), fmt)
