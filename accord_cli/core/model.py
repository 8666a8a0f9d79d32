"""The ledger as immutable values, each field declared once.

These declarations are the one source of a signatory's fields: the TOML keys
(a field's encode name), the JSON and CSV records, the columns an import reads
and the request `add` builds all derive from them. What can be checked of one
value alone (types, required fields, name lengths, event kinds) is declared
here too, so decoding a whole ledger checks it in a single pass.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal, Optional

from msgspec import Meta, Struct, field, structs

from accord_cli.core.dates import When, known_day, parse_when
from accord_cli.core.names import MAX_NAME_LENGTH

Name = Annotated[str, Meta(min_length=1, max_length=MAX_NAME_LENGTH)]


class Extra(dict[str, Any]):
    """Keys accord does not know, kept so that a write gives them back unchanged.

    A type of its own rather than a plain dict: decoding a document straight into
    the model can never produce one (a table holding a key named `extra` is
    refused there and read by the detailed decoder instead), so only keys accord
    does not know end up here.
    """


class Value(Struct, frozen=True, forbid_unknown_fields=True, omit_defaults=True):
    """A frozen value of the ledger. Decoding refuses keys it does not declare; encoding leaves out
    fields at their default, so absent stays absent in the file."""


class Accord(Value, frozen=True):
    """The pledge itself: what it is called, when it launched, where to read it."""

    name: str
    launched: date | None = None
    url: str | None = None
    extra: Extra | None = None


class Pledge(Value, frozen=True):
    """One commitment of the accord, identified by a stable slug."""

    id: str
    title: str
    summary: str | None = None
    source: str | None = None
    extra: Extra | None = None


EventKind = Literal["leave", "rejoin", "rename"]
EVENT_KINDS: tuple[str, ...] = ("leave", "rejoin", "rename")


class Event(Value, frozen=True):
    """Something that happened to a signatory after it joined, on a date.

    A leave may give a reason; a rename gives the old name and the new one.
    `source` is where the fact can be checked.
    """

    date: When
    kind: EventKind = field(name="event")
    reason: str | None = None
    old_name: Name | None = field(default=None, name="from")
    new_name: Name | None = field(default=None, name="to")
    source: str | None = None
    note: str | None = None
    extra: Extra | None = None

    def __post_init__(self) -> None:
        if self.kind == "rename" and (self.old_name is None or self.new_name is None):
            raise ValueError("a rename needs 'from' and 'to', the old name and the new one")


class Signatory(Value, frozen=True):
    """An organisation that signed. `id` never changes, even when `name` does.

    `pledges` is None when the signatory endorses every pledge of the accord,
    including pledges the accord adds later. `joined` is the first joining;
    `events` is the history after it, in date order, appended to and never
    rewritten.
    """

    id: str
    name: Name
    joined: When
    sector: str | None = None
    country: str | None = None
    aliases: tuple[Name, ...] = ()
    pledges: tuple[str, ...] | None = None
    source: str | None = None
    note: str | None = None
    events: tuple[Event, ...] = ()
    extra: Extra | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the organisation is known by: its current name, its aliases, then the names its renames
        say it had. A former name stays its own: it finds the organisation, and no one else may take it."""
        former = self.former_names if self.events else ()
        if not former:
            return (self.name, *self.aliases)
        return tuple(dict.fromkeys((self.name, *self.aliases, *former)))

    @property
    def former_names(self) -> tuple[str, ...]:
        """The names it had before its renames, oldest first."""
        renames = [e for e in self.events if e.kind == "rename"]
        if not renames:
            return ()
        had = dict.fromkeys(name for e in renames for name in (e.old_name, e.new_name))
        return tuple(name for name in had if name is not None and name != self.name)

    @property
    def last_change(self) -> When:
        """The date of the latest thing recorded about its membership or name."""
        return self.events[-1].date if self.events else self.joined

    def place_of(self, when: When) -> int:
        """Where an event dated `when` goes among the events: before the first it certainly came before, else
        after them all (a date that may fall on either side of another is taken to have come after it)."""
        return next((at for at, e in enumerate(self.events) if when.is_before(e.date)), len(self.events))

    def with_event(self, event: Event, **changes: Any) -> Signatory:
        """The signatory with `event` placed among its events in date order (see `place_of`), and `changes`."""
        at = self.place_of(event.date)
        return structs.replace(self, events=(*self.events[:at], event, *self.events[at:]), **changes)

    def endorses(self, pledge_id: str) -> bool:
        return self.pledges is None or pledge_id in self.pledges

    def endorsed(self, accord_pledge_ids: tuple[str, ...]) -> tuple[str, ...]:
        """The pledge ids this signatory endorses, spelled out, given the ids of all the accord's pledges."""
        return accord_pledge_ids if self.pledges is None else self.pledges


# The fields one row of a table, a CSV file or an import holds: all but the history and unknown keys.
ROW_FIELDS: tuple[structs.FieldInfo, ...] = tuple(
    f for f in structs.fields(Signatory) if f.name not in ("events", "extra")
)
# The keys accord's own records (`list`, `export`) add to those fields, worked out from the history: an
# import reads `left` as a leave and passes over the rest.
WORKED_OUT_FIELDS: tuple[str, ...] = ("left", "certain", "status", "history")
# Those of them that are optional free text, tidied alike on the way in.
TEXT_FIELDS: tuple[structs.FieldInfo, ...] = tuple(f for f in ROW_FIELDS if f.type == Optional[str])


Qualifier = Literal["exact", "at-least", "about"]
QUALIFIERS: tuple[str, ...] = ("exact", "at-least", "about")


# The largest total a source can report: more organisations than there are, but within every format's integers.
MAX_COUNT = 10**9


class Count(Value, frozen=True):
    """A total of signatories a source reports on a date, whether or not it names them."""

    date: When
    count: Annotated[int, Meta(ge=0, le=MAX_COUNT)]
    qualifier: Qualifier
    source: str | None = None
    note: str | None = None
    extra: Extra | None = None

    def describe(self) -> str:
        """The total as the source puts it: "44", "at least 150", "about 150"."""
        return {"exact": "", "at-least": "at least ", "about": "about "}[self.qualifier] + f"{self.count:,}"


class Snapshot(Value, frozen=True):
    """A saved copy of a list of the signatories (a web page, a file) that `accord sync` read: the day it
    shows, where it can be checked, how many names it held and a digest of them (sha256 of the sorted
    names, one a line), so that the same copy is known when it comes again. A `partial` copy names only
    some of the members (a page that did not load whole): no one is taken to have left by it."""

    date: date
    count: Annotated[int, Meta(ge=0, le=MAX_COUNT)]
    digest: str
    source: str | None = None
    partial: bool = False
    extra: Extra | None = None


class Ledger(Value, frozen=True):
    """One accord: its pledges, its signatories in file order, its watchlists, the totals sources report,
    the saved copies of its list that were synced."""

    accord: Accord
    pledges: tuple[Pledge, ...] = ()
    signatories: tuple[Signatory, ...] = ()
    watchlists: dict[str, tuple[str, ...]] = {}
    counts: tuple[Count, ...] = ()
    snapshots: tuple[Snapshot, ...] = ()
    extra: Extra | None = None

    @property
    def pledge_ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.pledges)

    def with_signatories(self, signatories: tuple[Signatory, ...] | list[Signatory]) -> Ledger:
        """A new ledger with `signatories` appended, so existing entries keep their place."""
        return structs.replace(self, signatories=(*self.signatories, *signatories))

    def with_replaced(self, *signatories: Signatory) -> Ledger:
        """A new ledger where the entries with these signatories' ids are replaced in place."""
        by_id = {s.id: s for s in signatories}
        return structs.replace(self, signatories=tuple(by_id.get(s.id, s) for s in self.signatories))


def decode_custom(kind: type, value: Any) -> Any:
    """msgspec's hook for the model's own types: a When from a TOML date or its EDTF text."""
    if kind is When:
        if value.__class__ is date:
            return known_day(value) or When.day(value)
        if value.__class__ is When:
            return value
        if isinstance(value, str):
            return parse_when(value)
        raise TypeError(f"Expected a date, got {type(value).__name__}")
    raise TypeError(f"Expected {kind.__name__}")


def encode_custom(value: Any) -> Any:
    """msgspec's hook the other way: a When as a TOML date or its text, unknown keys as a table."""
    if value.__class__ is When:
        return value.toml_value
    return dict(value)


def encode_for_json(value: Any) -> Any:
    """msgspec's hook for JSON: a When as its EDTF text (2018-09), unknown keys as a table; anything
    else is a programming error, said as msgspec says its own."""
    if value.__class__ is When:
        return value.text
    if isinstance(value, Extra):
        return dict(value)
    raise TypeError(f"{type(value).__name__} cannot be written as JSON")


class Problem(Struct, frozen=True):
    """Something wrong with a ledger, located by its path in the document.

    A fatal problem stops accord from understanding the ledger at all (a
    missing name, a date that is a string); the others are for `accord check`,
    and refuse a write that would bring them in. A `forceable` one (a name that
    reads as another's, a total the names contradict) may be a true record:
    --force writes it all the same. A `note` is worth knowing but wrong with
    nothing: `check` shows it and still passes.
    """

    path: tuple[str | int, ...]
    message: str
    subject: str | None = None
    fatal: bool = False
    forceable: bool = False
    note: bool = False
    # What stays the same of the problem while the names around it change (a rename of the other entry of a
    # pair): how a write knows a problem it leaves be from one it brings in. None: the message says it.
    identity: tuple[str, ...] | None = None
