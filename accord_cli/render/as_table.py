"""Tables for people: Rich on a terminal, plain aligned columns when piped."""

from __future__ import annotations

from accord_cli.render import Output, cell_text
from accord_cli.text import escape_unsafe
from accord_cli.views import Listing


def _cells(listing: Listing) -> list[list[str]]:
    return [[escape_unsafe(cell_text(record.get(c.key))) for c in listing.columns] for record in listing.records]


def render_plain(listing: Listing, out: Output) -> None:
    """Columns separated by two spaces, no colour or box drawing, for grep, awk and files."""
    from rich.cells import cell_len

    rows = [[c.header for c in listing.columns], *_cells(listing)]
    widths = [max(cell_len(row[i]) for row in rows) for i in range(len(listing.columns))]
    last = len(widths) - 1
    lines = []
    for row in rows:
        parts = []
        for i, (text, column) in enumerate(zip(row, listing.columns)):
            pad = " " * (widths[i] - cell_len(text))
            if column.justify == "right":
                parts.append(pad + text)
            else:
                parts.append(text if i == last else text + pad)
        lines.append("  ".join(parts))
    out.write("\n".join(lines) + "\n")
    if listing.summary:
        out.note(listing.summary)


def render_rich(listing: Listing, out: Output) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box.SIMPLE_HEAD, title=Text(listing.title) if listing.title else None,
                  title_style="bold", header_style="bold cyan")
    for column in listing.columns:
        table.add_column(column.header, justify=column.justify, style=column.style)  # type: ignore[arg-type]
    for cells in _cells(listing):
        table.add_row(*(Text(cell) for cell in cells))
    console = out.console()
    console.print(table)
    if listing.summary:
        console.print(Text(listing.summary, style="dim"))


def render(listing: Listing, out: Output) -> None:
    (render_rich if out.is_terminal else render_plain)(listing, out)
