"""What the commands about membership over time show: leave, rejoin, rename, diff, log, timeline."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from accord_cli.core.membership import history
from accord_cli.render.result import (
    Column,
    Result,
    corrections_result,
    plural,
)

if TYPE_CHECKING:
    from accord_cli.core.membership import Change, Standing
    from accord_cli.core.timeline import Diff, PeriodCount

CHANGE_FIELDS = ("date", "event", "id", "name", "reason", "from", "to", "source", "note")


def change_record(change: Change) -> dict[str, Any]:
    return {
        "date": change.date,
        "event": change.kind,
        "id": change.signatory.id,
        "name": change.name,
        "reason": change.reason,
        "from": change.old_name,
        "to": change.new_name,
        "source": change.source,
        "note": change.note,
    }


_PAST_TENSE = {"join": "joined", "leave": "left", "rejoin": "rejoined", "rename": "was renamed"}


def describe_change(change: Change) -> str:
    """A change as a sentence: 'Symantec left on 2020-01-31 (acquired)'."""
    if change.kind == "rename":
        return f"{change.old_name} was renamed {change.new_name} {change.date.phrase}"
    reason = f" ({change.reason})" if change.reason else ""
    return f"{change.name} {_PAST_TENSE[change.kind]} {change.date.phrase}{reason}"


def recorded_result(change: Change, label: str) -> Result:
    """What leave, rejoin and rename say: the change as a sentence, or as a `log` record in JSON."""
    return Result(sentence=f"Recorded in {label}: {describe_change(change)}.", document=change_record(change))


def dropped_result(change: Change, number: int, name: str, label: str) -> Result:
    """What drop-event says: which event went, or in JSON the event as a `log` record, with its number."""
    return Result(
        sentence=f"Dropped event {number} of {name} from {label}.", document={"number": number, **change_record(change)}
    )


def _detail(record: dict[str, Any]) -> str:
    return f"{record['from']} -> {record['to']}" if record["event"] == "rename" else record["reason"] or ""


def log_result(changes: Sequence[Change]) -> Result:
    records = [change_record(c) for c in changes]
    for record in records:
        record["detail"] = _detail(record)
    return Result(
        records=records,
        fields=CHANGE_FIELDS,
        columns=(
            Column("date", "Date"),
            Column("event", "Event", whole=True),
            Column("name", "Name", style="bold"),
            Column("detail", "Detail"),
        ),
        sentence=plural(len(records), "event"),
    )


def events_result(changes: Sequence[Change]) -> Result:
    """One signatory's events, each with the number `amend` and `drop-event` take."""
    events = [c for c in changes if c.kind != "join"]
    records = [{"number": c.number, **change_record(c)} for c in events]
    for record in records:
        record["detail"] = _detail(record)
    joined = changes[0]
    return Result(
        records=records,
        fields=("number", *CHANGE_FIELDS),
        columns=(
            Column("number", "No.", justify="right"),
            Column("date", "Date"),
            Column("event", "Event"),
            Column("detail", "Detail", wrap=True),
            Column("source", "Source", wrap=True),
        ),
        sentence=f"{plural(len(records), 'event')} of {joined.signatory.name} since it joined {joined.date.phrase}",
        title=joined.signatory.name,
    )


def amended_result(before: Change, after: Change, label: str) -> Result:
    """What `amend` corrected in an event: each field that changed, before and after."""
    old, new = change_record(before), change_record(after)
    records = [{"field": key, "before": old[key], "after": new[key]} for key in CHANGE_FIELDS if old[key] != new[key]]
    sentence = (
        f"Corrected event {after.number} of {after.signatory.name} in {label}: {describe_change(after)}."
        if records
        else f"Nothing to change: event {after.number} of {after.signatory.name} already reads so."
    )
    return corrections_result(records, sentence)


def _when(moment: date | str) -> str:
    return moment.isoformat() if isinstance(moment, date) else moment


_MARKER_STYLES = {"+": "green", "-": "red", "~": "yellow", "+?": "green", "-?": "red"}


def diff_result(diff: Diff) -> Result:
    """One row per change, marked the way a text diff marks lines: + joined, - left, ~ renamed."""
    records: list[dict[str, Any]] = []
    records += [{"change": "joined", "marker": "+", "name": st.name, "detail": ""} for st in diff.joined]
    records += [{"change": "rejoined", "marker": "+", "name": st.name, "detail": "(rejoined)"} for st in diff.rejoined]
    records += [{"change": "left", "marker": "-", "name": st.name, "detail": ""} for st in diff.left]
    records += [
        {
            "change": "renamed",
            "marker": "~",
            "name": f"{r.old_name} -> {r.new_name}",
            "detail": f"(renamed {r.date.isoformat()})",
        }
        for r in diff.renamed
    ]
    # What a date too vague to be sure of may have changed, apart and marked with a question mark.
    records += [
        {"change": "possibly joined", "marker": "+?", "name": st.name, "detail": f"(possibly; {_dates_of(st)})"}
        for st in diff.possibly_joined
    ]
    records += [
        {"change": "possibly left", "marker": "-?", "name": st.name, "detail": f"(possibly; {_dates_of(st)})"}
        for st in diff.possibly_left
    ]
    for record in records:
        record["style"] = _MARKER_STYLES[record["marker"]]
    groups: list[tuple[Sequence[object], str]] = [
        (diff.joined, "joined"),
        (diff.left, "left"),
        (diff.rejoined, "rejoined"),
        (diff.renamed, "renamed"),
    ]
    groups += [
        (group, word)
        for group, word in ((diff.possibly_joined, "possibly joined"), (diff.possibly_left, "possibly left"))
        if group
    ]
    counts = ", ".join(f"{len(group)} {word}" for group, word in groups)
    return Result(
        records=records,
        fields=("change", "name", "detail"),
        columns=(Column("marker", ""), Column("name", "Name"), Column("detail", "", wrap=True)),
        sentence=f"{counts} between {_when(diff.start)} and {_when(diff.end)}",
        show_header=False,
        row_style="style",
        document={
            "from": diff.start,
            "to": diff.end,
            "joined": [st.name for st in diff.joined],
            "left": [st.name for st in diff.left],
            "rejoined": [st.name for st in diff.rejoined],
            "renamed": [{"from": r.old_name, "to": r.new_name, "date": r.date} for r in diff.renamed],
            "possibly_joined": [st.name for st in diff.possibly_joined],
            "possibly_left": [st.name for st in diff.possibly_left],
        },
    )


def _dates_of(st: Standing) -> str:
    """The dates that leave a membership uncertain: 'joined 2018-09', 'left 2019'."""
    vague = [c for c in history(st.signatory) if c.effective and not c.date.is_exact]
    return ", ".join(f"{_PAST_TENSE[c.kind]} {c.date.isoformat()}" for c in vague)


def growth_result(rows: Sequence[PeriodCount]) -> Result:
    """Joins, leaves and members by period, and how many more possibly at the end of each."""
    possibly = any(r.possibly for r in rows)
    records = [
        {"period": r.period, "joined": r.joined, "left": r.left, "total": r.total, "possibly": r.possibly} for r in rows
    ]
    last = next((r for r in reversed(rows) if not r.dated), None)
    if last is not None:
        sentence = f"{plural(last.total, 'member')} at the end of {last.period}"
        sentence += f", {last.possibly:,} more possibly" if last.possibly else ""
    else:
        sentence = "no members yet"
    return Result(
        records=records,
        fields=("period", "joined", "left", "total", "possibly"),
        columns=(
            Column("period", "Period", whole=True),
            Column("joined", "Joined", justify="right", style="green"),
            Column("left", "Left", justify="right", style="red"),
            Column("total", "Total", justify="right"),
            *([Column("possibly", "Possibly", justify="right", style="yellow")] if possibly else []),
            # The change in each period, on one scale: what grew or shrank shows, not the running total.
            Column("joined", "+", bar=True, style="green"),
            Column("left", "-", bar=True, style="red"),
        ),
        sentence=sentence,
    )
