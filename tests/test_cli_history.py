"""The membership-over-time commands, through the CLI: leave, rejoin, rename, diff, log, timeline, show."""

import json
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, write_ledger

HISTORY = (
    MINIMAL
    + """
[[signatories]]
id = "acme"
name = "Acme"
joined = 2018-04-17

[[signatories]]
id = "symantec"
name = "NortonLifeLock"
joined = 2018-04-17
aliases = ["Symantec"]

[[signatories.events]]
date = 2019-11-04
event = "rename"
from = "Symantec"
to = "NortonLifeLock"

[[signatories.events]]
date = 2020-01-31
event = "leave"
reason = "acquired"

[[signatories]]
id = "gamma"
name = "Gamma"
joined = 2019-05-01
"""
)


@pytest.fixture
def history(tmp_path: Path) -> Path:
    return write_ledger(tmp_path / "accord.toml", HISTORY)


def test_list_as_of_and_all(run, history: Path) -> None:
    assert [r["name"] for r in json.loads(run("list", "-f", "json").stdout)] == ["Acme", "Gamma"]
    then = json.loads(run("list", "--as-of", "2019-06-30", "-f", "json").stdout)
    assert [r["name"] for r in then] == ["Acme", "Gamma", "Symantec"]  # the name it had then
    everyone = run("list", "--all")
    assert everyone.stdout.splitlines()[0].split() == ["Name", "Joined", "Left", "Sector", "Country"]
    assert "NortonLifeLock  2018-04-17  2020-01-31" in everyone.stdout
    assert everyone.stderr == "3 members and former members\n"
    former = json.loads(run("list", "--all", "-f", "json").stdout)
    assert [(r["name"], r["left"]) for r in former] == [
        ("Acme", None),
        ("Gamma", None),
        ("NortonLifeLock", "2020-01-31"),
    ]
    assert [r["name"] for r in json.loads(run("list", "--as-of", "2018", "-f", "json").stdout)] == ["Acme", "Symantec"]


def test_pledges_as_of(run, history: Path) -> None:
    counts = json.loads(run("pledges", "--as-of", "2019-Q4", "-f", "json").stdout)
    assert [p["signatories"] for p in counts] == [3, 3]


def test_leave_rejoin_rename_write_history(run, history: Path) -> None:
    result = run("leave", "acme", "--date", "2021-03-01", "--reason", "closed")
    assert (result.exit_code, result.stdout) == (0, "Recorded in accord.toml: Acme left on 2021-03-01 (closed).\n")
    result = run("rejoin", "Symantec", "--date", "2021-04-01", "-f", "json")
    assert json.loads(result.stdout) == {
        "date": "2021-04-01",
        "event": "rejoin",
        "id": "symantec",
        "name": "NortonLifeLock",
        "reason": None,
        "from": None,
        "to": None,
        "source": None,
        "note": None,
    }
    result = run("rename", "NortonLifeLock", "Gen Digital", "--date", "2022-11-08")
    assert result.stdout == "Recorded in accord.toml: NortonLifeLock was renamed Gen Digital on 2022-11-08.\n"
    text = history.read_text(encoding="utf-8")
    assert ('[[signatories.events]]\ndate = 2021-03-01\nevent = "leave"\nreason = "closed"\n') in text
    assert (
        '[[signatories.events]]\ndate = 2022-11-08\nevent = "rename"\nfrom = "NortonLifeLock"\nto = "Gen Digital"\n'
    ) in text
    assert 'aliases = ["Symantec"]' in text  # a former name is its own through the history, not as an alias
    assert run("check").exit_code == 0
    shown = json.loads(run("show", "symantec", "-f", "json").stdout)
    assert [n["name"] for n in shown["names"]] == ["Symantec", "NortonLifeLock", "Gen Digital"]
    assert shown["memberships"] == [
        {"joined": "2018-04-17", "left": "2020-01-31", "reason": "acquired"},
        {"joined": "2021-04-01", "left": None, "reason": None},
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["leave", "NortonLifeLock", "--date", "2021-01-01"],
            "Error: NortonLifeLock (id symantec), event 3: leaves on 2021-01-01 but was not a member then",
        ),
        (["rejoin", "Acme"], "Error: Acme (id acme), event 1: rejoins on 20"),
        (["rename", "Acme", "gamma"], "Error: gamma (id acme): 'gamma' is also a name of Gamma (id gamma)"),
        (["leave", "Acm"], "Error: no signatory is called 'Acm'; did you mean 'Acme'?"),
        (
            ["leave", "Acme", "--date", "2017-01-01"],
            "Error: Acme (id acme), event 1: leave on 2017-01-01 is before it joined (2018-04-17)",
        ),
        (["leave", "Acme", "--date", "2021-02-30"], "'2021-02-30' is not a real calendar date"),
    ],
)
def test_refused_history_changes_leave_the_ledger_unchanged(run, history: Path, args: list[str], message: str) -> None:
    before = history.read_bytes()
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert history.read_bytes() == before


def test_diff_between_periods(run, history: Path) -> None:
    result = run("diff", "2018", "2020")
    assert result.stdout == "+  Gamma\n-  Symantec\n~  Symantec -> NortonLifeLock  (renamed 2019-11-04)\n"
    assert result.stderr == "1 joined, 1 left, 0 rejoined, 1 renamed between 2018-12-31 and 2020-12-31\n"
    assert json.loads(run("diff", "2018", "2020", "-f", "json").stdout) == {
        "from": "2018-12-31",
        "to": "2020-12-31",
        "joined": ["Gamma"],
        "left": ["Symantec"],
        "rejoined": [],
        "renamed": [{"from": "Symantec", "to": "NortonLifeLock", "date": "2019-11-04"}],
        "possibly_joined": [],
        "possibly_left": [],
    }
    coloured = run("--color", "always", "diff", "2018-04-17", "2019-Q2").stdout
    assert "\x1b[32m + " in coloured and "Gamma" in coloured and "0 left" in coloured


def test_diff_refuses_bad_ranges(run, history: Path) -> None:
    result = run("diff", "2020", "2019")
    assert result.exit_code == 2 and "2019-12-31 is before FROM (2020-12-31)" in result.stderr
    result = run("diff", "last year")
    assert result.exit_code == 2 and "'last year' is not a date or period" in result.stderr


def test_log_lists_every_event_in_order(run, history: Path) -> None:
    records = json.loads(run("log", "-f", "json").stdout)
    assert [(r["date"], r["event"], r["name"]) for r in records] == [
        ("2018-04-17", "join", "Acme"),
        ("2018-04-17", "join", "Symantec"),
        ("2019-05-01", "join", "Gamma"),
        ("2019-11-04", "rename", "NortonLifeLock"),
        ("2020-01-31", "leave", "NortonLifeLock"),
    ]
    assert list(records[0]) == ["date", "event", "id", "name", "reason", "from", "to", "source", "note"]
    assert records[4]["reason"] == "acquired"
    lines = run("log", "--since", "2019-Q4", "--until", "2020").stdout.splitlines()
    assert lines[1:] == [
        "2019-11-04  rename  NortonLifeLock  Symantec -> NortonLifeLock",
        "2020-01-31  leave   NortonLifeLock  acquired",
    ]
    assert run("log", "--since", "2021", "--until", "2020").exit_code == 2


def test_timeline_counts_and_chart(run, history: Path) -> None:
    rows = json.loads(run("timeline", "-f", "json").stdout)
    assert rows[:3] == [
        {"period": "2018", "joined": 2, "left": 0, "total": 2, "possibly": 0},
        {"period": "2019", "joined": 1, "left": 0, "total": 3, "possibly": 0},
        {"period": "2020", "joined": 0, "left": 1, "total": 2, "possibly": 0},
    ]
    assert run("timeline", "--by", "quarter", "-f", "csv").stdout.splitlines()[:2] == [
        "period,joined,left,total,possibly",
        "2018-Q2,2,0,2,0",
    ]
    chart = run("--color", "always", "timeline").stdout
    assert "█" in chart
    assert "█" not in run("timeline").stdout  # no bars in piped output


def test_show_in_full(run, history: Path) -> None:
    lines = run("show", "norton").stdout
    result = run("show", "SYMANTEC")
    assert result.exit_code == 0
    assert "Status       former member (left 2020-01-31)" in result.stdout
    assert "Names        Symantec (2018-04-17 to 2019-11-04); NortonLifeLock (2019-11-04 to now)" in result.stdout
    assert "Memberships  2018-04-17 to 2020-01-31 (acquired)" in result.stdout
    assert "no signatory is called 'norton'" in run("show", "norton").stderr and lines == ""


def test_check_finds_history_problems(run, tmp_path: Path) -> None:
    write_ledger(
        tmp_path / "accord.toml",
        MINIMAL
        + """
[[signatories]]
name = "Acme"
joined = 2019-01-01

[[signatories.events]]
date = 2018-12-01
event = "leave"

[[signatories.events]]
date = 2019-02-01
event = "leave"

[[signatories.events]]
date = 2019-03-01
event = "rename"
from = "Acme"
to = "Beta"

[[signatories]]
name = "Beta"
joined = 2019-01-01

[[signatories.events]]
date = 2019-01-02
event = "rejoin"

[[signatories.events]]
date = 2019-01-03
event = "explode"
""",
    )
    result = run("check", "-f", "json")
    assert result.exit_code == 1
    # Beta cannot be read, and is left aside; Acme's history is checked all the same.
    assert [p["message"] for p in json.loads(result.stdout)] == [
        "leave on 2018-12-01 is before it joined (2019-01-01)",
        "leaves on 2019-02-01 but was not a member then",
        "the last rename is to 'Beta' but the name is 'Acme'",
        "'event' must be one of leave, rejoin, rename, not the string \"explode\"",
    ]
    text = (tmp_path / "accord.toml").read_text(encoding="utf-8").replace('event = "explode"', 'event = "leave"')
    write_ledger(tmp_path / "accord.toml", text)
    messages = [p["message"] for p in json.loads(run("check", "-f", "json").stdout)]
    assert messages == [
        "leave on 2018-12-01 is before it joined (2019-01-01)",
        "leaves on 2019-02-01 but was not a member then",
        "the last rename is to 'Beta' but the name is 'Acme'",
        "rejoins on 2019-01-02 but was already a member (overlapping memberships)",
        "'Beta' is also a name of Acme (id acme)",  # Acme's rename made it its own
    ]


# -- sources on events, and corrections to history ------------------------------------------------


def test_events_carry_a_source_and_a_note_into_log_and_show(run, history: Path) -> None:
    assert (
        run(
            "leave", "Acme", "--date", "2021-03-01", "--source", "https://example.org/acme", "--note", "press release"
        ).exit_code
        == 0
    )
    last = json.loads(run("log", "-f", "json").stdout)[-1]
    assert (last["event"], last["source"], last["note"]) == ("leave", "https://example.org/acme", "press release")
    assert (
        "Event 1      2021-03-01 leave (press release); source https://example.org/acme" in run("show", "acme").stdout
    )
    assert 'source = "https://example.org/acme"\nnote = "press release"' in history.read_text(encoding="utf-8")


def test_events_are_numbered_and_can_be_amended(run, history: Path) -> None:
    listed = run("events", "Symantec")
    assert listed.stdout == (
        "No.  Date        Event   Detail                      Source\n"
        "  1  2019-11-04  rename  Symantec -> NortonLifeLock\n"
        "  2  2020-01-31  leave   acquired\n"
    )
    assert listed.stderr == "2 events of NortonLifeLock since it joined on 2018-04-17\n"
    assert [e["number"] for e in json.loads(run("events", "symantec", "-f", "json").stdout)] == [1, 2]
    result = run("amend", "Symantec", "2", "--date", "2020-02-03", "--source", "https://example.org/s")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "Field   Before      After\ndate    2020-01-31  2020-02-03\nsource              https://example.org/s\n"
    )
    assert result.stderr == (
        "Corrected event 2 of NortonLifeLock in accord.toml: NortonLifeLock left on 2020-02-03 (acquired).\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["amend", "Symantec", "2", "--date", "2019-01-01"],
            "Error: NortonLifeLock (id symantec), event 2: leave on 2019-01-01 comes after a change dated 2019-11-04; "
            "events must be in date order\n",
        ),
        (
            ["amend", "Symantec", "1", "--date", "2017-01-01"],
            "Error: NortonLifeLock (id symantec), event 1: rename on 2017-01-01 is before it joined (2018-04-17)\n",
        ),
        (
            ["amend", "Symantec", "3", "--date", "2020-01-01"],
            "Error: NortonLifeLock has no event 3 (it has events 1 to 2; see `accord events`)\n",
        ),
        (
            ["amend", "Symantec", "1", "--reason", "why"],
            "Error: event 1 of NortonLifeLock is a rename; only a leave has a reason\n",
        ),
        (
            ["drop-event", "Symantec", "4", "--yes"],
            "Error: NortonLifeLock has no event 4 (it has events 1 to 2; see `accord events`)\n",
        ),
    ],
)
def test_impossible_corrections_are_refused_naming_the_conflict(run, history: Path, args, message) -> None:
    before = history.read_bytes()
    result = run(*args)
    assert (result.exit_code, result.stderr) == (2, message)
    assert history.read_bytes() == before


def test_dropping_a_leave_before_a_rejoin_is_refused(run, history: Path) -> None:
    assert run("rejoin", "Symantec", "--date", "2021-06-01").exit_code == 0
    before = history.read_bytes()
    result = run("drop-event", "Symantec", "2", "--yes")
    assert (result.exit_code, result.stderr) == (
        2,
        "Error: NortonLifeLock (id symantec), event 2: rejoins on 2021-06-01 but was already a member (overlapping "
        "memberships)\n",
    )
    assert history.read_bytes() == before


def test_drop_event_shows_it_asks_and_drops_it(run, history: Path) -> None:
    before = history.read_bytes()
    refused = run("drop-event", "Symantec", "2", input="n\n")
    assert refused.exit_code == 2 and history.read_bytes() == before
    assert refused.stderr.startswith("Event 2 of NortonLifeLock: NortonLifeLock left on 2020-01-31 (acquired).\n")
    done = run("drop-event", "Symantec", "2", "--yes")
    assert (done.exit_code, done.stdout) == (0, "Dropped event 2 of NortonLifeLock from accord.toml.\n")
    assert run("drop-event", "Symantec", "1", "--yes").exit_code == 0  # the last rename: the old name returns
    assert json.loads(run("show", "symantec", "-f", "json").stdout)["name"] == "Symantec"
