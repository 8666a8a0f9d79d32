"""Everything `accord check` finds wrong in a ledger that decoded."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date
from operator import attrgetter

import msgspec

from accord_cli.core.characters import (
    escape_unsafe,
    has_unsafe_characters,
    unsafe_character,
)
from accord_cli.core.countries import is_country_code
from accord_cli.core.counts import overcounted
from accord_cli.core.lookalikes import lookalike_reason, mixed_script_reason
from accord_cli.core.model import Ledger, Problem, Signatory, encode_for_json
from accord_cli.core.names import SLUG, lookalike_keys, name_key, shortened


def find_problems(ledger: Ledger, today: date) -> list[Problem]:
    """Problems of meaning (duplicates, unknown pledges, bad codes, impossible dates) in file order."""
    problems: list[Problem] = []
    launched = ledger.accord.launched
    if launched is not None and launched > today:
        problems.append(Problem(("accord", "launched"), f"launch date {launched.isoformat()} is in the future"))
    unsafe_possible = _may_hold_unsafe_text(ledger)
    if unsafe_possible:
        problems += _unsafe_text(("accord",), ledger.accord, None)
        for index, pledge in enumerate(ledger.pledges):
            problems += _unsafe_text(("pledges", index), pledge, pledge.id)

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
    lookalike_of = _lookalike_pairs(signatories, keys)

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
        for position, (name, key) in enumerate(zip(s.names, keys[index])):
            field = "name" if position == 0 else "aliases"
            if not name.strip():
                found.append((field, "a name or alias is blank"))
            holder = first_holder[key]
            if holder != index:  # "HP" beside "HP Inc." on one entry is harmless
                found.append((field, f"'{name}' is also a name or alias of {signatories[holder].name}"))
            elif (looks := lookalike_of.get((index, position))) is not None:
                other_index, other_name = looks
                found.append((field, f"'{name}' reads as '{other_name}', a name of "
                                     f"{signatories[other_index].name}: {lookalike_reason(name, other_name)}"))
            if reason := mixed_script_reason(name):
                found.append((field, f"'{name}' looks spoofed: {reason}"))
        for pledge_id in s.pledges or ():
            if pledge_id not in known_pledges:
                known = ", ".join(ledger.pledge_ids) or "none"
                found.append(("pledges", f"unknown pledge '{pledge_id}' (known: {known})"))
        if s.country is not None and not is_country_code(s.country):
            found.append(("country", f"'{s.country}' is not an ISO 3166 alpha-2 country code (e.g. US, GB, DE)"))
        if s.joined.earliest > today:
            found.append(("joined", f"joined {s.joined.isoformat()} is in the future"))
        if launched is not None and s.joined.last < launched:
            found.append(("joined", f"joined {s.joined.isoformat()} is before the accord launched "
                                    f"({launched.isoformat()})"))
        problems += [Problem(("signatories", index, key), message, s.name) for key, message in found]
        if unsafe_possible:
            problems += _unsafe_text(("signatories", index), s, s.name)
        if s.events:
            problems += [Problem(("signatories", index, "events", at), message, s.name)
                         for at, message in history_problems(s, today, launched, owner_of)]

    for name, members in ledger.watchlists.items():
        if not members:
            problems.append(Problem(("watchlists", name), f"watchlist '{name}' is empty", name))
        for text in (name, *members) if unsafe_possible else ():
            if found_char := unsafe_character(text):
                problems.append(Problem(("watchlists", name), f"'{escape_unsafe(text)}' contains {found_char}",
                                        name))
    problems += _count_problems(ledger, today, unsafe_possible)
    return problems


def _count_problems(ledger: Ledger, today: date, unsafe_possible: bool) -> list[Problem]:
    """Reported totals dated in the future or before the launch, and exact ones the ledger's members exceed."""
    problems = []
    launched = ledger.accord.launched
    for index, count in enumerate(ledger.counts):
        path, subject = ("counts", index), f"count of {count.date.isoformat()}"
        if count.date.earliest > today:
            problems.append(Problem((*path, "date"), f"count dated {count.date.isoformat()} is in the future", subject))
        if launched is not None and count.date.last < launched:
            problems.append(Problem((*path, "date"), f"count dated {count.date.isoformat()} is before the accord "
                                                     f"launched ({launched.isoformat()})", subject))
        if unsafe_possible:
            problems += _unsafe_text(path, count, subject)
    for index, fewest in overcounted(ledger):
        count = ledger.counts[index]
        problems.append(Problem(("counts", index, "count"),
                                f"the source counts exactly {count.count:,} on {count.date.isoformat()}, but the "
                                f"ledger names {fewest:,} certain members then", f"count of {count.date.isoformat()}"))
    return problems


# What JSON writes for a control character: an escape (a false alarm on an escaped backslash is harmless).
_ESCAPED_CONTROL = re.compile(r"\\[bfnrtu]")


def _may_hold_unsafe_text(ledger: Ledger) -> bool:
    """Whether any text of the ledger could hold a control, bidirectional or invisible character: one
    search over the whole ledger written as JSON, in C, so that a clean ledger is not looked at field
    by field."""
    encoded = msgspec.json.encode(ledger, enc_hook=encode_for_json).decode()
    if _ESCAPED_CONTROL.search(encoded) or "\x7f" in encoded:
        return True
    # JSON escapes the controls below 0x20; every other unsafe character is beyond ASCII.
    return not encoded.isascii() and has_unsafe_characters(encoded)


def _unsafe_text(path: tuple[str | int, ...], entry: msgspec.Struct, subject: str | None) -> list[Problem]:
    """A problem for each text field of `entry` (its events' too) holding a control, bidirectional or
    invisible character; prose (a note, a summary) may hold line breaks and tabs."""
    found = []
    cls = type(entry)
    for name, key in zip(cls.__struct_fields__, cls.__struct_encode_fields__):
        value = getattr(entry, name)
        if name == "events":
            for at, event in enumerate(value):
                found += _unsafe_text((*path, "events", at), event, subject)
            continue
        for text in value if isinstance(value, tuple) else (value,):
            if isinstance(text, str):
                shown = text.replace("\n", " ").replace("\t", " ") if name in ("note", "summary") else text
                if found_char := unsafe_character(shown):
                    found.append(Problem((*path, key), f"{key} '{shortened(escape_unsafe(text))}' contains "
                                                       f"{found_char}", subject))
    return found


def _lookalike_pairs(signatories: Sequence[Signatory], keys: list[list[str]]) -> dict[tuple[int, int], tuple[int, str]]:
    """For each name (by signatory and position among its names) that reads as a name of an earlier
    signatory without being the same name, that signatory and name."""
    flat_keys = [key for own in keys for key in own]
    names = [name for s in signatories for name in s.names]
    lookalikes = lookalike_keys(names, flat_keys)
    if len(set(lookalikes)) == len(set(zip(lookalikes, flat_keys))):  # each reading is one name: no pairs
        return {}
    # The first place each look-alike key is met, filed last to first so that the first one stays.
    first = dict(zip(reversed(lookalikes), range(len(lookalikes) - 1, -1, -1)))
    differing = [at for at, lookalike in enumerate(lookalikes) if flat_keys[first[lookalike]] != flat_keys[at]]
    if not differing:
        return {}
    spots = [(index, position) for index, own in enumerate(keys) for position in range(len(own))]
    pairs = {}
    for at in differing:
        holder = first[lookalikes[at]]
        if spots[holder][0] != spots[at][0]:
            pairs[spots[at]] = (spots[holder][0], names[holder])
    return pairs


def history_problems(s: Signatory, today: date, launched: date | None,
                     owner_of: Callable[[str], str | None]) -> list[tuple[int, str]]:
    """Events out of order, before the join or in the future, leaves and rejoins that contradict
    the membership they follow, and renames onto another signatory's name: each with the index of
    its event. `owner_of` gives the id of the signatory a name belongs to, if any."""
    found: list[tuple[int, str]] = []
    member, previous = True, s.joined
    for index, event in enumerate(s.events):
        when = event.date.isoformat()
        if event.date.is_before(s.joined):
            found.append((index, f"{event.kind} on {when} is before it joined ({s.joined.isoformat()})"))
        elif event.date.is_before(previous):
            found.append((index, f"{event.kind} on {when} comes after a change dated {previous.isoformat()}; "
                                 "events must be in date order"))
        if event.date.earliest > today:
            found.append((index, f"{event.kind} on {when} is in the future"))
        if launched is not None and event.date.last < launched:
            found.append((index, f"{event.kind} on {when} is before the accord launched ({launched.isoformat()})"))
        previous = max(previous, event.date, key=attrgetter("key"))
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
