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
from functools import cache

_CONTROLS = ((0x00, 0x1F), (0x7F, 0x9F))
_BIDI_CONTROLS = ((0x061C, 0x061C), (0x200E, 0x200F), (0x202A, 0x202E), (0x2066, 0x2069))
# Unicode's Default_Ignorable_Code_Point property (DerivedCoreProperties.txt): drawn as nothing at all.
INVISIBLE_RANGES = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)


def _class(ranges: tuple[tuple[int, int], ...]) -> re.Pattern[str]:
    """A regex matching any one character of `ranges`: one character class, scanned in C."""
    return re.compile(
        "["
        + "".join(
            re.escape(chr(first)) + (f"-{re.escape(chr(last))}" if last > first else "") for first, last in ranges
        )
        + "]"
    )


_UNSAFE = _class(_CONTROLS + _BIDI_CONTROLS + INVISIBLE_RANGES)


@cache
def unsafe_in_json() -> re.Pattern[str]:
    """The unsafe characters JSON writes as they are: all but the C0 controls, which it escapes itself."""
    return _class(((0x7F, 0x9F),) + _BIDI_CONTROLS + INVISIBLE_RANGES)


@cache
def _invisible() -> re.Pattern[str]:
    return _class(INVISIBLE_RANGES)


_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    point = ord(char)
    return _NAMED_ESCAPES.get(char) or (
        f"\\x{point:02x}" if point < 0x100 else f"\\u{point:04x}" if point < 0x10000 else f"\\U{point:08x}"
    )


def has_unsafe_characters(text: str) -> bool:
    # Of ASCII, exactly the controls and DEL are not printable: two scans in C, several times faster
    # than the character class.
    if text.isascii():
        return not text.isprintable()
    return _UNSAFE.search(text) is not None


def escape_unsafe(text: str) -> str:
    """`text` with every unsafe character written as a visible escape such as \\x1b."""
    return _UNSAFE.sub(_escape, text) if has_unsafe_characters(text) else text


def unsafe_character(text: str) -> str | None:
    """The first unsafe character of `text`, described for a message ("U+200B ZERO WIDTH SPACE, an
    invisible character"), or None if it has none."""
    found = _UNSAFE.search(text)
    if found is None:
        return None
    char = found.group()
    kind = (
        "a bidirectional control"
        if _class(_BIDI_CONTROLS).fullmatch(char)
        else "an invisible character"
        if _invisible().fullmatch(char)
        else "a control character"
    )
    return f"U+{ord(char):04X} {unicodedata.name(char, '')}".rstrip() + f", {kind}"


def without_invisible(text: str) -> str:
    """`text` with its invisible characters removed, as a reader sees it."""
    return text if text.isascii() else _invisible().sub("", text)
