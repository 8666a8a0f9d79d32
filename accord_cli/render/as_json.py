"""JSON for scripts: one document on stdout, nothing else, keys in a fixed order."""

from __future__ import annotations

from typing import Any

import msgspec

from accord_cli.core.characters import UNSAFE
from accord_cli.render.output import Output
from accord_cli.render.result import Result

# msgspec escapes C0 controls itself; the rest of UNSAFE (DEL, C1, bidi overrides)
# would pass through raw, so escape them the JSON way.
_JSON_ESCAPES = {ord(c): f"\\u{ord(c):04x}" for c in UNSAFE if ord(c) >= 0x7F}


def dumps(data: Any) -> str:
    """`data` as indented JSON: dates in ISO form, tuples as arrays, text as UTF-8."""
    encoded = msgspec.json.format(msgspec.json.encode(data), indent=2)
    return encoded.decode("utf-8").translate(_JSON_ESCAPES) + "\n"


def render(result: Result, out: Output) -> None:
    out.write(dumps(result.json_document()))
