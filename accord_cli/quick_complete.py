"""Shell completion of names, watchlists and pledge ids without loading the app.

Every Tab runs accord, and loading Typer alone costs several times Python's
own start-up. For the completions that read the ledger (a signatory's name
after `show`, a watchlist after `--watchlist`, a pledge id after `--pledge`),
bash and zsh are answered here from completion_table.py, a description of each
command's options generated from the app (`python -m accord_cli.cli.precomputed`)
and checked against it by tests. Anything else (command and option names,
choices, fish and PowerShell) is left to Typer, which answers it exactly as before.
"""

from __future__ import annotations

import os
import shlex
from pathlib import Path

_SHELLS = ("complete_bash", "complete_zsh")


def candidates(kind: str, ledger_path: str | None, incomplete: str) -> list[str]:
    """What to offer for a value of `kind` (signatory, watchlist or pledge) starting with `incomplete`,
    from the ledger the command would use; nothing if that ledger cannot be read."""
    from accord_cli import ledger
    from accord_cli.errors import AccordError

    try:
        found = ledger.load(ledger.locate(Path(ledger_path) if ledger_path else None, Path.cwd())).ledger
    except AccordError:
        return []  # a broken ledger offers nothing to complete; the command itself will say why
    if found is None:
        return []
    if kind == "signatory":
        offered = [name for s in found.signatories for name in s.names]
    elif kind == "watchlist":
        offered = list(found.watchlists)
    else:
        offered = list(found.pledge_ids)
    prefix = incomplete.casefold()
    return [name for name in dict.fromkeys(offered) if name.casefold().startswith(prefix)]


def _split(text: str) -> list[str]:
    try:
        return shlex.split(text)
    except ValueError:  # an unclosed quote, mid-typing
        return text.split()


def typed_words() -> tuple[list[str], str]:
    """The complete words after `accord`, and the word being completed, as Typer's completion reads them."""
    if os.environ.get("_ACCORD_COMPLETE") == "complete_bash":
        words = _split(os.environ.get("COMP_WORDS", ""))
        cursor = int(os.environ.get("COMP_CWORD", "0") or 0)
        return words[1:cursor], words[cursor] if cursor < len(words) else ""
    typed = os.environ.get("_TYPER_COMPLETE_ARGS", "")
    words = _split(typed)[1:]
    if words and not typed.endswith(" "):
        return words[:-1], words[-1]
    return words, ""


def _value_kind(args: list[str]) -> tuple[str, str | None] | None:
    """What the word being completed is a value of, and the --ledger in force; None to leave it to Typer."""
    from accord_cli.completion_table import COMMANDS, GLOBAL_VALUE_OPTIONS, GROUPS

    ledger_path = os.environ.get("ACCORD_LEDGER") or None
    position, path = 0, ""
    while position < len(args):  # global options, then the command (and a group's subcommand)
        word = args[position]
        if word in GLOBAL_VALUE_OPTIONS:
            if position + 1 >= len(args):
                return None
            if word in ("-l", "--ledger"):
                ledger_path = args[position + 1]
            position += 2
        elif word.startswith("-"):
            return None
        else:
            path = f"{path} {word}".strip()
            position += 1
            if path not in GROUPS:
                break
    spec = COMMANDS.get(path)
    if spec is None:
        return None
    values, completers, arguments = spec["values"], spec["completers"], spec["arguments"]
    positional, pending = 0, None
    for word in args[position:]:
        if pending is not None:
            pending = None
        elif word == "--" or (word.startswith("-") and "=" in word):
            return None  # rarer spellings: Typer reads them
        elif word in values:
            pending = word
        elif word.startswith("-"):
            continue
        else:
            positional += 1
    if pending is not None:
        kind = completers.get(pending)
    else:
        kind = arguments[positional] if positional < len(arguments) else None
    return (kind, ledger_path) if kind else None


def _formatted(shell: str, values: list[str]) -> str:
    """The completions as Typer's bash or zsh completion prints them."""
    if shell == "complete_bash":
        return "\n".join(values)
    if not values:
        return "_files"

    def escape(text: str) -> str:
        return text.replace('"', '""').replace("'", "''").replace("$", "\\$").replace("`", "\\`").replace(
            ":", r"\\:")

    lines = "\n".join(f'"{escape(value)}"' for value in values)
    return f"_arguments '*: :(({lines}))'"


def answer() -> str | None:
    """The completion output for the shell asking, or None when Typer must answer."""
    shell = os.environ.get("_ACCORD_COMPLETE", "")
    if shell not in _SHELLS:
        return None
    args, incomplete = typed_words()
    if incomplete.startswith("-"):
        return None
    found = _value_kind(args)
    if found is None:
        return None
    kind, ledger_path = found
    # Typer keeps only what starts with the typed text exactly, whatever the completer offers.
    return _formatted(shell, [c for c in candidates(kind, ledger_path, incomplete) if c.startswith(incomplete)])
