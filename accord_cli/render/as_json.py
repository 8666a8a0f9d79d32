"""JSON for scripts: one document on stdout, nothing else, keys in a fixed order."""

from __future__ import annotations

import json
from typing import Any

from accord_cli.core.characters import UNSAFE
from accord_cli.render.output import Output
from accord_cli.render.result import Result

# json.dumps escapes C0 controls itself; the rest of UNSAFE (DEL, C1, bidi overrides)
# would pass through raw with ensure_ascii=False, so escape them the JSON way.
_JSON_ESCAPES = {ord(c): f"\\u{ord(c):04x}" for c in UNSAFE if ord(c) >= 0x7F}


def _default(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, default=_default).translate(_JSON_ESCAPES) + "\n"


def render(result: Result, out: Output) -> None:
    out.write(dumps(result.json_document()))
