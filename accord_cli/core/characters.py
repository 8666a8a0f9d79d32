"""Characters that must never reach a terminal raw, nor hide in a name.

Control characters (ANSI escape sequences, carriage returns, backspaces) can
repaint a terminal, and bidirectional overrides can make text read differently
from what it is. Invisible characters (zero-width spaces and joiners, soft
hyphens, the byte-order mark: Unicode's default-ignorable code points) make two
names that read the same different strings. Names that hold any of them are
refused; any that reach output from a hand-edited ledger are shown as visible
escapes.
"""

from __future__ import annotations

import re
import unicodedata

_BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Unicode's Default_Ignorable_Code_Point property (DerivedCoreProperties.txt): drawn as nothing at all.
_DEFAULT_IGNORABLE = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5),
    (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164),
    (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF),
)
_CONTROLS = [chr(c) for c in range(0x20)] + [chr(c) for c in range(0x7F, 0xA0)]
INVISIBLE = frozenset(chr(c) for start, end in _DEFAULT_IGNORABLE for c in range(start, end + 1))
UNSAFE = frozenset(_CONTROLS) | frozenset(_BIDI_CONTROLS) | INVISIBLE

_ESCAPES = {ord(c): f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}" if ord(c) < 0x10000
            else f"\\U{ord(c):08x}" for c in UNSAFE}
_ESCAPES.update({ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t"})


def _ranges(chars: frozenset[str]) -> str:
    """A regex character class body for `chars`, runs of code points written as ranges."""
    runs: list[list[int]] = []
    for point in sorted(map(ord, chars)):
        if runs and point == runs[-1][1] + 1:
            runs[-1][1] = point
        else:
            runs.append([point, point])
    return "".join(re.escape(chr(first)) + (f"-{re.escape(chr(last))}" if last > first else "")
                   for first, last in runs)


# One character class: a regex scans text in C, several times faster than a set lookup per character.
_UNSAFE_SEARCH = re.compile(f"[{_ranges(UNSAFE)}]").search


def has_unsafe_characters(text: str) -> bool:
    return _UNSAFE_SEARCH(text) is not None


def escape_unsafe(text: str) -> str:
    """`text` with every unsafe character written as a visible escape such as \\x1b."""
    return text.translate(_ESCAPES) if has_unsafe_characters(text) else text


def unsafe_character(text: str) -> str | None:
    """The first unsafe character of `text`, described for a message ("U+200B ZERO WIDTH SPACE, an
    invisible character"), or None if it has none."""
    found = _UNSAFE_SEARCH(text)
    if found is None:
        return None
    char = found.group()
    kind = ("an invisible character" if char in INVISIBLE and char not in _BIDI_CONTROLS else
            "a bidirectional control" if char in _BIDI_CONTROLS else "a control character")
    return f"U+{ord(char):04X} {unicodedata.name(char, '')}".rstrip() + f", {kind}"


def without_invisible(text: str) -> str:
    """`text` with its invisible characters removed, as a reader sees it."""
    return text if text.isascii() else "".join(c for c in text if c not in INVISIBLE)
