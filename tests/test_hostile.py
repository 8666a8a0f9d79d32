"""Ledgers from anyone: markup, escape sequences and garbage are shown faithfully or refused, never obeyed."""

import json
import os
import re
import string

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import MINIMAL, write_ledger

# Each would act on a terminal if printed raw: clear screen, a hyperlink, a colour,
# carriage return and backspace (overwrite), a bidi override (reversed reading).
ATTACKS = [
    "\x1b[2J",
    "\x1b]8;;https://evil.example\x1b\\",
    "\x1b[41;5m",
    "\x1b[6n",
    "\r",
    "\b",
    "\u202e",
    "\x07",
    "\x9b",
]
MARKUP = "[bold red]loud[/] [link=https://evil.example]x[/link]"


def _toml_string(text: str) -> str:
    return json.dumps(text)  # a JSON string with \\u escapes is a valid TOML basic string


def _hostile(text: str) -> str:
    return _toml_string(f"{MARKUP} {''.join(ATTACKS)} {text}")


HOSTILE = f"""\
[accord]
name = {_hostile("accord")}
launched = 2018-04-17
url = {_hostile("url")}

[[pledges]]
id = "defense"
title = {_hostile("title")}
summary = {_hostile("summary")}

[[signatories]]
id = "evil"
name = {_hostile("Evil")}
joined = 2018-04-17
sector = {_hostile("sector")}
country = {_hostile("country")}
aliases = [{_hostile("alias")}]
source = {_hostile("source")}
note = {_hostile("note")}

[[signatories.events]]
date = 2019-01-01
event = "rename"
from = {_hostile("Evil")}
to = {_hostile("Evil 2")}

[[signatories.events]]
date = 2020-01-01
event = "leave"
reason = {_hostile("reason")}

[[signatories]]
id = "plain"
name = "Plain"
joined = 2018-04-17

[watchlists]
{_hostile("list")} = [{_hostile("Target")}, "Plain"]
"""

READ_COMMANDS = [
    ["list", "--all"],
    ["pledges"],
    ["check"],
    ["show", "evil"],
    ["diff", "2018", "2021"],
    ["log"],
    ["timeline"],
    ["missing", "-w", f"{MARKUP} {''.join(ATTACKS)} list"],
    ["watchlist", "list"],
    ["watchlist", "show", f"{MARKUP} {''.join(ATTACKS)} list"],
]
FORMATS = [["--format", "table"], ["--format", "json"], ["--format", "csv"], ["--format", "markdown"]]
COLOURS = [["--color", "never"], ["--color", "always"]]


def _formats_for(command: list[str]) -> list[list[str]]:
    return FORMATS[:2] if command[0] == "show" else FORMATS


@pytest.mark.parametrize("command", READ_COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_hostile_text_is_shown_escaped_in_every_format(run, tmp_path, monkeypatch, command: list[str]) -> None:
    monkeypatch.setenv("COLUMNS", "400")  # wide enough that no cell is cut short
    write_ledger(tmp_path / "accord.toml", HOSTILE)
    for colour in COLOURS:
        for fmt in _formats_for(command):
            result = run(*colour, *command, *fmt)
            assert result.exit_code in (0, 1), result.stderr
            for stream in (result.stdout, result.stderr):
                for attack in ATTACKS[1:]:
                    assert attack not in stream, (colour, fmt, attack)
                if colour == ["--color", "never"]:
                    assert "\x1b" not in stream, (fmt, stream)
            shown = result.stdout + result.stderr
            if fmt[1] == "json":
                shown = json.dumps(json.loads(result.stdout), ensure_ascii=False)
            if command[0] != "timeline":  # counts only, no text from the data
                assert "\\x1b" in shown or "\\u001b" in shown, (colour, fmt)


@pytest.mark.parametrize(
    "command",
    [
        ["export", "-f", "json"],
        ["export", "-f", "csv"],
        ["export", "-f", "markdown"],
        ["report"],
        ["--color", "always", "report"],
    ],
    ids=" ".join,
)
def test_hostile_text_is_escaped_in_exports_and_reports(run, tmp_path, command: list[str]) -> None:
    write_ledger(tmp_path / "accord.toml", HOSTILE)
    result = run(*command)
    assert result.exit_code == 0, result.stderr
    for attack in ATTACKS[1:]:
        assert attack not in result.stdout + result.stderr
    assert "\\x1b" in result.stdout or "\\u001b" in result.stdout


def test_html_and_svg_reports_escape_what_would_be_markup_there(run, tmp_path) -> None:
    write_ledger(tmp_path / "accord.toml", HOSTILE.replace('"Plain"', '"<script>alert(1)</script>"'))
    for name in ("r.html", "r.svg"):
        assert run("report", "-o", name).exit_code == 0
        written = (tmp_path / name).read_text(encoding="utf-8")
        assert "<script>" not in written and "\x1b" not in written and "\u202e" not in written


def test_markup_in_data_is_printed_literally(run, tmp_path) -> None:
    write_ledger(tmp_path / "accord.toml", HOSTILE)
    for colour in COLOURS:
        result = run(*colour, "list", "--all")
        assert "[bold red]loud[/] [link=https://evil.example]x[/link]" in result.stdout
        assert "\x1b]8;" not in result.stdout  # no hyperlink made from data


@pytest.mark.parametrize("name", ["Evil\x1b[2J", "Bell\x07", "Right\u202eLeft", "Back\bspace"])
def test_add_refuses_control_characters_in_names(run, tmp_path, name: str) -> None:
    path = write_ledger(tmp_path / "accord.toml", MINIMAL)
    result = run("add", name)
    assert result.exit_code == 2
    assert re.search(
        r"contains U\+[0-9A-F]{4}.*, a (control character|bidirectional control); type it without", result.stderr
    )
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
    assert path.read_text(encoding="utf-8") == MINIMAL


def test_an_absurdly_long_name_is_a_clear_error(run, tmp_path) -> None:
    write_ledger(
        tmp_path / "accord.toml", MINIMAL + f'\n[[signatories]]\nname = "{"X" * 5_000_000}"\njoined = 2020-01-01\n'
    )
    result = run("list")
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "'name' is 5,000,000 characters long; a name has at most 300 (run `accord check` to list every problem)\n"
    )
    assert len(result.stderr) < 300
    write_ledger(tmp_path / "accord.toml", MINIMAL)
    assert run("add", "Y" * 400).stderr.endswith("is 400 characters long; a name has at most 300\n")


def test_dates_at_the_edges_of_the_calendar_give_answers(run, tmp_path) -> None:
    write_ledger(
        tmp_path / "accord.toml",
        MINIMAL + '\n[[signatories]]\nname = "Far"\njoined = 9999-12-31\n'
        '\n[[signatories]]\nname = "Old"\njoined = 0001-01-01\n',
    )
    assert run("list", "--as-of", "9999").stderr == "2 signatories\n"
    assert run("diff", "9999-12-30", "9999-12-31").exit_code == 0
    assert run("check").exit_code == 1
    assert run("timeline", "--by", "year", "--format", "csv").exit_code == 0


def test_deep_nesting_is_refused_clearly(run, tmp_path) -> None:
    write_ledger(tmp_path / "accord.toml", "x = " + "[" * 100_000 + "]" * 100_000 + "\n")
    result = run("list")
    assert result.exit_code == 2 and result.stderr.startswith("Error: accord.toml")
    assert result.stderr.count("\n") == 1


FUZZ_COMMANDS = [
    ["list"],
    ["list", "--all", "--as-of", "2019"],
    ["pledges"],
    ["check"],
    ["show", "a"],
    ["diff", "2018", "2020"],
    ["log"],
    ["timeline", "--by", "quarter"],
    ["missing", "-w", "Apple,a"],
    ["watchlist", "list"],
    ["list", "--format", "json"],
    ["export", "--format", "csv"],
    ["export", "--format", "json"],
    ["report"],
    ["diff", "--ledger-a", "accord.toml", "--ledger-b", "accord.toml"],
    ["missing", "-w", "accord.toml"],
]


def _assert_clean_ending(run, command: list[str]) -> None:
    result = run(*command)
    assert result.exit_code in (0, 1, 2), result
    if result.exit_code == 2:
        assert result.stderr.startswith(("Error: ", "Usage: ")), result.stderr
        if result.stderr.startswith("Error: "):  # one clear line, however strange the input
            assert result.stderr.count("\n") == 1, result.stderr


_FUZZ = settings(
    max_examples=int(os.environ.get("ACCORD_FUZZ_EXAMPLES", "25")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


@pytest.mark.slow
@_FUZZ
@given(data=st.binary(max_size=400))
def test_random_bytes_never_crash_a_read_command(run, tmp_path, data: bytes) -> None:
    (tmp_path / "accord.toml").write_bytes(data)
    for command in FUZZ_COMMANDS:
        _assert_clean_ending(run, command)


_texts = st.text(alphabet=string.ascii_letters + " -.&\u00e9", max_size=12)
_dates = st.dates()
_scalars = st.one_of(_texts, _dates, st.integers(-5, 5), st.booleans(), st.floats(allow_nan=False))
_values = st.recursive(
    _scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_texts, inner, max_size=3), max_leaves=6
)
_signatory = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(_texts, _values),
        "name": st.one_of(_texts, _values),
        "joined": st.one_of(_dates, _values),
        "aliases": st.one_of(st.lists(_texts, max_size=3), _values),
        "pledges": st.one_of(st.lists(_texts), _values),
        "country": _texts,
        "events": st.lists(
            st.fixed_dictionaries(
                {},
                optional={
                    "date": st.one_of(_dates, _values),
                    "event": st.sampled_from(["join", "leave", "rejoin", "rename", "x"]),
                    "from": _texts,
                    "to": _texts,
                    "reason": _values,
                },
            ),
            max_size=3,
        ),
    },
)
_ledger_shaped = st.fixed_dictionaries(
    {},
    optional={
        "accord": st.one_of(
            st.fixed_dictionaries({"name": _texts}, optional={"launched": _dates, "x": _values}), _values
        ),
        "pledges": st.one_of(
            st.lists(st.fixed_dictionaries({}, optional={"id": _texts, "title": _values}), max_size=3), _values
        ),
        "signatories": st.one_of(st.lists(_signatory, max_size=4), _values),
        "watchlists": st.one_of(st.dictionaries(_texts, st.lists(_texts, max_size=3), max_size=2), _values),
    },
)


@pytest.mark.slow
@_FUZZ
@given(document=_ledger_shaped)
def test_ledger_shaped_nonsense_never_crashes_a_read_command(run, tmp_path, document: dict) -> None:
    (tmp_path / "accord.toml").write_text(tomli_w.dumps(document), encoding="utf-8")
    for command in FUZZ_COMMANDS:
        _assert_clean_ending(run, command)


@_FUZZ
@given(data=st.binary(max_size=300), suffix=st.sampled_from([".csv", ".json", ".txt"]))
def test_random_import_files_never_crash_the_preview(run, tmp_path, data: bytes, suffix: str) -> None:
    write_ledger(tmp_path / "accord.toml", MINIMAL)
    (tmp_path / f"in{suffix}").write_bytes(data)
    _assert_clean_ending(run, ["import", f"in{suffix}", "--dry-run"])
    _assert_clean_ending(run, ["missing", "-w", f"in{suffix}"] if suffix != ".json" else ["check"])


@_FUZZ
@given(
    document=st.one_of(
        st.lists(_signatory, max_size=4),
        st.recursive(
            _scalars,
            lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_texts, inner, max_size=3),
            max_leaves=8,
        ),
    )
)
def test_json_shaped_nonsense_never_crashes_an_import(run, tmp_path, document) -> None:
    write_ledger(tmp_path / "accord.toml", MINIMAL)
    payload = {"signatories": document} if isinstance(document, list) else document
    (tmp_path / "in.json").write_text(json.dumps(payload, default=str), encoding="utf-8")
    _assert_clean_ending(run, ["import", "in.json", "--dry-run"])
