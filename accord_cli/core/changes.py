"""Recording what happens to signatories: joining, leaving, rejoining, renaming. Each returns a new ledger."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from msgspec import structs

from accord_cli.core.characters import escape_unsafe, unsafe_character
from accord_cli.core.dates import When
from accord_cli.core.errors import (
    AccordError,
    DuplicateName,
    HistoryConflict,
    InvalidValue,
    LookalikeName,
    UnknownName,
)
from accord_cli.core.lookalikes import lookalike_reason, mixed_script_reason
from accord_cli.core.membership import names_over_time, standing
from accord_cli.core.model import ROW_FIELDS, TEXT_FIELDS, Event, Ledger, Signatory
from accord_cli.core.names import (
    SLUG,
    NameIndex,
    name_key,
    shortened,
    too_long,
    unique_slug,
)
from accord_cli.core.queries import check_pledge_ids, checked_country


def clean_name(text: str, what: str) -> str:
    """`text` in Unicode's compatibility form (NFKC: full-width letters and ligatures as plain ones) with
    its spacing tidied; refused if empty, too long, or holding control, bidirectional or invisible
    characters."""
    if found := unsafe_character(text):
        raise InvalidValue(f"{what} '{shortened(escape_unsafe(text))}' contains {found}; type it without")
    cleaned = " ".join(unicodedata.normalize("NFKC", text).split())
    if not cleaned:
        raise InvalidValue(f"{what} is empty")
    if reason := too_long(cleaned):
        raise InvalidValue(f"{what} {shortened(cleaned)!r} {reason}")
    return cleaned


def refuse_lookalike(candidate: str, index: NameIndex[Signatory], owner_id: str | None = None) -> None:
    """Refuse a name that reads as a name another signatory has (see `lookalike_key`), or that mixes
    Latin, Greek or Cyrillic letters in a word; `owner_id`'s own names do not count."""
    for written, other in index.lookalikes(candidate):
        if other.id != owner_id:
            raise LookalikeName(
                f"'{candidate}' reads as '{written}', a name of {other.name} (id {other.id}): "
                f"{lookalike_reason(candidate, written)}; if it is another organisation, pass --force")
    if reason := mixed_script_reason(candidate):
        raise LookalikeName(f"'{candidate}' looks like a spoofed name: {reason}; if that is how the "
                            "organisation writes it, pass --force")


def add_signatories(ledger: Ledger, requests: Sequence[Signatory], today: date, origins: Sequence[str] = (),
                    *, allow_lookalikes: bool = False) -> tuple[Ledger, list[Signatory]]:
    """The ledger with every request appended, and the signatories as recorded; all or none.

    A request is the signatory as asked for: its id may be empty (one is derived
    from the name), and its values are checked and tidied here. Refused: a name
    or alias that already belongs to someone, or reads as one (unless
    `allow_lookalikes`), a date in the future or before the accord launched, an
    unknown country or pledge. An error names the request's
    origin (`origins[i]`, such as FILE:LINE) when there is one. The name index
    is built once and grown as entries are added, so a large import stays linear.
    """
    index = NameIndex.build((s.names, s) for s in ledger.signatories)
    taken = {s.id for s in ledger.signatories}
    added: list[Signatory] = []
    for position, request in enumerate(requests):
        try:
            signatory = _checked(ledger, request, index, taken, today, allow_lookalikes)
        except AccordError as err:
            if position >= len(origins):
                raise
            raise type(err)(f"{origins[position]}: {err}") from None
        taken.add(signatory.id)
        for candidate in signatory.names:
            index.add(candidate, signatory)
        added.append(signatory)
    return ledger.with_signatories(added), added


def _checked(ledger: Ledger, request: Signatory, index: NameIndex[Signatory], taken: set[str],
             today: date, allow_lookalikes: bool) -> Signatory:
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
            raise _already_there(candidate, existing, today)
        if not allow_lookalikes:
            refuse_lookalike(candidate, index)
    check_date(ledger, request.joined, today)
    pledges = request.pledges
    if pledges is not None:
        pledges = tuple(dict.fromkeys(pledges))
        check_pledge_ids(ledger, pledges)
    text = {f.name: tidy(getattr(request, f.name), f.encode_name) for f in TEXT_FIELDS}
    text["country"] = checked_country(text["country"])
    wanted = request.id if SLUG.fullmatch(request.id) and request.id not in taken else None
    return structs.replace(request, id=wanted or unique_slug(name, taken), name=name, aliases=tuple(aliases),
                           pledges=pledges, **text)


def _already_there(candidate: str, existing: Signatory, today: date) -> DuplicateName:
    """The refusal of a name `existing` holds: which of its names it is, and, for a former member, how
    to record its return instead."""
    key = name_key(candidate)
    until = next((end for name, _, end in names_over_time(existing) if end and name_key(name) == key), None)
    role = ("" if name_key(existing.name) == key else
            f" (its name until {until.isoformat()})" if until else f" (an alias of {existing.name})")
    left = standing(existing, today).left
    if left is None:
        return DuplicateName(f"'{candidate}' is already in the ledger{role}: {existing.name}, id {existing.id}, "
                             f"joined {existing.joined.isoformat()}")
    return DuplicateName(f"'{candidate}' is already in the ledger{role}: {existing.name}, id {existing.id}, a "
                         f"former member that left on {left.isoformat()}; to record its return: accord rejoin "
                         f"{existing.id} --date YYYY-MM-DD")


def tidy(text: str | None, what: str) -> str | None:
    """Free text as recorded: trimmed, None if blank; refused if it holds a control, bidirectional or
    invisible character (a note may hold line breaks and tabs)."""
    text = (text or "").strip() or None
    if text is not None:
        prose = text.replace("\n", " ").replace("\t", " ") if what == "note" else text
        if found := unsafe_character(prose):
            raise InvalidValue(f"the {what} '{shortened(escape_unsafe(text))}' contains {found}; type it without")
    return text


def _refuse_future(on: When, today: date) -> None:
    """Refuse a date that is certainly in the future; one that may be today or before is a source's word."""
    if on.first is not None and on.first > today:
        raise InvalidValue(f"the date {on.isoformat()} is in the future (today is {today.isoformat()})")


def check_date(ledger: Ledger, on: When, today: date) -> None:
    _refuse_future(on, today)
    launched = ledger.accord.launched
    if launched is not None and on.last < launched:
        raise InvalidValue(f"the date {on.isoformat()} is before the accord launched ({launched.isoformat()})")


def _check_event_date(s: Signatory, on: When, today: date) -> None:
    _refuse_future(on, today)
    if on.is_before(s.last_change):
        raise HistoryConflict(
            f"{s.name} has history up to {s.last_change.isoformat()}; a change dated {on.isoformat()} would "
            f"rewrite it (changes are appended in date order)"
        )


def leave(ledger: Ledger, s: Signatory, on: When, today: date, reason: str | None = None, *,
          source: str | None = None, note: str | None = None) -> Ledger:
    """The ledger with `s` leaving on `on`."""
    return ledger.with_replaced(having_left(s, on, today, reason, source=source, note=note))


def having_left(s: Signatory, on: When, today: date, reason: str | None = None, *,
                source: str | None = None, note: str | None = None) -> Signatory:
    """`s` with its leaving on `on` recorded."""
    _check_event_date(s, on, today)
    if not standing(s, on.last).could_be_member:
        raise HistoryConflict(f"{s.name} is not a member on {on.isoformat()}, so it cannot leave")
    return s.with_event(Event(on, "leave", reason=tidy(reason, "reason"), source=tidy(source, "source"),
                              note=tidy(note, "note")))


def rejoin(ledger: Ledger, s: Signatory, on: When, today: date, *, source: str | None = None,
           note: str | None = None) -> Ledger:
    """The ledger with former member `s` joining again on `on`."""
    _check_event_date(s, on, today)
    if standing(s, on.last).is_member:
        raise HistoryConflict(f"{s.name} is already a member on {on.isoformat()}")
    event = Event(on, "rejoin", source=tidy(source, "source"), note=tidy(note, "note"))
    return ledger.with_replaced(s.with_event(event))


def rename(ledger: Ledger, s: Signatory, new_name: str, on: When, today: date, *, source: str | None = None,
           note: str | None = None, allow_lookalikes: bool = False) -> Ledger:
    """The ledger with `s` renamed on `on`; the old name stays findable as an alias."""
    new_name = clean_name(new_name, "the new name")
    _check_event_date(s, on, today)
    if name_key(new_name) == name_key(s.name):
        raise InvalidValue(f"{s.name} is already called '{new_name}'")
    _refuse_names_of_others(ledger, s, [new_name], allow_lookalikes)
    aliases = tuple(a for a in s.aliases if name_key(a) != name_key(new_name))
    if name_key(s.name) not in {name_key(a) for a in aliases}:
        aliases += (s.name,)
    event = Event(on, "rename", old_name=s.name, new_name=new_name, source=tidy(source, "source"),
                  note=tidy(note, "note"))
    return ledger.with_replaced(s.with_event(event, name=new_name, aliases=aliases))


def _refuse_names_of_others(ledger: Ledger, s: Signatory, names: Sequence[str], allow_lookalikes: bool) -> None:
    """Refuse a name that already belongs to a signatory other than `s`, or reads as one."""
    index = NameIndex.build((other.names, other) for other in ledger.signatories)
    for name in names:
        owner = index.lookup(name)
        if owner is not None and owner.id != s.id:
            raise DuplicateName(f"'{name}' already belongs to {owner.name} (id {owner.id})")
        if not allow_lookalikes:
            refuse_lookalike(name, index, s.id)


# -- corrections: what was recorded wrongly, put right -------------------------------------------


def edit(ledger: Ledger, s: Signatory, today: date, fields: Mapping[str, Any], *,
         add_aliases: Sequence[str] = (), remove_aliases: Sequence[str] = (),
         allow_lookalikes: bool = False) -> Ledger:
    """The ledger with the fields of `s` corrected: each key of `fields` is set to its value (None
    clears an optional field; for `pledges`, None means all of the accord's pledges).

    A new `name` corrects the spelling of the current name without recording a
    rename (the last rename, if any, is corrected with it); `rename` records a
    real change of name. Names and aliases may not belong to another signatory.
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
        changes["country"] = checked_country(changes["country"])
    aliases = list(s.aliases)
    for alias in remove_aliases:
        keys = [name_key(a) for a in aliases]
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
        pledges = fields["pledges"]
        if pledges is not None:
            pledges = tuple(dict.fromkeys(pledges))
            check_pledge_ids(ledger, pledges)
        changes["pledges"] = pledges
    if "joined" in fields:
        check_date(ledger, fields["joined"], today)
        changes["joined"] = fields["joined"]
    after = structs.replace(s, events=events, **changes)
    _refuse_names_of_others(ledger, s, [n for n in after.names if name_key(n) not in {name_key(m) for m in s.names}],
                            allow_lookalikes)
    _refuse_new_history_conflicts(ledger, s, after, today)
    return ledger.with_replaced(after)


def amend_event(ledger: Ledger, s: Signatory, number: int, today: date, fields: Mapping[str, Any]) -> Ledger:
    """The ledger with event `number` of `s` (from 1) corrected: its `date`, `reason`, `source` or `note`
    (None clears the optional ones). A history the correction would make impossible is refused."""
    event = _event_numbered(s, number)
    allowed = {"date", "reason", "source", "note"}
    if set(fields) - allowed:
        raise InvalidValue(f"cannot amend {', '.join(sorted(set(fields) - allowed))} of an event")
    if "reason" in fields and fields["reason"] is not None and event.kind != "leave":
        raise InvalidValue(f"event {number} of {s.name} is a {event.kind}; only a leave has a reason")
    changes = {key: tidy(value, key) if key != "date" else value for key, value in fields.items()}
    if "date" in changes:
        _refuse_future(changes["date"], today)
    corrected = structs.replace(event, **changes)
    after = structs.replace(s, events=tuple(corrected if e is event else e for e in s.events))
    _refuse_new_history_conflicts(ledger, s, after, today)
    return ledger.with_replaced(after)


def drop_event(ledger: Ledger, s: Signatory, number: int, today: date) -> Ledger:
    """The ledger without event `number` of `s`, recorded by mistake. Dropping a rename gives the
    signatory back the name it had; only the last rename can be dropped."""
    event = _event_numbered(s, number)
    events = tuple(e for e in s.events if e is not event)
    changes: dict[str, Any] = {}
    if event.kind == "rename":
        if any(e.kind == "rename" for e in s.events[number:]):
            raise HistoryConflict(f"event {number} of {s.name} is not its last rename; drop the later renames "
                                  "first")
        old_name = event.old_name or s.name
        changes["name"] = old_name
        changes["aliases"] = tuple(a for a in s.aliases if name_key(a) != name_key(old_name))
    after = structs.replace(s, events=events, **changes)
    _refuse_new_history_conflicts(ledger, s, after, today)
    return ledger.with_replaced(after)


def _event_numbered(s: Signatory, number: int) -> Event:
    if not 1 <= number <= len(s.events):
        have = f"events 1 to {len(s.events)}" if s.events else "no events"
        raise InvalidValue(f"{s.name} has no event {number} (it has {have}; see `accord events`)")
    return s.events[number - 1]


def _refuse_new_history_conflicts(ledger: Ledger, before: Signatory, after: Signatory, today: date) -> None:
    """Refuse a corrected history with a problem the history had not already had, naming it."""
    from accord_cli.core.check import history_problems

    index = NameIndex.build((other.names, other.id) for other in ledger.signatories if other.id != before.id)
    launched = ledger.accord.launched
    had = {message for _, message in history_problems(before, today, launched, index.lookup)}
    for at, message in history_problems(after, today, launched, index.lookup):
        if message not in had:
            raise HistoryConflict(f"{after.name}, event {at + 1}: {message}")
