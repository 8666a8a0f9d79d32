"""Bringing lists from outside into the ledger: read the rows, plan what would change, apply all or nothing."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import Enum

from accord_cli.dates import parse_date
from accord_cli.document import decode
from accord_cli.errors import ImportFileError
from accord_cli.exporting import document_from_json
from accord_cli.model import Ledger, Pledge, Signatory
from accord_cli.names import NameMatcher, name_key, shortened, too_long
from accord_cli.roster import NewSignatory, add_signatories, having_left
from accord_cli.timeline import is_member


class ImportFormat(str, Enum):
    csv = "csv"
    json = "json"
    text = "text"


def format_of(filename: str) -> ImportFormat:
    """The format a file's extension implies; anything but .csv and .json is one name per line."""
    lowered = filename.lower()
    if lowered.endswith(".csv"):
        return ImportFormat.csv
    if lowered.endswith(".json"):
        return ImportFormat.json
    return ImportFormat.text


# A row read from an import file: a request to record, its origin naming the file and line.
Row = NewSignatory


@dataclass(frozen=True)
class ImportFile:
    rows: list[Row]
    pledges: tuple[Pledge, ...] = ()  # pledge definitions a JSON export carries


# A list pasted from a web page keeps its bullets and numbering: "• Acme", "12. Acme".
_BULLET = re.compile(r"^\s*(?:[-*•·‣▪◦]|\(?\d{1,5}[.)])\s+")
_CSV_COLUMNS = ("name", "joined", "sector", "country", "source", "aliases", "note")


def read_rows(text: str, fmt: ImportFormat, label: str, *, allow_repeats: bool = False) -> ImportFile:
    """The rows of an import file's text, refusing a file that is not in `fmt` or (unless `allow_repeats`)
    names someone twice."""
    if fmt is ImportFormat.json:
        found = _json_rows(text, label)
    elif fmt is ImportFormat.csv:
        found = ImportFile(_csv_rows(text, label))
    else:
        found = ImportFile(_text_rows(text, label))
    _refuse_oddities(found.rows, allow_repeats)
    return found


def _text_rows(text: str, label: str) -> list[Row]:
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        name = _BULLET.sub("", line).strip()
        if name and not name.startswith("#"):
            rows.append(Row(name, origin=f"{label}:{number}"))
    return rows


def _csv_rows(text: str, label: str) -> list[Row]:
    import csv
    import io

    try:
        reader = csv.DictReader(io.StringIO(text))
        columns = {(c or "").strip().casefold(): c for c in reader.fieldnames or []}
        if "name" not in columns:
            found = ", ".join(c for c in reader.fieldnames or [] if c) or "none"
            raise ImportFileError(f"{label}: no 'name' column (columns: {found})")
        rows = []
        for record in reader:
            origin = f"{label}:{reader.line_num}"
            values = {key: (record.get(columns[key]) or "").strip() for key in _CSV_COLUMNS if key in columns}
            if not values["name"]:
                if any(values.values()):
                    raise ImportFileError(f"{origin}: the row has no name")
                continue
            rows.append(Row(
                values["name"], origin=origin,
                joined=_date(values.get("joined"), origin),
                sector=values.get("sector") or None, country=values.get("country") or None,
                source=values.get("source") or None, note=values.get("note") or None,
                aliases=tuple(a.strip() for a in values.get("aliases", "").split(";") if a.strip()),
            ))
        return rows
    except csv.Error as err:
        raise ImportFileError(f"{label}: not readable as CSV ({err})") from None


def _date(text: str | None, origin: str) -> date | None:
    if not text:
        return None
    try:
        return parse_date(text)
    except ValueError as err:
        raise ImportFileError(f"{origin}: {err}") from None


def _json_rows(text: str, label: str) -> ImportFile:
    import json

    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as err:
        raise ImportFileError(f"{label}: not JSON ({err})") from None
    if isinstance(data, list) and all(isinstance(item, str) for item in data):
        return ImportFile([Row(name, origin=f"{label}[{i}]") for i, name in enumerate(data) if name.strip()])
    if not isinstance(data, dict) or not isinstance(data.get("signatories"), list):
        raise ImportFileError(f"{label}: expected accord's JSON export (an object with 'signatories') "
                              "or a list of names")
    ledger, problems = decode(document_from_json(data))
    fatal = next((p for p in problems if p.fatal), None)
    if ledger is None or fatal is not None:
        where = ".".join(str(part) for part in fatal.path) if fatal else "accord"
        message = fatal.message if fatal else "the export has no accord"
        raise ImportFileError(f"{label}: {where}: {message}")
    rows = [Row(s.name, origin=f"{label}: signatories[{i}]", joined=s.joined, sector=s.sector, country=s.country,
                source=s.source, aliases=s.aliases, note=s.note, pledges=s.pledges, events=s.events, id=s.id)
            for i, s in enumerate(ledger.signatories)]
    return ImportFile(rows, ledger.pledges)


def _refuse_oddities(rows: Sequence[Row], allow_repeats: bool) -> None:
    seen: dict[str, Row] = {}
    for row in rows:
        if reason := too_long(row.name):
            raise ImportFileError(f"{row.origin}: the name {shortened(row.name)!r} {reason}")
        if allow_repeats:
            continue
        first = seen.setdefault(name_key(row.name), row)
        if first is not row:
            raise ImportFileError(f"{row.origin}: '{row.name}' is already named at {first.origin} "
                                  f"('{first.name}'); remove one of the rows")


@dataclass(frozen=True)
class Match:
    row: Row
    signatory: Signatory


@dataclass
class ImportPlan:
    """What an import would do; nothing is written until it is applied."""

    new: list[Row] = field(default_factory=list)
    present: list[Match] = field(default_factory=list)
    possible: list[Match] = field(default_factory=list)  # near a signatory's name: left for a person to decide
    leaving: list[Signatory] = field(default_factory=list)  # with --mirror: members the file does not name
    new_pledges: list[Pledge] = field(default_factory=list)

    @property
    def changes_anything(self) -> bool:
        return bool(self.new or self.leaving or self.new_pledges)


def plan_import(ledger: Ledger, found: ImportFile, on: date, *, mirror: bool = False) -> ImportPlan:
    """Match every row against the ledger with the one name matcher and decide what to do with it."""
    matcher = NameMatcher[Signatory]((s.names, s) for s in ledger.signatories)
    plan = ImportPlan()
    named: set[str] = set()
    for row in found.rows:
        names = (row.name, *row.aliases)
        exact = next((s for s in map(matcher.lookup, names) if s is not None), None)
        if exact is not None:
            plan.present.append(Match(row, exact))
            named.add(exact.id)
            continue
        near = matcher.near(row.name)
        if near:
            plan.possible.append(Match(row, near[0][1]))
            named.update(owner.id for _, owner in near)
        else:
            plan.new.append(row)
    if mirror:
        plan.leaving = [s for s in ledger.signatories if s.id not in named and is_member(s, on)]
    known = set(ledger.pledge_ids)
    # An export's signatories endorse its pledges, often implicitly (no list: all of them);
    # bring the definitions this ledger lacks along with the signatories.
    plan.new_pledges = [p for p in found.pledges if p.id not in known] if plan.new else []
    return plan


def apply_import(ledger: Ledger, plan: ImportPlan, on: date, today: date, reason: str | None = None) -> Ledger:
    """The ledger with the plan carried out: every row recorded, or an error and nothing."""
    if plan.new_pledges:
        ledger = replace(ledger, pledges=(*ledger.pledges, *plan.new_pledges))
    requests = [row if row.joined else replace(row, joined=on) for row in plan.new]
    ledger, _ = add_signatories(ledger, requests, today)
    return ledger.with_replaced(*(having_left(s, on, today, reason) for s in plan.leaving))
