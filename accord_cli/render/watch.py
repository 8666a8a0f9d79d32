"""What `accord missing` and the `accord watchlist` commands show."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from accord_cli.core.watchlists import WatchResult
from accord_cli.render.result import Column, Result, plural


def missing_result(results: Sequence[WatchResult], label: str, show_signed: bool, as_of: date | None) -> Result:
    unsigned = [r for r in results if not r.has_signed]
    possibly = sum(not r.certain for r in results)
    shown = results if show_signed else unsigned
    when = f" as of {as_of.isoformat()}" if as_of else ""
    return Result(
        records=[
            {
                "name": r.name,
                "status": r.status.value,
                "certain": r.certain,
                "detail": r.detail,
                "shown_status": ("" if r.certain else "possibly ") + r.status.value.replace("_", " "),
                **_matched(r),
            }
            for r in shown
        ],
        fields=("name", "status", "certain", "detail", "id", "signatory", "joined", "left"),
        columns=(
            Column("name", "Name", style="bold"),
            Column("shown_status", "Status", whole=True),
            Column("detail", "Detail"),
        ),
        sentence=f"{len(unsigned)} of {len(results)} on {label} have not signed{when}"
        + (f", {possibly} of them possibly {'has' if possibly == 1 else 'have'}" if possibly else ""),
    )


def watchlists_result(watchlists: Mapping[str, Sequence[str]]) -> Result:
    return Result(
        records=[{"name": n, "count": len(orgs), "organisations": list(orgs)} for n, orgs in watchlists.items()],
        fields=("name", "count", "organisations"),
        columns=(Column("name", "Watchlist", style="bold"), Column("count", "Organisations", justify="right")),
        sentence=plural(len(watchlists), "watchlist"),
    )


def organisations_result(name: str, organisations: Sequence[str]) -> Result:
    return Result(
        records=[{"name": o} for o in organisations],
        fields=("name",),
        columns=(Column("name", "Organisation"),),
        sentence=f"{plural(len(organisations), 'organisation')} on {name}",
    )


def _matched(result: WatchResult) -> dict[str, Any]:
    """The signatory a watchlist name matched, or nearly matched: its id, its name then, when it joined
    and left; all None when it matched no one."""
    st = result.standing
    if st is None:
        return {"id": None, "signatory": None, "joined": None, "left": None}
    return {"id": st.signatory.id, "signatory": st.name, "joined": st.signatory.joined, "left": st.left}


def added_to_watchlist_result(name: str, added: Sequence[str], already: Sequence[str], size: int) -> Result:
    """What `watchlist add` recorded (the names already on the list are in the record, and noted apart)."""
    return Result(
        sentence=f"Added {plural(len(added), 'organisation')} to {name} (now {size}).",
        document={"watchlist": name, "added": list(added), "already_there": list(already), "size": size},
    )


def removed_from_watchlist_result(name: str, removed: Sequence[str], size: int) -> Result:
    return Result(
        sentence=f"Removed {plural(len(removed), 'organisation')} from {name}"
        + (f" (now {size})." if size else "; it was left empty, so it was deleted."),
        document={"watchlist": name, "removed": list(removed), "size": size, "deleted": not size},
    )


def deleted_watchlist_result(name: str, organisations: Sequence[str]) -> Result:
    return Result(
        sentence=f"Deleted watchlist {name} ({plural(len(organisations), 'organisation')}).",
        document={"watchlist": name, "deleted": list(organisations)},
    )
