"""The installed program, run as a user runs it: a real process in a fresh directory."""

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ACCORD = Path(sys.executable).with_name("accord")


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("ACCORD_LEDGER", "NO_COLOR", "FORCE_COLOR")}


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=_env(), capture_output=True, text=True, timeout=60)


def test_installed_accord_lists_the_shipped_signatories(tmp_path: Path) -> None:
    result = _run(str(ACCORD), "list", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 38
    assert result.stderr == "37 signatories\n"


def test_installed_accord_round_trip(tmp_path: Path) -> None:
    assert _run(str(ACCORD), "init", cwd=tmp_path).returncode == 0
    added = _run(str(ACCORD), "add", "Acme", "--date", "2020-05-01", "--country", "DE", cwd=tmp_path)
    assert added.returncode == 0, added.stderr
    listed = json.loads(_run(str(ACCORD), "list", "--format", "json", "--sort", "joined", cwd=tmp_path).stdout)
    # In the one order of dates: Hitachi, "on or before 2021-05-05", after Acme, which was certain a year earlier.
    assert [r["name"] for r in listed[-2:]] == ["Acme", "Hitachi"] and len(listed) == 38
    assert _run(str(ACCORD), "check", cwd=tmp_path).returncode == 0


def test_errors_are_one_line_without_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "accord.toml").write_text("[accord\n", encoding="utf-8")
    result = _run(str(ACCORD), "list", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("Error: accord.toml:1:")
    assert result.stderr.count("\n") == 1


def test_python_dash_m(tmp_path: Path) -> None:
    result = _run(sys.executable, "-m", "accord_cli", "--version", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.startswith("accord ")


# -- any locale, any pipe -------------------------------------------------------------------------

_LISTINGS = [
    ["list"],
    ["--color", "always", "list"],
    ["list", "-f", "json"],
    ["list", "-f", "csv"],
    ["list", "-f", "markdown"],
    ["show", "telefonica"],
    ["missing", "-w", "Telefónica,Apple"],
    ["log", "-f", "json"],
    ["export"],
    ["report"],
    ["check"],
]


@pytest.mark.parametrize("locale", [{"PYTHONIOENCODING": "ascii"}, {"LANG": "C", "LC_ALL": "C"}])
def test_an_ascii_locale_gets_answers_not_tracebacks(tmp_path: Path, locale: dict[str, str]) -> None:
    for args in _LISTINGS:
        result = subprocess.run(
            [str(ACCORD), *args], cwd=tmp_path, capture_output=True, timeout=60, env={**_env(), **locale}
        )
        assert result.returncode == 0, (args, result.stderr[-300:])
        assert b"Traceback" not in result.stderr
        if args[-1] == "json" or args == ["export"]:
            assert json.loads(result.stdout)  # still JSON: what ASCII cannot hold is escaped as \\uXXXX


@pytest.mark.parametrize("args", [["list"], ["timeline"], ["pledges"]])
def test_an_ascii_terminal_gets_ascii_boxes_bars_and_cuts(tmp_path: Path, args: list[str]) -> None:
    result = subprocess.run(
        [str(ACCORD), "--color", "always", *args],
        cwd=tmp_path,
        capture_output=True,
        timeout=60,
        env={**_env(), "PYTHONIOENCODING": "ascii", "COLUMNS": "40"},
    )
    assert result.returncode == 0, result.stderr
    text = re.sub(rb"\x1b\[[0-9;]*m", b"", result.stdout)
    assert text.isascii() and b"\\u" not in text and b"\\x" not in text
    assert max(map(len, text.splitlines())) <= 40
    assert b"+---" in text and (b"2018-04-17" in text or b"37" in text)


def test_json_in_ascii_is_the_same_json(tmp_path: Path) -> None:
    utf8 = subprocess.run([str(ACCORD), "list", "-f", "json"], cwd=tmp_path, capture_output=True, env=_env())
    ascii_only = subprocess.run(
        [str(ACCORD), "list", "-f", "json"],
        cwd=tmp_path,
        capture_output=True,
        env={**_env(), "PYTHONIOENCODING": "ascii"},
    )
    assert ascii_only.stdout.isascii() and b"\\u00f3" in ascii_only.stdout
    assert json.loads(ascii_only.stdout) == json.loads(utf8.stdout)


# Each writes more than a pipe holds, so the writer meets the closed pipe.
@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["list", "-f", "csv"],
        ["list", "-f", "json"],
        ["list", "-f", "markdown"],
        ["--color", "always", "list"],
        ["log"],
        ["log", "-f", "json"],
        ["export"],
        ["export", "-f", "csv"],
    ],
)
def test_a_closed_pipe_ends_every_command_quietly_by_sigpipe(tmp_path: Path, args: list[str]) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    try:
        from generate import ledger_text
    finally:
        sys.path.pop(0)
    (tmp_path / "accord.toml").write_text(ledger_text(3000), encoding="utf-8")
    child = subprocess.Popen(
        [str(ACCORD), *args], cwd=tmp_path, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert child.stdout is not None and child.stdout.readline()
    child.stdout.close()  # what `head -1` does
    _, stderr = child.communicate(timeout=60)
    assert child.returncode == -signal.SIGPIPE, stderr
    assert stderr == b""
