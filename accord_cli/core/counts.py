"""Totals that sources report, set beside the members the ledger names on the same date."""

from __future__ import annotations

from datetime import date

from msgspec import Struct, structs

from accord_cli.core.changes import check_date, tidy
from accord_cli.core.dates import When
from accord_cli.core.errors import InvalidValue
from accord_cli.core.model import QUALIFIERS, Count, Ledger
from accord_cli.core.timeline import Steps


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


def coverage(ledger: Ledger) -> list[Coverage]:
    """Each reported total beside the members the ledger names then, in date order."""
    if not ledger.counts:
        return []
    steps = Steps(ledger)
    found = [Coverage(c, *steps.at(c.date.last)) for c in ledger.counts]
    return sorted(found, key=lambda cover: cover.count.date.key)


def overcounted(ledger: Ledger) -> list[tuple[int, int]]:
    """The exact totals the ledger contradicts: for each, its index among the counts and the fewest members
    the ledger certainly names on any day the count may have been taken."""
    exact = [(i, c) for i, c in enumerate(ledger.counts) if c.qualifier == "exact" and c.date.first is not None]
    if not exact:
        return []
    steps = Steps(ledger)
    found = []
    for index, c in exact:
        fewest = steps.fewest_certain(c.date.first, c.date.last)  # type: ignore[arg-type]
        if fewest > c.count:
            found.append((index, fewest))
    return found


def add_count(ledger: Ledger, on: When, count: int, qualifier: str, today: date, *, source: str | None = None,
              note: str | None = None) -> tuple[Ledger, Count]:
    """The ledger with a reported total recorded, kept in date order, and the total as recorded."""
    if count < 0:
        raise InvalidValue(f"a count cannot be negative ({count})")
    if qualifier not in QUALIFIERS:
        raise InvalidValue(f"unknown qualifier '{qualifier}' (known: {', '.join(QUALIFIERS)})")
    check_date(ledger, on, today)
    recorded = Count(on, count, qualifier, tidy(source, "source"), tidy(note, "note"))  # type: ignore[arg-type]
    if any((c.date, c.count, c.qualifier) == (on, count, qualifier) for c in ledger.counts):
        raise InvalidValue(f"the ledger already records {recorded.describe()} on {on.isoformat()}")
    counts = sorted((*ledger.counts, recorded), key=lambda c: c.date.key)
    return structs.replace(ledger, counts=tuple(counts)), recorded
