"""What sync shows: for each snapshot, which elements gave its names and the names themselves, then what
it records (import's preview, its changes dated between two snapshots) and what it leaves to a person."""

from __future__ import annotations

from typing import Any

from accord_cli.core.snapshots import SyncPlan
from accord_cli.render.interop import import_preview, import_summary
from accord_cli.render.result import Column, Result, plural


def sync_summary(plan: SyncPlan) -> str:
    """One snapshot's plan in a sentence: "2020-02-03: 2 new, 5 already present, ..., 1 to mark as left"."""
    if plan.already_synced:
        return f"{plan.seen.isoformat()}: synced already" + (
            f"; {plural(len(plan.renames), 'rename')} it showed recorded now" if plan.renames else ""
        )
    parts = [import_summary(plan.imported)]
    if plan.renames:
        parts.append(plural(len(plan.renames), "rename"))
    if plan.possible_renames:
        parts.append(plural(len(plan.possible_renames), "possible rename") + " (not recorded)")
    if plan.early:
        parts.append(plural(len(plan.early), "name") + " the ledger has joining later (not changed)")
    return f"{plan.seen.isoformat()}: " + ", ".join(parts)


def _records(plan: SyncPlan) -> list[dict[str, Any]]:
    label, seen = plan.file.label, plan.seen
    renames = [
        {
            "action": "rename",
            "name": f"{r.signatory.name} → {r.new_name}",
            "date": plan.during,
            "detail": "as --rename asked",
        }
        for r in plan.renames
    ]
    if plan.already_synced:
        return [
            {
                "action": "snapshot",
                "name": "",
                "date": seen,
                "detail": f"{label}: synced already ({plural(plan.snapshot.count, 'name')})"
                + ("; nothing else to do" if renames else "; nothing to do"),
            },
            *renames,
        ]
    records: list[dict[str, Any]] = [
        # The copy's file is told in the detail, which wraps: a saved page's name is often long.
        {
            "action": "snapshot",
            "name": "",
            "date": seen,
            "detail": f"{label}: {plan.file.taken}: {plural(plan.snapshot.count, 'name')}"
            + (" (partial: no leaves)" if plan.snapshot.partial else "")
            + f"; source {plan.source}",
        },
        {"action": "names", "name": "", "date": None, "detail": ", ".join(plan.file.names)},
    ]
    records += renames
    records += [dict(r) for r in import_preview(plan.imported, plan.during, whole="the snapshot").records]
    records += [
        {
            "action": "possible rename",
            "name": m.row.name,
            "date": None,
            "detail": f"{m.signatory.name} (id {m.signatory.id}) is not on the snapshot, and this is near it by "
            f"its {m.reason}; neither recorded: if it was renamed, pass --rename "
            f"'{m.signatory.name}={m.row.name}'",
        }
        for m in plan.possible_renames
    ]
    records += [
        {
            "action": "joined later?",
            "name": m.row.name,
            "date": m.signatory.joined,
            "detail": f"the ledger has {m.signatory.name} joining {m.signatory.joined.phrase}, after this "
            "snapshot shows it; not changed",
        }
        for m in plan.early
    ]
    if plan.count is not None:
        records.append(
            {"action": "reported total", "name": plan.count.describe(), "date": plan.count.date, "detail": plan.source}
        )
    return records


def _plan_record(plan: SyncPlan) -> dict[str, Any]:
    """The stable JSON shape of one snapshot's plan."""
    imported, during = plan.imported, plan.during
    return {
        "file": plan.file.label,
        "date": plan.seen,
        "source": plan.source,
        "since": plan.since,
        "taken": plan.file.taken,
        "names": plan.file.names,
        "partial": plan.snapshot.partial,
        "already_synced": plan.already_synced,
        "joins": [{"name": row.name, "date": during} for row in imported.new],
        "rejoins": [{"name": f.signatory.name, "id": f.signatory.id, "date": during} for f in imported.rejoining],
        "leaves": [{"name": s.name, "id": s.id, "date": during} for s in imported.leaving],
        "renames": [
            {"from": r.signatory.name, "to": r.new_name, "id": r.signatory.id, "date": during} for r in plan.renames
        ],
        "possible_renames": [
            {"name": m.row.name, "looks_like": m.signatory.name, "id": m.signatory.id, "reason": m.reason}
            for m in plan.possible_renames
        ],
        "possible_matches": [
            {"name": m.row.name, "looks_like": m.signatory.name, "id": m.signatory.id, "reason": m.reason}
            for m in imported.possible
        ],
        "conflicts": [{"name": c.row.name, "reason": c.reason} for c in imported.conflicts],
        "joined_later": [{"name": m.row.name, "id": m.signatory.id, "joined": m.signatory.joined} for m in plan.early],
        "reported_total": None
        if plan.count is None
        else {"date": plan.count.date, "count": plan.count.count, "qualifier": plan.count.qualifier},
    }


def sync_preview(plans: list[SyncPlan]) -> Result:
    """What a sync would do, snapshot by snapshot, oldest first."""
    return Result(
        records=[record for plan in plans for record in _records(plan)],
        fields=("action", "name", "date", "detail"),
        columns=(
            Column("action", "Action", style="bold"),
            Column("name", "Name"),
            Column("date", "Date", whole=True),
            Column("detail", "Detail", wrap=True),
        ),
        sentence="; ".join(sync_summary(plan) for plan in plans),
        document=sync_document(plans, written=False),
    )


def sync_document(plans: list[SyncPlan], written: bool) -> dict[str, Any]:
    return {"written": written, "snapshots": [_plan_record(plan) for plan in plans]}


def sync_outcome(plans: list[SyncPlan], sentence: str, written: bool) -> Result:
    """What a sync did (or, in a dry run, would do), in a sentence or as JSON."""
    return Result(sentence=sentence, document=sync_document(plans, written))
