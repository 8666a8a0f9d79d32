"""git's conflict markers: written around what a merge could not settle, and found again on every read."""

from __future__ import annotations

import tomli
from msgspec import structs

from accord_cli.core import changes
from accord_cli.core.document import decode
from accord_cli.core.merge import merge
from accord_cli.core.queries import resolve
from accord_cli.storage.conflict_markers import Marked, find_marked
from accord_cli.storage.merging import conflicted_text
from tests.conftest import MINIMAL, TODAY, add, day, write_ledger


def test_a_conflict_is_found_at_its_opening_marker_with_why() -> None:
    text = "a = 1\n<<<<<<< ours: Acme (id acme): note changed on both sides\nb = 1\n=======\nb = 2\n>>>>>>> theirs\n"
    assert find_marked(text) == [Marked(2, "Acme (id acme): note changed on both sides")]


def test_git_own_markers_and_windows_line_endings_are_found_too() -> None:
    text = "a = 1\r\n<<<<<<< HEAD\r\nb = 1\r\n=======\r\nb = 2\r\n>>>>>>> feature\r\n"
    assert find_marked(text) == [Marked(2, "")]


def test_an_opening_marker_without_a_closing_one_is_no_conflict() -> None:
    assert find_marked("<<<<<<< ours\nb = 1\n") == []
    assert find_marked("a = 1\n") == []


def _resolved(text: str, side: int) -> str:
    """`text` with each conflict settled as one side had it: 0 ours, 1 base, 2 theirs."""
    kept, part = [], None
    for line in text.splitlines():
        if line.startswith("<<<<<<<"):
            part = 0
        elif line.startswith("|||||||") and part is not None:
            part = 1
        elif line.startswith("=======") and part is not None:
            part = 2
        elif line.startswith(">>>>>>>"):
            part = None
        elif part is None or part == side:
            kept.append(line)
    return "\n".join(kept) + "\n"


def test_each_side_of_every_conflict_written_is_a_ledger(founders) -> None:
    cisco, avast = resolve(founders, "Cisco"), resolve(founders, "Avast")
    ours, _ = add(changes.edit(founders, cisco, {"sector": "fintech"}), "Acme", joined=day(2020, 1, 1))
    theirs, _ = add(
        changes.edit(founders, cisco, {"sector": "retail", "note": "x"}), "Acme Inc.", joined=day(2020, 1, 1)
    )
    ours = changes.remove(ours, changes.plan_removal(ours, avast))
    theirs = changes.edit(theirs, avast, {"note": "Signed in Prague"})
    ours = structs.replace(ours, watchlists={}, accord=structs.replace(ours.accord, url="https://a.example"))
    theirs = structs.replace(
        theirs, watchlists={"bigtech": ("Apple",)}, accord=structs.replace(theirs.accord, url=None)
    )
    merged = merge(founders, ours, theirs, TODAY)
    assert len(merged.conflicts) == 5
    text = conflicted_text(merged)
    assert len(find_marked(text)) == 5
    for side, version in enumerate((ours, founders, theirs)):
        ledger, problems = decode(tomli.loads(_resolved(text, side)))
        assert problems == [] and ledger is not None
        if side != 1:  # the base of an organisation added twice is neither entry
            assert {s.id for s in ledger.signatories} == {s.id for s in version.signatories}


def test_markers_inside_a_multiline_string_are_text(tmp_path, run) -> None:
    note = '"""\n<<<<<<< not a conflict\n=======\n>>>>>>> but a note\n"""'
    write_ledger(
        tmp_path / "accord.toml", MINIMAL + f'\n[[signatories]]\nname = "Acme"\njoined = 2020-01-01\nnote = {note}\n'
    )
    assert run("list").exit_code == 0
    assert run("check").exit_code == 0


def test_a_conflict_outranks_the_syntax_error_its_markers_make(tmp_path, run) -> None:
    write_ledger(
        tmp_path / "accord.toml",
        MINIMAL + '\n[[signatories]]\nname = "Acme"\n<<<<<<< HEAD\n'
        "joined = 2020-01-01\n=======\njoined = 2021-01-01\n>>>>>>> b\n",
    )
    result = run("list")
    assert (result.exit_code, result.stderr.split(":")[:3]) == (
        2,
        ["Error", " unresolved merge conflict at accord.toml", "15"],
    )
    check = run("check")
    assert (check.exit_code, check.stdout) == (
        1,
        "Where             Entry  Problem\naccord.toml:15:1         unresolved merge conflict\n",
    )
