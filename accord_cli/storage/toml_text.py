"""Ledger text as TOML: parsing it with errors that point at LINE:COL, and finding where a key is written."""

from __future__ import annotations

import re
from functools import cached_property
from typing import Any

import rtoml

from accord_cli.core.dates import parse_date
from accord_cli.core.errors import LedgerInvalid, LedgerSyntaxError

_POSITION = re.compile(r" at line (\d+) column (\d+)$")
_DATE_VALUE = re.compile(r"=\s*(\d{1,4}-\d{1,2}-\d{1,2})(?=\s|$|#|,|\])")
_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]\[]+?)\s*\]\]?")
_KEY = re.compile(r'^\s*("?)([^"=\s]+)\1\s*=')


# A large ledger is parsed a slice of signatories at a time: rtoml builds a tree of
# its own before handing back Python objects, and for 100,000 signatories (16 MB)
# that tree takes over 200 MB more than the result; slices of about a megabyte
# keep it to a few.
SLICE_CHARACTERS = 1_000_000
_SIGNATORY_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*signatories[ \t]*\]\]", re.MULTILINE)


class _SlicesOverlap(Exception):
    """Two slices define the same top-level key: only the whole text can say what that means."""


def parse(label: str, text: str) -> dict[str, Any]:
    """The TOML document in `text`; LedgerSyntaxError naming `label`:LINE:COL if it is not valid TOML.

    rtoml, a parser written in Rust, reads a large ledger twice as fast as the
    compiled tomli, and both pass the TOML 1.0 cases of toml-lang/toml-test.
    """
    try:
        try:
            return _parse_in_slices(text)
        except (rtoml.TomlParsingError, _SlicesOverlap):
            return rtoml.loads(text)  # says what is wrong, and where
    except rtoml.TomlParsingError as err:
        if "recursion" in str(err):
            raise LedgerInvalid(f"{label}: nested too deeply to be a ledger") from None
        raise _syntax_error(label, text, str(err)) from None


def _parse_in_slices(text: str) -> dict[str, Any]:
    """The document, parsed in slices that each start at a [[signatories]] header, then put together.

    A header line can only be mistaken for one inside a multi-line string, so a
    text with those is parsed whole; so is a small one. The first slice holds the
    first header, so `signatories` is an array of tables from the start. Slices
    that both define a key other than `signatories` make the caller parse the
    whole text.
    """
    first = _SIGNATORY_HEADER.search(text)
    if len(text) <= SLICE_CHARACTERS or first is None or '"""' in text or "'''" in text:
        return rtoml.loads(text)
    # Cuts fall on headers written as accord writes them, found with str.find; one written
    # otherwise (indented, spaced out) just stays inside its slice.
    cuts = [0]
    cut = text.find("\n[[signatories]]", max(first.end(), SLICE_CHARACTERS)) + 1
    while cut > 0:
        cuts.append(cut)
        cut = text.find("\n[[signatories]]", cut + SLICE_CHARACTERS) + 1
    cuts.append(len(text))
    doc: dict[str, Any] = {}
    for start, end in zip(cuts, cuts[1:]):
        for key, value in rtoml.loads(text[start:end]).items():
            if key not in doc:
                doc[key] = value
            elif key == "signatories" and isinstance(doc[key], list) and isinstance(value, list):
                doc[key].extend(value)
            else:
                raise _SlicesOverlap(key)
    return doc


def _syntax_error(label: str, text: str, message: str) -> LedgerSyntaxError:
    found = _POSITION.search(message)
    line_no, column = (int(found.group(1)), int(found.group(2))) if found else (1, 1)
    reason = " ".join((message[: found.start()] if found else message).split())
    lines = text.splitlines()
    line = lines[line_no - 1] if 0 < line_no <= len(lines) else ""
    # A malformed date is reported as an invalid date or datetime; name the date and
    # what was expected instead, as the command line does.
    for match in _DATE_VALUE.finditer(line):
        try:
            parse_date(match.group(1))
        except ValueError as bad_date:
            return LedgerSyntaxError(label, line_no, match.start(1) + 1, str(bad_date))
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
