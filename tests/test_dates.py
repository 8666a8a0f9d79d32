from datetime import date
from operator import attrgetter

import pytest

from accord_cli.core.dates import (
    Granularity,
    When,
    parse_date,
    parse_when,
    period_end,
    period_of,
    period_start,
)


def test_parses_iso_dates() -> None:
    assert parse_date("2018-04-17") == date(2018, 4, 17)
    assert parse_date(" 2018-04-17 ") == date(2018, 4, 17)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2018-4-17", "expected YYYY-MM-DD"),
        ("17/04/2018", "expected YYYY-MM-DD"),
        ("yesterday", "expected YYYY-MM-DD"),
        ("2018-02-30", "not a real calendar date"),
        ("2018-13-01", "not a real calendar date"),
    ],
)
def test_rejects_with_a_reason(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_date(text)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2019", date(2019, 1, 1), date(2019, 12, 31)),
        ("2019-Q2", date(2019, 4, 1), date(2019, 6, 30)),
        ("2019-q1", date(2019, 1, 1), date(2019, 3, 31)),
        ("2020-02", date(2020, 2, 1), date(2020, 2, 29)),
        ("2019-06-15", date(2019, 6, 15), date(2019, 6, 15)),
    ],
)
def test_periods_have_a_first_and_last_day(text: str, start: date, end: date) -> None:
    assert (period_start(text), period_end(text)) == (start, end)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2019-Q5", "not a date or period"),
        ("2019-13", "not a real month"),
        ("2017-02-29", "not a real calendar date"),
        ("soon", "not a date or period"),
    ],
)
def test_bad_periods_say_why(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        period_end(text)


def test_period_labels() -> None:
    day = date(2019, 8, 3)
    assert [period_of(day, g) for g in Granularity] == ["2019", "2019-Q3", "2019-08"]


# -- dates as precise as their source (EDTF level 0 and the interval part of level 1) ---------------


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("2018-04-17", date(2018, 4, 17), date(2018, 4, 17)),
        ("2018-09", date(2018, 9, 1), date(2018, 9, 30)),
        ("2020-02", date(2020, 2, 1), date(2020, 2, 29)),
        ("2018", date(2018, 1, 1), date(2018, 12, 31)),
        ("2018-04-18/2018-04-30", date(2018, 4, 18), date(2018, 4, 30)),
        ("2018/2019-02", date(2018, 1, 1), date(2019, 2, 28)),
        ("2018-09/2018-10-15", date(2018, 9, 1), date(2018, 10, 15)),
        ("../2021-05-05", None, date(2021, 5, 5)),
        ("../2021", None, date(2021, 12, 31)),
        (" 2018-09 ", date(2018, 9, 1), date(2018, 9, 30)),
    ],
)
def test_a_date_reads_at_the_precision_it_is_written(text: str, first: date | None, last: date) -> None:
    when = parse_when(text)
    assert (when.first, when.last, when.isoformat()) == (first, last, text.strip())
    assert when.is_exact is (first == last)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2018-9", "not a date accord reads"),
        ("18-09", "not a date accord reads"),
        ("September 2018", "not a date accord reads"),
        ("2018-09?", "not a date accord reads"),  # EDTF's uncertain and approximate marks: not read
        ("2018-09~", "not a date accord reads"),
        ("2018-21", "not a real month"),  # EDTF's seasons: not read either
        ("2018-13", "not a real month"),
        ("2018-02-30", "not a real calendar date"),
        ("0000", "not a date accord reads"),
        ("2019/2018", "ends before it starts"),
        ("2018-05-01/2018-04-30", "ends before it starts"),
        ("2018/..", "no latest day"),
        ("../..", "no latest day"),
        ("2018/2019/2020", "not a date accord reads"),
        ("2018-04-17T10:00", "not a date accord reads"),
        ("", "not a date accord reads"),
    ],
)
def test_anything_else_is_refused_saying_what_was_expected(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_when(text)


def test_a_day_is_a_toml_date_and_anything_vaguer_its_text() -> None:
    assert parse_when("2018-04-17") is When.day(date(2018, 4, 17))
    assert parse_when("2018-04-17").toml_value == date(2018, 4, 17)
    assert parse_when("2018-09").toml_value == "2018-09"
    assert parse_when("2018-04-17/2018-04-17").toml_value == "2018-04-17/2018-04-17"


def test_order_and_certainty() -> None:
    hitachi, panda, launch = parse_when("../2021-05-05"), parse_when("2018-09"), parse_when("2018-04-17")
    # By the day each became certain, then by the earliest day it may have happened.
    assert sorted([panda, hitachi, launch], key=attrgetter("key")) == [launch, panda, hitachi]
    within_september = parse_when("2018-08/2018-09")
    assert sorted([panda, within_september], key=attrgetter("key")) == [within_september, panda]
    assert panda.is_possible_by(date(2018, 9, 1)) and not panda.is_certain_by(date(2018, 9, 29))
    assert panda.is_certain_by(date(2018, 9, 30))
    assert launch.is_before(panda) and not hitachi.is_before(panda) and not panda.is_before(hitachi)


def test_a_date_bounded_by_the_launch_keeps_its_text() -> None:
    launched = date(2018, 4, 17)
    year, hitachi, day = parse_when("2018"), parse_when("../2021-05-05"), parse_when("2019-01-01")
    assert (year.since(launched).first, year.since(launched).last) == (launched, date(2018, 12, 31))
    assert hitachi.since(launched).first == launched and hitachi.since(launched).text == "../2021-05-05"
    assert day.since(launched) is day and year.since(None) is year
    assert parse_when("2017").since(launched).last == launched  # wholly before: `check` reports it
    assert parse_when("../2018-04-17").since(launched).is_exact
