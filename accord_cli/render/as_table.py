"""Tables for people: Rich on a terminal, plain aligned columns when piped."""

from __future__ import annotations

from rich.cells import cell_len

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

_BAR_WIDTH = 40


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
        self.width = max(map(len if self.ascii else cell_len, cells), default=0)
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


def _columns(result: Result, columns: tuple[Column, ...]) -> list[_Column]:
    values = columns_of(result.records, [c.key for c in columns])
    return [_Column(column, texts_of(column_values), column.header if result.show_header else None)
            for column, column_values in zip(columns, values, strict=True)]


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


def _bar(value: int, largest: int) -> str:
    if largest <= 0 or value <= 0:
        return ""
    eighths = round(value / largest * _BAR_WIDTH * 8)
    full, rest = divmod(eighths, 8)
    return "█" * full + ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")[rest]


def render_rich(result: Result, out: Output) -> None:
    """Rich's look on a terminal: drawn directly when simple, through rich.table when not.

    A console that records what it prints (for an HTML or SVG report) gets
    every table through rich.table, so that nothing bypasses the recording; so
    does a terminal that shows only ASCII, for which Rich draws its boxes in
    ASCII.
    """
    console = out.console
    if (any(c.bar for c in result.columns) or console.record or console.options.ascii_only
            or not _draw_simple(result, out)):
        _render_rich_table(result, out)


def _draw_simple(result: Result, out: Output) -> bool:
    """Draw the table as rich.table would with box SIMPLE_HEAD, in a few passes over its columns.

    Rich's Table measures and renders every cell through its layout engine, which
    takes seconds for ten thousand rows; a table of plain cells that fits the
    terminal needs only the column widths. False (nothing drawn) if it does not fit.
    """
    laid = _columns(result, result.columns)
    table_width = sum(c.width for c in laid) + 3 * len(laid) + 1
    if table_width > out.console.width:
        return False

    def wrapped(texts: list[str], column: _Column, style: str | None) -> list[str]:
        before, after = out.styled(style)
        return [f"{before} {text} {after}" for text in column.padded(texts)]

    lines = []
    if result.title:
        title = escape_unsafe(result.title)[:table_width]
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
