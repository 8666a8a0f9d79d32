"""Shell completion of signatory names, watchlists and pledge ids, read from the ledger in use.

A value completes through Click's `shell_complete` on its parameter's type,
matching what was typed whatever its case and accents ("tren" finds "Trend
Micro", "telefo" finds "Telefónica"); shells.py tells bash and zsh to insert
them quoted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import click
from click.shell_completion import CompletionItem

from accord_cli.core.errors import AccordError
from accord_cli.core.model import Ledger
from accord_cli.core.names import starting_with

# The CompletionItem type of a value from the ledger, which shells.py quotes.
LEDGER_VALUE = "ledger-value"


def _ledger_in_use(ctx: click.Context) -> Ledger | None:
    """The ledger the command being completed would use; None if it cannot be read.

    The group's callback does not run while completing, so --ledger (or
    $ACCORD_LEDGER) comes from the root context's parsed parameters.
    """
    from accord_cli.storage.ledger_file import load
    from accord_cli.storage.location import locate

    explicit = ctx.find_root().params.get("ledger_path")
    try:
        return load(locate(Path(explicit) if explicit else None, Path.cwd())).ledger
    except AccordError:
        return None  # a broken ledger offers nothing; the command itself will say why


class LedgerValue(click.ParamType):
    """Text that names something in the ledger, completed from it."""

    name = "text"

    def __init__(self, values: Callable[[Ledger], Iterable[str]]) -> None:
        self.values = values

    def shell_complete(self, ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
        ledger = _ledger_in_use(ctx)
        if ledger is None:
            return []
        return [CompletionItem(value, type=LEDGER_VALUE) for value in starting_with(incomplete, self.values(ledger))]


SIGNATORY = LedgerValue(lambda ledger: (name for s in ledger.signatories for name in s.names))
WATCHLIST = LedgerValue(lambda ledger: ledger.watchlists)
PLEDGE = LedgerValue(lambda ledger: ledger.pledge_ids)
