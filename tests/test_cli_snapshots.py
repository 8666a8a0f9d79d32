"""accord sync through the command line: the preview, the write, the JSON plan, and what it refuses."""

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO

PAGES = REPO / "tests" / "data" / "snapshots"
FIRST = "web.archive.org_web_20190415093000_harbour-accord.example_signatories.html"
SECOND = "harbour-2020.html"
THIRD = "web.archive.org_web_20210630120000_harbour-accord.example_signatories.html"
ARCHIVED = "https://web.archive.org/web/{}/https://harbour-accord.example/signatories/"


@pytest.fixture
def harbour(run, tmp_path: Path) -> Path:
    """An empty ledger of the Open Harbour Accord, and its three saved pages beside it."""
    for page in (FIRST, SECOND, THIRD):
        shutil.copyfile(PAGES / page, tmp_path / page)
    assert run("init", "--empty", "--name", "Open Harbour Accord", "--launched", "2019-01-15").exit_code == 0
    return tmp_path / "accord.toml"


def test_the_first_page_previews_its_names_and_records_joins_since_the_launch(run, harbour: Path) -> None:
    result = run("sync", FIRST, input="y\n")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[1].split(None, 3)[:3] == ["snapshot", "2019-04-15", f"{FIRST}:"]
    assert "6 <div> elements (section > div > div.logo)" in lines[1]
    assert lines[2].split(None, 1) == [
        "names",
        "Brightwater Labs, Ferncastle Security, Halvorsen Data, Larkspur Networks, Mirelle Cloud, Quillon Systems",
    ]
    assert lines[3].split() == ["add", "Brightwater", "Labs", "2019-01-15/2019-04-15"]
    assert lines[-1] == "Synced into accord.toml."
    text = harbour.read_text(encoding="utf-8")
    assert (
        'name = "Brightwater Labs"\njoined = "2019-01-15/2019-04-15"\nsource = "'
        + ARCHIVED.format("20190415093000")
        + '"'
    ) in text
    assert text.endswith(
        '[[snapshots]]\ndate = 2019-04-15\ncount = 6\ndigest = "sha256:'
        + text.rsplit('digest = "sha256:', 1)[1].split('"')[0]
        + '"\nsource = "'
        + ARCHIVED.format("20190415093000")
        + '"\n'
    )


def test_three_pages_give_a_dated_history(run, harbour: Path) -> None:
    assert run("sync", FIRST, "--yes").exit_code == 0
    assert run("sync", SECOND, "--seen", "2020-02-03", "--yes").exit_code == 0
    third = run("sync", THIRD, "--rename", "Halvorsen Data=Halvorsen Digital", "--yes", "-f", "json")
    assert third.exit_code == 0, third.stderr
    plan = json.loads(third.stdout)["snapshots"][0]
    during = "2020-02-03/2021-06-30"
    assert (plan["date"], plan["since"], plan["source"]) == (
        "2021-06-30",
        "2020-02-03",
        ARCHIVED.format("20210630120000"),
    )
    assert plan["joins"] == [{"name": "Saltmarsh Digital", "date": during}]
    assert plan["rejoins"] == [{"name": "Larkspur Networks", "id": "larkspur-networks", "date": during}]
    assert plan["leaves"] == [{"name": "Oakridge Software", "id": "oakridge-software", "date": during}]
    assert plan["renames"] == [
        {"from": "Halvorsen Data", "to": "Halvorsen Digital", "id": "halvorsen-data", "date": during}
    ]
    assert plan["reported_total"] == {"date": "2021-06-30", "count": 8, "qualifier": "exact"}
    log = run("log", "-f", "json")
    assert [(r["date"], r["event"], r["name"]) for r in json.loads(log.stdout)][-7:] == [
        ("2019-04-15/2020-02-03", "leave", "Larkspur Networks"),
        ("2019-04-15/2020-02-03", "join", "Northgate Analytics"),
        ("2019-04-15/2020-02-03", "join", "Oakridge Software"),
        (during, "rename", "Halvorsen Digital"),
        (during, "rejoin", "Larkspur Networks"),
        (during, "leave", "Oakridge Software"),
        (during, "join", "Saltmarsh Digital"),
    ]
    members = json.loads(run("list", "--as-of", "2020-03-01", "-f", "json").stdout)
    # Larkspur Networks may have come back, Oakridge Software left and Saltmarsh Digital joined by then: the
    # 2021 page says no more.
    assert [(m["name"], m["certain"]) for m in members] == [
        ("Brightwater Labs", True),
        ("Ferncastle Security", True),
        ("Halvorsen Data", True),
        ("Larkspur Networks", False),
        ("Mirelle Cloud", True),
        ("Northgate Analytics", True),
        ("Oakridge Software", False),
        ("Quillon Systems", True),
        ("Saltmarsh Digital", False),
    ]
    again = run("sync", FIRST, SECOND, THIRD)
    assert again.exit_code == 2 and "--seen" in again.stderr  # the 2020 page has no date of its own
    before = harbour.read_bytes()
    same = run("sync", THIRD, "--rename", "Halvorsen Data=Halvorsen Digital")
    assert (same.exit_code, same.stdout.splitlines()[-1]) == (0, "Nothing to sync: accord.toml has it all.")
    assert harbour.read_bytes() == before


def test_an_older_page_is_refused_naming_both_dates(run, harbour: Path) -> None:
    assert run("sync", THIRD, "--yes").exit_code == 0
    result = run("sync", FIRST, "--yes")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"Error: {FIRST}: seen on 2019-04-15, before the last snapshot synced, of 2021-06-30; "
        "sync snapshots oldest first\n"
    )


def test_a_half_empty_page_is_refused_unless_partial(run, harbour: Path, tmp_path: Path) -> None:
    assert run("sync", THIRD, "--yes").exit_code == 0
    (tmp_path / "broken.html").write_text(
        "<ul><li>Brightwater Labs</li><li>Mirelle Cloud</li><li>Quillon Systems</li></ul>", encoding="utf-8"
    )
    dated = ["--seen", "2022-01-10", "--source", "https://harbour-accord.example/signatories/"]
    refused = run("sync", "broken.html", *dated, "--yes")
    assert refused.exit_code == 2
    assert "names 3 of the 8 members the ledger has on 2022-01-10, fewer than half" in refused.stderr
    partial = run("sync", "broken.html", *dated, "--partial", "--yes", "-f", "json")
    assert partial.exit_code == 0, partial.stderr
    plan = json.loads(partial.stdout)["snapshots"][0]
    assert (plan["leaves"], plan["partial"], plan["reported_total"]["qualifier"]) == ([], True, "at-least")


def test_text_and_csv_copies_with_their_date_and_source(run, harbour: Path, tmp_path: Path) -> None:
    (tmp_path / "2019.txt").write_text("• Brightwater Labs\n• Quillon Systems\n", encoding="utf-8")
    (tmp_path / "2020.csv").write_text(
        "name;country\nBrightwater Labs;NZ\nQuillon Systems;DE\nSaltmarsh Digital;NL\n", encoding="utf-8"
    )
    no_source = run("sync", "2019.txt", "--seen", "2019-05-01")
    assert no_source.stderr == (
        "Error: 2019.txt: no source: the file does not say where it was saved from; pass "
        "--source URL, where it can be checked\n"
    )
    source = ["--source", "https://harbour-accord.example/list.txt"]
    assert run("sync", "2019.txt", "--seen", "2019-05-01", *source, "--yes").exit_code == 0
    result = run("sync", "2020.csv", "--seen", "2020-05-01", *source, "--yes", "-f", "json")
    plan = json.loads(result.stdout)["snapshots"][0]
    assert (plan["taken"], plan["joins"]) == (
        "3 rows of the file",
        [{"name": "Saltmarsh Digital", "date": "2019-05-01/2020-05-01"}],
    )
    saltmarsh = json.loads(run("show", "Saltmarsh Digital", "-f", "json").stdout)
    assert (saltmarsh["country"], saltmarsh["source"]) == ("NL", "https://harbour-accord.example/list.txt")


def test_select_names_the_elements(run, harbour: Path) -> None:
    result = run("sync", FIRST, "--select", "section.featured img", "--partial", "--dry-run", "-f", "json")
    plan = json.loads(result.stdout)["snapshots"][0]
    assert (plan["taken"], plan["names"]) == (
        "2 elements matching 'section.featured img'",
        ["Brightwater Labs", "Quillon Systems"],
    )
    assert json.loads(result.stdout)["written"] is False


def test_one_date_and_source_for_several_copies_is_refused(run, harbour: Path) -> None:
    result = run("sync", FIRST, THIRD, "--seen", "2020-01-01")
    assert result.exit_code == 2 and "--seen and --source describe one copy" in result.stderr
    bad = run("sync", FIRST, "--rename", "Halvorsen Data")
    assert bad.exit_code == 2 and "is not OLD=NEW" in bad.stderr


def test_a_page_whose_list_holds_more_than_names_records_no_leave_unasked(run, harbour: Path, tmp_path: Path) -> None:
    assert run("sync", THIRD, "--yes").exit_code == 0
    names = [
        "Brightwater Labs",
        "Ferncastle Security",
        "Halvorsen Digital",
        "Larkspur Networks",
        "Mirelle Cloud",
        "Northgate Analytics",
        "Quillon Systems",
    ]
    (tmp_path / "badged.html").write_text(
        "<ul>"
        + "".join(f"<li>{n}</li>" for n in names)
        + '<li>Saltmarsh Digital <span class="badge">New</span></li></ul>',
        encoding="utf-8",
    )
    dated = ["--seen", "2022-01-10", "--source", "https://harbour-accord.example/signatories/"]
    refused = run("sync", "badged.html", *dated, "--yes")
    assert refused.exit_code == 2
    assert refused.stderr.startswith(
        "Error: badged.html: 1 element of its list holds more than a name "
        "('Saltmarsh Digital New'), so a member among them would be recorded as left"
    )
    partial = run("sync", "badged.html", *dated, "--partial", "--yes", "-f", "json")
    assert partial.exit_code == 0, partial.stderr
    assert json.loads(partial.stdout)["snapshots"][0]["leaves"] == []


def test_a_possible_rename_left_unsaid_is_recorded_by_syncing_its_copy_again(run, harbour: Path) -> None:
    assert run("sync", FIRST, "--yes").exit_code == 0
    assert run("sync", SECOND, "--seen", "2020-02-03", "--yes").exit_code == 0
    assert run("sync", THIRD, "--yes").exit_code == 0  # Halvorsen Digital shown as a possible rename, not recorded
    again = run("sync", THIRD, "--rename", "Halvorsen Data=Halvorsen Digital", "--yes")
    assert again.exit_code == 0, again.stderr
    assert "2021-06-30: synced already; 1 rename it showed recorded now" in again.stderr
    log = run("log").stdout
    assert "2020-02-03/2021-06-30  rename  Halvorsen Digital    Halvorsen Data -> Halvorsen Digital" in log
    assert run("sync", THIRD, "--yes").stdout.endswith("Nothing to sync: accord.toml has it all.\n")


def test_a_copy_seen_before_the_launch_says_so(run, harbour: Path) -> None:
    result = run("sync", SECOND, "--seen", "2019-01-01", "--yes")
    assert (result.exit_code, result.stderr) == (
        2,
        "Error: harbour-2020.html: seen on 2019-01-01, before the accord "
        "launched (2019-01-15): it cannot name its members\n",
    )
