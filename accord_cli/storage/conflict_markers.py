"""git's conflict markers: written around what a merge could not settle, and found in a ledger left with them.

A region runs from `<<<<<<<` (our version) through `|||||||` (the common base) and `=======` (theirs) to
`>>>>>>>`, each marker at the start of its line, as git writes them; accord's driver adds why to the
opening marker. No line of TOML starts so outside a multi-line string.
"""

from __future__ import annotations

import re

from msgspec import Struct

OURS = "<<<<<<< ours"
BASE = "||||||| base"
THEIRS_START = "======="
THEIRS_END = ">>>>>>> theirs"

_OPENING = re.compile(r"^<<<<<<<(?:[ \t]+([^\r\n]*))?\r?$", re.MULTILINE)
_CLOSING = re.compile(r"^>>>>>>>(?:[ \t][^\r\n]*)?\r?$", re.MULTILINE)


class Marked(Struct, frozen=True):
    """One conflict left in a text: the line of its opening marker, and why, where the marker says (accord's
    driver writes `<<<<<<< ours: why`; git's own line merge, a label alone)."""

    line: int
    reason: str


def opening(reason: str) -> str:
    """The marker that opens a conflict, with why (on one line)."""
    return f"{OURS}: {' '.join(reason.split())}"


def find_marked(text: str) -> list[Marked]:
    """Each conflict region in `text` (an opening marker with a closing one after it), in order."""
    if "<<<<<<<" not in text:
        return []
    closings = [m.start() for m in _CLOSING.finditer(text)]
    found = []
    for match in _OPENING.finditer(text):
        if any(at > match.start() for at in closings):
            reason = (match.group(1) or "").partition(": ")[2].strip()
            found.append(Marked(text.count("\n", 0, match.start()) + 1, reason))
    return found
