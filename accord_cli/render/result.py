"""What a command hands to a renderer: records, the columns a person sees, and a sentence."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    justify: str = "left"
    style: str | None = None
    # Drawn as a horizontal bar scaled to the column's largest value, on a terminal only.
    bar: bool = False


@dataclass(frozen=True)
class Result:
    """One command's answer, for any format to show.

    `records` carry every field a script may want; JSON and CSV show the keys in
    `fields`, a table and Markdown the `columns`. `sentence` sums the records up
    (under a table, on stderr when piped) or, for a command without columns, is
    the answer itself. JSON shows `document` when the answer is one object
    rather than the list of records.
    """

    records: Sequence[Mapping[str, Any]] = ()
    fields: tuple[str, ...] = ()
    columns: tuple[Column, ...] = ()
    sentence: str = ""
    title: str | None = None
    show_header: bool = True
    # The record key that holds each row's style, for rows coloured by what they are (a diff's + and -).
    row_style: str | None = None
    document: Any = None

    def json_document(self) -> Any:
        if self.document is not None:
            return self.document
        return [{key: record.get(key) for key in self.fields} for record in self.records]


@dataclass(frozen=True)
class Report:
    """A one-page summary: a title, a few facts, then a result per section under its heading."""

    title: str
    facts: tuple[str, ...]
    sections: tuple[tuple[str, Result], ...]


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """`count` and the noun that goes with it: "1 signatory", "34 signatories"."""
    return f"{count:,} {noun if count == 1 else nouns or noun + 's'}"


def cell_text(value: Any, separator: str = ", ") -> str:
    """A record value as one line of text: dates in ISO form, lists joined, nothing for None."""
    if value is None:
        return ""
    kind = value.__class__
    if kind is str:
        return value  # type: ignore[no-any-return]
    if kind is list or kind is tuple:
        return separator.join([item if item.__class__ is str else cell_text(item) for item in value])
    if hasattr(value, "isoformat"):
        return value.isoformat()  # type: ignore[no-any-return]
    return str(value)
