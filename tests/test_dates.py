from datetime import date

import pytest

from accord_cli.core.dates import (
    Granularity,
    parse_date,
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
    [("2019-Q5", "not a date or period"), ("2019-13", "not a real month"), ("2017-02-29", "not a real calendar date"),
     ("soon", "not a date or period")],
)
def test_bad_periods_say_why(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        period_end(text)


def test_period_labels() -> None:
    day = date(2019, 8, 3)
    assert [period_of(day, g) for g in Granularity] == ["2019", "2019-Q3", "2019-08"]
