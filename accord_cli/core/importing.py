"""Bringing lists from outside into the ledger: plan what an import would change, then apply it all or nothing.

Reading the files is storage's work; here each row is matched against the
ledger with the one name matcher.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from msgspec import Struct, field, structs

from accord_cli.core.changes import add_signatories, having_left, having_rejoined
from accord_cli.core.dates import When
from accord_cli.core.errors import ImportFileError
from accord_cli.core.lookalikes import lookalike_reason, mixed_script_reason
from accord_cli.core.membership import standing
from accord_cli.core.model import (
    Accord,
    Count,
    Extra,
    Ledger,
    Pledge,
    Signatory,
    Snapshot,
)
from accord_cli.core.names import NameIndex, NameMatcher, name_key, shortened, too_long
from accord_cli.core.watchlists import add_to_watchlist


class Row(Struct, frozen=True):
    """One organisation an import file names: the signatory it asks for, and where the file names it."""

    request: Signatory
    origin: str

    @property
    def name(self) -> str:
        return self.request.name


class ImportFile(Struct, frozen=True):
    rows: list[Row]
    # The whole ledger, when the file is accord's JSON export: its pledges, watchlists and accord table.
    ledger: Ledger | None = None


def refuse_oddities(rows: Sequence[Row]) -> None:
    """Refuse a row whose name is too long to be one, or a second row naming the same organisation (by a
    name or alias of either), naming the row's origin."""
    seen: dict[str, tuple[Row, str]] = {}
    for row in rows:
        if reason := too_long(row.name):
            raise ImportFileError(f"{row.origin}: the name {shortened(row.name)!r} {reason}")
        for name in dict.fromkeys(row.request.names):
            first, written = seen.setdefault(name_key(name), (row, name))
            if first is not row:
                raise ImportFileError(
                    f"{row.origin}: '{name}' is already named at {first.origin} ('{written}'); remove one of the rows"
                )


class Match(Struct, frozen=True):
    """A row and the signatory it names, or for a possible match, nearly names, and why (see `nearness`)."""

    row: Row
    signatory: Signatory
    reason: str | None = None


class Conflict(Struct, frozen=True):
    """A row that cannot be recorded as it is: a name that reads as another's, or an alias another
    signatory has. `forced`: recorded all the same, as --force asked (never for an alias)."""

    row: Row
    reason: str
    forced: bool = False


class Former(Struct, frozen=True):
    """A row naming a former member: when it left, and whether the import records its return (--mirror)."""

    row: Row
    signatory: Signatory
    left: When
    rejoining: bool = False


class ImportPlan(Struct):
    """What an import would do; nothing is written until it is applied. Every row of the file is in
    exactly one of `new`, `present`, `former`, `possible` and `conflicts`."""

    new: list[Row] = field(default_factory=list)
    present: list[Match] = field(default_factory=list)
    former: list[Former] = field(default_factory=list)
    possible: list[Match] = field(default_factory=list)  # near a signatory's name: left for a person to decide
    conflicts: list[Conflict] = field(default_factory=list)
    leaving: list[Signatory] = field(default_factory=list)  # with --mirror: members the file does not name
    new_pledges: list[Pledge] = field(default_factory=list)
    # Names an export's watchlists add, by watchlist (a new watchlist has all of its names here).
    watchlists: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Totals an export reports that this ledger does not, and the snapshots it synced that this one did not.
    counts: list[Count] = field(default_factory=list)
    snapshots: list[Snapshot] = field(default_factory=list)
    # An export's accord table (and the document's other keys), taken by an empty ledger.
    accord: Accord | None = None
    extra: Extra | None = None
    # What another accord's export holds that the import leaves out unless asked: pledges, totals (and the
    # snapshots that reported them).
    left_out_pledges: list[Pledge] = field(default_factory=list)
    left_out_counts: list[Count] = field(default_factory=list)
    left_out_snapshots: list[Snapshot] = field(default_factory=list)

    @property
    def rejoining(self) -> list[Former]:
        return [f for f in self.former if f.rejoining]

    @property
    def changes_anything(self) -> bool:
        return bool(
            self.new
            or self.leaving
            or self.rejoining
            or self.new_pledges
            or self.watchlists
            or self.counts
            or self.snapshots
            or self.accord
        )


def is_empty(ledger: Ledger) -> bool:
    """Whether the ledger holds nothing yet but its accord's name: what `accord init --empty` writes."""
    return not (
        ledger.signatories
        or ledger.pledges
        or ledger.watchlists
        or ledger.counts
        or ledger.snapshots
        or ledger.accord.launched
        or ledger.accord.url
        or ledger.accord.extra
        or ledger.extra
    )


def plan_import(
    ledger: Ledger,
    found: ImportFile,
    on: When,
    *,
    mirror: bool = False,
    allow_lookalikes: bool = False,
    with_pledges: bool = False,
    with_counts: bool = False,
) -> ImportPlan:
    """Match every row against the ledger with the one name matcher and decide what to do with it.

    A row whose name the ledger has is present, or a former member (with
    `mirror`, whose return is recorded); one whose alias another signatory has,
    or whose name reads as a signatory's (or an earlier new row's) or mixes
    scripts, is a conflict, recorded only if `allow_lookalikes` and not for an
    alias; one near a name is a possible match, left for a person; the rest are
    new. Another accord's export brings its pledges and reported totals only
    `with_pledges` and `with_counts` (into an empty ledger, everything).
    """
    matcher = NameMatcher[Signatory]((s.names, s) for s in ledger.signatories)
    adding = NameIndex[Row]()  # the rows planned as new, so that two look-alike rows are caught too
    launched = ledger.accord.launched
    plan = ImportPlan()
    named: set[str] = set()
    for row in found.rows:
        exact = matcher.lookup(row.name)
        if exact is not None:
            named.add(exact.id)
            left = standing(exact, on.last, launched).left
            if left is None:
                plan.present.append(Match(row, exact))
            else:
                plan.former.append(Former(row, exact, left, rejoining=mirror))
            continue
        taken = next(((alias, s) for alias in row.request.aliases if (s := matcher.lookup(alias)) is not None), None)
        if taken is not None:
            alias, owner = taken
            plan.conflicts.append(Conflict(row, f"its alias '{alias}' is a name of {owner.name} (id {owner.id})"))
            named.add(owner.id)
            continue
        if reason := _reads_as_another(row, matcher, adding):
            plan.conflicts.append(Conflict(row, reason, forced=allow_lookalikes))
            # A name that reads as a member's is no sign the member is gone: with --mirror it is not left.
            named.update(owner.id for name in row.request.names for _, owner in matcher.lookalikes(name))
            if not allow_lookalikes:
                continue
        else:
            near = matcher.near(row.name)
            if near:
                plan.possible.append(Match(row, near[0].owner, near[0].reason))
                named.update(candidate.owner.id for candidate in near)
                continue
        plan.new.append(row)
        for name in row.request.names:
            adding.add(name, row)
    if mirror:
        plan.leaving = [s for s in ledger.signatories if s.id not in named and standing(s, on.last, launched).is_member]
    exported = found.ledger
    if exported is None:
        return plan
    known = set(ledger.pledge_ids)
    empty = is_empty(ledger)
    # Another accord's pledges and totals are its own: into a ledger that has some of its own (signatories,
    # pledges or totals), only when asked. A ledger of an accord's table alone (`init --empty --name ...`) takes
    # everything.
    own = bool(ledger.signatories or ledger.pledges or ledger.counts or ledger.snapshots)
    another = own and name_key(exported.accord.name) != name_key(ledger.accord.name)
    # An export's signatories endorse its pledges, often implicitly (no list: all of them);
    # bring the definitions this ledger lacks along with the signatories (into an empty ledger, all).
    if plan.new or empty:
        pledges = [p for p in exported.pledges if p.id not in known]
        plan.new_pledges, plan.left_out_pledges = ([], pledges) if another and not with_pledges else (pledges, [])
    for name, organisations in exported.watchlists.items():
        listed = {name_key(o) for o in ledger.watchlists.get(name, ())}
        unlisted = tuple(o for o in organisations if name_key(o) not in listed)
        if unlisted or name not in ledger.watchlists:
            plan.watchlists[name] = unlisted
    recorded = {(c.date, c.count, c.qualifier) for c in ledger.counts}
    counts = [c for c in exported.counts if (c.date, c.count, c.qualifier) not in recorded]
    plan.counts, plan.left_out_counts = ([], counts) if another and not with_counts else (counts, [])
    synced = {(s.date, s.source) for s in ledger.snapshots}
    snapshots = [s for s in exported.snapshots if (s.date, s.source) not in synced]
    plan.snapshots, plan.left_out_snapshots = ([], snapshots) if another and not with_counts else (snapshots, [])
    if empty and (exported.accord != ledger.accord or exported.extra):
        plan.accord, plan.extra = exported.accord, exported.extra
    return plan


def _reads_as_another(row: Row, matcher: NameMatcher[Signatory], adding: NameIndex[Row]) -> str | None:
    """Why a row's name or alias reads as a signatory's or an earlier row's, or looks spoofed; None if not."""
    for name in row.request.names:
        for written, s in matcher.lookalikes(name):
            return f"'{name}' reads as '{written}', a name of {s.name} (id {s.id}): {lookalike_reason(name, written)}"
        for written, earlier in adding.lookalikes(name):
            return f"'{name}' reads as '{written}' at {earlier.origin}: {lookalike_reason(name, written)}"
        if reason := mixed_script_reason(name):
            return f"'{name}' looks spoofed: {reason}"
    return None


def apply_import(
    ledger: Ledger, plan: ImportPlan, on: When, today: date, reason: str | None = None, *, source: str | None = None
) -> Ledger:
    """The ledger with the plan carried out: every row recorded, or an error and nothing. `source`: where the
    leaves and returns it records can be checked."""
    if plan.accord is not None:
        ledger = structs.replace(ledger, accord=plan.accord, extra=plan.extra)
    if plan.new_pledges:
        ledger = structs.replace(ledger, pledges=(*ledger.pledges, *plan.new_pledges))
    ledger, _ = add_signatories(ledger, [row.request for row in plan.new], today, [row.origin for row in plan.new])
    for name, organisations in plan.watchlists.items():
        ledger, _ = add_to_watchlist(ledger, name, organisations)
    if plan.counts:
        ledger = structs.replace(ledger, counts=tuple(sorted((*ledger.counts, *plan.counts), key=lambda c: c.date.key)))
    if plan.snapshots:
        ledger = structs.replace(
            ledger, snapshots=tuple(sorted((*ledger.snapshots, *plan.snapshots), key=lambda s: s.date))
        )
    return ledger.with_replaced(
        *(having_left(s, on, reason, source=source) for s in plan.leaving),
        *(having_rejoined(f.signatory, on, source=source) for f in plan.rejoining),
    )
