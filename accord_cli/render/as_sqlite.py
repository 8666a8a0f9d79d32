"""The whole ledger as a SQLite database, for Datasette or any SQL client.

Built in memory from the export document (see render/interop.py) and written
as the bytes of a database file, so the caller can write it atomically like
any other file. The signatories table has a column for each text field of a
signatory.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from accord_cli.core.errors import LedgerInvalid
from accord_cli.core.model import TEXT_FIELDS
from accord_cli.core.names import NameIndex
from accord_cli.render.output import Output
from accord_cli.render.result import Result

_TEXT_COLUMNS = tuple(f.encode_name for f in TEXT_FIELDS)

SCHEMA = (
    """
CREATE TABLE accord (
    name TEXT NOT NULL,
    launched TEXT,
    url TEXT,
    exported TEXT NOT NULL
);
CREATE TABLE pledges (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    summary TEXT,
    source TEXT
);
CREATE TABLE signatories (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    joined TEXT NOT NULL,
    is_member INTEGER NOT NULL CHECK (is_member IN (0, 1)),
    left_on TEXT,
"""
    + ",\n".join(f"    {column} TEXT" for column in _TEXT_COLUMNS)
    + """
);
CREATE TABLE aliases (
    signatory_id TEXT NOT NULL REFERENCES signatories (id),
    alias TEXT NOT NULL,
    PRIMARY KEY (signatory_id, alias)
);
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    signatory_id TEXT NOT NULL REFERENCES signatories (id),
    date TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('join', 'leave', 'rejoin', 'rename')),
    reason TEXT,
    old_name TEXT,
    new_name TEXT,
    source TEXT,
    note TEXT
);
CREATE TABLE memberships (
    signatory_id TEXT NOT NULL REFERENCES signatories (id),
    started TEXT NOT NULL,
    ended TEXT,
    reason TEXT,
    PRIMARY KEY (signatory_id, started)
);
CREATE TABLE endorsements (
    signatory_id TEXT NOT NULL REFERENCES signatories (id),
    pledge_id TEXT NOT NULL REFERENCES pledges (id),
    PRIMARY KEY (signatory_id, pledge_id)
);
CREATE TABLE watchlists (
    name TEXT PRIMARY KEY
);
CREATE TABLE watchlist_entries (
    watchlist TEXT NOT NULL REFERENCES watchlists (name),
    position INTEGER NOT NULL,
    organisation TEXT NOT NULL,
    signatory_id TEXT REFERENCES signatories (id),
    PRIMARY KEY (watchlist, position)
);
"""
)
# Made once the rows are in: one sort per index rather than a tree updated row by row.
INDEXES = """
CREATE INDEX signatories_by_name ON signatories (name);
CREATE INDEX signatories_by_joined ON signatories (joined);
CREATE INDEX events_by_signatory ON events (signatory_id);
CREATE INDEX events_by_date ON events (date);
CREATE INDEX endorsements_by_pledge ON endorsements (pledge_id);
CREATE INDEX watchlist_entries_by_signatory ON watchlist_entries (signatory_id);
"""


def _iso(day: Any) -> str | None:
    """A date as text: a day in ISO form, a vaguer one (already text in the document) as EDTF writes it."""
    return day if isinstance(day, str) or day is None else day.isoformat()


def _events(entry: dict[str, Any]) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = [
        (entry["id"], _iso(entry["joined"]), "join", None, None, None, entry.get("source"), None)
    ]
    rows += [
        (
            entry["id"],
            _iso(e["date"]),
            e["event"],
            e.get("reason"),
            e.get("from"),
            e.get("to"),
            e.get("source"),
            e.get("note"),
        )
        for e in entry.get("events", ())
    ]
    return rows


def database_bytes(export: dict[str, Any]) -> bytes:
    """A SQLite database file holding the whole ledger of an export document."""
    doc = export["ledger"]
    db = sqlite3.connect(":memory:")
    try:
        db.executescript(SCHEMA)
        accord = doc["accord"]
        db.execute(
            "INSERT INTO accord VALUES (?, ?, ?, ?)",
            (accord["name"], _iso(accord.get("launched")), accord.get("url"), _iso(export["exported"])),
        )
        pledges = doc.get("pledges", ())
        db.executemany(
            "INSERT INTO pledges VALUES (?, ?, ?, ?)",
            [(p["id"], p["title"], p.get("summary"), p.get("source")) for p in pledges],
        )
        all_pledges = [p["id"] for p in pledges]
        known_pledges = set(all_pledges)
        signatories, aliases, events, spans, endorsements = [], [], [], [], []
        for entry, membership in zip(doc.get("signatories", ()), export["memberships"], strict=True):
            signatories.append(
                (
                    entry["id"],
                    membership["name"],
                    _iso(entry["joined"]),
                    int(membership["member"]),
                    _iso(membership["left"]),
                    *(entry.get(column) for column in _TEXT_COLUMNS),
                )
            )
            aliases += [(entry["id"], alias) for alias in dict.fromkeys(entry.get("aliases", ()))]
            events += _events(entry)
            spans += [
                (entry["id"], _iso(span["from"]), _iso(span["to"]), span["reason"])
                for span in {span["from"]: span for span in membership["spans"]}.values()
            ]
            endorsed = entry.get("pledges", all_pledges)
            endorsements += [(entry["id"], p) for p in dict.fromkeys(endorsed) if p in known_pledges]
        marks = ", ".join("?" * (5 + len(_TEXT_COLUMNS)))
        db.executemany(f"INSERT INTO signatories VALUES ({marks})", signatories)
        db.executemany("INSERT INTO aliases VALUES (?, ?)", aliases)
        db.executemany(
            "INSERT INTO events (signatory_id, date, kind, reason, old_name, new_name, source, note) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            events,
        )
        db.executemany("INSERT INTO memberships VALUES (?, ?, ?, ?)", spans)
        db.executemany("INSERT INTO endorsements VALUES (?, ?)", endorsements)
        index = NameIndex.build(((e["name"], *e.get("aliases", ())), e["id"]) for e in doc.get("signatories", ()))
        for name, organisations in doc.get("watchlists", {}).items():
            db.execute("INSERT INTO watchlists VALUES (?)", (name,))
            db.executemany(
                "INSERT INTO watchlist_entries VALUES (?, ?, ?, ?)",
                [
                    (name, position, organisation, index.lookup(organisation))
                    for position, organisation in enumerate(organisations, start=1)
                ],
            )
        # Every reference checked in one pass at the end, not one lookup per row as it is inserted.
        broken = db.execute("PRAGMA foreign_key_check").fetchone()
        if broken is not None:
            raise sqlite3.IntegrityError(f"a row of {broken[0]} refers to a missing row of {broken[2]}")
        db.executescript(INDEXES)
        db.commit()
        return db.serialize()
    except sqlite3.IntegrityError as err:
        raise LedgerInvalid(f"the ledger cannot be exported to SQLite ({err}); run `accord check`") from None
    finally:
        db.close()


def render(result: Result, out: Output) -> None:
    out.write_bytes(database_bytes(result.document))
