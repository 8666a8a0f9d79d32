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

import glob
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
            body = tuple(line[indent:] for line in lines[index + 1 : end])
            blocks.append(Block(index + 1, fence[3:], body, found.groups() if found else None))
            index = end
        index += 1
    return blocks


BLOCKS = readme_blocks(README.read_text(encoding="utf-8"))
RUN = [b for b in BLOCKS if (b.is_transcript or b.language == "sh") and (b.marker or ("",))[0] != "not run"]


def test_only_the_marked_blocks_are_not_run() -> None:
    # Each block not run says why; the list is short and changes only on purpose.
    reasons = sorted(b.marker[1] for b in BLOCKS if b.marker and b.marker[0] == "not run")
    assert reasons == sorted(
        [
            "needs a fresh clone and network access",
            "needs a git repository with history",
            "needs a git repository with history",
            "needs a git repository with history",
            "needs a git repository with history",
            "needs a git repository (it prints its absolute paths)",
            "BASE, OURS and THEIRS are placeholders git fills in",
            "needs a shell with completion installed",
            "takes half an hour",
            "the suite's own checks, run by CI after it",
            "its files stand for a user's own; the same commands run as --help's examples, and the worked example "
            "below runs whole",
        ]
    )
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
    """Run one command line as a shell would, in `folder` (`&&`, `|`, `>` and `>>` included): its exit
    status and what it printed to the terminal."""
    status, printed = 0, ""
    for part in _split(shlex.split(command, comments=True), "&&"):
        target, append = None, ">>" in part
        if ">" in part or append:
            at = part.index(">>" if append else ">")
            part, target = part[:at], folder / part[at + 1]
        stdin = answers.encode()
        stages = _split(part, "|")
        for number, stage in enumerate(stages):
            status, stdin, stderr, interleaved = _run_words(stage, folder, stdin)
            to_terminal = number == len(stages) - 1 and target is None
            printed += interleaved if to_terminal else stderr
        if target is not None:
            with target.open("ab" if append else "wb") as file:
                file.write(stdin)
        if status != 0:
            break
    return status, printed


def _split(words: list[str], separator: str) -> list[list[str]]:
    parts: list[list[str]] = [[]]
    for word in words:
        parts.append([]) if word == separator else parts[-1].append(word)
    return parts


def _run_words(words: list[str], folder: Path, stdin: bytes) -> tuple[int, bytes, str, str]:
    """One program: its exit status, its stdout, its stderr, and the two as a terminal shows them."""
    if words[0] != "accord":
        if shutil.which(words[0]) is None:
            pytest.skip(f"{words[0]} is not installed")
        done = subprocess.run(words, cwd=folder, capture_output=True, input=stdin)
        stderr = done.stderr.decode("utf-8", "replace")
        return done.returncode, done.stdout, stderr, done.stdout.decode("utf-8", "replace") + stderr
    # A word with a wildcard names the files it matches, as a shell expands it.
    words = [
        match
        for word in words
        for match in (sorted(glob.glob(word, root_dir=folder)) or [word] if "*" in word else [word])
    ]
    result = CliRunner().invoke(app, words[1:], input=stdin or None, catch_exceptions=False, prog_name="accord")
    return result.exit_code, result.stdout_bytes, result.stderr, result.output


FIRST_PAGE = "web.archive.org_web_20190415093000_harbour-accord.example_signatories.html"
LAST_PAGE = "web.archive.org_web_20210630120000_harbour-accord.example_signatories.html"
# A worked example told in several blocks: each runs after the commands of the blocks before it.
CONTINUES = ("run", "after the block before it")
WITH_PAGES = ("run", "in an empty folder, with the saved pages of tests/data/snapshots")
PAGES = REPO / "tests" / "data" / "snapshots"


def prepared(block: Block, folder: Path) -> None:
    if block.marker == CONTINUES:  # the nearest block before it that runs (a file shown between is passed over)
        earlier = next(b for b in reversed(BLOCKS[: BLOCKS.index(block)]) if _commands(b))
        prepared(earlier, folder)
        for command in _commands(earlier):
            run_line(command, folder, "y\n")
    elif block.marker == WITH_PAGES:
        for page in PAGES.iterdir():
            shutil.copyfile(page, folder / page.name)
    elif block.marker != ("run", "in an empty folder"):
        shutil.copyfile(SHIPPED, folder / "accord.toml")


def _commands(block: Block) -> list[str]:
    """The command lines of a block, a transcript's or a script's."""
    if block.is_transcript:
        return [line[2:] for line in block.lines if line.startswith("$ ")]
    if block.language == "sh":
        return [line for line in block.lines if line.strip() and not line.startswith("#")]
    return []  # a file shown, not run


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


def _help_examples(command: click.Command, path: tuple[str, ...] = ()):
    """Each example of the help of `command` and of every command under it: (the command, the example)."""
    text = (command.help or "").split("Examples:", 1)
    for line in text[1].splitlines() if len(text) > 1 else ():
        line = line.strip()
        if line.startswith("accord "):
            # An example is the command, then (after two spaces or more) what it does.
            yield " ".join(("accord", *path)), re.split(r"\s{2,}", line)[0]
        elif line:
            break
    if isinstance(command, click.Group):
        context = click.Context(command)
        for name in command.list_commands(context):
            yield from _help_examples(command.get_command(context, name), (*path, name))


HELP_EXAMPLES = list(dict.fromkeys(_help_examples(typer.main.get_command(app))))
EMPTY_FOLDER = "(in an empty folder)"
GIT = "git -c user.name=Desk -c user.email=desk@example.org"
SYMANTEC_LEFT = [
    "accord rename Symantec NortonLifeLock --date 2019-11-04",
    "accord leave Symantec --date 2020-01-31 --reason acquired",
]
# What an example needs beyond the shipped ledger: commands run before it (EMPTY_FOLDER: with no ledger).
HELP_SETUP = {
    "accord init": [EMPTY_FOLDER],
    'accord init paris.toml --empty --name "Paris Call" --launched 2018-11-12': [EMPTY_FOLDER],
    "accord init pledges/ --parents": [EMPTY_FOLDER],
    'accord leave Acme --reason "merged"': ["accord add Acme --date 2019"],
    "accord edit Acme --sector security --country US --source https://example.org/news": [
        "accord add Acme --date 2019"
    ],
    "accord edit Acme --pledge defense --pledge collective-action": ["accord add Acme --date 2019"],
    "accord edit Acme --note ''": ["accord add Acme --date 2019 --note 'to be checked'"],
    "accord remove Gogle": ["accord add Gogle --date 2026-03-01"],
    "accord remove Gogle --yes": ["accord add Gogle --date 2026-03-01"],
    "accord remove acme --force --yes": ["accord add Acme --date 2019", "accord leave Acme --date 2020"],
    "accord --ledger other.toml check --format json": ["accord init other.toml"],
    "accord rejoin Symantec --date 2021-06-01 --source https://example.org/news": SYMANTEC_LEFT,
    "accord amend Symantec 2 --date 2020-02-03 --source https://example.org/news": SYMANTEC_LEFT,
    "accord drop-event Symantec 3": [*SYMANTEC_LEFT, "accord rejoin Symantec --date 2021-06-01"],
    "accord diff --rev HEAD~1": [
        "git init -q",
        f"{GIT} add accord.toml",
        f"{GIT} commit -qm one",
        "accord add Google --date 2026-01-15",
        f"{GIT} commit -qam two",
    ],
    "accord diff --rev main..my-branch": [
        "git init -q -b main",
        f"{GIT} add accord.toml",
        f"{GIT} commit -qm one",
        "git checkout -q -b my-branch",
        "accord add Google --date 2026-01-15",
        f"{GIT} commit -qam two",
    ],
    "accord diff --ledger-a old.toml --ledger-b new.toml": ["cp accord.toml old.toml", "cp accord.toml new.toml"],
    'accord pledge add defense --title "Stronger defense" --source https://example.org/accord': [
        EMPTY_FOLDER,
        "accord init --empty --name Accord --launched 2018-11-12",
    ],
    'accord pledge add defense --title "Stronger defense"': [
        EMPTY_FOLDER,
        "accord init --empty --name Accord --launched 2018-11-12",
    ],
    'accord pledge add no-offense --title "No offense" --summary "Oppose cyberattacks on citizens."': [
        EMPTY_FOLDER,
        "accord init --empty --name Accord --launched 2018-11-12",
    ],
    "accord missing --watchlist companies.csv --exit-code --format json": ["printf 'name\\nNokia\\n' > companies.csv"],
    "accord missing --watchlist other-accord.toml": ["cp accord.toml other-accord.toml"],
    "accord watchlist delete old-list": ["accord watchlist add old-list Acme"],
    "accord watchlist add bigtech --from bigtech.txt": ["printf 'Samsung\\nIntel\\nApple\\n' > bigtech.txt"],
    "accord import signatories.txt --date 2026-03-01": ["printf 'Apple\\nNokia\\n' > signatories.txt"],
    "accord import colleagues.csv --dry-run": ["printf 'name,country\\nOrbit Labs,US\\n' > colleagues.csv"],
    "accord import export.txt --delimiter ';'": ["printf 'name;country\\nOrbit Labs;US\\n' > export.txt"],
    "accord import official.txt --mirror --yes": ["printf 'Microsoft\\nNokia\\n' > official.txt"],
    "accord export -f json -o all.json && accord -l new.toml import all.json": [
        "accord init new.toml --empty --name Copy"
    ],
    "accord import list.txt --dry-run --format json": ["printf 'Apple\\n' > list.txt"],
    **{
        f"accord sync {example}": [EMPTY_FOLDER, "accord init --empty --name Harbour --launched 2019-01-15", *setup]
        for example, setup in {
            "web.archive.org_web_20190415093000_example.org_signatories.html": [
                f"cp {PAGES / FIRST_PAGE} web.archive.org_web_20190415093000_example.org_signatories.html"
            ],
            "saved/*.html --dry-run": [
                "mkdir saved",
                f"cp {PAGES / FIRST_PAGE} saved/",
                f"cp {PAGES / LAST_PAGE} saved/",
            ],
            "page.html --seen 2020-02-03 --source https://example.org/signatories": [
                f"cp {PAGES}/harbour-2020.html page.html"
            ],
            "page.html --select 'ul.members li'": [
                'printf \'<ul class="members"><li>Acme Labs</li><li>Orbit Security</li></ul><ul><li>Home</li></ul>'
                '<link rel="canonical" href="https://web.archive.org/web/20190415093000/https://example.org/">\' '
                "> page.html"
            ],
            "2021.html --rename 'Old Name=New Name'": [
                "printf '<ul><li>Old Name</li><li>Acme Labs</li><li>Orbit Security</li></ul>' > 2020.html",
                "accord sync 2020.html --seen 2020-01-01 --source https://example.org/ --yes",
                'printf \'<link rel="canonical" href="https://web.archive.org/web/20210630120000/https://example.org/">'
                "<ul><li>New Name</li><li>Acme Labs</li><li>Orbit Security</li></ul>' > 2021.html",
            ],
            "page.html --format json --dry-run": [f"cp {PAGES / LAST_PAGE} page.html"],
        }.items()
    },
    "accord git-setup": ["git init -q"],
    "accord git-setup --format json": ["git init -q"],
    "accord merge-driver base.toml ours.toml theirs.toml": [
        "cp accord.toml base.toml",
        "cp accord.toml ours.toml",
        "cp accord.toml theirs.toml",
    ],
}


def test_every_command_shows_examples() -> None:
    assert len({command for command, _ in HELP_EXAMPLES}) > 30


@pytest.mark.parametrize(("command", "example"), HELP_EXAMPLES, ids=[e for _, e in HELP_EXAMPLES])
def test_help_example_runs(command: str, example: str, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(folder)
    setup = HELP_SETUP.get(example, [])
    if EMPTY_FOLDER not in setup:
        shutil.copyfile(SHIPPED, folder / "accord.toml")
    for step in (step for step in setup if step != EMPTY_FOLDER):
        status, output = run_line(step, folder, "y\n")
        assert status == 0, f"{step}\n{output}"
    status, output = run_line(example, folder, "y\n")
    # An example that looks for something may find it: `missing --exit-code` exits 1.
    assert status in ((0, 1) if "--exit-code" in example else (0,)), f"{example}\n{output}"


def test_every_help_setup_belongs_to_an_example() -> None:
    assert set(HELP_SETUP) <= {example for _, example in HELP_EXAMPLES}
