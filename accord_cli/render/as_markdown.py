"""A GitHub-flavoured Markdown table, for pasting into an issue or an article."""

from __future__ import annotations

from accord_cli.listing import Listing
from accord_cli.render import Output, cell_text
from accord_cli.text import escape_unsafe

_MARKDOWN_ESCAPES = str.maketrans({"\\": "\\\\", "|": "\\|", "<": "&lt;", ">": "&gt;", "*": "\\*", "_": "\\_",
                                   "`": "\\`", "[": "\\[", "]": "\\]"})


def markdown_cell(text: str) -> str:
    return escape_unsafe(text).translate(_MARKDOWN_ESCAPES)


def render(listing: Listing, out: Output) -> None:
    columns = tuple(c for c in listing.columns if not c.bar)
    lines = [
        "| " + " | ".join(markdown_cell(c.header) for c in columns) + " |",
        "| " + " | ".join("---:" if c.justify == "right" else "---" for c in columns) + " |",
    ]
    for record in listing.records:
        lines.append("| " + " | ".join(markdown_cell(cell_text(record.get(c.key))) for c in columns) + " |")
    if listing.summary:
        lines += ["", markdown_cell(listing.summary)]
    out.write("\n".join(lines) + "\n")
