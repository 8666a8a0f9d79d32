"""Watchlists: `accord missing` and the `accord watchlist` commands."""

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from accord_cli.cli.app import Group, noun_app
from accord_cli.cli.completion import WATCHLIST
from accord_cli.cli.options import (
    AsOfOption,
    DelimiterOption,
    ForceOption,
    ListingFormat,
)
from accord_cli.cli.session import session_of
from accord_cli.core import watchlists
from accord_cli.core.model import Ledger
from accord_cli.render import Format
from accord_cli.render import watch as shown
from accord_cli.render.result import plural
from accord_cli.storage.files import is_file
from accord_cli.storage.input_files import read_names

app = noun_app()

WatchlistOption = Annotated[
    str,
    typer.Option(
        "--watchlist", "-w", metavar="SOURCE", click_type=WATCHLIST,
        help="Who to check: a watchlist of the ledger (bigtech); else an existing file: .toml is another "
             "accord ledger (its members), .csv and .tsv need a 'name' column, anything else is one name per line "
             "(blank lines and # comments skipped); else a comma-separated list (\"Apple,Samsung\"). "
             "A value that is both a watchlist and a file is refused.",
    ),
]


def _watch_names(ledger: Ledger, value: str, on: date,
                 separator: str | None) -> tuple[str, list[str], dict[str, tuple[str, ...]]]:
    """The label and the organisation names a --watchlist value stands for, with the other names each
    is known by where the source knows them (another accord's members)."""
    source = watchlists.classify(value, ledger.watchlists, is_file(Path(value)), ledger.signatories)
    also_known_as: dict[str, tuple[str, ...]] = {}
    if separator is not None and (source.path is None or source.path.lower().endswith(".toml")):
        raise typer.BadParameter(f"applies to a CSV or text file, and {source.label} is not one",
                                 param_hint="--delimiter")
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
    exit_code: Annotated[bool, typer.Option("--exit-code", help="Exit with status 1 if anyone has not signed.")]
    = False,
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
    session = session_of(ctx)
    ledger = session.load().ledger
    on = session.as_of(ledger, as_of)
    label, names, also_known_as = _watch_names(ledger, watchlist, on, delimiter)
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
def watchlist_add(ctx: typer.Context, name: WatchlistName, organisations: Organisations,
                  force: ForceOption = False) -> None:
    """Add organisations to a watchlist, creating it if it is new.

    \b
    Examples:
      accord watchlist add bigtech Samsung Intel
      accord watchlist add telecoms "Deutsche Telekom" Vodafone
    """
    session = session_of(ctx)
    with session.editing() as file:
        updated, added = watchlists.add_to_watchlist(file.ledger, name, organisations)
        session.save(file, updated, force=force)
    skipped = len(organisations) - len(added)
    session.output.say(f"Added {plural(len(added), 'organisation')} to {name} "
                       f"(now {len(updated.watchlists[name.strip()])}).")
    if skipped:
        session.output.note(f"{plural(skipped, 'name was', 'names were')} already on {name}.")


@watchlist_app.command("remove")
def watchlist_remove(ctx: typer.Context, name: WatchlistName, organisations: Organisations,
                  force: ForceOption = False) -> None:
    """Take organisations off a watchlist.

    \b
    Examples:
      accord watchlist remove bigtech Twitter
    """
    session = session_of(ctx)
    with session.editing() as file:
        updated = watchlists.remove_from_watchlist(file.ledger, name, organisations)
        session.save(file, updated, force=force)
    left = len(updated.watchlists.get(name, ()))
    session.output.say(f"Removed {plural(len(organisations), 'organisation')} from {name}" +
                       (f" (now {left})." if left else "; it was left empty, so it was deleted."))


@watchlist_app.command("delete")
def watchlist_delete(ctx: typer.Context, name: WatchlistName, force: ForceOption = False) -> None:
    """Delete a whole watchlist (signatories are never touched).

    \b
    Examples:
      accord watchlist delete old-list
    """
    session = session_of(ctx)
    with session.editing() as file:
        size = len(watchlists.get_watchlist(file.ledger, name))
        session.save(file, watchlists.delete_watchlist(file.ledger, name), force=force)
    session.output.say(f"Deleted watchlist {name} ({plural(size, 'organisation')}).")
