"""Everything `accord check` finds wrong in a ledger that decoded."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date

from accord_cli.core.characters import has_unsafe_characters
from accord_cli.core.countries import is_country_code
from accord_cli.core.model import Ledger, Problem, Signatory
from accord_cli.core.names import SLUG, name_key


def find_problems(ledger: Ledger, today: date) -> list[Problem]:
    """Problems of meaning (duplicates, unknown pledges, bad codes, impossible dates) in file order."""
    problems: list[Problem] = []
    launched = ledger.accord.launched
    if launched is not None and launched > today:
        problems.append(Problem(("accord", "launched"), f"launch date {launched.isoformat()} is in the future"))

    pledge_counts = Counter(p.id for p in ledger.pledges)
    for index, pledge in enumerate(ledger.pledges):
        path = ("pledges", index)
        if not SLUG.fullmatch(pledge.id):
            problems.append(Problem((*path, "id"), f"pledge id '{pledge.id}' is not a slug like 'no-offense'",
                                    pledge.id))
        if pledge_counts[pledge.id] > 1:
            problems.append(Problem((*path, "id"), f"pledge id '{pledge.id}' is defined more than once", pledge.id))

    signatories = ledger.signatories
    id_counts = Counter(s.id for s in signatories)
    # The first entry to hold each name, by its key: a later one holding it too is a duplicate.
    keys = [[name_key(name) for name in s.names] for s in signatories]
    first_holder: dict[str, int] = {}
    for index, own in enumerate(keys):
        for key in own:
            first_holder.setdefault(key, index)
    known_pledges = set(ledger.pledge_ids)

    def owner_of(name: str) -> str | None:
        """The id of the first signatory holding `name`, if any."""
        holder = first_holder.get(name_key(name))
        return None if holder is None else signatories[holder].id

    for index, s in enumerate(signatories):
        found: list[tuple[str, str]] = []  # the key and the message of each problem of this entry
        if not SLUG.fullmatch(s.id):
            found.append(("id", f"id '{s.id}' is not a slug like 'trend-micro'"))
        if id_counts[s.id] > 1:
            found.append(("id", f"id '{s.id}' is used by more than one signatory"))
        for name, key in zip(s.names, keys[index]):
            if not name.strip():
                found.append(("name", "a name or alias is blank"))
            if has_unsafe_characters(name):
                found.append(("name", f"{name!r} contains control or bidirectional characters"))
            holder = first_holder[key]
            if holder != index:  # "HP" beside "HP Inc." on one entry is harmless
                found.append(("name", f"'{name}' is also a name or alias of {signatories[holder].name}"))
        for pledge_id in s.pledges or ():
            if pledge_id not in known_pledges:
                known = ", ".join(ledger.pledge_ids) or "none"
                found.append(("pledges", f"unknown pledge '{pledge_id}' (known: {known})"))
        if s.country is not None and not is_country_code(s.country):
            found.append(("country", f"'{s.country}' is not an ISO 3166 alpha-2 country code (e.g. US, GB, DE)"))
        if s.joined > today:
            found.append(("joined", f"joined {s.joined.isoformat()} is in the future"))
        if launched is not None and s.joined < launched:
            found.append(("joined", f"joined {s.joined.isoformat()} is before the accord launched "
                                    f"({launched.isoformat()})"))
        problems += [Problem(("signatories", index, key), message, s.name) for key, message in found]
        if s.events:
            problems += [Problem(("signatories", index, "events", at), message, s.name)
                         for at, message in history_problems(s, today, launched, owner_of)]

    for name, members in ledger.watchlists.items():
        if not members:
            problems.append(Problem(("watchlists", name), f"watchlist '{name}' is empty", name))
    return problems


def history_problems(s: Signatory, today: date, launched: date | None,
                     owner_of: Callable[[str], str | None]) -> list[tuple[int, str]]:
    """Events out of order, before the join or in the future, leaves and rejoins that contradict
    the membership they follow, and renames onto another signatory's name: each with the index of
    its event. `owner_of` gives the id of the signatory a name belongs to, if any."""
    found: list[tuple[int, str]] = []
    member, previous = True, s.joined
    for index, event in enumerate(s.events):
        when = event.date.isoformat()
        if event.date < s.joined:
            found.append((index, f"{event.kind} on {when} is before it joined ({s.joined.isoformat()})"))
        elif event.date < previous:
            found.append((index, f"{event.kind} on {when} comes after a change dated {previous.isoformat()}; "
                                 "events must be in date order"))
        if event.date > today:
            found.append((index, f"{event.kind} on {when} is in the future"))
        if launched is not None and event.date < launched:
            found.append((index, f"{event.kind} on {when} is before the accord launched ({launched.isoformat()})"))
        previous = max(previous, event.date)
        if event.kind == "leave":
            if not member:
                found.append((index, f"leaves on {when} but was not a member then"))
            member = False
        elif event.kind == "rejoin":
            if member:
                found.append((index, f"rejoins on {when} but was already a member (overlapping memberships)"))
            member = True
        elif event.kind == "rename":
            other = owner_of(event.new_name or "")
            if other is not None and other != s.id:
                found.append((index, f"renamed on {when} to '{event.new_name}', a name of another signatory "
                                     f"(id {other})"))
    renames = [e for e in s.events if e.kind == "rename"]
    if renames and name_key(renames[-1].new_name or "") != name_key(s.name):
        found.append((len(s.events) - 1, f"the last rename is to '{renames[-1].new_name}' but the name is "
                                         f"'{s.name}'"))
    return found
