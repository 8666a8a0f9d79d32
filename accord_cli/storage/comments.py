"""Finding the comments in a TOML text, which a rewrite of the ledger would drop."""

from __future__ import annotations

import re

from msgspec import Struct


class Comment(Struct, frozen=True):
    line: int
    text: str


# TOML's four kinds of string, matched only so that a `#` inside one is skipped; the regex engine steps
# over everything else, which keeps a 10 MB ledger to milliseconds. A multi-line string's text may end
# with one or two quotes of its kind right before the closing three (`"""a""""` holds `a"`), so inside
# one a quote is text unless two more follow, and the closing three may have two more after them.
_TOKENS = re.compile(
    # Each string as runs of ordinary characters between special ones, so the engine never backtracks.
    r'"""[^"\\]*(?:(?:\\.|"(?!""))[^"\\]*)*"""(?:""?)?'
    r"|'''[^']*(?:'(?!'')[^']*)*'''(?:''?)?"
    r'|"[^"\\\n]*(?:\\.[^"\\\n]*)*"'
    r"|'[^'\n]*'"
    r"|#[^\n]*",
    re.DOTALL,
)


def find_comments(text: str) -> list[Comment]:
    """Every `# ...` comment in `text` with its line number; a `#` inside a string is not one."""
    if "#" not in text:
        return []
    comments: list[Comment] = []
    line, counted_to = 1, 0
    for match in _TOKENS.finditer(text):
        if match.group().startswith("#"):
            line += text.count("\n", counted_to, match.start())
            counted_to = match.start()
            comments.append(Comment(line, match.group().rstrip("\r")))
    return comments
