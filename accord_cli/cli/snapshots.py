"""Saved copies of the signatories list: sync them into a dated, sourced history."""

from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer
from msgspec import structs

from accord_cli.cli.app import noun_app
from accord_cli.cli.options import ForceOption, YesOption, date_value, formats
from accord_cli.cli.session import confirm, session_of
from accord_cli.core import snapshots
from accord_cli.core.errors import LedgerChanged
from accord_cli.core.rules import refuse_new_problems
from accord_cli.render import Format
from accord_cli.render import snapshots as shown
from accord_cli.storage import ledger_file
from accord_cli.storage.pages import read_snapshot

app = noun_app()

OutcomeFormat = Annotated[
    Format,
    formats(
        Format.table,
        Format.json,
        help="Output format: table (the preview, then a sentence) or json (the plan and outcome).",
    ),
]


def _rename_pair(text: str) -> tuple[str, str]:
    old, equals, new = text.partition("=")
    if not equals or not old.strip() or not new.strip():
        raise typer.BadParameter(f"'{text}' is not OLD=NEW, the name before and the name after", param_hint="--rename")
    return old.strip(), new.strip()


@app.command("sync")
def sync(
    ctx: typer.Context,
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="SNAPSHOT...",
            help="Saved copies of the signatories list: web pages (.html), or any file `accord import` reads.",
        ),
    ],
    seen: Annotated[
        Optional[date],
        typer.Option(
            "--seen",
            parser=date_value,
            metavar="DATE",
            help="The day the copy was saved (YYYY-MM-DD). Default: the web archive's timestamp in the file's "
            "name or in the page's archived address.",
        ),
    ] = None,
    source: Annotated[
        Optional[str],
        typer.Option(
            metavar="URL", help="Where the copy can be checked. Default: the page's archived or canonical address."
        ),
    ] = None,
    select: Annotated[
        Optional[str],
        typer.Option(
            metavar="CSS",
            help="The elements of a page that hold the names (their text, or their logo's alt "
            "or title). Default: found on the page.",
        ),
    ] = None,
    renames: Annotated[
        Optional[list[str]],
        typer.Option(
            "--rename",
            metavar="OLD=NEW",
            help="A member missing from a copy that names NEW was renamed, not replaced; repeatable.",
        ),
    ] = None,
    partial: Annotated[
        bool,
        typer.Option(
            "--partial",
            help="The copy names only some members (a page that did not load whole): record what it "
            "adds, and no leaves.",
        ),
    ] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only show the preview.")] = False,
    yes: YesOption = False,
    force: ForceOption = False,
    fmt: OutcomeFormat = Format.table,
) -> None:
    """Sync saved copies of the signatories list: every change between two copies, dated by them.

    Each copy names who was a member on the day it was saved. Against the copy
    before it (the first: against the accord's launch), a name new to the ledger
    joined between the two days, a former member rejoined, a member it no longer
    names left; each is recorded with that interval and the copy's source, and
    the copy itself with its count of names. Copies are applied oldest first;
    syncing one again changes nothing.

    \b
    Examples:
      accord sync web.archive.org_web_20190415093000_example.org_signatories.html
      accord sync saved/*.html --dry-run                 every copy, oldest first
      accord sync page.html --seen 2020-02-03 --source https://example.org/signatories
      accord sync page.html --select 'ul.members li'     the names are in these elements
      accord sync 2021.html --rename 'Old Name=New Name'
      accord sync page.html --format json --dry-run      the plan, for a script
    """
    session = session_of(ctx)
    location = session.location()
    if (seen or source) and len(paths) > 1:
        raise typer.BadParameter(
            "--seen and --source describe one copy: give one SNAPSHOT with them", param_hint="--seen/--source"
        )
    pairs = [_rename_pair(text) for text in renames or ()]
    if not dry_run:
        ledger_file.require_writable(location)
    files = [read_snapshot(path, select) for path in paths]
    files = [structs.replace(f, seen=seen or f.seen, source=source or f.source) for f in files]
    today = date.today()
    current = ledger_file.load(location)
    plans, updated = snapshots.sync(current.ledger, files, today, renames=pairs, partial=partial)
    refuse_new_problems(current.ledger, updated, today, force=force)  # a dry run fails where the sync would
    preview = shown.sync_preview(plans)
    if fmt is Format.table:
        session.show(preview)
    else:
        session.output.note(preview.sentence)
    changes = any(plan.changes_anything for plan in plans)
    if not changes or dry_run:
        sentence = "Dry run: nothing was written." if changes else f"Nothing to sync: {current.label} has it all."
        session.show(shown.sync_outcome(plans, sentence, written=False), fmt)
        return
    confirm(f"Sync into {current.label}: {preview.sentence}?", yes)
    with session.editing() as file:
        again, updated = snapshots.sync(file.ledger, files, today, renames=pairs, partial=partial)
        if shown.sync_preview(again) != preview:
            raise LedgerChanged(
                f"{file.label} changed while the sync waited; nothing was written, run the sync "
                "again to see the new preview"
            )
        session.save(file, updated, force=force)
    session.show(shown.sync_outcome(again, f"Synced into {file.label}.", written=True), fmt)
