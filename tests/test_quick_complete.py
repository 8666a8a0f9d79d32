"""Completions answered without Typer must be exactly what Typer answers."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from accord_cli.cli import precomputed
from accord_cli.completion_table import COMMANDS, GLOBAL_VALUE_OPTIONS, GROUPS
from tests.conftest import SHIPPED

ACCORD = str(Path(sys.executable).with_name("accord"))
TYPER_ONLY = [sys.executable, "-c", "from accord_cli.cli import main; main()"]

CASES = [
    "accord show Tre|", "accord show |", "accord show hp|", "accord leave --date 2020-01-01 Sym|",
    "accord rename Face|", "accord rejoin -f json |", "accord add X --pledge d|", "accord add X --pledge |",
    "accord missing -w |", "accord missing --watchlist b|", "accord missing --as-of 2019 -w |",
    "accord watchlist show b|", "accord watchlist delete |", "accord watchlist add |",
    "accord -l other.toml show M|", "accord -l other.toml show Ci|", "accord --color never show Mic|", "accord show \"Trend |",
    # left to Typer: command and option names, choices, values of other options, extra arguments
    "accord sh|", "accord |", "accord show --|", "accord list --sort |", "accord show Trend Mi|",
    "accord watchlist |", "accord add |", "accord missing -w=b|", "accord --ledger=other.toml show M|",
]


def _answers(launcher: list[str], shell: str, typed: str, cwd: Path) -> str:
    before, _, _ = typed.partition("|")
    if shell == "bash":
        words = before.split(" ")
        env = {"COMP_WORDS": before, "COMP_CWORD": str(len(words) - 1)}
    else:
        env = {"_TYPER_COMPLETE_ARGS": before}
    result = subprocess.run(launcher, env={**os.environ, "_ACCORD_COMPLETE": f"complete_{shell}", **env},
                            cwd=cwd, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("completion")
    (where / "accord.toml").write_text(SHIPPED.read_text(encoding="utf-8"), encoding="utf-8")
    (where / "other.toml").write_text(SHIPPED.read_text(encoding="utf-8").replace('"Microsoft"', '"Mega Corp"')
                                      .replace('"Cisco"', '"Ci$co: Q`s \'x\'"'),
                                      encoding="utf-8")
    return where


@pytest.mark.parametrize("shell", ["bash", "zsh"])
@pytest.mark.parametrize("typed", CASES)
def test_quick_answers_equal_typers(folder: Path, shell: str, typed: str) -> None:
    assert _answers([ACCORD], shell, typed, folder) == _answers(TYPER_ONLY, shell, typed, folder)


def test_name_completion_does_not_load_typer(folder: Path) -> None:
    probe = "import sys; from accord_cli.entry import main\ntry:\n    main()\nexcept SystemExit:\n    pass\n" \
            "sys.stderr.write(' '.join(sys.modules))"
    result = subprocess.run([sys.executable, "-c", probe], cwd=folder, capture_output=True, text=True, timeout=60,
                            env={**os.environ, "_ACCORD_COMPLETE": "complete_bash", "COMP_WORDS": "accord show Mic",
                                 "COMP_CWORD": "2"})
    assert result.stdout == "Microsoft\n"
    assert "typer" not in result.stderr.split() and "rich" not in result.stderr.split()


def test_the_completion_table_is_the_apps() -> None:
    table = precomputed.completion_table()
    assert (table["GLOBAL_VALUE_OPTIONS"], table["GROUPS"], table["COMMANDS"]) == (
        GLOBAL_VALUE_OPTIONS, GROUPS, COMMANDS), "run: python -m accord_cli.cli.precomputed"
