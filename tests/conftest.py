from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from accord_cli.cli import load_commands

app = load_commands()

REPO = Path(__file__).resolve().parent.parent
SHIPPED = REPO / "accord.toml"


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test runs in an empty directory, so no test can find or touch the repo's ledger."""
    monkeypatch.chdir(tmp_path)
    for name in ("ACCORD_LEDGER", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ACCORD_CACHE_DIR", str(tmp_path.with_name(tmp_path.name + "-cache")))
    return tmp_path


@pytest.fixture
def ledger_path(tmp_path: Path) -> Path:
    """A writable copy of the shipped ledger."""
    path = tmp_path / "accord.toml"
    shutil.copyfile(SHIPPED, path)
    return path


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str


@pytest.fixture
def run():
    """Invoke the CLI in-process, with stdout and stderr kept apart."""

    def invoke(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Run:
        result = CliRunner().invoke(app, list(args), input=input, env=env, catch_exceptions=False)
        return Run(result.exit_code, result.stdout, result.stderr)

    return invoke


def write_ledger(path: Path, body: str) -> Path:
    path.write_text(body, encoding="utf-8")
    return path


MINIMAL = """\
[accord]
name = "Test Accord"
launched = 2018-04-17

[[pledges]]
id = "defense"
title = "Stronger defense"

[[pledges]]
id = "no-offense"
title = "No offense"
"""
