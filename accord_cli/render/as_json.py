"""JSON for scripts: one document on stdout, nothing else, keys in a fixed order."""

from __future__ import annotations

import re
from typing import Any

import msgspec

from accord_cli.core.characters import unsafe_in_json
from accord_cli.core.model import encode_for_json
from accord_cli.render.output import Output
from accord_cli.render.result import Result

_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _escaped(char: re.Match[str]) -> str:
    """A character as JSON writes it in ASCII: \\u and four hex digits, two such beyond the Basic Multilingual Plane."""
    units = char.group().encode("utf-16-be")
    return "".join(f"\\u{units[i]:02x}{units[i + 1]:02x}" for i in range(0, len(units), 2))


def dumps(data: Any, ascii_only: bool = False) -> str:
    """`data` as indented JSON: dates in ISO form, tuples as arrays, text as UTF-8 (or, `ascii_only`, with
    every other character escaped, which is the same JSON)."""
    text = msgspec.json.format(msgspec.json.encode(data, enc_hook=encode_for_json), indent=2).decode("utf-8")
    # msgspec escapes C0 controls itself; the other unsafe characters (DEL, C1, bidirectional and invisible
    # ones) would pass through raw, so they are escaped the JSON way too.
    return (_NON_ASCII if ascii_only else unsafe_in_json()).sub(_escaped, text) + "\n"


def render(result: Result, out: Output) -> None:
    out.write(dumps(result.json_document(), ascii_only=out.ascii_only))
