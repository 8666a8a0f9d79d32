"""Writing a ledger document as TOML in one fixed, hand-editable layout.

tomli-w decides per array whether tables go inline or in `[[...]]` blocks, so
an entry gaining an alias would flip the whole file's layout. Here every table
in an array is its own block, every short list stays on one line, and tomli-w
is used only for the literals themselves.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

import tomli_w

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_PLAIN_STRING = re.compile(r'[^"\\\x00-\x1f\x7f]*')
_MAX_INLINE = 88


def _literal(value: Any) -> str:
    if isinstance(value, str) and _PLAIN_STRING.fullmatch(value):
        return f'"{value}"'  # the common case, without tomli-w's per-call overhead
    if isinstance(value, date) and not isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, list):
        items = [_literal(item) for item in value]
        one_line = "[" + ", ".join(items) + "]"
        if len(one_line) <= _MAX_INLINE and "\n" not in one_line:
            return one_line
        return "[\n" + "".join(f"    {item},\n" for item in items) + "]"
    if isinstance(value, Mapping):
        pairs = ", ".join(f"{_key(k)} = {_literal(v)}" for k, v in value.items())
        return "{ " + pairs + " }" if pairs else "{}"
    return tomli_w.dumps({"v": value})[len("v = "):].rstrip("\n")


def _key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _literal(key)


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(item, Mapping) for item in value)


def _section(header: str | None, table: Mapping[str, Any], prefix: str, out: list[str]) -> None:
    body = [f"{_key(k)} = {_literal(v)}" for k, v in table.items()
            if not isinstance(v, Mapping) and not _is_table_array(v)]
    if header is not None:
        if out:
            out.append("")
        out.append(header)
    out.extend(body)
    for key, value in table.items():
        name = prefix + _key(key)
        if isinstance(value, Mapping):
            _section(f"[{name}]", value, name + ".", out)
        elif _is_table_array(value):
            for item in value:
                _section(f"[[{name}]]", item, name + ".", out)


def dumps(doc: Mapping[str, Any]) -> str:
    """The TOML text of `doc`: plain keys first, then each table and array entry as a block."""
    out: list[str] = []
    _section(None, doc, "", out)
    return "\n".join(out) + "\n" if out else ""
