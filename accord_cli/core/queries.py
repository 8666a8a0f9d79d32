"""Who is in the ledger: finding a signatory by name, filtering and sorting, checking a filter's value."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import Enum

from accord_cli.core.countries import is_country_code
from accord_cli.core.errors import (
    AmbiguousName,
    InvalidValue,
    UnknownName,
    UnknownPledge,
)
from accord_cli.core.lookalikes import lookalike_reason, mixed_script_reason
from accord_cli.core.membership import Standing
from accord_cli.core.model import Ledger, Pledge, Signatory
from accord_cli.core.names import NameIndex, NameMatcher, folded, suggest


class SortKey(str, Enum):
    name = "name"
    joined = "joined"


def select(standings: Iterable[Standing], *, sector: str | None = None, country: str | None = None,
           search: str | None = None, pledge: str | None = None) -> list[Standing]:
    """Signatories matching every filter given; text filters ignore case; `search` is found in any name
    or alias as written, ignoring case and accents only; `pledge` keeps those endorsing it."""
    sector_key = sector.casefold() if sector else None
    country_key = country.upper() if country else None
    needle = folded(search) if search else None
    return [
        st for st in standings
        if (sector_key is None or (st.signatory.sector or "").casefold() == sector_key)
        and (country_key is None or (st.signatory.country or "").upper() == country_key)
        and (needle is None or any(needle in folded(n) for n in (st.name, *st.signatory.names)))
        and (pledge is None or st.signatory.endorses(pledge))
    ]


def sort_standings(standings: Iterable[Standing], by: SortKey = SortKey.name) -> list[Standing]:
    by_name = sorted(standings, key=lambda st: st.name.casefold())
    return sorted(by_name, key=lambda st: st.signatory.joined.key) if by is SortKey.joined else by_name


def checked_sector(signatories: Sequence[Signatory], sector: str | None) -> str | None:
    """`sector` if some signatory has it; a typo would otherwise list nobody without a word."""
    if sector is None:
        return None
    known = sorted({s.sector for s in signatories if s.sector}, key=str.casefold)
    if sector.casefold() not in {k.casefold() for k in known}:
        raise InvalidValue(f"no signatory has the sector '{sector}' (sectors: {', '.join(known) or 'none'})")
    return sector


def checked_country(country: str | None) -> str | None:
    """`country` as an upper-case ISO 3166 alpha-2 code; an error naming the expected form otherwise."""
    if country is not None and not is_country_code(country.strip().upper()):
        raise InvalidValue(f"'{country}' is not an ISO 3166 alpha-2 country code (e.g. US, GB, DE)")
    return None if country is None else country.strip().upper()


def check_pledge_ids(ledger: Ledger, pledge_ids: Iterable[str]) -> None:
    known = ledger.pledge_ids
    for pledge_id in pledge_ids:
        if pledge_id not in known:
            choices = (f"known pledges: {', '.join(known)}" if known else
                       "the accord defines no pledges yet; add one with `accord pledge add ID --title TEXT`")
            raise UnknownPledge(f"unknown pledge '{pledge_id}' ({choices})")


def pledge_support(ledger: Ledger, signatories: Sequence[Signatory]) -> list[tuple[Pledge, int]]:
    """Each pledge of the accord with the number of `signatories` endorsing it."""
    return [(p, sum(1 for s in signatories if s.endorses(p.id))) for p in ledger.pledges]


def resolve(ledger: Ledger, name: str) -> Signatory:
    """The signatory a name, alias or id refers to, ignoring case; suggestions if there is none."""
    index = NameIndex.build((s.names, s) for s in ledger.signatories)
    by_id = [s for s in ledger.signatories if s.id == name.strip()]
    holders = list({id(s): s for s in (*index.holders(name), *by_id)}.values())
    if len(holders) > 1:
        positions = {id(s): at for at, s in enumerate(ledger.signatories)}
        raise AmbiguousName(name, [(positions[id(s)], f"{s.name} (id {s.id})") for s in holders])
    found = holders[0] if holders else None
    if found is None:
        looks = index.lookalikes(name)
        if looks:
            written, s = looks[0]
            raise UnknownName(f"no signatory is called '{name}'; it reads as '{written}' (id {s.id}), but is "
                              f"written differently: {lookalike_reason(name, written)}")
        close = suggest(name, (n for s in ledger.signatories for n in s.names))
        hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        raise UnknownName(f"no signatory is called '{name}'{hint}")
    return found


def resemblances(ledger: Ledger, names: Iterable[str], owner_id: str | None = None, *,
                 forced: bool = False) -> list[str]:
    """What a person should hear of names just recorded for `owner_id` (a new signatory if None): each
    that nearly matches a signatory's name and, if look-alikes were `forced` in, each that reads as
    another signatory's name or mixes scripts in a word.

    Near names ("Gogle" beside "Google") are not duplicates, so not refused, but worth a warning.
    """
    matcher = NameMatcher((s.names, s) for s in ledger.signatories)
    notes = []
    for name in names:
        looks = [(written, s) for written, s in matcher.lookalikes(name) if s.id != owner_id] if forced else []
        near = [candidate for candidate in matcher.near(name, few=True) if candidate.owner.id != owner_id]
        if looks:
            written, s = looks[0]
            notes.append(f"{name} reads as {written}, a name of {s.name} (id {s.id}): "
                         f"{lookalike_reason(name, written)}")
        elif forced and (reason := mixed_script_reason(name)):
            notes.append(f"{name}: {reason}")
        elif near:
            s = near[0].owner
            notes.append(f"{name} looks like {s.name} (id {s.id}), by its {near[0].reason}")
    return notes
