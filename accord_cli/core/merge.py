"""Three versions of a ledger merged entry by entry, as git asks of a merge driver.

git merges lines: two people who each add a signatory at the end of the file, or each record an event
of the same signatory, meet a conflict, and a clean line merge may still duplicate an entry. Here
entries are matched by what they are (a signatory by its id, else by its names; a pledge by its id; a
reported total or a synced snapshot by its date and source; a watchlist by its name) and merged a field
at a time: a change made on one side is taken, one made alike on both is taken once, and only the same field changed two
ways, or an entry removed on one side and changed on the other, is a conflict. Events, aliases and a
watchlist's names are sets. The merged ledger is then held to the rules `accord check` applies, so a
merge that would break one (two leaves in a row, one organisation added twice under two ids) is a
conflict too, never a clean result.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Generic, TypeVar

from msgspec import NODEFAULT, Struct, structs

from accord_cli.core.model import Count, Extra, Ledger, Pledge, Signatory, Snapshot
from accord_cli.core.names import NameIndex, name_key
from accord_cli.core.rules import find_problems, problem_identity

Path = tuple[str | int, ...]
Entry = TypeVar("Entry", bound=Struct)


class Conflict(Struct, frozen=True):
    """A part of the ledger the two sides changed in ways that cannot both stand, with its three versions.

    `path` says where it is in the merged ledger: a whole entry (`("signatories", 3)`) or one field of one
    (`("signatories", 3, "sector")`, `("accord", "url")`, `("watchlists", "bigtech")`, a key of the document
    itself). Each version is the model's value there, an entry or a field's value; None where that side
    has none (an entry removed, a field left out)."""

    path: Path
    base: Any
    ours: Any
    theirs: Any
    reason: str


class Merged(Struct, frozen=True):
    """The merged ledger and its conflicts. Where there is a conflict, the ledger holds our version (or
    theirs, where we removed the entry), for the conflict to be written over."""

    ledger: Ledger
    conflicts: tuple[Conflict, ...] = ()


# What `_pick` answers for a field both sides changed, each its own way.
_UNSETTLED = object()


def _pick(base: Any, ours: Any, theirs: Any) -> Any:
    """One value merged: what changed on one side, or alike on both; _UNSETTLED if each changed it its way."""
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    return _UNSETTLED


@dataclass
class _Slot(Generic[Entry]):
    """One entry as each version has it (None where a version has none), and what merging it gave."""

    base: Entry | None
    ours: Entry | None
    theirs: Entry | None
    merged: Entry | None = None
    # Fields each side changed its own way: key, and the base, our and their value.
    disputed: list[tuple[str, Any, Any, Any]] = field(default_factory=list)
    # Why the whole entry is in conflict, if it is.
    reason: str | None = None


def merge(base: Ledger, ours: Ledger, theirs: Ledger, today: date) -> Merged:
    """`ours` and `theirs`, both changed from `base`, merged (see the module's docstring); `today` is for the
    rules, which the merged ledger is held to."""
    conflicts: list[Conflict] = []
    accord, disputed = _merge_fields(base.accord, ours.accord, theirs.accord)
    conflicts += [
        Conflict(("accord", key), b, o, t, f"[accord] {key} changed on both sides") for key, b, o, t in disputed
    ]
    extra, disputed = _merge_extra(base.extra, ours.extra, theirs.extra)
    conflicts += [Conflict((key,), b, o, t, f"{key} changed on both sides") for key, b, o, t in disputed]
    watchlists, contested = _merge_watchlists(base.watchlists, ours.watchlists, theirs.watchlists)
    conflicts += [
        Conflict(("watchlists", name), b, o, t, f"watchlist '{name}' {why}") for name, b, o, t, why in contested
    ]

    pledges = _slots(base.pledges, ours.pledges, theirs.pledges, key=lambda p: p.id)
    signatories = _slots(
        base.signatories, ours.signatories, theirs.signatories, key=lambda s: s.id, same=_shares_a_name
    )
    counts = _slots(base.counts, ours.counts, theirs.counts, key=lambda c: (c.date, c.source))
    snapshots = _slots(base.snapshots, ours.snapshots, theirs.snapshots, key=lambda s: (s.date, s.source))
    for slot in pledges + counts + snapshots:
        _settle(slot, _merge_fields)
    for signatory in signatories:
        _settle(signatory, _merge_signatory)
    _pair_the_same_organisation(signatories)
    counts = sorted((slot for slot in counts if slot.merged is not None), key=lambda slot: slot.merged.date.key)  # type: ignore[union-attr]
    sections: dict[str, list[_Slot[Any]]] = {
        "pledges": [slot for slot in pledges if slot.merged is not None],
        "signatories": [slot for slot in signatories if slot.merged is not None],
        "counts": counts,
        "snapshots": sorted((slot for slot in snapshots if slot.merged is not None), key=lambda slot: slot.merged.date),  # type: ignore[union-attr]
    }
    kept: dict[str, tuple[Any, ...]] = {
        section: tuple(slot.merged for slot in slots) for section, slots in sections.items()
    }
    merged = Ledger(
        accord,
        pledges=kept["pledges"],
        signatories=kept["signatories"],
        watchlists=watchlists,
        counts=kept["counts"],
        snapshots=kept["snapshots"],
        extra=extra,
    )
    _hold_to_rules(merged, base, ours, theirs, today, sections, conflicts)
    for section, slots in sections.items():
        for index, slot in enumerate(slots):
            subject = _subject(slot.merged)
            if slot.reason is not None:
                conflicts.append(
                    Conflict((section, index), slot.base, slot.ours, slot.theirs, f"{subject}: {slot.reason}")
                )
            else:
                conflicts += [
                    Conflict((section, index, key), b, o, t, f"{subject}: {key} changed on both sides")
                    for key, b, o, t in slot.disputed
                ]
    return Merged(merged, tuple(sorted(conflicts, key=lambda c: _SECTION_ORDER.get(str(c.path[0]), 0))))


# Conflicts in the order the file holds what they are about.
_SECTION_ORDER = {"accord": 1, "pledges": 2, "signatories": 3, "watchlists": 4, "counts": 5, "snapshots": 6}


def _subject(entry: Any) -> str:
    """What a conflict's reason calls an entry."""
    if isinstance(entry, Signatory):
        return f"{entry.name} (id {entry.id})"
    if isinstance(entry, Pledge):
        return f"pledge {entry.id}"
    if isinstance(entry, Count):
        return f"the count of {entry.date.isoformat()}" + (f" from {entry.source}" if entry.source else "")
    if isinstance(entry, Snapshot):
        return f"the snapshot of {entry.date.isoformat()}" + (f" from {entry.source}" if entry.source else "")
    return "an entry"


# -- entries: matched across the versions, then merged one by one -------------------------------------------


def _keyed(entries: Iterable[Entry], key: Callable[[Entry], Hashable]) -> dict[tuple[Hashable, int], Entry]:
    """Entries by their key and how many with that key came before (a hand-edited ledger may hold two)."""
    seen: Counter[Hashable] = Counter()
    keyed = {}
    for entry in entries:
        k = key(entry)
        keyed[(k, seen[k])] = entry
        seen[k] += 1
    return keyed


def _slots(
    base: Sequence[Entry],
    ours: Sequence[Entry],
    theirs: Sequence[Entry],
    *,
    key: Callable[[Entry], Hashable],
    same: Callable[[Entry, Entry], bool] | None = None,
) -> list[_Slot[Entry]]:
    """Every entry of the three versions, matched by `key` (else by `same`, for an entry whose key its base
    does not have): base's in base order, then those new on our side, then those new on theirs, as
    applying our changes and then theirs would place them."""
    b, o, t = _keyed(base, key), _keyed(ours, key), _keyed(theirs, key)
    if same is not None:
        o, t = _matched_by_name(b, o, same), _matched_by_name(b, t, same)
    return [_Slot(b.get(k), o.get(k), t.get(k)) for k in dict.fromkeys((*b, *o, *t))]


def _matched_by_name(
    base: dict[Any, Entry], side: dict[Any, Entry], same: Callable[[Entry, Entry], bool]
) -> dict[Any, Entry]:
    """`side`, its entries whose key base lacks filed under the key of a base entry the side lacks that
    `same` says they are (an entry written without an id, its name since corrected)."""
    missing = [k for k in base if k not in side]
    if not missing or all(k in base for k in side):
        return side
    refiled = {}
    for k, entry in side.items():
        if k not in base:
            k = next((m for m in missing if m not in refiled and same(base[m], entry)), k)
        refiled[k] = entry
    return refiled


def _shares_a_name(a: Signatory, b: Signatory) -> bool:
    return not {name_key(n) for n in a.names}.isdisjoint(name_key(n) for n in b.names)


def _settle(slot: _Slot[Any], merge_entry: Callable[[Any, Any, Any], tuple[Any, list[Any]]]) -> None:
    """Merge one entry: kept as added or removed on one side, merged field by field if both sides have it."""
    b, o, t = slot.base, slot.ours, slot.theirs
    if o is not None and t is not None:
        whole = _pick(b, o, t)
        if whole is not _UNSETTLED:  # changed on one side at most, or alike: most entries of a large ledger
            slot.merged = whole
            return
        slot.merged, slot.disputed = merge_entry(b, o, t)
        if isinstance(slot.merged, _Unsettled):
            slot.merged, slot.reason = o, slot.merged.reason
        return
    present = o if o is not None else t
    if present is None or (b is not None and present == b):
        return  # removed on both sides, or on one and left alone on the other
    slot.merged = present
    if b is not None:
        slot.reason = _removed_and_changed("removed", ours_removed=o is None)


def _removed_and_changed(removed: str, *, ours_removed: bool) -> str:
    return f"{removed} on our side, changed on theirs" if ours_removed else f"changed on our side, {removed} on theirs"


class _Unsettled(Struct, frozen=True):
    """An entry that cannot be merged a field at a time, and why."""

    reason: str


def _defaults(cls: type[Struct]) -> dict[str, Any]:
    """The value of each field of `cls` where an entry has none: its default, else None."""
    return {f.name: None if f.default is NODEFAULT else f.default for f in structs.fields(cls)}


def _merge_fields(
    base: Entry | None,
    ours: Entry,
    theirs: Entry,
    *,
    own: Mapping[str, Callable[[Any, Any, Any], Any]] | None = None,
) -> tuple[Entry, list[tuple[str, Any, Any, Any]]]:
    """An entry merged a field at a time (unknown keys each as a field), `own` merging the fields it names;
    and the fields each side changed its own way, which keep our value."""
    cls = type(ours)
    before = _defaults(cls) if base is None else {name: getattr(base, name) for name in cls.__struct_fields__}
    values: dict[str, Any] = {}
    disputed = []
    for name, key in zip(cls.__struct_fields__, cls.__struct_encode_fields__):
        b, o, t = before[name], getattr(ours, name), getattr(theirs, name)
        if name == "extra":
            values[name], found = _merge_extra(b, o, t)
            disputed += found
            continue
        merged = own[name](b, o, t) if own and name in own else _pick(b, o, t)
        if merged is _UNSETTLED:
            disputed.append((key, b, o, t))
            merged = o
        values[name] = merged
    return structs.replace(ours, **values), disputed


def _merge_extra(
    base: Extra | None, ours: Extra | None, theirs: Extra | None
) -> tuple[Extra | None, list[tuple[str, Any, Any, Any]]]:
    """Keys accord does not know, merged one by one as fields are."""
    b: Mapping[str, Any] = base or {}
    o: Mapping[str, Any] = ours or {}
    t: Mapping[str, Any] = theirs or {}
    merged: dict[str, Any] = {}
    disputed: list[tuple[str, Any, Any, Any]] = []
    for key in dict.fromkeys((*o, *t, *b)):
        value = _pick(b.get(key), o.get(key), t.get(key))
        if value is _UNSETTLED:
            disputed.append((key, b.get(key), o.get(key), t.get(key)))
            value = o.get(key)
        if value is not None:
            merged[key] = value
    return Extra(merged) if merged else None, disputed


def _merge_names(base: Sequence[str], ours: Sequence[str], theirs: Sequence[str]) -> tuple[str, ...]:
    """Names as a set: ours, less those they removed, then those they added; one name once (by its key)."""
    kept = [n for n in ours if n in theirs or n not in base]
    added = [n for n in theirs if n not in ours and n not in base]
    unique: dict[str, str] = {}
    for name in (*kept, *added):
        unique.setdefault(name_key(name), name)
    return tuple(unique.values())


def _merge_pledges(base: tuple[str, ...] | None, ours: tuple[str, ...] | None, theirs: tuple[str, ...] | None) -> Any:
    """A signatory's own list of pledges as a set; all of the accord's (None) against a list, as a value."""
    if base is None or ours is None or theirs is None:
        return _pick(base, ours, theirs)
    kept = [p for p in ours if p in theirs or p not in base]
    return tuple(dict.fromkeys([*kept, *(p for p in theirs if p not in ours and p not in base)]))


def _merge_signatory(
    base: Signatory | None, ours: Signatory, theirs: Signatory
) -> tuple[Signatory | _Unsettled, list[tuple[str, Any, Any, Any]]]:
    """A signatory merged a field at a time, aliases and pledges as sets, its events as a set in date order."""
    merged, disputed = _merge_fields(
        base, ours, theirs, own={"aliases": _merge_names, "pledges": _merge_pledges, "events": lambda b, o, t: o}
    )
    had = base.events if base is not None else ()
    ours_new = [e for e in ours.events if e not in had and e not in theirs.events]
    theirs_new = [e for e in theirs.events if e not in had and e not in ours.events]
    for event in theirs_new:
        twin = next((e for e in ours_new if (e.date, e.kind) == (event.date, event.kind)), None)
        if twin is not None:
            return _Unsettled(f"its {event.kind} {event.date.phrase} is recorded differently on each side"), []
    merged = structs.replace(merged, events=tuple(e for e in ours.events if e in theirs.events or e not in had))
    for event in theirs_new:
        merged = merged.with_event(event)
    return merged, disputed


def _merge_watchlists(
    base: Mapping[str, tuple[str, ...]],
    ours: Mapping[str, tuple[str, ...]],
    theirs: Mapping[str, tuple[str, ...]],
) -> tuple[dict[str, tuple[str, ...]], list[tuple[str, Any, Any, Any, str]]]:
    """Watchlists by name, their names as sets; one emptied by the merge is deleted, as `watchlist remove`
    deletes one it empties."""
    merged: dict[str, tuple[str, ...]] = {}
    disputed: list[tuple[str, Any, Any, Any, str]] = []
    for name in dict.fromkeys((*ours, *theirs, *base)):
        b, o, t = base.get(name), ours.get(name), theirs.get(name)
        if o is not None and t is not None:
            names = _merge_names(b or (), o, t)
        elif o is None and t is None:
            continue
        else:
            present = o if o is not None else t
            if b is not None and present == b:
                continue  # deleted on one side, left alone on the other
            if b is not None:
                disputed.append((name, b, o, t, _removed_and_changed("deleted", ours_removed=o is None)))
            names = present  # type: ignore[assignment]
        if names:
            merged[name] = names
    return merged, disputed


# -- what only the whole merged ledger shows --------------------------------------------------------------


def _pair_the_same_organisation(slots: list[_Slot[Any]]) -> None:
    """An organisation added on both sides under two ids (Acme and Acme Inc.) is one conflict: our entry
    against theirs, the name matcher saying they are the same (the same name, or one that reads as it)."""
    ours_new = [slot for slot in slots if slot.base is None and slot.theirs is None and slot.merged is not None]
    if not ours_new:
        return
    index = NameIndex.build((slot.merged.names, slot) for slot in ours_new)  # type: ignore[union-attr]
    for slot in slots:
        if slot.base is not None or slot.ours is not None or slot.merged is None:
            continue
        for name in slot.merged.names:
            found = index.lookup(name)
            if found is None:
                found = next((owner for _, owner in index.lookalikes(name)), None)
            if found is not None and found.reason is None:
                theirs = slot.merged
                found.theirs, found.disputed, slot.merged = theirs, [], None
                found.reason = (
                    f"added on both sides, on theirs as {theirs.name} (id {theirs.id}): one organisation under two ids"
                )
                break


def _hold_to_rules(
    merged: Ledger,
    base: Ledger,
    ours: Ledger,
    theirs: Ledger,
    today: date,
    sections: dict[str, list[_Slot[Any]]],
    conflicts: list[Conflict],
) -> None:
    """Make a conflict of each problem the merge brings in, one neither side had (two leaves in a row): on
    its entry, or the field it is about. Only the signatories the merge changed are looked at one by one,
    as for a write."""
    before = {s.id: s for s in base.signatories}
    changed = {s.id for s in merged.signatories if before.get(s.id) != s}
    had = Counter(problem_identity(p, ours) for p in find_problems(ours, today, only=changed)) | Counter(
        problem_identity(p, theirs) for p in find_problems(theirs, today, only=changed)
    )
    placed = {c.path for c in conflicts}
    for problem in find_problems(merged, today, only=changed):
        if problem.note:
            continue
        identity = problem_identity(problem, merged)
        if had[identity]:
            had[identity] -= 1
            continue
        path = problem.path
        if path[:1] in (("pledges",), ("signatories",), ("counts",), ("snapshots",)) and len(path) > 1:
            slot = sections[str(path[0])][int(path[1])]
            slot.reason = slot.reason or f"with both sides' changes, {problem.message}"
        elif path[:1] in (("watchlists",), ("accord",)) and len(path) > 1 and path[:2] not in placed:
            key = str(path[1])
            in_base, in_ours, in_theirs = (
                ledger.watchlists.get(key) if path[0] == "watchlists" else getattr(ledger.accord, key, None)
                for ledger in (base, ours, theirs)
            )
            conflicts.append(
                Conflict(path[:2], in_base, in_ours, in_theirs, f"with both sides' changes, {problem.message}")
            )
            placed.add(path[:2])
