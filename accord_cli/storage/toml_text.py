"""Ledger text as TOML: parsing it with errors that point at LINE:COL, and finding where a key is written."""

from __future__ import annotations

import re
from functools import cached_property
from typing import Any

import tomli

from accord_cli.core.dates import parse_date
from accord_cli.core.errors import LedgerInvalid, LedgerSyntaxError

_DATE_VALUE = re.compile(r"=\s*(\d{1,4}-\d{1,2}-\d{1,2})(?=\s|$|#|,|\])")
_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]\[]+?)\s*\]\]?")
_KEY = re.compile(r'^\s*("?)([^"=\s]+)\1\s*=')


def parse(label: str, text: str) -> dict[str, Any]:
    """The TOML document in `text`; LedgerSyntaxError naming `label`:LINE:COL if it is not valid TOML."""
    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as err:
        raise _syntax_error(label, text, err) from None
    except RecursionError:
        raise LedgerInvalid(f"{label}: nested too deeply to be a ledger") from None


def _syntax_error(label: str, text: str, err: tomli.TOMLDecodeError) -> LedgerSyntaxError:
    line_no, column, reason = err.lineno, err.colno, err.msg
    lines = text.splitlines()
    line = lines[line_no - 1] if 0 < line_no <= len(lines) else ""
    # tomli reports a malformed date as a stray character or an "invalid date or
    # datetime"; name the date and what was expected instead.
    for match in _DATE_VALUE.finditer(line):
        try:
            parse_date(match.group(1))
        except ValueError as bad_date:
            return LedgerSyntaxError(label, line_no, match.start(1) + 1, str(bad_date))
    if reason == "Illegal character '\\n'":
        reason = "string not closed before the end of the line"
    return LedgerSyntaxError(label, line_no, column, reason[:1].lower() + reason[1:])


class SourceMap:
    """Where the keys of a document's tables are written in its text, for messages that say LINE:COL."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def _lines(self) -> list[str]:
        return self.text.splitlines()

    @cached_property
    def _sections(self) -> list[tuple[str, bool, int]]:
        sections = []
        for number, line in enumerate(self._lines, start=1):
            match = _HEADER.match(line)
            if match:
                sections.append((match.group(2), match.group(1) == "[[", number))
        return sections

    @cached_property
    def _blocks(self) -> dict[str, list[int]]:
        """The header line of each [[name]] block, by name, in file order."""
        blocks: dict[str, list[int]] = {}
        for name, is_array, line in self._sections:
            if is_array:
                blocks.setdefault(name, []).append(line)
        return blocks

    def position(self, path: tuple[str | int, ...]) -> tuple[int, int] | None:
        """The line and column a document path points at: its key, else its section's header."""
        if not path:
            return None
        head, *rest = path
        start = None
        if rest and isinstance(rest[0], int):
            blocks = self._blocks.get(str(head), [])
            if rest[0] < len(blocks):
                start = blocks[rest[0]]
            rest = rest[1:]
        else:
            start = next((line for name, _, line in self._sections if name == head), None)
        if start is None and not rest:  # a key of the document itself, written before any [section]
            start, rest = 0, [head]
        if start is None:
            return None
        key = next((part for part in rest if isinstance(part, str)), None)
        if key is not None:
            lines = self._lines
            for number in range(start, len(lines)):
                if _HEADER.match(lines[number]):
                    break
                match = _KEY.match(lines[number])
                if match and match.group(2) == key:
                    return number + 1, match.start(1) + 1
        return (start, 1) if start else None
