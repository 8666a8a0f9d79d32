"""The ledger over time: every change in date order, what changed between two dates or two versions,
growth by period."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from datetime import date
from itertools import accumulate
from operator import attrgetter

from msgspec import Struct, field

from accord_cli.core.dates import Granularity, When, period_containing, period_of
from accord_cli.core.membership import Change, Standing, history, standing
from accord_cli.core.model import Ledger, Signatory
from accord_cli.core.names import NameIndex


def changes(ledger: Ledger, since: date | None = None, until: date | None = None) -> list[Change]:
    """Every change in the ledger that may fall within [since, until], by its earliest possible day (file
    order within a day)."""
    found = [
        c for s in ledger.signatories for c in history(s)
        if (since is None or c.date.last >= since) and (until is None or c.date.earliest <= until)
    ]
    found.sort(key=attrgetter("date.key"))
    return found


class Rename(Struct, frozen=True):
    old_name: str
    new_name: str
    date: When


class Diff(Struct, frozen=True):
    """What changed in membership from the end of `start` to the end of `end`.

    Applying it to the certain members at `start` (remove `left`, add `joined`
    and `rejoined`) gives the certain members at `end`. What a date too vague to
    say for sure may have changed is apart: `possibly_joined` were certainly not
    members at `start`, or only possibly, and are more surely members at `end`;
    `possibly_left` the other way round. `renamed` lists name changes of
    organisations that were members at either end.
    """

    start: date | str  # a date, or for two versions of a ledger, the label of each
    end: date | str
    joined: list[Standing] = field(default_factory=list)
    left: list[Standing] = field(default_factory=list)
    rejoined: list[Standing] = field(default_factory=list)
    renamed: list[Rename] = field(default_factory=list)
    possibly_joined: list[Standing] = field(default_factory=list)
    possibly_left: list[Standing] = field(default_factory=list)

    def add(self, before: Standing | None, after: Standing | None) -> None:
        """Record how one organisation's membership went from `before` to `after` (None: not in that ledger)."""
        was, now = _certainty(before), _certainty(after)
        if now == 2 and was == 0:
            (self.rejoined if before is not None and before.has_joined else self.joined).append(after)  # type: ignore[arg-type]
        elif was == 2 and now == 0:
            self.left.append(before)  # type: ignore[arg-type]
        elif now > was:
            self.possibly_joined.append(after)  # type: ignore[arg-type]
        elif was > now:
            self.possibly_left.append(before)  # type: ignore[arg-type]


def _certainty(st: Standing | None) -> int:
    """2 for a certain member, 1 for a possible one, 0 for certainly not one."""
    return 0 if st is None else 2 if st.is_member else 1 if st.is_possible else 0


def _latest_rename(s: Signatory, after: date | None, until: date) -> When:
    """The date of the last rename that may fall after `after` and by `until`; `until` if there is none."""
    renames = [c.date for c in history(s)
               if c.kind == "rename" and (after is None or c.date.last > after) and c.date.earliest <= until]
    return max(renames, key=attrgetter("key"), default=When.day(until))


def diff(ledger: Ledger, start: date, end: date) -> Diff:
    result = Diff(start, end)
    for s in ledger.signatories:
        before, after = standing(s, start), standing(s, end)
        result.add(before, after)
        if (before.could_be_member or after.could_be_member) and before.name != after.name:
            result.renamed.append(Rename(before.name, after.name, _latest_rename(s, start, end)))
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
        result.add(was, after)
        if was and (was.could_be_member or after.could_be_member) and was.name != after.name:
            result.renamed.append(Rename(was.name, after.name, _latest_rename(s, None, on)))
    for s in old.signatories:
        if s.id not in paired:
            result.add(standing(s, on), None)
    return result


class Steps:
    """The number of members over time: how many certainly, and how many more possibly, at the end of any
    day; and the joins (rejoins included) and leaves dated on each date.

    A signatory with one date, or with days alone, is a member from the day it (re)joins to the day it
    leaves, possibly so within a vague date: counted from its dates directly. Any other can change
    standing only on a first or last day of one of its dates, so it is worked out on those days alone.
    """

    def __init__(self, ledger: Ledger) -> None:
        # Counted by date first: a few thousand distinct dates, however many signatories.
        self.joins: Counter[When] = Counter(s.joined for s in ledger.signatories if not s.events)
        self.leaves: Counter[When] = Counter()
        direct = Counter(self.joins)  # in (+1) or out (-1) from each date, for those counted directly
        certain: Counter[date] = Counter()
        possible: Counter[date] = Counter()
        for s in ledger.signatories:
            if not s.events:
                continue
            moves = [c.date for c in history(s) if c.effective]
            for number, move in enumerate(moves):
                (self.leaves if number % 2 else self.joins)[move] += 1
            if all(move.is_exact for move in moves):
                for number, move in enumerate(moves):
                    direct[move] += -1 if number % 2 else 1
                continue
            was_member = was_possible = False
            for day in sorted({day for move in moves for day in (move.earliest, move.last)}):
                st = standing(s, day)
                certain[day] += st.is_member - was_member
                possible[day] += st.is_possible - was_possible
                was_member, was_possible = st.is_member, st.is_possible
        for when, change in direct.items():
            certain[when.last] += change
            if not when.is_exact:
                possible[when.earliest] += change
                possible[when.last] -= change
        self.days = sorted(day for day in certain.keys() | possible.keys() if certain[day] or possible[day])
        self._certain = list(accumulate(certain[day] for day in self.days))
        self._possible = list(accumulate(possible[day] for day in self.days))

    def at(self, day: date) -> tuple[int, int]:
        """Members certainly, and more possibly, at the end of `day`."""
        i = bisect_right(self.days, day)
        return (self._certain[i - 1], self._possible[i - 1]) if i else (0, 0)

    def fewest_certain(self, first: date, last: date) -> int:
        """The fewest certain members on any day from `first` to `last`."""
        start, end = bisect_right(self.days, first), bisect_right(self.days, last)
        return min([self.at(first)[0], *self._certain[start:end]])


class PeriodCount(Struct, frozen=True):
    """A row of growth: a period (or a stretch a vague date allows no less), the joins and leaves dated
    in it, and the members at its end, certainly and more possibly."""

    period: str
    joined: int
    left: int
    total: int
    possibly: int = 0


def _period_starts(first: date, last: date, by: Granularity) -> Iterator[date]:
    step = {Granularity.year: 12, Granularity.quarter: 3, Granularity.month: 1}[by]
    month_index = first.year * 12 + (first.month - 1) // step * step
    while True:
        start = date(month_index // 12, month_index % 12 + 1, 1)
        if start > last:
            return
        yield start
        month_index += step


def _stretch(when: When, by: Granularity) -> tuple[str, date, date]:
    """The row a change dated `when` is counted in: its period when the date falls within one, else the
    year it falls within, else its own date; with the first and last day of that row."""
    if when.first is not None:
        first, last = period_containing(when.first, by)
        if when.last <= last:
            return period_of(when.first, by), first, last
        if when.first.year == when.last.year:
            return f"within {when.first.year}", date(when.first.year, 1, 1), date(when.first.year, 12, 31)
        return when.isoformat(), when.first, when.last
    return f"by {when.last.isoformat()}", date.min, when.last


def growth(ledger: Ledger, by: Granularity, until: date) -> list[PeriodCount]:
    """Joins (and rejoins), leaves and the member count at the end of each period up to `until`.

    A change whose date is vaguer than a period is counted in a row of its own,
    "within 2018" or its date, after the periods it may fall in.
    """
    steps = Steps(ledger)
    joined: Counter[str] = Counter()
    left: Counter[str] = Counter()
    bounds: dict[str, tuple[date, date]] = {}
    for counts, by_row in ((steps.joins, joined), (steps.leaves, left)):
        for when, count in counts.items():
            if when.earliest <= until:
                row, first, last = _stretch(when, by)
                by_row[row] += count
                bounds[row] = (first, last)
    periods = [first for first, last in bounds.values() if first != date.min]
    if not bounds:
        return []
    for start in _period_starts(min(periods, default=until), until, by):
        bounds.setdefault(period_of(start, by), period_containing(start, by))
    rows = []
    for row, (first, last) in sorted(bounds.items(), key=lambda item: (item[1][1], -item[1][0].toordinal())):
        total, possibly = steps.at(min(last, until))
        rows.append(PeriodCount(row, joined.get(row, 0), left.get(row, 0), total, possibly))
    return rows
