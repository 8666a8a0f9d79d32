"""What a command hands to a renderer: records, the columns a person sees, and a sentence."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from operator import itemgetter
from typing import Any, Literal, overload

from msgspec import Struct

from accord_cli.core.characters import has_unsafe_characters
from accord_cli.core.dates import When


class Column(Struct, frozen=True):
    key: str
    header: str
    justify: Literal["left", "right", "center"] = "left"
    style: str | None = None
    # Drawn as a horizontal bar scaled to the column's largest value, on a terminal only.
    bar: bool = False
    # Text to be read in full (a note, a source, a problem): on a narrow terminal it wraps onto more
    # lines where other columns are cut short.
    wrap: bool = False
    # Labels that, cut, would say something else ("2018-04-18/2018-04-30", "by 2021-05-05"): kept whole, as
    # figures are.
    whole: bool = False
    # Web addresses: links where the format has them (Markdown, a web page).
    link: bool = False


class Columns(Sequence[dict[str, Any]]):
    """Records held column by column, the shape a long listing is built in and drawn from.

    A hundred thousand signatories make ten lists here instead of a hundred
    thousand dicts; a record is put together only when one is asked for.
    """

    def __init__(self, columns: dict[str, list[Any]]) -> None:
        self.columns = columns
        self._length = len(next(iter(columns.values()), ()))

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> dict[str, Any]: ...

    @overload
    def __getitem__(self, index: slice) -> list[dict[str, Any]]: ...

    def __getitem__(self, index: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._length))]
        return {key: column[index] for key, column in self.columns.items()}


class Result(Struct, frozen=True):
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
        return [dict(zip(self.fields, row)) for row in zip(*columns_of(self.records, self.fields))]


def corrections_result(records: list[dict[str, Any]], sentence: str) -> Result:
    """What a correction changed, field by field (`field`, `before`, `after`), and a sentence saying so."""
    return Result(
        records=records,
        fields=("field", "before", "after"),
        columns=(
            Column("field", "Field", style="bold"),
            Column("before", "Before", style="red"),
            Column("after", "After", style="green"),
        )
        if records
        else (),
        sentence=sentence,
    )


class Report(Struct, frozen=True):
    """A one-page summary: a title, a few facts, then a result per section under its heading.

    `page` holds what the sections were made from, for formats that lay it out themselves (a web
    page, a chart); `chart_file` is where a Markdown report's chart is written beside it, if anywhere.
    """

    title: str
    facts: tuple[str, ...]
    sections: tuple[tuple[str, Result], ...]
    page: Any = None
    chart_file: str | None = None


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """`count` and the noun that goes with it: "1 signatory", "34 signatories"."""
    return f"{count:,} {noun if count == 1 else nouns or noun + 's'}"


def link_site(url: str) -> str | None:
    """The site a web address is shown by where it is a link ("venturebeat.com"); None where it must stay
    text: not http or https (a `javascript:` source), or holding a character unsafe to show."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or has_unsafe_characters(url):
        return None
    return parts.netloc.removeprefix("www.")


def cell_text(value: Any, separator: str = ", ") -> str:
    """A record value as one line of text: dates in ISO form, lists joined, nothing for None."""
    if value is None:
        return ""
    kind = value.__class__
    if kind is str:
        return value
    if kind is list or kind is tuple:
        return separator.join([item if item.__class__ is str else cell_text(item) for item in value])
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def columns_of(records: Sequence[Mapping[str, Any]], keys: Sequence[str]) -> list[list[Any]]:
    """The records' values for `keys`, column by column: formats handle a column at a time, which keeps
    a table of a hundred thousand rows to a few passes in C."""
    if not keys:
        return []
    if isinstance(records, Columns):
        return [records.columns[key] for key in keys]
    if not records:
        return [[] for _ in keys]
    if len(keys) == 1:
        return [[record[keys[0]] for record in records]]
    return [list(column) for column in zip(*map(itemgetter(*keys), records))]


def texts_of(values: list[Any], separator: str = ", ") -> list[str]:
    """A column's values as text, as `cell_text` gives them, a whole column at a time when it can."""
    kinds = set(map(type, values))
    kinds.discard(type(None))
    try:
        if not kinds or kinds == {str}:
            return [value or "" for value in values]
        if kinds == {When}:
            return [value.text if value is not None else "" for value in values]
        if kinds == {date}:
            return [value.isoformat() if value is not None else "" for value in values]
        if kinds <= {tuple, list}:
            return [separator.join(value) if value else "" for value in values]
    except TypeError:  # a list holding something other than text
        pass
    return [cell_text(value, separator) for value in values]
