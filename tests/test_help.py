import typer.main

from accord_cli.cli import load_commands

app = load_commands()


def _commands() -> dict:
    return typer.main.get_command(app).commands  # type: ignore[attr-defined]


def _all_commands(group=None, path=()):
    group = group or typer.main.get_command(app)
    for name, command in group.commands.items():
        yield (*path, name), command
        if hasattr(command, "commands"):
            yield from _all_commands(command, (*path, name))


def test_every_command_has_help_with_an_example(run) -> None:
    found = dict(_all_commands())
    assert set(found) >= {("init",), ("list",), ("add",), ("missing",), ("watchlist", "add"), ("timeline",)}
    for path, command in found.items():
        result = run(*path, "--help")
        assert result.exit_code == 0, path
        summary = " ".join(command.help.splitlines()[0].split())
        assert summary in " ".join(result.stdout.split()), path
        assert "Examples:\n" in result.stdout and f"accord {path[0]}" in result.stdout, path


def test_top_level_help_lists_commands_and_exit_codes(run) -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert "Exit status: 0 success, 1 a check found problems, 2 an error." in result.stdout
    for name in _commands():
        assert f"  {name} " in result.stdout


def test_no_arguments_shows_help(run) -> None:
    result = run()
    assert "Usage: accord" in result.stdout + result.stderr
