"""Characters that must never reach a terminal raw.

Control characters (ANSI escape sequences, carriage returns, backspaces) can
repaint a terminal, and bidirectional overrides can make text read differently
from what it is. Names that hold them are refused; any that reach output from a
hand-edited ledger are shown as visible escapes.
"""

from __future__ import annotations

import re

_BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
UNSAFE = frozenset([chr(c) for c in range(0x20)] + [chr(c) for c in range(0x7F, 0xA0)] + list(_BIDI_CONTROLS))

_ESCAPES = {ord(c): f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}" for c in UNSAFE}
_ESCAPES.update({ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"})


# One character class: a regex scans text in C, several times faster than a set lookup per character.
_UNSAFE_SEARCH = re.compile("[" + "".join(re.escape(c) for c in sorted(UNSAFE)) + "]").search


def has_unsafe_characters(text: str) -> bool:
    return _UNSAFE_SEARCH(text) is not None


def escape_unsafe(text: str) -> str:
    """`text` with every unsafe character written as a visible escape such as \\x1b."""
    return text.translate(_ESCAPES) if has_unsafe_characters(text) else text

