"""Completion of names, watchlists and pledge ids: through Typer's protocol, and in real bash and zsh."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, write_ledger

ACCORD = str(Path(sys.executable).with_name("accord"))


def _complete(words: str, cwd: Path, shell: str = "bash", **env: str) -> str:
    """What accord answers a shell completing `words` (the last one being typed)."""
    environment = {k: v for k, v in os.environ.items() if k != "ACCORD_LEDGER"} | env
    if shell == "bash":
        split = words.split(" ")
        environment |= {"_ACCORD_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(len(split) - 1)}
    else:
        environment |= {"_ACCORD_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": words}
    result = subprocess.run([ACCORD], env=environment, cwd=cwd, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("accord show tren", ["'Trend Micro'"]),  # any case; quoted, one argument
        ("accord show TELEFO", ["'Telefonica'", "'Telefónica'"]),  # the name and its accented alias
        ("accord show t", ["'Telefonica'", "'Telefónica'", "'Tenable'", "'Trend Micro'"]),  # all quoted alike
        ("accord leave hp", ["'HP Inc.'", "'HP'", "'HPE'"]),
        ("accord rename Face", ["Facebook"]),
        ("accord add X --pledge c", ["capacity-building", "collective-action"]),
        ("accord missing -w B", ["bigtech"]),
        ("accord watchlist show ", ["bigtech"]),
        ("accord show zzz", [""]),
    ],
)
def test_values_complete_from_the_ledger_in_any_case(tmp_path: Path, words: str, expected: list[str]) -> None:
    assert _complete(words, tmp_path).splitlines() == expected


def test_commands_and_options_complete_as_typer_completes_them(tmp_path: Path) -> None:
    assert _complete("accord sh", tmp_path) == "show\n"
    assert "--format" in _complete("accord list --f", tmp_path).split()


def test_the_ledger_completed_from_is_the_one_the_command_would_use(tmp_path: Path) -> None:
    other = write_ledger(tmp_path / "other.toml", MINIMAL + '\n[[signatories]]\nname = "Mega"\njoined = 2019-01-01\n')
    assert _complete(f"accord -l {other} show me", tmp_path) == "Mega\n"
    assert _complete("accord show me", tmp_path, ACCORD_LEDGER=str(other)) == "Mega\n"
    broken = write_ledger(tmp_path / "broken.toml", "[accord\n")
    assert _complete(f"accord -l {broken} show ", tmp_path) == "\n"


def test_zsh_is_told_to_insert_the_quoted_value_as_it_is(tmp_path: Path) -> None:
    assert _complete("accord show tren", tmp_path, shell="zsh") == "compadd -U -Q -- ''\"'\"'Trend Micro'\"'\"''\n"


def _in_shell(shell: str, program: str, cwd: Path) -> str:
    """What `program` prints in `shell`, run after sourcing the completion script accord gives that shell."""
    env = {
        **os.environ,
        "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1",
        "PATH": f"{Path(ACCORD).parent}{os.pathsep}{os.environ['PATH']}",
    }
    script = subprocess.run(
        [ACCORD, "--show-completion", shell], env=env, cwd=cwd, capture_output=True, text=True, timeout=60
    )
    assert script.returncode == 0, script.stderr
    (cwd / f"completion.{shell}").write_text(script.stdout, encoding="utf-8")
    ran = subprocess.run(
        [shell, "--norc" if shell == "bash" else "-f", "-c", program],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert ran.returncode == 0, ran.stderr
    return ran.stdout


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_in_bash_the_completion_script_inserts_one_quoted_argument(tmp_path: Path) -> None:
    program = (
        "source completion.bash; COMP_WORDS=(accord show tren); COMP_CWORD=2; _accord_completion accord; "
        'printf "%s\\n" "${COMPREPLY[@]}"; eval "set -- accord show ${COMPREPLY[0]}"; echo "$#: $3"'
    )
    assert _in_shell("bash", program, tmp_path) == "'Trend Micro'\n3: Trend Micro\n"


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")
def test_in_zsh_the_completion_script_adds_the_quoted_value(tmp_path: Path) -> None:
    program = (
        'compdef() { : }; compadd() { print -rl -- "$@" }; source ./completion.zsh; '
        "words=(accord show tren); CURRENT=3; _accord_completion"
    )
    assert _in_shell("zsh", program, tmp_path).splitlines() == ["-U", "-Q", "--", "'Trend Micro'"]
