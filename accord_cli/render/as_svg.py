"""The report as an SVG image, for slides and issues, the way it looks on a terminal."""

from __future__ import annotations

from accord_cli.core.characters import escape_unsafe
from accord_cli.render.output import Output
from accord_cli.render.recording import recorded
from accord_cli.render.result import Report


def render(report: Report, out: Output) -> None:
    out.write(recorded(report).export_svg(title=escape_unsafe(report.title)))
