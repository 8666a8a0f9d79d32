"""Showing results: what each command shows (the modules named for its noun) and one module per format.

A format is one member of `Format` and one module `as_<format>.py` with a
`render(result, out)` function; `render` below is the only place that chooses
between them.
"""

from __future__ import annotations

from enum import Enum
from importlib import import_module

from accord_cli.render.output import Output
from accord_cli.render.result import Report, Result


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"
    sqlite = "sqlite"
    html = "html"
    svg = "svg"


# Formats written as bytes, which only go to a file.
BINARY = frozenset({Format.sqlite})


def render(result: Result | Report, fmt: Format, out: Output) -> None:
    """Show `result` on `out` in `fmt`."""
    import_module(f"accord_cli.render.as_{fmt.value}").render(result, out)
