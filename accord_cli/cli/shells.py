"""How bash and zsh are told to insert values from the ledger: quoted, so that `accord show tren<Tab>`
gives `'Trend Micro'`, one argument. When several values are offered and one needs quotes, all get them,
so that the part they share can still be inserted.
"""

from __future__ import annotations

import shlex

from click.shell_completion import CompletionItem, add_completion_class

# Typer's own completion classes, which speak to the scripts `--install-completion` writes. They are
# not part of Typer's public API; typer is pinned below 0.26 and tests/test_completion.py runs real
# shells against them, so a change there fails loudly.
from typer._completion_classes import BashComplete, ZshComplete

from accord_cli.cli.completion import LEDGER_VALUE


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
