"""The one-page report as Markdown, or drawn by Rich and exported as HTML or SVG."""

from __future__ import annotations

import io
from enum import Enum

from accord_cli.render import Output, as_markdown
from accord_cli.text import escape_unsafe
from accord_cli.views import Report


class ReportFormat(str, Enum):
    markdown = "markdown"
    html = "html"
    svg = "svg"


SUFFIXES = {".md": ReportFormat.markdown, ".markdown": ReportFormat.markdown, ".html": ReportFormat.html,
            ".htm": ReportFormat.html, ".svg": ReportFormat.svg}
_WIDTH = 100


def markdown(report: Report) -> str:
    cell = as_markdown.markdown_cell
    parts = [f"# {cell(report.title)}", "", *(cell(fact) + "  " for fact in report.facts)]
    for heading, listing in report.sections:
        buffer = io.StringIO()
        as_markdown.render(listing, Output(stdout=buffer))
        parts += ["", f"## {cell(heading)}", "", buffer.getvalue().rstrip("\n")]
    return "\n".join(parts) + "\n"


def draw(report: Report, out: Output) -> None:
    """The report on a terminal, through the same tables `accord list` draws."""
    from rich.rule import Rule
    from rich.text import Text

    from accord_cli.render.as_table import render_rich

    console = out.console()
    console.print(Text(escape_unsafe(report.title), style="bold"))
    for fact in report.facts:
        console.print(Text(escape_unsafe(fact)))
    for heading, listing in report.sections:
        console.print()
        console.print(Rule(Text(escape_unsafe(heading), style="bold cyan"), align="left"))
        render_rich(listing, out)


def exported(report: Report, fmt: ReportFormat) -> str:
    """The report as a Markdown, HTML or SVG document."""
    if fmt is ReportFormat.markdown:
        return markdown(report)
    from rich.console import Console

    from accord_cli.render import ColorMode

    console = Console(file=io.StringIO(), record=True, width=_WIDTH, force_terminal=True, color_system="truecolor",
                      markup=False, emoji=False, highlight=False)
    draw(report, Output(ColorMode.always, stdout=io.StringIO(), console=console))
    if fmt is ReportFormat.html:
        return console.export_html(inline_styles=True)
    return console.export_svg(title=escape_unsafe(report.title))
