from datetime import date

import pytest

from accord_cli.core import changes, queries, watchlists
from accord_cli.core.errors import UnknownName, UnknownWatchlist, WatchlistSourceError
from accord_cli.core.model import Ledger
from accord_cli.core.watchlists import Status
from tests.conftest import TODAY, add, day


def statuses(results) -> list[tuple[str, str, str | None]]:
    return [(r.name, r.status.value, r.detail) for r in results]


def test_bigtech_on_the_shipped_ledger(founders: Ledger) -> None:
    results = watchlists.check_watch(founders, founders.watchlists["bigtech"], TODAY)
    assert [r.name for r in results if not r.has_signed] == ["Apple", "Amazon", "Google", "Twitter"]
    assert [r.name for r in results if r.has_signed] == ["Microsoft", "Facebook"]


def test_names_match_the_way_people_write_them(founders: Ledger) -> None:
    results = watchlists.check_watch(
        founders, ["HP", "Telefónica S.A.", "Meta", "Juniper", "Gogle", "Arm Ltd", "Alarm.com", "hp"], TODAY
    )
    assert statuses(results) == [
        ("HP", "signed", "signed 2018-04-17 (as HP Inc.)"),
        ("Telefónica S.A.", "signed", "signed 2018-04-17 (as Telefonica)"),
        ("Meta", "signed", "signed 2018-04-17 (as Facebook)"),
        ("Juniper", "possible_match", "possible match: Juniper Networks (leading words)"),
        ("Gogle", "missing", None),
        ("Arm Ltd", "signed", "signed 2018-04-17 (as Arm)"),
        ("Alarm.com", "missing", None),
    ]  # the repeated "hp" is the same organisation, listed once


def test_former_members_and_later_signatories(founders: Ledger) -> None:
    ledger = changes.leave(founders, queries.resolve(founders, "Symantec"), day(2020, 1, 31))
    ledger, _ = add(ledger, "Google", joined=day(2026, 1, 15))
    assert statuses(watchlists.check_watch(ledger, ["Symantec", "Google"], date(2025, 12, 31))) == [
        ("Symantec", "former", "left 2020-01-31"),
        ("Google", "missing", "signed later, on 2026-01-15"),
    ]
    assert [r.status for r in watchlists.check_watch(ledger, ["Google"], TODAY)] == [Status.signed]


@pytest.mark.parametrize(
    ("value", "is_file", "expected"),
    [
        ("bigtech", False, watchlists.Source("bigtech", watchlist="bigtech")),
        ("names.txt", True, watchlists.Source("names.txt", path="names.txt")),
        ("Apple, Samsung,", False, watchlists.Source("the list given", names=("Apple", "Samsung"))),
    ],
)
def test_classify_sources(value: str, is_file: bool, expected) -> None:
    assert watchlists.classify(value, {"bigtech": ("Apple",)}, is_file) == expected


def test_classify_refuses_to_guess() -> None:
    with pytest.raises(WatchlistSourceError, match="both a watchlist in the ledger and a file"):
        watchlists.classify("bigtech", {"bigtech": ("Apple",)}, True)
    with pytest.raises(UnknownWatchlist, match="did you mean 'bigtech'"):
        watchlists.classify("bigtec", {"bigtech": ("Apple",)}, False)
    with pytest.raises(WatchlistSourceError, match="holds no names"):
        watchlists.classify(" , ", {}, False)


def test_editing_watchlists(founders: Ledger) -> None:
    ledger, added = watchlists.add_to_watchlist(founders, "bigtech", ["Samsung", "apple", "Intel"])
    assert added == ["Samsung", "Intel"]
    assert ledger.watchlists["bigtech"][-2:] == ("Samsung", "Intel")
    ledger = watchlists.remove_from_watchlist(ledger, "bigtech", ["APPLE"])
    assert "Apple" not in ledger.watchlists["bigtech"]
    with pytest.raises(UnknownName, match="'Aple' is not on watchlist 'bigtech'"):
        watchlists.remove_from_watchlist(ledger, "bigtech", ["Aple"])
    ledger, _ = watchlists.add_to_watchlist(ledger, "new", ["X"])
    assert list(watchlists.delete_watchlist(ledger, "new").watchlists) == ["bigtech"]
    with pytest.raises(UnknownWatchlist):
        watchlists.delete_watchlist(ledger, "nope")
