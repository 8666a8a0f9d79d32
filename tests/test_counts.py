import pytest

from accord_cli.core.counts import (
    add_count,
    coverage,
    edit_count,
    numbered,
    overcounted,
    remove_count,
)
from accord_cli.core.dates import parse_when
from accord_cli.core.errors import InvalidValue
from accord_cli.core.model import Accord, Count, Ledger
from accord_cli.core.rules import find_problems, refuse_new_problems
from tests.conftest import TODAY, written
from tests.test_timeline import VAGUE


def _with(*counts: Count) -> Ledger:
    return Ledger(VAGUE.accord, signatories=VAGUE.signatories, counts=counts)


def test_coverage_sets_each_total_beside_the_members_named_then_in_date_order() -> None:
    ledger = _with(Count(parse_when("2022-12"), 150, "at-least"), Count(parse_when("2018-09-11"), 44, "exact"))
    found = [(c.count.count, c.named, c.possibly, round(c.share or 0, 3)) for c in coverage(ledger)]
    assert found == [(44, 2, 2, 0.045), (150, 4, 0, 0.027)]
    assert coverage(_with(Count(parse_when("2019"), 0, "about")))[0].share is None


def test_an_exact_total_the_certain_members_exceed_is_a_contradiction() -> None:
    ledger = _with(
        Count(parse_when("2018-09-30"), 2, "exact"),
        Count(parse_when("2018-09-30"), 2, "at-least"),
        Count(parse_when("2018-09-30"), 3, "exact"),
    )
    assert overcounted(ledger) == [(0, 3)]
    (problem,) = [p for p in find_problems(ledger, TODAY) if p.path[0] == "counts"]
    assert problem.path == ("counts", 0, "count")
    assert problem.message == ("the source counts exactly 2 on 2018-09-30, but the ledger names 3 certain members then")


def test_a_total_dated_vaguely_is_a_contradiction_only_if_every_day_it_allows_is_one() -> None:
    # In September 2018 the certain members went from 2 to 3: a count of 2 fits the first days.
    assert overcounted(_with(Count(parse_when("2018-09"), 2, "exact"))) == []
    assert overcounted(_with(Count(parse_when("2018-09"), 1, "exact"))) == [(0, 2)]
    # "On or before" counts from the launch, when one member was already certain.
    assert overcounted(_with(Count(parse_when("../2018-09-30"), 0, "exact"))) == [(0, 1)]
    assert overcounted(_with(Count(parse_when("../2018-09-30"), 1, "exact"))) == []


def test_counts_dated_in_the_future_or_before_the_launch_are_problems() -> None:
    ledger = _with(Count(parse_when("2030"), 200, "about"), Count(parse_when("2017"), 1, "at-least"))
    messages = [p.message for p in find_problems(ledger, TODAY) if p.path[0] == "counts"]
    assert messages == [
        "count dated 2030 is in the future (today is 2026-11-28)",
        "count dated 2017 is before the accord launched (2018-04-17)",
    ]


def test_add_count_keeps_them_in_date_order_and_refuses_what_cannot_be() -> None:
    ledger, recorded = add_count(VAGUE, parse_when("2021-05-05"), 150, "at-least", source=" https://a ")
    ledger, _ = add_count(ledger, parse_when("2018-09-11"), 44, "exact", source="https://b", note="")
    assert [c.date.isoformat() for c in ledger.counts] == ["2018-09-11", "2021-05-05"]
    assert (recorded.source, ledger.counts[0].note) == ("https://a", None)
    for args, message in [
        ((parse_when("2019"), -1, "exact"), "a count is a whole number from 0 to 1,000,000,000"),
        ((parse_when("2019"), 10**9 + 1, "exact"), "not 1,000,000,001"),
        ((parse_when("2019"), 5, "roughly"), "unknown qualifier 'roughly'"),
        ((parse_when("2021-05-05"), 150, "at-least"), "already records at least 150"),
    ]:
        with pytest.raises(InvalidValue, match=message):
            add_count(ledger, *args, source="https://c")


@pytest.mark.parametrize(
    ("on", "count", "message"),
    [
        ("2027", 5, "count of 2027: count dated 2027 is in the future"),
        ("2017", 5, "count of 2017: count dated 2017 is before the accord launched"),
        (
            "2019",
            1,
            "the source counts exactly 1 in 2019, but the ledger names 3 certain members then; if that is the "
            "record, pass --force",
        ),
    ],
)
def test_a_total_the_rules_refuse_is_not_recorded(on: str, count: int, message: str) -> None:
    ledger, _ = add_count(VAGUE, parse_when(on), count, "exact", source="https://c")
    with pytest.raises(InvalidValue, match=message):
        written(VAGUE, ledger)


def test_a_total_the_names_contradict_is_recorded_when_forced_and_check_reports_it() -> None:
    ledger, _ = add_count(VAGUE, parse_when("2019"), 1, "exact", source="https://c")
    (forced,) = refuse_new_problems(VAGUE, ledger, TODAY, force=True)
    assert forced.forceable and forced in find_problems(ledger, TODAY)


def test_totals_are_numbered_as_listed_and_can_be_corrected_or_removed() -> None:
    ledger = _with(
        Count(parse_when("2022-12"), 150, "at-least", "https://a"),
        Count(parse_when("2018-09-11"), 44, "exact", "https://b", "n"),
    )
    assert numbered(ledger, 1).count == 44 and numbered(ledger, 2).count == 150
    edited, before, after = edit_count(ledger, 1, {"count": 45, "note": "", "date": parse_when("2018-09-12")})
    assert (before.count, after.count, after.note, after.source, after.date.isoformat()) == (
        44,
        45,
        None,
        "https://b",
        "2018-09-12",
    )
    assert [c.count for c in edited.counts] == [45, 150]
    edited, _, moved = edit_count(ledger, 1, {"date": parse_when("2023")})
    assert [c.count for c in edited.counts] == [150, 44] and numbered(edited, 2) is moved  # kept in date order
    removed, gone = remove_count(ledger, 2)
    assert gone.count == 150 and [c.count for c in removed.counts] == [44]
    with pytest.raises(InvalidValue, match="no reported total 3 \\(the ledger has totals 1 to 2"):
        remove_count(ledger, 3)
    with pytest.raises(InvalidValue, match="already records at least 150 on 2022-12"):
        edit_count(ledger, 1, {"count": 150, "qualifier": "at-least", "date": parse_when("2022-12")})


def test_a_total_reads_as_the_source_puts_it() -> None:
    assert [Count(parse_when("2019"), 1500, q).describe() for q in ("exact", "at-least", "about")] == [
        "1,500",
        "at least 1,500",
        "about 1,500",
    ]
    assert Ledger(Accord("A")).counts == ()
