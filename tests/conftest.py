from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
import tomli
from typer.testing import CliRunner

from accord_cli.cli.app import app
from accord_cli.core import changes
from accord_cli.core.dates import When
from accord_cli.core.document import decode
from accord_cli.core.model import Ledger, Signatory
from accord_cli.core.rules import refuse_new_problems
from accord_cli.storage import ledger_file

# Modules whose tests start processes (accord itself, git, shells, a browser, the benchmark, writers killed
# on purpose): marked slow, so that `pytest -m "not slow"` runs the rest in seconds.
SLOW_MODULES = {
    "test_bench",
    "test_main",
    "test_merge_driver",
    "test_startup",
    "test_completion",
    "test_report_page",
    "test_safe_write",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.module is not None and item.module.__name__.rpartition(".")[2] in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)


REPO = Path(__file__).resolve().parent.parent
# The 34 founders as the shipped ledger held them at launch: what most tests work on, so that the
# shipped ledger can grow with what sources say without changing them (tests/test_shipped.py checks it).
FOUNDERS = REPO / "tests" / "data" / "founders.toml"
TODAY = date(2026, 11, 28)


@pytest.fixture(scope="session")
def founders() -> Ledger:
    """The 34 founders' ledger, decoded."""
    ledger, _ = decode(tomli.loads(FOUNDERS.read_text(encoding="utf-8")))
    assert ledger is not None
    return ledger


def day(year: int, month: int, day_of_month: int) -> When:
    """The date of a fact known to the day."""
    return When.day(date(year, month, day_of_month))


def written(before: Ledger, after: Ledger, *, today: date = TODAY, force: bool = False) -> Ledger:
    """`after`, once held to the rules as every command's write is (see `rules.refuse_new_problems`)."""
    refuse_new_problems(before, after, today, force=force)
    return after


def add(
    ledger: Ledger,
    name: str,
    *,
    joined: When | date,
    today: date = TODAY,
    aliases=(),
    pledges=None,
    force: bool = False,
    **fields,
) -> tuple[Ledger, Signatory]:
    """The ledger with one signatory added, as `accord add` records it, and that signatory."""
    joined = joined if isinstance(joined, When) else When.day(joined)
    request = Signatory(
        id="",
        name=name,
        joined=joined,
        aliases=tuple(aliases),
        pledges=None if pledges is None else tuple(pledges),
        **fields,
    )
    updated, (added,) = changes.add_signatories(ledger, [request], today)
    return written(ledger, updated, today=today, force=force), added


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test runs in an empty directory, so no test can find or touch the repo's ledger; the built-in
    ledger it finds instead is the founders'."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(ledger_file, "BUILT_IN_PATH", FOUNDERS)
    for name in ("ACCORD_LEDGER", "NO_COLOR", "FORCE_COLOR", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


@pytest.fixture
def ledger_path(tmp_path: Path) -> Path:
    """A writable copy of the founders' ledger."""
    path = tmp_path / "accord.toml"
    shutil.copyfile(FOUNDERS, path)
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
