"""CSV with a header row; lists joined with ';'; safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import re

from accord_cli.core.characters import UNSAFE, escape_unsafe
from accord_cli.render.output import Output
from accord_cli.render.result import Result, cell_text

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Cells of a row are checked in one go, joined by a character that is neither unsafe nor a formula start.
_SEPARATOR = "\uffff"
_FORMULA_CELL = re.compile("\uffff[=+\\-@\t\r]")


def safe_cell(text: str) -> str:
    """A cell a spreadsheet shows as text: a leading formula character is neutralised with a quote."""
    if text.startswith(_FORMULA_STARTS):
        text = "'" + text
    return escape_unsafe(text)


def _cell(value: object) -> str:
    try:
        return ";".join(value) if value.__class__ in (list, tuple) else cell_text(value, ";")  # type: ignore[arg-type]
    except TypeError:  # a list holding something other than text
        return cell_text(value, ";")


def _line(record: dict[str, object], fields: tuple[str, ...]) -> str | list[str]:
    """The row as a ready CSV line when no cell needs quoting or neutralising; else its cells."""
    cells = []
    append = cells.append
    for value in map(record.get, fields):
        if value.__class__ is str:
            append(value)
        elif value is None:
            append("")
        else:
            append(_cell(value))
    # One check per row instead of one per cell: most rows need no quoting, escaping or neutralising.
    line = ",".join(cells)
    if (line.count(",") == len(cells) - 1 and '"' not in line and UNSAFE.isdisjoint(line)
            and not _FORMULA_CELL.search(_SEPARATOR + _SEPARATOR.join(cells))):
        return line
    return [safe_cell(cell) for cell in cells]


def render(result: Result, out: Output) -> None:
    fields = result.fields
    writer = csv.writer(out.stdout, lineterminator="\n")
    writer.writerow(fields)
    plain: list[str] = []
    for record in result.records:
        line = _line(record, fields)
        if isinstance(line, str):
            plain.append(line)
            continue
        if plain:  # keep the order: flush the plain lines gathered so far, then the quoted row
            out.stdout.write("\n".join(plain) + "\n")
            plain.clear()
        writer.writerow(line)
    if plain:
        out.stdout.write("\n".join(plain) + "\n")
