"""A parsed document (the plain tables TOML or JSON gives) to the model and back.

Decoding goes straight into the model with msgspec, which checks everything
the model declares in one pass over the document. A ledger written by hand
often leaves out what accord derives (ids) or holds keys accord does not know:
those are filled in and set aside first, and the document decoded in one pass
all the same, the keys set aside given back to their entries so that a write
keeps them. Only a document the model still refuses (a wrong type, a missing
name) is decoded again field by field: that reader collects every problem with
its path, so `accord check` can list them all.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time
from functools import cache
from typing import Any, get_args, get_origin

import msgspec
from msgspec import inspect

from accord_cli.core.dates import When, parse_when
from accord_cli.core.model import Extra, Ledger, Problem, decode_custom, encode_custom
from accord_cli.core.names import shortened, too_long, unique_slug

Path = tuple[str | int, ...]
# accord's JSON export: the ledger document, with what the export works out beside it.
EXPORT_FORMAT = "accord-export"
EXPORT_VERSION = 2
_FAILED = object()
# Values TOML itself holds; they reach the writer as they are, not as ISO strings.
_TOML_TYPES = (date, datetime, time)
_WHEN_EXPECTED = 'a date like 2018-04-17 (unquoted), or one as precise as its source, such as "2018-09"'


def decode(doc: Mapping[str, Any], *, dates_as_text: bool = False) -> tuple[Ledger | None, list[Problem]]:
    """The ledger a document describes (None if a fatal problem prevents it) and every problem met.

    A TOML document holds dates as dates, and a quoted one is refused;
    `dates_as_text` accepts the ISO strings JSON has to write instead.
    """
    builtin_types = None if dates_as_text else _TOML_TYPES

    def converted(document: Mapping[str, Any]) -> Ledger | None:
        try:
            return msgspec.convert(document, Ledger, builtin_types=builtin_types, dec_hook=decode_custom)
        except msgspec.ValidationError:
            return None

    # Each attempt costs a pass at most, and one that fails usually fails at the first entry.
    ledger = converted(doc)
    if ledger is None and _fill_ids(doc):
        ledger = converted(doc)
    if ledger is not None:
        return ledger, []
    unknown = _Unknown()
    ledger = converted(unknown.set_aside(Ledger, doc, ()))
    if ledger is not None:
        return unknown.given_back(ledger), unknown.problems
    decoder = _DetailedDecoder(builtin_types)
    return decoder.ledger(doc), decoder.problems


class Readable(msgspec.Struct, frozen=True):
    """What of a broken document still decodes: every entry without a fatal problem of its own, so
    that `accord check` can look for the problems of meaning among them too. `kept` gives, for each
    list of entries, the position in the document of each entry kept."""

    ledger: Ledger
    kept: dict[str, list[int]]

    def in_document(self, path: Path) -> Path:
        """`path`, which counts entries of `ledger`, counting the entries of the document instead."""
        if len(path) > 1 and isinstance(path[0], str) and isinstance(path[1], int) and path[0] in self.kept:
            return (path[0], self.kept[path[0]][path[1]], *path[2:])
        return path


def decode_readable(doc: Mapping[str, Any], *, dates_as_text: bool = False) -> Readable | None:
    """The part of a document that decodes (see `Readable`); None if not even the accord table does."""
    decoder = _DetailedDecoder(None if dates_as_text else _TOML_TYPES, keep_what_reads=True)
    _fill_ids(doc)
    ledger = decoder.struct(Ledger, doc, (), None)
    return None if ledger is _FAILED else Readable(ledger, decoder.kept)


def encode(ledger: Ledger) -> dict[str, Any]:
    """The document for a ledger: declared keys in declaration order, absent values left out, then the
    keys accord does not know, as they were."""
    doc: dict[str, Any] = msgspec.to_builtins(ledger, builtin_types=_TOML_TYPES, enc_hook=encode_custom)
    _spread_extra(doc)
    _spread_extra(doc["accord"])
    for table in (*doc.get("pledges", ()), *doc.get("counts", ()), *doc.get("snapshots", ())):
        _spread_extra(table)
    for signatory in doc.get("signatories", ()):
        _spread_extra(signatory)
        for event in signatory.get("events", ()):
            _spread_extra(event)
    return doc


def encode_value(value: Any) -> Any:
    """A part of a ledger as its document holds it: an entry (a signatory, a pledge, a total) as its table,
    its unknown keys among the others as `encode` writes them; a field's value as TOML holds it."""
    encoded = msgspec.to_builtins(value, builtin_types=_TOML_TYPES, enc_hook=encode_custom)
    if isinstance(value, msgspec.Struct):
        _spread_extra(encoded)
        for event in encoded.get("events", ()):
            _spread_extra(event)
    return encoded


def _spread_extra(table: dict[str, Any]) -> None:
    extra = table.pop("extra", None)
    if extra:
        table.update(extra)


def _describe(value: Any) -> str:
    if isinstance(value, str):
        return f'the string "{value}"' if len(value) <= 40 else "a string"
    if isinstance(value, datetime):
        return "a date with a time"
    if type(value) in (int, float) and len(repr(value)) <= 20:
        return f"the number {value}"
    return {
        dict: "a table",
        list: "a list",
        bool: "a boolean",
        int: "an integer",
        float: "a number",
        type(None): "null",
    }.get(type(value), type(value).__name__)


def _expected(kind: Any) -> str:
    """What a value of the declared type looks like, in words."""
    if kind is When:
        return _WHEN_EXPECTED
    info = inspect.type_info(kind)
    if isinstance(info, inspect.UnionType):
        info = next(t for t in info.types if not isinstance(t, inspect.NoneType))
    if isinstance(info, inspect.DateType):
        return "a date like 2018-04-17 (unquoted)"
    if isinstance(info, inspect.LiteralType):
        return "one of " + ", ".join(map(str, info.values))
    if isinstance(info, (inspect.VarTupleType, inspect.ListType)):
        return 'a list of strings, e.g. ["Meta"]'
    if isinstance(info, inspect.DictType):
        return "a table of lists of names"
    if isinstance(info, inspect.IntType):
        if info.ge is not None and info.le is not None:
            return f"a whole number from {info.ge:,} to {info.le:,}"
        return "a whole number" + (f" of {info.ge} or more" if info.ge is not None else "")
    return "a string"


def _struct_items(kind: Any) -> type[msgspec.Struct] | None:
    """The struct type of a `tuple[SomeStruct, ...]` field, else None."""
    if get_origin(kind) is tuple:
        item = get_args(kind)[0]
        if isinstance(item, type) and issubclass(item, msgspec.Struct):
            return item
    return None


def _subject(cls: type[msgspec.Struct], table: Mapping[str, Any]) -> str | None:
    """What a message calls an entry of `cls`: its name, or its id where it has no name."""
    key = "name" if "name" in cls.__struct_fields__ else "id"
    value = table.get(key)
    return shortened(value) if isinstance(value, str) and value.strip() else None


@cache
def _declared(cls: type[msgspec.Struct]) -> dict[str, msgspec.structs.FieldInfo]:
    """The keys a struct declares, by the name they are written under (looked up once per type: msgspec
    evaluates the annotations each time it is asked)."""
    return {f.encode_name: f for f in msgspec.structs.fields(cls) if f.name != "extra"}


@cache
def _nested(cls: type[msgspec.Struct]) -> tuple[tuple[str, str, type[msgspec.Struct], bool], ...]:
    """The fields of a struct that hold structs: key, attribute, the struct type, and whether a list of them."""
    nested = []
    for key, info in _declared(cls).items():
        items = _struct_items(info.type)
        if items is not None:
            nested.append((key, info.name, items, True))
        elif isinstance(info.type, type) and issubclass(info.type, msgspec.Struct):
            nested.append((key, info.name, info.type, False))
    return tuple(nested)


def _unknown_key(cls: type[msgspec.Struct], path: Path, subject: str | None) -> Problem:
    from difflib import get_close_matches

    key, declared = str(path[-1]), list(_declared(cls))
    hint = get_close_matches(key, declared, n=1, cutoff=0.7)
    advice = f"; did you mean '{hint[0]}'?" if hint else f" (known keys: {', '.join(declared)})"
    return Problem(path, f"unknown key '{key}'{advice}", subject, fatal=False)


class _Unknown:
    """Keys a document holds that the model does not declare: set aside before the one decode, so that
    it need not fall back, and given back to their entries after it."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.by_path: dict[Path, dict[str, Any]] = {}

    def set_aside(
        self,
        cls: type[msgspec.Struct],
        table: Mapping[str, Any],
        path: Path,
        entry: tuple[type[msgspec.Struct], Mapping[str, Any], int] | None = None,
    ) -> Mapping[str, Any]:
        """`table` without the keys `cls` does not declare, at any depth; `table` itself if it has none.
        `entry`: the type, table and place of the entry `table` belongs to (an event's signatory), which
        messages name as the detailed decoder does."""
        declared = _declared(cls)
        if path and isinstance(path[-1], int) and ("name" in declared or "id" in declared):
            entry = (cls, table, path[-1])
        known = table
        for key, _, item_cls, is_list in _nested(cls):
            value = table.get(key)
            if is_list and isinstance(value, list):
                items: Any = [
                    self.set_aside(item_cls, item, (*path, key, index), entry) if isinstance(item, dict) else item
                    for index, item in enumerate(value)
                ]
                changed = any(a is not b for a, b in zip(items, value))
            elif not is_list and isinstance(value, dict):
                items = self.set_aside(item_cls, value, (*path, key), entry)
                changed = items is not value
            else:
                continue
            if changed:
                known = {**known, key: items}
        if not declared.keys() >= table.keys():  # reported after what is inside, as the detailed decoder does
            self.by_path[path] = {key: value for key, value in table.items() if key not in declared}
            subject = None if entry is None else _subject(entry[0], entry[1]) or f"entry {entry[2] + 1}"
            self.problems += (_unknown_key(cls, (*path, key), subject) for key in self.by_path[path])
            known = {key: value for key, value in known.items() if key in declared}
        return known

    def given_back(self, ledger: Ledger) -> Ledger:
        """`ledger` with the keys set aside back in the `extra` of their entries."""
        if not self.by_path:
            return ledger
        holding = {path[:end] for path in self.by_path for end in range(len(path) + 1)}
        return self._give_back(ledger, (), holding)  # type: ignore[return-value]

    def _give_back(self, value: msgspec.Struct, path: Path, holding: set[Path]) -> msgspec.Struct:
        changes: dict[str, Any] = {}
        if path in self.by_path:
            changes["extra"] = Extra(self.by_path[path])
        for key, attribute, _, is_list in _nested(type(value)):
            inner = (*path, key)
            if inner not in holding:
                continue
            current = getattr(value, attribute)
            if not is_list:
                changes[attribute] = self._give_back(current, inner, holding)
            else:
                changes[attribute] = tuple(
                    self._give_back(entry, (*inner, index), holding) if (*inner, index) in holding else entry
                    for index, entry in enumerate(current)
                )
        return msgspec.structs.replace(value, **changes) if changes else value


class _DetailedDecoder:
    """Decodes a document field by field against the model's declarations, collecting every problem."""

    def __init__(self, builtin_types: tuple[type, ...] | None, *, keep_what_reads: bool = False) -> None:
        self.builtin_types = builtin_types
        self.problems: list[Problem] = []
        # Whether an entry that cannot be decoded is left out rather than failing its whole list, and
        # where each entry kept stood in its list.
        self.keep_what_reads = keep_what_reads
        self.kept: dict[str, list[int]] = {}

    def problem(self, path: Path, message: str, subject: str | None, fatal: bool = True) -> None:
        self.problems.append(Problem(path, message, subject, fatal))

    def ledger(self, doc: Mapping[str, Any]) -> Ledger | None:
        if "accord" not in doc:
            self.problem(("accord",), '[accord] missing: it names the accord, e.g. name = "My Pledge"', None)
        _fill_ids(doc)
        decoded = self.struct(Ledger, doc, (), None)
        if any(p.fatal for p in self.problems):
            return None
        return decoded

    def struct(self, cls: type[msgspec.Struct], table: Mapping[str, Any], path: Path, subject: str | None) -> Any:
        """`table` as a `cls`, each declared key checked on its own; _FAILED if any is fatally wrong."""
        declared = _declared(cls)
        values: dict[str, Any] = {}
        failed = False
        for key, info in declared.items():
            if key not in table:
                if info.required and key != "accord":  # a missing [accord] is reported with an example
                    self.problem(path, f"missing '{key}'", subject)
                failed |= info.required
                continue
            value = self.value(info.type, table[key], (*path, key), subject)
            if value is _FAILED:
                failed = True
            else:
                values[info.name] = value
        unknown = {key: value for key, value in table.items() if key not in declared}
        self.problems += (_unknown_key(cls, (*path, key), subject) for key in unknown)
        if failed:
            return _FAILED
        try:
            return cls(**values, extra=Extra(unknown) if unknown else None)
        except (TypeError, ValueError) as err:  # a rule the model checks itself, such as a rename's names
            self.problem(path, str(err), subject)
            return _FAILED

    def value(self, kind: Any, value: Any, path: Path, subject: str | None) -> Any:
        key = str(path[-1])
        items = _struct_items(kind)
        if items is not None:
            return self.tables(items, value, path, subject)
        if isinstance(kind, type) and issubclass(kind, msgspec.Struct):
            if not isinstance(value, dict):
                self.problem(path, f"[{key}] must be a table, not {_describe(value)}", subject)
                return _FAILED
            return self.struct(kind, value, path, subject)
        if get_origin(kind) is dict and isinstance(value, dict):  # a watchlist at a time, each with its path
            entries = {name: self.value(get_args(kind)[1], entry, (*path, name), name) for name, entry in value.items()}
            if self.keep_what_reads:
                return {name: entry for name, entry in entries.items() if entry is not _FAILED}
            return _FAILED if _FAILED in entries.values() else entries
        if kind is When and isinstance(value, str):
            try:
                return parse_when(value)
            except ValueError as err:
                self.problem(path, f"'{key}': {err}", subject)
                return _FAILED
        try:
            return msgspec.convert(value, kind, builtin_types=self.builtin_types, dec_hook=decode_custom)
        except msgspec.ValidationError:
            self.problem(path, _explain(key, kind, value), subject)
            return _FAILED

    def tables(self, cls: type[msgspec.Struct], value: Any, path: Path, subject: str | None) -> Any:
        header = ".".join(str(part) for part in path if isinstance(part, str))
        if not isinstance(value, list):
            self.problem(
                path, f"'{path[-1]}' must be a list of tables ([[{header}]] blocks), not {_describe(value)}", subject
            )
            return _FAILED
        decoded = []
        for index, entry in enumerate(value):
            where = (*path, index)
            if not isinstance(entry, dict):
                self.problem(where, f"each [[{header}]] entry must be a table, not {_describe(entry)}", subject)
                decoded.append(_FAILED)
                continue
            if {"name", "id"} & set(cls.__struct_fields__):  # an entry of its own, not a part of one
                subject = _subject(cls, entry) or f"entry {index + 1}"
            decoded.append(self.struct(cls, entry, where, subject))
        if self.keep_what_reads and len(path) == 1:
            self.kept[str(path[0])] = [i for i, entry in enumerate(decoded) if entry is not _FAILED]
            return tuple(entry for entry in decoded if entry is not _FAILED)
        return _FAILED if _FAILED in decoded else tuple(decoded)


def _explain(key: str, kind: Any, value: Any) -> str:
    """Why `value` cannot be the `key` the model declares as `kind`."""
    for text in value if isinstance(value, list) else [value]:
        if isinstance(text, str) and (reason := too_long(text)):
            return f"'{key}' {reason}" if text is value else f"'{key}' holds a name that {reason}"
        if text == "":
            return f"'{key}' is empty" if text is value else f"'{key}' holds an empty name"
    return f"'{key}' must be {_expected(kind)}, not {_describe(value)}"


def _fill_ids(doc: Mapping[str, Any]) -> bool:
    """Give each signatory written without an id one derived from its name; whether any needed one.

    A hand-written entry needs no id; the next write records the one it gets here.
    (An entry without a name gets a stand-in, never written: it cannot be read anyway.)
    The entries are the parser's own, fresh for this read, and get their ids in place.
    """
    tables = doc.get("signatories")
    if not isinstance(tables, list) or all(not isinstance(t, dict) or "id" in t for t in tables):
        return False
    taken = {t["id"] for t in tables if isinstance(t, dict) and isinstance(t.get("id"), str)}
    for table in tables:
        if isinstance(table, dict) and "id" not in table:
            name = table.get("name")
            table["id"] = unique_slug(name if isinstance(name, str) else "", taken)
            taken.add(table["id"])
    return True
