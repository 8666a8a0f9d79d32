"""Options several commands take, declared once: --format, --date, --as-of, --force, --yes."""

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, Optional, TypeVar

import click
import typer

from accord_cli.cli.completion import SIGNATORY
from accord_cli.core.dates import When, parse_date, parse_when, period_end, period_start
from accord_cli.render import Format


def formats(*choices: Format, help: str = "Output format.") -> Any:
    """A `--format` option offering only the formats a command can produce; Click refuses any other,
    listing these. Used as `Annotated[Format, formats(...)]`."""
    return typer.Option(
        "--format", "-f", click_type=click.Choice([f.value for f in choices], case_sensitive=False), help=help
    )


# A listing: rows of records, in any of the four formats.
ListingFormat = Annotated[Format, formats(Format.table, Format.json, Format.csv, Format.markdown)]
# One answer: a sentence or a record.
RecordFormat = Annotated[
    Format, formats(Format.table, Format.json, help="Output format: table (for a person to read) or json (the record).")
]

# The signatory a command acts on, completed from the ledger.
SignatoryName = Annotated[
    str, typer.Argument(metavar="NAME", click_type=SIGNATORY, help="Name, alias or id of the signatory.")
]

ForceOption = Annotated[
    bool,
    typer.Option(
        "--force",
        help="Write anyway: even if the ledger holds comments, which the rewrite drops, "
        "or a new name reads as another signatory's.",
    ),
]
YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask before writing.")]


Parsed = TypeVar("Parsed")


def _typer_parser(parse: Callable[[str], Parsed]) -> Callable[[str], Parsed]:
    """A core date parser as a Typer parser: its ValueError becomes a usage error naming the option."""

    def parser(text: str) -> Parsed:
        try:
            return parse(text)
        except ValueError as err:
            raise typer.BadParameter(str(err)) from None

    return parser


date_value = _typer_parser(parse_date)
when_value = _typer_parser(parse_when)
# What a date of a fact may be, for --help: as precise as its source.
WHEN_HELP = "YYYY-MM-DD, or as precise as the source: YYYY-MM, YYYY, FROM/TO, ../YYYY-MM-DD for on or before"
period_end_value = _typer_parser(period_end)
period_start_value = _typer_parser(period_start)


def _separator(text: str) -> str:
    named = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";"}.get(text.strip().lower(), text)
    if len(named) != 1 or named in '"\r\n':
        raise typer.BadParameter(f"{text!r} is not a separator: give one character, such as ';' or '|', or 'tab'")
    return named


DelimiterOption = Annotated[
    Optional[str],
    typer.Option(
        "--delimiter",
        parser=_separator,
        metavar="CHAR",
        help="The separator of a CSV file: one character, or 'tab'. Default: told from the header "
        "(',', ';', tab or '|'), or Excel's 'sep=' line; tab for .tsv. Makes a text file CSV.",
    ),
]

AsOfOption = Annotated[
    Optional[date],
    typer.Option(
        "--as-of",
        parser=period_end_value,
        metavar="DATE",
        help="As it stood at the end of DATE (YYYY-MM-DD, or the end of YYYY, YYYY-Qn, YYYY-MM). Default: today.",
    ),
]
DateOption = Annotated[
    Optional[When],
    typer.Option(
        "--date", "-d", parser=when_value, metavar="DATE", help=f"When it happened: {WHEN_HELP}. Default: today."
    ),
]
