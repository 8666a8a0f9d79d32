"""The report as a standalone HTML page, the way it looks on a terminal."""

from __future__ import annotations

from accord_cli.render.output import Output
from accord_cli.render.recording import recorded
from accord_cli.render.result import Report


def render(report: Report, out: Output) -> None:
    out.write(recorded(report).export_html(inline_styles=True))
