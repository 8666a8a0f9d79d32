"""Totals that sources report, set beside the members the ledger names on the same date."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from msgspec import Struct, structs

from accord_cli.core.dates import When
from accord_cli.core.errors import InvalidValue
from accord_cli.core.model import MAX_COUNT, QUALIFIERS, Count, Ledger
from accord_cli.core.timeline import Steps
from accord_cli.core.values import tidy


class Coverage(Struct, frozen=True):
    """How much of a reported total the ledger names: its certain members on the count's last day, and
    how many more it possibly names then."""

    count: Count
    named: int
    possibly: int

    @property
    def share(self) -> float | None:
        """The part of the reported total the ledger certainly names, from 0 (None for a total of 0)."""
        return self.named / self.count.count if self.count.count else None


def coverage(ledger: Ledger, steps: Steps | None = None) -> list[Coverage]:
    """Each reported total beside the members the ledger names then, in date order (`steps`: the ledger's,
    where a command has worked them out already)."""
    if not ledger.counts:
        return []
    steps = steps or Steps(ledger)
    found = [Coverage(c, *steps.at(c.date.last)) for c in ledger.counts]
    return sorted(found, key=lambda cover: cover.count.date.key)


def overcounted(ledger: Ledger) -> list[tuple[int, int]]:
    """The exact totals the ledger contradicts: for each, its index among the counts and the fewest members
    the ledger certainly names on any day the count may have been taken."""
    launched = ledger.accord.launched
    exact = [
        (i, c, first)
        for i, c in enumerate(ledger.counts)
        if c.qualifier == "exact" and (first := c.date.since(launched).first) is not None
    ]
    if not exact:
        return []
    steps = Steps(ledger)
    found = []
    for index, c, first in exact:
        fewest = steps.fewest_certain(first, c.date.last)
        if fewest > c.count:
            found.append((index, fewest))
    return found


def add_count(
    ledger: Ledger, on: When, count: int, qualifier: str, *, source: str | None = None, note: str | None = None
) -> tuple[Ledger, Count]:
    """The ledger with a reported total recorded, kept in date order, and the total as recorded."""
    recorded = _count(on, count, qualifier, source, note)
    if any(_same(c, recorded) for c in ledger.counts):
        raise InvalidValue(f"the ledger already records {recorded.describe()} on {on.isoformat()}")
    return _with_counts(ledger, (*ledger.counts, recorded)), recorded


def _count(on: When, count: int, qualifier: str, source: str | None, note: str | None) -> Count:
    if not 0 <= count <= MAX_COUNT:
        raise InvalidValue(f"a count is a whole number from 0 to {MAX_COUNT:,}, not {count:,}")
    if qualifier not in QUALIFIERS:
        raise InvalidValue(f"unknown qualifier '{qualifier}' (known: {', '.join(QUALIFIERS)})")
    return Count(on, count, qualifier, tidy(source, "source"), tidy(note, "note"))  # type: ignore[arg-type]


def _same(a: Count, b: Count) -> bool:
    return (a.date, a.count, a.qualifier) == (b.date, b.count, b.qualifier)


def _with_counts(ledger: Ledger, counts: Iterable[Count]) -> Ledger:
    return structs.replace(ledger, counts=tuple(sorted(counts, key=lambda c: c.date.key)))


def numbered(ledger: Ledger, number: int) -> Count:
    """Reported total `number` (from 1) as `accord counts` lists them, in date order."""
    listed = coverage(ledger)
    if not 1 <= number <= len(listed):
        have = f"totals 1 to {len(listed)}" if listed else "no reported totals"
        raise InvalidValue(f"there is no reported total {number} (the ledger has {have}; see `accord counts`)")
    return listed[number - 1].count


def edit_count(ledger: Ledger, number: int, fields: Mapping[str, Any]) -> tuple[Ledger, Count, Count]:
    """The ledger with reported total `number` corrected: its `date`, `count`, `qualifier`, `source` or `note`
    (a blank note clears it; a source is corrected, never taken away); with the total before and after."""
    before = numbered(ledger, number)
    if "source" in fields and tidy(fields["source"], "source") is None:
        raise InvalidValue("a reported total keeps a source: give the address where it can be checked")
    values = {**structs.asdict(before), **fields}
    after = _count(values["date"], values["count"], values["qualifier"], values["source"], values["note"])
    after = structs.replace(after, extra=before.extra)
    if any(_same(c, after) for c in ledger.counts if c is not before):
        raise InvalidValue(f"the ledger already records {after.describe()} on {after.date.isoformat()}")
    return _with_counts(ledger, (after if c is before else c for c in ledger.counts)), before, after


def remove_count(ledger: Ledger, number: int) -> tuple[Ledger, Count]:
    """The ledger without reported total `number`, recorded by mistake, and that total."""
    gone = numbered(ledger, number)
    return structs.replace(ledger, counts=tuple(c for c in ledger.counts if c is not gone)), gone
