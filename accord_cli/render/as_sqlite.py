"""The ledger as a SQLite database, for Datasette or any SQL client.

Built in memory and returned as the bytes of a database file, so the caller
can write it atomically like any other file.
"""

from __future__ import annotations

import sqlite3
from datetime import date

from accord_cli.errors import LedgerInvalid
from accord_cli.model import Ledger, Signatory
from accord_cli.names import NameIndex
from accord_cli.timeline import memberships, standing

SCHEMA = """
CREATE TABLE accord (
    name TEXT NOT NULL,
    launched TEXT,
    url TEXT,
    exported TEXT NOT NULL
);
CREATE TABLE pledges (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    summary TEXT
);
CREATE TABLE signatories (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    joined TEXT NOT NULL,
    is_member INTEGER NOT NULL CHECK (is_member IN (0, 1)),
    left_on TEXT,
    sector TEXT,
    country TEXT,
    source TEXT,
    note TEXT
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
    new_name TEXT
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
CREATE INDEX signatories_by_name ON signatories (name);
CREATE INDEX signatories_by_joined ON signatories (joined);
CREATE INDEX events_by_signatory ON events (signatory_id);
CREATE INDEX events_by_date ON events (date);
CREATE INDEX endorsements_by_pledge ON endorsements (pledge_id);
CREATE INDEX watchlist_entries_by_signatory ON watchlist_entries (signatory_id);
"""


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _events(s: Signatory) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = [(s.id, s.joined.isoformat(), "join", None, None, None)]
    rows += [(s.id, e.date.isoformat(), e.kind, e.reason, e.old_name, e.new_name) for e in s.events]
    return rows


def database_bytes(ledger: Ledger, on: date) -> bytes:
    """A SQLite database file holding the whole ledger, membership worked out as of `on`."""
    db = sqlite3.connect(":memory:")
    try:
        db.execute("PRAGMA foreign_keys = ON")
        db.executescript(SCHEMA)
        accord = ledger.accord
        db.execute("INSERT INTO accord VALUES (?, ?, ?, ?)", (accord.name, _iso(accord.launched), accord.url,
                                                               on.isoformat()))
        db.executemany("INSERT INTO pledges VALUES (?, ?, ?)", [(p.id, p.title, p.summary) for p in ledger.pledges])
        all_pledges = tuple(ledger.pledge_ids)
        known_pledges = set(all_pledges)
        signatories, aliases, events, spans, endorsements = [], [], [], [], []
        for s in ledger.signatories:
            st = standing(s, on)
            signatories.append((s.id, st.name, s.joined.isoformat(), int(st.is_member), _iso(st.left), s.sector,
                                s.country, s.source, s.note))
            aliases += [(s.id, alias) for alias in dict.fromkeys(s.aliases)]
            events += _events(s)
            spans += [(s.id, start.isoformat(), _iso(end), reason) for start, end, reason in
                      dict((start, (start, end, reason)) for start, end, reason in memberships(s)).values()]
            endorsements += [(s.id, p) for p in dict.fromkeys(s.endorsed(all_pledges)) if p in known_pledges]
        db.executemany("INSERT INTO signatories VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", signatories)
        db.executemany("INSERT INTO aliases VALUES (?, ?)", aliases)
        db.executemany("INSERT INTO events (signatory_id, date, kind, reason, old_name, new_name) "
                       "VALUES (?, ?, ?, ?, ?, ?)", events)
        db.executemany("INSERT INTO memberships VALUES (?, ?, ?, ?)", spans)
        db.executemany("INSERT INTO endorsements VALUES (?, ?)", endorsements)
        index = NameIndex.build((s.names, s) for s in ledger.signatories)
        for name, organisations in ledger.watchlists.items():
            db.execute("INSERT INTO watchlists VALUES (?)", (name,))
            db.executemany("INSERT INTO watchlist_entries VALUES (?, ?, ?, ?)", [
                (name, position, organisation, getattr(index.lookup(organisation), "id", None))
                for position, organisation in enumerate(organisations, start=1)
            ])
        db.commit()
        return db.serialize()
    except sqlite3.IntegrityError as err:
        raise LedgerInvalid(f"the ledger cannot be exported to SQLite ({err}); run `accord check`") from None
    finally:
        db.close()
