import pytest

from accord_cli.core.membership import members, memberships, names_over_time, standing
from tests.test_timeline import LEDGER, D, W, ids


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        ("2018-04-16", []),
        ("2018-04-17", ["acme", "beta", "delta"]),
        ("2019-06-29", ["acme", "beta", "delta"]),
        ("2019-06-30", ["acme", "gamma", "delta"]),  # end of day: beta has left, eps came and went
        ("2020-01-01", ["acme", "beta", "gamma", "delta"]),
        ("2020-03-31", ["acme", "beta", "gamma"]),
    ],
)
def test_members_at_the_end_of_a_day(on: str, expected: list[str]) -> None:
    assert ids(members(LEDGER, D(on))) == expected


def test_names_and_leaving_dates_as_of() -> None:
    delta = LEDGER.signatories[3]
    assert standing(delta, D("2019-06-29")).name == "Delta"
    assert standing(delta, D("2019-06-30")).name == "Delta Two"
    assert standing(delta, D("2021-01-01")).left == W("2020-03-31")
    assert standing(LEDGER.signatories[1], D("2020-01-01")).left is None


def test_names_and_memberships_over_time() -> None:
    beta, delta = LEDGER.signatories[1], LEDGER.signatories[3]
    assert names_over_time(delta) == [("Delta", W("2018-04-17"), W("2019-06-30")),
                                               ("Delta Two", W("2019-06-30"), None)]
    assert memberships(beta) == [(W("2018-04-17"), W("2019-06-30"), "merged"), (W("2020-01-01"), None, None)]
