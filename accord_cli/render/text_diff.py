"""A unified diff of two versions of a ledger's text, in time that grows with the text, not its square.

difflib compares whole texts line by line, and on a ledger, whose entries repeat the
same lines (`[[signatories]]`, `sector = "security"`, a blank line), it slows to
quadratic time: seconds for a 2,000-entry ledger whose every entry gains an id, hours at
100,000. A ledger is a list of entries, so the diff pairs the entries of the two
versions first (by their header and the name they give, else their id), and compares
lines only within entries that differ. The output is a unified diff as difflib writes one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from difflib import SequenceMatcher

# What a hunk shows around each change, as `diff -u` does.
CONTEXT = 3
# The value of a key (name or id) written on one line, as accord writes it or by hand.
_KEY = re.compile(r"\w+[ \t]*=(.*)")
# Changed runs of entries at most this long are compared line by line, so that a hunk shows what changed.
_LINE_BY_LINE = 400

Opcode = tuple[str, int, int, int, int]


def unified_diff(before_text: str, after_text: str, from_label: str, to_label: str) -> Iterator[str]:
    """The lines of a unified diff (without line ends) that turns one text into the other."""
    before_text, after_text = before_text.replace("\r\n", "\n"), after_text.replace("\r\n", "\n")
    before, after = _lines(before_text), _lines(after_text)
    hunks = list(_hunks(_opcodes(before_text, before, after_text, after)))
    if not hunks:
        return
    yield f"--- {from_label}"
    yield f"+++ {to_label}"
    for hunk in hunks:
        first, last = hunk[0], hunk[-1]
        yield f"@@ -{_range(first[1], last[2])} +{_range(first[3], last[4])} @@"
        for tag, a_start, a_end, b_start, b_end in hunk:
            if tag == "equal":
                yield from (" " + line for line in before[a_start:a_end])
                continue
            yield from ("-" + line for line in before[a_start:a_end])
            yield from ("+" + line for line in after[b_start:b_end])


def _lines(text: str) -> list[str]:
    """The lines of `text`, split where `_entries` counts them: at line feeds."""
    lines = text.split("\n")
    return lines[:-1] if lines[-1] == "" else lines


def _range(start: int, end: int) -> str:
    """A hunk's range as `diff -u` writes it: 1-based start, and the length unless it is 1."""
    length = end - start
    if length == 1:
        return str(start + 1)
    return f"{start + 1 if length else start},{length}"


def _entries(text: str) -> tuple[list[int], list[str]]:
    """The line where each entry starts, and its key: its header with the name it gives (a rewrite keeps
    it, and a hand-written entry may lack an id), else its id, else all it holds. Found with string
    searches, which run in C: a regular expression tried at every line start of a large ledger is slower
    than the diff itself."""
    cuts = [0] if text.startswith("[") else []
    cut = text.find("\n[")
    while cut >= 0:
        close = text.find("]", cut + 2)
        if "." not in text[cut + 2 : close]:  # [[signatories.events]] belongs to the entry above it
            cuts.append(cut + 1)
        cut = text.find("\n[", cut + 2)
    if not cuts or cuts[0] != 0:
        cuts.insert(0, 0)  # what comes before the first header is an entry of its own
    starts, keys, line, counted = [], [], 0, 0
    for start, end in zip(cuts, [*cuts[1:], len(text)]):
        if start == end:
            continue
        line += text.count("\n", counted, start)
        counted = start
        starts.append(line)
        entry = text[start:end]
        keys.append(entry[: entry.find("\n") + 1] + (_given(entry, "name") or _given(entry, "id") or entry))
    return starts, keys


def _given(entry: str, key: str) -> str | None:
    at = entry.find(f"\n{key}")
    found = _KEY.match(entry, at + 1) if at >= 0 else None
    return found.group(1).strip() if found else None


def _opcodes(before_text: str, before: Sequence[str], after_text: str, after: Sequence[str]) -> Iterator[Opcode]:
    """Line opcodes as difflib's SequenceMatcher gives them, found entry by entry."""
    a_starts, a_keys = _entries(before_text)
    b_starts, b_keys = _entries(after_text)
    a_starts.append(len(before))
    b_starts.append(len(after))
    entries = SequenceMatcher(None, a_keys, b_keys, autojunk=False)
    for tag, a_first, a_last, b_first, b_last in entries.get_opcodes():
        if tag == "equal":
            for a_entry, b_entry in zip(range(a_first, a_last), range(b_first, b_last)):
                yield from _compared(
                    before, after, a_starts[a_entry], a_starts[a_entry + 1], b_starts[b_entry], b_starts[b_entry + 1]
                )
        else:
            yield from _compared(
                before, after, a_starts[a_first], a_starts[a_last], b_starts[b_first], b_starts[b_last]
            )


def _compared(
    before: Sequence[str], after: Sequence[str], a_start: int, a_end: int, b_start: int, b_end: int
) -> Iterator[Opcode]:
    """The opcodes of two runs of lines: what they start and end with alike, and between, lines added,
    removed, compared one by one, or (a long run) replaced whole."""
    a, b = before[a_start:a_end], after[b_start:b_end]
    shorter = min(len(a), len(b))
    head = 0
    while head < shorter and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < shorter - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    if head:
        yield ("equal", a_start, a_start + head, b_start, b_start + head)
    a_first, a_last, b_first, b_last = a_start + head, a_end - tail, b_start + head, b_end - tail
    if a_first == a_last and b_first == b_last:
        pass
    elif a_first == a_last or b_first == b_last or a_last - a_first + b_last - b_first > _LINE_BY_LINE:
        tag = "insert" if a_first == a_last else "delete" if b_first == b_last else "replace"
        yield (tag, a_first, a_last, b_first, b_last)
    else:
        lines = SequenceMatcher(None, before[a_first:a_last], after[b_first:b_last], autojunk=False)
        for tag, i1, i2, j1, j2 in lines.get_opcodes():
            yield (tag, a_first + i1, a_first + i2, b_first + j1, b_first + j2)
    if tail:
        yield ("equal", a_end - tail, a_end, b_end - tail, b_end)


def _hunks(opcodes: Iterator[Opcode]) -> Iterator[list[Opcode]]:
    """The changes grouped into hunks with up to CONTEXT lines of what stayed around each, as difflib's
    `get_grouped_opcodes` groups them, as the opcodes come."""
    hunk: list[Opcode] = []
    for at, (tag, a_start, a_end, b_start, b_end) in enumerate(_merged(opcodes)):
        if tag == "equal":
            if at == 0:  # before the first change, only its context
                a_start, b_start = max(a_start, a_end - CONTEXT), max(b_start, b_end - CONTEXT)
            if a_end - a_start > 2 * CONTEXT:  # a long stretch without changes ends a hunk
                hunk.append((tag, a_start, a_start + CONTEXT, b_start, b_start + CONTEXT))
                yield hunk
                hunk, a_start, b_start = [], a_end - CONTEXT, b_end - CONTEXT
        hunk.append((tag, a_start, a_end, b_start, b_end))
    if hunk and hunk[-1][0] == "equal":  # after the last change, only its context
        tag, a_start, a_end, b_start, b_end = hunk.pop()
        hunk.append((tag, a_start, min(a_end, a_start + CONTEXT), b_start, min(b_end, b_start + CONTEXT)))
    if any(tag != "equal" for tag, *_ in hunk):
        yield hunk


def _merged(opcodes: Iterator[Opcode]) -> Iterator[Opcode]:
    """Adjacent runs of equal lines joined into one, so that a hunk's context is counted across entries."""
    pending: Opcode | None = None
    for opcode in opcodes:
        if pending is not None and pending[0] == "equal" == opcode[0]:
            pending = ("equal", pending[1], opcode[2], pending[3], opcode[4])
            continue
        if pending is not None:
            yield pending
        pending = opcode
    if pending is not None:
        yield pending
