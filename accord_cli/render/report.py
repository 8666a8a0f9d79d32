"""What `accord report` says: the facts of one page, laid out as sections for a terminal and Markdown, and
kept whole (`ReportPage`) for the formats that lay them out themselves, a web page and a chart."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta

from msgspec import Struct

from accord_cli.core.counts import Coverage
from accord_cli.core.membership import Change, Standing, history, standings
from accord_cli.core.model import Accord, Ledger, Pledge
from accord_cli.core.timeline import PeriodCount, Steps
from accord_cli.core.watchlists import WatchResult
from accord_cli.render.counts import counts_result
from accord_cli.render.history import growth_result
from accord_cli.render.members import list_result, pledges_result
from accord_cli.render.result import Column, Report, Result, plural

NEWEST_SHOWN = 10


class Chart(Struct, frozen=True):
    """Membership over time: the certain members from each day they change, the days joins and leaves
    became certain, and the totals sources report."""

    start: date
    end: date
    before: int  # certain members before the start
    steps: list[tuple[date, int]]  # (day, certain members at its end), each day that number changes
    possible: list[tuple[date, int]]  # the same for certain and possible members together
    joins: list[tuple[date, int]]
    leaves: list[tuple[date, int]]
    counts: list[Coverage]


class ReportPage(Struct, frozen=True):
    """Everything the report says, before any format lays it out."""

    title: str
    accord: Accord
    on: date
    members: int
    possibly: int
    former: list[Standing]
    pledges: int
    covered: list[Coverage]
    by: str
    growth: list[PeriodCount]
    newest: list[Standing]
    renames: list[Change]
    support: list[tuple[Pledge, int]]
    watch: dict[str, list[WatchResult]]
    chart: Chart


def _chart(ledger: Ledger, on: date, covered: Sequence[Coverage], steps: Steps | None) -> Chart:
    steps = steps or Steps(ledger)
    days = [day for day in steps.days if date.min < day <= on]
    start = min([ledger.accord.launched or on, *days[:1]])
    certain_steps: list[tuple[date, int]] = []
    possible_steps: list[tuple[date, int]] = []
    # Before the start no one is even possibly a member.
    before = last_certain = last_total = steps.at(start - timedelta(days=1))[0] if start > date.min else 0
    for day in days:
        certain, possible = steps.at(day)
        if certain != last_certain:
            certain_steps.append((day, last_certain := certain))
        if certain + possible != last_total:
            possible_steps.append((day, last_total := certain + possible))
    joins: dict[date, int] = {}
    leaves: dict[date, int] = {}
    for moves, by_day in ((steps.joins, joins), (steps.leaves, leaves)):
        for when, count in moves.items():
            if when.last <= on:
                by_day[when.last] = by_day.get(when.last, 0) + count
    join_marks, leave_marks = sorted(joins.items()), sorted(leaves.items())
    # Past so many, a mark a month, on its last day of change, so that marks stay legible.
    if len(join_marks) + len(leave_marks) > _MOST_MARKS:
        join_marks, leave_marks = _by_month(join_marks), _by_month(leave_marks)
    return Chart(
        start,
        on,
        before,
        certain_steps,
        possible_steps if possible_steps != certain_steps else [],
        join_marks,
        leave_marks,
        [c for c in covered if c.count.date.last <= on],
    )


# More days of joins and leaves than a chart can mark one by one.
_MOST_MARKS = 200


def _by_month(days: list[tuple[date, int]]) -> list[tuple[date, int]]:
    """Changes by day gathered a month at a time, each month's on the last day it has one."""
    months: dict[tuple[int, int], tuple[date, int]] = {}
    for day, count in days:
        _, earlier = months.get((day.year, day.month), (day, 0))
        months[(day.year, day.month)] = (day, earlier + count)
    return list(months.values())


def report_page(
    ledger: Ledger,
    on: date,
    growth: Sequence[PeriodCount],
    by: str,
    watch: Mapping[str, Sequence[WatchResult]],
    support: Sequence[tuple[Pledge, int]],
    covered: Sequence[Coverage],
    steps: Steps | None = None,
) -> ReportPage:
    everyone = standings(ledger, on)
    members = [st for st in everyone if st.is_member]
    # Newest by the one order of dates, the latest day each may have joined first: an "on or before" date may
    # be the newest of all.
    by_name = sorted(members, key=lambda st: st.name.casefold())
    newest = sorted(by_name, key=lambda st: st.joined.key, reverse=True)[:NEWEST_SHOWN]
    renames = sorted(
        (c for s in ledger.signatories for c in history(s) if c.kind == "rename" and c.date.last <= on),
        key=lambda c: c.date.key,
    )
    return ReportPage(
        title=f"{ledger.accord.name}: membership report",
        accord=ledger.accord,
        on=on,
        members=len(members),
        possibly=sum(st.is_possible for st in everyone),
        former=[st for st in everyone if st.has_joined and not st.could_be_member],
        pledges=len(ledger.pledges),
        covered=list(covered),
        by=by,
        growth=list(growth),
        newest=newest,
        renames=renames,
        support=list(support),
        watch={name: list(results) for name, results in watch.items()},
        chart=_chart(ledger, on, covered, steps),
    )


def summary_facts(page: ReportPage) -> list[str]:
    """The report's opening sentences."""
    facts = [
        f"{plural(page.members, 'current member')}, "
        + (f"{page.possibly} more possibly, " if page.possibly else "")
        + f"{plural(len(page.former), 'former member')}, {plural(page.pledges, 'pledge')}; as of "
        f"{page.on.isoformat()}."
    ]
    if page.accord.launched:
        facts.append(
            f"Launched {page.accord.launched.isoformat()}." + (f" {page.accord.url}" if page.accord.url else "")
        )
    return facts


def report(ledger: Ledger, page: ReportPage) -> Report:
    """The report as sections of tables, each with a sentence that counts what it shows."""
    newest = list_result(ledger, page.newest, page.members)
    newest = _retold(
        newest,
        f"The {len(page.newest)} newest of {plural(page.members, 'member')}"
        if len(page.newest) < page.members
        else plural(page.members, "member"),
        with_sources=True,
    )
    sections: list[tuple[str, Result]] = []
    if page.covered:
        sections.append(("Reported totals", counts_result(page.covered)))
    sections += [(f"Growth by {page.by}", growth_result(page.growth)), ("Newest members", newest)]
    if page.former:
        former = list_result(ledger, page.former, len(page.former), with_former=True)
        sections.append(
            ("Former members", _retold(former, plural(len(page.former), "former member"), with_sources=True))
        )
    if page.renames:
        sections.append(("Renames", _renames(page.renames)))
    sections.append(("Pledges", _retold(pledges_result(ledger, page.support, page.members), "")))
    if page.watch:
        sections.append(("Watchlists", _watch_summary(page.watch)))
    return Report(page.title, tuple(summary_facts(page)), tuple(sections), page=page)


def _retold(result: Result, sentence: str, *, with_sources: bool = False) -> Result:
    """`result` without the accord's name over it, summed up as the section needs, and with a column of
    sources to follow where the section names signatories."""
    from msgspec import structs

    columns = (*result.columns, Column("source", "Source", wrap=True, link=True)) if with_sources else result.columns
    return structs.replace(result, title=None, sentence=sentence, columns=columns)


def _renames(renames: Sequence[Change]) -> Result:
    return Result(
        records=[{"date": c.date, "from": c.old_name, "to": c.new_name, "source": c.source} for c in renames],
        fields=("date", "from", "to", "source"),
        columns=(
            Column("date", "Date"),
            Column("from", "From"),
            Column("to", "To"),
            Column("source", "Source", wrap=True, link=True),
        ),
        sentence=plural(len(renames), "rename"),
    )


def _watch_summary(watch: Mapping[str, Sequence[WatchResult]]) -> Result:
    records = []
    for name, results in watch.items():
        unsigned = [r.name for r in results if not r.has_signed]
        records.append(
            {
                "watchlist": name,
                "organisations": len(results),
                "signed": len(results) - len(unsigned),
                "not_signed": unsigned,
            }
        )
    return Result(
        records=records,
        fields=("watchlist", "organisations", "signed", "not_signed"),
        columns=(
            Column("watchlist", "Watchlist", style="bold"),
            Column("organisations", "On it", justify="right"),
            Column("signed", "Signed", justify="right", style="green"),
            Column("not_signed", "Not signed"),
        ),
        sentence=plural(len(records), "watchlist"),
    )


def describe_chart(chart: Chart, name: str) -> str:
    """The chart in words, for those who cannot see it."""
    if not chart.steps:
        return f"No one has joined {name} yet."
    first_day, first = chart.steps[0]
    last = chart.steps[-1][1]
    words = [
        f"Members of {name} over time: {first} on {first_day.isoformat()}, {last} on {chart.end.isoformat()}; "
        f"{plural(len(chart.steps), 'change')} in the number of certain members."
    ]
    words += [f"Reported {c.count.date.phrase}: {c.count.describe()}." for c in chart.counts]
    return " ".join(words)
