"""CSV with a header row; lists joined with ';'; safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import re

from accord_cli.listing import Listing
from accord_cli.render import Output, cell_text
from accord_cli.text import UNSAFE, escape_unsafe

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Cells of a row are checked in one go, joined by a character that is neither unsafe nor a formula start.
_SEPARATOR = "\uffff"
_FORMULA_CELL = re.compile("(?:^|\uffff)[=+\\-@\t\r]")


def safe_cell(text: str) -> str:
    """A cell a spreadsheet shows as text: a leading formula character is neutralised with a quote."""
    if text.startswith(_FORMULA_STARTS):
        text = "'" + text
    return escape_unsafe(text)


def _row(record: dict[str, object], fields: tuple[str, ...]) -> list[str]:
    cells = [value if value.__class__ is str else cell_text(value, ";")  # type: ignore[misc]
             for value in map(record.get, fields)]
    # One check per row instead of one per cell: most rows hold nothing to neutralise or escape.
    joined = _SEPARATOR.join(cells)
    if UNSAFE.isdisjoint(joined) and not _FORMULA_CELL.search(joined):
        return cells
    return [safe_cell(cell) for cell in cells]


def render(listing: Listing, out: Output) -> None:
    writer = csv.writer(out.stdout, lineterminator="\n")
    writer.writerow(listing.fields)
    fields = listing.fields
    writer.writerows(_row(record, fields) for record in listing.records)
