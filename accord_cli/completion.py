"""Shell completion callbacks for Typer: names, watchlists and pledge ids from the ledger in use.

The group callback does not run while completing, so the --ledger value (or
$ACCORD_LEDGER) is read from the parsed parameters of the root context. The
candidates themselves come from quick_complete, which also answers most of
these completions without loading Typer at all.
"""

import typer

from accord_cli.quick_complete import candidates


def _ledger_path(ctx: typer.Context) -> str | None:
    explicit = ctx.find_root().params.get("ledger_path")
    return str(explicit) if explicit else None


def signatory_names(ctx: typer.Context, incomplete: str) -> list[str]:
    """Current names and aliases of every signatory."""
    return candidates("signatory", _ledger_path(ctx), incomplete)


def watchlist_names(ctx: typer.Context, incomplete: str) -> list[str]:
    return candidates("watchlist", _ledger_path(ctx), incomplete)


def pledge_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    return candidates("pledge", _ledger_path(ctx), incomplete)
