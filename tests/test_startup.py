"""Start-up is guarded by what gets imported, not by timings (those live in bench/)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

_PROBE = """
import sys
from accord_cli.cli import main
try:
    main()
except SystemExit:
    pass
sys.stdout.flush()
sys.stderr.write("\\nMODULES " + " ".join(sorted(sys.modules)) + "\\n")
"""


def _modules_after(*args: str, cwd: Path, env: dict[str, str] | None = None) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
        cwd=cwd,
    )
    return set(result.stderr.rsplit("MODULES ", 1)[1].split())


def test_version_loads_no_command_and_no_ledger_reader(tmp_path: Path) -> None:
    loaded = _modules_after("--version", cwd=tmp_path)
    assert not {"accord_cli.cli.members", "accord_cli.storage.ledger_file", "rtoml"} & loaded


def test_help_loads_every_command_for_its_summary_but_reads_no_ledger(tmp_path: Path) -> None:
    loaded = _modules_after("--help", cwd=tmp_path)
    assert {"accord_cli.cli.members", "accord_cli.cli.interop"} <= loaded
    assert not {"tomli_w", "rich.console"} & loaded


@pytest.mark.parametrize("args", [["list"], ["list", "--format", "csv"], ["check"], ["diff", "2019"]])
def test_piped_output_never_draws_with_richs_table(args: list[str], tmp_path: Path) -> None:
    loaded = _modules_after(*args, cwd=tmp_path)
    assert "rich.table" not in loaded


@pytest.mark.parametrize("args", [["list", "--format", "json"], ["missing", "-w", "bigtech", "-f", "json"]])
def test_json_never_asks_rich_about_the_terminal(args: list[str], tmp_path: Path) -> None:
    assert "rich.console" not in _modules_after(*args, cwd=tmp_path)


def test_a_command_loads_its_own_noun_only(tmp_path: Path) -> None:
    loaded = _modules_after("list", cwd=tmp_path)
    assert "accord_cli.cli.members" in loaded
    assert (
        not {
            "accord_cli.cli.history",
            "accord_cli.cli.watch",
            "accord_cli.cli.interop",
            "accord_cli.cli.snapshots",
            "selectolax",
        }
        & loaded
    )


def test_completion_loads_neither_the_writer_nor_rich(tmp_path: Path) -> None:
    loaded = _modules_after(
        cwd=tmp_path, env={"_ACCORD_COMPLETE": "complete_bash", "COMP_WORDS": "accord show Mic", "COMP_CWORD": "2"}
    )
    assert not {"tomli_w", "accord_cli.storage.safe_write", "rich.console", "accord_cli.cli.interop"} & loaded


def test_reads_write_nothing_outside_the_ledger(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    env = {"HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache"), "PYTHONDONTWRITEBYTECODE": "1"}
    for args in (["init"], ["list"], ["add", "Acme"], ["missing", "-w", "bigtech"], ["check"]):
        _modules_after(*args, cwd=work, env=env)
    assert list(home.iterdir()) == []
    assert sorted(p.name for p in work.iterdir()) == [".accord.toml.lock", "accord.toml"]
