"""Tables for people: Rich on a terminal, plain aligned columns when piped."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.cells import cell_len

from accord_cli.listing import Column, Listing
from accord_cli.render import Output, cell_text
from accord_cli.text import UNSAFE, escape_unsafe

if TYPE_CHECKING:
    from accord_cli.render import Terminal

_BAR_WIDTH = 40
_MARKER_STYLES = {"+": "green", "-": "red", "~": "yellow"}


# The cells' text, and each one's width on screen; None when every cell is ASCII, so
# that a width is the text's length and str.ljust can align it.
Row = tuple[list[str], list[int] | None]


def _measured(texts: list[str]) -> Row:
    """Cells made safe to print, with their widths; checked a row at a time, since most rows are plain."""
    joined = "".join(texts)
    if not UNSAFE.isdisjoint(joined):
        texts = [escape_unsafe(text) for text in texts]
        joined = "".join(texts)
    return texts, None if joined.isascii() else [cell_len(text) for text in texts]


def _rows(listing: Listing, columns: tuple[Column, ...]) -> list[Row]:
    keys = [c.key for c in columns]
    return [_measured([value if value.__class__ is str else cell_text(value)  # type: ignore[misc]
                       for value in map(record.get, keys)])
            for record in listing.records]


def _widths(rows: list[Row], count: int) -> list[int]:
    ascii_rows = [texts for texts, lengths in rows if lengths is None]
    # Column by column over the ASCII rows (zip transposes them in C), then the others cell by cell.
    widths = [max(map(len, column)) for column in zip(*ascii_rows)] if ascii_rows else [0] * count
    for _, lengths in rows:
        if lengths is not None:
            widths = [max(pair) for pair in zip(widths, lengths, strict=True)]
    return widths


def _line_maker(widths: list[int], columns: tuple[Column, ...], wrappers: list[tuple[str, str]],
                separator: str, edge: str = "") -> Callable[[Row], str]:
    """A function drawing one row: each cell aligned to its column and put between its wrapper
    (escape codes, padding), cells joined by `separator`, the row between two `edge`s."""

    def braced(text: str) -> str:
        return text.replace("{", "{{").replace("}", "}}")

    # An ASCII row is formatted in one call, alignment included; others are padded by screen width.
    fast = (braced(edge) + braced(separator).join(
        f"{braced(before)}{{:{'>' if column.justify == 'right' else '<'}{width}}}{braced(after)}"
        for width, column, (before, after) in zip(widths, columns, wrappers, strict=True)) + braced(edge)).format

    def line(row: Row) -> str:
        texts, lengths = row
        if lengths is None:
            return fast(*texts)
        cells = []
        for text, length, width, column, (before, after) in zip(texts, lengths, widths, columns, wrappers,
                                                                strict=True):
            pad = " " * (width - length)
            cells.append(before + (pad + text if column.justify == "right" else text + pad) + after)
        return edge + separator.join(cells) + edge

    return line


def render_plain(listing: Listing, out: Output) -> None:
    """Columns separated by two spaces, no colour, box drawing or bars, for grep, awk and files."""
    columns = tuple(c for c in listing.columns if not c.bar)
    rows = _rows(listing, columns)
    if listing.show_header:
        rows.insert(0, _measured([c.header for c in columns]))
    widths = _widths(rows, len(columns))
    line = _line_maker(widths, columns, [("", "")] * len(columns), "  ")
    lines = [line(row).rstrip() for row in rows]
    if lines:
        out.write("\n".join(lines) + "\n")
    if listing.summary:
        out.note(listing.summary)


def _bar(value: int, largest: int) -> str:
    if largest <= 0 or value <= 0:
        return ""
    eighths = round(value / largest * _BAR_WIDTH * 8)
    full, rest = divmod(eighths, 8)
    return "█" * full + ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")[rest]


def render_rich(listing: Listing, out: Output) -> None:
    """Rich's look on a terminal: drawn directly when simple, through rich.table when not.

    Once a Rich console draws on this output (a report, or an HTML or SVG export
    recording it), every table goes through it, so nothing bypasses the recording.
    """
    if any(c.bar for c in listing.columns) or out.has_console or not _draw_simple(listing, out):
        _render_rich_table(listing, out)


def _styled(terminal: Terminal, style: str | None) -> tuple[str, str]:
    """The escape codes that open and close `style` on this terminal; empty without colour."""
    if not style or terminal.color_system is None:
        return "", ""
    from rich.style import Style

    parsed = Style.parse(style)
    if terminal.no_color:  # NO_COLOR: bold and dim stay, colours go, as Rich itself does
        parsed = parsed.without_color
    opened = parsed.render("\0", color_system=terminal.color_system)
    before, _, after = opened.partition("\0")
    return before, after


def _draw_simple(listing: Listing, out: Output) -> bool:
    """Draw the table as rich.table would with box SIMPLE_HEAD, in one pass over the rows.

    Rich's Table measures and renders every cell through its layout engine, which
    takes seconds for ten thousand rows; a table of plain cells that fits the
    terminal needs only the column widths. False (nothing drawn) if it does not fit.
    """
    columns = listing.columns
    rows = _rows(listing, columns)
    header = _measured([c.header for c in columns])
    widths = _widths([header, *rows] if listing.show_header else rows, len(columns))
    terminal = out.terminal()
    table_width = sum(widths) + 3 * len(columns) + 1
    if table_width > terminal.width:
        return False

    def line_maker(style: list[tuple[str, str]]) -> Callable[[Row], str]:
        return _line_maker(widths, columns, [(before + " ", " " + after) for before, after in style], " ", " ")

    lines = []
    if listing.title:
        title = escape_unsafe(listing.title)[:table_width]
        left = (table_width - cell_len(title)) // 2
        bold, unbold = _styled(terminal, "bold")
        lines.append(" " * left + bold + title + unbold + " " * (table_width - left - cell_len(title)))
    lines.append(" " * table_width)
    if listing.show_header:
        lines.append(line_maker([_styled(terminal, "bold cyan")] * len(columns))(header))
        lines.append(" " + "─" * (table_width - 2) + " ")
    lines.extend(map(line_maker([_styled(terminal, c.style) for c in columns]), rows))
    lines.append(" " * table_width)
    if listing.summary:
        dim, undim = _styled(terminal, "dim")
        lines.append(dim + escape_unsafe(listing.summary) + undim)
    out.write("\n".join(lines) + "\n")
    return True


def _render_rich_table(listing: Listing, out: Output) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box.SIMPLE_HEAD, show_header=listing.show_header, header_style="bold cyan",
                  title=Text(escape_unsafe(listing.title)) if listing.title else None, title_style="bold")
    for column in listing.columns:
        table.add_column(column.header, justify=column.justify, style=column.style,  # type: ignore[arg-type]
                         no_wrap=column.bar)
    largest = {c.key: max((int(r.get(c.key) or 0) for r in listing.records), default=0)
               for c in listing.columns if c.bar}
    for record in listing.records:
        table.add_row(*(
            Text(_bar(int(record.get(c.key) or 0), largest[c.key]) if c.bar
                 else escape_unsafe(cell_text(record.get(c.key))))
            for c in listing.columns
        ))
    console = out.console()
    console.print(table)
    if listing.summary:
        console.print(Text(escape_unsafe(listing.summary), style="dim"))


def render(listing: Listing, out: Output) -> None:
    (render_rich if out.is_terminal else render_plain)(listing, out)


def render_diff(listing: Listing, out: Output) -> None:
    """A membership diff the way a text diff looks: + joined, - left, ~ renamed, counts at the foot."""
    lines = [
        (record["marker"], escape_unsafe(f"{record['marker']} {record['name']}"
                                         + (f"  ({record['detail']})" if record["detail"] else "")))
        for record in listing.records
    ]
    if not out.is_terminal:
        if lines:
            out.write("\n".join(text for _, text in lines) + "\n")
        out.note(listing.summary)
        return
    from rich.text import Text

    console = out.console()
    for marker, text in lines:
        console.print(Text(text, style=_MARKER_STYLES[marker]))
    console.print(Text(escape_unsafe(listing.summary), style="dim"))
