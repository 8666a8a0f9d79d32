"""Every command that records something answers in JSON with --format json: what it recorded, and nothing
else on stdout."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from accord_cli.cli.app import COMMANDS


def test_init_says_what_it_created(run) -> None:
    result = run("init", "new.toml", "--empty", "--name", "Paris Call", "--launched", "2018-11-12", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == {
        "ledger": "new.toml",
        "name": "Paris Call",
        "launched": "2018-11-12",
        "url": None,
        "signatories": 0,
    }


def test_fmt_says_whether_the_file_was_canonical_and_gives_the_diff(run, ledger_path: Path) -> None:
    ledger_path.write_text(ledger_path.read_text(encoding="utf-8").replace('id = "abb"\n', ""), encoding="utf-8")
    checked = run("fmt", "--check", "-f", "json")
    assert checked.exit_code == 1
    document = json.loads(checked.stdout)
    assert (document["canonical"], document["rewritten"]) == (False, False)
    assert '+id = "abb"' in document["diff"]
    rewritten = json.loads(run("fmt", "--yes", "-f", "json").stdout)
    assert (rewritten["canonical"], rewritten["rewritten"]) == (False, True)
    assert json.loads(run("fmt", "-f", "json").stdout) == {
        "ledger": "accord.toml",
        "canonical": True,
        "rewritten": False,
        "diff": "",
    }


def test_drop_event_gives_the_event_it_dropped(run, ledger_path: Path) -> None:
    assert run("leave", "Symantec", "--date", "2020-01-31", "--reason", "acquired").exit_code == 0
    result = run("drop-event", "Symantec", "1", "--yes", "-f", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert (document["number"], document["event"], document["date"], document["reason"]) == (
        1,
        "leave",
        "2020-01-31",
        "acquired",
    )


def test_pledge_writes_give_the_pledge(run, ledger_path: Path) -> None:
    added = json.loads(run("pledge", "add", "research", "--title", "Research", "-f", "json").stdout)
    assert added == {"pledge": {"id": "research", "title": "Research", "summary": None, "source": None}}
    edited = json.loads(run("pledge", "edit", "research", "--summary", "Share it.", "-f", "json").stdout)
    assert edited == {
        "pledge": {"id": "research", "title": "Research", "summary": "Share it.", "source": None},
        "changed": True,
    }
    removed = json.loads(run("pledge", "remove", "research", "-f", "json").stdout)
    assert removed == {
        "pledge": {"id": "research", "title": "Research", "summary": "Share it.", "source": None},
        "no_longer_listed_by": [],
    }


# Commands that write the ledger, each with --format json; those that only read list it too, or are formats
# of their own (export, report) or a git driver whose output git reads.
NOT_RECORDING = {
    "list",
    "show",
    "check",
    "events",
    "diff",
    "log",
    "timeline",
    "pledges",
    "missing",
    "export",
    "report",
    "counts",
    "merge-driver",
}


@pytest.mark.parametrize("command", sorted(set(COMMANDS) - NOT_RECORDING))
def test_every_recording_command_offers_json(run, command: str) -> None:
    from click import Group
    from typer.main import get_command

    from accord_cli.cli.app import app

    group = get_command(app)
    assert isinstance(group, Group)
    found = group.get_command(None, command)  # type: ignore[arg-type]
    assert found is not None
    commands = list(found.commands.values()) if isinstance(found, Group) else [found]
    for each in commands:
        if each.name in ("list", "show"):  # a watchlist's or pledge's reading subcommands
            continue
        options = {opt for param in each.params for opt in getattr(param, "opts", ())}
        assert "--format" in options, f"accord {command} {each.name}"


def test_export_and_report_as_of_a_date(run, ledger_path: Path) -> None:
    assert run("leave", "Symantec", "--date", "2020-01-31").exit_code == 0
    exported = json.loads(run("export", "--as-of", "2019").stdout)
    symantec = next(m for m in exported["memberships"] if m["id"] == "symantec")
    assert (symantec["member"], symantec["left"]) == (True, None)
    now = next(m for m in json.loads(run("export").stdout)["memberships"] if m["id"] == "symantec")
    assert now["member"] is False
    report = run("report", "--as-of", "2019", "-f", "markdown").stdout
    assert "as of 2019-12-31" in report and "2021-05-05" not in report


def test_a_report_as_of_a_date_has_no_row_for_a_join_not_yet_certain_then(run) -> None:
    """Hitachi joined by 2021-05-05: at the end of 2019 it is only possibly a member, not a row of growth."""
    from tests.conftest import REPO

    shipped = REPO / "accord_cli" / "accord.toml"
    report = run("-l", str(shipped), "report", "--as-of", "2019", "-f", "markdown").stdout
    assert "by 2021-05-05" not in report
    assert "| 2019 | 0 | 0 | 36 | 1 |" in report


def test_a_write_folds_a_sector_written_by_hand(run, ledger_path: Path) -> None:
    text = ledger_path.read_text(encoding="utf-8")
    ledger_path.write_text(text.replace('sector = "industrial"', 'sector = "Industrial"', 1), encoding="utf-8")
    assert run("add", "Foo Labs", "--date", "2019-05-01").exit_code == 0
    assert 'sector = "Industrial"' not in ledger_path.read_text(encoding="utf-8")
    assert run("fmt", "--check").exit_code == 0
