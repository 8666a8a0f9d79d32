"""One renderer per output format; each gets a Listing and an Output and decides only how it looks."""

from __future__ import annotations

import os
import sys
from enum import Enum
from importlib import import_module
from typing import TYPE_CHECKING, Any, NamedTuple, TextIO

from accord_cli.listing import Listing
from accord_cli.text import escape_unsafe

if TYPE_CHECKING:
    from rich.color import ColorSystem
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

    @property
    def has_console(self) -> bool:
        """Whether a Rich console already draws on this output."""
        return self._console is not None

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

    def terminal(self) -> Terminal:
        """The terminal's width and colours, as Rich's Console would find them.

        Working them out here spares a table drawn on a POSIX terminal the import
        of rich.console, a sixth of accord's start-up; anywhere else (Windows,
        or an Output given a console) the Console itself is asked.
        """
        if self._console is not None or os.name != "posix":
            console = self.console()
            return Terminal(console.width, console.color_system, console.no_color)
        from rich.color import ColorSystem

        no_color = self.color is ColorMode.never or os.environ.get("NO_COLOR", "") != ""
        term = os.environ.get("TERM", "").strip().lower()
        if term in ("dumb", "unknown"):
            system = None
        elif os.environ.get("COLORTERM", "").strip().lower() in ("truecolor", "24bit"):
            system = ColorSystem.TRUECOLOR
        else:
            system = {"256color": ColorSystem.EIGHT_BIT}.get(term.rpartition("-")[2], ColorSystem.STANDARD)
        return Terminal(_columns(self.stdout), system, no_color)

    def write(self, text: str) -> None:
        self.stdout.write(text)

    def note(self, text: str) -> None:
        """A line for the person at the terminal, kept off stdout so pipes carry only data."""
        self.stderr.write(escape_unsafe(text) + "\n")


class Terminal(NamedTuple):
    width: int
    color_system: ColorSystem | None
    no_color: bool


def _columns(stream: TextIO) -> int:
    """COLUMNS if set, else the width of the terminal `stream` writes to, else 80 (Rich's rule)."""
    text = os.environ.get("COLUMNS", "")
    if text.isdigit() and int(text) > 0:
        return int(text)
    try:
        return os.get_terminal_size(stream.fileno()).columns or 80
    except (AttributeError, OSError, ValueError):
        return 80


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
    kind = value.__class__
    if kind is str:
        return value  # type: ignore[no-any-return]
    if kind is list or kind is tuple:
        return separator.join([item if item.__class__ is str else cell_text(item) for item in value])
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
