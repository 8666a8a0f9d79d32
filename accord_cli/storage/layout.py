"""Writing a ledger document as TOML in one fixed, hand-editable layout.

tomli-w decides per array whether tables go inline or in `[[...]]` blocks, so
an entry gaining an alias would flip the whole file's layout. Here every table
in an array is its own block, every short list stays on one line, and tomli-w
is used only for the literals themselves. Arrays may be lists or tuples, as the
model's encoding gives them. A `Disputed` value, what a merge could not settle,
is written as each side's version between git's conflict markers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from functools import lru_cache, partial
from typing import Any

import tomli_w

from accord_cli.storage import conflict_markers

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_MAX_INLINE = 88
_PLAIN_TYPES = (str, list, tuple, date, int, float, bool)


class Disputed:
    """A field or a whole entry of a merged document that each side of the merge has its own way: the base,
    our and their version (None where one has none), and why they cannot both stand."""

    __slots__ = ("base", "ours", "theirs", "reason")

    def __init__(self, base: Any, ours: Any, theirs: Any, reason: str) -> None:
        self.base, self.ours, self.theirs, self.reason = base, ours, theirs, reason

    def written(self, lines_of: Callable[[Any], list[str]]) -> list[str]:
        """The lines of the conflict, `lines_of(version)` giving those of each version."""
        lines = [conflict_markers.opening(self.reason)]
        for marker, version in (
            (None, self.ours),
            (conflict_markers.BASE, self.base),
            (conflict_markers.THEIRS_START, self.theirs),
        ):
            if marker:
                lines.append(marker)
            if version is not None:
                lines += lines_of(version)
        lines.append(conflict_markers.THEIRS_END)
        return lines


def _is_plain(text: str) -> bool:
    """Whether `text` can be written between double quotes as it is (no quote, backslash or control)."""
    return '"' not in text and "\\" not in text and text.isprintable()


def _literal(value: Any) -> str:
    kind = value.__class__
    if kind is str and _is_plain(value):
        return f'"{value}"'  # the common case, without tomli-w's per-call overhead
    if kind is date:
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        items = [_literal(item) for item in value]
        one_line = "[" + ", ".join(items) + "]"
        if len(one_line) <= _MAX_INLINE and "\n" not in one_line:
            return one_line
        return "[\n" + "".join(f"    {item},\n" for item in items) + "]"
    if _is_mapping(value):
        pairs = ", ".join(f"{_key(k)} = {_literal(v)}" for k, v in value.items())
        return "{ " + pairs + " }" if pairs else "{}"
    return tomli_w.dumps({"v": value})[len("v = ") :].rstrip("\n")


@lru_cache(maxsize=1024)
def _key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _literal(key)


@lru_cache(maxsize=1024)
def _assignment(key: str) -> str:
    """`key = `, the start of the line that sets `key`."""
    return f"{_key(key)} = "


def _is_mapping(value: Any) -> bool:
    # dict first: the abstract Mapping check is slow, and it runs for every value of a large ledger
    return value.__class__ is dict or (not isinstance(value, _PLAIN_TYPES) and isinstance(value, Mapping))


def _is_table_array(value: Any) -> bool:
    return (
        isinstance(value, (list, tuple))
        and bool(value)
        and all(_is_mapping(item) or item.__class__ is Disputed for item in value)
    )


def _section(header: str | None, table: Mapping[str, Any], prefix: str, out: list[str]) -> None:
    nested = []
    if header is not None:
        if out:
            out.append("")
        out.append(header)
    append = out.append
    for key, value in table.items():
        kind = value.__class__
        # Most values of a large ledger are plain strings and dates: settled here, without a call per value.
        if kind is str and _is_plain(value):
            append(f'{_assignment(key)}"{value}"')
        elif kind is date:
            append(_assignment(key) + value.isoformat())
        elif _is_mapping(value) or _is_table_array(value):
            nested.append((key, value))
        elif kind is Disputed:
            out += value.written(partial(_field_lines, key))
        else:
            append(_assignment(key) + _literal(value))
    for key, value in nested:
        name = prefix + _key(key)
        if _is_mapping(value):
            _section(f"[{name}]", value, name + ".", out)
        else:
            for item in value:
                if item.__class__ is Disputed:
                    out += ["", *item.written(partial(_block, f"[[{name}]]", name + "."))]
                else:
                    _section(f"[[{name}]]", item, name + ".", out)


def _field_lines(key: str, value: Any) -> list[str]:
    """The line that sets `key` to `value`, on its own."""
    return [_assignment(key) + _literal(value)]


def _block(header: str, prefix: str, table: Mapping[str, Any]) -> list[str]:
    """The lines of one table and the tables under it, on their own."""
    lines: list[str] = []
    _section(header, table, prefix, lines)
    return lines


def dumps(doc: Mapping[str, Any]) -> str:
    """The TOML text of `doc`: plain keys first, then each table and array entry as a block."""
    out: list[str] = []
    _section(None, doc, "", out)
    return "\n".join(out) + "\n" if out else ""
