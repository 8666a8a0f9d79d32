"""Where results and messages go, and what the terminal on stdout can show, as Rich's Console sees it."""

from __future__ import annotations

import io
import sys
from enum import Enum
from functools import cached_property
from typing import TYPE_CHECKING, TextIO

from accord_cli.core.characters import escape_unsafe

if TYPE_CHECKING:
    from rich.console import Console


class ColorMode(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


class Output:
    """stdout for results, stderr for what a person reads, and the Console that knows the terminal.

    The Console is made on first use: JSON and CSV never ask, so they never
    load Rich's console machinery.
    """

    def __init__(self, color: ColorMode = ColorMode.auto, stdout: TextIO | None = None,
                 stderr: TextIO | None = None, console: Console | None = None) -> None:
        self.color = color
        self.stdout = stdout if stdout is not None else sys.stdout
        self.stderr = stderr if stderr is not None else sys.stderr
        self._styles: dict[str, tuple[str, str]] = {}
        if console is not None:
            self.console = console

    @cached_property
    def console(self) -> Console:
        from rich.console import Console

        return Console(
            file=self.stdout,
            force_terminal=True if self.color is ColorMode.always else None,
            color_system=None if self.color is ColorMode.never else "auto",
            markup=False,
            emoji=False,
            highlight=False,
        )

    @property
    def is_terminal(self) -> bool:
        """Whether stdout gets tables drawn with boxes and colour rather than plain columns."""
        return self.color is not ColorMode.never and self.console.is_terminal

    def styled(self, style: str | None) -> tuple[str, str]:
        """The escape codes that open and close `style` on this terminal, as Rich writes them; empty
        without colour (and without colours alone under NO_COLOR, bold and dim staying, as Rich does)."""
        if not style:
            return "", ""
        if style not in self._styles:
            from rich.text import Text

            with self.console.capture() as captured:
                self.console.print(Text("\0", style=style), end="")
            before, _, after = captured.get().partition("\0")
            self._styles[style] = (before, after)
        return self._styles[style]

    @classmethod
    def to_memory(cls) -> Output:
        """An Output that keeps what is written to stdout, to be written to a file whole (`written()`)."""
        return cls(ColorMode.never, stdout=io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline=""))

    def written(self) -> bytes:
        """What an Output made by `to_memory` was given."""
        self.stdout.flush()
        return self.stdout.buffer.getvalue()  # type: ignore[attr-defined, no-any-return]

    def write(self, text: str) -> None:
        self.stdout.write(text)

    def write_bytes(self, data: bytes) -> None:
        """Binary output, such as a database, to the byte stream under stdout."""
        self.stdout.flush()
        self.stdout.buffer.write(data)  # type: ignore[attr-defined]

    def note(self, text: str) -> None:
        """A line for the person at the terminal, kept off stdout so pipes carry only data."""
        self.stderr.write(escape_unsafe(text) + "\n")
