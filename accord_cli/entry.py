"""The `accord` program's entry point: `--version`, the top-level help and most shell completions
without loading the app.

Importing Typer alone costs several times Python's own start-up, and these
answers are asked for most often: from scripts, and on every Tab. `--help` is
served from help_text.py, a copy of what the app prints, and completions from
quick_complete.py; both are kept equal to the app's own answers by tests
(regenerate with `python -m accord_cli.cli.precomputed`). Anything else, and any
terminal width the help copy was not made for, goes to the app.
"""

from __future__ import annotations

import os
import sys

_HELP_OPTIONS = (["--help"], ["-h"])


def _help_width() -> int:
    """The width Click wraps help to: the terminal's columns, at most 100, less 2; never under 50."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns if sys.__stdout__ else 80
        except (OSError, ValueError):
            columns = 80
        columns = columns or 80
    return max(min(columns, 100) - 2, 50)


def _answered_here(args: list[str]) -> int | None:
    """The exit status if `args` can be answered without the app, having answered; else None."""
    if "_ACCORD_COMPLETE" in os.environ:
        from accord_cli.quick_complete import answer

        completions = answer()
        if completions is None:
            return None
        sys.stdout.write(completions + "\n")  # as Typer echoes it
        return 0
    if args == ["--version"]:
        from accord_cli import __version__

        sys.stdout.write(f"accord {__version__}\n")
        return 0
    if args == [] or args in _HELP_OPTIONS:
        from accord_cli.help_text import HELP

        text = HELP.get(_help_width())
        if text is None:
            return None
        if args:
            sys.stdout.write(text)
            return 0
        sys.stderr.write(text)  # as Click does: a bare `accord` is a usage error that shows the help
        return 2
    return None


def main() -> None:
    status = _answered_here(sys.argv[1:])
    if status is not None:
        sys.stdout.flush()
        raise SystemExit(status)
    from accord_cli.cli import main as run_app

    run_app()
