"""What import, export and report show: an import's preview and outcome, the export, the one-page report."""

from __future__ import annotations

from datetime import date
from typing import Any

from accord_cli.core.dates import When
from accord_cli.core.document import EXPORT_FORMAT, EXPORT_VERSION, encode
from accord_cli.core.importing import ImportPlan, Row
from accord_cli.core.membership import history, memberships, standings
from accord_cli.core.model import Ledger
from accord_cli.render.history import describe_change
from accord_cli.render.members import (
    SIGNATORY_FIELDS,
    signatory_record,
)
from accord_cli.render.result import Column, Result, plural


def import_summary(plan: ImportPlan) -> str:
    parts = [f"{len(plan.new)} new", f"{len(plan.present)} already present"]
    if plan.former:
        rejoining = len(plan.rejoining)
        parts.append(
            plural(len(plan.former), "former member")
            + (f" ({rejoining} to mark as rejoined)" if rejoining else " (not imported)")
        )
    parts.append(plural(len(plan.possible), "possible match", "possible matches") + " (not imported)")
    refused = sum(not c.forced for c in plan.conflicts)
    if refused:
        parts.append(plural(refused, "conflict") + " (not imported)")
    if plan.leaving:
        parts.append(f"{len(plan.leaving)} to mark as left")
    if plan.new_pledges:
        parts.append(plural(len(plan.new_pledges), "new pledge"))
    if plan.watchlists:
        parts.append(plural(len(plan.watchlists), "watchlist") + " to add to")
    if plan.counts:
        parts.append(plural(len(plan.counts), "reported total"))
    if plan.snapshots:
        parts.append(plural(len(plan.snapshots), "synced snapshot"))
    if plan.accord is not None:
        parts.append("the accord's own details")
    parts += [f"{what} of another accord left out ({flag})" for what, flag in _left_out(plan)]
    return ", ".join(parts)


def _left_out(plan: ImportPlan) -> list[tuple[str, str]]:
    """What another accord's export holds that the import leaves out, with the option that brings it."""
    found = []
    if plan.left_out_pledges:
        found.append((plural(len(plan.left_out_pledges), "pledge"), "--with-pledges"))
    if plan.left_out_counts or plan.left_out_snapshots:
        totals = [plural(len(plan.left_out_counts), "reported total")] if plan.left_out_counts else []
        totals += [plural(len(plan.left_out_snapshots), "synced snapshot")] if plan.left_out_snapshots else []
        found.append((" and ".join(totals), "--with-counts"))
    return found


def _import_record(plan: ImportPlan, written: bool) -> dict[str, Any]:
    """The stable JSON shape of an import's outcome."""
    return {
        "written": written,
        "new": [row.name for row in plan.new],
        "already_present": [
            {"name": m.row.name, "signatory": m.signatory.name, "id": m.signatory.id} for m in plan.present
        ],
        "former_members": [
            {
                "name": f.row.name,
                "signatory": f.signatory.name,
                "id": f.signatory.id,
                "left": f.left,
                "rejoined": f.rejoining,
            }
            for f in plan.former
        ],
        "possible_matches": [
            {"name": m.row.name, "looks_like": m.signatory.name, "id": m.signatory.id, "reason": m.reason}
            for m in plan.possible
        ],
        "conflicts": [
            {"name": c.row.name, "origin": c.row.origin, "reason": c.reason, "imported": c.forced}
            for c in plan.conflicts
        ],
        "leaving": [s.name for s in plan.leaving],
        "new_pledges": [p.id for p in plan.new_pledges],
        "watchlists": {name: list(names) for name, names in plan.watchlists.items()},
        "counts": [{"date": c.date, "count": c.count, "qualifier": c.qualifier} for c in plan.counts],
        "snapshots": [{"date": s.date, "count": s.count, "source": s.source} for s in plan.snapshots],
        "accord": plan.accord is not None,
        "left_out": {
            "pledges": [p.id for p in plan.left_out_pledges],
            "counts": [{"date": c.date, "count": c.count, "qualifier": c.qualifier} for c in plan.left_out_counts],
            "snapshots": [{"date": s.date, "count": s.count, "source": s.source} for s in plan.left_out_snapshots],
        },
    }


def _row_history(row: Row) -> list[str]:
    """What a row records beyond its joining: "left 2020-01-31", from accord's own CSV."""
    return [
        f"{e.kind} {e.date.isoformat()}" if e.kind != "leave" else f"left {e.date.isoformat()}"
        for e in row.request.events
    ]


def import_preview(plan: ImportPlan, on: When, whole: str = "the file (--mirror)") -> Result:
    """What an import would do: what it adds or marks as left, and what needs a person's look. `whole` is
    what names the whole membership, in the words of a leave or a return it gives."""
    records: list[dict[str, Any]] = []
    if plan.accord is not None:
        records.append(
            {
                "action": "accord",
                "name": plan.accord.name,
                "date": plan.accord.launched,
                "detail": "the accord's name, launch date and URL, from the file",
            }
        )
    records += [
        {"action": "new pledge", "name": p.title, "date": None, "detail": f"id {p.id}"} for p in plan.new_pledges
    ]
    forced = {id(c.row): c.reason for c in plan.conflicts if c.forced}
    records += [
        {
            "action": "add",
            "name": row.name,
            "date": row.request.joined,
            "detail": f"{forced[id(row)]}; added all the same (--force)"
            if id(row) in forced
            else ", ".join(x for x in (row.request.sector, row.request.country, *_row_history(row)) if x),
        }
        for row in plan.new
    ]
    records += [
        {
            "action": "possible match",
            "name": m.row.name,
            "date": None,
            "detail": f"looks like {m.signatory.name} (id {m.signatory.id}), by its {m.reason}; not imported",
        }
        for m in plan.possible
    ]
    records += [
        {"action": "conflict", "name": c.row.name, "date": None, "detail": f"{c.reason}; not imported"}
        for c in plan.conflicts
        if not c.forced
    ]
    records += [
        {
            "action": "rejoin" if f.rejoining else "former member",
            "name": f.row.name,
            "date": on if f.rejoining else f.left,
            "detail": f"left {f.left.isoformat()}; back in {whole}"
            if f.rejoining
            else f"left {f.left.isoformat()}; to record its return: accord rejoin {f.signatory.id} --date "
            f"{on.isoformat()}",
        }
        for f in plan.former
    ]
    records += [{"action": "leave", "name": s.name, "date": on, "detail": f"not in {whole}"} for s in plan.leaving]
    records += [
        {"action": "watchlist", "name": name, "date": None, "detail": plural(len(names), "organisation") + " to add"}
        for name, names in plan.watchlists.items()
    ]
    records += [
        {"action": "reported total", "name": c.describe(), "date": c.date, "detail": c.source or ""}
        for c in plan.counts
    ]
    records += [
        {"action": "synced snapshot", "name": plural(s.count, "name"), "date": s.date, "detail": s.source or ""}
        for s in plan.snapshots
    ]
    records += [
        {"action": "left out", "name": what, "date": None, "detail": f"of another accord; pass {flag} to bring them"}
        for what, flag in _left_out(plan)
    ]
    return Result(
        records=records,
        fields=("action", "name", "date", "detail"),
        columns=(
            Column("action", "Action", style="bold"),
            Column("name", "Name"),
            Column("date", "Date"),
            Column("detail", "Detail"),
        ),
        sentence=import_summary(plan),
        document=_import_record(plan, written=False),
    )


def import_outcome(plan: ImportPlan, sentence: str, written: bool) -> Result:
    """What an import did (or, in a dry run, would do), in a sentence or as JSON."""
    return Result(sentence=sentence, document=_import_record(plan, written))


def export_document(ledger: Ledger, on: date) -> dict[str, Any]:
    """The whole ledger as the TOML file holds it (`ledger`), and beside it each signatory's membership
    on `on` worked out (`memberships`, in the same order), so no worked-out key meets a key of the file."""
    memberships_on = []
    for s, st in zip(ledger.signatories, standings(ledger, on)):
        memberships_on.append(
            {
                "id": s.id,
                "member": st.is_member,
                "certain": not st.is_possible,
                "name": st.name,
                "left": st.left,
                "spans": [{"from": start, "to": end, "reason": reason} for start, end, reason in memberships(s)],
            }
        )
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported": on,
        "ledger": encode(ledger),
        "memberships": memberships_on,
    }


EXPORT_FIELDS = (*SIGNATORY_FIELDS[:2], "status", *SIGNATORY_FIELDS[2:], "history")


def export_result(ledger: Ledger, on: date) -> Result:
    """Every signatory, past and present, with its status on `on` and its history in words; in JSON, the
    whole ledger (see `export_document`)."""
    records = []
    all_pledges = ledger.pledge_ids
    for s, st in zip(ledger.signatories, standings(ledger, on)):
        record = signatory_record(st, all_pledges)
        record["status"] = (
            "member"
            if st.is_member
            else "possibly member"
            if st.is_possible
            else "former"
            if st.has_joined
            else "not yet"
        )
        record["history"] = [describe_change(c) for c in history(s) if c.kind != "join"]
        records.append(record)
    members = sum(1 for r in records if r["status"] == "member")
    possibly = sum(1 for r in records if r["status"] == "possibly member")
    return Result(
        records=records,
        fields=EXPORT_FIELDS,
        columns=(
            Column("name", "Name"),
            Column("status", "Status"),
            Column("joined", "Joined"),
            Column("left", "Left"),
            Column("sector", "Sector"),
            Column("country", "Country"),
            Column("history", "History"),
        ),
        sentence=f"{plural(members, 'member')}, "
        + (f"{possibly} more possibly, " if possibly else "")
        + f"{len(records) - members - possibly} former or not yet joined, on {on.isoformat()}",
        title=ledger.accord.name,
        document=export_document(ledger, on),
    )
