"""Dates as precise as their source and the totals sources report, through the CLI."""

import json
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, write_ledger

VAGUE = (
    MINIMAL
    + """
[[signatories]]
id = "acme"
name = "Acme"
joined = 2018-04-17

[[signatories]]
id = "panda"
name = "Panda Security"
joined = "2018-09"
country = "ES"

[[signatories]]
id = "hitachi"
name = "Hitachi"
joined = "../2021-05-05"
"""
)


@pytest.fixture
def vague(tmp_path: Path) -> Path:
    return write_ledger(tmp_path / "accord.toml", VAGUE)


def test_a_date_is_recorded_as_precisely_as_it_is_given(run, vague: Path) -> None:
    added = run("add", "Carbon Black", "--date", "2018-04-18/2018-04-30", "--country", "US")
    assert (added.exit_code, added.stdout) == (
        0,
        "Added Carbon Black (id carbon-black), joined 2018-04-18/2018-04-30, to accord.toml.\n",
    )
    assert 'joined = "2018-04-18/2018-04-30"\n' in vague.read_text()
    assert run("leave", "Panda Security", "--date", "2019", "--reason", "gone").exit_code == 0
    assert run("edit", "Acme", "--joined", "2018-04").exit_code == 0
    text = vague.read_text()
    assert 'joined = "2018-04"\n' in text and 'date = "2019"\n' in text
    assert run("events", "Panda Security").stderr == "1 event of Panda Security since it joined in 2018-09\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "X", "--date", "2018-09?"], "'2018-09?' is not a date accord reads: expected a day (2018-04-17)"),
        (["add", "X", "--date", "2030"], "joined 2030 is in the future"),
        (["add", "X", "--date", "2017"], "joined 2017 is before the accord launched (2018-04-17)"),
        (["add", "X", "--date", "2019/.."], "'2019/..' has no latest day"),
        (["edit", "Acme", "--joined", "../2018-03"], "joined ../2018-03 is before the accord launched"),
        (["leave", "Panda Security", "--date", "2018-08"], "leave in 2018-08 is before it joined (2018-09)"),
        (
            ["counts", "add", "--date", "2019", "--count", "5", "--qualifier", "roughly", "--source", "u"],
            "'roughly' is not one of 'exact', 'at-least', 'about'",
        ),
        (
            ["counts", "add", "--date", "2019", "--count", "-1", "--qualifier", "exact", "--source", "u"],
            "-1 is not in the range 0<=x<=1000000000",
        ),
        (
            ["counts", "add", "--date", "2019", "--count", "1", "--qualifier", "exact", "--source", "u"],
            "the source counts exactly 1 in 2019, but the ledger names 2 certain members then; if that is the record, "
            "pass --force",
        ),
        (["counts", "add", "--date", "2019", "--count", "5", "--qualifier", "exact"], "Missing option '--source'"),
    ],
)
def test_what_cannot_be_is_refused_in_one_line_and_the_ledger_kept(
    run, vague: Path, args: list[str], message: str
) -> None:
    before = vague.read_bytes()
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert vague.read_bytes() == before


def test_list_marks_the_possible_members_and_json_says_which_are_certain(run, vague: Path) -> None:
    result = run("list", "--as-of", "2018-09-15")
    assert result.stdout.splitlines() == [
        "   Name            Joined         Sector  Country",
        "   Acme            2018-04-17",
        "?  Hitachi         ../2021-05-05",
        "?  Panda Security  2018-09                ES",
    ]
    assert result.stderr == "1 signatory, 2 more possibly (marked ?)\n"
    records = json.loads(run("list", "--as-of", "2018-09-15", "-f", "json").stdout)
    assert [(r["name"], r["joined"], r["certain"]) for r in records] == [
        ("Acme", "2018-04-17", True),
        ("Hitachi", "../2021-05-05", False),
        ("Panda Security", "2018-09", False),
    ]
    assert run("list").stderr == "3 signatories\n"
    assert run("list", "--as-of", "2017").stdout.splitlines()[1:] == []  # before the launch, not even possibly


def test_missing_says_who_possibly_signed(run, vague: Path) -> None:
    result = run("missing", "-w", "Panda Security,Hitachi,Apple", "--as-of", "2018-09-15")
    assert result.stdout.splitlines()[1:] == [
        "Panda Security  possibly signed  possibly signed: joined 2018-09",
        "Hitachi         possibly signed  possibly signed: joined ../2021-05-05",
        "Apple           missing",
    ]
    assert result.stderr == "3 of 3 on the list given have not signed as of 2018-09-15, 2 of them possibly have\n"
    records = json.loads(run("missing", "-w", "Panda Security,Apple", "-f", "json", "--as-of", "2018-09-15").stdout)
    assert [(r["status"], r["certain"]) for r in records] == [("signed", False), ("missing", True)]
    assert run("missing", "-w", "Panda Security,Hitachi", "--exit-code").exit_code == 0  # certain by now


def test_diff_log_and_timeline_show_each_date_at_its_precision(run, vague: Path) -> None:
    diff = run("diff", "2018-04-17", "2018-09-15")
    assert diff.stdout == "+?  Panda Security  (possibly; joined 2018-09)\n"
    assert diff.stderr == (
        "0 joined, 0 left, 0 rejoined, 0 renamed, 1 possibly joined between 2018-04-17 and 2018-09-15\n"
    )
    # In the one order of dates: by the day each became certain.
    assert [line.split()[0] for line in run("log").stdout.splitlines()[1:]] == [
        "2018-04-17",
        "2018-09",
        "../2021-05-05",
    ]
    rows = json.loads(run("timeline", "-f", "json").stdout)
    assert rows[:5] == [
        {"period": "2018", "joined": 2, "left": 0, "total": 2, "possibly": 1},
        {"period": "2019", "joined": 0, "left": 0, "total": 2, "possibly": 1},
        {"period": "2020", "joined": 0, "left": 0, "total": 2, "possibly": 1},
        {"period": "2021", "joined": 0, "left": 0, "total": 3, "possibly": 0},
        {"period": "by 2021-05-05", "joined": 1, "left": 0, "total": 3, "possibly": 0},
    ]
    assert run("add", "Yearly", "--date", "2019").exit_code == 0
    by_month = [line.split()[0:2] for line in run("timeline", "--by", "month").stdout.splitlines()]
    assert by_month.index(["2019-12", "0"]) + 1 == by_month.index(["2019", "1"])
    by_year = [line.split()[0:2] for line in run("timeline").stdout.splitlines()]
    assert ["2019", "1"] in by_year  # within one year: counted in it


def test_reported_totals_are_listed_beside_what_the_ledger_names(run, vague: Path) -> None:
    assert run("counts").stdout == "0 reported totals; record one with `accord counts add`\n"
    added = run(
        "counts",
        "add",
        "--date",
        "2018-09-11",
        "--count",
        "44",
        "--qualifier",
        "exact",
        "--source",
        "https://www.thegfce.com/news/news/2018/09/11/cyber-tech-accord",
    )
    assert added.stdout == (
        "Recorded in accord.toml, as total 1: 44 reported on 2018-09-11, of which the ledger names 1 "
        "(and 2 more possibly) (2%).\n"
    )
    assert (
        run(
            "counts",
            "add",
            "-d",
            "2022-12",
            "-n",
            "150",
            "-q",
            "at-least",
            "--source",
            "https://a.org",
            "--note",
            "150+",
        ).exit_code
        == 0
    )
    assert '[[counts]]\ndate = "2022-12"\ncount = 150\nqualifier = "at-least"\n' in vague.read_text()
    records = json.loads(run("counts", "-f", "json").stdout)
    assert [(r["date"], r["count"], r["qualifier"], r["named"], r["possibly"], r["share"]) for r in records] == [
        ("2018-09-11", 44, "exact", 1, 2, 0.0227),
        ("2022-12", 150, "at-least", 3, 0, 0.02),
    ]
    table = run("counts")
    assert table.stdout.splitlines()[2].split() == [
        "2",
        "2022-12",
        "at",
        "least",
        "150",
        "3",
        "at",
        "most",
        "2%",
        "https://a.org",
    ]
    assert (
        table.stderr == "2 reported totals; latest: the ledger names 3 of the at least 150 reported in 2022-12 "
        "(at most 2%)\n"
    )
    timeline = run("timeline")
    assert timeline.stderr.splitlines()[-1] == (
        "Reported: the ledger names 3 of the at least 150 reported in 2022-12 (at most 2%)"
    )
    assert (
        "| 2018-09-11 | 44 | 1 (+2 possibly) | 2% | [thegfce.com](https://www.thegfce.com/news/news/2018/09/11/"
        "cyber-tech-accord) |" in run("report", "-f", "markdown").stdout
    )


def test_check_finds_more_certain_members_than_an_exact_total_allows(run, vague: Path) -> None:
    before = vague.read_bytes()
    refused = run("counts", "add", "-d", "2021-06", "-n", "2", "-q", "exact", "--source", "https://a.org")
    assert (refused.exit_code, refused.stderr) == (
        2,
        (
            "Error: count of 2021-06: the source counts exactly 2 in 2021-06, but the ledger names 3 certain members "
            "then; if that is the record, pass --force to write it all the same\n"
        ),
    )
    assert vague.read_bytes() == before
    forced = run("counts", "add", "-d", "2021-06", "-n", "2", "-q", "exact", "--source", "https://a.org", "--force")
    assert forced.exit_code == 0 and forced.stderr.startswith("Warning: count of 2021-06: the source counts exactly")
    result = run("check", "-f", "json")
    assert result.exit_code == 1
    (problem,) = json.loads(result.stdout)
    assert (problem["field"], problem["message"]) == (
        "counts.0.count",
        "the source counts exactly 2 in 2021-06, but the ledger names 3 certain members then",
    )


def test_an_import_reads_dates_at_any_precision(run, vague: Path, tmp_path: Path) -> None:
    rows = tmp_path / "in.csv"
    rows.write_text("name,joined\nCarbon Black,2018-04-18/2018-04-30\nEarly Corp,../2019\n", encoding="utf-8")
    assert run("import", str(rows), "--yes").exit_code == 0
    text = vague.read_text()
    assert 'joined = "2018-04-18/2018-04-30"' in text and 'joined = "../2019"' in text
    rows.write_text("name,joined\nBad Corp,2019-9\n", encoding="utf-8")
    result = run("import", str(rows), "--yes")
    assert result.exit_code == 2 and "in.csv:2: '2019-9' is not a date accord reads" in result.stderr
