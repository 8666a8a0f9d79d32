"""Who is in the ledger: finding a signatory by name, filtering and sorting, checking a filter's value."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import Enum

from accord_cli.core.countries import country_problem
from accord_cli.core.errors import (
    AmbiguousName,
    InvalidValue,
    UnknownName,
)
from accord_cli.core.lookalikes import lookalike_reason
from accord_cli.core.membership import Standing
from accord_cli.core.model import Ledger, Pledge, Signatory
from accord_cli.core.names import NameIndex, NameMatcher, folded, suggest
from accord_cli.core.values import country_code


class SortKey(str, Enum):
    name = "name"
    joined = "joined"


def select(
    standings: Iterable[Standing],
    *,
    sector: str | None = None,
    country: str | None = None,
    search: str | None = None,
    pledge: str | None = None,
) -> list[Standing]:
    """Signatories matching every filter given; text filters ignore case; `search` is found in any name
    or alias as written, ignoring case and accents only; `pledge` keeps those endorsing it."""
    sector_key = sector.casefold() if sector else None
    country_key = country.upper() if country else None
    needle = folded(search) if search else None
    return [
        st
        for st in standings
        if (sector_key is None or (st.signatory.sector or "").casefold() == sector_key)
        and (country_key is None or (st.signatory.country or "").upper() == country_key)
        and (needle is None or any(needle in folded(n) for n in (st.name, *st.signatory.names)))
        and (pledge is None or st.signatory.endorses(pledge))
    ]


def sort_standings(standings: Iterable[Standing], by: SortKey = SortKey.name) -> list[Standing]:
    """By name, or by joining date in the one order of dates (see `When.key`), then by name."""
    by_name = sorted(standings, key=lambda st: st.name.casefold())
    return sorted(by_name, key=lambda st: st.joined.key) if by is SortKey.joined else by_name


def checked_sector(signatories: Sequence[Signatory], sector: str | None) -> str | None:
    """`sector` if some signatory has it; a typo would otherwise list nobody without a word."""
    if sector is None:
        return None
    known = sorted({s.sector for s in signatories if s.sector}, key=str.casefold)
    if sector.casefold() not in {k.casefold() for k in known}:
        raise InvalidValue(f"no signatory has the sector '{sector}' (sectors: {', '.join(known) or 'none'})")
    return sector


def checked_country(country: str | None) -> str | None:
    """`country`, a filter's value, as the ledger holds a country code; the rule's error if it is none."""
    code = country_code(country)
    if code is not None and (problem := country_problem(code)):
        raise InvalidValue(problem)
    return code


def pledge_support(ledger: Ledger, signatories: Sequence[Signatory]) -> list[tuple[Pledge, int]]:
    """Each pledge of the accord with the number of `signatories` endorsing it."""
    return [(p, sum(1 for s in signatories if s.endorses(p.id))) for p in ledger.pledges]


def resolve(ledger: Ledger, name: str) -> Signatory:
    """The signatory an id, or else a name (current, former or alias, ignoring case), refers to; suggestions
    if there is none. An id is exact and never changes, so it names its entry before any name does."""
    typed = name.strip()
    by_id = [s for s in ledger.signatories if s.id == typed]
    index = NameIndex.build((s.names, s) for s in ledger.signatories)
    holders = by_id if len(by_id) == 1 else list({id(s): s for s in (*index.holders(name), *by_id)}.values())
    if not holders:  # an id typed with capitals, as a name would be ("Cisco" for cisco, since renamed)
        holders = [s for s in ledger.signatories if s.id == typed.casefold()]
    if len(holders) > 1:
        positions = {id(s): at for at, s in enumerate(ledger.signatories)}
        raise AmbiguousName(name, [(positions[id(s)], f"{s.name} (id {s.id})") for s in holders])
    found = holders[0] if holders else None
    if found is None:
        looks = index.lookalikes(name)
        if looks:
            written, s = looks[0]
            raise UnknownName(
                f"no signatory is called '{name}'; it reads as '{written}' (id {s.id}), but is "
                f"written differently: {lookalike_reason(name, written)}"
            )
        close = suggest(name, (n for s in ledger.signatories for n in s.names))
        hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        raise UnknownName(f"no signatory is called '{name}'{hint}")
    return found


def resemblances(ledger: Ledger, names: Iterable[str], owner_id: str | None = None) -> list[str]:
    """What a person should hear of names just recorded for `owner_id` (a new signatory if None): each
    that nearly matches another signatory's name. Near names ("Gogle" beside "Google") are not duplicates,
    so not refused, but worth a warning."""
    matcher = NameMatcher((s.names, s) for s in ledger.signatories)
    notes = []
    for name in names:
        near = [candidate for candidate in matcher.near(name, few=True) if candidate.owner.id != owner_id]
        if near and not matcher.lookalikes(name):  # a look-alike is the rules' to refuse, or --force's to tell
            s = near[0].owner
            notes.append(f"{name} looks like {s.name} (id {s.id}), by its {near[0].reason}")
    return notes
