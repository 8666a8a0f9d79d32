"""What each command shows, as plain records and column choices, ready for any renderer.

Records carry every field a script may want (JSON and CSV show them all);
columns pick what a person sees in a table or in Markdown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from accord_cli.model import Ledger, Pledge, Problem, Signatory

SIGNATORY_FIELDS = ("id", "name", "joined", "left", "sector", "country", "aliases", "pledges", "source", "note")


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    header: str
    justify: str = "left"
    style: str | None = None


@dataclass(frozen=True, slots=True)
class Listing:
    """Rows for one command's output, with the sentence that sums them up."""

    fields: tuple[str, ...]
    columns: tuple[Column, ...]
    records: list[dict[str, Any]] = field(default_factory=list)
    summary: str = ""
    title: str | None = None


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    return f"{count} {noun if count == 1 else nouns or noun + 's'}"


def signatory_record(ledger: Ledger, s: Signatory) -> dict[str, Any]:
    return {
        "id": s.id,
        "name": s.name,
        "joined": s.joined,
        # Nothing in a ledger records leaving yet; the key is part of the stable output.
        "left": None,
        "sector": s.sector,
        "country": s.country,
        "aliases": list(s.aliases),
        "pledges": list(s.endorsed(ledger.pledges)),
        "source": s.source,
        "note": s.note,
    }


def signatory_listing(ledger: Ledger, shown: Sequence[Signatory], total: int) -> Listing:
    count = plural(len(shown), "signatory", "signatories")
    summary = count if len(shown) == total else f"{count} of {total} match"
    return Listing(
        fields=SIGNATORY_FIELDS,
        columns=(
            Column("name", "Name", style="bold"),
            Column("joined", "Joined"),
            Column("sector", "Sector"),
            Column("country", "Country"),
        ),
        records=[signatory_record(ledger, s) for s in shown],
        summary=summary,
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
