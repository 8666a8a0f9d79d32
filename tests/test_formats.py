"""CSV and Markdown write what the ledger holds so that a spreadsheet or a Markdown viewer shows it as written."""

import csv
import io

from tests.conftest import MINIMAL, write_ledger


def _ledger_with(tmp_path, name: str, note: str = "") -> None:
    body = MINIMAL + f'\n[[signatories]]\nname = "{name}"\njoined = 2019-01-01\n'
    if note:
        body += f'note = """{note}"""\n'
    write_ledger(tmp_path / "accord.toml", body)


def test_csv_writes_a_line_break_as_csv_quotes_it(run, tmp_path) -> None:
    _ledger_with(tmp_path, "Acme", "first line\nsecond line")
    for command in (["list", "-f", "csv"], ["export", "-f", "csv"]):
        result = run(*command)
        assert result.exit_code == 0
        (row,) = csv.DictReader(io.StringIO(result.stdout))
        assert row["note"] == "first line\nsecond line", command


def test_csv_still_escapes_other_control_characters(run, tmp_path) -> None:
    _ledger_with(tmp_path, "Acme", "bell \\u0007 here")
    (row,) = csv.DictReader(io.StringIO(run("list", "-f", "csv").stdout))
    assert row["note"] == "bell \\x07 here"


def test_markdown_shows_an_entity_as_written(run, tmp_path) -> None:
    _ledger_with(tmp_path, "Micro&#115;oft ~Labs~ #1!")
    for command in (["list", "-f", "markdown"], ["export", "-f", "markdown"]):
        out = run(*command).stdout
        assert "Micro&amp;\\#115;oft \\~Labs\\~ \\#1\\!" in out, command
        assert "Micro&#115;" not in out
    run("report", "-o", "report.md")
    assert "Micro&amp;\\#115;oft" in (tmp_path / "report.md").read_text(encoding="utf-8")


def test_markdown_diff_has_the_fields_csv_has(run, tmp_path) -> None:
    _ledger_with(tmp_path, "Acme")
    lines = run("diff", "2018", "2019", "-f", "markdown").stdout.splitlines()
    assert lines[:3] == ["| change | name | detail |", "| --- | --- | --- |", "| joined | Acme |  |"]
    assert run("diff", "2018", "2019", "-f", "csv").stdout.splitlines()[0] == "change,name,detail"
