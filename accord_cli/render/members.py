"""What the commands about signatories show: list, add, pledges, check, show, fmt."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from msgspec import structs

from accord_cli.core.changes import Removal
from accord_cli.core.characters import escape_unsafe
from accord_cli.core.membership import (
    Standing,
    history,
    memberships,
    names_over_time,
    standing,
)
from accord_cli.core.model import (
    ROW_FIELDS,
    TEXT_FIELDS,
    Ledger,
    Pledge,
    Problem,
    Signatory,
)
from accord_cli.render.history import change_record, describe_change
from accord_cli.render.result import Column, Columns, Result, corrections_result, plural

_ROW_KEYS = tuple(f.encode_name for f in ROW_FIELDS)
# A signatory's record: its fields, the date it left just after the date it joined, and last whether its
# standing is certain (False when a date is too vague to say whether it was a member then).
SIGNATORY_FIELDS = (
    *_ROW_KEYS[: _ROW_KEYS.index("joined") + 1],
    "left",
    *_ROW_KEYS[_ROW_KEYS.index("joined") + 1 :],
    "certain",
)
POSSIBLE_MARKER = "?"


def signatory_record(st: Standing, all_pledges: tuple[str, ...]) -> dict[str, Any]:
    """A signatory as it stood: every field, its name then, when it left, and its pledges spelled out."""
    s = st.signatory
    record = dict(zip(_ROW_KEYS, structs.astuple(s)))
    record["name"] = st.name
    record["left"] = st.left
    record["certain"] = not st.is_possible
    record["pledges"] = s.endorsed(all_pledges)
    return record


def signatory_columns(shown: Sequence[Standing], all_pledges: tuple[str, ...]) -> Columns:
    """`signatory_record` for each of `shown`, built column by column."""
    signatories = [st.signatory for st in shown]
    fields = zip(*map(structs.astuple, signatories)) if signatories else ((),) * len(_ROW_KEYS)
    columns = dict(zip(_ROW_KEYS, map(list, fields)))
    columns["name"] = [st.name for st in shown]
    columns["left"] = [st.left for st in shown]
    columns["certain"] = [not st.is_possible for st in shown]
    columns["pledges"] = [all_pledges if pledges is None else pledges for pledges in columns["pledges"]]
    return Columns(columns)


def list_result(ledger: Ledger, shown: Sequence[Standing], total: int, with_former: bool = False) -> Result:
    noun = (
        ("signatory", "signatories") if not with_former else ("member or former member", "members and former members")
    )
    possible = sum(st.is_possible for st in shown)
    count = plural(len(shown) - possible, *noun)
    if possible:
        count += f", {possible:,} more possibly (marked {POSSIBLE_MARKER})"
    records = signatory_columns(shown, ledger.pledge_ids)
    if possible:
        records.columns["marker"] = [POSSIBLE_MARKER if st.is_possible else "" for st in shown]
    columns = (
        *([Column("marker", "", style="yellow")] if possible else []),
        Column("name", "Name", style="bold"),
        Column("joined", "Joined"),
        *([Column("left", "Left", style="red")] if with_former else []),
        Column("sector", "Sector"),
        Column("country", "Country"),
    )
    return Result(
        records=records,
        fields=SIGNATORY_FIELDS,
        columns=columns,
        sentence=count if len(shown) == total else f"{count} of {total:,} match",
        title=ledger.accord.name,
    )


def created_result(path: str, ledger: Ledger) -> Result:
    """What `init` says: the file made, the accord it holds and how many signatories."""
    accord = ledger.accord
    return Result(
        sentence=f"Created {path}: {accord.name}, {plural(len(ledger.signatories), 'signatory', 'signatories')}.",
        document={
            "ledger": path,
            "name": accord.name,
            "launched": accord.launched,
            "url": accord.url,
            "signatories": len(ledger.signatories),
        },
    )


def pledge_result(sentence: str, pledge: Pledge | None, **more: Any) -> Result:
    """What `pledge add|edit|remove` says: a sentence, or the pledge as recorded (or as removed)."""
    record = (
        None
        if pledge is None
        else {"id": pledge.id, "title": pledge.title, "summary": pledge.summary, "source": pledge.source}
    )
    return Result(sentence=sentence, document={"pledge": record, **more})


def formatted_result(label: str, diff: str, canonical: bool, rewritten: bool) -> Result:
    """What `fmt` says for a script: whether the file was canonical, whether it was rewritten, and the diff."""
    sentence = (
        f"{label} is already in canonical form."
        if canonical
        else f"Rewrote {label}."
        if rewritten
        else f"{label} is not in canonical form."
    )
    return Result(
        sentence=sentence, document={"ledger": label, "canonical": canonical, "rewritten": rewritten, "diff": diff}
    )


def added_result(ledger: Ledger, signatory: Signatory, label: str) -> Result:
    return Result(
        sentence=f"Added {signatory.name} (id {signatory.id}), joined {signatory.joined.isoformat()}, to {label}.",
        document=signatory_record(
            standing(signatory, signatory.joined.last, ledger.accord.launched), ledger.pledge_ids
        ),
    )


def removal_preview(removal: Removal) -> str:
    """What `remove` is about to take out, for the person asked to confirm: the entry, each change of its
    history, and the watchlists that name it."""
    s = removal.signatory
    lines = [f"{s.name} (id {s.id}): " + "; ".join(describe_change(c) for c in history(s))]
    lines += [
        f"Watchlist '{name}' names it ({', '.join(found)}) and keeps the entry: it will show as not signed."
        for name, found in removal.named_on.items()
    ]
    return "\n".join(lines)


def removed_result(ledger: Ledger, removal: Removal, today: date, label: str) -> Result:
    """What `remove` did: a sentence, or the record of the signatory removed and what went with it."""
    s = removal.signatory
    events = f", with its {plural(len(s.events), 'event')}," if s.events else ""
    return Result(
        sentence=f"Removed {s.name} (id {s.id}){events} from {label}.",
        document={
            **signatory_record(standing(s, today, ledger.accord.launched), ledger.pledge_ids),
            "events": len(s.events),
            "named_on": {name: list(found) for name, found in removal.named_on.items()},
        },
    )


def edited_result(ledger: Ledger, before: Signatory, after: Signatory, today: date, label: str) -> Result:
    """What `edit` corrected: each field that changed, before and after."""
    old = signatory_record(standing(before, today, ledger.accord.launched), ledger.pledge_ids)
    new = signatory_record(standing(after, today, ledger.accord.launched), ledger.pledge_ids)
    records = [
        {"field": key, "before": old[key], "after": new[key]} for key in SIGNATORY_FIELDS if old[key] != new[key]
    ]
    sentence = (
        f"Corrected {plural(len(records), 'field')} of {after.name} in {label}."
        if records
        else f"Nothing to change: {after.name} already reads so in {label}."
    )
    return corrections_result(records, sentence)


def pledges_result(ledger: Ledger, support: Sequence[tuple[Pledge, int]], signatory_count: int) -> Result:
    return Result(
        records=[{"id": p.id, "title": p.title, "summary": p.summary, "signatories": n} for p, n in support],
        fields=("id", "title", "summary", "signatories"),
        columns=(
            Column("id", "Id", style="bold"),
            Column("title", "Title"),
            Column("signatories", "Signatories", justify="right"),
            Column("summary", "Summary"),
        ),
        sentence=f"{plural(len(support), 'pledge')}, "
        f"{plural(signatory_count, 'current signatory', 'current signatories')}",
        title=ledger.accord.name,
    )


PROBLEM_FIELDS = ("location", "line", "column", "entry", "field", "message", "severity")


def problems_result(
    problems: Sequence[Problem], label: str, position: Callable[[Problem], tuple[int, int] | None]
) -> Result:
    """Every problem with where it is, `label:LINE:COL`, as far as the file shows it."""
    records = []
    for problem in problems:
        line, column = position(problem) or (None, None)
        records.append(
            {
                "location": f"{label}:{line}:{column}" if line else label,
                "line": line,
                "column": column,
                "entry": problem.subject,
                "field": ".".join(str(part) for part in problem.path),
                "message": problem.message,
                # A note is worth knowing but wrong with nothing: check passes with notes alone.
                "severity": "note" if problem.note else "problem",
            }
        )
    return Result(
        records=records,
        fields=PROBLEM_FIELDS,
        columns=(
            Column("location", "Where"),
            Column("entry", "Entry", style="bold"),
            Column("message", "Problem", wrap=True),
        ),
        sentence=_problems_sentence(problems, label),
    )


def conflicts_result(label: str, conflicts: Sequence[tuple[int, str]]) -> Result:
    """Each merge conflict left in the ledger, at the line of its opening marker, as a problem."""
    problems = [Problem((), "unresolved merge conflict" + (f": {reason}" if reason else "")) for _, reason in conflicts]
    lines = {id(problem): line for problem, (line, _) in zip(problems, conflicts)}
    return problems_result(problems, label, lambda problem: (lines[id(problem)], 1))


def _problems_sentence(problems: Sequence[Problem], label: str) -> str:
    notes = sum(p.note for p in problems)
    found = plural(len(problems) - notes, "problem") + f" in {label}"
    return found + (f", and {plural(notes, 'note')}" if notes else "")


def no_problems_result(label: str, signatories: int) -> Result:
    return Result(
        fields=PROBLEM_FIELDS,
        sentence=f"No problems found in {label} ({plural(signatories, 'signatory', 'signatories')}).",
    )


def detail_record(ledger: Ledger, st: Standing) -> dict[str, Any]:
    """Everything about one signatory: the list record plus its names and memberships over time."""
    s = st.signatory
    return {
        **signatory_record(st, ledger.pledge_ids),
        "member": st.is_member,
        "names": [{"name": n, "from": since, "until": until} for n, since, until in names_over_time(s)],
        "memberships": [{"joined": j, "left": lft, "reason": why} for j, lft, why in memberships(s)],
        "events": [{"number": c.number, **change_record(c)} for c in history(s)],
    }


def _described_event(record: dict[str, Any]) -> str:
    """An event in one line: its date and kind, what it says, where to check it."""
    said = f"{record['from']} -> {record['to']}" if record["event"] == "rename" else record["reason"]
    parts = [record["date"].isoformat(), record["event"], *(f"({text})" for text in (said, record["note"]) if text)]
    return " ".join(parts) + (f"; source {record['source']}" if record["source"] else "")


def show_result(ledger: Ledger, st: Standing) -> Result:
    record = detail_record(ledger, st)

    def span(start: Any, end: Any) -> str:
        return f"{start.isoformat()} to {end.isoformat() if end else 'now'}"

    status = (
        "member"
        if st.is_member
        else f"former member (left {st.left.isoformat()})"
        if st.left
        else "possibly a member (its dates are not precise enough to say)"
        if st.is_possible
        else "not yet a member"
    )
    rows = [
        ("Name", record["name"]),
        ("Id", record["id"]),
        ("Status", status),
        ("Aliases", ", ".join(record["aliases"])),
        ("Names", "; ".join(f"{n['name']} ({span(n['from'], n['until'])})" for n in record["names"])),
        (
            "Memberships",
            "; ".join(
                span(m["joined"], m["left"]) + (f" ({m['reason']})" if m["reason"] else "")
                for m in record["memberships"]
            ),
        ),
        ("Pledges", ", ".join(record["pledges"])),
        *((f.encode_name.capitalize(), record[f.encode_name] or "") for f in TEXT_FIELDS),
        *((f"Event {e['number']}", _described_event(e)) for e in record["events"] if e["number"]),
    ]
    return Result(
        records=[{"field": f, "value": v} for f, v in rows],
        fields=("field", "value"),
        columns=(Column("field", "Field", style="bold"), Column("value", "Value", wrap=True)),
        title=st.name,
        show_header=False,
        document=record,
    )


def canonical_diff(before: str, after: str, label: str) -> str:
    """A unified diff of the ledger's text and its canonical rewrite, each line made safe for a terminal."""
    from accord_cli.render.text_diff import unified_diff

    lines = unified_diff(before, after, f"{label} (now)", f"{label} (rewritten)")
    return "".join(escape_unsafe(line) + "\n" for line in lines)
