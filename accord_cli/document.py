"""The parsed TOML document (plain dicts) to the model and back.

Decoding collects every problem it meets instead of stopping at the first, so
`accord check` can list them all; keys it does not know are kept in `extra`
and written back unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from types import MappingProxyType
from typing import Any

from accord_cli.model import (
    EVENT_KINDS,
    Accord,
    Event,
    Ledger,
    Pledge,
    Problem,
    Signatory,
)
from accord_cli.names import shortened, too_long, unique_slug

Path = tuple[str | int, ...]

# Shared by every table without unknown keys, so that a large ledger holds (and caches) one.
_NOTHING_UNKNOWN: Mapping[str, Any] = MappingProxyType({})

ACCORD_KEYS = ("name", "launched", "url")
PLEDGE_KEYS = ("id", "title", "summary")
SIGNATORY_KEYS = ("id", "name", "joined", "sector", "country", "aliases", "pledges", "source", "note", "events")
EVENT_KEYS = ("date", "event", "reason", "from", "to")
TOP_LEVEL_KEYS = ("accord", "pledges", "signatories", "watchlists")


def _is_date(value: Any) -> bool:
    # datetime is a subclass of date; a timestamp is not what the ledger means.
    return isinstance(value, date) and not isinstance(value, datetime)


def _is_text_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


_KINDS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "text": (lambda v: isinstance(v, str), "a string"),
    "date": (_is_date, "a date like 2018-04-17 (unquoted)"),
    "text_list": (_is_text_list, 'a list of strings, e.g. ["Meta"]'),
}


def _describe(value: Any) -> str:
    if isinstance(value, str):
        return f'the string "{value}"' if len(value) <= 40 else "a string"
    if isinstance(value, datetime):
        return "a date with a time"
    return {dict: "a table", list: "a list", bool: "a boolean", int: "an integer", float: "a number"}.get(
        type(value), type(value).__name__
    )


class _Decoder:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def problem(self, path: Path, message: str, subject: str | None = None, fatal: bool = False) -> None:
        self.problems.append(Problem(path, message, subject, fatal))

    def get(self, table: Mapping[str, Any], key: str, kind: str, path: Path, subject: str | None,
            required: bool = False) -> Any:
        if key not in table:
            if required:
                self.problem(path, f"missing '{key}'", subject, fatal=True)
            return None
        value = table[key]
        accepts, expected = _KINDS[kind]
        if not accepts(value):
            self.problem((*path, key), f"'{key}' must be {expected}, not {_describe(value)}", subject, fatal=True)
            return None
        return tuple(value) if kind == "text_list" else value

    def extra(self, table: Mapping[str, Any], known: tuple[str, ...], path: Path,
              subject: str | None) -> Mapping[str, Any]:
        unknown = {k: v for k, v in table.items() if k not in known}
        for key in unknown:
            from difflib import get_close_matches

            hint = get_close_matches(key, known, n=1, cutoff=0.7)
            advice = f"; did you mean '{hint[0]}'?" if hint else f" (known keys: {', '.join(known)})"
            self.problem((*path, key), f"unknown key '{key}'{advice}", subject)
        return MappingProxyType(unknown) if unknown else _NOTHING_UNKNOWN

    def table_list(self, doc: Mapping[str, Any], key: str, path: Path = (), subject: str | None = None,
                   header: str | None = None) -> list[tuple[int, Mapping[str, Any]]]:
        value = doc.get(key, [])
        header = header or key
        if not isinstance(value, list):
            self.problem((*path, key), f"'{key}' must be a list of tables ([[{header}]] blocks), "
                         f"not {_describe(value)}", subject, fatal=True)
            return []
        entries = []
        for index, entry in enumerate(value):
            if isinstance(entry, dict):
                entries.append((index, entry))
            else:
                self.problem((*path, key, index), f"each [[{header}]] entry must be a table, not {_describe(entry)}",
                             subject, fatal=True)
        return entries

    def events(self, table: Mapping[str, Any], path: Path, subject: str) -> tuple[Event, ...]:
        events = []
        for index, entry in self.table_list(table, "events", path, subject, "signatories.events"):
            where: Path = (*path, "events", index)
            when = self.get(entry, "date", "date", where, subject, required=True)
            kind = self.get(entry, "event", "text", where, subject, required=True)
            reason = self.get(entry, "reason", "text", where, subject)
            old_name = self.get(entry, "from", "text", where, subject, required=kind == "rename")
            new_name = self.get(entry, "to", "text", where, subject, required=kind == "rename")
            extra = self.extra(entry, EVENT_KEYS, where, subject)
            if kind is not None and kind not in EVENT_KINDS:
                self.problem((*where, "event"), f"unknown event '{kind}' (known: {', '.join(EVENT_KINDS)})",
                             subject, fatal=True)
            elif when is not None and kind is not None:
                events.append(Event(kind, when, reason, old_name, new_name, extra))
        return tuple(events)

    def accord(self, doc: Mapping[str, Any]) -> Accord | None:
        table = doc.get("accord")
        if not isinstance(table, dict):
            what = "missing" if table is None else f"must be a table, not {_describe(table)}"
            self.problem(("accord",), f"[accord] {what}: it names the accord, e.g. name = \"My Pledge\"",
                         fatal=True)
            return None
        path: Path = ("accord",)
        name = self.get(table, "name", "text", path, None, required=True)
        launched = self.get(table, "launched", "date", path, None)
        url = self.get(table, "url", "text", path, None)
        extra = self.extra(table, ACCORD_KEYS, path, None)
        return Accord(name, launched, url, extra) if name is not None else None

    def pledges(self, doc: Mapping[str, Any]) -> list[Pledge]:
        pledges = []
        for index, table in self.table_list(doc, "pledges"):
            path: Path = ("pledges", index)
            pledge_id = self.get(table, "id", "text", path, None, required=True)
            title = self.get(table, "title", "text", path, pledge_id, required=True)
            summary = self.get(table, "summary", "text", path, pledge_id)
            extra = self.extra(table, PLEDGE_KEYS, path, pledge_id)
            if pledge_id is not None and title is not None:
                pledges.append(Pledge(pledge_id, title, summary, extra))
        return pledges

    def signatories(self, doc: Mapping[str, Any]) -> list[Signatory]:
        tables = self.table_list(doc, "signatories")
        taken = {t["id"] for _, t in tables if isinstance(t.get("id"), str)}
        signatories = []
        for index, table in tables:
            path: Path = ("signatories", index)
            name = self.get(table, "name", "text", path, None, required=True)
            subject = shortened(name) if name else f"entry {index + 1}"
            if name is not None and not name.strip():
                self.problem((*path, "name"), "'name' is empty", subject, fatal=True)
            fields = {
                "id": self.get(table, "id", "text", path, subject),
                "joined": self.get(table, "joined", "date", path, subject, required=True),
                **{key: self.get(table, key, "text", path, subject) for key in ("sector", "country", "source", "note")},
                "aliases": self.get(table, "aliases", "text_list", path, subject) or (),
                "pledges": self.get(table, "pledges", "text_list", path, subject),
                "events": self.events(table, path, subject),
                "extra": self.extra(table, SIGNATORY_KEYS, path, subject),
            }
            for key, value in (("name", name), *(("aliases", alias) for alias in fields["aliases"])):
                if value is not None and (reason := too_long(value)):
                    self.problem((*path, key), f"'{key}' {reason}", subject, fatal=True)
            if not name or not name.strip() or fields["joined"] is None:
                continue
            if fields["id"] is None:
                # A hand-written entry without an id gets a stable one; the next write records it.
                fields["id"] = unique_slug(name, taken)
                taken.add(fields["id"])
            signatories.append(Signatory(name=name, **fields))
        return signatories

    def watchlists(self, doc: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
        table = doc.get("watchlists", {})
        if not isinstance(table, dict):
            self.problem(("watchlists",), f"[watchlists] must be a table, not {_describe(table)}", fatal=True)
            return {}
        watchlists = {}
        for name, members in table.items():
            if _is_text_list(members):
                watchlists[name] = tuple(members)
            else:
                self.problem(("watchlists", name), f"watchlist '{name}' must be a list of names, "
                             f"not {_describe(members)}", name, fatal=True)
        return watchlists


def decode(doc: Mapping[str, Any]) -> tuple[Ledger | None, list[Problem]]:
    """The ledger a document describes (None if a fatal problem prevents it) and every problem met."""
    decoder = _Decoder()
    accord = decoder.accord(doc)
    pledges = decoder.pledges(doc)
    signatories = decoder.signatories(doc)
    watchlists = decoder.watchlists(doc)
    extra = decoder.extra(doc, TOP_LEVEL_KEYS, (), None)
    if accord is None or any(p.fatal for p in decoder.problems):
        return None, decoder.problems
    ledger = Ledger(accord, tuple(pledges), tuple(signatories), MappingProxyType(watchlists), extra)
    return ledger, decoder.problems


def _present(**fields: Any) -> dict[str, Any]:
    """Fields with a value, in the order given; absent values are left out of the file."""
    return {key: value for key, value in fields.items() if value is not None and value != ()}


def _lists(value: tuple[str, ...] | None) -> list[str] | None:
    return None if value is None else list(value)


def _event(event: Event) -> dict[str, Any]:
    fields = _present(date=event.date, event=event.kind, reason=event.reason)
    fields.update(_present(**{"from": event.old_name, "to": event.new_name}))
    return {**fields, **event.extra}


def encode(ledger: Ledger) -> dict[str, Any]:
    """The document for a ledger: known keys in a fixed order, then whatever else it held."""
    accord = ledger.accord
    doc: dict[str, Any] = {
        "accord": {**_present(name=accord.name, launched=accord.launched, url=accord.url), **accord.extra},
    }
    if ledger.pledges:
        doc["pledges"] = [
            {**_present(id=p.id, title=p.title, summary=p.summary), **p.extra} for p in ledger.pledges
        ]
    if ledger.signatories:
        doc["signatories"] = [
            {
                **_present(
                    id=s.id, name=s.name, joined=s.joined, sector=s.sector, country=s.country,
                    aliases=_lists(s.aliases) or None, pledges=_lists(s.pledges), source=s.source, note=s.note,
                    events=[_event(e) for e in s.events] or None,
                ),
                **s.extra,
            }
            for s in ledger.signatories
        ]
    if ledger.watchlists:
        doc["watchlists"] = {name: list(members) for name, members in ledger.watchlists.items()}
    doc.update(ledger.extra)
    return doc
