"""Who is in the ledger: selecting, sorting and recording signatories."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from enum import Enum

from accord_cli.countries import is_country_code
from accord_cli.errors import DuplicateName, InvalidValue, UnknownPledge
from accord_cli.model import Ledger, Pledge, Signatory
from accord_cli.names import NameIndex, name_key, unique_slug
from accord_cli.text import has_unsafe_characters



class SortKey(str, Enum):
    name = "name"
    joined = "joined"


def select(signatories: Iterable[Signatory], *, sector: str | None = None, country: str | None = None,
           search: str | None = None) -> list[Signatory]:
    """Signatories matching every filter given; text filters ignore case."""
    sector_key = sector.casefold() if sector else None
    country_key = country.upper() if country else None
    needle = name_key(search) if search else None
    return [
        s for s in signatories
        if (sector_key is None or (s.sector or "").casefold() == sector_key)
        and (country_key is None or (s.country or "").upper() == country_key)
        and (needle is None or any(needle in name_key(n) for n in s.names))
    ]


def sort_signatories(signatories: Iterable[Signatory], by: SortKey = SortKey.name) -> list[Signatory]:
    by_name = sorted(signatories, key=lambda s: name_key(s.name))
    return sorted(by_name, key=lambda s: s.joined) if by is SortKey.joined else by_name


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


def _clean_name(text: str, what: str) -> str:
    cleaned = " ".join(text.split())
    if not cleaned:
        raise InvalidValue(f"{what} is empty")
    if has_unsafe_characters(text):
        raise InvalidValue(f"{what} {text!r} contains control or bidirectional characters")
    return cleaned


def add_signatory(
    ledger: Ledger,
    name: str,
    *,
    joined: date,
    today: date,
    sector: str | None = None,
    country: str | None = None,
    aliases: Sequence[str] = (),
    pledges: Sequence[str] | None = None,
    source: str | None = None,
    note: str | None = None,
) -> tuple[Ledger, Signatory]:
    """The ledger with a new signatory appended, and that signatory.

    Refuses a name or alias that already belongs to someone, a date in the
    future or before the accord launched, an unknown country or pledge.
    """
    name = _clean_name(name, "the name")
    aliases = list(dict.fromkeys(_clean_name(a, "an alias") for a in aliases))
    own = {name_key(name)}
    for alias in aliases:
        if name_key(alias) in own:
            raise InvalidValue(f"alias '{alias}' repeats the name or another alias")
        own.add(name_key(alias))

    index = NameIndex.build((s.names, s) for s in ledger.signatories)
    for candidate in (name, *aliases):
        existing = index.lookup(candidate)
        if existing is not None:
            role = "" if name_key(existing.name) == name_key(candidate) else f" (an alias of {existing.name})"
            raise DuplicateName(
                f"'{candidate}' is already in the ledger{role}: {existing.name}, id {existing.id}, "
                f"joined {existing.joined.isoformat()}"
            )

    if joined > today:
        raise InvalidValue(f"the date {joined.isoformat()} is in the future (today is {today.isoformat()})")
    launched = ledger.accord.launched
    if launched is not None and joined < launched:
        raise InvalidValue(f"the date {joined.isoformat()} is before the accord launched ({launched.isoformat()})")
    country = checked_country(country)
    if pledges is not None:
        pledges = tuple(dict.fromkeys(pledges))
        check_pledge_ids(ledger, pledges)

    signatory = Signatory(
        id=unique_slug(name, {s.id for s in ledger.signatories}),
        name=name,
        joined=joined,
        sector=(sector or "").strip() or None,
        country=country,
        aliases=tuple(aliases),
        pledges=pledges,
        source=(source or "").strip() or None,
        note=(note or "").strip() or None,
    )
    return ledger.with_signatory(signatory), signatory
