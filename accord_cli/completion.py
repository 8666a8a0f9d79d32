"""Shell completion: names, watchlists and pledge ids read from the ledger the command would use.

The group callback does not run while completing, so the --ledger value (or
$ACCORD_LEDGER) is read from the parsed parameters of the root context.
"""

from __future__ import annotations

from pathlib import Path

import typer

from accord_cli import ledger
from accord_cli.errors import AccordError
from accord_cli.model import Ledger


def _ledger(ctx: typer.Context) -> Ledger | None:
    explicit = ctx.find_root().params.get("ledger_path")
    try:
        return ledger.load(ledger.locate(Path(explicit) if explicit else None, Path.cwd())).ledger
    except AccordError:
        return None  # a broken ledger offers nothing to complete; the command itself will say why


def _starting(candidates: list[str], incomplete: str) -> list[str]:
    prefix = incomplete.casefold()
    return [c for c in dict.fromkeys(candidates) if c.casefold().startswith(prefix)]


def signatory_names(ctx: typer.Context, incomplete: str) -> list[str]:
    """Current names and aliases of every signatory."""
    found = _ledger(ctx)
    return _starting([n for s in found.signatories for n in s.names], incomplete) if found else []


def watchlist_names(ctx: typer.Context, incomplete: str) -> list[str]:
    found = _ledger(ctx)
    return _starting(list(found.watchlists), incomplete) if found else []


def pledge_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    found = _ledger(ctx)
    return _starting(list(found.pledge_ids), incomplete) if found else []
