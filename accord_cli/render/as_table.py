"""Tables for people: Rich on a terminal, plain aligned columns when piped."""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len

from accord_cli.core.characters import UNSAFE, escape_unsafe
from accord_cli.render.output import Output
from accord_cli.render.result import Column, Report, Result, cell_text

_BAR_WIDTH = 40


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


def _rows(result: Result, columns: tuple[Column, ...]) -> list[Row]:
    keys = [c.key for c in columns]
    return [_measured([value if value.__class__ is str else cell_text(value)  # type: ignore[misc]
                       for value in map(record.get, keys)])
            for record in result.records]


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


def render_plain(result: Result, out: Output) -> None:
    """Columns separated by two spaces, no colour, box drawing or bars, for grep, awk and files; the
    sentence on stderr, so that a pipe carries only rows."""
    columns = tuple(c for c in result.columns if not c.bar)
    rows = _rows(result, columns)
    if result.show_header:
        rows.insert(0, _measured([c.header for c in columns]))
    widths = _widths(rows, len(columns))
    line = _line_maker(widths, columns, [("", "")] * len(columns), "  ")
    lines = [line(row).rstrip() for row in rows]
    if lines:
        out.write("\n".join(lines) + "\n")
    if result.sentence:
        out.note(result.sentence)


def _bar(value: int, largest: int) -> str:
    if largest <= 0 or value <= 0:
        return ""
    eighths = round(value / largest * _BAR_WIDTH * 8)
    full, rest = divmod(eighths, 8)
    return "█" * full + ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")[rest]


def render_rich(result: Result, out: Output) -> None:
    """Rich's look on a terminal: drawn directly when simple, through rich.table when not.

    A console that records what it prints (for an HTML or SVG report) gets
    every table through rich.table, so that nothing bypasses the recording.
    """
    if any(c.bar for c in result.columns) or out.console.record or not _draw_simple(result, out):
        _render_rich_table(result, out)


def _draw_simple(result: Result, out: Output) -> bool:
    """Draw the table as rich.table would with box SIMPLE_HEAD, in one pass over the rows.

    Rich's Table measures and renders every cell through its layout engine, which
    takes seconds for ten thousand rows; a table of plain cells that fits the
    terminal needs only the column widths. False (nothing drawn) if it does not fit.
    """
    columns = result.columns
    rows = _rows(result, columns)
    header = _measured([c.header for c in columns])
    widths = _widths([header, *rows] if result.show_header else rows, len(columns))
    table_width = sum(widths) + 3 * len(columns) + 1
    if table_width > out.console.width:
        return False

    def line_maker(styles: list[tuple[str, str]]) -> Callable[[Row], str]:
        return _line_maker(widths, columns, [(before + " ", " " + after) for before, after in styles], " ", " ")

    lines = []
    if result.title:
        title = escape_unsafe(result.title)[:table_width]
        left = (table_width - cell_len(title)) // 2
        bold, unbold = out.styled("bold")
        lines.append(" " * left + bold + title + unbold + " " * (table_width - left - cell_len(title)))
    lines.append(" " * table_width)
    if result.show_header:
        lines.append(line_maker([out.styled("bold cyan")] * len(columns))(header))
        lines.append(" " + "─" * (table_width - 2) + " ")
    column_styles = [c.style for c in columns]
    makers: dict[str | None, Callable[[Row], str]] = {}
    for record, row in zip(result.records, rows, strict=True):
        row_style = record.get(result.row_style) if result.row_style else None
        if row_style not in makers:
            makers[row_style] = line_maker([out.styled(style or row_style) for style in column_styles])
        lines.append(makers[row_style](row))
    lines.append(" " * table_width)
    if result.sentence:
        dim, undim = out.styled("dim")
        lines.append(dim + escape_unsafe(result.sentence) + undim)
    out.write("\n".join(lines) + "\n")
    return True


def _render_rich_table(result: Result, out: Output) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(box=box.SIMPLE_HEAD, show_header=result.show_header, header_style="bold cyan",
                  title=Text(escape_unsafe(result.title)) if result.title else None, title_style="bold")
    for column in result.columns:
        table.add_column(column.header, justify=column.justify, style=column.style,  # type: ignore[arg-type]
                         no_wrap=column.bar)
    largest = {c.key: max((int(r.get(c.key) or 0) for r in result.records), default=0)
               for c in result.columns if c.bar}
    for record in result.records:
        table.add_row(*(
            Text(_bar(int(record.get(c.key) or 0), largest[c.key]) if c.bar
                 else escape_unsafe(cell_text(record.get(c.key))))
            for c in result.columns
        ), style=record.get(result.row_style) if result.row_style else None)
    out.console.print(table)
    if result.sentence:
        out.console.print(Text(escape_unsafe(result.sentence), style="dim"))


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
