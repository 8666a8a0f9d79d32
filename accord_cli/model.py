"""The ledger as immutable values. No I/O, no clock: "today" is always an argument."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any


def _rebuilt_from_fields(self: Any) -> tuple[type, tuple[Any, ...]]:
    """Pickle support: rebuild through __init__ from the field values, which unpickles several
    times faster than the generic state-setting of frozen, slotted dataclasses (see cache.py)."""
    return type(self), tuple(getattr(self, name) for name in self.__dataclass_fields__)


@dataclass(frozen=True)
class Accord:
    """The pledge itself: what it is called, when it launched, where to read it."""

    name: str
    launched: date | None = None
    url: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Pledge:
    """One commitment of the accord, identified by a stable slug."""

    id: str
    title: str
    summary: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)


EVENT_KINDS = ("leave", "rejoin", "rename")


@dataclass(frozen=True, slots=True)
class Event:
    """Something that happened to a signatory after it joined, on a date.

    `leave` may carry a reason; `rename` carries the old and the new name.
    """

    kind: str
    date: date
    reason: str | None = None
    old_name: str | None = None
    new_name: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Signatory:
    """An organisation that signed. `id` never changes, even when `name` does.

    `pledges` is None when the signatory endorses every pledge of the accord,
    including pledges the accord adds later. `joined` is the first joining;
    `events` is the history after it, in date order, appended to and never
    rewritten.
    """

    id: str
    name: str
    joined: date
    sector: str | None = None
    country: str | None = None
    aliases: tuple[str, ...] = ()
    pledges: tuple[str, ...] | None = None
    source: str | None = None
    note: str | None = None
    events: tuple[Event, ...] = ()
    # Keys accord does not know, kept so that a write gives them back unchanged.
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the organisation is known by, its current name first."""
        return (self.name, *self.aliases)

    @property
    def last_change(self) -> date:
        """The date of the latest thing recorded about its membership or name."""
        return self.events[-1].date if self.events else self.joined

    def with_event(self, event: Event, **changes: Any) -> Signatory:
        return replace(self, events=(*self.events, event), **changes)

    def endorses(self, pledge_id: str) -> bool:
        return self.pledges is None or pledge_id in self.pledges

    def endorsed(self, accord_pledge_ids: tuple[str, ...]) -> tuple[str, ...]:
        """The pledge ids this signatory endorses, spelled out, given the ids of all the accord's pledges."""
        return accord_pledge_ids if self.pledges is None else self.pledges


@dataclass(frozen=True)
class Ledger:
    """One accord: its pledges, its signatories in file order, its watchlists."""

    accord: Accord
    pledges: tuple[Pledge, ...] = ()
    signatories: tuple[Signatory, ...] = ()
    watchlists: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def pledge_ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.pledges)

    def with_signatory(self, signatory: Signatory) -> Ledger:
        """A new ledger with `signatory` appended, so existing entries keep their place."""
        return self.with_signatories([signatory])

    def with_signatories(self, signatories: Iterable[Signatory]) -> Ledger:
        return replace(self, signatories=(*self.signatories, *signatories))

    def with_replaced(self, *signatories: Signatory) -> Ledger:
        """A new ledger where the entries with these signatories' ids are replaced in place."""
        by_id = {s.id: s for s in signatories}
        return replace(self, signatories=tuple(by_id.get(s.id, s) for s in self.signatories))


@dataclass(frozen=True)
class Problem:
    """Something wrong with a ledger, located by its path in the document.

    A fatal problem stops accord from understanding the ledger at all (a
    missing name, a date that is a string); the others are for `accord check`.
    """

    path: tuple[str | int, ...]
    message: str
    subject: str | None = None
    fatal: bool = False


for _model in (Accord, Pledge, Event, Signatory, Ledger, Problem):
    _model.__reduce__ = _rebuilt_from_fields  # type: ignore[method-assign,assignment]
