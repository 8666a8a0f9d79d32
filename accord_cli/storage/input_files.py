"""Lists of organisations from files: what `accord import` reads, and the files `--watchlist` names.

One reader serves both: a text file is one name per line; a CSV or TSV file
has a `name` column (and, for an import, any other field of a signatory as a
column of the same name), its separator told from its header; a JSON file is
a list of names or accord's own export. Files may be in any encoding a
spreadsheet saves them in that `files.any_unicode` reads.
"""

from __future__ import annotations

import re
from enum import Enum
from pathlib import Path
from types import UnionType
from typing import Any, Union, get_args, get_origin

from accord_cli.core.dates import When, parse_when
from accord_cli.core.document import EXPORT_FORMAT, EXPORT_VERSION, decode
from accord_cli.core.errors import AccordError, ImportFileError, WatchlistSourceError
from accord_cli.core.importing import ImportFile, Row, refuse_oddities
from accord_cli.core.model import (
    ROW_FIELDS,
    WORKED_OUT_FIELDS,
    Event,
    Ledger,
    Signatory,
    decode_custom,
)
from accord_cli.core.names import without_footnote_marks
from accord_cli.storage.files import any_unicode, read_bytes
from accord_cli.storage.location import Location


class InputFormat(str, Enum):
    csv = "csv"
    tsv = "tsv"
    json = "json"
    text = "text"


def format_of(filename: str) -> InputFormat:
    """The format a file's extension implies; anything but .csv, .tsv and .json is one name per line."""
    extension = Path(filename).suffix.lower().lstrip(".")
    return InputFormat(extension) if extension in ("csv", "tsv", "json") else InputFormat.text


# A list pasted from a web page keeps its bullets and numbering: "• Acme", "12. Acme".
_BULLET = re.compile(r"^\s*(?:[-*•·‣▪◦]|\(?\d{1,5}[.)])\s+")
Cells = dict[str, str]

# The separators spreadsheets write, in the order a tie is settled.
SEPARATORS = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "bars"}
# Excel's first line naming the separator of the rest, e.g. `sep=;`.
_SEPARATOR_LINE = re.compile(r"sep=(.)", re.IGNORECASE)
_LINE = re.compile(r"[^\r\n]*")


def _records(
    text: str,
    fmt: InputFormat,
    label: str,
    separator: str | None,
    error: type[AccordError],
    ignoring: frozenset[str] | None = None,
) -> list[tuple[str, Cells]]:
    """The rows of a text, CSV or TSV file: where each is, and its cells by column name (at least `name`).

    With `ignoring` (an import), a column that is no field of a signatory is refused unless named there;
    without (a watchlist, which takes names alone), other columns are passed over.
    """
    if fmt is InputFormat.tsv or (fmt is InputFormat.text and separator is None and _headed_by_tabs(text)):
        return _csv_records(text, label, separator or "\t", error, ignoring)
    if fmt is InputFormat.csv or separator is not None:
        return _csv_records(text, label, separator, error, ignoring)
    records = []
    for number, line in enumerate(text.splitlines(), start=1):
        name = without_footnote_marks(_BULLET.sub("", line))
        if name and not name.startswith("#"):
            records.append((f"{label}:{number}", {"name": name}))
    return records


def _first_line(text: str) -> str:
    return _LINE.match(text).group()  # type: ignore[union-attr]


def _header_cells(line: str, separator: str) -> list[str]:
    import csv

    try:
        return [cell.strip().casefold() for cell in next(csv.reader([line], delimiter=separator), [])]
    except csv.Error:
        return []


def _headed_by_tabs(text: str) -> bool:
    """Whether a text file is a table, Excel's "Unicode Text": a first line of tab-separated columns, one
    of them `name`. (A numbered list pasted from a document has tabs too, but no such header.)"""
    cells = _header_cells(_first_line(text), "\t")
    return len(cells) > 1 and "name" in cells


def sniff_separator(header: str) -> str:
    """The separator of a CSV file whose first line is `header`: the one that makes a `name` column,
    else the one that splits it into most columns, else a comma."""
    return max(SEPARATORS, key=lambda sep: ("name" in _header_cells(header, sep), len(_header_cells(header, sep))))


def _csv_records(
    text: str, label: str, separator: str | None, error: type[AccordError], ignoring: frozenset[str] | None
) -> list[tuple[str, Cells]]:
    import csv
    import io

    skipped = 0
    if hint := _SEPARATOR_LINE.fullmatch(_first_line(text).strip()):
        text, skipped = text[len(_first_line(text)) :].removeprefix("\r").removeprefix("\n"), 1
        separator = separator or hint.group(1)
    sniffed = separator is None
    separator = separator or sniff_separator(_first_line(text))
    ignored = ignoring or frozenset()
    # What an import reads: a signatory's fields and the leave date accord's own records give, less what it
    # is asked to leave out; the name always.
    wanted = ({f.encode_name for f in ROW_FIELDS} | {"left"}) - (ignored - {"name"})
    try:
        # newline="": lines end at \n, \r\n or \r alike, and a quoted cell keeps its own line breaks.
        reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=separator)
        columns = {(c or "").strip().casefold(): c for c in reader.fieldnames or []}
        headed = [(c or "").strip().casefold() for c in reader.fieldnames or []]
        twice = next((key for key in dict.fromkeys(headed) if headed.count(key) > 1 and key in wanted), None)
        if twice is not None:  # which of the two holds the value would be a guess
            raise error(f"{label}: the column '{twice}' is there twice; keep one, or rename the other")
        if "name" not in columns:
            found = ", ".join(repr(c) for c in reader.fieldnames or [] if c) or "none"
            split = SEPARATORS.get(separator, repr(separator))
            raise error(
                f"{label}: no 'name' column (the header, split at {split}, gives {found}); head the column of "
                "organisations 'name'" + (", or give the separator with --delimiter" if sniffed else "")
            )
        if ignoring is not None:
            passed_over = wanted | ignored | set(WORKED_OUT_FIELDS)
            _refuse_unknown_columns(label, [c for key, c in columns.items() if key not in passed_over], wanted, error)
        records = []
        for record in reader:
            origin = f"{label}:{reader.line_num + skipped}"
            if any(extra.strip() for extra in record.get(None) or ()):
                split = SEPARATORS.get(separator, repr(separator))
                raise error(
                    f"{origin}: the row has more cells than the header has columns; a cell holding "
                    f'{split} must be quoted ("Acme, Inc.")'
                )
            cells = {key: (record.get(column) or "").strip() for key, column in columns.items() if key in wanted}
            cells["name"] = without_footnote_marks(cells["name"])
            if not cells["name"]:
                if any(cells.values()):
                    raise error(f"{origin}: the row has no name")
                continue
            records.append((origin, cells))
        return records
    except csv.Error as err:
        raise error(f"{label}: not readable as CSV ({err})") from None


def _refuse_unknown_columns(label: str, unknown: list[str], known: set[str], error: type[AccordError]) -> None:
    """Refuse columns an import would otherwise pass over without a word, each with the nearest known one."""
    if not unknown:
        return
    from difflib import get_close_matches

    described = []
    for column in unknown:
        near = get_close_matches(column.strip().casefold(), sorted(known), n=1, cutoff=0.6)
        described.append(f"'{column}'" + (f" (did you mean '{near[0]}'?)" if near else ""))
    order = [f.encode_name for f in ROW_FIELDS] + ["left"]
    raise error(
        f"{label}: unknown column{'s' if len(unknown) > 1 else ''} {', '.join(described)}; an import reads "
        f"{', '.join(order)}: rename the column, or pass --ignore-column NAME to leave it out"
    )


def _cell_value(kind: Any, text: str, origin: str) -> Any:
    """A CSV cell as the value a field of type `kind` holds: a date, a list (written a;b), or text."""
    options = get_args(kind) if get_origin(kind) in (Union, UnionType) else (kind,)
    if When in options:
        try:
            return parse_when(text)
        except ValueError as err:
            raise ImportFileError(f"{origin}: {err}") from None
    if any(get_origin(option) is tuple for option in options):
        return tuple(item.strip() for item in text.split(";") if item.strip())
    return text


def _request(origin: str, cells: Cells, joined: When) -> Row:
    values = {f.name: _cell_value(f.type, cells[f.encode_name], origin) for f in ROW_FIELDS if cells.get(f.encode_name)}
    request = Signatory(**{"id": "", "joined": joined, **values})
    if cells.get("left"):
        request = request.with_event(Event(_cell_value(When, cells["left"], origin), "leave"))
    return Row(request, origin)


def read_rows(
    text: str,
    fmt: InputFormat,
    label: str,
    joined: When,
    separator: str | None = None,
    ignoring: frozenset[str] = frozenset(),
) -> ImportFile:
    """What an import file asks to record, each row a signatory (joined on `joined` unless the row says
    when); refuses a file that is not in `fmt`, that names someone twice, or that has a column no field
    of a signatory is called, unless `ignoring` names it. A `separator` makes a text file a CSV file."""
    if fmt is InputFormat.json:
        found = _json_rows(text, label, joined)
    else:
        found = ImportFile(
            [
                _request(origin, cells, joined)
                for origin, cells in _records(
                    text, fmt, label, separator, ImportFileError, frozenset(c.casefold() for c in ignoring)
                )
            ]
        )
    refuse_oddities(found.rows)
    return found


def _json_rows(text: str, label: str, joined: When) -> ImportFile:
    import json

    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as err:
        raise ImportFileError(f"{label}: not JSON ({err})") from None
    if isinstance(data, list) and all(isinstance(item, str) for item in data):
        return ImportFile(
            [
                _request(f"{label}[{i}]", {"name": without_footnote_marks(name)}, joined)
                for i, name in enumerate(data)
                if name.strip()
            ]
        )
    if isinstance(data, list) and all(isinstance(item, dict) for item in data):
        return ImportFile([_listed_row(item, f"{label}[{i}]", joined) for i, item in enumerate(data)])
    doc = _exported_document(data, label)
    ledger, problems = decode(doc, dates_as_text=True)
    fatal = next((p for p in problems if p.fatal), None)
    if ledger is None or fatal is not None:
        where = ".".join(str(part) for part in fatal.path) if fatal else "accord"
        message = fatal.message if fatal else "the export has no accord"
        raise ImportFileError(f"{label}: {where}: {message}")
    rows = [Row(s, f"{label}: signatories[{i}]") for i, s in enumerate(ledger.signatories)]
    return ImportFile(rows, ledger)


def _exported_document(data: Any, label: str) -> dict[str, Any]:
    """The ledger document an export holds: version 2 keeps it under `ledger`, apart from what the
    export works out; version 1 mixed the two."""
    if isinstance(data, dict) and data.get("format") == EXPORT_FORMAT:
        if data.get("version") == EXPORT_VERSION and isinstance(data.get("ledger"), dict):
            return data["ledger"]
        if data.get("version") == 1:
            doc = {key: value for key, value in data.items() if key not in ("format", "version", "exported")}
            doc["signatories"] = [
                {key: value for key, value in entry.items() if key != "membership"}
                if isinstance(entry, dict)
                else entry
                for entry in doc.get("signatories") or []
            ]
            return doc
        raise ImportFileError(
            f"{label}: an accord export of version {data.get('version')!r}, which this accord "
            f"does not read (it reads versions 1 and {EXPORT_VERSION})"
        )
    if isinstance(data, dict) and isinstance(data.get("signatories"), list) and "accord" in data:
        return data  # a ledger document written as JSON
    raise ImportFileError(
        f"{label}: expected accord's JSON export, a ledger, the records of `accord list "
        "--format json`, or a list of names"
    )


def _listed_row(record: dict[str, Any], origin: str, joined: When) -> Row:
    """A record of `accord list --format json` as a request; one that has left is recorded as having left."""
    import msgspec

    known = {f.encode_name for f in ROW_FIELDS}
    unknown = sorted(set(record) - known - set(WORKED_OUT_FIELDS))
    if unknown:
        raise ImportFileError(
            f"{origin}: unknown key{'s' if len(unknown) > 1 else ''} {', '.join(unknown)} "
            f"(known: {', '.join(sorted(known | {'left'}))})"
        )
    fields = {"id": "", "joined": joined, **{k: v for k, v in record.items() if k in known and v is not None}}
    try:
        request = msgspec.convert(fields, Signatory, dec_hook=decode_custom)
        if record.get("left") is not None:
            request = request.with_event(Event(msgspec.convert(record["left"], When, dec_hook=decode_custom), "leave"))
    except msgspec.ValidationError as err:
        raise ImportFileError(f"{origin}: {err}") from None
    return Row(request, origin)


def read_import_file(
    path: Path,
    fmt: InputFormat | None,
    joined: When,
    separator: str | None = None,
    ignoring: frozenset[str] = frozenset(),
) -> ImportFile:
    """The rows of the import file at `path`, in `fmt` or the format its extension implies."""
    fmt = fmt or format_of(path.name)
    if separator is not None and fmt is InputFormat.json:
        raise ImportFileError(f"{path} is JSON: --delimiter applies to CSV and text files")
    text = any_unicode(str(path), read_bytes(path, "import file", ImportFileError), ImportFileError)
    found = read_rows(text, fmt, str(path), joined, separator, ignoring)
    if not found.rows:
        raise ImportFileError(f"{path} names no organisation to import")
    return found


def read_names(path: Path, separator: str | None = None) -> list[str] | Ledger:
    """Organisation names from a watchlist file: one per line (.txt and anything else; blank lines, # comments
    and bullets skipped), a CSV or TSV with a `name` column (.csv, .tsv, or any file given a `separator`),
    or another accord ledger (.toml, returned whole)."""
    if path.suffix.lower() == ".toml":
        from accord_cli.storage.ledger_file import load

        return load(Location(path)).ledger
    text = any_unicode(str(path), read_bytes(path, "watchlist file", WatchlistSourceError), WatchlistSourceError)
    fmt = format_of(path.name)
    if fmt is InputFormat.json:
        fmt = InputFormat.text
    return [cells["name"] for _, cells in _records(text, fmt, str(path), separator, WatchlistSourceError)]
