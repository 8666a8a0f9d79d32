"""Everything `accord check` finds wrong in a ledger that decoded."""

from __future__ import annotations

from collections import Counter
from datetime import date
from functools import partial

from accord_cli.core.characters import has_unsafe_characters
from accord_cli.core.countries import is_country_code
from accord_cli.core.model import Ledger, Problem, Signatory
from accord_cli.core.names import SLUG, NameIndex, name_key


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

    id_counts = Counter(s.id for s in ledger.signatories)
    all_owners = NameIndex.build((s.names, s.id) for s in ledger.signatories)
    owners: dict[str, tuple[int, str]] = {}
    known_pledges = set(ledger.pledge_ids)
    for index, s in enumerate(ledger.signatories):
        path = ("signatories", index)
        report = partial(_report, problems, path, s.name)

        if not SLUG.fullmatch(s.id):
            report("id", f"id '{s.id}' is not a slug like 'trend-micro'")
        if id_counts[s.id] > 1:
            report("id", f"id '{s.id}' is used by more than one signatory")
        for name in s.names:
            if not name.strip():
                report("name", "a name or alias is blank")
            if has_unsafe_characters(name):
                report("name", f"{name!r} contains control or bidirectional characters")
            key = name_key(name)
            owner = owners.setdefault(key, (index, s.name))
            if owner[0] != index:  # "HP" beside "HP Inc." on one entry is harmless
                report("name", f"'{name}' is also a name or alias of {owner[1]}")
        for pledge_id in s.pledges or ():
            if pledge_id not in known_pledges:
                report("pledges", f"unknown pledge '{pledge_id}' (known: {', '.join(ledger.pledge_ids) or 'none'})")
        if s.country is not None and not is_country_code(s.country):
            report("country", f"'{s.country}' is not an ISO 3166 alpha-2 country code (e.g. US, GB, DE)")
        if s.joined > today:
            report("joined", f"joined {s.joined.isoformat()} is in the future")
        if launched is not None and s.joined < launched:
            report("joined", f"joined {s.joined.isoformat()} is before the accord launched ({launched.isoformat()})")
        for index_in_history, message in _history_problems(s, today, launched, all_owners):
            problems.append(Problem((*path, "events", index_in_history), message, s.name))

    for name, members in ledger.watchlists.items():
        if not members:
            problems.append(Problem(("watchlists", name), f"watchlist '{name}' is empty", name))
    return problems


def _report(problems: list[Problem], path: tuple[str | int, ...], subject: str, key: str, message: str) -> None:
    problems.append(Problem((*path, key), message, subject))


def _history_problems(s: Signatory, today: date, launched: date | None,
                      owners: NameIndex[str]) -> list[tuple[int, str]]:
    """Events out of order, before the join or in the future, leaves and rejoins that contradict
    the membership they follow, and renames onto another signatory's name."""
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
            other = owners.lookup(event.new_name or "")
            if other is not None and other != s.id:
                found.append((index, f"renamed on {when} to '{event.new_name}', a name of another signatory "
                                     f"(id {other})"))
    renames = [e for e in s.events if e.kind == "rename"]
    if renames and name_key(renames[-1].new_name or "") != name_key(s.name):
        found.append((len(s.events) - 1, f"the last rename is to '{renames[-1].new_name}' but the name is "
                                         f"'{s.name}'"))
    return found
