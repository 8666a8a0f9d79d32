"""Every command's help: there, with examples, read the way a person reads it."""

import re

import click
import typer.main

from accord_cli.cli.app import COMMANDS, app

ROOT = typer.main.get_command(app)


def _all_commands(group: click.Group = ROOT, path: tuple[str, ...] = ()):
    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        yield (*path, name), command
        if isinstance(command, click.Group):
            yield from _all_commands(command, (*path, name))


def test_every_command_module_declares_what_the_root_lists() -> None:
    import importlib

    for module in set(COMMANDS.values()):
        built = typer.main.get_command(importlib.import_module(f"accord_cli.cli.{module}").app)
        # A module of one command is that command, as the root's loader takes it.
        declared = built.commands if isinstance(built, click.Group) else {built.name: built}
        assert {name for name, owner in COMMANDS.items() if owner == module} == set(declared), module


def test_every_command_has_help_with_an_example(run) -> None:
    found = dict(_all_commands())
    assert set(found) >= {("init",), ("list",), ("add",), ("missing",), ("watchlist", "add"), ("timeline",)}
    for path, command in found.items():
        result = run(*path, "--help")
        assert result.exit_code == 0, path
        summary = " ".join(command.help.splitlines()[0].split())
        assert summary in " ".join(result.stdout.split()), path
        assert "Examples:\n" in result.stdout and f"accord {path[0]}" in result.stdout, path


def test_usage_lines_name_arguments_plainly(run) -> None:
    assert run("show", "--help").stdout.startswith("Usage: accord show [OPTIONS] NAME\n")
    assert run("watchlist", "add", "--help").stdout.startswith("Usage: accord watchlist add [OPTIONS] NAME [ORG]...\n")
    for path, _ in _all_commands():
        assert not re.search(r"\{[A-Z]", run(*path, "--help").stdout), path


def test_top_level_help_lists_every_command_with_its_whole_summary(run) -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert "Exit status: 0 success, 1 a check found problems, 2 an error." in result.stdout
    # Compared without white space: help wraps lines, and may break a word at a hyphen.
    flat = "".join(result.stdout.split())
    for (name,), command in ((p, c) for p, c in _all_commands() if len(p) == 1):
        first_sentence = " ".join(command.help.split()).split(". ")[0].rstrip(".") + "."
        assert name + "".join(first_sentence.split()) in flat, name
    assert "..." not in result.stdout.split("Commands:")[1]


def test_no_arguments_shows_the_help_and_succeeds(run) -> None:
    result = run()
    assert result.exit_code == 0
    assert result.stdout == run("--help").stdout
    assert result.stderr == ""


def test_a_command_given_a_format_it_cannot_produce_is_refused_with_the_valid_ones(run) -> None:
    for args, valid in (
        (["leave", "X", "-f", "csv"], "'table', 'json'"),
        (["show", "X", "-f", "csv"], "'table', 'json'"),
        (["add", "X", "-f", "markdown"], "'table', 'json'"),
        (["export", "-f", "table"], "'json', 'csv', 'markdown', 'sqlite'"),
        (["report", "-f", "json"], "'table', 'markdown', 'html', 'svg'"),
    ):
        result = run(*args)
        assert result.exit_code == 2, args
        assert f"is not one of {valid}." in result.stderr, args


def test_an_option_missing_its_value_is_told_with_the_usage_line(run) -> None:
    for args, usage in (
        (["list", "--sector"], "Usage: accord list [OPTIONS]"),
        (["--ledger"], "Usage: accord [OPTIONS] COMMAND [ARGS]..."),
        (["watchlist", "show", "--format"], "Usage: accord watchlist show [OPTIONS] NAME"),
    ):
        result = run(*args)
        assert result.exit_code == 2, args
        assert result.stderr.startswith(usage + "\n"), args
        assert "requires an argument" in result.stderr.splitlines()[-1], args
