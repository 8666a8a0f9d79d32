"""Recording what happens to signatories (joining, leaving, rejoining, renaming), correcting what was
recorded wrongly, and removing what was recorded by mistake. Each returns a new ledger.

What may be recorded is decided by the rules (`accord_cli.core.rules`), which every write is held to once
it is made; what is here tidies values, keeps histories in date order and words the refusals that need
more than a rule can say (a name already taken by a former member: how to record its return).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from msgspec import Struct, structs

from accord_cli.core.dates import When
from accord_cli.core.errors import (
    AccordError,
    DuplicateName,
    HistoryConflict,
    InvalidValue,
    UnknownName,
)
from accord_cli.core.membership import names_over_time, standing
from accord_cli.core.model import (
    ROW_FIELDS,
    TEXT_FIELDS,
    Event,
    Ledger,
    Problem,
    Signatory,
)
from accord_cli.core.names import NameIndex, name_key, unique_slug
from accord_cli.core.rules import history_problems, own_problems, refusal
from accord_cli.core.values import clean_name, country_code, sector_name, tidy


def canonical(ledger: Ledger) -> Ledger:
    """The ledger with what every write folds folded in entries written by hand too: sectors in lower case."""
    folded = [
        structs.replace(s, sector=sector_name(s.sector)) if sector_name(s.sector) != s.sector else s
        for s in ledger.signatories
    ]
    if all(a is b for a, b in zip(folded, ledger.signatories)):
        return ledger
    return structs.replace(ledger, signatories=tuple(folded))


def add_signatories(
    ledger: Ledger, requests: Sequence[Signatory], today: date, origins: Sequence[str] = ()
) -> tuple[Ledger, list[Signatory]]:
    """The ledger with every request appended, and the signatories as recorded; all or none.

    A request is the signatory as asked for: its id may be empty (one is derived
    from the name), and its values are tidied here. Refused, naming the
    request's origin (`origins[i]`, such as FILE:LINE) when there is one: a name
    or alias that already belongs to someone, an id that is taken or not a slug,
    and whatever the rules find wrong with the signatory alone (a date in the
    future or before the launch, an unknown country or pledge). The name index
    is built once and grown as entries are added, so a large import stays linear.
    """
    index = NameIndex.build((s.names, s) for s in ledger.signatories)
    taken = {s.id for s in ledger.signatories}
    added: list[Signatory] = []
    for position, request in enumerate(requests):
        try:
            signatory = _checked(ledger, request, index, taken, today)
        except AccordError as err:
            if position >= len(origins):
                raise
            raise type(err)(f"{origins[position]}: {err}") from None
        taken.add(signatory.id)
        for candidate in signatory.names:
            index.add(candidate, signatory)
        added.append(signatory)
    return ledger.with_signatories(added), added


def _checked(
    ledger: Ledger, request: Signatory, index: NameIndex[Signatory], taken: set[str], today: date
) -> Signatory:
    name = clean_name(request.name, "the name")
    aliases = list(dict.fromkeys(clean_name(a, "an alias") for a in request.aliases))
    # "HP" is a useful alias of "HP Inc." although the matcher folds them together;
    # only a literal repeat is refused.
    own = {name.casefold()}
    for alias in aliases:
        if alias.casefold() in own:
            raise InvalidValue(f"alias '{alias}' repeats the name or another alias")
        own.add(alias.casefold())
    for candidate in dict.fromkeys((name, *aliases)):
        existing = index.lookup(candidate)
        if existing is not None:
            raise _already_there(candidate, existing, today, ledger.accord.launched)
    if request.id in taken:
        holder = next((s.name for s in ledger.signatories if s.id == request.id), "an earlier row")
        raise DuplicateName(
            f"id '{request.id}' is already taken by {holder}; ids never change, so give this "
            "organisation another id, or leave it out"
        )
    pledges = None if request.pledges is None else tuple(dict.fromkeys(request.pledges))
    text = {f.name: tidy(getattr(request, f.name), f.encode_name) for f in TEXT_FIELDS}
    text["country"] = country_code(text["country"])
    text["sector"] = sector_name(text["sector"])
    signatory = structs.replace(
        request, id=request.id or unique_slug(name, taken), name=name, aliases=tuple(aliases), pledges=pledges, **text
    )
    for key, message, forceable in own_problems(ledger, signatory, today):
        if not forceable:
            raise refusal(Problem(("signatories", len(ledger.signatories), key), message))
    for _, message in history_problems(signatory, today, ledger.accord.launched, lambda _: None):
        raise HistoryConflict(message)  # a leave an import row gives, before its joining
    return signatory


def _already_there(candidate: str, existing: Signatory, today: date, launched: date | None) -> DuplicateName:
    """The refusal of a name `existing` holds: which of its names it is, and, for a former member, how
    to record its return instead."""
    key = name_key(candidate)
    until = next((end for name, _, end in names_over_time(existing) if end and name_key(name) == key), None)
    role = (
        ""
        if name_key(existing.name) == key
        else f" (its name until {until.isoformat()})"
        if until
        else f" (an alias of {existing.name})"
    )
    left = standing(existing, today, launched).left
    if left is None:
        return DuplicateName(
            f"'{candidate}' is already in the ledger{role}: {existing.name}, id {existing.id}, "
            f"joined {existing.joined.isoformat()}"
        )
    return DuplicateName(
        f"'{candidate}' is already in the ledger{role}: {existing.name}, id {existing.id}, a "
        f"former member that left on {left.isoformat()}; to record its return: accord rejoin "
        f"{existing.id} --date YYYY-MM-DD"
    )


def leave(
    ledger: Ledger,
    s: Signatory,
    on: When,
    reason: str | None = None,
    *,
    source: str | None = None,
    note: str | None = None,
) -> Ledger:
    """The ledger with `s` leaving on `on`."""
    return ledger.with_replaced(having_left(s, on, reason, source=source, note=note))


def having_left(
    s: Signatory, on: When, reason: str | None = None, *, source: str | None = None, note: str | None = None
) -> Signatory:
    """`s` with its leaving on `on` recorded, in date order among its events."""
    return s.with_event(
        Event(on, "leave", reason=tidy(reason, "reason"), source=tidy(source, "source"), note=tidy(note, "note"))
    )


def rejoin(ledger: Ledger, s: Signatory, on: When, *, source: str | None = None, note: str | None = None) -> Ledger:
    """The ledger with former member `s` joining again on `on`."""
    return ledger.with_replaced(having_rejoined(s, on, source=source, note=note))


def having_rejoined(s: Signatory, on: When, *, source: str | None = None, note: str | None = None) -> Signatory:
    """`s` with its return on `on` recorded, in date order among its events."""
    return s.with_event(Event(on, "rejoin", source=tidy(source, "source"), note=tidy(note, "note")))


def rename(
    ledger: Ledger, s: Signatory, new_name: str, on: When, *, source: str | None = None, note: str | None = None
) -> Ledger:
    """The ledger with `s` renamed on `on`; the old name stays its own, as a former name (see
    `Signatory.names`). A rename is placed in date order among the events, before none of its later renames."""
    new_name = clean_name(new_name, "the new name")
    if name_key(new_name) == name_key(s.name):
        raise InvalidValue(
            f"{s.name} is already called '{new_name}': names that differ only in case, spacing, "
            f"punctuation or legal form are one name; to change how it is written, use `accord edit "
            f"{s.id} --name`"
        )
    later = [e for e in s.events[s.place_of(on) :] if e.kind == "rename"]
    if later:
        raise HistoryConflict(
            f"{s.name} was renamed later, {later[0].date.phrase} (from "
            f"'{later[0].old_name}'); record renames in the order they happened"
        )
    aliases = tuple(a for a in s.aliases if name_key(a) != name_key(new_name))
    event = Event(
        on, "rename", old_name=s.name, new_name=new_name, source=tidy(source, "source"), note=tidy(note, "note")
    )
    return ledger.with_replaced(s.with_event(event, name=new_name, aliases=aliases))


# -- corrections: what was recorded wrongly, put right -------------------------------------------


def edit(
    ledger: Ledger,
    s: Signatory,
    fields: Mapping[str, Any],
    *,
    add_aliases: Sequence[str] = (),
    remove_aliases: Sequence[str] = (),
) -> Ledger:
    """The ledger with the fields of `s` corrected: each key of `fields` is set to its value (None
    clears an optional field; for `pledges`, None means all of the accord's pledges).

    A new `name` corrects the spelling of the current name without recording a
    rename (the last rename, if any, is corrected with it); `rename` records a
    real change of name. A former name is history, not an alias: it cannot be
    taken off.
    """
    unknown = set(fields) - ({f.name for f in ROW_FIELDS} - {"id"})
    if unknown:
        raise InvalidValue(f"cannot edit {', '.join(sorted(unknown))}")
    changes: dict[str, Any] = {}
    events = s.events
    if "name" in fields:
        name = clean_name(fields["name"], "the name")
        changes["name"] = name
        renames = [i for i, e in enumerate(events) if e.kind == "rename"]
        if renames:
            events = tuple(structs.replace(e, new_name=name) if i == renames[-1] else e for i, e in enumerate(events))
    for f in TEXT_FIELDS:
        if f.name in fields:
            changes[f.name] = tidy(fields[f.name], f.encode_name)
    if "country" in changes:
        changes["country"] = country_code(changes["country"])
    if "sector" in changes:
        changes["sector"] = sector_name(changes["sector"])
    aliases = list(s.aliases)
    former = {name_key(n) for n in s.former_names}
    for alias in remove_aliases:
        keys = [name_key(a) for a in aliases]
        if name_key(alias) in former and name_key(alias) not in keys:
            until = next(end for n, _, end in names_over_time(s) if end and name_key(n) == name_key(alias))
            raise InvalidValue(
                f"'{alias}' is a former name of {s.name} (its name until {until.isoformat()}): "
                "history, not an alias, so it stays; if the rename was recorded by mistake, drop it "
                "with `accord drop-event`"
            )
        if name_key(alias) not in keys:
            shown = ", ".join(s.aliases) or "none"
            raise UnknownName(f"'{alias}' is not an alias of {s.name} (aliases: {shown})")
        del aliases[keys.index(name_key(alias))]
    for alias in add_aliases:
        alias = clean_name(alias, "an alias")
        if alias.casefold() not in {a.casefold() for a in (changes.get("name", s.name), *aliases)}:
            aliases.append(alias)
    if tuple(aliases) != s.aliases:
        changes["aliases"] = tuple(aliases)
    if "pledges" in fields:
        changes["pledges"] = None if fields["pledges"] is None else tuple(dict.fromkeys(fields["pledges"]))
    if "joined" in fields:
        changes["joined"] = fields["joined"]
    return ledger.with_replaced(structs.replace(s, events=events, **changes))


def amend_event(ledger: Ledger, s: Signatory, number: int, fields: Mapping[str, Any]) -> Ledger:
    """The ledger with event `number` of `s` (from 1) corrected: its `date`, `reason`, `source` or `note`
    (None clears the optional ones)."""
    event = _event_numbered(s, number)
    allowed = {"date", "reason", "source", "note"}
    if set(fields) - allowed:
        raise InvalidValue(f"cannot amend {', '.join(sorted(set(fields) - allowed))} of an event")
    if "reason" in fields and fields["reason"] is not None and event.kind != "leave":
        raise InvalidValue(f"event {number} of {s.name} is a {event.kind}; only a leave has a reason")
    changes = {key: tidy(value, key) if key != "date" else value for key, value in fields.items()}
    corrected = structs.replace(event, **changes)
    return ledger.with_replaced(structs.replace(s, events=tuple(corrected if e is event else e for e in s.events)))


def drop_event(ledger: Ledger, s: Signatory, number: int) -> Ledger:
    """The ledger without event `number` of `s`, recorded by mistake. Dropping a rename gives the
    signatory back the name it had; only the last rename can be dropped."""
    event = _event_numbered(s, number)
    events = tuple(e for e in s.events if e is not event)
    changes: dict[str, Any] = {}
    if event.kind == "rename":
        if any(e.kind == "rename" for e in s.events[number:]):
            raise HistoryConflict(f"event {number} of {s.name} is not its last rename; drop the later renames first")
        old_name = event.old_name or s.name
        changes["name"] = old_name
        changes["aliases"] = tuple(a for a in s.aliases if name_key(a) != name_key(old_name))
    return ledger.with_replaced(structs.replace(s, events=events, **changes))


def _event_numbered(s: Signatory, number: int) -> Event:
    if not 1 <= number <= len(s.events):
        have = f"events 1 to {len(s.events)}" if s.events else "no events"
        raise InvalidValue(f"{s.name} has no event {number} (it has {have}; see `accord events`)")
    return s.events[number - 1]


# -- removal: what was recorded by mistake, taken out ---------------------------------------------


class Removal(Struct, frozen=True):
    """What removing a signatory touches: the events that go with it, and the watchlists that name it,
    whose entries stay (a watchlist names an organisation to watch, signatory or not)."""

    signatory: Signatory
    named_on: dict[str, tuple[str, ...]]  # the entries naming it, by watchlist

    @property
    def needs_force(self) -> bool:
        """Whether more than a bare entry goes or is affected: its history, or what watchlists say of it."""
        return bool(self.signatory.events or self.named_on)


def plan_removal(ledger: Ledger, s: Signatory) -> Removal:
    """What removing `s` would touch (see `Removal`)."""
    keys = {name_key(n) for n in s.names}
    named_on = {
        name: found
        for name, listed in ledger.watchlists.items()
        if (found := tuple(o for o in listed if name_key(o) in keys))
    }
    return Removal(s, named_on)


def remove(ledger: Ledger, removal: Removal, *, force: bool = False) -> Ledger:
    """The ledger without the signatory, recorded by mistake. Refused, unless `force`, when it has history
    after its joining or a watchlist names it: then more than one mistaken line is at stake."""
    s = removal.signatory
    if removal.needs_force and not force:
        at_stake = []
        if s.events:
            at_stake.append(f"its {len(s.events)} event{'s' if len(s.events) > 1 else ''} would go with it")
        at_stake += [
            f"watchlist '{name}' names it ({', '.join(found)}) and would show it as not signed"
            for name, found in removal.named_on.items()
        ]
        raise HistoryConflict(
            f"{s.name} is more than a mistaken entry: {'; '.join(at_stake)}; pass --force to remove it all the same"
        )
    return structs.replace(ledger, signatories=tuple(other for other in ledger.signatories if other.id != s.id))
