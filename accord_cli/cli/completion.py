"""Shell completion of signatory names, watchlists and pledge ids, read from the ledger in use.

A value completes through Click's `shell_complete` on its parameter's type,
matching what was typed whatever its case and accents ("tren" finds "Trend
Micro", "telefo" finds "Telefónica"). Bash and zsh are told to insert the
values quoted, so that `accord show tren<Tab>` gives `'Trend Micro'`, one
argument; when several values are offered and one needs quotes, all get them,
so that the part they share can still be inserted.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable, Iterable
from pathlib import Path

import click
from click.shell_completion import CompletionItem, add_completion_class

# Typer's own completion classes, which speak to the scripts `--install-completion` writes. They are
# not part of Typer's public API; typer is pinned below 0.26 and tests/test_completion.py runs real
# shells against them, so a change there fails loudly.
from typer._completion_classes import BashComplete, ZshComplete

from accord_cli.core.errors import AccordError
from accord_cli.core.model import Ledger
from accord_cli.core.names import starting_with

# The CompletionItem type of a value from the ledger, which the shell classes below quote.
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


def _quoted(items: list[CompletionItem]) -> list[str]:
    """The values as the shell should insert them: all quoted if any needs it, so they share a prefix."""
    values = [item.value for item in items]
    if any(shlex.quote(value) != value for value in values):
        return [f"'{value}'" if "'" not in value else shlex.quote(value) for value in values]
    return values


class QuotingBashComplete(BashComplete):
    def complete(self) -> str:
        args, incomplete = self.get_completion_args()
        items = self.get_completions(args, incomplete)
        if items and all(item.type == LEDGER_VALUE for item in items):
            return "\n".join(_quoted(items))
        return super().complete()


class QuotingZshComplete(ZshComplete):
    def complete(self) -> str:
        args, incomplete = self.get_completion_args()
        items = self.get_completions(args, incomplete)
        if items and all(item.type == LEDGER_VALUE for item in items):
            # Inserted as given (-Q: they are quoted already) in place of what was typed (-U: zsh
            # would otherwise drop a match whose case or accents differ). The script evals this line.
            return "compadd -U -Q -- " + " ".join(shlex.quote(value) for value in _quoted(items))
        return super().complete()


def register_shells() -> None:
    """Have bash and zsh quote ledger values; called after Typer has registered its own classes."""
    add_completion_class(QuotingBashComplete, "bash")
    add_completion_class(QuotingZshComplete, "zsh")
