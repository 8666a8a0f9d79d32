"""What each command shows, as plain records and column choices, ready for any renderer.

Records carry every field a script may want (JSON and CSV show them all);
columns pick what a person sees in a table or in Markdown.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from accord_cli.listing import Column, Listing
from accord_cli.model import Ledger, Pledge, Problem
from accord_cli.timeline import (
    Change,
    Diff,
    PeriodCount,
    Standing,
    history,
    memberships,
    names_over_time,
    standing,
)

if TYPE_CHECKING:
    from accord_cli.importing import ImportPlan
    from accord_cli.watchlists import WatchResult

SIGNATORY_FIELDS = ("id", "name", "joined", "left", "sector", "country", "aliases", "pledges", "source", "note")


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    return f"{count} {noun if count == 1 else nouns or noun + 's'}"


def signatory_record(ledger: Ledger, st: Standing, all_pledges: tuple[str, ...] | None = None) -> dict[str, Any]:
    """`all_pledges`: the accord's pledge ids, when the caller has them at hand for many records."""
    s = st.signatory
    return {
        "id": s.id,
        "name": st.name,
        "joined": s.joined,
        "left": st.left,
        "sector": s.sector,
        "country": s.country,
        "aliases": list(s.aliases),
        "pledges": list(s.endorsed(all_pledges if all_pledges is not None else tuple(ledger.pledge_ids))),
        "source": s.source,
        "note": s.note,
    }


def signatory_listing(ledger: Ledger, shown: Sequence[Standing], total: int, with_former: bool = False) -> Listing:
    all_pledges = tuple(ledger.pledge_ids)
    noun = ("signatory", "signatories") if not with_former else ("member or former member", "members and former members")
    count = plural(len(shown), *noun)
    columns = [
        Column("name", "Name", style="bold"),
        Column("joined", "Joined"),
        *([Column("left", "Left", style="red")] if with_former else []),
        Column("sector", "Sector"),
        Column("country", "Country"),
    ]
    return Listing(
        fields=SIGNATORY_FIELDS,
        columns=tuple(columns),
        records=[signatory_record(ledger, st, all_pledges) for st in shown],
        summary=count if len(shown) == total else f"{count} of {total} match",
        title=ledger.accord.name,
    )


def pledge_listing(ledger: Ledger, support: Sequence[tuple[Pledge, int]], signatory_count: int) -> Listing:
    return Listing(
        fields=("id", "title", "summary", "signatories"),
        columns=(
            Column("id", "Id", style="bold"),
            Column("title", "Title"),
            Column("signatories", "Signatories", justify="right"),
            Column("summary", "Summary"),
        ),
        records=[{"id": p.id, "title": p.title, "summary": p.summary, "signatories": n} for p, n in support],
        summary=f"{plural(len(support), 'pledge')}, {plural(signatory_count, 'current signatory', 'current signatories')}",
        title=ledger.accord.name,
    )


def problem_listing(problems: Sequence[Problem], label: str,
                    line_of: Callable[[tuple[str | int, ...]], int | None]) -> Listing:
    records = []
    for problem in problems:
        line = line_of(problem.path)
        records.append({
            "location": f"{label}:{line}" if line else label,
            "line": line,
            "entry": problem.subject,
            "field": ".".join(str(part) for part in problem.path),
            "message": problem.message,
        })
    return Listing(
        fields=("location", "line", "entry", "field", "message"),
        columns=(Column("location", "Where"), Column("entry", "Entry", style="bold"), Column("message", "Problem")),
        records=records,
        summary=f"{plural(len(problems), 'problem')} in {label}",
    )


CHANGE_FIELDS = ("date", "event", "id", "name", "reason", "from", "to")


def change_record(change: Change) -> dict[str, Any]:
    return {
        "date": change.date,
        "event": change.kind,
        "id": change.signatory.id,
        "name": change.name,
        "reason": change.reason,
        "from": change.old_name,
        "to": change.new_name,
    }


_PAST_TENSE = {"join": "joined", "leave": "left", "rejoin": "rejoined", "rename": "was renamed"}


def describe_change(change: Change) -> str:
    """A change as a sentence: 'Symantec left on 2020-01-31 (acquired)'."""
    if change.kind == "rename":
        return f"{change.old_name} was renamed {change.new_name} on {change.date.isoformat()}"
    reason = f" ({change.reason})" if change.reason else ""
    return f"{change.name} {_PAST_TENSE[change.kind]} on {change.date.isoformat()}{reason}"


def _detail(record: dict[str, Any]) -> str:
    if record["event"] == "rename":
        return f"{record['from']} -> {record['to']}"
    return record["reason"] or ""


def log_listing(changes: Sequence[Change]) -> Listing:
    records = [change_record(c) for c in changes]
    for record in records:
        record["detail"] = _detail(record)
    return Listing(
        fields=CHANGE_FIELDS,
        columns=(Column("date", "Date"), Column("event", "Event"), Column("name", "Name", style="bold"),
                 Column("detail", "Detail")),
        records=records,
        summary=plural(len(records), "event"),
    )


def diff_record(diff: Diff) -> dict[str, Any]:
    """The stable JSON shape of a diff: names in each group, renames with their dates."""
    return {
        "from": diff.start,
        "to": diff.end,
        "joined": [st.name for st in diff.joined],
        "left": [st.name for st in diff.left],
        "rejoined": [st.name for st in diff.rejoined],
        "renamed": [{"from": r.old_name, "to": r.new_name, "date": r.date} for r in diff.renamed],
    }


def diff_summary(diff: Diff) -> str:
    parts = [f"{len(diff.joined)} joined", f"{len(diff.left)} left", f"{len(diff.rejoined)} rejoined",
             f"{len(diff.renamed)} renamed"]
    return ", ".join(parts) + f" between {_when(diff.start)} and {_when(diff.end)}"


def _when(moment: date | str) -> str:
    return moment.isoformat() if isinstance(moment, date) else moment


def diff_listing(diff: Diff) -> Listing:
    """One row per change; `marker` is how a diff shows it: + joined, - left, ~ renamed."""
    records: list[dict[str, Any]] = []
    records += [{"change": "joined", "marker": "+", "name": st.name, "detail": ""} for st in diff.joined]
    records += [{"change": "rejoined", "marker": "+", "name": st.name, "detail": "rejoined"} for st in diff.rejoined]
    records += [{"change": "left", "marker": "-", "name": st.name, "detail": ""} for st in diff.left]
    records += [{"change": "renamed", "marker": "~", "name": f"{r.old_name} -> {r.new_name}",
                 "detail": f"renamed {r.date.isoformat()}"} for r in diff.renamed]
    return Listing(
        fields=("change", "name", "detail"),
        columns=(Column("marker", ""), Column("name", "Name"), Column("detail", "")),
        records=records,
        summary=diff_summary(diff),
    )


def growth_listing(rows: Sequence[PeriodCount]) -> Listing:
    return Listing(
        fields=("period", "joined", "left", "total"),
        columns=(Column("period", "Period"), Column("joined", "Joined", justify="right", style="green"),
                 Column("left", "Left", justify="right", style="red"), Column("total", "Total", justify="right"),
                 Column("total", "", bar=True, style="cyan")),
        records=[{"period": r.period, "joined": r.joined, "left": r.left, "total": r.total} for r in rows],
        summary=f"{plural(rows[-1].total, 'member')} at the end of {rows[-1].period}" if rows else "no members yet",
    )


def detail_record(ledger: Ledger, st: Standing) -> dict[str, Any]:
    """Everything about one signatory: the list record plus its names and memberships over time."""
    s = st.signatory
    return {
        **signatory_record(ledger, st),
        "member": st.is_member,
        "names": [{"name": n, "from": since, "until": until} for n, since, until in names_over_time(s)],
        "memberships": [{"joined": j, "left": lft, "reason": why} for j, lft, why in memberships(s)],
        "events": [change_record(c) for c in history(s)],
    }


def detail_listing(ledger: Ledger, st: Standing) -> Listing:
    record = detail_record(ledger, st)

    def span(start: Any, end: Any) -> str:
        return f"{start.isoformat()} to {end.isoformat() if end else 'now'}"

    rows = [
        ("Name", record["name"]),
        ("Id", record["id"]),
        ("Status", "member" if st.is_member else f"former member (left {st.left.isoformat()})" if st.left
         else "not yet a member"),
        ("Aliases", ", ".join(record["aliases"])),
        ("Names", "; ".join(f"{n['name']} ({span(n['from'], n['until'])})" for n in record["names"])),
        ("Memberships", "; ".join(span(m["joined"], m["left"]) + (f" ({m['reason']})" if m["reason"] else "")
                                  for m in record["memberships"])),
        ("Pledges", ", ".join(record["pledges"])),
        ("Sector", record["sector"] or ""),
        ("Country", record["country"] or ""),
        ("Source", record["source"] or ""),
        ("Note", record["note"] or ""),
    ]
    return Listing(
        fields=("field", "value"),
        columns=(Column("field", "Field", style="bold"), Column("value", "Value")),
        records=[{"field": f, "value": v} for f, v in rows],
        title=st.name,
        show_header=False,
    )


def watch_listing(results: Sequence[WatchResult], label: str, show_signed: bool, as_of: date | None) -> Listing:
    unsigned = [r for r in results if not r.has_signed]
    shown = results if show_signed else unsigned
    when = f" as of {as_of.isoformat()}" if as_of else ""
    return Listing(
        fields=("name", "status", "detail"),
        columns=(Column("name", "Name", style="bold"), Column("shown_status", "Status"), Column("detail", "Detail")),
        records=[{"name": r.name, "status": r.status.value, "shown_status": r.status.value.replace("_", " "),
                  "detail": r.detail} for r in shown],
        summary=f"{len(unsigned)} of {len(results)} on {label} have not signed{when}",
    )


def watchlists_listing(watchlists: Mapping[str, Sequence[str]]) -> Listing:
    return Listing(
        fields=("name", "count", "organisations"),
        columns=(Column("name", "Watchlist", style="bold"), Column("count", "Organisations", justify="right")),
        records=[{"name": n, "count": len(orgs), "organisations": list(orgs)} for n, orgs in watchlists.items()],
        summary=plural(len(watchlists), "watchlist"),
    )


def organisations_listing(name: str, organisations: Sequence[str]) -> Listing:
    return Listing(
        fields=("name",),
        columns=(Column("name", "Organisation"),),
        records=[{"name": o} for o in organisations],
        summary=f"{plural(len(organisations), 'organisation')} on {name}",
    )


EXPORT_FIELDS = ("id", "name", "status", "joined", "left", "sector", "country", "aliases", "pledges", "source",
                 "note", "history")


def export_listing(ledger: Ledger, on: date) -> Listing:
    """Every signatory, past and present, with its status on `on` and its history in words."""
    records = []
    all_pledges = tuple(ledger.pledge_ids)
    for s in ledger.signatories:
        st = standing(s, on)
        record = signatory_record(ledger, st, all_pledges)
        record["status"] = "member" if st.is_member else ("former" if st.has_joined else "not yet")
        record["history"] = [describe_change(c) for c in history(s) if c.kind != "join"]
        records.append(record)
    members = sum(1 for r in records if r["status"] == "member")
    return Listing(
        fields=EXPORT_FIELDS,
        columns=(Column("name", "Name"), Column("status", "Status"), Column("joined", "Joined"),
                 Column("left", "Left"), Column("sector", "Sector"), Column("country", "Country"),
                 Column("history", "History")),
        records=records,
        summary=f"{plural(members, 'member')}, {len(records) - members} former or not yet joined, on {on.isoformat()}",
        title=ledger.accord.name,
    )


@dataclass(frozen=True)
class Report:
    """A one-page summary: a title, a few facts, then one listing per section."""

    title: str
    facts: list[str]
    sections: list[tuple[str, Listing]]


NEWEST_SHOWN = 10


def report(ledger: Ledger, on: date, growth_rows: Sequence[PeriodCount], by: str,
           watch: Mapping[str, Sequence[WatchResult]], support: Sequence[tuple[Pledge, int]]) -> Report:
    standings = [standing(s, on) for s in ledger.signatories]
    members = [st for st in standings if st.is_member]
    former = [st for st in standings if st.has_joined and not st.is_member]
    accord = ledger.accord
    facts = [f"{plural(len(members), 'current member')}, {plural(len(former), 'former member')}, "
             f"{plural(len(ledger.pledges), 'pledge')}; as of {on.isoformat()}."]
    if accord.launched:
        facts.append(f"Launched {accord.launched.isoformat()}." + (f" {accord.url}" if accord.url else ""))
    newest = sorted(members, key=lambda st: (st.signatory.joined, st.name), reverse=True)[:NEWEST_SHOWN]
    sections = [
        (f"Growth by {by}", growth_listing(growth_rows)),
        ("Newest signatories", signatory_listing(ledger, newest, len(members))),
    ]
    if former:
        sections.append(("Former members", signatory_listing(ledger, former, len(former), with_former=True)))
    sections.append(("Pledges", pledge_listing(ledger, support, len(members))))
    if watch:
        sections.append(("Watchlists", _watch_summary(watch)))
    return Report(f"{accord.name}: membership report", facts, sections)


def _watch_summary(watch: Mapping[str, Sequence[WatchResult]]) -> Listing:
    records = []
    for name, results in watch.items():
        unsigned = [r.name for r in results if not r.has_signed]
        records.append({"watchlist": name, "organisations": len(results), "signed": len(results) - len(unsigned),
                        "not_signed": unsigned})
    return Listing(
        fields=("watchlist", "organisations", "signed", "not_signed"),
        columns=(Column("watchlist", "Watchlist", style="bold"), Column("organisations", "On it", justify="right"),
                 Column("signed", "Signed", justify="right", style="green"), Column("not_signed", "Not signed")),
        records=records,
        summary=plural(len(records), "watchlist"),
    )


def import_summary(plan: ImportPlan) -> str:
    parts = [f"{len(plan.new)} new", f"{len(plan.present)} already present",
             plural(len(plan.possible), "possible match", "possible matches") + " (not imported)"]
    if plan.leaving:
        parts.append(f"{len(plan.leaving)} to mark as left")
    if plan.new_pledges:
        parts.append(plural(len(plan.new_pledges), "new pledge"))
    return ", ".join(parts)


def import_record(plan: ImportPlan, written: bool) -> dict[str, Any]:
    """The stable JSON shape of an import's outcome."""
    return {
        "written": written,
        "new": [row.name for row in plan.new],
        "already_present": [{"name": m.row.name, "signatory": m.signatory.name, "id": m.signatory.id}
                            for m in plan.present],
        "possible_matches": [{"name": m.row.name, "looks_like": m.signatory.name, "id": m.signatory.id}
                             for m in plan.possible],
        "leaving": [s.name for s in plan.leaving],
        "new_pledges": [p.id for p in plan.new_pledges],
    }


def import_listing(plan: ImportPlan, on: date) -> Listing:
    """The preview of an import: what would be added or marked as left, and what needs a person's look."""
    records: list[dict[str, Any]] = []
    records += [{"action": "new pledge", "name": p.title, "date": None, "detail": f"id {p.id}"}
                for p in plan.new_pledges]
    records += [{"action": "add", "name": row.name, "date": row.joined or on,
                 "detail": ", ".join(x for x in (row.sector, row.country) if x)} for row in plan.new]
    records += [{"action": "possible match", "name": m.row.name, "date": None,
                 "detail": f"looks like {m.signatory.name} (id {m.signatory.id}); not imported"}
                for m in plan.possible]
    records += [{"action": "leave", "name": s.name, "date": on, "detail": "not in the file (--mirror)"}
                for s in plan.leaving]
    return Listing(
        fields=("action", "name", "date", "detail"),
        columns=(Column("action", "Action", style="bold"), Column("name", "Name"), Column("date", "Date"),
                 Column("detail", "Detail")),
        records=records,
        summary=import_summary(plan),
    )
