"""Syncing saved copies of a signatories list: each copy says who was a member on its day, and two in a row
bound when every change between them happened.

A copy seen on D, after the last whole copy synced before it on P (none: the
accord's launch, or no earliest day where the ledger has no launch date), is
an import of its names with `--mirror` through the one planner, every change
dated P/D: a name new to the ledger joined then, a former member rejoined
then, a member it does not name left then (unless it joined after D), and a
rename the user names is a rename then. A name near a member it does not name
is a possible rename, for a person to settle. The copy itself is recorded (its
date, source, count and the digest of its names) with its count as a total
reported that day, so syncing it again changes nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date

from msgspec import Struct, field, structs

from accord_cli.core.changes import rename
from accord_cli.core.dates import When, parse_when
from accord_cli.core.errors import SnapshotError
from accord_cli.core.importing import (
    ImportFile,
    ImportPlan,
    Match,
    Row,
    apply_import,
    plan_import,
)
from accord_cli.core.membership import members, standing
from accord_cli.core.model import Count, Ledger, Signatory, Snapshot
from accord_cli.core.names import NameIndex, name_key

# The joining date of a copy's rows as they are read, before the copy is placed in the history.
UNDATED = When.day(date.min)


class SnapshotFile(Struct, frozen=True):
    """A saved copy as read: its names (as import reads a file's rows), which elements or rows they came
    from, and the day it was seen and the address it can be checked at, where it says."""

    label: str
    found: ImportFile
    taken: str
    seen: date | None = None
    source: str | None = None
    # Elements of the list the names came from that hold more than one name (a badge, a country beside it),
    # as written: a member among them would otherwise be read as gone.
    passed_over: tuple[str, ...] = ()

    @property
    def names(self) -> list[str]:
        return [row.name for row in self.found.rows]


class Renaming(Struct, frozen=True):
    """A rename the user named (--rename OLD=NEW): the signatory as it was, and its name on the copy."""

    signatory: Signatory
    new_name: str


class SyncPlan(Struct):
    """What syncing one copy does. `imported` is the import of its names (with --mirror: leaves and
    returns), its possible matches less the `possible_renames`; `early` are names the ledger has joining
    after the copy shows them."""

    file: SnapshotFile
    seen: date
    source: str
    since: date | None  # the day of the whole copy before it, else the launch
    during: When  # since/seen: when what changed between the two happened
    snapshot: Snapshot
    imported: ImportPlan = field(default_factory=ImportPlan)
    renames: list[Renaming] = field(default_factory=list)
    possible_renames: list[Match] = field(default_factory=list)
    early: list[Match] = field(default_factory=list)
    count: Count | None = None
    already_synced: bool = False

    @property
    def changes_anything(self) -> bool:
        return not self.already_synced or bool(self.renames)


def digest(names: Sequence[str]) -> str:
    """The digest a snapshot keeps of its names: sha256 of them sorted, one a line."""
    return "sha256:" + hashlib.sha256("\n".join(sorted(names)).encode("utf-8")).hexdigest()


def sync(
    ledger: Ledger,
    files: Sequence[SnapshotFile],
    today: date,
    *,
    renames: Sequence[tuple[str, str]] = (),
    partial: bool = False,
) -> tuple[list[SyncPlan], Ledger]:
    """The plan of each copy, oldest first, and the ledger with them all synced; all or nothing.

    Refused: a copy with no date or source, one seen after `today`, one older than the last copy synced
    (unless it is that same copy), one naming fewer than half of the members (unless `partial`: then no
    one is taken to have left), and a rename that no copy shows.
    """
    for file in files:
        if file.seen is None:
            raise SnapshotError(
                f"{file.label}: no date: neither its name nor the page holds a web archive's "
                "timestamp; pass --seen DATE, the day it was saved"
            )
        if file.source is None:
            raise SnapshotError(
                f"{file.label}: no source: the file does not say where it was saved from; pass "
                "--source URL, where it can be checked"
            )
        if file.seen > today:
            raise SnapshotError(f"{file.label}: seen on {file.seen.isoformat()}, after today ({today.isoformat()})")
    pending = list(dict.fromkeys(renames))
    plans = []
    for file in sorted(files, key=lambda f: f.seen or date.min):
        plan, ledger = _sync_one(ledger, file, today, pending, partial)
        plans.append(plan)
    index = NameIndex.build((s.names, s) for s in ledger.signatories)
    for old, new in pending:
        owner = index.lookup(old)
        if owner is None:
            raise SnapshotError(f"--rename '{old}={new}': '{old}' is no name in the ledger")
        if index.lookup(new) is not owner:  # not done already, by an earlier sync
            raise SnapshotError(
                f"--rename '{old}={new}': no snapshot names '{new}' without '{old}' while {owner.name} is a member"
            )
    return plans, ledger


def _during(since: date | None, seen: date) -> When:
    if since is None:
        return parse_when(f"../{seen.isoformat()}")
    if since >= seen:
        return When.day(seen)
    return parse_when(f"{since.isoformat()}/{seen.isoformat()}")


def _sync_one(
    ledger: Ledger, file: SnapshotFile, today: date, pending: list[tuple[str, str]], partial: bool
) -> tuple[SyncPlan, Ledger]:
    seen, source = file.seen, file.source
    assert seen is not None and source is not None  # refused by `sync` otherwise
    names = file.names
    snapshot = Snapshot(seen, len(names), digest(names), source, partial)
    if any(s.date == seen and s.digest == snapshot.digest for s in ledger.snapshots):
        # Synced already; a rename it showed as possible may be said now (--rename), dated as it would have been.
        since = max(
            (s.date for s in ledger.snapshots if not s.partial and s.date < seen), default=ledger.accord.launched
        )
        during = _during(since, seen)
        ledger, renamed = _renamed(ledger, names, seen, during, source, pending)
        return SyncPlan(file, seen, source, since, during, snapshot, renames=renamed, already_synced=True), ledger
    launched = ledger.accord.launched
    if launched is not None and seen < launched:
        raise SnapshotError(
            f"{file.label}: seen on {seen.isoformat()}, before the accord launched "
            f"({launched.isoformat()}): it cannot name its members"
        )
    last = max((s.date for s in ledger.snapshots), default=None)
    if last is not None and seen < last:
        raise SnapshotError(
            f"{file.label}: seen on {seen.isoformat()}, before the last snapshot synced, of "
            f"{last.isoformat()}; sync snapshots oldest first"
        )
    since = max((s.date for s in ledger.snapshots if not s.partial), default=ledger.accord.launched)
    during = _during(since, seen)
    # Half of the members the ledger has then must be on the page: one that failed to load, or a list of
    # other organisations, names few of them, however many names it holds.
    on_page = {name_key(name) for name in names}
    current = members(ledger, seen)
    named = sum(1 for st in current if any(name_key(n) in on_page for n in st.signatory.names))
    if not partial and named * 2 < len(current):
        raise SnapshotError(
            f"{file.label} names {named} of the {len(current)} members the ledger has on {seen.isoformat()}, "
            "fewer than half: a page that did not load whole, or another list, is not the accord shrinking; "
            "see the names it gives with --dry-run --partial (and pick them with --select CSS), or pass "
            "--partial to record what it adds and no leaves"
        )
    if file.passed_over and not partial:
        shown = "; ".join(f"'{text}'" for text in file.passed_over[:3]) + ("; ..." if len(file.passed_over) > 3 else "")
        many = len(file.passed_over) > 1
        raise SnapshotError(
            f"{file.label}: {len(file.passed_over)} element{'s' if many else ''} of its list "
            f"{'hold' if many else 'holds'} more than a name ({shown}), so a member among them "
            "would be recorded as left; pick the names with --select CSS, or pass --partial to record what "
            "the page adds and no leaves"
        )
    for row in file.found.rows:
        if row.request.events:
            raise SnapshotError(f"{row.origin}: a snapshot lists who belonged on its day; this row says it left")
    ledger, renamed = _renamed(ledger, names, seen, during, source, pending)
    rows = [Row(structs.replace(row.request, joined=during, source=source), row.origin) for row in file.found.rows]
    imported = plan_import(ledger, ImportFile(rows), during, mirror=True)
    if partial:
        imported.leaving = []
    plan = SyncPlan(file, seen, source, since, during, snapshot, imported, renamed)
    _set_aside_what_needs_a_person(plan, ledger)
    recorded = {(c.date, c.count, c.qualifier) for c in ledger.counts}
    count = Count(When.day(seen), len(names), "at-least" if partial else "exact", source)
    plan.count = None if (count.date, count.count, count.qualifier) in recorded else count
    updated = apply_import(ledger, imported, during, today, source=source)
    updated = structs.replace(updated, snapshots=tuple(sorted((*updated.snapshots, snapshot), key=lambda s: s.date)))
    if plan.count is not None:
        counts = sorted((*updated.counts, plan.count), key=lambda c: c.date.key)
        updated = structs.replace(updated, counts=tuple(counts))
    return plan, updated


def _renamed(
    ledger: Ledger, names: list[str], seen: date, during: When, source: str, pending: list[tuple[str, str]]
) -> tuple[Ledger, list[Renaming]]:
    """The ledger with each pending rename this copy shows recorded (a member by OLD it does not name,
    and NEW on it), and those renames; each is taken off `pending`."""
    on_page = {name_key(name): name for name in names}
    done = []
    for old, new in list(pending):
        owner = NameIndex.build((s.names, s) for s in ledger.signatories).lookup(old)
        if owner is None or name_key(new) not in on_page or any(name_key(n) in on_page for n in owner.names):
            continue
        if not standing(owner, seen, ledger.accord.launched).is_member:
            continue
        ledger = rename(ledger, owner, on_page[name_key(new)], during, source=source)
        done.append(Renaming(owner, on_page[name_key(new)]))
        pending.remove((old, new))
    return ledger, done


def _set_aside_what_needs_a_person(plan: SyncPlan, ledger: Ledger) -> None:
    """Move the possible matches near a member the copy does not name to `possible_renames`, and the names
    of signatories the ledger has joining after the copy to `early`."""
    imported, seen, launched = plan.imported, plan.seen, ledger.accord.launched
    named = {m.signatory.id for m in imported.present}
    for match in list(imported.possible):
        owner = match.signatory
        if owner.id not in named and standing(owner, seen, launched).is_member:
            plan.possible_renames.append(match)
            imported.possible.remove(match)
    for match in imported.present:
        joined = match.signatory.joined
        if joined.first is not None and joined.first > seen:
            plan.early.append(match)
