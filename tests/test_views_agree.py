"""Properties of the one truth: every view counts the members the one standing counts, and no sequence of
writes the rules let through leaves anything for `accord check` to report."""

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord_cli.core import changes, counts, queries, timeline, watchlists
from accord_cli.core.dates import Granularity, When, parse_when
from accord_cli.core.errors import AccordError
from accord_cli.core.membership import ever_joined, members, standing, standings
from accord_cli.core.model import Accord, Count, Event, Ledger, Pledge, Signatory
from accord_cli.core.rules import find_problems, history_problems, refuse_new_problems
from accord_cli.render.interop import export_result

LAUNCH = date(2018, 4, 17)
TODAY = date(2026, 11, 28)
NAMES = ("Acme", "Beta Systems", "Gamma", "Delta Labs", "Epsilon", "Zeta Co", "Eta", "Theta Networks")


@st.composite
def whens(draw, after: date = LAUNCH - timedelta(days=40)) -> When:
    """A date at any precision EDTF allows accord, from a little before the launch to a few years after."""
    day = after + timedelta(days=draw(st.integers(0, 1500)))
    form = draw(st.sampled_from(["day", "day", "month", "year", "interval", "by"]))
    if form == "month":
        return parse_when(f"{day.year}-{day.month:02d}")
    if form == "year":
        return parse_when(str(day.year))
    if form == "interval":
        return parse_when(f"{day.isoformat()}/{(day + timedelta(days=draw(st.integers(1, 200)))).isoformat()}")
    if form == "by":
        return parse_when(f"../{day.isoformat()}")
    return When.day(day)


@st.composite
def vague_ledgers(draw) -> Ledger:
    """Ledgers whose dates fall anywhere, some before the launch, at every precision, with histories."""
    signatories = []
    for index, name in enumerate(draw(st.lists(st.sampled_from(NAMES), unique=True, max_size=6))):
        joined = draw(whens())
        events = []
        for number in range(draw(st.integers(0, 3))):
            events.append(Event(draw(whens()), "leave" if number % 2 == 0 else "rejoin"))
        events.sort(key=lambda e: e.date.key)
        signatories.append(Signatory(id=f"s{index}", name=name, joined=joined, events=tuple(events)))
    return Ledger(Accord("A", LAUNCH), signatories=tuple(signatories))


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(vague_ledgers(), st.integers(-40, 1600))
def test_every_view_counts_the_members_the_one_standing_counts(ledger: Ledger, offset: int) -> None:
    on = LAUNCH + timedelta(days=offset)
    found = standings(ledger, on)
    certain = sorted(st.signatory.id for st in found if st.is_member)
    possible = sorted(st.signatory.id for st in found if st.is_possible)
    if on < LAUNCH:
        assert certain == possible == []
    # list, and list --all
    assert sorted(st.signatory.id for st in members(ledger, on)) == certain
    assert sorted(st.signatory.id for st in members(ledger, on, possible=True)) == sorted(certain + possible)
    assert {st.signatory.id for st in ever_joined(ledger, on)} >= set(certain + possible)
    # timeline, counts and the report's chart
    assert timeline.Steps(ledger).at(on) == (len(certain), len(possible))
    rows = timeline.growth(ledger, Granularity.month, on)
    if rows:
        assert (rows[-1].total, rows[-1].possibly) == (len(certain), len(possible))
    # diff from before the launch, when no one was a member
    diff = timeline.diff(ledger, LAUNCH - timedelta(days=1), on) if on >= LAUNCH else None
    if diff is not None:
        assert sorted(st.signatory.id for st in diff.joined + diff.rejoined) == certain
    # missing, on every name the ledger has
    results = watchlists.check_watch(ledger, [s.name for s in ledger.signatories], on)
    assert sorted(r.standing.signatory.id for r in results if r.has_signed) == certain
    assert sorted(r.standing.signatory.id for r in results if not r.certain) == possible
    # export
    statuses = [r["status"] for r in export_result(ledger, on).records]
    assert (statuses.count("member"), statuses.count("possibly member")) == (len(certain), len(possible))
    # show, one at a time
    for s in ledger.signatories:
        assert standing(s, on, LAUNCH).is_member == (s.id in certain)


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(vague_ledgers())
def test_every_ordered_view_uses_the_one_order_of_dates(ledger: Ledger) -> None:
    everyone = ever_joined(ledger, TODAY)
    by_joining = [st.joined.key for st in queries.sort_standings(everyone, queries.SortKey.joined)]
    assert by_joining == sorted(by_joining)
    logged = timeline.changes(ledger)
    assert [c.date.key for c in logged] == sorted(c.date.key for c in logged)
    for s in ledger.signatories:  # one signatory's changes in the order its history records them
        if history_problems(s, TODAY, LAUNCH, lambda _: None):
            continue  # dates that allow no order: `check` reports them, and each keeps its own bounds
        numbers = [c.number for c in logged if c.signatory is s]
        assert numbers == sorted(numbers)
    for found in everyone:  # and its joining as the one standing places it
        assert found.joined == next(c.date for c in logged if c.signatory is found.signatory and c.kind == "join")


# -- random writes ---------------------------------------------------------------------------------

BASE = Ledger(
    Accord("Test", LAUNCH),
    pledges=(Pledge("defense", "Defense"), Pledge("no-offense", "No offense")),
    signatories=(
        Signatory(id="acme", name="Acme", joined=When.day(LAUNCH)),
        Signatory(id="beta-systems", name="Beta Systems", joined=When.day(LAUNCH)),
    ),
    counts=(Count(When.day(LAUNCH), 2, "exact"),),
)


@st.composite
def writes(draw, ledger: Ledger) -> Ledger:
    """One write a command could ask for, on any signatory, with any date and value; the rules decide."""
    when = draw(whens())
    s = draw(st.sampled_from(ledger.signatories)) if ledger.signatories else None
    kind = draw(st.sampled_from(["add", "leave", "rejoin", "rename", "edit", "amend", "drop", "count", "remove"]))
    if kind == "add" or s is None:
        request = Signatory(
            id="",
            name=draw(st.sampled_from(NAMES)),
            joined=when,
            country=draw(st.sampled_from([None, "US", "XX"])),
            pledges=draw(st.sampled_from([None, ("defense",), ("offense",)])),
        )
        return changes.add_signatories(ledger, [request], TODAY)[0]
    if kind == "leave":
        return changes.leave(ledger, s, when)
    if kind == "rejoin":
        return changes.rejoin(ledger, s, when)
    if kind == "rename":
        return changes.rename(ledger, s, draw(st.sampled_from(NAMES)), when)
    if kind == "edit":
        field = draw(st.sampled_from(["joined", "name", "country", "pledges"]))
        value = {
            "joined": when,
            "name": draw(st.sampled_from(NAMES)),
            "country": draw(st.sampled_from(["GB", "ZZ"])),
            "pledges": draw(st.sampled_from([None, ("no-offense",), ("nope",)])),
        }[field]
        return changes.edit(ledger, s, {field: value})
    if kind == "amend" and s.events:
        return changes.amend_event(ledger, s, draw(st.integers(1, len(s.events))), {"date": when})
    if kind == "drop" and s.events:
        return changes.drop_event(ledger, s, draw(st.integers(1, len(s.events))))
    if kind == "count":
        return counts.add_count(ledger, when, draw(st.integers(0, 12)), draw(st.sampled_from(["exact", "about"])))[0]
    return changes.remove(ledger, changes.plan_removal(ledger, s), force=True)


@pytest.mark.slow
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_no_sequence_of_writes_the_rules_allow_leaves_a_problem(data: st.DataObject) -> None:
    ledger = BASE
    assert find_problems(ledger, TODAY) == []
    for _ in range(data.draw(st.integers(1, 12))):
        try:
            after = data.draw(writes(ledger))
            refuse_new_problems(ledger, after, TODAY)
        except AccordError:
            continue  # refused: the ledger stays as it was
        ledger = after
        assert [p.message for p in find_problems(ledger, TODAY) if not p.note] == []
