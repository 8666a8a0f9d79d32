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
    """Every change in the ledger that may fall within [since, until], in the one order of dates (see
    `When.key`; file order within a date), each date bounded by the launch."""
    launched = ledger.accord.launched
    found = [
        c
        for s in ledger.signatories
        for c in history(s, launched)
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


def _latest_rename(s: Signatory, after: date | None, until: date, launched: date | None) -> When:
    """The date of the last rename that may fall after `after` and by `until`; `until` if there is none."""
    renames = [
        c.date
        for c in history(s, launched)
        if c.kind == "rename" and (after is None or c.date.last > after) and c.date.earliest <= until
    ]
    return max(renames, key=attrgetter("key"), default=When.day(until))


def diff(ledger: Ledger, start: date, end: date) -> Diff:
    result = Diff(start, end)
    launched = ledger.accord.launched
    for s in ledger.signatories:
        before, after = standing(s, start, launched), standing(s, end, launched)
        result.add(before, after)
        if (before.could_be_member or after.could_be_member) and before.name != after.name:
            result.renamed.append(Rename(before.name, after.name, _latest_rename(s, start, end, launched)))
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
    old_launch, new_launch = old.accord.launched, new.accord.launched
    for s in new.signatories:
        before = by_id.get(s.id) or by_name.lookup(s.name)
        after = standing(s, on, new_launch)
        was = standing(before, on, old_launch) if before is not None else None
        if before is not None:
            paired.add(before.id)
        result.add(was, after)
        if was and (was.could_be_member or after.could_be_member) and was.name != after.name:
            result.renamed.append(Rename(was.name, after.name, _latest_rename(s, None, on, new_launch)))
    for s in old.signatories:
        if s.id not in paired:
            result.add(standing(s, on, old_launch), None)
    return result


class Steps:
    """The number of members over time: how many certainly, and how many more possibly, at the end of any
    day; and the joins (rejoins included) and leaves dated on each date.

    A signatory with one date, or with days alone in order, is a member from the day it (re)joins to the day
    it leaves, possibly so within a vague date: counted from its dates directly. Any other can change
    standing only on a first or last day of one of its dates, so it is worked out on those days alone.
    """

    def __init__(self, ledger: Ledger) -> None:
        launched = ledger.accord.launched
        # Counted by date first: a few thousand distinct dates, however many signatories.
        self.joins: Counter[When] = Counter(s.joined.since(launched) for s in ledger.signatories if not s.events)
        self.leaves: Counter[When] = Counter()
        direct = Counter(self.joins)  # in (+1) or out (-1) from each date, for those counted directly
        certain: Counter[date] = Counter()
        possible: Counter[date] = Counter()
        for s in ledger.signatories:
            if not s.events:
                continue
            moves = [c.date for c in history(s, launched) if c.effective]
            for number, move in enumerate(moves):
                (self.leaves if number % 2 else self.joins)[move] += 1
            if all(move.is_exact for move in moves) and all(a.last <= b.last for a, b in zip(moves, moves[1:])):
                for number, move in enumerate(moves):
                    direct[move] += -1 if number % 2 else 1
                continue
            was_member = was_possible = False
            for day in sorted({day for move in moves for day in (move.earliest, move.last)}):
                st = standing(s, day, launched)
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
    dated: bool = False  # a row of a date's own, vaguer than a period, rather than a period


def _period_starts(first: date, last: date, by: Granularity) -> Iterator[date]:
    step = {Granularity.year: 12, Granularity.quarter: 3, Granularity.month: 1}[by]
    month_index = first.year * 12 + (first.month - 1) // step * step
    while True:
        start = date(month_index // 12, month_index % 12 + 1, 1)
        if start > last:
            return
        yield start
        month_index += step


def _row_of(when: When, by: Granularity) -> tuple[str, date, bool]:
    """The row a change dated `when` is counted in, and the last day of the period that row follows or is:
    the period holding the date when it falls within one (2019-03/2019-06 by year is 2019); else a row of the
    date's own, after the period in which the change became certain. `vague`: a row of its own."""
    period_first, period_last = period_containing(when.last, by)
    if when.first is not None and when.first >= period_first:
        return period_of(when.last, by), period_last, False
    label = f"by {when.last.isoformat()}" if when.text.startswith("..") else when.text
    return label, period_last, True


def growth(ledger: Ledger, by: Granularity, until: date, steps: Steps | None = None) -> list[PeriodCount]:
    """Joins (and rejoins), leaves and the member count at the end of each period up to `until`.

    A change whose date is vaguer than a period is counted in a row of its own,
    named by its date, right after the period in which it became certain, and
    showing that period's total; periods before show it as possible. `steps`:
    the ledger's, where a command has worked them out already.
    """
    steps = steps or Steps(ledger)
    joined: Counter[str] = Counter()
    left: Counter[str] = Counter()
    # Each row: the last day of its period, whether it is a date's own row, and its date's place in the one
    # order of dates (a period's: its last day, then its first).
    placed: dict[str, tuple[date, bool, tuple[date, date]]] = {}
    for counts, by_row in ((steps.joins, joined), (steps.leaves, left)):
        for when, count in counts.items():
            if when.earliest <= until:
                row, period_last, vague = _row_of(when, by)
                if vague and period_last > until:
                    continue  # not yet certain at `until`: counted among the possible members, not as a row
                by_row[row] += count
                placed[row] = (period_last, vague, when.key)
    if not placed:
        return []
    firsts = [first for _, _, (_, first) in placed.values() if first != date.min]
    for start in _period_starts(min(firsts, default=until), until, by):
        period_first, period_last = period_containing(start, by)
        placed.setdefault(period_of(start, by), (period_last, False, (period_last, period_first)))
    rows = []
    for row, (period_last, dated, _) in sorted(placed.items(), key=lambda item: item[1]):
        total, possibly = steps.at(min(period_last, until))
        rows.append(PeriodCount(row, joined.get(row, 0), left.get(row, 0), total, possibly, dated))
    return rows
