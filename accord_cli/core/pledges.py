"""The accord's pledges: adding, correcting and removing them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from msgspec import structs

from accord_cli.core.characters import unsafe_character
from accord_cli.core.errors import DuplicateName, InvalidValue, UnknownPledge
from accord_cli.core.model import Ledger, Pledge, Signatory
from accord_cli.core.names import SLUG, suggest


def get_pledge(ledger: Ledger, pledge_id: str) -> Pledge:
    found = next((p for p in ledger.pledges if p.id == pledge_id), None)
    if found is None:
        close = suggest(pledge_id, ledger.pledge_ids)
        hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        raise UnknownPledge(
            f"no pledge has the id '{pledge_id}'{hint} (pledges: {', '.join(ledger.pledge_ids) or 'none'})"
        )
    return found


def _text(value: str | None, what: str, required: bool = False) -> str | None:
    text = " ".join((value or "").split()) or None
    if text is None and required:
        raise InvalidValue(f"{what} is empty")
    if text is not None and (found := unsafe_character(text)):
        raise InvalidValue(f"{what} contains {found}; type it without")
    return text


def add_pledge(
    ledger: Ledger, pledge_id: str, title: str, summary: str | None = None, source: str | None = None
) -> Ledger:
    """The ledger with a new pledge, which every signatory that endorses all pledges endorses too."""
    if not SLUG.fullmatch(pledge_id):
        raise InvalidValue(f"'{pledge_id}' is not a pledge id: use a slug such as 'no-offense'")
    if pledge_id in ledger.pledge_ids:
        raise DuplicateName(f"the accord already has a pledge '{pledge_id}'")
    pledge = Pledge(
        pledge_id,
        _text(title, "the title", required=True) or "",
        _text(summary, "the summary"),
        _text(source, "the source"),
    )
    return structs.replace(ledger, pledges=(*ledger.pledges, pledge))


def edit_pledge(ledger: Ledger, pledge_id: str, fields: Mapping[str, Any]) -> Ledger:
    """The ledger with the title, summary or source of a pledge corrected (None clears the optional ones)."""
    pledge = get_pledge(ledger, pledge_id)
    unknown = set(fields) - {"title", "summary", "source"}
    if unknown:
        raise InvalidValue(f"cannot edit {', '.join(sorted(unknown))} of a pledge")
    changes = {key: _text(value, f"the {key}", required=key == "title") for key, value in fields.items()}
    edited = structs.replace(pledge, **changes)
    return structs.replace(ledger, pledges=tuple(edited if p is pledge else p for p in ledger.pledges))


def explicit_endorsers(ledger: Ledger, pledge_id: str) -> list[Signatory]:
    """The signatories that name the pledge in their own list (those endorsing all pledges do not)."""
    return [s for s in ledger.signatories if s.pledges is not None and pledge_id in s.pledges]


def remove_pledge(ledger: Ledger, pledge_id: str, *, force: bool = False) -> Ledger:
    """The ledger without the pledge. Refused while a signatory names it in its list, unless `force`,
    which takes it off those lists too."""
    pledge = get_pledge(ledger, pledge_id)
    naming = explicit_endorsers(ledger, pledge_id)
    if naming and not force:
        who = f"{naming[0].name} endorses" if len(naming) == 1 else f"{len(naming)} signatories endorse"
        names = ", ".join(s.name for s in naming[:3]) + (f" and {len(naming) - 3} more" if len(naming) > 3 else "")
        raise InvalidValue(f"{who} '{pledge_id}' by name ({names}); pass --force to take it off their lists too")
    ledger = ledger.with_replaced(
        *(structs.replace(s, pledges=tuple(p for p in s.pledges or () if p != pledge_id)) for s in naming)
    )
    return structs.replace(ledger, pledges=tuple(p for p in ledger.pledges if p is not pledge))
