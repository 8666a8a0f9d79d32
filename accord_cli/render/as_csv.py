"""CSV with a header row; lists joined with ';'; safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import re

from accord_cli.core.characters import escape_unsafe, has_unsafe_characters
from accord_cli.render.output import Output
from accord_cli.render.result import Result, columns_of, texts_of

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A column is checked in one go, its cells joined by a character that is neither unsafe nor a formula start.
_JOINER = "\uffff"
_FORMULA_CELL = re.compile(f"{_JOINER}[=+\\-@\t\r]")


def safe_cell(text: str) -> str:
    """A cell a spreadsheet shows as text: a leading formula character is neutralised with a quote."""
    if text.startswith(_FORMULA_STARTS):
        text = "'" + text
    # A line break (a note may hold one) stays one: the csv module quotes the cell around it.
    return "\n".join(escape_unsafe(line) for line in text.split("\n"))


def _safe_column(texts: list[str]) -> list[str]:
    joined = _JOINER + _JOINER.join(texts)
    if not has_unsafe_characters(joined) and not _FORMULA_CELL.search(joined):
        return texts  # the common case: nothing in the column needs neutralising or escaping
    return [safe_cell(text) for text in texts]


def render(result: Result, out: Output) -> None:
    writer = csv.writer(out.stdout, lineterminator="\n")
    writer.writerow(result.fields)
    columns = [_safe_column(texts_of(values, ";")) for values in columns_of(result.records, result.fields)]
    writer.writerows(zip(*columns))
