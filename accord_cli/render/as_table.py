"""Tables for people: Rich on a terminal, plain aligned columns when piped."""

from __future__ import annotations

import re
from typing import Literal

from msgspec import structs
from rich.cells import cell_len, set_cell_size

from accord_cli.core.characters import escape_unsafe, has_unsafe_characters
from accord_cli.render.output import Output
from accord_cli.render.result import (
    Column,
    Report,
    Result,
    cell_text,
    columns_of,
    texts_of,
)

# A bar at its widest, and the narrowest that still says something; narrower, it is left out.
_BAR_WIDTH = 40
_NARROWEST_BAR = 8
# Cells of digits and the marks between them are numbers, dates and periods (34, 2018-04-17, 2019-Q2,
# 2019-01-15/2019-04-15, ../2021-05-05): cut, they would say something else, so their columns stay whole
# and columns of words give way. A column declared whole (a status, "by 2021-05-05") is kept so too.
_FIGURES = re.compile(r"(?:(?:\.\./)?[0-9][0-9.,:/+\-QHW%]*)?")
# Where a cell kept whole may go on to another line: after a space, and after the "/" of a period
# ("../" and "2021-05-05"); a piece with the spaces after it.
_PIECES = re.compile(r"(?:[^\s/]*/(?!\.\.)|\S+)\s*")
# Columns of words are cut down to this at the narrowest ("Ac…"), and a whole column's header.
_NARROWEST_TEXT = 3


class _Column:
    """One column's cells as text safe to print, and the width they take on screen."""

    def __init__(self, column: Column, texts: list[str], header: str | None) -> None:
        if has_unsafe_characters("".join(texts)):
            texts = [escape_unsafe(text) for text in texts]
        self.header = escape_unsafe(header) if header is not None else None
        self.right = column.justify == "right"
        self.style = column.style
        cells = texts if self.header is None else [self.header, *texts]
        # Most columns are ASCII: a cell's width is then its length, found in C.
        self.ascii = "".join(cells).isascii()
        measure = len if self.ascii else cell_len
        self.width = max(map(measure, cells), default=0)
        self.values_width = max(map(measure, texts), default=0)
        self.whole = column.whole or all(map(_FIGURES.fullmatch, texts))
        # How narrow it may be made: a whole column puts its cells on more lines where they break, and
        # cuts only its header.
        if self.whole:
            pieces = max((measure(piece.rstrip()) for text in texts for piece in _PIECES.findall(text)), default=0)
            self.narrowest = min(self.width, max(_NARROWEST_TEXT, pieces))
        else:
            self.narrowest = min(self.width, _NARROWEST_TEXT)
        self.texts = texts

    def padded(self, texts: list[str]) -> list[str]:
        """`texts` aligned to the column's width."""
        width = self.width
        if self.ascii:
            align = str.rjust if self.right else str.ljust
            return [align(text, width) for text in texts]
        if self.right:
            return [" " * (width - cell_len(text)) + text for text in texts]
        return [text + " " * (width - cell_len(text)) for text in texts]

    def narrowed(self, width: int) -> None:
        """Cut the cells wider than `width` to it, an ellipsis marking the cut."""
        if width >= self.width:
            return
        if self.ascii:

            def cut(text: str) -> str:
                return text if len(text) <= width else text[: width - 1] + "…"
        else:

            def cut(text: str) -> str:
                return text if cell_len(text) <= width else set_cell_size(text, width - 1) + "…"

        self.texts = list(map(cut, self.texts))
        self.header = cut(self.header) if self.header is not None else None
        self.width = width


def _broken(text: str, width: int) -> str:
    """A whole cell on as many lines as it needs to be at most `width` wide, broken only between pieces."""
    if cell_len(text) <= width:
        return text
    lines = [""]
    for piece in _PIECES.findall(text):
        if lines[-1] and cell_len((lines[-1] + piece).rstrip()) > width:
            lines.append("")
        lines[-1] += piece
    return "\n".join(line.rstrip() for line in lines)


def _fitted(laid: list[_Column], available: int) -> list[int]:
    """Widths for the columns that add up to at most `available` cells: as rich.table collapses a table,
    the widest column narrows first, down to the next widest, then both, and so on, none below its
    narrowest (so a terminal too narrow even for that gets lines it wraps itself)."""
    widths = [c.width for c in laid]
    excess = sum(widths) - available
    while excess > 0:
        narrowable = [i for i, c in enumerate(laid) if widths[i] > c.narrowest]
        if not narrowable:
            break
        widest = max(widths[i] for i in narrowable)
        at_widest = [i for i in narrowable if widths[i] == widest]
        below = max([widths[i] for i in narrowable if widths[i] < widest] + [laid[i].narrowest for i in at_widest])
        cut = min(excess, (widest - below) * len(at_widest))
        each, extra = divmod(cut, len(at_widest))
        for rank, i in enumerate(at_widest):
            widths[i] -= each + (rank < extra)
        excess -= cut
    return widths


def _frame(count: int) -> int:
    """The cells a table of `count` columns spends on padding and edges (box SIMPLE_HEAD)."""
    return 3 * count + 1


def _columns(result: Result, columns: tuple[Column, ...]) -> list[_Column]:
    values = columns_of(result.records, [c.key for c in columns])
    return [
        _Column(column, texts_of(column_values), column.header if result.show_header else None)
        for column, column_values in zip(columns, values, strict=True)
    ]


def render_plain(result: Result, out: Output) -> None:
    """Columns separated by two spaces, no colour, box drawing or bars, for grep, awk and files; the
    sentence on stderr, so that a pipe carries only rows."""
    laid = _columns(result, tuple(c for c in result.columns if not c.bar))
    cells = [c.padded([c.header, *c.texts] if c.header is not None else c.texts) for c in laid]
    lines = list(map(str.rstrip, map("  ".join, zip(*cells))))
    if lines:
        out.write("\n".join(lines) + "\n")
    if result.sentence:
        out.note(result.sentence)


def _bar(value: int, largest: int, width: int, ascii_only: bool) -> str:
    """`value` as a bar `width` cells long at `largest`: in eighths of a cell, or in whole #s in ASCII."""
    if largest <= 0 or value <= 0:
        return ""
    if ascii_only:
        return "#" * round(value / largest * width)
    eighths = round(value / largest * width * 8)
    full, rest = divmod(eighths, 8)
    return "█" * full + ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")[rest]


def render_rich(result: Result, out: Output) -> None:
    """Rich's look on a terminal: drawn directly when simple, through rich.table when not.

    A terminal that shows only ASCII gets every table through rich.table, which
    draws its boxes in ASCII; so do bars, and text to be read in full that has
    to wrap.
    """
    console = out.console
    if any(c.bar for c in result.columns) and _bar_width(result, out) < _NARROWEST_BAR:
        # No room for bars: the figures are drawn as any table is, whole, rows wrapping if they must.
        result = structs.replace(result, columns=tuple(c for c in result.columns if not c.bar))
    if any(c.bar for c in result.columns) or console.options.ascii_only:
        _render_rich_table(result, out)
        return
    laid = _columns(result, result.columns)
    widths = _fitted(laid, console.width - _frame(len(laid)))
    # Drawn directly, a row is one line: cells to be read in full, or kept whole, that need more go
    # through rich.table.
    if any(
        (c.wrap and width < column.width) or (column.whole and width < column.values_width)
        for c, column, width in zip(result.columns, laid, widths)
    ):
        _render_rich_table(result, out)
    else:
        _draw_simple(result, out, laid, widths)


def _draw_simple(result: Result, out: Output, laid: list[_Column], widths: list[int]) -> None:
    """Draw the table as rich.table would with box SIMPLE_HEAD, in a few passes over its columns.

    Rich's Table measures and renders every cell through its layout engine, which
    takes seconds for ten thousand rows; a table of plain cells needs only the
    column widths. Columns narrowed to `widths` are cut, a line a row at any width.
    """
    for column, width in zip(laid, widths):
        column.narrowed(width)
    table_width = sum(widths) + _frame(len(laid))

    def wrapped(texts: list[str], column: _Column, style: str | None) -> list[str]:
        before, after = out.styled(style)
        return [f"{before} {text} {after}" for text in column.padded(texts)]

    lines = []
    if result.title:
        title = escape_unsafe(result.title)
        if cell_len(title) > table_width:
            title = set_cell_size(title, table_width)
        left = (table_width - cell_len(title)) // 2
        bold, unbold = out.styled("bold")
        lines.append(" " * left + bold + title + unbold + " " * (table_width - left - cell_len(title)))
    lines.append(" " * table_width)
    if result.show_header:
        lines.append(" " + " ".join(wrapped([c.header or ""], c, "bold cyan")[0] for c in laid) + " ")
        lines.append(" " + "─" * (table_width - 2) + " ")
    if result.row_style:  # a style per row, by what the row is: drawn a row at a time
        for index, record in enumerate(result.records):
            row_style = record[result.row_style]
            lines.append(" " + " ".join(wrapped([c.texts[index]], c, c.style or row_style)[0] for c in laid) + " ")
    else:
        cells = [wrapped(c.texts, c, c.style) for c in laid]
        lines.extend(f" {line} " for line in map(" ".join, zip(*cells)))
    lines.append(" " * table_width)
    out.write("\n".join(lines) + "\n")
    _print_sentence(result, out)


def _print_sentence(result: Result, out: Output) -> None:
    """The sentence under a table, wrapped at the terminal's width like any text Rich prints."""
    from rich.text import Text

    if result.sentence:
        out.console.print(Text(escape_unsafe(result.sentence), style="dim"))


def _bar_width(result: Result, out: Output) -> int:
    """How wide each bar can be in the room the other columns leave, up to its full width (0 with no bars)."""
    bars = [c for c in result.columns if c.bar]
    if not bars:
        return 0
    others = _fitted(_columns(result, tuple(c for c in result.columns if not c.bar)), out.console.width)
    room = out.console.width - sum(others) - _frame(len(result.columns))
    return min(_BAR_WIDTH, room // len(bars))


def _render_rich_table(result: Result, out: Output) -> None:
    """The table through rich.table, which wraps columns of words to fit (folding long words in columns
    to be read in full); whole columns are never cut, and a bar takes what room the others leave, up to
    its full width, or is left out."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    console = out.console
    shown = [c for c in result.columns if not c.bar]
    bar_width = _bar_width(result, out)
    bars = 0
    if bar_width >= _NARROWEST_BAR:
        bars = len(result.columns) - len(shown)
        shown = list(result.columns)
    # The widths are decided here, as for a table drawn directly, and rich.table is told them.
    words = [c for c in shown if not c.bar]
    laid = dict(zip([c.key for c in words], _columns(result, tuple(words))))
    widths = dict(zip(laid, _fitted(list(laid.values()), console.width - _frame(len(shown)) - bars * bar_width)))
    table = Table(
        box=box.SIMPLE_HEAD,
        show_header=result.show_header,
        header_style="bold cyan",
        title=Text(escape_unsafe(result.title)) if result.title else None,
        title_style="bold",
    )
    ascii_only = console.options.ascii_only
    cut: Literal["crop", "ellipsis"] = "crop" if ascii_only else "ellipsis"  # an ASCII terminal has no "…"
    for column in shown:
        table.add_column(
            column.header,
            justify=column.justify,
            style=column.style,
            no_wrap=column.bar or laid[column.key].whole,
            overflow="fold" if column.wrap else cut,
            width=bar_width if column.bar else widths[column.key],
        )
    whole = {key: widths[key] for key, column in laid.items() if column.whole and widths[key] < column.values_width}
    # Bars side by side share one scale, so that they compare: joins against leaves.
    largest = max((int(r.get(c.key) or 0) for c in shown if c.bar for r in result.records), default=0)
    for record in result.records:
        table.add_row(
            *(
                Text(
                    _bar(int(record.get(c.key) or 0), largest, bar_width, ascii_only)
                    if c.bar
                    else _broken(escape_unsafe(cell_text(record.get(c.key))), whole[c.key])
                    if c.key in whole
                    else escape_unsafe(cell_text(record.get(c.key)))
                )
                for c in shown
            ),
            style=record.get(result.row_style) if result.row_style else None,
        )
    needed = sum(bar_width if c.bar else widths[c.key] for c in shown) + _frame(len(shown))
    if needed <= console.width:
        console.print(table)
    else:  # narrower than its figures: rich.table would cut them, so it is drawn wider, for the terminal to wrap
        width = console.width
        console.width = needed
        try:
            console.print(table)
        finally:
            console.width = width
    _print_sentence(result, out)


def _draw_report(report: Report, out: Output) -> None:
    """The report through the same tables `accord list` draws, under a heading per section."""
    from rich.rule import Rule
    from rich.text import Text

    console = out.console
    console.print(Text(escape_unsafe(report.title), style="bold"))
    for fact in report.facts:
        console.print(Text(escape_unsafe(fact)))
    for heading, section in report.sections:
        console.print()
        console.print(Rule(Text(escape_unsafe(heading), style="bold cyan"), align="left"))
        render_rich(section, out)


def render(result: Result | Report, out: Output) -> None:
    if isinstance(result, Report):
        _draw_report(result, out)
    elif not result.columns:
        out.write(escape_unsafe(result.sentence) + "\n")
    elif out.is_terminal:
        render_rich(result, out)
    else:
        render_plain(result, out)
