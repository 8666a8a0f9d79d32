"""What `accord counts` shows: each total a source reports, beside the members the ledger names then."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from accord_cli.core.counts import Coverage
from accord_cli.core.model import Count
from accord_cli.render.result import Column, Result, plural

# The share of a total the ledger names, qualified as the total is: of "at least 150", at most a part.
_SHARE_QUALIFIERS = {"exact": "", "at-least": "at most ", "about": "about "}


def coverage_sentence(cover: Coverage) -> str:
    """How much of a reported total the ledger names: 'the ledger names 36 of the 44 reported on
    2018-09-11 (82%)'."""
    count = cover.count
    return f"the ledger names {_named(cover)} of the {count.describe()} reported {count.date.phrase}" + (
        f" ({share_text(cover)})" if cover.share is not None else ""
    )


def _named(cover: Coverage, short: bool = False) -> str:
    if not cover.possibly:
        return f"{cover.named:,}"
    if short:
        return f"{cover.named:,} (+{cover.possibly:,} possibly)"
    return f"{cover.named:,} (and {cover.possibly:,} more possibly)"


def share_text(cover: Coverage) -> str:
    """The share of a reported total the ledger names: "82%", "at most 25%", "under 1%"; "" for a total of 0.
    Of "at least 5" when the ledger names 35, at most all of it: the true total is at least what is named."""
    if cover.share is None:
        return ""
    share = min(cover.share, 1.0) if cover.count.qualifier == "at-least" else cover.share
    percent = "under 1" if 0 < share < 0.005 else f"{round(100 * share)}"
    return f"{_SHARE_QUALIFIERS[cover.count.qualifier]}{percent}%"


def _record(cover: Coverage) -> dict[str, Any]:
    count = cover.count
    return {
        "date": count.date,
        "count": count.count,
        "qualifier": count.qualifier,
        "reported": count.describe(),
        "named": cover.named,
        "possibly": cover.possibly,
        "share": None if cover.share is None else round(cover.share, 4),
        "shown_share": share_text(cover),
        "shown_named": _named(cover, short=True),
        "source": count.source,
        "note": count.note,
    }


def counts_result(covered: Sequence[Coverage]) -> Result:
    """Each reported total, numbered as `counts edit` and `counts remove` take it."""
    records = [{"number": number, **_record(cover)} for number, cover in enumerate(covered, start=1)]
    return Result(
        records=records,
        fields=("number", "date", "count", "qualifier", "named", "possibly", "share", "source", "note"),
        columns=(
            Column("number", "#", justify="right"),
            Column("date", "Date"),
            Column("reported", "Reported", justify="right", whole=True),
            Column("shown_named", "Named", justify="right", whole=True),
            Column("shown_share", "Share", justify="right", whole=True),
            Column("source", "Source", wrap=True, link=True),
        )
        if records
        else (),
        sentence=(
            plural(len(records), "reported total")
            + (f"; latest: {coverage_sentence(covered[-1])}" if covered else "; record one with `accord counts add`")
        ),
    )


def recorded_count_result(cover: Coverage, number: int, label: str) -> Result:
    """What `counts add` says: the total recorded, its number as `counts` lists it, and how much of it the
    ledger names."""
    count = cover.count
    share = f" ({share_text(cover)})" if cover.share is not None else ""
    return Result(
        sentence=f"Recorded in {label}, as total {number}: {count.describe()} reported "
        f"{count.date.phrase}, of which the ledger names {_named(cover)}{share}.",
        document={
            "number": number,
            **{
                key: value
                for key, value in _record(cover).items()
                if not key.startswith("shown_") and key != "reported"
            },
        },
    )


def edited_count_result(before: Count, after: Coverage, number: int, label: str) -> Result:
    """What `counts edit` says: the total before and after, its number now, and how much of it the ledger
    names."""
    count = after.count
    share = f" ({share_text(after)})" if after.share is not None else ""
    return Result(
        sentence=f"Corrected in {label}: {before.describe()} reported {before.date.phrase} is now "
        f"{count.describe()} reported {count.date.phrase} (total {number}), of which the "
        f"ledger names {_named(after)}{share}.",
        document={"number": number, "before": _count_record(before), "after": _count_record(count)},
    )


def removed_count_result(gone: Count, label: str) -> Result:
    """What `counts remove` says: the total it took out."""
    return Result(
        sentence=f"Removed from {label}: {gone.describe()} reported {gone.date.phrase}.", document=_count_record(gone)
    )


def _count_record(count: Count) -> dict[str, Any]:
    return {
        "date": count.date,
        "count": count.count,
        "qualifier": count.qualifier,
        "source": count.source,
        "note": count.note,
    }
