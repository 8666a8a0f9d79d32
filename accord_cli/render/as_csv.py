"""CSV with a header row; lists joined with ';'; safe to open in a spreadsheet."""

from __future__ import annotations

import csv

from accord_cli.listing import Listing
from accord_cli.render import Output, cell_text
from accord_cli.text import escape_unsafe

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(text: str) -> str:
    """A cell a spreadsheet shows as text: a leading formula character is neutralised with a quote."""
    if text.startswith(_FORMULA_STARTS):
        text = "'" + text
    return escape_unsafe(text)


def render(listing: Listing, out: Output) -> None:
    writer = csv.writer(out.stdout, lineterminator="\n")
    writer.writerow(listing.fields)
    for record in listing.records:
        writer.writerow([safe_cell(cell_text(record.get(key), ";")) for key in listing.fields])
