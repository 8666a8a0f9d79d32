"""What a renderer receives: rows of records, the columns a person sees, and a summary line.

Kept apart from views.py so that renderers load without the whole core.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    justify: str = "left"
    style: str | None = None
    # Drawn as a horizontal bar scaled to the column's largest value, on a terminal only.
    bar: bool = False


@dataclass(frozen=True)
class Listing:
    """Rows for one command's output, with the sentence that sums them up."""

    fields: tuple[str, ...]
    columns: tuple[Column, ...]
    records: list[dict[str, Any]] = field(default_factory=list)
    summary: str = ""
    title: str | None = None
    show_header: bool = True
