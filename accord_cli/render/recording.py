"""The report as Rich draws it on a terminal, recorded for the HTML and SVG formats."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from accord_cli.render import as_table
from accord_cli.render.output import ColorMode, Output
from accord_cli.render.result import Report

if TYPE_CHECKING:
    from rich.console import Console

_WIDTH = 100


def recorded(report: Report) -> Console:
    """A console that has drawn `report` at a fixed width, in full colour, keeping what it drew."""
    from rich.console import Console

    console = Console(file=io.StringIO(), record=True, width=_WIDTH, force_terminal=True, color_system="truecolor",
                      markup=False, emoji=False, highlight=False)
    as_table.render(report, Output(ColorMode.always, stdout=io.StringIO(), console=console))
    return console
