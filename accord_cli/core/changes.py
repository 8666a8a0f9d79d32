"""Recording what happens to signatories: joining, leaving, rejoining, renaming. Each returns a new ledger."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from msgspec import structs

from accord_cli.core.characters import has_unsafe_characters
from accord_cli.core.errors import (
    AccordError,
    DuplicateName,
    HistoryConflict,
    InvalidValue,
)
from accord_cli.core.membership import is_member
from accord_cli.core.model import TEXT_FIELDS, Event, Ledger, Signatory
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
    """`text` with its spacing tidied; refused if empty, too long or holding control characters."""
    cleaned = " ".join(text.split())
    if not cleaned:
        raise InvalidValue(f"{what} is empty")
    if has_unsafe_characters(text):
        raise InvalidValue(f"{what} {shortened(text)!r} contains control or bidirectional characters")
    if reason := too_long(cleaned):
        raise InvalidValue(f"{what} {shortened(cleaned)!r} {reason}")
    return cleaned


def add_signatories(ledger: Ledger, requests: Sequence[Signatory], today: date,
                    origins: Sequence[str] = ()) -> tuple[Ledger, list[Signatory]]:
    """The ledger with every request appended, and the signatories as recorded; all or none.

    A request is the signatory as asked for: its id may be empty (one is derived
    from the name), and its values are checked and tidied here. Refused: a name
    or alias that already belongs to someone, a date in the future or before the
    accord launched, an unknown country or pledge. An error names the request's
    origin (`origins[i]`, such as FILE:LINE) when there is one. The name index
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
            index.setdefault(name_key(candidate), signatory)
        added.append(signatory)
    return ledger.with_signatories(added), added


def _checked(ledger: Ledger, request: Signatory, index: NameIndex[Signatory], taken: set[str],
             today: date) -> Signatory:
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
            role = "" if name_key(existing.name) == name_key(candidate) else f" (an alias of {existing.name})"
            raise DuplicateName(
                f"'{candidate}' is already in the ledger{role}: {existing.name}, id {existing.id}, "
                f"joined {existing.joined.isoformat()}"
            )
    _check_date(ledger, request.joined, today)
    pledges = request.pledges
    if pledges is not None:
        pledges = tuple(dict.fromkeys(pledges))
        check_pledge_ids(ledger, pledges)
    text = {f.name: _tidy(getattr(request, f.name)) for f in TEXT_FIELDS}
    text["country"] = checked_country(text["country"])
    wanted = request.id if SLUG.fullmatch(request.id) and request.id not in taken else None
    return structs.replace(request, id=wanted or unique_slug(name, taken), name=name, aliases=tuple(aliases),
                           pledges=pledges, **text)


def _tidy(text: str | None) -> str | None:
    return (text or "").strip() or None


def _check_date(ledger: Ledger, on: date, today: date) -> None:
    if on > today:
        raise InvalidValue(f"the date {on.isoformat()} is in the future (today is {today.isoformat()})")
    launched = ledger.accord.launched
    if launched is not None and on < launched:
        raise InvalidValue(f"the date {on.isoformat()} is before the accord launched ({launched.isoformat()})")


def _check_event_date(s: Signatory, on: date, today: date) -> None:
    if on > today:
        raise InvalidValue(f"the date {on.isoformat()} is in the future (today is {today.isoformat()})")
    if on < s.last_change:
        raise HistoryConflict(
            f"{s.name} has history up to {s.last_change.isoformat()}; a change dated {on.isoformat()} would "
            f"rewrite it (changes are appended in date order)"
        )


def leave(ledger: Ledger, s: Signatory, on: date, today: date, reason: str | None = None) -> Ledger:
    """The ledger with `s` leaving on `on`."""
    return ledger.with_replaced(having_left(s, on, today, reason))


def having_left(s: Signatory, on: date, today: date, reason: str | None = None) -> Signatory:
    """`s` with its leaving on `on` recorded."""
    _check_event_date(s, on, today)
    if not is_member(s, on):
        raise HistoryConflict(f"{s.name} is not a member on {on.isoformat()}, so it cannot leave")
    return s.with_event(Event(on, "leave", reason=_tidy(reason)))


def rejoin(ledger: Ledger, s: Signatory, on: date, today: date) -> Ledger:
    """The ledger with former member `s` joining again on `on`."""
    _check_event_date(s, on, today)
    if is_member(s, on):
        raise HistoryConflict(f"{s.name} is already a member on {on.isoformat()}")
    return ledger.with_replaced(s.with_event(Event(on, "rejoin")))


def rename(ledger: Ledger, s: Signatory, new_name: str, on: date, today: date) -> Ledger:
    """The ledger with `s` renamed on `on`; the old name stays findable as an alias."""
    new_name = clean_name(new_name, "the new name")
    _check_event_date(s, on, today)
    if name_key(new_name) == name_key(s.name):
        raise InvalidValue(f"{s.name} is already called '{new_name}'")
    owner = NameIndex.build((other.names, other) for other in ledger.signatories).lookup(new_name)
    if owner is not None and owner.id != s.id:
        raise DuplicateName(f"'{new_name}' already belongs to {owner.name} (id {owner.id})")
    aliases = tuple(a for a in s.aliases if name_key(a) != name_key(new_name))
    if name_key(s.name) not in {name_key(a) for a in aliases}:
        aliases += (s.name,)
    event = Event(on, "rename", old_name=s.name, new_name=new_name)
    return ledger.with_replaced(s.with_event(event, name=new_name, aliases=aliases))
