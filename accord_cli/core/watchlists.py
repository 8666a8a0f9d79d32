"""Watchlists: who on a list of organisations has signed, and who has not."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from enum import Enum

from msgspec import Struct, structs

from accord_cli.core.errors import UnknownName, UnknownWatchlist, WatchlistSourceError
from accord_cli.core.lookalikes import lookalike_reason
from accord_cli.core.membership import Standing, members, original_name, standing
from accord_cli.core.model import Ledger, Signatory
from accord_cli.core.names import (
    NameIndex,
    NameMatcher,
    is_legal_form,
    name_key,
    shortened,
    suggest,
    too_long,
)
from accord_cli.core.values import clean_name


class Status(str, Enum):
    signed = "signed"
    missing = "missing"
    former = "former"
    possible_match = "possible_match"


class WatchResult(Struct, frozen=True):
    """One organisation on a watchlist, as it stood on a date."""

    name: str
    status: Status
    detail: str | None = None
    # The signatory the name matched (or nearly matched, for a possible match), as it stood then.
    standing: Standing | None = None
    # False when the status rests on a date too vague to be sure of: a signatory that possibly signed.
    certain: bool = True

    @property
    def has_signed(self) -> bool:
        """Whether it had certainly signed, and not left."""
        return self.status is Status.signed and self.certain


def _signed_as(listed: str, first: str, now: str) -> str:
    """Under which name a signatory signed, when the list calls it otherwise: " (as Facebook; now Meta)" for
    one renamed since, " (as Nokia)" for "Nokia Oyj"; nothing when the list says what it was and is called."""
    if first != now:
        return f" (as {first}; now {now})"
    return "" if now.casefold() == listed.casefold() else f" (as {now})"


def unique_names(names: Iterable[str]) -> list[str]:
    """`names` without blanks and without repeats of the same organisation, first spelling kept."""
    seen: set[str] = set()
    kept = []
    for name in names:
        name = name.strip()
        if name and name_key(name) not in seen:
            seen.add(name_key(name))
            kept.append(name)
    return kept


def check_watchlists(ledger: Ledger, on: date) -> dict[str, list[WatchResult]]:
    """Every watchlist of the ledger checked as `check_watch` checks one, its names matched once."""
    matcher = NameMatcher((s.names, s) for s in ledger.signatories)
    return {name: check_watch(ledger, names, on, matcher=matcher) for name, names in ledger.watchlists.items()}


def check_watch(
    ledger: Ledger,
    names: Sequence[str],
    on: date,
    also_known_as: Mapping[str, Sequence[str]] | None = None,
    *,
    matcher: NameMatcher[Signatory] | None = None,
) -> list[WatchResult]:
    """Each name on the list, matched through names and aliases, with its standing at the end of `on`.

    `also_known_as` gives other names of an organisation on the list (an accord used as a watchlist
    knows its members' aliases), tried when its name matches no one. A name that is not a signatory
    but looks like one is a possible match, never silently signed or missing. `matcher`: the ledger's
    names, where they are matched already.
    """
    if matcher is None:
        matcher = NameMatcher((s.names, s) for s in ledger.signatories)
    launched = ledger.accord.launched
    results = []
    for name in unique_names(names):
        s = matcher.lookup(name)
        for other in (also_known_as or {}).get(name, ()) if s is None else ():
            s = s or matcher.lookup(other)
        if s is None:
            looks = matcher.lookalikes(name)
            near = [] if looks else matcher.near(name)
            if looks:
                written, candidate = looks[0]
                results.append(
                    WatchResult(
                        name,
                        Status.possible_match,
                        f"reads as {written}: {lookalike_reason(name, written)}",
                        standing(candidate, on, launched),
                    )
                )
            elif near:
                best = near[0]
                results.append(
                    WatchResult(
                        name,
                        Status.possible_match,
                        f"possible match: {best.name} ({best.reason})",
                        standing(best.owner, on, launched),
                    )
                )
            else:
                results.append(WatchResult(name, Status.missing))
            continue
        st = standing(s, on, launched)
        if st.is_member:
            detail = f"signed {s.joined.isoformat()}" + _signed_as(name, original_name(s), st.name)
            results.append(WatchResult(name, Status.signed, detail, st))
        elif st.is_possible:
            detail = (
                f"possibly signed: joined {s.joined.isoformat()}"
                if not st.has_joined
                else f"possibly left: {s.last_change.isoformat()}"
            )
            results.append(WatchResult(name, Status.signed, detail, st, certain=False))
        elif st.left is not None:
            results.append(WatchResult(name, Status.former, f"left {st.left.isoformat()}", st))
        else:
            results.append(WatchResult(name, Status.missing, f"signed later, {s.joined.phrase}", st))
    return results


def member_names(ledger: Ledger, on: date) -> dict[str, tuple[str, ...]]:
    """The names of a ledger's members on a date, each with the other names it is known by: another
    accord used as a watchlist, whose members are found here under any of their names."""
    return {st.name: tuple(n for n in st.signatory.names if n != st.name) for st in members(ledger, on)}


# -- resolving --watchlist -------------------------------------------------------------------------


class Source(Struct, frozen=True):
    """What a --watchlist value refers to: a watchlist of the ledger, a file, or names given inline."""

    label: str
    watchlist: str | None = None
    path: str | None = None
    names: tuple[str, ...] = ()


def split_names(text: str, signatories: Sequence[Signatory] = ()) -> list[str]:
    """The names of a comma-separated list; a part that is only a legal form belongs to the name before it,
    so "Meta Platforms, Inc., Apple" is two names, unless it is a name of one of `signatories` (BT, which
    is a Hungarian legal form too)."""
    names: list[str] = []
    known: NameIndex[str] | None = None  # built only for a part that is a legal form
    for part in text.split(","):
        if names and names[-1].strip() and is_legal_form(part):
            if known is None:
                known = NameIndex.build((s.names, s.id) for s in signatories)
            if known.lookup(part) is None:
                names[-1] = f"{names[-1]},{part}"
                continue
        names.append(part)
    return names


def classify(
    value: str, watchlists: Mapping[str, Sequence[str]], is_file: bool, signatories: Sequence[Signatory] = ()
) -> Source:
    """Decide what `value` means: a watchlist name, else a file, else a comma-separated list (see
    `split_names`, which `signatories` serve).

    A value that is both a watchlist and a file is refused rather than guessed.
    """
    if value in watchlists:
        if is_file:
            raise WatchlistSourceError(
                f"'{value}' is both a watchlist in the ledger and a file; write ./{value} for the file"
            )
        return Source(value, watchlist=value)
    if is_file:
        return Source(value, path=value)
    if "," in value:
        names = tuple(unique_names(split_names(value, signatories)))
        if not names:
            raise WatchlistSourceError(f"'{value}' holds no names")
        return Source("the list given", names=names)
    close = suggest(value, watchlists)
    hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    known = ", ".join(watchlists) or "none"
    raise UnknownWatchlist(
        f"no watchlist or file called '{value}'{hint} (watchlists: {known}; "
        f'to check names directly, separate them with commas: "{value},Other")'
    )


def get_watchlist(ledger: Ledger, name: str) -> tuple[str, ...]:
    if name not in ledger.watchlists:
        close = suggest(name, ledger.watchlists)
        hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        raise UnknownWatchlist(
            f"no watchlist called '{name}'{hint} (watchlists: {', '.join(ledger.watchlists) or 'none'})"
        )
    return tuple(ledger.watchlists[name])


# -- editing watchlists ----------------------------------------------------------------------------


def _with_watchlists(ledger: Ledger, watchlists: dict[str, tuple[str, ...]]) -> Ledger:
    return structs.replace(ledger, watchlists=watchlists)


def add_to_watchlist(ledger: Ledger, name: str, organisations: Sequence[str]) -> tuple[Ledger, list[str]]:
    """The ledger with `organisations` appended to watchlist `name` (created if new), and those added.

    An organisation already on the list, under any spelling the matcher accepts or under another name of
    the same signatory (Meta beside Facebook), is not added twice.
    """
    name = clean_name(name, "the watchlist name")
    current = list(ledger.watchlists.get(name, ()))
    signatories = NameIndex.build((s.names, s.id) for s in ledger.signatories)

    def organisation_of(listed: str) -> tuple[str, str]:
        """The signatory a listed name belongs to, by its id, else the name's own key."""
        key = name_key(listed)
        return ("signatory", signatories[key]) if key in signatories else ("name", key)

    keys = {organisation_of(o) for o in current}
    added = []
    for organisation in organisations:
        organisation = clean_name(organisation, "an organisation name")
        if organisation_of(organisation) not in keys:
            keys.add(organisation_of(organisation))
            added.append(organisation)
    return _with_watchlists(ledger, {**ledger.watchlists, name: tuple(current + added)}), added


def remove_from_watchlist(ledger: Ledger, name: str, organisations: Sequence[str]) -> Ledger:
    """The ledger with `organisations` taken off watchlist `name`; each must be on it. A watchlist left
    empty is deleted: an empty one is a problem `accord check` reports."""
    current = list(get_watchlist(ledger, name))
    for organisation in organisations:
        keys = [name_key(o) for o in current]
        if name_key(organisation) not in keys:
            close = suggest(organisation, current)
            hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
            raise UnknownName(f"'{organisation}' is not on watchlist '{name}'{hint}")
        del current[keys.index(name_key(organisation))]
    if not current:
        return delete_watchlist(ledger, name)
    return _with_watchlists(ledger, {**ledger.watchlists, name: tuple(current)})


def delete_watchlist(ledger: Ledger, name: str) -> Ledger:
    get_watchlist(ledger, name)
    return _with_watchlists(ledger, {k: v for k, v in ledger.watchlists.items() if k != name})


def require_names(label: str, names: Sequence[str]) -> Sequence[str]:
    if not unique_names(names):
        raise WatchlistSourceError(f"{label} is empty: there is no one to check")
    for name in names:
        if reason := too_long(name):
            raise WatchlistSourceError(f"{label}: the name {shortened(name)!r} {reason}")
    return names
