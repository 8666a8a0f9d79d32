from datetime import date

import pytest

from accord_cli.dates import parse_date


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
