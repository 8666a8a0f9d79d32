from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from msgspec import structs

from accord_cli.core import timeline
from accord_cli.core.dates import Granularity, When, parse_when
from accord_cli.core.membership import members, standing
from accord_cli.core.model import Accord, Event, Ledger, Signatory

D = date.fromisoformat


def W(text: str) -> When:
    return parse_when(text)


def sig(id_: str, joined: str, *events: tuple, name: str | None = None) -> Signatory:
    return Signatory(
        id=id_,
        name=name or id_.title(),
        joined=W(joined),
        events=tuple(Event(W(when), kind, *rest) for kind, when, *rest in events),
    )


LEDGER = Ledger(
    Accord("Test", D("2018-04-17")),
    signatories=(
        sig("acme", "2018-04-17"),
        sig("beta", "2018-04-17", ("leave", "2019-06-30", "merged"), ("rejoin", "2020-01-01")),
        sig("gamma", "2019-06-30"),
        sig(
            "delta",
            "2018-04-17",
            ("rename", "2019-06-30", None, "Delta", "Delta Two"),
            ("leave", "2020-03-31"),
            name="Delta Two",
        ),
        sig("eps", "2019-06-30", ("leave", "2019-06-30")),  # joined and left on the same day
    ),
)


def ids(standings) -> list[str]:
    return [st.signatory.id for st in standings]


def test_diff_groups_changes_and_renames_once() -> None:
    result = timeline.diff(LEDGER, D("2019-06-29"), D("2020-12-31"))
    assert ids(result.joined) == ["gamma"]
    assert ids(result.left) == ["delta"]
    assert ids(result.rejoined) == []  # beta left and came back inside the window: no net change
    assert [(r.old_name, r.new_name, r.date) for r in result.renamed] == [("Delta", "Delta Two", W("2019-06-30"))]
    assert [st.name for st in result.left] == ["Delta"]  # as listed at FROM; the rename says what it became


def test_diff_sees_a_rejoin_across_the_window() -> None:
    result = timeline.diff(LEDGER, D("2019-07-01"), D("2020-01-01"))
    assert ids(result.rejoined) == ["beta"] and result.joined == [] and result.left == []


def test_changes_are_in_date_order_and_filtered() -> None:
    found = [
        (c.date.isoformat(), c.kind, c.signatory.id) for c in timeline.changes(LEDGER, D("2019-06-30"), D("2020-01-01"))
    ]
    assert found == [
        ("2019-06-30", "leave", "beta"),
        ("2019-06-30", "join", "gamma"),
        ("2019-06-30", "rename", "delta"),
        ("2019-06-30", "join", "eps"),
        ("2019-06-30", "leave", "eps"),
        ("2020-01-01", "rejoin", "beta"),
    ]


def test_growth_by_year_and_quarter() -> None:
    by_year = timeline.growth(LEDGER, Granularity.year, D("2021-05-01"))
    assert [(r.period, r.joined, r.left, r.total) for r in by_year] == [
        ("2018", 3, 0, 3),
        ("2019", 2, 2, 3),
        ("2020", 1, 1, 3),
        ("2021", 0, 0, 3),
    ]
    by_quarter = timeline.growth(LEDGER, Granularity.quarter, D("2019-12-31"))
    assert [r.period for r in by_quarter][:3] == ["2018-Q2", "2018-Q3", "2018-Q4"]
    assert [(r.period, r.total) for r in by_quarter][-3:] == [("2019-Q2", 3), ("2019-Q3", 3), ("2019-Q4", 3)]
    assert timeline.growth(Ledger(Accord("Empty")), Granularity.month, D("2020-01-01")) == []


# -- property: applying diff(a, b) to the membership at a gives the membership at b ----------------

START = date(2018, 4, 17)
days = st.integers(min_value=0, max_value=2000)


@st.composite
def histories(draw) -> Ledger:
    signatories = []
    for n in range(draw(st.integers(min_value=0, max_value=8))):
        when = START + timedelta(days=draw(days))
        joined = when
        events, name = [], f"Org {n}"
        member = True
        for _ in range(draw(st.integers(min_value=0, max_value=5))):
            when += timedelta(days=draw(st.integers(min_value=0, max_value=400)))
            if draw(st.booleans()):
                new = f"Org {n} v{len(events)}"
                events.append(Event(When.day(when), "rename", old_name=name, new_name=new))
                name = new
            else:
                events.append(Event(When.day(when), "rejoin" if not member else "leave"))
                member = not member
        signatories.append(Signatory(id=f"org-{n}", name=name, joined=When.day(joined), events=tuple(events)))
    return Ledger(Accord("Random", START), signatories=tuple(signatories))


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(histories(), days, days)
def test_applying_a_diff_gives_the_later_membership(ledger: Ledger, a: int, b: int) -> None:
    first, second = sorted((START + timedelta(days=a), START + timedelta(days=b)))
    result = timeline.diff(ledger, first, second)
    before = set(ids(members(ledger, first)))
    after = (before - set(ids(result.left))) | set(ids(result.joined)) | set(ids(result.rejoined))
    assert after == set(ids(members(ledger, second)))
    names_after = {st.signatory.id: st.name for st in members(ledger, second)}
    renamed = {r.new_name for r in result.renamed}
    for st_ in members(ledger, first):
        if st_.signatory.id in names_after and names_after[st_.signatory.id] != st_.name:
            assert names_after[st_.signatory.id] in renamed


@settings(max_examples=100, deadline=None)
@given(histories(), days)
def test_growth_total_matches_membership_at_period_end(ledger: Ledger, a: int) -> None:
    until = START + timedelta(days=a)
    rows = timeline.growth(ledger, Granularity.year, until)
    if rows:
        assert rows[-1].total == len(members(ledger, until))


def test_diff_between_versions_pairs_by_id_then_name_and_counts_deletions_as_leaving() -> None:
    old = Ledger(
        Accord("Test"),
        signatories=(
            sig("acme", "2018-04-17"),
            sig("beta", "2018-04-17"),
            sig("gone", "2018-04-17"),
            sig("old-id", "2018-04-17", name="Zeta"),
            sig("former", "2018-04-17", ("leave", "2019-01-01")),
        ),
    )
    new = Ledger(
        Accord("Test"),
        signatories=(
            sig("acme", "2018-04-17", ("rename", "2021-05-05", None, "Acme", "Acme Two"), name="Acme Two"),
            sig("beta", "2018-04-17", ("leave", "2020-02-02")),
            sig("new-id", "2018-04-17", name="Zeta"),  # the same organisation under a hand-edited id
            sig("former", "2018-04-17", ("leave", "2019-01-01"), ("rejoin", "2022-01-01")),
            sig("fresh", "2022-02-02"),
        ),
    )
    result = timeline.diff_versions(old, new, D("2026-11-28"), "old.toml", "new.toml")
    assert (result.start, result.end) == ("old.toml", "new.toml")
    assert ids(result.joined) == ["fresh"] and ids(result.rejoined) == ["former"]
    assert ids(result.left) == ["beta", "gone"]
    assert [(r.old_name, r.new_name, r.date) for r in result.renamed] == [("Acme", "Acme Two", W("2021-05-05"))]


# -- dates as precise as their source ---------------------------------------------------------------

VAGUE = Ledger(
    Accord("Vague", START),
    signatories=(
        sig("acme", "2018-04-17"),
        sig("carbon", "2018-04-18/2018-04-30"),
        sig("panda", "2018-09"),
        sig("hitachi", "../2021-05-05"),
        sig("yearly", "2019", ("leave", "2020")),
    ),
)


def test_growth_puts_a_date_vaguer_than_a_period_in_a_row_of_its_own() -> None:
    rows = {r.period: r for r in timeline.growth(VAGUE, Granularity.month, D("2021-06-30"))}
    assert (rows["2018-04"].joined, rows["2018-04"].total) == (2, 2)  # the interval falls within April
    assert (rows["2018-09"].joined, rows["2018-09"].total) == (1, 3)
    assert (rows["2019"].joined, rows["2019"].total) == (1, 4)  # the year's own row, with December's total
    assert rows["2019-06"].possibly == 2  # Hitachi, and the organisation that joined some time in 2019
    assert (rows["by 2021-05-05"].joined, rows["by 2021-05-05"].total, rows["by 2021-05-05"].possibly) == (1, 4, 0)
    order = [r.period for r in timeline.growth(VAGUE, Granularity.month, D("2021-06-30"))]
    # Each after the period in which it became certain, so that the total grows beside it.
    assert order.index("2019-12") + 1 == order.index("2019") < order.index("2020-01")
    assert order.index("2021-05") + 1 == order.index("by 2021-05-05") < order.index("2021-06")
    assert order[0] == "2018-04"  # nothing before the launch, though Hitachi's date sets no earliest day


def test_growth_counts_a_vague_date_in_the_one_period_it_falls_within() -> None:
    ledger = structs.replace(VAGUE, signatories=(*VAGUE.signatories, sig("spring", "2019-03/2019-06")))
    by_year = {r.period: r for r in timeline.growth(ledger, Granularity.year, D("2021-06-30"))}
    assert (by_year["2019"].joined, by_year["2019"].total) == (2, 5)
    by_quarter = [r.period for r in timeline.growth(ledger, Granularity.quarter, D("2021-06-30"))]
    assert by_quarter.index("2019-Q2") + 1 == by_quarter.index("2019-03/2019-06")
    # A year-only date on a ledger launched in April falls within 2018's last three quarters alone.
    yearly = structs.replace(VAGUE, signatories=(sig("y", "2018"),))
    rows = timeline.growth(yearly, Granularity.quarter, D("2019-06-30"))
    assert [(r.period, r.total, r.possibly) for r in rows][:3] == [
        ("2018-Q2", 0, 1),
        ("2018-Q3", 0, 1),
        ("2018-Q4", 1, 0),
    ]


def test_growth_of_days_alone_has_no_rows_of_its_own() -> None:
    rows = timeline.growth(LEDGER, Granularity.month, D("2020-12-31"))
    assert all(r.period[:4].isdigit() and r.possibly == 0 for r in rows)


def test_diff_counts_certain_changes_and_sets_possible_ones_apart() -> None:
    result = timeline.diff(VAGUE, D("2018-04-17"), D("2018-09-15"))
    assert (ids(result.joined), ids(result.possibly_joined)) == (["carbon"], ["panda"])
    result = timeline.diff(VAGUE, D("2019-06-30"), D("2020-12-31"))
    assert (ids(result.joined), ids(result.left), ids(result.possibly_left)) == ([], [], ["yearly"])
    result = timeline.diff(VAGUE, D("2018-12-31"), D("2021-12-31"))
    assert ids(result.possibly_joined) == ["hitachi"]  # possibly a member at the start, certainly at the end


def test_the_log_orders_by_the_day_each_change_became_certain() -> None:
    found = [(c.date.isoformat(), c.signatory.id) for c in timeline.changes(VAGUE)]
    assert found == [
        ("2018-04-17", "acme"),
        ("2018-04-18/2018-04-30", "carbon"),
        ("2018-09", "panda"),
        ("2019", "yearly"),
        ("2020", "yearly"),
        ("../2021-05-05", "hitachi"),
    ]
    assert [c.signatory.id for c in timeline.changes(VAGUE, D("2021-01-01"))] == ["hitachi"]  # may fall after it
    assert timeline.changes(VAGUE, until=D("2018-04-16")) == []  # nothing before the launch


def test_steps_count_members_certain_and_possible_on_any_day() -> None:
    steps = timeline.Steps(VAGUE)
    assert steps.at(D("2018-04-16")) == (0, 0)  # before the launch, no one even possibly
    assert steps.at(D("2018-04-17")) == (1, 1)  # Hitachi possibly; Carbon Black only from the next day
    assert steps.at(D("2018-04-20")) == (1, 2)
    assert steps.at(D("2018-09-30")) == (3, 1)
    assert steps.at(D("2019-12-31")) == (4, 1)
    assert steps.at(D("2021-05-05")) == (4, 0)
    assert steps.fewest_certain(D("2020-01-01"), D("2020-12-31")) == 3  # the yearly one may leave on New Year's Day


@settings(max_examples=150, deadline=None)
@given(histories(), days)
def test_steps_agree_with_each_signatory_standing(ledger: Ledger, offset: int) -> None:
    on = START + timedelta(days=offset)
    found = [standing(s, on, ledger.accord.launched) for s in ledger.signatories]
    assert timeline.Steps(ledger).at(on) == (sum(st.is_member for st in found), sum(st.is_possible for st in found))
