"""The manual is tested: every transcript and command the README shows, and every example of `--help`, runs.

A block of the README is run in a temporary folder holding a copy of the shipped ledger (never the
repository's own file), its commands one after the other, so a block may build the ledger an
illustration needs before showing it:

- a transcript (a block whose lines start with `$ `): each `$ accord ...` runs and what it prints,
  stdout and stderr as a terminal shows them, must read as the lines under it (`...` stands for any
  lines; today's date is masked as `TODAY` on both sides); a prompt answered `y` is answered `y`;
- an `sh` block: each command runs and must succeed, unless its comment says `exit status N`.

A block that cannot run here is marked just before it, with the reason:
`<!-- not run: needs a git repository with history -->`; `<!-- run: in an empty folder -->` runs a
block with no ledger beside it. The set of blocks not run is kept small and checked below.
"""

from __future__ import annotations

import io
import re
import shlex
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import click
import click.testing
import pytest
import typer.main
from typer.testing import CliRunner

from accord_cli.cli.app import app
from accord_cli.storage import ledger_file

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
SHIPPED = REPO / "accord_cli" / "accord.toml"
MARKER = re.compile(r"<!-- (not run|run): (.+?) -->")
EXIT_STATUS = re.compile(r"exit status (\d)")


@dataclass(frozen=True)
class Block:
    line: int  # of the opening fence, 1-based
    language: str
    lines: tuple[str, ...]
    marker: tuple[str, str] | None  # ("not run", why) or ("run", how)

    @property
    def is_transcript(self) -> bool:
        return bool(self.lines) and self.lines[0].startswith("$ ")

    def __str__(self) -> str:
        return f"README.md:{self.line}"


def readme_blocks(text: str) -> list[Block]:
    """Every fenced block of the README, with the marker on the line before it."""
    blocks, lines = [], text.splitlines()
    index = 0
    while index < len(lines):
        fence = lines[index].strip()
        if fence.startswith("```"):
            indent = len(lines[index]) - len(lines[index].lstrip())
            before = next((lines[i] for i in range(index - 1, -1, -1) if lines[i].strip()), "")
            found = MARKER.search(before)
            end = next(i for i in range(index + 1, len(lines)) if lines[i].strip() == "```")
            body = tuple(line[indent:] for line in lines[index + 1:end])
            blocks.append(Block(index + 1, fence[3:], body, found.groups() if found else None))
            index = end
        index += 1
    return blocks


BLOCKS = readme_blocks(README.read_text(encoding="utf-8"))
RUN = [b for b in BLOCKS if (b.is_transcript or b.language == "sh") and (b.marker or ("",))[0] != "not run"]


def test_only_the_marked_blocks_are_not_run() -> None:
    # Each block not run says why; the list is short and changes only on purpose.
    reasons = sorted(b.marker[1] for b in BLOCKS if b.marker and b.marker[0] == "not run")
    assert reasons == sorted([
        "needs a fresh clone and network access",
        "needs a git repository with history",
        "needs a git repository with history",
        "needs a git repository with history",
        "needs a git repository with history",
        "needs a git repository (it prints its absolute paths)",
        "BASE, OURS and THEIRS are placeholders git fills in",
        "needs a shell with completion installed",
        "takes half an hour",
    ])
    assert all(b.is_transcript or b.language == "sh" for b in BLOCKS if b.marker)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # The README speaks of the shipped ledger: the built-in one is that, not the founders'.
    monkeypatch.setattr(ledger_file, "BUILT_IN_PATH", SHIPPED)
    monkeypatch.setenv("COLUMNS", "80")
    # Written as a terminal shows it: each write reaches the screen in turn, stdout and stderr interleaved.
    wrapper = click.testing._NamedTextIOWrapper

    def write_through(self, text: str) -> int:
        written = io.TextIOWrapper.write(self, text)
        self.flush()
        return written

    monkeypatch.setattr(wrapper, "write", write_through, raising=False)
    return tmp_path


def masked(text: str) -> str:
    return text.replace(date.today().isoformat(), "TODAY")


def run_line(command: str, folder: Path, answers: str = "") -> tuple[int, str]:
    """Run one command line as a shell would, in `folder`: its exit status and what it printed."""
    words = shlex.split(command, comments=True)
    target, append = None, ">>" in words
    if ">" in words or append:
        at = words.index(">>" if append else ">")
        words, target = words[:at], folder / words[at + 1]
    if words[0] != "accord":
        if shutil.which(words[0]) is None:
            pytest.skip(f"{words[0]} is not installed")
        done = subprocess.run(words, cwd=folder, capture_output=True, input=answers.encode())
        if target is not None:
            with target.open("ab" if append else "wb") as file:
                file.write(done.stdout)
            done.stdout = b""
        return done.returncode, (done.stdout + done.stderr).decode("utf-8", "replace")
    result = CliRunner().invoke(app, words[1:], input=answers or None, catch_exceptions=False, prog_name="accord")
    output, status = result.output, result.exit_code
    if target is not None:
        with target.open("ab" if append else "wb") as file:
            file.write(result.stdout_bytes)
        output = result.stderr
    return status, output


def prepared(block: Block, folder: Path) -> None:
    if block.marker != ("run", "in an empty folder"):
        shutil.copyfile(SHIPPED, folder / "accord.toml")


def matches(expected: list[str], actual: list[str]) -> bool:
    """`actual` reads as `expected`, where a line `...` stands for any lines (none included)."""
    if not expected:
        return not actual
    if expected[0] == "...":
        return any(matches(expected[1:], actual[i:]) for i in range(len(actual) + 1))
    return bool(actual) and actual[0] == expected[0] and matches(expected[1:], actual[1:])


def transcript_steps(block: Block) -> list[tuple[str, list[str]]]:
    steps: list[tuple[str, list[str]]] = []
    for line in block.lines:
        if line.startswith("$ "):
            steps.append((line[2:], []))
        else:
            steps[-1][1].append(line.rstrip())
    return steps


@pytest.mark.parametrize("block", RUN, ids=str)
def test_readme_block_runs_as_written(block: Block, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(folder)
    prepared(block, folder)
    if block.is_transcript:
        for command, expected in transcript_steps(block):
            answers = "".join("y\n" for line in expected if line.endswith("[y/N]: y"))
            status, output = run_line(command, folder, answers)
            actual = [line.rstrip() for line in masked(output).splitlines()]
            assert matches(expected, actual), f"{block}: $ {command}\n" + "\n".join(actual)
            wanted = EXIT_STATUS.search(command.partition("#")[2])
            assert status == (int(wanted.group(1)) if wanted else status), f"{block}: $ {command}"
            assert status in (0, 1) or expected and expected[-1].startswith("Error:"), f"{block}: $ {command}"
    else:
        for command in (line for line in block.lines if line.strip() and not line.startswith("#")):
            status, output = run_line(command, folder, "y\n")
            wanted = EXIT_STATUS.search(command.partition(" #")[2])
            assert status == (int(wanted.group(1)) if wanted else 0), f"{block}: {command}\n{output}"


def _help_examples(group: click.Group, path: tuple[str, ...] = ()):
    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        if isinstance(command, click.Group):
            yield from _help_examples(command, (*path, name))
            continue
        text = (command.help or "").split("Examples:", 1)
        for line in text[1].splitlines() if len(text) > 1 else ():
            line = line.strip()
            if line.startswith("accord "):
                # An example is the command, then (after two spaces or more) what it does.
                yield " ".join((*path, name)), re.split(r"\s{2,}", line)[0]
            elif line and not line.startswith("#"):
                break


HELP_EXAMPLES = list(_help_examples(typer.main.get_command(app)))
# An example that needs what the shipped ledger lacks names the setup it needs: commands run before it.
HELP_SETUP = {
}


def test_every_command_shows_examples() -> None:
    assert len({command for command, _ in HELP_EXAMPLES}) > 30


@pytest.mark.parametrize(("command", "example"), HELP_EXAMPLES, ids=[e for _, e in HELP_EXAMPLES])
def test_help_example_runs(command: str, example: str, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(folder)
    shutil.copyfile(SHIPPED, folder / "accord.toml")
    for setup in HELP_SETUP.get(example, ()):
        status, output = run_line(setup, folder, "y\n")
        assert status == 0, f"{setup}\n{output}"
    status, output = run_line(example, folder, "y\n")
    wanted = EXIT_STATUS.search(example.partition(" #")[2])
    assert status == (int(wanted.group(1)) if wanted else 0), f"{example}\n{output}"
