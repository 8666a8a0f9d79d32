"""The ledger over time: every change in date order, what changed between two dates or two versions,
growth by period."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date

from msgspec import Struct, field

from accord_cli.core.dates import Granularity, period_of
from accord_cli.core.membership import Change, Standing, history, is_member, standing
from accord_cli.core.model import Ledger, Signatory
from accord_cli.core.names import NameIndex


def changes(ledger: Ledger, since: date | None = None, until: date | None = None) -> list[Change]:
    """Every change in the ledger within [since, until], in date order (file order within a day)."""
    found = [
        c for s in ledger.signatories for c in history(s)
        if (since is None or c.date >= since) and (until is None or c.date <= until)
    ]
    found.sort(key=lambda c: c.date)
    return found


class Rename(Struct, frozen=True):
    old_name: str
    new_name: str
    date: date


class Diff(Struct, frozen=True):
    """What changed in membership from the end of `start` to the end of `end`.

    Applying it to the members at `start` (remove `left`, add `joined` and
    `rejoined`) gives the members at `end`; `renamed` lists name changes of
    organisations that were members at either end.
    """

    start: date | str  # a date, or for two versions of a ledger, the label of each
    end: date | str
    joined: list[Standing] = field(default_factory=list)
    left: list[Standing] = field(default_factory=list)
    rejoined: list[Standing] = field(default_factory=list)
    renamed: list[Rename] = field(default_factory=list)


def diff(ledger: Ledger, start: date, end: date) -> Diff:
    result = Diff(start, end)
    for s in ledger.signatories:
        before, after = standing(s, start), standing(s, end)
        if after.is_member and not before.is_member:
            (result.joined if s.joined > start else result.rejoined).append(after)
        elif before.is_member and not after.is_member:
            result.left.append(before)
        if (before.is_member or after.is_member) and before.name != after.name:
            last = max((c.date for c in history(s) if c.kind == "rename" and start < c.date <= end), default=end)
            result.renamed.append(Rename(before.name, after.name, last))
    return result


def diff_versions(old: Ledger, new: Ledger, on: date, old_label: str, new_label: str) -> Diff:
    """What changed in membership on date `on` from one version of a ledger to another.

    Signatories are paired by id, else by name; one missing from `new` counts as
    having left, one missing from `old` as having joined.
    """
    result = Diff(old_label, new_label)
    by_id = {s.id: s for s in old.signatories}
    by_name = NameIndex[Signatory].build((s.names, s) for s in old.signatories)
    paired: set[str] = set()
    for s in new.signatories:
        before = by_id.get(s.id) or by_name.lookup(s.name)
        after = standing(s, on)
        was = standing(before, on) if before is not None else None
        if before is not None:
            paired.add(before.id)
        if after.is_member and not (was and was.is_member):
            (result.rejoined if was and was.has_joined else result.joined).append(after)
        elif was and was.is_member and not after.is_member:
            result.left.append(was)
        if was and (was.is_member or after.is_member) and was.name != after.name:
            renames = [c.date for c in history(s) if c.kind == "rename" and c.date <= on]
            result.renamed.append(Rename(was.name, after.name, max(renames, default=on)))
    for s in old.signatories:
        if s.id not in paired and is_member(s, on):
            result.left.append(standing(s, on))
    return result


class PeriodCount(Struct, frozen=True):
    period: str
    joined: int
    left: int
    total: int


def _period_starts(first: date, last: date, by: Granularity) -> Iterator[date]:
    step = {Granularity.year: 12, Granularity.quarter: 3, Granularity.month: 1}[by]
    month_index = first.year * 12 + (first.month - 1) // step * step
    while True:
        start = date(month_index // 12, month_index % 12 + 1, 1)
        if start > last:
            return
        yield start
        month_index += step


def growth(ledger: Ledger, by: Granularity, until: date) -> list[PeriodCount]:
    """Joins (and rejoins), leaves and the member count at the end of each period up to `until`."""
    joins_on: Counter[date] = Counter()
    leaves_on: Counter[date] = Counter()
    for s in ledger.signatories:
        if not s.events:
            joins_on[s.joined] += 1
            continue
        for change in history(s):
            if change.effective and change.kind != "rename":
                (leaves_on if change.kind == "leave" else joins_on)[change.date] += 1
    # Counted by day first: a few thousand distinct days, however many signatories.
    joined: Counter[str] = Counter()
    left: Counter[str] = Counter()
    for counts, by_period in ((joins_on, joined), (leaves_on, left)):
        for day, count in counts.items():
            if day <= until:
                by_period[period_of(day, by)] += count
    first = min((day for day in (*joins_on, *leaves_on) if day <= until), default=None)
    if first is None:
        return []
    total = 0
    rows = []
    for start in _period_starts(first, until, by):
        period = period_of(start, by)
        total += joined.get(period, 0) - left.get(period, 0)
        rows.append(PeriodCount(period, joined.get(period, 0), left.get(period, 0), total))
    return rows
