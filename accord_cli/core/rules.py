"""The rules of a valid ledger, in one place: `accord check` reports what breaks them, and every write is
refused if it would break one the ledger kept before (see `refuse_new_problems`)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from datetime import date
from operator import attrgetter

import msgspec

from accord_cli.core.characters import (
    escape_unsafe,
    has_unsafe_characters,
    unsafe_character,
)
from accord_cli.core.countries import country_problem
from accord_cli.core.counts import overcounted
from accord_cli.core.dates import When
from accord_cli.core.errors import (
    AccordError,
    DuplicateName,
    HistoryConflict,
    InvalidValue,
    LookalikeName,
    UnknownPledge,
)
from accord_cli.core.lookalikes import lookalike_reason, mixed_script_reason
from accord_cli.core.model import Ledger, Problem, Signatory, encode_for_json
from accord_cli.core.names import SLUG, lookalike_keys, name_key, shortened
from accord_cli.core.values import sector_name

# The ids accord once derived for names without a Latin letter: they stay (ids never change), and check notes them.
_NUMBERED_ID = re.compile(r"signatory(?:-[0-9]+)?")


def pledge_problem(ledger: Ledger, pledge_id: str) -> str | None:
    """Why a signatory cannot endorse `pledge_id`, naming the pledges it could, or None if it can."""
    if pledge_id in ledger.pledge_ids:
        return None
    choices = (
        f"known pledges: {', '.join(ledger.pledge_ids)}"
        if ledger.pledges
        else "the accord defines no pledges yet; add one with `accord pledge add ID --title TEXT`"
    )
    return f"unknown pledge '{pledge_id}' ({choices})"


def _date_problems(dated: str, when: When, today: date, launched: date | None) -> list[str]:
    """A fact dated certainly in the future, or certainly before the launch; `dated` names it with its date."""
    found = []
    if when.earliest > today:
        found.append(f"{dated} is in the future (today is {today.isoformat()})")
    if launched is not None and when.last < launched:
        found.append(f"{dated} is before the accord launched ({launched.isoformat()})")
    return found


def find_problems(ledger: Ledger, today: date, *, only: Collection[str] | None = None) -> list[Problem]:
    """Problems of meaning (duplicates, unknown pledges, bad codes, impossible dates) in file order.

    With `only` (signatory ids), the signatories' own problems are those of these signatories and of any
    other that holds, or reads as, one of their names; everything else is looked at whole.
    """
    problems: list[Problem] = []
    launched = ledger.accord.launched
    if launched is not None and launched > today:
        problems.append(Problem(("accord", "launched"), f"launch date {launched.isoformat()} is in the future"))
    signatories = ledger.signatories
    if only is not None and not any(s.id in only for s in signatories):
        signatories = ()  # the signatories asked about are not in this ledger: none to look at
    unsafe_possible = _may_hold_unsafe_text(
        ledger
        if only is None
        else (
            ledger.accord,
            ledger.pledges,
            ledger.watchlists,
            ledger.counts,
            ledger.snapshots,
            [s for s in signatories if s.id in only],
        )
    )
    if unsafe_possible:
        problems += _unsafe_text(("accord",), ledger.accord, None)
        for index, pledge in enumerate(ledger.pledges):
            problems += _unsafe_text(("pledges", index), pledge, pledge.id)

    pledge_counts = Counter(p.id for p in ledger.pledges)
    for index, pledge in enumerate(ledger.pledges):
        path = ("pledges", index)
        if not SLUG.fullmatch(pledge.id):
            problems.append(
                Problem((*path, "id"), f"pledge id '{pledge.id}' is not a slug like 'no-offense'", pledge.id)
            )
        if pledge_counts[pledge.id] > 1:
            problems.append(Problem((*path, "id"), f"pledge id '{pledge.id}' is defined more than once", pledge.id))

    id_counts = Counter(s.id for s in signatories)
    names = [s.names for s in signatories]
    # The first entry to hold each name, by its key: a later one holding it too is a duplicate.
    keys = [list(map(name_key, own)) for own in names]
    first_holder: dict[str, int] = {}
    for index, own in enumerate(keys):
        for key in own:
            first_holder.setdefault(key, index)
    lookalike_of = _lookalike_pairs(names, keys)
    chosen, examined = (
        (set(), range(len(signatories))) if only is None else _related(signatories, keys, lookalike_of, only)
    )

    def owner_of(name: str) -> str | None:
        """The id of the first signatory holding `name`, if any."""
        holder = first_holder.get(name_key(name))
        return None if holder is None else signatories[holder].id

    def pair(index: int, name: str, other: int, other_name: str, lookalike: bool) -> Problem:
        """A name of entry `index` that another entry holds too, or that reads as one of its names: told on
        the later entry, `index`; but for a write (`only`) that changed the earlier one alone, told on that
        one, so that the refusal names what was written."""
        if other in chosen and index not in chosen:
            index, name, other, other_name = other, other_name, index, name
        s, holder = signatories[index], signatories[other]
        if lookalike:
            message = (
                f"'{name}' reads as '{other_name}', a name of {holder.name} (id {holder.id}): "
                f"{lookalike_reason(name, other_name)}"
            )
        else:
            message = f"'{name}' is also a name of {holder.name} (id {holder.id})"
        return Problem(
            ("signatories", index, _name_field(s, names[index].index(name))),
            message,
            s.name,
            forceable=lookalike,
            identity=("lookalike" if lookalike else "shared", name, other_name, holder.id),
        )

    # The names each entry shares with another, or that read as another's: worked out first, as one told on
    # an earlier entry comes before that entry's other problems.
    pairs: dict[int, list[Problem]] = {}
    for index in examined:
        s = signatories[index]
        for position, (name, key) in enumerate(zip(names[index], keys[index])):
            holder = first_holder[key]
            if holder != index:  # "HP" beside "HP Inc." on one entry is harmless
                held = names[holder][keys[holder].index(key)]
                found = pair(index, name, holder, held, lookalike=False)
            elif (looks := lookalike_of.get((index, position))) is not None:
                found = pair(index, name, *looks, lookalike=True)
            else:
                continue
            pairs.setdefault(int(found.path[1]), []).append(found)

    for index in examined:
        s = signatories[index]
        problems += [
            Problem(("signatories", index, key), message, s.name, forceable=forceable)
            for key, message, forceable in own_problems(ledger, s, today, names[index])
        ]
        if id_counts[s.id] > 1:
            problems.append(
                Problem(("signatories", index, "id"), f"id '{s.id}' is used by more than one signatory", s.name)
            )
        problems += pairs.get(index, [])
        for position, name in enumerate(names[index]):
            if reason := mixed_script_reason(name):
                problems.append(
                    Problem(
                        ("signatories", index, _name_field(s, position)),
                        f"'{name}' looks spoofed: {reason}",
                        s.name,
                        forceable=True,
                    )
                )
        if sector_name(s.sector) != s.sector:
            problems.append(
                Problem(
                    ("signatories", index, "sector"),
                    f"sector '{s.sector}' is not in lower case, as accord stores sectors (`accord fmt` folds it)",
                    s.name,
                    note=True,
                )
            )
        if (
            _NUMBERED_ID.fullmatch(s.id)
            and any(c.isalpha() for c in s.name)
            and not any(c.isascii() and c.isalpha() for c in s.name)
        ):
            problems.append(
                Problem(
                    ("signatories", index, "id"),
                    f"id '{s.id}' was numbered for a name without Latin letters; it stays, as ids never change",
                    s.name,
                    note=True,
                )
            )
        if unsafe_possible:
            problems += _unsafe_text(("signatories", index), s, s.name)
        if s.events:
            problems += [
                Problem(("signatories", index, "events", at), message, s.name)
                for at, message in history_problems(s, today, launched, owner_of)
            ]

    for name, members in ledger.watchlists.items():
        if not members:
            problems.append(Problem(("watchlists", name), f"watchlist '{name}' is empty", name))
        for text in (name, *members) if unsafe_possible else ():
            if found_char := unsafe_character(text):
                problems.append(Problem(("watchlists", name), f"'{escape_unsafe(text)}' contains {found_char}", name))
    problems += _count_problems(ledger, today, unsafe_possible)
    problems += _snapshot_problems(ledger, today, unsafe_possible)
    return problems


def own_problems(
    ledger: Ledger, s: Signatory, today: date, names: tuple[str, ...] | None = None
) -> list[tuple[str, str, bool]]:
    """What is wrong with one signatory whatever the others hold: its id, a blank name, unknown pledges, its
    country, its joining date (a name that looks spoofed may be a true one, for the write to weigh). Each as
    the key it is about, the message, and whether --force may write it all the same. `names`: its names, where
    the caller has them already."""
    found: list[tuple[str, str, bool]] = []
    if not SLUG.fullmatch(s.id):
        found.append(("id", f"id '{s.id}' is not a slug like 'trend-micro'", False))
    for position, name in enumerate(names or s.names):
        if not name.strip():
            found.append((_name_field(s, position), "a name or alias is blank", False))
    if s.pledges:
        found += [
            ("pledges", message, False) for pledge_id in s.pledges if (message := pledge_problem(ledger, pledge_id))
        ]
    if s.country is not None and (message := country_problem(s.country)):
        found.append(("country", message, False))
    joined, launched = s.joined, ledger.accord.launched
    if joined.earliest > today or (launched is not None and joined.last < launched):  # most are neither
        found += [
            ("joined", message, False)
            for message in _date_problems(f"joined {joined.isoformat()}", joined, today, launched)
        ]
    return found


def _name_field(s: Signatory, position: int) -> str:
    """The key of the ledger that holds name number `position` of `s` (see `Signatory.names`)."""
    return "name" if position == 0 else "aliases" if position <= len(s.aliases) else "events"


def _related(
    signatories: Sequence[Signatory],
    keys: list[list[str]],
    lookalike_of: dict[tuple[int, int], tuple[int, str]],
    only: Collection[str],
) -> tuple[set[int], list[int]]:
    """The positions of the signatories with these ids, and those of them and of every other one holding
    one of their names or reading as one (a problem of a pair is found on the later entry)."""
    chosen = {index for index, s in enumerate(signatories) if s.id in only}
    chosen_keys = {key for index in chosen for key in keys[index]}
    related = {index for index, own in enumerate(keys) if chosen_keys.intersection(own)}
    for (index, _), (other, _) in lookalike_of.items():
        if index in chosen or other in chosen:
            related |= {index, other}
    return chosen, sorted(chosen | related)


def _count_problems(ledger: Ledger, today: date, unsafe_possible: bool) -> list[Problem]:
    """Reported totals dated in the future or before the launch, and exact ones the ledger's members exceed."""
    problems = []
    launched = ledger.accord.launched
    for index, count in enumerate(ledger.counts):
        path, subject = ("counts", index), f"count of {count.date.isoformat()}"
        problems += [
            Problem((*path, "date"), message, subject)
            for message in _date_problems(f"count dated {count.date.isoformat()}", count.date, today, launched)
        ]
        if unsafe_possible:
            problems += _unsafe_text(path, count, subject)
    for index, fewest in overcounted(ledger):
        count = ledger.counts[index]
        problems.append(
            Problem(
                ("counts", index, "count"),
                f"the source counts exactly {count.count:,} {count.date.phrase}, but the "
                f"ledger names {fewest:,} certain members then",
                f"count of {count.date.isoformat()}",
                forceable=True,
            )
        )
    return problems


# What JSON writes for a control character: an escape (a false alarm on an escaped backslash is harmless).
_ESCAPED_CONTROL = re.compile(r"\\[bfnrtu]")


def _snapshot_problems(ledger: Ledger, today: date, unsafe_possible: bool) -> list[Problem]:
    """Synced snapshots dated in the future or before the launch, and a copy recorded twice (one date, one
    source: `accord sync` knows a copy again by them)."""
    problems = []
    seen: set[tuple[date, str | None]] = set()
    for index, snapshot in enumerate(ledger.snapshots):
        path, subject = ("snapshots", index), f"snapshot of {snapshot.date.isoformat()}"
        problems += [
            Problem((*path, "date"), message, subject)
            for message in _date_problems(
                f"snapshot dated {snapshot.date.isoformat()}", When.day(snapshot.date), today, ledger.accord.launched
            )
        ]
        if (snapshot.date, snapshot.source) in seen:
            problems.append(Problem(path, "a snapshot of the same date and source is recorded already", subject))
        seen.add((snapshot.date, snapshot.source))
        if unsafe_possible:
            problems += _unsafe_text(path, snapshot, subject)
    return problems


def _may_hold_unsafe_text(values: object) -> bool:
    """Whether any text of `values` (a ledger, or some of its parts) could hold a control, bidirectional or
    invisible character: one search over them written as JSON, in C, so that a clean ledger is not looked
    at field by field."""
    encoded = msgspec.json.encode(values, enc_hook=encode_for_json).decode()
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
                    found.append(
                        Problem(
                            (*path, key), f"{key} '{shortened(escape_unsafe(text))}' contains {found_char}", subject
                        )
                    )
    return found


def _lookalike_pairs(names_of: list[tuple[str, ...]], keys: list[list[str]]) -> dict[tuple[int, int], tuple[int, str]]:
    """For each name (by signatory and position among its names) that reads as a name of an earlier
    signatory without being the same name, that signatory and name. `names_of` and `keys` hold each
    signatory's names and their keys."""
    flat_keys = [key for own in keys for key in own]
    names = [name for own in names_of for name in own]
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


def history_problems(
    s: Signatory, today: date, launched: date | None, owner_of: Callable[[str], str | None]
) -> list[tuple[int, str]]:
    """Events out of order, before the join or in the future, leaves and rejoins that contradict
    the membership they follow, and renames onto another signatory's name: each with the index of
    its event. `owner_of` gives the id of the signatory a name belongs to, if any."""
    found: list[tuple[int, str]] = []
    member, previous = True, s.joined
    for index, event in enumerate(s.events):
        when = event.date.phrase
        if event.date.is_before(s.joined):
            found.append((index, f"{event.kind} {when} is before it joined ({s.joined.isoformat()})"))
        elif event.date.is_before(previous):
            found.append(
                (
                    index,
                    f"{event.kind} {when} comes after a change dated {previous.isoformat()}; "
                    "events must be in date order",
                )
            )
        found += [(index, message) for message in _date_problems(f"{event.kind} {when}", event.date, today, launched)]
        previous = max(previous, event.date, key=attrgetter("key"))
        if event.kind == "leave":
            if not member:
                found.append((index, f"leaves {when} but was not a member then"))
            member = False
        elif event.kind == "rejoin":
            if member:
                found.append((index, f"rejoins {when} but was already a member (overlapping memberships)"))
            member = True
        elif event.kind == "rename":
            other = owner_of(event.new_name or "")
            if other is not None and other != s.id:
                found.append((index, f"renamed {when} to '{event.new_name}', a name of another signatory (id {other})"))
            if name_key(event.old_name or "") == name_key(event.new_name or ""):
                found.append((index, f"renamed {when} from '{event.old_name}' to '{event.new_name}', the same name"))
    renames = [e for e in s.events if e.kind == "rename"]
    if renames and name_key(renames[-1].new_name or "") != name_key(s.name):
        found.append((len(s.events) - 1, f"the last rename is to '{renames[-1].new_name}' but the name is '{s.name}'"))
    return found


def refuse_new_problems(before: Ledger, after: Ledger, today: date, *, force: bool = False) -> list[Problem]:
    """Refuse a write that takes the ledger from `before` to `after` if it brings in a problem `before`
    did not have, with that problem's own words; with `force`, a forceable one is let through and returned,
    for the person to be told. Problems the ledger already had do not stop a write that leaves them be.

    Only the signatories the write replaced or added (and those holding their names) are looked at
    entry by entry, so that a write to a large ledger costs little more than the write itself.
    """
    kept = {id(s) for s in before.signatories}
    touched = {s.id for s in after.signatories if id(s) not in kept}
    had = Counter(problem_identity(p, before) for p in find_problems(before, today, only=touched))
    new = []
    for problem in find_problems(after, today, only=touched):
        if problem.note:
            continue
        if had[problem_identity(problem, after)]:
            had[problem_identity(problem, after)] -= 1
        else:
            new.append(problem)
    refused = [p for p in new if not (force and p.forceable)]
    if refused:
        raise refusal(refused[0], after)
    return new


def problem_identity(problem: Problem, ledger: Ledger) -> tuple[object, ...]:
    """What makes a problem the same one in two versions of a ledger: the entry it is about (a signatory by
    its id, whatever it is called now), the key, and what it says (see `Problem.identity`)."""
    path = problem.path
    if path[:1] == ("signatories",) and len(path) > 1 and isinstance(path[1], int):
        # Not where in the entry: an event's place shifts when one is recorded before it, and a name that
        # becomes a former name moves from `name` to the history.
        return ledger.signatories[path[1]].id, problem.identity or problem.message
    return problem.subject, path[:1], problem.identity or problem.message  # a total's place shifts as one is added


def refusal(problem: Problem, ledger: Ledger | None = None) -> AccordError:
    """The error a write meets for breaking a rule: the problem's words, after the entry they are about (with
    its id, where `ledger` holds it)."""
    where = problem.path[0] if problem.path else None
    subject = problem.subject
    if subject and ledger is not None and where == "signatories" and isinstance(problem.path[1], int):
        subject = f"{subject} (id {ledger.signatories[problem.path[1]].id})"
        if problem.path[2:3] == ("events",) and len(problem.path) > 3 and isinstance(problem.path[3], int):
            subject += f", event {problem.path[3] + 1}"
    message = f"{subject}: {problem.message}" if subject else problem.message
    if problem.forceable:
        kind: type[AccordError] = LookalikeName if where == "signatories" else InvalidValue
        return kind(f"{message}; if that is the record, pass --force to write it all the same")
    if where == "signatories" and "events" in problem.path:
        return HistoryConflict(message)
    if "pledges" in problem.path:
        return UnknownPledge(message)
    if "name" in problem.path or "aliases" in problem.path:
        return DuplicateName(message)
    return InvalidValue(message)
