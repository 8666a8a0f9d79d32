"""The installed program, run as a user runs it: a real process in a fresh directory."""

import json
import os
import subprocess
import sys
from pathlib import Path

ACCORD = Path(sys.executable).with_name("accord")


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("ACCORD_LEDGER", "NO_COLOR", "FORCE_COLOR")}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=60)


def test_installed_accord_lists_the_founding_signatories(tmp_path: Path) -> None:
    result = _run(str(ACCORD), "list", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 35
    assert result.stderr == "34 signatories\n"


def test_installed_accord_round_trip(tmp_path: Path) -> None:
    assert _run(str(ACCORD), "init", cwd=tmp_path).returncode == 0
    added = _run(str(ACCORD), "add", "Acme", "--date", "2020-05-01", "--country", "DE", cwd=tmp_path)
    assert added.returncode == 0, added.stderr
    listed = json.loads(_run(str(ACCORD), "list", "--format", "json", "--sort", "joined", cwd=tmp_path).stdout)
    assert listed[-1]["name"] == "Acme" and len(listed) == 35
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
