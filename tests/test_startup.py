"""Start-up is guarded by what gets imported, not by timings (those live in bench/)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from accord_cli import entry
from accord_cli.cli import precomputed
from accord_cli.help_text import HELP

_PROBE = """
import sys
from accord_cli.entry import main
try:
    main()
except SystemExit:
    pass
sys.stdout.flush()
sys.stderr.write("\\nMODULES " + " ".join(sorted(sys.modules)) + "\\n")
"""


def _modules_after(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> set[str]:
    result = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, timeout=60,
                            env={**os.environ, **(env or {})}, cwd=cwd)
    return set(result.stderr.rsplit("MODULES ", 1)[1].split())


def test_version_loads_neither_typer_nor_rich_nor_pydantic() -> None:
    loaded = _modules_after("--version")
    assert not {"typer", "rich", "pydantic", "tomli"} & loaded


def test_top_level_help_loads_neither_typer_nor_rich() -> None:
    for args in (["--help"], ["-h"], []):
        loaded = _modules_after(*args, env={"COLUMNS": "80"})
        assert not {"typer", "rich"} & loaded, args


@pytest.mark.parametrize("args", [["list", "--format", "json"], ["list", "--format", "csv"], ["list"],
                                  ["missing", "-w", "bigtech", "-f", "json"], ["check"], ["diff", "2019"]])
def test_commands_without_a_drawn_table_skip_richs_table_machinery(args: list[str], tmp_path: Path) -> None:
    loaded = _modules_after(*args, cwd=tmp_path)  # piped: no terminal, so no Rich table
    assert "rich.table" not in loaded and "rich.console" not in loaded
    assert "pydantic" not in loaded


def test_shell_completion_loads_no_rich_and_no_ledger_writer(tmp_path: Path) -> None:
    loaded = _modules_after(env={"_ACCORD_COMPLETE": "complete_bash", "COMP_WORDS": "accord show Mic",
                                 "COMP_CWORD": "2"}, cwd=tmp_path)
    assert not {"rich", "rich.console", "tomli_w", "accord_cli.safe_write", "pydantic"} & loaded


@pytest.mark.parametrize("width", precomputed.WIDTHS)
def test_the_help_copy_is_what_the_app_prints(width: int) -> None:
    assert HELP[width] == precomputed.rendered_help(width), "run: python -m accord_cli.cli.precomputed"


@pytest.mark.parametrize(("columns", "width"), [("80", 78), ("200", 98), ("100", 98), ("60", 58), ("10", 50),
                                                ("junk", 78)])
def test_the_help_width_follows_clicks_rule(monkeypatch: pytest.MonkeyPatch, columns: str, width: int) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    monkeypatch.setattr(os, "get_terminal_size", lambda *_: os.terminal_size((80, 24)))
    assert entry._help_width() == width


def test_an_uncached_width_falls_through_to_the_app(tmp_path: Path) -> None:
    result = subprocess.run([str(Path(sys.executable).with_name("accord")), "--help"], capture_output=True,
                            text=True, env={**os.environ, "COLUMNS": "70"}, timeout=60)
    assert result.returncode == 0
    assert result.stdout == precomputed.rendered_help(68) != HELP[78]


@pytest.mark.parametrize(("args", "command"), [
    (["list"], "list"), (["-l", "x.toml", "list", "--all"], "list"), (["--ledger=x.toml", "add", "A"], "add"),
    (["-lx.toml", "watchlist", "show", "b"], "watchlist"), (["--color", "never", "diff", "2019"], "diff"),
    (["-l", "list", "show", "x"], "show"), (["--help"], None), (["--version"], None), (["lst"], None), ([], None),
])
def test_the_invoked_command_is_found_past_global_options(args: list[str], command: str | None) -> None:
    from accord_cli.cli import invoked_command

    assert invoked_command(args) == command


def test_every_command_is_listed_for_loading_alone() -> None:
    from accord_cli.cli import COMMAND_MODULES, command_name, load_commands

    app = load_commands()
    registered = [command_name(c) for c in app.registered_commands] + [g.name for g in app.registered_groups]
    assert sorted(registered) == sorted(COMMAND_MODULES)


@pytest.mark.parametrize("command", ["list", "add", "diff", "watchlist", "import"])
def test_a_command_loaded_alone_behaves_as_in_the_whole_app(command: str) -> None:
    def output(*launcher: str) -> str:
        result = subprocess.run([*launcher, command, "--help"], capture_output=True, text=True, timeout=60,
                                env={**os.environ, "COLUMNS": "80"})
        assert result.returncode == 0, result.stderr
        return result.stdout

    whole = output(sys.executable, "-c", "from accord_cli.cli import load_commands; load_commands()(prog_name='accord')")
    assert output(str(Path(sys.executable).with_name("accord"))) == whole
