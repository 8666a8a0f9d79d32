import unicodedata
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from msgspec import structs

from accord_cli.core import changes, pledges, queries, watchlists
from accord_cli.core.characters import INVISIBLE_RANGES
from accord_cli.core.counts import add_count
from accord_cli.core.dates import When, parse_when
from accord_cli.core.errors import DuplicateName, ImportFileError
from accord_cli.core.importing import apply_import, plan_import
from accord_cli.core.membership import members
from accord_cli.core.model import Accord, Extra, Ledger, Snapshot
from accord_cli.core.names import name_key
from accord_cli.render.as_json import dumps
from accord_cli.render.interop import export_document
from accord_cli.storage.input_files import InputFormat
from accord_cli.storage.input_files import read_rows as read_rows_on
from accord_cli.storage.ledger_file import load
from accord_cli.storage.location import Location
from tests.conftest import FOUNDERS, TODAY, add, day

SHIPPED_LEDGER = load(Location(FOUNDERS)).ledger

INVISIBLE = frozenset(chr(c) for first, last in INVISIBLE_RANGES for c in range(first, last + 1))


# The date an import gives rows that give none, and --mirror's leaves.
ON = When.day(TODAY)


def read_rows(text: str, fmt: InputFormat, label: str):
    return read_rows_on(text, fmt, label, ON)


def test_the_plan_sorts_rows_into_new_present_possible_and_leaving() -> None:
    found = read_rows(
        "Microsoft\nTrend-Micro\nApple\nCisco Systems\nhewlett packard enterprise\n", InputFormat.text, "in"
    )
    plan = plan_import(SHIPPED_LEDGER, found, ON, mirror=True)
    assert [r.name for r in plan.new] == ["Apple"]
    assert [(m.row.name, m.signatory.name) for m in plan.present] == [
        ("Microsoft", "Microsoft"),
        ("Trend-Micro", "Trend Micro"),
        ("hewlett packard enterprise", "HPE"),
    ]
    assert [(m.row.name, m.signatory.name) for m in plan.possible] == [("Cisco Systems", "Cisco")]
    assert len(plan.leaving) == 34 - 4 and "Cisco" not in {s.name for s in plan.leaving}


def test_applying_a_plan_is_idempotent() -> None:
    found = read_rows("Apple\nMicrosoft\n", InputFormat.text, "in")
    once = apply_import(SHIPPED_LEDGER, plan_import(SHIPPED_LEDGER, found, ON), ON, TODAY)
    again = plan_import(once, found, ON)
    assert not again.changes_anything and len(once.signatories) == 35


def test_mirror_marks_the_absent_as_left_on_the_date() -> None:
    found = read_rows("Microsoft\n", InputFormat.text, "in")
    updated = apply_import(
        SHIPPED_LEDGER,
        plan_import(SHIPPED_LEDGER, found, ON, mirror=True),
        ON,
        TODAY,
        reason="not on the official list",
    )
    assert [st.name for st in members(updated, TODAY)] == ["Microsoft"]
    assert [st.name for st in members(updated, date(2026, 11, 27))] == [s.name for s in SHIPPED_LEDGER.signatories]


def test_a_name_that_reads_as_a_members_is_no_sign_the_member_left() -> None:
    found = read_rows("\u041cicrosoft\nTrend Micro\n", InputFormat.text, "in")  # a Cyrillic М
    plan = plan_import(SHIPPED_LEDGER, found, ON, mirror=True)
    assert [c.row.name for c in plan.conflicts] == ["\u041cicrosoft"]
    assert "Microsoft" not in {s.name for s in plan.leaving} and "Cisco" in {s.name for s in plan.leaving}


def test_one_bad_row_fails_the_whole_import_naming_it() -> None:
    found = read_rows("name,joined\nAcme,2020-01-01\nFuture Corp,2099-01-01\n", InputFormat.csv, "in.csv")
    with pytest.raises(Exception, match=r"in.csv:3: joined 2099-01-01 is in the future \(today is 2026-11-28\)"):
        apply_import(SHIPPED_LEDGER, plan_import(SHIPPED_LEDGER, found, ON), ON, TODAY)


def test_a_row_naming_an_alias_of_another_new_row_is_refused() -> None:
    found = read_rows("name,aliases\nAlpha,Beta\nBeta Systems,\n", InputFormat.csv, "in.csv")
    plan = plan_import(SHIPPED_LEDGER, found, ON)
    assert len(plan.new) == 2
    with pytest.raises(ImportFileError, match="in.csv:3: 'Gamma' is already named at in.csv:2 \\('Gamma'\\)"):
        read_rows("name,aliases\nAlpha,Gamma\nGamma,\n", InputFormat.csv, "in.csv")


def test_a_json_export_imported_into_an_empty_ledger_reproduces_it() -> None:
    text = dumps(export_document(SHIPPED_LEDGER, TODAY))
    found = read_rows(text, InputFormat.json, "all.json")
    empty = Ledger(Accord("Cybersecurity Tech Accord"))
    rebuilt = apply_import(empty, plan_import(empty, found, ON), ON, TODAY)
    assert rebuilt.signatories == SHIPPED_LEDGER.signatories
    assert rebuilt.pledges == SHIPPED_LEDGER.pledges
    assert not plan_import(rebuilt, found, ON).changes_anything


# Letters and digits, not the invisible ones (Hangul fillers are letters), which names may not hold.
_names = st.text(
    alphabet=st.characters(whitelist_categories=("L", "N"), max_codepoint=0x2FFF).filter(lambda c: c not in INVISIBLE),
    min_size=1,
    max_size=15,
)


@pytest.mark.slow
@given(st.lists(_names, min_size=1, max_size=8, unique_by=name_key))
def test_any_unicode_names_survive_export_and_import(names: list[str]) -> None:
    found = read_rows("\n".join(names), InputFormat.text, "in")
    base = Ledger(Accord("A"))
    # Forced: random letters mix scripts and read as one another, which is not what this is about.
    ledger = apply_import(base, plan_import(base, found, ON, allow_lookalikes=True), ON, TODAY)
    again = read_rows(dumps(export_document(ledger, TODAY)), InputFormat.json, "x.json")
    rebuilt = apply_import(base, plan_import(base, again, ON, allow_lookalikes=True), ON, TODAY)
    stored = [" ".join(unicodedata.normalize("NFKC", r.name).split()) for r in found.rows]  # kept in NFKC
    assert [s.name for s in rebuilt.signatories] == [s.name for s in ledger.signatories] == stored


# -- round trips: an export imported into an empty ledger is the ledger ---------------------------

_names = st.text(
    alphabet=st.characters(whitelist_categories=("L", "N"), max_codepoint=0x2FFF).filter(lambda c: c not in INVISIBLE),
    min_size=1,
    max_size=12,
)


@st.composite
def ledgers(draw) -> Ledger:
    """Ledgers built the way accord builds them: pledges, signatories with histories, watchlists, unknown keys."""
    launched = date(2018, 4, 17)
    ledger = Ledger(
        Accord(draw(_names), launched, draw(st.none() | st.just("https://example.org"))),
        extra=draw(st.none() | st.just(Extra({"schema": 2}))),
    )
    for pledge_id in draw(st.lists(st.sampled_from(["defense", "no-offense", "capacity"]), unique=True)):
        ledger = pledges.add_pledge(ledger, pledge_id, pledge_id.title(), source=draw(st.none() | _names))
    for name in draw(st.lists(_names, max_size=6, unique_by=name_key)):
        joined = launched + timedelta(days=draw(st.integers(0, 2000)))
        try:
            ledger, s = add(
                ledger,
                name,
                joined=joined,
                sector=draw(st.none() | _names),
                pledges=draw(st.none() | st.just(list(ledger.pledge_ids[:1]))),
            )
        except DuplicateName:
            continue
        if draw(st.booleans()):
            ledger = ledger.with_replaced(structs.replace(s, extra=Extra({"ticker": name[:3]})))
        when = joined
        for _ in range(draw(st.integers(0, 3))):
            when += timedelta(days=draw(st.integers(0, 300)))
            s = next(x for x in ledger.signatories if x.id == s.id)
            ledger = (changes.rejoin if s.events and s.events[-1].kind == "leave" else changes.leave)(
                ledger, s, When.day(when), source=draw(st.none() | st.just("https://example.org/e"))
            )
    for name in draw(st.lists(st.sampled_from(["bigtech", "chase"]), unique=True)):
        ledger, _ = watchlists.add_to_watchlist(ledger, name, draw(st.lists(_names, min_size=1, max_size=3)))
    synced = draw(st.lists(st.integers(0, 2000), max_size=2, unique=True))
    ledger = structs.replace(
        ledger,
        snapshots=tuple(
            Snapshot(
                launched + timedelta(days=days),
                days,
                f"sha256:{days:x}",
                draw(st.none() | _names),
                partial=draw(st.booleans()),
            )
            for days in sorted(synced)
        ),
    )
    return ledger


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(ledgers())
def test_an_export_imported_into_an_empty_ledger_is_the_same_ledger(ledger: Ledger) -> None:
    found = read_rows(dumps(export_document(ledger, TODAY)), InputFormat.json, "all.json")
    empty = Ledger(Accord("New accord"))
    assert apply_import(empty, plan_import(empty, found, ON), ON, TODAY) == ledger


def test_the_records_of_list_json_can_be_imported(founders: Ledger) -> None:
    from accord_cli.core.membership import ever_joined
    from accord_cli.render.members import list_result

    left = changes.leave(founders, queries.resolve(founders, "RSA"), day(2020, 9, 1))
    everyone = ever_joined(left, TODAY)
    found = read_rows(
        dumps(list_result(left, everyone, len(everyone), True).json_document()), InputFormat.json, "list.json"
    )
    target = Ledger(left.accord, left.pledges)
    rebuilt = apply_import(target, plan_import(target, found, ON), ON, TODAY)
    assert [(s.id, s.name, s.joined, s.events) for s in rebuilt.signatories] == [
        (s.id, s.name, s.joined, s.events) for s in left.signatories
    ]


def test_an_export_brings_vague_dates_and_reported_totals_along(founders: Ledger) -> None:
    ledger, _ = add(founders, "Panda Security", joined=parse_when("2018-09"))
    ledger, _ = add_count(ledger, parse_when("2022-12"), 150, "at-least", source="https://a.org")
    found = read_rows(dumps(export_document(ledger, TODAY)), InputFormat.json, "all.json")
    empty = Ledger(Accord("New accord"))
    plan = plan_import(empty, found, ON)
    assert [c.describe() for c in plan.counts] == ["at least 150"]
    assert apply_import(empty, plan, ON, TODAY) == ledger
    assert not plan_import(ledger, found, ON).changes_anything
