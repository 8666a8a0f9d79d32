"""The accord's pledges: `accord pledges` lists them, `accord pledge add|edit|remove` keeps them."""

from typing import Annotated, Optional

import typer

from accord_cli.cli.app import Group, noun_app
from accord_cli.cli.completion import PLEDGE
from accord_cli.cli.options import AsOfOption, ForceOption, ListingFormat, RecordFormat, YesOption
from accord_cli.cli.session import confirm, session_of
from accord_cli.core import pledges as pledge_changes
from accord_cli.core import queries
from accord_cli.core.membership import members
from accord_cli.render import Format
from accord_cli.render import members as shown
from accord_cli.render.result import plural

app = noun_app()


@app.command()
def pledges(ctx: typer.Context, as_of: AsOfOption = None, fmt: ListingFormat = Format.table) -> None:
    """List the pledges and how many current signatories endorse each.

    \b
    Examples:
      accord pledges
      accord pledges --as-of 2019 --format json
      accord list --pledge no-offense          who endorses one of them
    """
    session = session_of(ctx)
    ledger = session.load().ledger
    current = [st.signatory for st in members(ledger, session.as_of(ledger, as_of))]
    session.show(shown.pledges_result(ledger, queries.pledge_support(ledger, current), len(current)), fmt)


pledge_app = noun_app(
    cls=Group,
    no_args_is_help=True,
    help="""Add, correct or remove the accord's pledges.

    \b
    Examples:
      accord pledge add defense --title "Stronger defense" --source https://example.org/accord
      accord pledge edit defense --summary "Protect every user and customer everywhere."
      accord pledges
    """,
)
app.add_typer(pledge_app, name="pledge")
PledgeId = Annotated[str, typer.Argument(metavar="ID", click_type=PLEDGE, help="The pledge's id, a slug.")]
SummaryOption = Annotated[Optional[str], typer.Option(metavar="TEXT", help="What it commits to; '' clears it.")]
SourceOption = Annotated[Optional[str], typer.Option(metavar="URL", help="Where it is written; '' clears it.")]


@pledge_app.command("add")
def pledge_add(
    ctx: typer.Context,
    pledge_id: Annotated[str, typer.Argument(metavar="ID", help="A slug that names it for good, e.g. no-offense.")],
    title: Annotated[str, typer.Option(metavar="TEXT", help="Its title.")],
    summary: SummaryOption = None,
    source: SourceOption = None,
    force: ForceOption = False,
    fmt: RecordFormat = Format.table,
) -> None:
    """Add a pledge. Signatories that endorse all pledges endorse it too.

    \b
    Examples:
      accord pledge add defense --title "Stronger defense"
      accord pledge add no-offense --title "No offense" --summary "Oppose cyberattacks on citizens."
    """
    session = session_of(ctx)
    with session.editing() as file:
        updated = pledge_changes.add_pledge(file.ledger, pledge_id, title, summary, source)
        session.save(file, updated, force=force)
    added = next(p for p in updated.pledges if p.id == pledge_id)
    session.show(shown.pledge_result(f"Added pledge {pledge_id} to {file.label}.", added), fmt)


@pledge_app.command("edit")
def pledge_edit(
    ctx: typer.Context,
    pledge_id: PledgeId,
    title: Annotated[Optional[str], typer.Option(metavar="TEXT", help="Its title.")] = None,
    summary: SummaryOption = None,
    source: SourceOption = None,
    force: ForceOption = False,
    fmt: RecordFormat = Format.table,
) -> None:
    """Correct a pledge's title, summary or source. Its id never changes.

    \b
    Examples:
      accord pledge edit defense --summary "Protect every user and customer everywhere."
      accord pledge edit defense --source ''
    """
    session = session_of(ctx)
    fields = {
        key: value for key, value in (("title", title), ("summary", summary), ("source", source)) if value is not None
    }
    with session.editing() as file:
        updated = pledge_changes.edit_pledge(file.ledger, pledge_id, fields)
        changed = session.save(file, updated, force=force)
    session.show(
        shown.pledge_result(
            f"Corrected pledge {pledge_id} in {file.label}."
            if changed
            else f"Nothing to change: pledge {pledge_id} already reads so.",
            next(p for p in updated.pledges if p.id == pledge_id),
            changed=changed,
        ),
        fmt,
    )


@pledge_app.command("remove")
def pledge_remove(
    ctx: typer.Context,
    pledge_id: PledgeId,
    yes: YesOption = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Also take it off the lists of signatories that name it (after showing them and asking), "
            "and write even if the ledger holds comments.",
        ),
    ] = False,
    fmt: RecordFormat = Format.table,
) -> None:
    """Remove a pledge. Refused while a signatory names it in its own list, unless --force.

    \b
    Examples:
      accord pledge remove capacity-building
      accord pledge remove capacity-building --force --yes
    """
    session = session_of(ctx)
    with session.editing() as file:
        updated = pledge_changes.remove_pledge(file.ledger, pledge_id, force=force)
        naming = pledge_changes.explicit_endorsers(file.ledger, pledge_id)
        if naming:
            session.output.note(
                f"{plural(len(naming), 'signatory', 'signatories')} will no longer list it: "
                + ", ".join(s.name for s in naming)
            )
            confirm(f"Remove pledge {pledge_id} from {file.label}?", yes)
        session.save(file, updated, force=force)
    removed = next(p for p in file.ledger.pledges if p.id == pledge_id)
    session.show(
        shown.pledge_result(
            f"Removed pledge {pledge_id} from {file.label}.", removed, no_longer_listed_by=[s.id for s in naming]
        ),
        fmt,
    )
