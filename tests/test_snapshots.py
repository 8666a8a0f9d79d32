"""Syncing saved copies: every change between two copies dated by them, through import's one planner."""

from datetime import date

import pytest

from accord_cli.core.errors import SnapshotError
from accord_cli.core.importing import ImportFile, Row
from accord_cli.core.membership import members, original_name
from accord_cli.core.model import Accord, Ledger, Signatory
from accord_cli.core.snapshots import UNDATED, SnapshotFile, digest, sync
from tests.conftest import TODAY, written

EMPTY = Ledger(Accord("Open Harbour Accord", launched=date(2019, 1, 15)))
SOURCE = "https://harbour-accord.example/signatories/"


def copy(seen: date | None, *names: str, source: str | None = SOURCE) -> SnapshotFile:
    label = f"{seen}.html"
    rows = [Row(Signatory(id="", name=name, joined=UNDATED), f"{label}: name {i}") for i, name in enumerate(names, 1)]
    return SnapshotFile(label, ImportFile(rows), f"{len(rows)} <li> elements", seen, source)


FIRST = copy(date(2019, 4, 15), "Brightwater Labs", "Ferncastle Security", "Halvorsen Data", "Larkspur Networks")
SECOND = copy(date(2020, 2, 3), "Brightwater Labs", "Ferncastle Security", "Halvorsen Data", "Oakridge Software")
THIRD = copy(date(2021, 6, 30), "Brightwater Labs", "Ferncastle Security", "Halvorsen Digital", "Larkspur Networks")


def history(ledger: Ledger) -> list[tuple[str, str, str, str | None]]:
    """Every fact the ledger records, as (date, what, name, source)."""
    found = []
    for s in ledger.signatories:
        found.append((s.joined.isoformat(), "join", original_name(s), s.source))
        found += [(e.date.isoformat(), e.kind, e.new_name or original_name(s), e.source) for e in s.events]
    return sorted(found)


def synced(ledger: Ledger, *files: SnapshotFile, **options) -> Ledger:
    _, updated = sync(ledger, files, TODAY, **options)
    return written(ledger, updated)


def test_three_copies_give_each_change_between_the_two_that_bound_it() -> None:
    ledger = synced(EMPTY, THIRD, FIRST, SECOND, renames=[("Halvorsen Data", "Halvorsen Digital")])
    a, b, c = "2019-01-15/2019-04-15", "2019-04-15/2020-02-03", "2020-02-03/2021-06-30"
    assert history(ledger) == [
        (a, "join", "Brightwater Labs", SOURCE),
        (a, "join", "Ferncastle Security", SOURCE),
        (a, "join", "Halvorsen Data", SOURCE),
        (a, "join", "Larkspur Networks", SOURCE),
        (b, "join", "Oakridge Software", SOURCE),
        (b, "leave", "Larkspur Networks", SOURCE),
        (c, "leave", "Oakridge Software", SOURCE),
        (c, "rejoin", "Larkspur Networks", SOURCE),
        (c, "rename", "Halvorsen Digital", SOURCE),
    ]
    assert [
        (s.date.isoformat(), s.count, s.digest == digest(f.names))
        for s, f in zip(ledger.snapshots, (FIRST, SECOND, THIRD))
    ] == [("2019-04-15", 4, True), ("2020-02-03", 4, True), ("2021-06-30", 4, True)]
    assert [(c.date.isoformat(), c.count, c.qualifier, c.source) for c in ledger.counts] == [
        ("2019-04-15", 4, "exact", SOURCE),
        ("2020-02-03", 4, "exact", SOURCE),
        ("2021-06-30", 4, "exact", SOURCE),
    ]


def test_syncing_the_same_copies_again_changes_nothing() -> None:
    once = synced(EMPTY, FIRST, SECOND, THIRD, renames=[("Halvorsen Data", "Halvorsen Digital")])
    plans, again = sync(once, [FIRST, SECOND, THIRD], TODAY, renames=[("Halvorsen Data", "Halvorsen Digital")])
    assert again == once and all(plan.already_synced for plan in plans)


def test_a_copy_older_than_the_last_synced_is_refused_naming_both_dates() -> None:
    ledger = synced(EMPTY, SECOND)
    with pytest.raises(
        SnapshotError,
        match=r"2019-04-15.html: seen on 2019-04-15, before the last snapshot "
        r"synced, of 2020-02-03; sync snapshots oldest first",
    ):
        sync(ledger, [FIRST], TODAY)


def test_a_copy_naming_fewer_than_half_the_members_is_refused_unless_partial() -> None:
    ledger = synced(EMPTY, FIRST)
    half_empty = copy(date(2020, 2, 3), "Brightwater Labs")
    with pytest.raises(SnapshotError, match="names 1 of the 4 members the ledger has on 2020-02-03, fewer than half"):
        sync(ledger, [half_empty], TODAY)
    other_list = copy(date(2020, 2, 3), "Alpha Nine", "Beta Nine", "Gamma Nine", "Delta Nine", "Epsilon Nine")
    with pytest.raises(SnapshotError, match="names 0 of the 4 members"):  # many names, none of them members
        sync(ledger, [other_list], TODAY)
    partial = synced(ledger, copy(date(2020, 2, 3), "Brightwater Labs", "Quillon Systems"), partial=True)
    assert [s.name for s in partial.signatories if s.events] == []
    assert (partial.snapshots[-1].partial, partial.counts[-1].qualifier) == (True, "at-least")
    # The next whole copy dates its changes from the last whole one: the partial one bounds nothing.
    after = synced(partial, copy(date(2021, 6, 30), "Brightwater Labs", "Quillon Systems", "Ferncastle Security"))
    assert {(s.name, e.date.isoformat()) for s in after.signatories for e in s.events} == {
        ("Halvorsen Data", "2019-04-15/2021-06-30"),
        ("Larkspur Networks", "2019-04-15/2021-06-30"),
    }


def test_a_name_near_a_member_gone_is_a_possible_rename_and_nothing_is_recorded_of_either() -> None:
    ledger = synced(EMPTY, FIRST)
    (plan,), updated = sync(
        ledger,
        [copy(date(2020, 2, 3), "Brightwater Labs", "Ferncastle Security", "Halvorsen Digital", "Larkspur Networks")],
        TODAY,
    )
    assert [(m.row.name, m.signatory.name, m.reason) for m in plan.possible_renames] == [
        ("Halvorsen Digital", "Halvorsen Data", "spelling")
    ]
    assert (plan.imported.new, plan.imported.leaving, plan.imported.possible) == ([], [], [])
    assert [s.name for s in members(updated, TODAY)] == [
        "Brightwater Labs",
        "Ferncastle Security",
        "Halvorsen Data",
        "Larkspur Networks",
    ]


def test_a_rename_no_copy_shows_is_refused() -> None:
    with pytest.raises(SnapshotError, match="--rename 'Acme=Acme Two': 'Acme' is no name in the ledger"):
        sync(EMPTY, [FIRST], TODAY, renames=[("Acme", "Acme Two")])
    ledger = synced(EMPTY, FIRST)
    with pytest.raises(SnapshotError, match="no snapshot names 'Halvorsen Digital' without 'Halvorsen Data'"):
        sync(ledger, [SECOND], TODAY, renames=[("Halvorsen Data", "Halvorsen Digital")])


def test_a_copy_without_a_date_or_a_source_or_from_the_future_is_refused() -> None:
    with pytest.raises(SnapshotError, match=r"None.html: no date: .* pass --seen DATE"):
        sync(EMPTY, [copy(None, "A", "B", "C")], TODAY)
    with pytest.raises(SnapshotError, match="no source: .* pass --source URL"):
        sync(EMPTY, [copy(date(2020, 1, 1), "A", "B", "C", source=None)], TODAY)
    with pytest.raises(SnapshotError, match="after today"):
        sync(EMPTY, [copy(date(2030, 1, 1), "A", "B", "C")], TODAY)


def test_without_a_launch_date_the_first_copy_sets_no_earliest_day() -> None:
    ledger = synced(Ledger(Accord("Undated accord")), FIRST)
    assert {s.joined.isoformat() for s in ledger.signatories} == {"../2019-04-15"}


def test_a_second_copy_the_same_day_dates_its_changes_that_day() -> None:
    ledger = synced(EMPTY, FIRST)
    same_day = copy(date(2019, 4, 15), "Brightwater Labs", "Ferncastle Security", "Halvorsen Data", "Quillon Systems")
    _, updated = sync(ledger, [same_day], TODAY)
    assert history(updated)[-2:] == [
        ("2019-04-15", "join", "Quillon Systems", SOURCE),
        ("2019-04-15", "leave", "Larkspur Networks", SOURCE),
    ]
