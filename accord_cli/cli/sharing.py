"""Sharing a ledger in git: `git-setup` makes git merge it with `merge-driver`, entry by entry."""

from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer

from accord_cli.cli.app import noun_app
from accord_cli.cli.options import RecordFormat
from accord_cli.cli.session import session_of
from accord_cli.render import Format
from accord_cli.render import sharing as shown
from accord_cli.storage.location import FILENAME

app = noun_app()


@app.command("merge-driver")
def merge_driver(
    ctx: typer.Context,
    base: Annotated[Path, typer.Argument(metavar="BASE", help="The common ancestor's version (git's %O).")],
    ours: Annotated[Path, typer.Argument(metavar="OURS", help="Our version, where the result is written (%A).")],
    theirs: Annotated[Path, typer.Argument(metavar="THEIRS", help="Their version (%B).")],
    path: Annotated[
        Optional[str], typer.Argument(metavar="[PATH]", help="The ledger's path in the repository, for messages (%P).")
    ] = None,
) -> None:
    """Merge three versions of a ledger entry by entry, as git's merge driver. Exit status 1 on a conflict.

    Signatories are matched by id (else by name), pledges by id, reported
    totals by date and source, watchlists by name; fields are merged one by
    one, events, aliases and a watchlist's names as sets. Only true conflicts
    are marked, around the one entry or field at stake: a field changed two
    ways, an entry removed on one side and changed on the other, one
    organisation added on both sides under two ids, or a merged history that
    breaks the rules. The result is written over OURS in canonical layout. A
    version holding comments, which that layout would drop, is left to git's
    own line merge, which stderr says. `accord git-setup` tells git to use it.

    \b
    Examples:
      accord git-setup                                      once: git then runs the driver itself
      accord merge-driver base.toml ours.toml theirs.toml   by hand: the result in ours.toml
    """
    session = session_of(ctx)
    from accord_cli.storage.merging import merge_files

    label = path or ours.name
    outcome = merge_files(base, ours, theirs, label, date.today())
    for line in shown.merge_notes(label, outcome.conflicts, outcome.line_merge, outcome.line_conflicts):
        session.output.note(line)
    if not outcome.is_clean:
        raise typer.Exit(1)


@app.command("git-setup")
def git_setup(ctx: typer.Context, fmt: RecordFormat = Format.table) -> None:
    """Make git merge the ledger entry by entry: .gitattributes and this clone's settings for the driver.

    Appends `accord.toml merge=accord` (the ledger's path in the repository)
    to .gitattributes, keeping what it holds, and sets merge.accord.name and
    merge.accord.driver in the repository's .git/config. Run it once in every
    clone: git does not share its settings. Running it again changes nothing.
    The driver is `accord` where the accord on PATH is this one, else this
    one's full path (a virtual environment not on PATH).

    \b
    Examples:
      accord git-setup
      accord git-setup --format json
    """
    session = session_of(ctx)
    from accord_cli.storage import git

    ledger = session.location().path or Path.cwd() / FILENAME
    root = git.repository_root(ledger.parent.resolve())
    settings = {"merge.accord.name": git.DRIVER_NAME, "merge.accord.driver": git.driver_command(_program())}
    line, added, changed = git.set_up(root, ledger, settings)
    if not ledger.is_file():
        session.output.note(f"Note: there is no ledger at {ledger} yet; git will merge it once there is one.")
    session.show(
        shown.setup_result(
            str(root / ".gitattributes"), line, added, {key: (value, changed[key]) for key, value in settings.items()}
        ),
        fmt,
    )


def _program() -> str:
    """How git is to run accord: by name where the one on PATH is this one (or none other can be told), else
    by the path of the one running, such as a virtual environment's that is not on PATH."""
    import shutil
    import sys

    running = Path(sys.argv[0]).resolve() if Path(sys.argv[0]).name == "accord" else None
    on_path = shutil.which("accord")
    if running is None or (on_path is not None and Path(on_path).resolve() == running):
        return "accord"
    return str(running)
