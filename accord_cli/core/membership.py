"""One signatory over time: its changes in order, how it stood on a date, its names and memberships.

Every answer is derived from `joined` and the events, read in order. A leave
only counts when the organisation was a member and a rejoin only when it was
not, so every view agrees with `standing` even on a history that `accord check`
would flag.

A date may be less precise than a day (see `When`). A signatory is certainly a
member on a day when every placing of its dates within their bounds makes it
one, and possibly a member when some placing does. No date's bounds reach
before the accord's launch (`When.since`): no one is a member, even possibly,
before it. Every view asks `standing` (or `members`, `ever_joined`, which ask
it) and decides nothing of its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from itertools import accumulate

from msgspec import Struct

from accord_cli.core.dates import When
from accord_cli.core.model import Ledger, Signatory


class Change(Struct, frozen=True):
    """One entry of a signatory's history, its joining included, with the name it had then.

    `number` is the event's place in the signatory's history, from 1; the joining is 0.
    """

    date: When
    kind: str  # join, leave, rejoin, rename
    signatory: Signatory
    name: str
    number: int = 0
    reason: str | None = None
    old_name: str | None = None
    new_name: str | None = None
    source: str | None = None
    note: str | None = None
    # Whether the change moved the organisation in or out; False for a rename,
    # and for a leave or rejoin that contradicts the state it was in.
    effective: bool = True


def original_name(s: Signatory) -> str:
    first_rename = next((e for e in s.events if e.kind == "rename"), None)
    return first_rename.old_name or s.name if first_rename else s.name


def history(s: Signatory, launched: date | None = None) -> Iterator[Change]:
    """The signatory's changes in order, starting with its joining, each dated where the history places it
    in an accord launched on `launched` (see `placed_dates`)."""
    dates = placed_dates(s, launched)
    name = original_name(s)
    member = True
    yield Change(dates[0], "join", s, name, source=s.source)
    for number, e in enumerate(s.events, start=1):
        if e.kind == "rename":
            old, name = name, e.new_name or name
            yield Change(
                dates[number],
                "rename",
                s,
                name,
                number,
                old_name=e.old_name or old,
                new_name=name,
                source=e.source,
                note=e.note,
                effective=False,
            )
        else:
            wanted = e.kind == "rejoin"
            yield Change(
                dates[number],
                e.kind,
                s,
                name,
                number,
                reason=e.reason,
                source=e.source,
                note=e.note,
                effective=member is not wanted,
            )
            member = wanted


def placed_dates(s: Signatory, launched: date | None) -> list[When]:
    """The dates of the joining and each event as the history places them: none before the launch (see
    `When.since`), none before a change recorded ahead of it nor after one recorded behind it. So that
    "joined in 2018, left on 2018-06-01" is a join certain by 2018-06-01, and every view orders one
    signatory's changes as recorded. Where the dates allow no such order (a history `accord check`
    reports), each keeps its own bounds."""
    dates = [s.joined.since(launched), *(e.date.since(launched) for e in s.events)]
    if len(dates) == 1 or all(d.is_exact for d in dates):  # most histories: nothing for a neighbour to narrow
        return dates
    firsts = list(accumulate((d.earliest for d in dates), max))
    lasts = list(accumulate((d.last for d in reversed(dates)), min))[::-1]
    if any(first > last for first, last in zip(firsts, lasts)):
        return dates
    return [d.narrowed(None if first == date.min else first, last) for d, first, last in zip(dates, firsts, lasts)]


class Standing(Struct, frozen=True):
    """A signatory as it stood at the end of one day."""

    signatory: Signatory
    name: str
    is_member: bool  # certainly a member
    left: When | None  # when it last left, if it certainly is not a member
    has_joined: bool  # certainly joined by then
    joined: When  # its joining, where the history places it (see `placed_dates`): what views order by
    is_possible: bool = False  # possibly a member, not certainly: a date of its history is too vague to say

    @property
    def could_be_member(self) -> bool:
        return self.is_member or self.is_possible


def standing(s: Signatory, on: date, launched: date | None) -> Standing:
    """The one answer to how `s` stood at the end of `on` in an accord launched on `launched`: certainly a
    member, possibly one, or certainly not."""
    if not s.events:  # most signatories: joined and still in, nothing to replay
        joining = s.joined.since(launched)
        if joining.last <= on:
            return Standing(s, s.name, True, None, True, joining)
        return Standing(s, s.name, False, None, False, joining, joining.is_possible_by(on))
    # However the dates fall within their bounds, in order, between `certain` and `possible` of the moves
    # (the joining, then leaves and rejoins alternating) have happened by `on`; an odd number leaves the
    # organisation a member. A move happened by the day any later one did, so the moves up to the last
    # one certainly made by `on` were all made; those before the first that cannot have been may have.
    name, settled = original_name(s), True
    moves: list[When] = []
    certain = possible = 0
    blocked = False
    changes = list(history(s, launched))
    joining = changes[0].date
    for change in changes:
        when = change.date
        if change.effective:
            moves.append(when)
            if when.last <= on:
                certain = len(moves)
            if not blocked:
                blocked = when.first is not None and when.first > on
                possible = possible if blocked else len(moves)
        settled = settled and when.last <= on
        if settled and change.kind == "rename":
            name = change.name
    possible = max(possible, certain)  # dates that no order can place: what is certain stands
    is_member = certain == possible and certain % 2 == 1
    is_possible = not is_member and (certain % 2 == 1 or possible > certain)
    left = moves[certain - 1] if certain == possible and certain and not is_member else None
    return Standing(s, name, is_member, left, joining.last <= on, joining, is_possible)


def standings(ledger: Ledger, on: date) -> list[Standing]:
    """Every signatory of the ledger as it stood at the end of `on`, in file order."""
    launched = ledger.accord.launched
    return [standing(s, on, launched) for s in ledger.signatories]


def members(ledger: Ledger, on: date, *, possible: bool = False) -> list[Standing]:
    """Every signatory that was certainly a member at the end of `on`; with `possible`, also every one that
    possibly was."""
    return [st for st in standings(ledger, on) if st.is_member or (possible and st.is_possible)]


def ever_joined(ledger: Ledger, on: date) -> list[Standing]:
    """Members and former members as of `on`: everyone who had (or may have) joined by then."""
    return [st for st in standings(ledger, on) if st.has_joined or st.could_be_member]


def names_over_time(s: Signatory) -> list[tuple[str, When, When | None]]:
    """Each name the signatory has had, from when, until when (None: still its name)."""
    spans: list[tuple[str, When, When | None]] = []
    name, since = original_name(s), s.joined
    for change in history(s):
        if change.kind == "rename":
            spans.append((name, since, change.date))
            name, since = change.name, change.date
    spans.append((name, since, None))
    return spans


def memberships(s: Signatory) -> list[tuple[When, When | None, str | None]]:
    """Each stretch of membership: joined or rejoined, left (None: still a member), and why it left."""
    spans: list[tuple[When, When | None, str | None]] = []
    start: When | None = None
    for change in history(s):
        if not change.effective:
            continue
        if change.kind in ("join", "rejoin"):
            start = change.date
        elif change.kind == "leave" and start is not None:
            spans.append((start, change.date, change.reason))
            start = None
    if start is not None:
        spans.append((start, None, None))
    return spans
