"""One renderer per output format; each gets a Listing and an Output and decides only how it looks."""

from __future__ import annotations

import sys
from enum import Enum
from importlib import import_module
from typing import TYPE_CHECKING, Any, TextIO

from accord_cli.listing import Listing
from accord_cli.text import escape_unsafe

if TYPE_CHECKING:
    from rich.console import Console


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class ColorMode(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


class Output:
    """Where results and messages go, and whether stdout is a terminal that gets colour and boxes."""

    def __init__(self, color: ColorMode = ColorMode.auto, stdout: TextIO | None = None,
                 stderr: TextIO | None = None, console: Console | None = None) -> None:
        self.color = color
        self.stdout = stdout if stdout is not None else sys.stdout
        self.stderr = stderr if stderr is not None else sys.stderr
        self._console = console

    @property
    def is_terminal(self) -> bool:
        if self.color is ColorMode.always:
            return True
        isatty = getattr(self.stdout, "isatty", None)
        return bool(isatty and isatty())

    def console(self) -> Console:
        # Rich is imported only when a table is drawn on a terminal: JSON, CSV and piped
        # output never pay for it.
        if self._console is None:
            from rich.console import Console

            self._console = Console(
                file=self.stdout,
                force_terminal=True if self.color is ColorMode.always else None,
                no_color=True if self.color is ColorMode.never else None,
                markup=False,
                emoji=False,
                highlight=False,
            )
        return self._console

    def write(self, text: str) -> None:
        self.stdout.write(text)

    def note(self, text: str) -> None:
        """A line for the person at the terminal, kept off stdout so pipes carry only data."""
        self.stderr.write(escape_unsafe(text) + "\n")


_RENDERERS = {
    Format.table: "accord_cli.render.as_table",
    Format.json: "accord_cli.render.as_json",
    Format.csv: "accord_cli.render.as_csv",
    Format.markdown: "accord_cli.render.as_markdown",
}


def render(listing: Listing, fmt: Format, out: Output) -> None:
    import_module(_RENDERERS[fmt]).render(listing, out)


def cell_text(value: Any, separator: str = ", ") -> str:
    """A record value as one line of text: dates in ISO form, lists joined, nothing for None."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return separator.join(cell_text(item) for item in value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
