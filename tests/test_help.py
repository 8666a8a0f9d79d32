import typer.main

from accord_cli.cli import app


def _commands() -> dict:
    return typer.main.get_command(app).commands  # type: ignore[attr-defined]


def test_every_command_has_help_with_an_example(run) -> None:
    assert set(_commands()) >= {"init", "list", "add", "pledges", "check"}
    for name, command in _commands().items():
        result = run(name, "--help")
        assert result.exit_code == 0, name
        summary = " ".join(command.help.splitlines()[0].split())
        assert summary in " ".join(result.stdout.split()), name
        assert "Examples:\n" in result.stdout and f"accord {name}" in result.stdout, name


def test_top_level_help_lists_commands_and_exit_codes(run) -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert "Exit status: 0 success, 1 a check found problems, 2 an error." in result.stdout
    for name in _commands():
        assert f"  {name} " in result.stdout


def test_no_arguments_shows_help(run) -> None:
    result = run()
    assert "Usage: accord" in result.stdout + result.stderr
