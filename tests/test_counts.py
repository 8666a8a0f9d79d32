from datetime import date

import pytest

from accord_cli.core.check import find_problems
from accord_cli.core.counts import add_count, coverage, overcounted
from accord_cli.core.dates import parse_when
from accord_cli.core.errors import InvalidValue
from accord_cli.core.model import Accord, Count, Ledger
from tests.conftest import TODAY
from tests.test_timeline import VAGUE


def _with(*counts: Count) -> Ledger:
    return Ledger(VAGUE.accord, signatories=VAGUE.signatories, counts=counts)


def test_coverage_sets_each_total_beside_the_members_named_then_in_date_order() -> None:
    ledger = _with(Count(parse_when("2022-12"), 150, "at-least"), Count(parse_when("2018-09-11"), 44, "exact"))
    found = [(c.count.count, c.named, c.possibly, round(c.share or 0, 3)) for c in coverage(ledger)]
    assert found == [(44, 2, 2, 0.045), (150, 4, 0, 0.027)]
    assert coverage(_with(Count(parse_when("2019"), 0, "about")))[0].share is None


def test_an_exact_total_the_certain_members_exceed_is_a_contradiction() -> None:
    ledger = _with(Count(parse_when("2018-09-30"), 2, "exact"), Count(parse_when("2018-09-30"), 2, "at-least"),
                   Count(parse_when("2018-09-30"), 3, "exact"))
    assert overcounted(ledger) == [(0, 3)]
    (problem,) = [p for p in find_problems(ledger, TODAY) if p.path[0] == "counts"]
    assert problem.path == ("counts", 0, "count")
    assert problem.message == ("the source counts exactly 2 on 2018-09-30, but the ledger names 3 certain members "
                               "then")


def test_a_total_dated_vaguely_is_a_contradiction_only_if_every_day_it_allows_is_one() -> None:
    # In September 2018 the certain members went from 2 to 3: a count of 2 fits the first days.
    assert overcounted(_with(Count(parse_when("2018-09"), 2, "exact"))) == []
    assert overcounted(_with(Count(parse_when("2018-09"), 1, "exact"))) == [(0, 2)]
    assert overcounted(_with(Count(parse_when("../2018-09-30"), 0, "exact"))) == []  # no earliest day: any


def test_counts_dated_in_the_future_or_before_the_launch_are_problems() -> None:
    ledger = _with(Count(parse_when("2030"), 200, "about"), Count(parse_when("2017"), 1, "at-least"))
    messages = [p.message for p in find_problems(ledger, TODAY) if p.path[0] == "counts"]
    assert messages == ["count dated 2030 is in the future",
                        "count dated 2017 is before the accord launched (2018-04-17)"]


def test_add_count_keeps_them_in_date_order_and_refuses_what_cannot_be() -> None:
    ledger, recorded = add_count(VAGUE, parse_when("2021-05-05"), 150, "at-least", TODAY, source=" https://a ")
    ledger, _ = add_count(ledger, parse_when("2018-09-11"), 44, "exact", TODAY, source="https://b", note="")
    assert [c.date.isoformat() for c in ledger.counts] == ["2018-09-11", "2021-05-05"]
    assert (recorded.source, ledger.counts[0].note) == ("https://a", None)
    for args, message in [((parse_when("2027"), 5, "exact"), "in the future"),
                          ((parse_when("2017"), 5, "exact"), "before the accord launched"),
                          ((parse_when("2019"), -1, "exact"), "cannot be negative"),
                          ((parse_when("2019"), 5, "roughly"), "unknown qualifier 'roughly'"),
                          ((parse_when("2021-05-05"), 150, "at-least"), "already records at least 150")]:
        with pytest.raises(InvalidValue, match=message):
            add_count(ledger, *args, date(2026, 11, 28), source="https://c")


def test_a_total_reads_as_the_source_puts_it() -> None:
    assert [Count(parse_when("2019"), 1500, q).describe() for q in ("exact", "at-least", "about")] == [
        "1,500", "at least 1,500", "about 1,500"]
    assert Ledger(Accord("A")).counts == ()
