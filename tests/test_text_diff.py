"""The ledger diff: a unified diff that patch would apply, found entry by entry."""

from __future__ import annotations

import difflib
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord_cli.render.text_diff import unified_diff

_HUNK = re.compile(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


def patched(before: list[str], diff: list[str]) -> list[str]:
    """`before` with a unified diff applied, checking every context and removed line against it."""
    result, at = [], 0
    lines = iter(diff[2:])
    for header in lines:
        found = _HUNK.fullmatch(header)
        assert found, header
        start, length = int(found.group(1)), int(found.group(2) or 1)
        start = start - 1 if length else start
        assert start >= at, "hunks overlap or go backwards"
        result += before[at:start]
        at = start
        new_length = int(found.group(4) or 1)
        seen_old = seen_new = 0
        while seen_old < length or seen_new < new_length:
            line = next(lines)
            sign, text = line[0], line[1:]
            if sign in " -":
                assert before[at] == text, (before[at], text)
                at += 1
                seen_old += 1
            if sign in " +":
                result.append(text)
                seen_new += 1
    return result + before[at:]


def entries(draw: st.DrawFn) -> list[str]:
    lines = []
    for index in range(draw(st.integers(0, 8))):
        lines.append(draw(st.sampled_from(["[[signatories]]", "[[pledges]]", "[[signatories.events]]", "[x]"])))
        if draw(st.booleans()):
            lines.append(f'name = "Org {draw(st.integers(0, 5))}"')
        if draw(st.booleans()):
            lines.append(f'id = "org-{index}"')
        lines += draw(st.lists(st.sampled_from(['sector = "a"', 'country = "FR"', "", "# note"]), max_size=4))
    return lines


@st.composite
def edited_pair(draw: st.DrawFn) -> tuple[list[str], list[str]]:
    before = entries(draw)
    after = list(before)
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["insert", "delete", "replace", "move"]))
        if kind == "insert" or not after:
            after[draw(st.integers(0, len(after))) : 0] = entries(draw)[:3] or ['id = "new"']
        elif kind == "delete":
            del after[draw(st.integers(0, len(after) - 1))]
        elif kind == "replace":
            after[draw(st.integers(0, len(after) - 1))] = draw(st.sampled_from(['id = "x"', "[[signatories]]", ""]))
        else:
            line = after.pop(draw(st.integers(0, len(after) - 1)))
            after.insert(draw(st.integers(0, len(after))), line)
    return before, after


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(edited_pair(), st.booleans(), st.booleans())
def test_the_diff_turns_the_old_text_into_the_new(
    pair: tuple[list[str], list[str]], crlf: bool, final_newline: bool
) -> None:
    before, after = pair
    end = "\r\n" if crlf else "\n"
    before_text = end.join(before) + (end if before and final_newline else "")
    after_text = end.join(after) + (end if after and final_newline else "")
    diff = list(unified_diff(before_text, after_text, "a", "b"))
    if before_text.splitlines() == after_text.splitlines():
        assert diff == []
        return
    assert diff[:2] == ["--- a", "+++ b"]
    assert patched(before_text.splitlines(), diff) == after_text.splitlines()


def test_a_small_change_reads_as_difflib_writes_it() -> None:
    before = (
        '[accord]\nname = "A"\n\n[[signatories]]\nname = "Acme"\njoined = 2020-01-01\n\n'
        '[[signatories]]\nname = "Beta"\njoined = 2021-01-01\ncountry = "FR"\n'
    )
    after = before.replace('name = "Beta"\n', 'id = "beta"\nname = "Beta"\n')
    ours = list(unified_diff(before, after, "x (now)", "x (rewritten)"))
    theirs = list(
        difflib.unified_diff(before.splitlines(), after.splitlines(), "x (now)", "x (rewritten)", lineterm="")
    )
    assert ours == theirs
    assert ours[2:] == [
        "@@ -6,6 +6,7 @@",
        " joined = 2020-01-01",
        " ",
        " [[signatories]]",
        '+id = "beta"',
        ' name = "Beta"',
        " joined = 2021-01-01",
        ' country = "FR"',
    ]


def test_entries_are_paired_by_name_so_each_shows_its_own_change() -> None:
    """Every entry gains an id: difflib's whole-text matcher can pair the lines of neighbouring entries;
    here each entry's hunk holds its own id and name."""
    names = [f"Org {i}" for i in range(50)]
    before = "".join(f'[[signatories]]\nname = "{n}"\nsector = "a"\n\n' for n in names)
    after = "".join(f'[[signatories]]\nid = "org-{i}"\nname = "{n}"\nsector = "a"\n\n' for i, n in enumerate(names))
    diff = list(unified_diff(before, after, "a", "b"))
    added = [line for line in diff if line.startswith("+") and not line.startswith("+++")]
    assert added == [f'+id = "org-{i}"' for i in range(50)]
    assert patched(before.splitlines(), diff) == after.splitlines()
