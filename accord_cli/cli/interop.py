"""Lists in and out: import with a preview, export to other tools, a shareable report."""

from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer
from msgspec import structs

from accord_cli.cli.app import noun_app
from accord_cli.cli.options import (
    WHEN_HELP,
    AsOfOption,
    DelimiterOption,
    ForceOption,
    YesOption,
    formats,
    when_value,
)
from accord_cli.cli.session import confirm, session_of
from accord_cli.core import importing, queries, timeline, watchlists
from accord_cli.core.counts import coverage
from accord_cli.core.dates import Granularity, When
from accord_cli.core.errors import LedgerChanged
from accord_cli.core.membership import members
from accord_cli.core.rules import refuse_new_problems
from accord_cli.render import BINARY, Format
from accord_cli.render import interop as shown
from accord_cli.render.report import report as report_sections
from accord_cli.render.report import report_page
from accord_cli.render.result import Result, plural
from accord_cli.storage import ledger_file
from accord_cli.storage.input_files import InputFormat, read_import_file

app = noun_app()

OutcomeFormat = Annotated[
    Format,
    formats(
        Format.table, Format.json, help="Output format: table (the preview, then a sentence) or json (the outcome)."
    ),
]
ExportFormat = Annotated[Format, formats(Format.json, Format.csv, Format.markdown, Format.sqlite)]
ReportFormat = Annotated[
    Optional[Format],
    formats(
        Format.table,
        Format.markdown,
        Format.html,
        Format.svg,
        help="Output format. Default: from --output's extension, else table on a terminal and markdown when piped.",
    ),
]


@app.command("import")
def import_list(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(metavar="FILE", help="The list to import.")],
    on: Annotated[
        Optional[When],
        typer.Option(
            "--date",
            "-d",
            parser=when_value,
            metavar="DATE",
            help=f"Join date for rows that give none, and the leave date with --mirror: {WHEN_HELP}. Default: today.",
        ),
    ] = None,
    file_format: Annotated[
        Optional[InputFormat],
        typer.Option(
            "--file-format",
            case_sensitive=False,
            help="How FILE is written: csv or tsv (a 'name' column; optional columns joined, sector, country, "
            "source, aliases, pledges, note, id), json (accord's export, or a list of names), text (one name "
            "per line; bullets and numbering are dropped). Default: from the extension, else text.",
        ),
    ] = None,
    delimiter: DelimiterOption = None,
    ignore_columns: Annotated[
        Optional[list[str]],
        typer.Option(
            "--ignore-column",
            metavar="NAME",
            help="A column of FILE to leave out, a signatory's field or not; repeatable. Any other column that is "
            "no field of a signatory is refused (the columns accord's own CSV works out, such as status, are "
            "passed over).",
        ),
    ] = None,
    mirror: Annotated[
        bool,
        typer.Option(
            "--mirror",
            help="FILE is the whole list: mark current members it does not name as left, and former "
            "members it names as rejoined.",
        ),
    ] = False,
    with_pledges: Annotated[
        bool,
        typer.Option(
            "--with-pledges", help="From another accord's JSON export, bring the pledges this ledger lacks too."
        ),
    ] = False,
    with_counts: Annotated[
        bool, typer.Option("--with-counts", help="From another accord's JSON export, bring its reported totals too.")
    ] = False,
    reason: Annotated[Optional[str], typer.Option(metavar="TEXT", help="Reason recorded for --mirror leaves.")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only show the preview.")] = False,
    yes: YesOption = False,
    force: ForceOption = False,
    fmt: OutcomeFormat = Format.table,
) -> None:
    """Import a list of organisations: preview what changes, then record it all or nothing.

    Each row is matched with the same name matcher as `add`: names already in
    the ledger are skipped, former members are shown with the date they left
    (and with --mirror recorded as rejoined), near names are shown as possible
    matches and not imported, the rest are added. Footnote marks pasted with a
    name ("Arm[1]", "Acme*") are dropped. Importing the same file again changes
    nothing.

    \b
    Examples:
      accord import signatories.txt --date 2026-03-01     a list pasted from a web page
      accord import colleagues.csv --dry-run
      accord import export.txt --delimiter ';'             a spreadsheet's list, whatever its extension
      accord import official.txt --mirror --yes            the file is the whole membership
      accord export -f json -o all.json && accord -l new.toml import all.json
      accord import list.txt --dry-run --format json       what would change, for a script
    """
    session = session_of(ctx)
    location = session.location()
    if not dry_run:
        ledger_file.require_writable(location)
    today = date.today()
    on = on or When.day(today)
    found = read_import_file(path, file_format, on, delimiter, frozenset(ignore_columns or ()))
    planning = {"mirror": mirror, "allow_lookalikes": force, "with_pledges": with_pledges, "with_counts": with_counts}

    def show_preview(plan: importing.ImportPlan) -> Result:
        preview = shown.import_preview(plan, on)
        if fmt is Format.table and preview.records:
            session.show(preview)  # for the person about to confirm; a script reads the outcome as JSON
        else:
            session.output.note(preview.sentence)
        return preview

    if yes and not dry_run:  # no one to wait for: planned once, under the lock, and the rules applied once, by save
        with session.editing() as file:
            plan = importing.plan_import(file.ledger, found, on, **planning)
            if plan.changes_anything:
                session.save(file, importing.apply_import(file.ledger, plan, on, today, reason), force=force)
        show_preview(plan)
        sentence = (
            f"Imported into {file.label}."
            if plan.changes_anything
            else f"Nothing to import: {file.label} already has everything {path} adds."
        )
        session.show(shown.import_outcome(plan, sentence, written=plan.changes_anything), fmt)
        return
    current = ledger_file.load(location)
    plan = importing.plan_import(current.ledger, found, on, **planning)
    # What the write would check, checked before anything is shown, so that a dry run fails as the import would.
    refuse_new_problems(
        current.ledger, importing.apply_import(current.ledger, plan, on, today, reason), today, force=force
    )
    preview = show_preview(plan)
    if not plan.changes_anything or dry_run:
        sentence = (
            "Dry run: nothing was written."
            if plan.changes_anything
            else f"Nothing to import: {current.label} already has everything {path} adds."
        )
        session.show(shown.import_outcome(plan, sentence, written=False), fmt)
        return
    confirm(f"Import into {current.label}: {preview.sentence}?", yes)
    with session.editing() as file:
        again = importing.plan_import(file.ledger, found, on, **planning)
        if shown.import_preview(again, on) != preview:
            raise LedgerChanged(
                f"{file.label} changed while the import waited; nothing was written, "
                "run the import again to see the new preview"
            )
        session.save(file, importing.apply_import(file.ledger, again, on, today, reason), force=force)
    session.show(shown.import_outcome(again, f"Imported into {file.label}.", written=True), fmt)


@app.command("export")
def export(
    ctx: typer.Context,
    fmt: ExportFormat = Format.json,
    output: Annotated[
        Optional[Path],
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help="Write to PATH (replaced atomically) instead of stdout. Required for sqlite.",
        ),
    ] = None,
    as_of: AsOfOption = None,
) -> None:
    """Export the whole ledger, members past and present with their history.

    json is accord's full export (the whole ledger, and beside it each
    signatory's membership worked out; readable by `accord import`); csv has one row per signatory and
    is safe to open in a spreadsheet; markdown is a table for a document; sqlite
    is a database with tables signatories, aliases, events, memberships,
    pledges, endorsements, watchlists and watchlist_entries.

    \b
    Examples:
      accord export --format csv -o signatories.csv
      accord export --format sqlite -o accord.db && sqlite3 accord.db "select count(*) from signatories"
      accord export --format json | jq '.memberships[] | select(.member) | .name'
      accord export --format csv --as-of 2020     each one's standing at the end of 2020
    """
    session = session_of(ctx)
    if fmt in BINARY and output is None:
        raise typer.BadParameter(f"{fmt.value} is a binary format: give -o PATH", param_hint="--output")
    ledger = session.load().ledger
    session.show(shown.export_result(ledger, session.as_of(ledger, as_of)), fmt, to=output)
    if output is not None:
        session.output.note(f"Exported {plural(len(ledger.signatories), 'signatory', 'signatories')} to {output}.")


# The report formats a file's extension implies.
REPORT_SUFFIXES = {
    ".md": Format.markdown,
    ".markdown": Format.markdown,
    ".html": Format.html,
    ".htm": Format.html,
    ".svg": Format.svg,
}


@app.command("report")
def report(
    ctx: typer.Context,
    output: Annotated[
        Optional[Path],
        typer.Option(
            "--output",
            "-o",
            metavar="FILE.md|FILE.html|FILE.svg",
            help="Write the report to a file, in the format its extension names unless --format says; '-' for "
            "stdout. A Markdown file gets its chart beside it, as FILE-growth.svg.",
        ),
    ] = None,
    by: Annotated[
        Granularity, typer.Option(case_sensitive=False, help="Period of the growth table.")
    ] = Granularity.year,
    as_of: AsOfOption = None,
    fmt: ReportFormat = None,
) -> None:
    """A one-page summary: totals, growth, newest and former members, renames, pledges and watchlists.

    As a web page (-o report.html: one standalone file, a chart of membership
    over time, every source a link), Markdown (-o report.md, with the chart
    beside it as report-growth.svg), the chart alone (-o report.svg), or on
    the terminal.

    \b
    Examples:
      accord report
      accord report -o report.html
      accord report -o report.md --by quarter
      accord report -o report.svg                 the chart, for slides and articles
      accord report -o 2020.md --as-of 2020       the accord as it stood at the end of 2020
      accord report -o - --format html > page.html
    """
    session = session_of(ctx)
    if output is not None and str(output) == "-":  # `-o -`: stdout, as without -o
        output = None
    if fmt is None and output is not None:
        fmt = REPORT_SUFFIXES.get(output.suffix.lower())
        if fmt is None:
            raise typer.BadParameter(
                f"'{output.suffix or output.name}' is not a report format: use "
                f"{', '.join(REPORT_SUFFIXES)}, or --format",
                param_hint="--output",
            )
    if fmt is None:
        fmt = Format.table if session.output.is_terminal else Format.markdown
    if fmt is Format.table and output is not None:
        raise typer.BadParameter(
            "a table is for the terminal; write a file as markdown, html or svg", param_hint="--format"
        )
    ledger = session.load().ledger
    on = session.as_of(ledger, as_of)
    current = [st.signatory for st in members(ledger, on)]
    steps = timeline.Steps(ledger)  # members over time, which the growth table, totals and chart all read
    page = report_page(
        ledger,
        on,
        timeline.growth(ledger, by, on, steps),
        by.value,
        watchlists.check_watchlists(ledger, on),
        queries.pledge_support(ledger, current),
        [cover for cover in coverage(ledger, steps) if cover.count.date.last <= on],
        steps,
    )
    summary = report_sections(ledger, page)
    if fmt is Format.markdown and output is not None:  # the chart goes beside the page, as an image it links to
        chart = output.with_name(f"{output.stem}-growth.svg")
        for target in (output, chart):  # neither is written if either would be the ledger
            ledger_file.refuse_the_ledger_as_output(target, session.location())
        summary = structs.replace(summary, chart_file=chart.name)
        session.show_files((summary, Format.svg, chart), (summary, fmt, output))
        session.output.note(f"Wrote {chart}.")
    else:
        session.show(summary, fmt, to=output)
    if output is not None:
        session.output.note(f"Wrote {output}.")
