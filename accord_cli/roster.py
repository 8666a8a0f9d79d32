"""Who is in the ledger: selecting, sorting and recording signatories."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any

from accord_cli.countries import is_country_code
from accord_cli.errors import (
    AccordError,
    DuplicateName,
    HistoryConflict,
    InvalidValue,
    UnknownName,
    UnknownPledge,
)
from accord_cli.model import Event, Ledger, Pledge, Signatory
from accord_cli.names import (
    SLUG,
    NameIndex,
    NameMatcher,
    name_key,
    shortened,
    suggest,
    too_long,
    unique_slug,
)
from accord_cli.text import has_unsafe_characters
from accord_cli.timeline import Standing, is_member


class SortKey(str, Enum):
    name = "name"
    joined = "joined"


def select(standings: Iterable[Standing], *, sector: str | None = None, country: str | None = None,
           search: str | None = None) -> list[Standing]:
    """Signatories matching every filter given; text filters ignore case, search covers every name."""
    sector_key = sector.casefold() if sector else None
    country_key = country.upper() if country else None
    needle = name_key(search) if search else None
    return [
        st for st in standings
        if (sector_key is None or (st.signatory.sector or "").casefold() == sector_key)
        and (country_key is None or (st.signatory.country or "").upper() == country_key)
        and (needle is None or any(needle in name_key(n) for n in (st.name, *st.signatory.names)))
    ]


def sort_standings(standings: Iterable[Standing], by: SortKey = SortKey.name) -> list[Standing]:
    by_name = sorted(standings, key=lambda st: st.name.casefold())
    return sorted(by_name, key=lambda st: st.signatory.joined) if by is SortKey.joined else by_name


def checked_sector(signatories: Sequence[Signatory], sector: str | None) -> str | None:
    """`sector` if some signatory has it; a typo would otherwise list nobody without a word."""
    if sector is None:
        return None
    known = sorted({s.sector for s in signatories if s.sector}, key=str.casefold)
    if sector.casefold() not in {k.casefold() for k in known}:
        raise InvalidValue(f"no signatory has the sector '{sector}' (sectors: {', '.join(known) or 'none'})")
    return sector


def checked_country(country: str | None) -> str | None:
    if country is not None and not is_country_code(country.strip().upper()):
        raise InvalidValue(f"'{country}' is not an ISO 3166 alpha-2 country code (e.g. US, GB, DE)")
    return None if country is None else country.strip().upper()


def pledge_support(ledger: Ledger, signatories: Sequence[Signatory]) -> list[tuple[Pledge, int]]:
    """Each pledge of the accord with the number of `signatories` endorsing it."""
    return [(p, sum(1 for s in signatories if s.endorses(p.id))) for p in ledger.pledges]


def check_pledge_ids(ledger: Ledger, pledge_ids: Iterable[str]) -> None:
    known = ledger.pledge_ids
    for pledge_id in pledge_ids:
        if pledge_id not in known:
            choices = ", ".join(known) if known else "none: the accord defines no pledges"
            raise UnknownPledge(f"unknown pledge '{pledge_id}' (known pledges: {choices})")


def clean_name(text: str, what: str) -> str:
    cleaned = " ".join(text.split())
    if not cleaned:
        raise InvalidValue(f"{what} is empty")
    if has_unsafe_characters(text):
        raise InvalidValue(f"{what} {shortened(text)!r} contains control or bidirectional characters")
    if reason := too_long(cleaned):
        raise InvalidValue(f"{what} {shortened(cleaned)!r} {reason}")
    return cleaned


@dataclass(frozen=True, slots=True)
class NewSignatory:
    """What `add` or one row of an import asks to record. An import row may leave `joined` to the
    importer's --date; by the time it is recorded, it has one."""

    name: str
    joined: date | None = None
    sector: str | None = None
    country: str | None = None
    aliases: Sequence[str] = ()
    pledges: Sequence[str] | None = None
    source: str | None = None
    note: str | None = None
    events: tuple[Event, ...] = ()  # a history carried over from an export
    origin: str | None = None  # where the request came from (file and row), named in its errors
    id: str | None = None  # kept when an export is imported, if no one else has it


def add_signatory(ledger: Ledger, name: str, *, joined: date, today: date, **fields: Any) -> tuple[Ledger, Signatory]:
    """The ledger with a new signatory appended, and that signatory.

    Refuses a name or alias that already belongs to someone, a date in the
    future or before the accord launched, an unknown country or pledge.
    """
    updated, (signatory,) = add_signatories(ledger, [NewSignatory(name, joined, **fields)], today)
    return updated, signatory


def add_signatories(ledger: Ledger, requests: Sequence[NewSignatory], today: date) -> tuple[Ledger, list[Signatory]]:
    """The ledger with every request appended, checked as `add_signatory` checks one; all or none.

    The name index is built once and grown as entries are added, so a large
    import stays linear.
    """
    index = NameIndex.build((s.names, s) for s in ledger.signatories)
    taken = {s.id for s in ledger.signatories}
    added: list[Signatory] = []
    for request in requests:
        try:
            signatory = _checked_signatory(ledger, request, index, taken, today)
        except AccordError as err:
            if request.origin is None:
                raise
            raise type(err)(f"{request.origin}: {err}") from None
        taken.add(signatory.id)
        for candidate in signatory.names:
            index.setdefault(name_key(candidate), signatory)
        added.append(signatory)
    return ledger.with_signatories(added), added


def _checked_signatory(ledger: Ledger, request: NewSignatory, index: NameIndex[Signatory], taken: set[str],
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
    joined = request.joined
    assert joined is not None, "a request is given its date before it is recorded"
    if joined > today:
        raise InvalidValue(f"the date {joined.isoformat()} is in the future (today is {today.isoformat()})")
    launched = ledger.accord.launched
    if launched is not None and joined < launched:
        raise InvalidValue(f"the date {joined.isoformat()} is before the accord launched ({launched.isoformat()})")
    pledges = request.pledges
    if pledges is not None:
        pledges = tuple(dict.fromkeys(pledges))
        check_pledge_ids(ledger, pledges)
    wanted = request.id if request.id and SLUG.fullmatch(request.id) and request.id not in taken else None
    return Signatory(
        id=wanted or unique_slug(name, taken),
        name=name,
        joined=joined,
        sector=(request.sector or "").strip() or None,
        country=checked_country(request.country),
        aliases=tuple(aliases),
        pledges=pledges,
        source=(request.source or "").strip() or None,
        note=(request.note or "").strip() or None,
        events=request.events,
    )


def resolve(ledger: Ledger, name: str) -> Signatory:
    """The signatory a name, alias or id refers to, ignoring case; suggestions if there is none."""
    found = NameIndex.build((s.names, s) for s in ledger.signatories).lookup(name)
    if found is None:
        found = next((s for s in ledger.signatories if s.id == name.strip()), None)
    if found is None:
        close = suggest(name, (n for s in ledger.signatories for n in s.names))
        hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        raise UnknownName(f"no signatory is called '{name}'{hint}")
    return found


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
    return s.with_event(Event("leave", on, reason=(reason or "").strip() or None))


def rejoin(ledger: Ledger, s: Signatory, on: date, today: date) -> Ledger:
    """The ledger with former member `s` joining again on `on`."""
    _check_event_date(s, on, today)
    if is_member(s, on):
        raise HistoryConflict(f"{s.name} is already a member on {on.isoformat()}")
    return ledger.with_replaced(s.with_event(Event("rejoin", on)))


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
    event = Event("rename", on, old_name=s.name, new_name=new_name)
    return ledger.with_replaced(s.with_event(event, name=new_name, aliases=aliases))


def lookalikes(ledger: Ledger, names: Iterable[str]) -> list[tuple[str, Signatory]]:
    """Each of `names` that nearly matches a signatory's name or alias, with that signatory.

    Not a duplicate, so not refused, but worth a warning: "Gogle" beside "Google".
    """
    matcher = NameMatcher((s.names, s) for s in ledger.signatories)
    found = []
    for name in names:
        near = matcher.near(name, few=True)
        if near:
            found.append((name, near[0][1]))
    return found
