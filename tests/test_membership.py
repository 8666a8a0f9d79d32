from datetime import date, timedelta
from itertools import product

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from accord_cli.core.dates import When, parse_when
from accord_cli.core.membership import members, memberships, names_over_time, standing
from accord_cli.core.model import Accord, Event, Ledger, Signatory
from accord_cli.core.timeline import Steps
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
    assert standing(delta, D("2019-06-29"), None).name == "Delta"
    assert standing(delta, D("2019-06-30"), None).name == "Delta Two"
    assert standing(delta, D("2021-01-01"), None).left == W("2020-03-31")
    assert standing(LEDGER.signatories[1], D("2020-01-01"), None).left is None


def test_names_and_memberships_over_time() -> None:
    beta, delta = LEDGER.signatories[1], LEDGER.signatories[3]
    assert names_over_time(delta) == [("Delta", W("2018-04-17"), W("2019-06-30")), ("Delta Two", W("2019-06-30"), None)]
    assert memberships(beta) == [(W("2018-04-17"), W("2019-06-30"), "merged"), (W("2020-01-01"), None, None)]


# -- dates as precise as their source: certain and possible members ------------------------------


def _vague(joined: str, *events: tuple[str, str]) -> Signatory:
    return Signatory(
        id="acme", name="Acme", joined=W(joined), events=tuple(Event(W(when), kind) for kind, when in events)
    )


@pytest.mark.parametrize(
    ("s", "on", "certain", "possible"),
    [
        (_vague("2018-09"), "2018-08-31", False, False),
        (_vague("2018-09"), "2018-09-01", False, True),
        (_vague("2018-09"), "2018-09-30", True, False),
        (_vague("../2021-05-05"), "2019-01-01", False, True),
        (_vague("../2021-05-05"), "2021-05-05", True, False),
        (_vague("2018-04-17", ("leave", "2019")), "2018-12-31", True, False),
        (_vague("2018-04-17", ("leave", "2019")), "2019-06-30", False, True),
        (_vague("2018-04-17", ("leave", "2019")), "2019-12-31", False, False),
        (_vague("2018", ("leave", "2018")), "2018-06-30", False, True),  # joined and left within one year
        (_vague("2018", ("leave", "2018")), "2019-01-01", False, False),
        (_vague("2018-04-17", ("leave", "2019-03"), ("rejoin", "2019-03/2020")), "2019-12-31", False, True),
        (_vague("2018-04-17", ("leave", "2019-03"), ("rejoin", "2019-03/2020")), "2021-01-01", True, False),
    ],
)
def test_a_vague_date_makes_a_member_possible_until_its_last_day(
    s: Signatory, on: str, certain: bool, possible: bool
) -> None:
    st = standing(s, D(on), None)
    assert (st.is_member, st.is_possible) == (certain, possible)


def test_who_certainly_left_says_when_and_a_vague_leave_says_nothing_yet() -> None:
    s = _vague("2018-04-17", ("leave", "2019-06"))
    assert standing(s, D("2019-06-15"), None).left is None
    assert standing(s, D("2019-07-01"), None).left == W("2019-06")


def test_members_before_the_launch_are_never_possible() -> None:
    ledger = Ledger(Accord("A", D("2018-04-17")), signatories=(_vague("../2021-05-05"),))
    assert members(ledger, D("2017-01-01"), possible=True) == []
    assert ids(members(ledger, D("2019-01-01"), possible=True)) == ["acme"]
    assert members(ledger, D("2019-01-01")) == []


# Every day a move may be placed on: what each placing of the dates within their bounds makes of the
# membership is worked out by hand and compared with what `standing` says.
START = date(2018, 1, 1)


@st.composite
def vague_histories(draw) -> tuple[Signatory, list[tuple[date | None, date]]]:
    bounds: list[tuple[date | None, date]] = []
    day = START
    for n in range(draw(st.integers(1, 4))):
        day += timedelta(days=draw(st.integers(0, 60)))
        first: date | None = day
        last = day + timedelta(days=draw(st.sampled_from([0, 0, 5, 30, 400])))
        if n == 0 and draw(st.integers(0, 4)) == 0:
            first = None
        bounds.append((first, last))
        day = draw(st.sampled_from([day, last]))
    return _signatory(bounds), bounds


def _signatory(bounds: list[tuple[date | None, date]]) -> Signatory:
    def when(first: date | None, last: date) -> When:
        if first == last:
            return When.day(last)
        return parse_when(f"{'..' if first is None else first.isoformat()}/{last.isoformat()}")

    moves = [when(first, last) for first, last in bounds]
    kinds = ["leave", "rejoin"] * 2
    return Signatory(
        id="acme", name="Acme", joined=moves[0], events=tuple(Event(w, kind) for w, kind in zip(moves[1:], kinds))
    )


def _placings(bounds: list[tuple[date | None, date]], on: date, launched: date | None = None) -> list[bool]:
    """For every placing of the moves on days within their bounds (and not before `launched`), in order,
    whether it leaves a member."""
    days = {on, on + timedelta(days=1), START - timedelta(days=1)}
    days |= {d for pair in bounds for d in pair if d is not None}
    floor = launched or date.min
    found = []
    for placing in product(
        *[sorted(d for d in days if (first is None or first <= d) and floor <= d <= last) for first, last in bounds]
    ):
        if list(placing) == sorted(placing):
            found.append(sum(d <= on for d in placing) % 2 == 1)
    return found


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(vague_histories(), st.integers(-30, 700))
def test_certain_means_a_member_however_the_dates_fall_and_possible_means_some_way(
    history: tuple[Signatory, list[tuple[date | None, date]]], offset: int
) -> None:
    s, bounds = history
    on = START + timedelta(days=offset)
    outcomes = _placings(bounds, on)
    assume(outcomes)  # dates no placing can put in order say nothing either way
    st_ = standing(s, on, None)
    assert not (st_.is_member and st_.is_possible)
    assert st_.is_member == all(outcomes)
    assert st_.could_be_member == any(outcomes)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(vague_histories(), st.integers(-30, 700), st.integers(-5, 60))
def test_no_placing_reaches_before_the_launch(
    history: tuple[Signatory, list[tuple[date | None, date]]], offset: int, launch_offset: int
) -> None:
    s, bounds = history
    on, launched = START + timedelta(days=offset), START + timedelta(days=launch_offset)
    assume(s.joined.last >= launched)  # a join before the launch is for `accord check` to report
    outcomes = _placings(bounds, on, launched)
    assume(outcomes)
    st_ = standing(s, on, launched)
    assert st_.is_member == all(outcomes)
    assert st_.could_be_member == any(outcomes)
    if on < launched:
        assert not st_.could_be_member


def _orderable(bounds: list[tuple[date | None, date]]) -> bool:
    """Whether the moves can be placed in order on days within their bounds."""
    earliest = date.min
    for first, last in bounds:
        earliest = max(earliest, first or date.min)
        if earliest > last:
            return False
    return True


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(vague_histories(), st.data())
def test_narrowing_a_date_never_removes_a_certain_member(history: tuple[Signatory, list], data) -> None:
    s, bounds = history
    index = data.draw(st.integers(0, len(bounds) - 1))
    first, last = bounds[index]
    low = first or START - timedelta(days=100)
    new_first = low + timedelta(days=data.draw(st.integers(0, (last - low).days)))
    new_last = new_first + timedelta(days=data.draw(st.integers(0, (last - new_first).days)))
    narrowed_bounds = [*bounds[:index], (new_first, new_last), *bounds[index + 1 :]]
    assume(_orderable(narrowed_bounds))
    narrowed = _signatory(narrowed_bounds)
    for offset in range(-30, 700, 7):
        on = START + timedelta(days=offset)
        before, after = standing(s, on, None), standing(narrowed, on, None)
        assert not before.is_member or after.is_member
        assert not after.could_be_member or before.could_be_member  # and never makes a new possibility


@pytest.mark.slow
@pytest.mark.parametrize("launched", [None, START + timedelta(days=20)])
@settings(max_examples=200, deadline=None)
@given(histories=st.lists(vague_histories(), max_size=4), offset=st.integers(-30, 700))
def test_counts_over_time_agree_with_each_signatory_standing(
    launched: date | None, histories: list, offset: int
) -> None:
    ledger = Ledger(Accord("A", launched), signatories=tuple(s for s, _ in histories))
    on = START + timedelta(days=offset)
    found = [standing(s, on, launched) for s in ledger.signatories]
    assert Steps(ledger).at(on) == (sum(st.is_member for st in found), sum(st.is_possible for st in found))
