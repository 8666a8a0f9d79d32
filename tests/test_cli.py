import json
import os
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import FOUNDERS, MINIMAL, write_ledger

ESC = "\x1b"
BOX = "─"


def rows(stdout: str) -> list[str]:
    return stdout.splitlines()[1:]


# -- list -----------------------------------------------------------------------------------------


def test_list_uses_the_builtin_ledger_when_there_is_none_around(run) -> None:
    result = run("list")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].split() == ["Name", "Joined", "Sector", "Country"]
    assert len(rows(result.stdout)) == 34
    assert result.stdout.splitlines()[1].split() == ["ABB", "2018-04-17", "industrial", "CH"]
    assert result.stderr == "34 signatories\n"


def test_piped_tables_have_no_colour_or_boxes(run) -> None:
    stdout = run("list").stdout
    assert ESC not in stdout and BOX not in stdout


def test_color_always_draws_a_rich_table(run) -> None:
    stdout = run("--color", "always", "list").stdout
    assert ESC in stdout and BOX in stdout and "Cybersecurity Tech Accord" in stdout
    assert "34 signatories" in stdout


def test_no_color_and_color_never_write_no_escape_code_at_all(run) -> None:
    boxed = run("--color", "always", "list", env={"NO_COLOR": "1"}).stdout
    assert ESC not in boxed and BOX in boxed  # still Rich's table, with no colour, bold or dim
    plain = run("--color", "never", "list")
    assert ESC not in plain.stdout + plain.stderr and BOX not in plain.stdout


def test_list_json_is_the_documented_shape(run) -> None:
    result = run("list", "--format", "json")
    records = json.loads(result.stdout)
    assert len(records) == 34
    assert list(records[0]) == [
        "id",
        "name",
        "joined",
        "left",
        "sector",
        "country",
        "aliases",
        "pledges",
        "source",
        "note",
        "certain",
    ]
    facebook = next(r for r in records if r["id"] == "facebook")
    assert facebook["aliases"] == ["Meta"] and facebook["joined"] == "2018-04-17" and facebook["left"] is None
    assert facebook["certain"] is True
    assert facebook["pledges"] == ["defense", "no-offense", "capacity-building", "collective-action"]
    assert result.stderr == ""


def test_list_csv_and_markdown(run) -> None:
    csv_lines = run("list", "--country", "FI", "-f", "csv").stdout.splitlines()
    assert csv_lines[0] == "id,name,joined,left,sector,country,aliases,pledges,source,note,certain"
    assert csv_lines[1].startswith("f-secure,F-Secure,2018-04-17,,security,FI,,defense;no-offense;")
    markdown = run("list", "--search", "tele", "--format", "markdown").stdout
    assert markdown.splitlines()[:3] == [
        "| Name | Joined | Sector | Country |",
        "| --- | --- | --- | --- |",
        "| Telefonica | 2018-04-17 | telecom | ES |",
    ]
    assert markdown.endswith("\n1 signatory of 34 match\n")


def test_list_filters_and_sorts(run) -> None:
    result = run("list", "--sector", "Security", "--country", "us", "-f", "json")
    assert [r["name"] for r in json.loads(result.stdout)] == ["FireEye", "RSA", "Symantec", "Tenable"]
    assert [r["name"] for r in json.loads(run("list", "--search", "hewlett", "-f", "json").stdout)] == ["HPE"]


def test_list_refuses_a_sector_nobody_has(run) -> None:
    result = run("list", "--sector", "securty")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: no signatory has the sector 'securty' (sectors: fintech, hardware")
    assert result.stdout == ""


def test_list_refuses_a_bad_format(run) -> None:
    result = run("list", "--format", "yaml")
    assert result.exit_code == 2 and "'yaml' is not one of" in result.stderr


# -- add ------------------------------------------------------------------------------------------


def test_add_records_and_reports(run, ledger_path: Path) -> None:
    result = run(
        "add",
        "Google",
        "--date",
        "2026-01-15",
        "--sector",
        "internet",
        "--country",
        "us",
        "--alias",
        "Alphabet",
        "--pledge",
        "defense",
        "--source",
        "https://example.org/g",
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "Added Google (id google), joined 2026-01-15, to accord.toml.\n"
    text = ledger_path.read_text(encoding="utf-8")
    assert text.startswith(FOUNDERS.read_text(encoding="utf-8").split("\n[watchlists]")[0])
    assert (
        '[[signatories]]\nid = "google"\nname = "Google"\njoined = 2026-01-15\nsector = "internet"\n'
        'country = "US"\naliases = ["Alphabet"]\npledges = ["defense"]\nsource = "https://example.org/g"\n'
    ) in text
    listed = json.loads(run("list", "--search", "alphabet", "-f", "json").stdout)
    assert [r["id"] for r in listed] == ["google"]


def test_add_warns_about_a_name_that_looks_like_another(run, ledger_path: Path) -> None:
    result = run("add", "Micrsoft", "--date", "2020-01-01")
    assert result.exit_code == 0
    assert result.stderr == (
        "Warning: Micrsoft looks like Microsoft (id microsoft), by its spelling; "
        "recorded as a new signatory all the same\n"
    )
    assert 'name = "Micrsoft"' in ledger_path.read_text(encoding="utf-8")
    assert run("add", "Fund 2", "--date", "2020-01-01").exit_code == 0
    assert run("add", "Fund 1", "--date", "2020-01-01").stderr == ""


def test_add_defaults_to_today_and_prints_json(run, ledger_path: Path) -> None:
    record = json.loads(run("add", "Acme", "--format", "json").stdout)
    assert record["joined"] == date.today().isoformat()
    assert record["pledges"] == ["defense", "no-offense", "capacity-building", "collective-action"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Microsoft"], "Error: 'Microsoft' is already in the ledger: Microsoft, id microsoft, joined 2018-04-17\n"),
        (
            ["meta"],
            "Error: 'meta' is already in the ledger (an alias of Facebook): Facebook, id facebook, joined 2018-04-17\n",
        ),
        (
            ["Acme", "--pledge", "offense"],
            "Error: unknown pledge 'offense' (known pledges: defense, no-offense, "
            "capacity-building, collective-action)\n",
        ),
        (["Acme", "--date", "2999-01-01"], "Error: joined 2999-01-01 is in the future"),
        (["Acme", "--country", "UK"], "Error: 'UK' is not an ISO 3166 alpha-2 country code (e.g. US, GB, DE)\n"),
        (["Acme\x1b[31m"], "Error: the name 'Acme\\x1b[31m' contains U+001B, a control character; type it without\n"),
    ],
)
def test_add_refusals_leave_the_ledger_unchanged(run, ledger_path: Path, args: list[str], message: str) -> None:
    before = ledger_path.read_bytes()
    result = run("add", *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(message)
    assert result.stderr.count("\n") == 1
    assert ledger_path.read_bytes() == before


@pytest.mark.parametrize("bad", ["2026-1-15", "15/01/2026", "2026-02-30"])
def test_add_refuses_a_bad_date(run, ledger_path: Path, bad: str) -> None:
    before = ledger_path.read_bytes()
    result = run("add", "Acme", "--date", bad)
    assert result.exit_code == 2
    assert f"Invalid value for '--date' / '-d': '{bad}' is not a" in result.stderr
    assert "Traceback" not in result.stderr
    assert ledger_path.read_bytes() == before


def test_add_without_a_ledger_says_where_it_looked(run, tmp_path: Path) -> None:
    result = run("add", "Google")
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: no ledger to write: no --ledger or $ACCORD_LEDGER, and no accord.toml in {tmp_path} or its parents; "
        "create one with `accord init` or pass --ledger PATH\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_add_through_env_var_and_option(run, tmp_path: Path) -> None:
    other = write_ledger(tmp_path / "elsewhere.toml", MINIMAL)
    assert run("add", "Acme", "--date", "2019-01-01", env={"ACCORD_LEDGER": str(other)}).exit_code == 0
    assert run("--ledger", str(other), "add", "Beta", "--date", "2019-01-01").exit_code == 0
    assert [r["name"] for r in json.loads(run("-l", str(other), "list", "-f", "json").stdout)] == ["Acme", "Beta"]


def test_add_keeps_unknown_keys_and_values(run, tmp_path: Path) -> None:
    path = write_ledger(
        tmp_path / "accord.toml",
        MINIMAL.replace("[accord]\n", "schema = 1\n\n[accord]\n")
        + """
[[signatories]]
name = "Acme"
joined = 2019-01-01
ticker = "ACME"

[signatories.contact]
email = "press@example.org"

[extras]
kept = [1, 2]
""",
    )
    assert run("add", "Beta", "--date", "2019-02-01").exit_code == 0
    text = path.read_text(encoding="utf-8")
    for kept in (
        "schema = 1",
        'ticker = "ACME"',
        "[signatories.contact]",
        'email = "press@example.org"',
        "[extras]",
        "kept = [1, 2]",
        'id = "acme"',
    ):
        assert kept in text


# -- check ----------------------------------------------------------------------------------------


def test_check_a_clean_ledger(run) -> None:
    result = run("check")
    assert (result.exit_code, result.stdout) == (0, "No problems found in the built-in ledger (34 signatories).\n")
    assert json.loads(run("check", "--format", "json").stdout) == []


def test_check_lists_every_problem_and_exits_1(run, tmp_path: Path) -> None:
    path = "accord.toml"  # found in the current directory, so named relative to it
    write_ledger(
        tmp_path / tmp_path / "accord.toml",
        MINIMAL
        + """
[[signatories]]
name = "Acme"
joined = 2019-01-01
country = "UK"
colour = "red"

[[signatories]]
name = "ACME"
joined = 2030-01-01
""",
    )
    result = run("check")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[1:] == [
        f"{path}:16:1  Acme   '{'UK'}' is not an ISO 3166 alpha-2 country code (e.g. US, GB, DE)",
        f"{path}:17:1  Acme   unknown key 'colour' (known keys: id, name, joined, sector, country, aliases, pledges, "
        "source, note, events)",
        f"{path}:20:1  ACME   'ACME' is also a name of Acme (id acme)",
        f"{path}:21:1  ACME   joined 2030-01-01 is in the future (today is {date.today().isoformat()})",
    ]
    assert result.stderr == f"4 problems in {path}\n"
    problems = json.loads(run("check", "-f", "json").stdout)
    assert problems[0] == {
        "location": f"{path}:16:1",
        "line": 16,
        "column": 1,
        "entry": "Acme",
        "field": "signatories.0.country",
        "message": "'UK' is not an ISO 3166 alpha-2 country code (e.g. US, GB, DE)",
        "severity": "problem",
    }


def test_check_reports_fatal_problems_too(run, tmp_path: Path) -> None:
    write_ledger(
        tmp_path / "accord.toml",
        MINIMAL + '\n[[signatories]]\nname = "A"\njoined = "2019-01-1"\n\n[[signatories]]\njoined = 2019-01-01\n',
    )
    result = run("check", "-f", "json")
    assert result.exit_code == 1
    assert [p["message"] for p in json.loads(result.stdout)] == [
        "'joined': '2019-01-1' is not a date accord reads: expected a day (2018-04-17), a month (2018-09), a year "
        "(2018), an interval (2018-04-18/2018-04-30) or on-or-before (../2021-05-05)",
        "missing 'name'",
    ]


def test_check_reports_a_syntax_error_as_a_problem(run, tmp_path: Path) -> None:
    write_ledger(tmp_path / "accord.toml", '[accord]\nname = "x"\nlaunched = 2018-13-01\n')
    result = run("check", "-f", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)[0]["location"] == "accord.toml:3:12"
    assert json.loads(result.stdout)[0]["message"] == "'2018-13-01' is not a real calendar date"


def test_check_of_a_missing_file_is_an_error(run, tmp_path: Path) -> None:
    result = run("--ledger", str(tmp_path / "nope.toml"), "check")
    assert result.exit_code == 2
    assert (
        result.stderr == f"Error: no ledger at {tmp_path / 'nope.toml'}: create one with `accord init "
        f"{tmp_path / 'nope.toml'}`\n"
    )


# -- bad ledgers ----------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["list"], ["pledges"], ["add", "X"]])
def test_a_broken_ledger_is_one_line_and_exit_2(run, tmp_path: Path, command: list[str]) -> None:
    path = write_ledger(tmp_path / "accord.toml", '[accord]\nname = "x"\nlaunched = 2018-4-17\n')
    before = path.read_bytes()
    result = run(*command)
    assert result.exit_code == 2
    assert result.stderr == "Error: accord.toml:3:12: '2018-4-17' is not a date: expected YYYY-MM-DD, e.g. 2018-04-17\n"
    assert path.read_bytes() == before


def test_an_invalid_ledger_points_to_check(run, tmp_path: Path) -> None:
    write_ledger(tmp_path / "accord.toml", "[pledges]\n")
    result = run("list")
    assert result.exit_code == 2
    assert result.stderr.endswith("(run `accord check` to list every problem)\n")


def test_markup_and_escapes_in_data_are_printed_literally(run, tmp_path: Path) -> None:
    write_ledger(
        tmp_path / "accord.toml",
        MINIMAL
        + """
[[signatories]]
name = "[bold red]Evil[/]"
joined = 2019-01-01
sector = "[/]"

[[signatories]]
name = "Ansi\\u001b[2JCorp"
joined = 2019-01-01
""",
    )
    for args in (["list"], ["--color", "always", "list"], ["list", "-f", "markdown"], ["list", "-f", "csv"]):
        result = run(*args)
        assert result.exit_code == 0
        assert "\x1b[2J" not in result.stdout
        assert "x1b" in result.stdout  # visible as an escape, in Markdown as an escaped backslash
    assert "[bold red]Evil[/]" in run("--color", "always", "list").stdout
    assert json.loads(run("list", "-f", "json").stdout)[1]["name"] == "Ansi\x1b[2JCorp"


# -- init -----------------------------------------------------------------------------------------


def test_init_copies_the_builtin_ledger(run, tmp_path: Path) -> None:
    result = run("init")
    assert result.exit_code == 0
    assert result.stdout == "Created accord.toml: Cybersecurity Tech Accord, 34 signatories.\n"
    assert (tmp_path / "accord.toml").read_text(encoding="utf-8") == FOUNDERS.read_text(encoding="utf-8")
    assert run("add", "Acme").exit_code == 0


def test_init_empty_with_a_name(run, tmp_path: Path) -> None:
    result = run("init", "sub.toml", "--empty", "--name", "Paris Call")
    assert result.stdout == "Created sub.toml: Paris Call, 0 signatories.\n"
    assert (tmp_path / "sub.toml").read_text(encoding="utf-8") == '[accord]\nname = "Paris Call"\n'
    assert run("--ledger", "sub.toml", "check").exit_code == 0


def test_init_refuses_to_overwrite(run, ledger_path: Path) -> None:
    ledger_path.write_text("mine", encoding="utf-8")
    result = run("init")
    assert result.exit_code == 2
    assert result.stderr == "Error: accord.toml already exists; accord init never overwrites a file\n"
    assert ledger_path.read_text(encoding="utf-8") == "mine"


def test_init_name_needs_empty(run, tmp_path: Path) -> None:
    result = run("init", "--name", "X")
    assert result.exit_code == 2 and "--name only applies to a blank ledger" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_init_into_a_missing_directory_names_it_and_parents_creates_it(run, tmp_path: Path) -> None:
    result = run("init", "no/such/dir/accord.toml")
    assert (result.exit_code, result.stderr) == (
        2,
        f"Error: cannot write no/such/dir/accord.toml: the folder {tmp_path / 'no/such/dir'} does not exist "
        "(pass --parents to create it); nothing was changed\n",
    )
    assert list(tmp_path.iterdir()) == []
    assert run("init", "no/such/dir/accord.toml", "--parents").exit_code == 0
    assert (tmp_path / "no/such/dir/accord.toml").is_file()


def test_init_into_a_folder_path_writes_accord_toml_in_it(run, tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    assert run("init", "sub/").stdout == "Created sub/accord.toml: Cybersecurity Tech Accord, 34 signatories.\n"
    assert run("init", "sub").stderr == "Error: sub/accord.toml already exists; accord init never overwrites a file\n"


def test_init_refuses_a_name_that_would_reach_the_terminal_raw(run, tmp_path: Path) -> None:
    result = run("init", "e.toml", "--empty", "--name", "Evil\x1b]0;pwned\x07")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "Error: the accord's name 'Evil\\x1b]0;pwned\\x07' contains U+001B, a control character; type it without\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_check_lists_every_problem_though_one_entry_cannot_be_read(run, tmp_path: Path) -> None:
    write_ledger(
        tmp_path / "accord.toml",
        MINIMAL
        + """
[[signatories]]
name = "Acme"
joinde = 2019-01-01

[[signatories]]
name = "Beta"
joined = 2019-01-01
country = "XX"

[[signatories]]
name = "BETA Inc."
joined = 2019-01-01
""",
    )
    result = run("check", "-f", "json")
    assert result.exit_code == 1
    assert [(p["line"], p["message"]) for p in json.loads(result.stdout)] == [
        (13, "missing 'joined'"),
        (15, "unknown key 'joinde'; did you mean 'joined'?"),
        (20, "'XX' is not an ISO 3166 alpha-2 country code (e.g. US, GB, DE)"),
        (23, "'BETA Inc.' is also a name of Beta (id beta)"),
    ]


# -- global ---------------------------------------------------------------------------------------


def test_version(run) -> None:
    from accord_cli import __version__

    assert run("--version").stdout == f"accord {__version__}\n"


def test_nearest_ledger_is_found_from_a_subdirectory(run, tmp_path: Path, monkeypatch) -> None:
    write_ledger(tmp_path / "accord.toml", MINIMAL)
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    assert run("add", "Acme", "--date", "2019-01-01").exit_code == 0
    assert 'name = "Acme"' in (tmp_path / "accord.toml").read_text(encoding="utf-8")
    assert not os.path.exists(tmp_path / "sub" / "accord.toml")


def test_global_options_are_taken_after_the_command_too(run, tmp_path: Path) -> None:
    write_ledger(tmp_path / "other.toml", MINIMAL + '\n[[signatories]]\nname = "Acme"\njoined = 2019-01-01\n')
    assert (
        run("list", "-l", "other.toml", "--color", "never").stdout == "Name  Joined      Sector  Country\n"
        "Acme  2019-01-01\n"
    )
    assert run("watchlist", "add", "--ledger", "other.toml", "chase", "Apple").exit_code == 0
    assert "[watchlists]" in (tmp_path / "other.toml").read_text(encoding="utf-8")
    assert "always" not in run("list", "--help").stdout  # accepted, not advertised twice


# -- messages that name the cause and the next step -------------------------------------------------


@pytest.mark.parametrize("command", [["list"], ["add", "Acme"], ["check"]])
def test_a_folder_named_like_the_ledger_is_refused_not_passed_over(run, tmp_path: Path, command) -> None:
    (tmp_path / "accord.toml").mkdir()
    result = run(*command)
    assert (result.exit_code, result.stderr) == (
        2,
        "Error: accord.toml is a folder, not a ledger file; rename it, or pass --ledger PATH\n",
    )


def test_a_missing_file_to_compare_is_named_without_suggesting_init(run, ledger_path: Path) -> None:
    result = run("diff", "--ledger-a", "missing.toml")
    assert result.exit_code == 2
    assert result.stderr.endswith("Error: Invalid value for '--ledger-a': File 'missing.toml' does not exist.\n")
    assert "init" not in result.stderr


def test_adding_a_former_member_points_to_rejoin(run, ledger_path: Path) -> None:
    assert run("leave", "Avast", "--date", "2020-01-01").exit_code == 0
    before = ledger_path.read_bytes()
    result = run("add", "avast")
    assert (result.exit_code, result.stderr) == (
        2,
        "Error: 'avast' is already in the ledger: Avast, id avast, a former member that left on 2020-01-01; "
        "to record its return: accord rejoin avast --date YYYY-MM-DD\n",
    )
    assert ledger_path.read_bytes() == before


def test_adding_a_former_name_says_whose_it_was(run, ledger_path: Path) -> None:
    assert run("rename", "Avast", "Gen Avast", "--date", "2020-01-01").exit_code == 0
    result = run("add", "Avast")
    assert result.stderr == (
        "Error: 'Avast' is already in the ledger (its name until 2020-01-01): Gen Avast, id avast, joined 2018-04-17\n"
    )


@pytest.mark.parametrize("command", [["list"], ["pledges"], ["missing", "-w", "bigtech"]])
def test_a_date_before_the_launch_is_answered_and_explained(run, command) -> None:
    result = run(*command, "--as-of", "2010", "-f", "json")
    assert result.exit_code == 0 and isinstance(json.loads(result.stdout), list)
    assert result.stderr.endswith(
        "2010-12-31 is before Cybersecurity Tech Accord launched, on 2018-04-17: no one had signed yet\n"
    )


# -- edit -----------------------------------------------------------------------------------------


def test_edit_shows_each_field_before_and_after(run, ledger_path: Path) -> None:
    result = run("edit", "abb", "--sector", "energy", "--country", "se", "--note", "checked")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "Field    Before      After\n"
        "sector   industrial  energy\n"
        "country  CH          SE\n"
        "note                 checked\n"
    )
    assert result.stderr == "Corrected 3 fields of ABB in accord.toml.\n"
    records = json.loads(run("edit", "abb", "--note", "", "-f", "json").stdout)
    assert records == [{"field": "note", "before": "checked", "after": None}]


def test_edit_with_nothing_to_change_leaves_the_file_alone(run, ledger_path: Path) -> None:
    os.utime(ledger_path, (1_000_000_000, 1_000_000_000))
    before = ledger_path.read_bytes()
    result = run("edit", "Nokia", "--country", "FI", "--add-alias", "nokia")
    assert (result.exit_code, result.stdout) == (0, "Nothing to change: Nokia already reads so in accord.toml.\n")
    assert ledger_path.read_bytes() == before and ledger_path.stat().st_mtime == 1_000_000_000


def test_edit_name_aliases_and_pledges(run, ledger_path: Path) -> None:
    assert run("edit", "vmware", "--name", "VMWARE").exit_code == 0
    assert json.loads(run("show", "vmware", "-f", "json").stdout)["events"] == [
        {
            "number": 0,
            "date": "2018-04-17",
            "event": "join",
            "id": "vmware",
            "name": "VMWARE",
            "reason": None,
            "from": None,
            "to": None,
            "source": json.loads(run("show", "vmware", "-f", "json").stdout)["source"],
            "note": None,
        }
    ]
    assert (
        run(
            "edit", "facebook", "--add-alias", "Meta Platforms", "--remove-alias", "Meta", "--pledge", "defense"
        ).exit_code
        == 0
    )
    shown = json.loads(run("show", "facebook", "-f", "json").stdout)
    assert (shown["aliases"], shown["pledges"]) == (["Meta Platforms"], ["defense"])
    assert run("edit", "facebook", "--all-pledges").exit_code == 0
    assert len(json.loads(run("show", "facebook", "-f", "json").stdout)["pledges"]) == 4


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["Avast", "--name", "Microsoft"],
            "Error: Microsoft (id avast): 'Microsoft' is also a name of Microsoft (id microsoft)\n",
        ),
        (
            ["Avast", "--add-alias", "Meta"],
            "Error: Avast (id avast): 'Meta' is also a name of Facebook (id facebook)\n",
        ),
        (
            ["Avast", "--country", "XX"],
            "Error: Avast (id avast): 'XX' is not an ISO 3166 alpha-2 country code (e.g. US, GB, DE)\n",
        ),
        (
            ["Avast", "--pledge", "offense"],
            "Error: Avast (id avast): unknown pledge 'offense' (known pledges: defense, "
            "no-offense, capacity-building, collective-action)\n",
        ),
        (["Avast", "--remove-alias", "Nope"], "Error: 'Nope' is not an alias of Avast (aliases: none)\n"),
        (["Avast", "--pledge", "defense", "--all-pledges"], "give --pledge or --all-pledges, not both"),
    ],
)
def test_edit_refusals_are_one_line_and_change_nothing(run, ledger_path: Path, args: list[str], message: str) -> None:
    before = ledger_path.read_bytes()
    result = run("edit", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert ledger_path.read_bytes() == before


def test_init_empty_with_launch_date_and_url(run, tmp_path: Path) -> None:
    assert (
        run(
            "init",
            "paris.toml",
            "--empty",
            "--name",
            "Paris Call",
            "--launched",
            "2018-11-12",
            "--url",
            "https://pariscall.international",
        ).exit_code
        == 0
    )
    assert (tmp_path / "paris.toml").read_text(encoding="utf-8") == (
        '[accord]\nname = "Paris Call"\nlaunched = 2018-11-12\nurl = "https://pariscall.international"\n'
    )
    refused = run("-l", "paris.toml", "add", "Acme", "--date", "2018-01-01")
    assert refused.stderr == "Error: joined 2018-01-01 is before the accord launched (2018-11-12)\n"
    assert run("init", "x.toml", "--launched", "2018-11-12").stderr.endswith(
        "--launched only applies to a blank ledger; add --empty\n"
    )


def test_init_refuses_an_empty_name(run, tmp_path: Path) -> None:
    for name in ("", "  "):
        refused = run("init", "x.toml", "--empty", "--name", name)
        assert refused.exit_code == 2
        assert refused.stderr.endswith("an accord needs a name; leave --name out for 'New accord'\n")
    assert not (tmp_path / "x.toml").exists()


# -- names that cannot be spoofed -----------------------------------------------------------------


def test_add_refuses_a_lookalike_and_records_it_only_when_forced(run, ledger_path: Path) -> None:
    before = ledger_path.read_bytes()
    result = run("add", "\u041cicrosoft")
    assert (result.exit_code, result.stderr) == (
        2,
        "Error: \u041cicrosoft (id microsoft-2): '\u041cicrosoft' reads as 'Microsoft', a name of Microsoft (id "
        "microsoft): \u041c (U+041C CYRILLIC CAPITAL LETTER EM, read as M); if that is the record, pass --force to "
        "write it all the same\n",
    )
    assert ledger_path.read_bytes() == before
    forced = run("add", "\u041cicrosoft", "--force", "--date", "2024-01-01")
    assert forced.exit_code == 0
    assert forced.stderr.splitlines() == [
        "Warning: \u041cicrosoft: '\u041cicrosoft' reads as 'Microsoft', a name of Microsoft (id microsoft): \u041c "
        "(U+041C CYRILLIC CAPITAL LETTER EM, read as M); recorded all the same (--force)",
        "Warning: \u041cicrosoft: '\u041cicrosoft' looks spoofed: the word '\u041cicrosoft' mixes Cyrillic and Latin "
        "letters (\u041c (U+041C CYRILLIC CAPITAL LETTER EM, read as M)); recorded all the same (--force)",
    ]
    assert forced.stdout.startswith("Added \u041cicrosoft (id microsoft-2)")


def test_add_refuses_an_invisible_character_and_never_prints_one(run, ledger_path: Path) -> None:
    result = run("add", "Micro\u200bsoft")
    assert result.stderr == (
        "Error: the name 'Micro\\u200bsoft' contains U+200B ZERO WIDTH SPACE, an invisible character; type it without\n"
    )


def test_rename_refuses_a_lookalike_of_another_signatory(run, ledger_path: Path) -> None:
    result = run("rename", "Microsoft", "Cisc\u043e")
    assert result.exit_code == 2 and "reads as 'Cisco', a name of Cisco (id cisco)" in result.stderr


def test_import_shows_a_lookalike_row_as_a_conflict(run, ledger_path: Path, tmp_path: Path) -> None:
    (tmp_path / "list.txt").write_text("Micr\u03bfsoft\nZebra Co\n", encoding="utf-8")
    result = run("import", "list.txt", "--dry-run")
    assert result.stdout.splitlines()[1:3] == [
        "add       Zebra Co   2026-11-28".replace("2026-11-28", date.today().isoformat()),
        "conflict  Micr\u03bfsoft              'Micr\u03bfsoft' reads as 'Microsoft', a name of Microsoft (id "
        "microsoft): \u03bf (U+03BF GREEK SMALL LETTER OMICRON, read as o); not imported",
    ]
    assert result.stderr.startswith(
        "1 new, 0 already present, 0 possible matches (not imported), 1 conflict (not imported)\n"
    )


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Inc", ["HP Inc."]),
        ("p inc", ["HP Inc."]),
        ("telefónica", ["Telefonica"]),
        ("ARM", ["Arm"]),
        ("networks", ["Juniper Networks"]),
    ],
)
def test_search_finds_the_text_as_written_in_names_and_aliases(run, text: str, found: list[str]) -> None:
    assert [r["name"] for r in json.loads(run("list", "--search", text, "-f", "json").stdout)] == found


# -- a hand-edited ledger with shared ids or names --------------------------------------------------

SHARED = (
    MINIMAL
    + """
[[signatories]]
id = "acme"
name = "Acme"
joined = 2019-01-01

[[signatories]]
id = "acme"
name = "Zenith"
joined = 2019-02-01

[[signatories]]
name = "Beta"
joined = 2019-01-01

[[signatories]]
name = "BETA"
joined = 2019-03-01
"""
)


def test_a_ledger_with_shared_ids_and_names_is_read_but_never_guessed_at(run, tmp_path: Path) -> None:
    path = write_ledger(tmp_path / "accord.toml", SHARED)
    assert run("list").exit_code == 0 and run("check").exit_code == 1
    assert run("show", "Zenith").exit_code == 0  # its name is its own
    for args, shared in (
        (["show", "acme"], "'acme' could mean 2 entries: Acme (id acme) at line 13 and Zenith (id acme) at line 18"),
        (["events", "Beta"], "'Beta' could mean 2 entries: Beta (id beta) at line 23 and BETA (id beta-2) at line 27"),
    ):
        result = run(*args)
        assert (result.exit_code, result.stderr) == (
            2,
            f"Error: {shared}; give each a name and id of its own (`accord check` lists them)\n",
        )
    before = path.read_bytes()
    for args in (
        ["leave", "Zenith"],
        ["rename", "Zenith", "Nadir"],
        ["edit", "Zenith", "--note", "x"],
        ["add", "Gamma"],
        ["watchlist", "add", "x", "Apple"],
    ):
        result = run(*args)
        assert (result.exit_code, result.stderr) == (
            2,
            "Error: accord.toml: the entries at lines 13 and 18 both have the id 'acme'; give one of them an id "
            "of its own before changing the ledger (`accord check` lists every problem)\n",
        ), args
    assert path.read_bytes() == before


@pytest.mark.parametrize("spoof", ["Micr\u03bfsoft", "\u041cicrosoft", "Micr0soft"])
def test_every_command_that_takes_a_name_meets_a_spoof_alike(run, ledger_path: Path, spoof: str) -> None:
    before = ledger_path.read_bytes()
    for args in (
        ["add", spoof],
        ["add", "Zeta", "--alias", spoof],
        ["rename", "Cisco", spoof],
        ["edit", "Cisco", "--name", spoof],
        ["edit", "Cisco", "--add-alias", spoof],
    ):
        result = run(*args)
        assert result.exit_code == 2 and "reads as 'Microsoft', a name of Microsoft (id microsoft)" in result.stderr
    assert ledger_path.read_bytes() == before
    result = run("show", spoof)
    assert result.exit_code == 2 and "it reads as 'Microsoft' (id microsoft)" in result.stderr
    (watched,) = json.loads(run("missing", "-w", spoof + ",", "-f", "json").stdout)
    assert (watched["status"], watched["id"]) == ("possible_match", "microsoft")
