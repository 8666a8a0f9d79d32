"""Where results and messages go, and what the terminal on stdout can show, as Rich's Console sees it."""

from __future__ import annotations

import codecs
import io
import sys
from enum import Enum
from functools import cached_property
from typing import TYPE_CHECKING, Literal, TextIO

from accord_cli.core.characters import escape_unsafe

if TYPE_CHECKING:
    from rich.console import Console


def speaks_unicode(stream: TextIO) -> bool:
    """Whether `stream` can write any character: its encoding is one of Unicode's."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        return codecs.lookup(encoding).name.startswith("utf")
    except LookupError:
        return False


class ColorMode(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


class Output:
    """stdout for results, stderr for what a person reads, and the Console that knows the terminal.

    The Console is made on first use: JSON and CSV never ask, so they never
    load Rich's console machinery.
    """

    def __init__(
        self,
        color: ColorMode = ColorMode.auto,
        stdout: TextIO | None = None,
        stderr: TextIO | None = None,
        console: Console | None = None,
    ) -> None:
        self.color = color
        self.stdout = stdout if stdout is not None else sys.stdout
        self.stderr = stderr if stderr is not None else sys.stderr
        self._styles: dict[str, tuple[str, str]] = {}
        if console is not None:
            self.console = console

    @cached_property
    def console(self) -> Console:
        from rich.console import Console

        def made(color_system: Literal["auto"] | None) -> Console:
            return Console(
                file=self.stdout,
                force_terminal=True if self.color is ColorMode.always else None,
                color_system=color_system,
                markup=False,
                emoji=False,
                highlight=False,
            )

        console = made(None if self.color is ColorMode.never else "auto")
        # Under NO_COLOR, Rich drops colours but keeps bold and dim; accord writes no escape code at all.
        return made(None) if console.no_color and console.color_system is not None else console

    @property
    def ascii_only(self) -> bool:
        """Whether stdout can write only ASCII, so JSON escapes the rest and tables are drawn in ASCII."""
        return not speaks_unicode(self.stdout)

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
        buffer = self.stdout.buffer
        assert isinstance(buffer, io.BytesIO), "written() is for an Output made by to_memory()"
        return buffer.getvalue()

    def write(self, text: str) -> None:
        self.stdout.write(text)

    def write_bytes(self, data: bytes) -> None:
        """Binary output, such as a database, to the byte stream under stdout."""
        self.stdout.flush()
        self.stdout.buffer.write(data)

    def say(self, text: str) -> None:
        """A sentence that is a command's answer, on stdout, text from data in it made safe to print."""
        self.stdout.write(escape_unsafe(text) + "\n")

    def note(self, text: str) -> None:
        """A line for the person at the terminal, kept off stdout so pipes carry only data."""
        self.stderr.write(escape_unsafe(text) + "\n")
