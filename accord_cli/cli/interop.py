"""Lists in and out: import with a preview, export to other tools, a shareable report."""

import io
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from accord_cli import importing, ledger, roster, timeline, views, watchlists
from accord_cli.cli.common import (
    ForceOption,
    YesOption,
    app,
    confirm,
    date_value,
    session_of,
)
from accord_cli.dates import Granularity
from accord_cli.errors import ImportFileError, LedgerChanged
from accord_cli.render import ColorMode, Format, Output, render


@app.command("import")
def import_list(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(metavar="FILE", help="The list to import.")],
    on: Annotated[Optional[date], typer.Option(
        "--date", "-d", parser=date_value, metavar="YYYY-MM-DD",
        help="Join date for rows that give none, and the leave date with --mirror. Default: today.")] = None,
    file_format: Annotated[Optional[importing.ImportFormat], typer.Option(
        "--format", "-f", case_sensitive=False,
        help="How FILE is written: csv (a 'name' column; optional joined, sector, country, source, aliases, "
             "note), json (accord's export, or a list of names), text (one name per line; bullets and "
             "numbering are dropped). Default: from the extension, else text.")] = None,
    mirror: Annotated[bool, typer.Option(
        "--mirror", help="Also mark current members that FILE does not name as left: FILE is the whole list.")]
    = False,
    reason: Annotated[Optional[str], typer.Option(metavar="TEXT", help="Reason recorded for --mirror leaves.")]
    = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only show the preview.")] = False,
    as_json: Annotated[bool, typer.Option(
        "--json", help="Print the outcome as JSON on stdout instead of the preview table (--format names "
                       "FILE's format here).")] = False,
    yes: YesOption = False,
    force: ForceOption = False,
) -> None:
    """Import a list of organisations: preview what changes, then record it all or nothing.

    Each row is matched with the same name matcher as `add`: names already in
    the ledger are skipped, near names are shown as possible matches and not
    imported, the rest are added. Importing the same file again changes nothing.

    \b
    Examples:
      accord import signatories.txt --date 2026-03-01     a list pasted from a web page
      accord import colleagues.csv --dry-run
      accord import official.txt --mirror --yes            the file is the whole membership
      accord export -f json -o all.json && accord -l new.toml import all.json
      accord import list.txt --dry-run --json                 what would change, for a script
    """
    session = session_of(ctx)
    location = session.location()
    if not dry_run:
        ledger.require_writable(location)
    text = ledger.read_text_file(path, "import file", ImportFileError)
    found = importing.read_rows(text, file_format or importing.format_of(path.name), str(path))
    if not found.rows:
        raise ImportFileError(f"{path} names no organisation to import")
    today = date.today()
    on = on or today
    current = ledger.load(location)
    assert current.ledger is not None
    plan = importing.plan_import(current.ledger, found, on, mirror=mirror)
    preview = views.import_listing(plan, on)
    if as_json:
        session.output.note(preview.summary)
    elif preview.records:
        render(preview, Format.table, session.output)
    else:
        session.output.note(preview.summary)
    if not plan.changes_anything or dry_run:
        session.output.note("Dry run: nothing was written." if plan.changes_anything else
                            f"Nothing to import: {current.label} already has everything {path} adds.")
        if as_json:
            session.write_json(views.import_record(plan, written=False))
        return
    confirm(f"Import into {current.label}: {preview.summary}?", yes)
    with session.editing() as file:
        assert file.ledger is not None
        again = importing.plan_import(file.ledger, found, on, mirror=mirror)
        if views.import_listing(again, on) != preview:
            raise LedgerChanged(f"{file.label} changed while the import waited; nothing was written, "
                                "run the import again to see the new preview")
        ledger.save(file, importing.apply_import(file.ledger, again, on, today, reason), force=force)
    session.output.note(f"Imported into {file.label}.")
    if as_json:
        session.write_json(views.import_record(again, written=True))


class ExportFormat(str, Enum):
    json = "json"
    csv = "csv"
    markdown = "markdown"
    sqlite = "sqlite"


@app.command("export")
def export(
    ctx: typer.Context,
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", case_sensitive=False, help="Output format.")]
    = ExportFormat.json,
    output: Annotated[Optional[Path], typer.Option(
        "--output", "-o", metavar="PATH",
        help="Write to PATH (replaced atomically) instead of stdout. Required for sqlite.")] = None,
) -> None:
    """Export the whole ledger, members past and present with their history.

    json is accord's full export (every field, each signatory's membership
    worked out, readable by `accord import`); csv has one row per signatory and
    is safe to open in a spreadsheet; markdown is a table for a document; sqlite
    is a database with tables signatories, aliases, events, memberships,
    pledges, endorsements, watchlists and watchlist_entries.

    \b
    Examples:
      accord export --format csv -o signatories.csv
      accord export --format sqlite -o accord.db && sqlite3 accord.db "select count(*) from signatories"
      accord export --format json | jq '.signatories[] | select(.membership.member) | .name'
    """
    session = session_of(ctx)
    file = session.load()
    assert file.ledger is not None
    today = date.today()
    if fmt is ExportFormat.sqlite:
        if output is None:
            raise typer.BadParameter("a SQLite database is a binary file: give -o PATH", param_hint="--output")
        from accord_cli.render.as_sqlite import database_bytes

        data = database_bytes(file.ledger, today)
    else:
        out = Output(ColorMode.never, stdout=io.StringIO()) if output else session.output
        if fmt is ExportFormat.json:
            from accord_cli.exporting import export_document
            from accord_cli.render.as_json import dumps

            out.write(dumps(export_document(file.ledger, today)))
        else:
            render(views.export_listing(file.ledger, today), Format(fmt.value), out)
        if output is None:
            return
        assert isinstance(out.stdout, io.StringIO)
        data = out.stdout.getvalue().encode("utf-8")
    assert output is not None
    ledger.write_output(output, data, file.location)
    session.output.note(f"Exported {views.plural(len(file.ledger.signatories), 'signatory', 'signatories')} "
                        f"to {output}.")


@app.command("report")
def report(
    ctx: typer.Context,
    output: Annotated[Optional[Path], typer.Option(
        "--output", "-o", metavar="FILE.md|FILE.html|FILE.svg",
        help="Write the report to a file; its extension picks the format. Default: show it here "
             "(Markdown when piped).")] = None,
    by: Annotated[Granularity, typer.Option(case_sensitive=False, help="Period of the growth table.")]
    = Granularity.year,
) -> None:
    """A one-page summary: totals, growth, newest signatories, pledges and watchlists.

    \b
    Examples:
      accord report
      accord report -o report.md
      accord report -o report.html --by quarter
      accord report -o report.svg                 an image to attach to an issue
    """
    from accord_cli.render import report as report_renderer

    session = session_of(ctx)
    file = session.load()
    assert file.ledger is not None
    today = date.today()
    fmt = None
    if output is not None:
        fmt = report_renderer.SUFFIXES.get(output.suffix.lower())
        if fmt is None:
            raise typer.BadParameter(f"'{output.suffix or output.name}' is not a report format: use "
                                     f"{', '.join(report_renderer.SUFFIXES)}", param_hint="--output")
    members = [st.signatory for st in timeline.members(file.ledger, today)]
    summary = views.report(
        file.ledger, today, timeline.growth(file.ledger, by, today), by.value,
        {name: watchlists.check_watch(file.ledger, list(names), today) for name, names in file.ledger.watchlists.items()},
        roster.pledge_support(file.ledger, members),
    )
    if output is None and session.output.is_terminal:
        report_renderer.draw(summary, session.output)
    elif output is None:
        session.output.write(report_renderer.markdown(summary))
    else:
        assert fmt is not None
        ledger.write_output(output, report_renderer.exported(summary, fmt).encode("utf-8"), file.location)
        session.output.note(f"Wrote {output}.")
