"""Every command gives the same answer to the same question: who was a member when, in what order they
joined, what a name refers to; and nothing accord writes is what `accord check` reports. Each finding of
the review that asked for this, as the command a person typed and the answer it now gets."""

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, REPO, write_ledger


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """A writable copy of the shipped ledger: the founders, Hitachi "on or before 2021-05-05", Facebook renamed
    Meta, and the totals sources report (exactly 34 at the launch)."""
    path = tmp_path / "accord.toml"
    shutil.copyfile(REPO / "accord.toml", path)
    return path


def _refused(run, path: Path, *args: str) -> str:
    """The one line a refused write says; the ledger byte for byte as it was."""
    before = path.read_bytes()
    result = run(*args)
    assert (result.exit_code, result.stdout, path.read_bytes()) == (2, "", before)
    assert result.stderr.count("\n") == 1
    return result.stderr


# -- one standing: no one before the launch --------------------------------------------------------


def test_no_view_reports_anyone_before_the_launch(run, shipped: Path) -> None:
    assert run("list", "--as-of", "2018-04-16", "-f", "json").stdout.strip() == "[]"
    missing = json.loads(run("missing", "-w", "Hitachi,", "--as-of", "2018-04-16", "-f", "json").stdout)
    assert [(r["name"], r["status"], r["certain"]) for r in missing] == [("Hitachi", "missing", True)]
    by_quarter = json.loads(run("timeline", "--by", "quarter", "-f", "json").stdout)
    assert by_quarter[0]["period"] == "2018-Q2"  # nothing, not even a possible member, in 2018-Q1
    assert run("log", "--until", "2018-04-16", "-f", "json").stdout.strip() == "[]"
    assert run("diff", "2018-01-01", "2018-04-16", "-f", "json").stdout.count('"joined": []') == 1


def test_a_year_only_date_is_bounded_by_the_launch(run, tmp_path: Path) -> None:
    write_ledger(tmp_path / "accord.toml", MINIMAL + '\n[[signatories]]\nname = "Yearly"\njoined = "2018"\n')
    diff = json.loads(run("diff", "2018-03", "2018-12", "-f", "json").stdout)
    # Certainly not a member on 2018-03-31 (before the launch), certainly one by 2018-12-31.
    assert (diff["joined"], diff["possibly_joined"]) == (["Yearly"], [])
    by_quarter = json.loads(run("timeline", "--by", "quarter", "-f", "json").stdout)
    assert [(r["period"], r["joined"], r["total"], r["possibly"]) for r in by_quarter[:4]] == [
        ("2018-Q2", 0, 0, 1),
        ("2018-Q3", 0, 0, 1),
        ("2018-Q4", 0, 1, 0),
        ("2018", 1, 1, 0),
    ]


def test_every_ordered_view_puts_vague_dates_in_the_one_order(run, shipped: Path) -> None:
    """By the day each became certain: Hitachi, on or before 2021-05-05, is the newest of the four."""
    by_joining = [r["name"] for r in json.loads(run("list", "--sort", "joined", "-f", "json").stdout)]
    assert by_joining[-3:] == ["Carbon Black", "Panda Security", "Hitachi"]
    joins = [r["name"] for r in json.loads(run("log", "-f", "json").stdout) if r["event"] == "join"]
    assert joins[-3:] == ["Carbon Black", "Panda Security", "Hitachi"]
    report = run("report", "-f", "markdown").stdout
    newest = report[report.index("## Newest members") :].splitlines()[4:7]
    assert [row.split("|")[1].strip() for row in newest] == ["Hitachi", "Panda Security", "Carbon Black"]


def test_a_change_within_one_period_is_counted_in_it(run, tmp_path: Path) -> None:
    write_ledger(tmp_path / "accord.toml", MINIMAL + '\n[[signatories]]\nname = "Spring"\njoined = "2019-03/2019-06"\n')
    by_year = json.loads(run("timeline", "-f", "json").stdout)
    assert [(r["period"], r["joined"], r["total"]) for r in by_year[:2]] == [("2019", 1, 1), ("2020", 0, 1)]
    by_quarter = [
        (r["period"], r["joined"], r["total"], r["possibly"])
        for r in json.loads(run("timeline", "--by", "quarter", "-f", "json").stdout)
    ]
    # Possible in the first quarter, certain by the end of the second, its own row right after it.
    assert by_quarter[:3] == [("2019-Q1", 0, 0, 1), ("2019-Q2", 0, 1, 0), ("2019-03/2019-06", 1, 1, 0)]


# -- one set of rules: a write never leaves what check reports -------------------------------------


def test_an_exact_total_the_names_contradict_is_refused_unless_forced(run, shipped: Path) -> None:
    assert _refused(
        run,
        shipped,
        "counts",
        "add",
        "--date",
        "2019",
        "--count",
        "5",
        "--qualifier",
        "exact",
        "--source",
        "https://example.org",
    ) == (
        "Error: count of 2019: the source counts exactly 5 in 2019, but the ledger names 36 certain members "
        "then; if that is the record, pass --force to write it all the same\n"
    )
    assert _refused(run, shipped, "add", "Launch Day Co", "--date", "../2018-04-17") == (
        "Error: count of 2018-04-17: the source counts exactly 34 on 2018-04-17, but the ledger names 35 certain "
        "members then; if that is the record, pass --force to write it all the same\n"
    )
    forced = run("add", "Launch Day Co", "--date", "../2018-04-17", "--force")
    assert forced.exit_code == 0 and forced.stderr.startswith("Warning: count of 2018-04-17: the source counts")
    assert run("check").exit_code == 1  # what --force let through, check still reports


def test_correcting_a_name_to_the_one_it_was_renamed_from_is_refused(run, shipped: Path) -> None:
    assert _refused(run, shipped, "edit", "Meta", "--name", "Facebook") == (
        "Error: Facebook (id facebook), event 1: renamed on 2021-10-28 from 'Facebook' to 'Facebook', the same name\n"
    )
    assert "already called" in _refused(run, shipped, "rename", "Meta", "meta", "--date", "2022-01-01")


def test_check_flags_a_rename_to_the_same_name(run, tmp_path: Path) -> None:
    write_ledger(
        tmp_path / "accord.toml",
        MINIMAL
        + """
[[signatories]]
name = "Acme"
joined = 2019-01-01

[[signatories.events]]
date = 2020-01-01
event = "rename"
from = "ACME"
to = "Acme"
""",
    )
    (problem,) = json.loads(run("check", "-f", "json").stdout)
    assert problem["message"] == "renamed on 2020-01-01 from 'ACME' to 'Acme', the same name"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["add", "Acme", "--date", "2999-01-01"], "joined 2999-01-01 is in the future"),
        (["add", "Acme", "--date", "2017"], "joined 2017 is before the accord launched (2018-04-17)"),
        (["add", "Acme", "--country", "XX"], "'XX' is not an ISO 3166 alpha-2 country code"),
        (["add", "Acme", "--pledge", "offense"], "unknown pledge 'offense'"),
        (["edit", "Avast", "--country", "XX"], "Avast (id avast): 'XX' is not an ISO 3166 alpha-2 country code"),
        (
            ["leave", "Avast", "--date", "2017-01-01"],
            "Avast (id avast), event 1: leave on 2017-01-01 is before it joined",
        ),
    ],
)
def test_writes_refuse_with_the_words_check_uses(run, ledger_path: Path, args: list[str], message: str) -> None:
    assert message in _refused(run, ledger_path, *args)


# -- one history of names ---------------------------------------------------------------------------


def test_a_former_name_stays_with_the_organisation(run, shipped: Path) -> None:
    # The shipped ledger keeps Facebook as an alias too: taking the alias off leaves the name Meta's own.
    assert run("edit", "Meta", "--remove-alias", "Facebook").exit_code == 0
    assert json.loads(run("show", "Meta", "-f", "json").stdout)["aliases"] == []
    assert _refused(run, shipped, "edit", "Meta", "--remove-alias", "Facebook").startswith(
        "Error: 'Facebook' is a former name of Meta (its name until 2021-10-28): history, not an alias"
    )
    missing = json.loads(run("missing", "-w", "bigtech", "--show-signed", "-f", "json").stdout)
    assert [r["status"] for r in missing if r["name"] == "Facebook"] == ["signed"]
    assert _refused(run, shipped, "add", "Facebook", "--date", "2022").startswith(
        "Error: 'Facebook' is already in the ledger (its name until 2021-10-28): Meta, id facebook"
    )


def test_a_former_name_from_the_history_alone_finds_the_organisation(run, tmp_path: Path) -> None:
    write_ledger(
        tmp_path / "accord.toml",
        MINIMAL
        + """
[[signatories]]
id = "gen"
name = "Gen Digital"
joined = 2018-04-17

[[signatories.events]]
date = 2022-11-08
event = "rename"
from = "NortonLifeLock"
to = "Gen Digital"
""",
    )
    assert json.loads(run("show", "NortonLifeLock", "-f", "json").stdout)["id"] == "gen"
    watched = json.loads(run("missing", "-w", "NortonLifeLock,", "--show-signed", "-f", "json").stdout)
    assert [(r["status"], r["id"]) for r in watched] == [("signed", "gen")]
    assert "its name until 2022-11-08" in run("add", "NortonLifeLock").stderr


# -- imports account for every row ------------------------------------------------------------------


def test_a_former_member_in_an_import_is_shown_as_such_and_rejoins_with_mirror(
    run, ledger_path: Path, tmp_path: Path
) -> None:
    assert run("leave", "Symantec", "--date", "2020-01-31").exit_code == 0
    (tmp_path / "list.txt").write_text("Symantec\nMicrosoft\n", encoding="utf-8")
    preview = json.loads(run("import", "list.txt", "--dry-run", "-f", "json").stdout)
    assert preview["former_members"] == [
        {"name": "Symantec", "signatory": "Symantec", "id": "symantec", "left": "2020-01-31", "rejoined": False}
    ]
    table = run("import", "list.txt", "--dry-run", "--date", "2026-01-01")
    assert (
        "former member  Symantec  2020-01-31  left 2020-01-31; to record its return: accord rejoin symantec "
        "--date 2026-01-01"
    ) in table.stdout
    mirrored = run("import", "list.txt", "--mirror", "--yes", "--date", "2026-01-01", "-f", "json")
    assert json.loads(mirrored.stdout)["former_members"][0]["rejoined"] is True
    events = json.loads(run("events", "Symantec", "-f", "json").stdout)
    assert [(e["event"], e["date"]) for e in events][-1] == ("rejoin", "2026-01-01")
    assert run("check").exit_code == 0


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("microsoft", "in.csv:2: id 'microsoft' is already taken by Microsoft"),
        ("Not A Slug", "in.csv:2: id 'Not A Slug' is not a slug like 'trend-micro'"),
    ],
)
def test_an_id_that_is_taken_or_no_slug_refuses_its_row(
    run, ledger_path: Path, tmp_path: Path, cell: str, message: str
) -> None:
    (tmp_path / "in.csv").write_text(f"name,id\nAcme,{cell}\n", encoding="utf-8")
    assert message in _refused(run, ledger_path, "import", "in.csv", "--yes")


def test_an_ignored_column_is_ignored_whatever_it_is(run, ledger_path: Path, tmp_path: Path) -> None:
    (tmp_path / "in.csv").write_text("name,sector,pledges,colour\nAcme,security,offense,red\n", encoding="utf-8")
    done = run(
        "import",
        "in.csv",
        "--yes",
        "--ignore-column",
        "sector",
        "--ignore-column",
        "pledges",
        "--ignore-column",
        "colour",
    )
    assert done.exit_code == 0, done.stderr
    shown = json.loads(run("show", "Acme", "-f", "json").stdout)
    assert (shown["sector"], len(shown["pledges"])) == (None, 4)


def test_footnote_marks_pasted_with_names_are_dropped(run, ledger_path: Path, tmp_path: Path) -> None:
    (tmp_path / "list.txt").write_text("Arm[1]\nCisco *\nNewco†\n", encoding="utf-8")
    preview = json.loads(run("import", "list.txt", "--dry-run", "-f", "json").stdout)
    assert preview["new"] == ["Newco"]
    assert [m["id"] for m in preview["already_present"]] == ["arm", "cisco"]
    assert json.loads(run("show", "Arm[2]", "-f", "json").stdout)["id"] == "arm"


@pytest.mark.parametrize("export", [["export", "-f", "csv", "-o", "out.csv"], ["list", "--all", "-f", "csv"]])
def test_accords_own_csv_imports_back_with_its_leave_dates(
    run, ledger_path: Path, tmp_path: Path, export: list[str]
) -> None:
    assert run("leave", "Symantec", "--date", "2020-01-31").exit_code == 0
    written = run(*export)
    if not (tmp_path / "out.csv").exists():
        (tmp_path / "out.csv").write_text(written.stdout, encoding="utf-8")
    assert run("init", "new.toml", "--empty", "--name", "Copy", "--launched", "2018-04-17").exit_code == 0
    for pledge in ("defense", "no-offense", "capacity-building", "collective-action"):
        assert run("-l", "new.toml", "pledge", "add", pledge, "--title", pledge).exit_code == 0
    imported = run("-l", "new.toml", "import", "out.csv", "--yes")
    assert imported.exit_code == 0, imported.stderr
    everyone = json.loads(run("-l", "new.toml", "list", "--all", "-f", "json").stdout)
    assert len(everyone) == 34 and [(r["name"], r["left"]) for r in everyone if r["left"]] == [
        ("Symantec", "2020-01-31")
    ]
    assert run("-l", "new.toml", "check").exit_code == 0


def test_another_accords_export_brings_its_pledges_and_totals_only_when_asked(run, ledger_path: Path) -> None:
    assert run("init", "paris.toml", "--empty", "--name", "Paris Call", "--launched", "2018-11-12").exit_code == 0
    for args in (
        ["pledge", "add", "p1", "--title", "One"],
        ["add", "Zeta Org", "--date", "2019-01-01"],
        ["counts", "add", "-d", "2019", "-n", "1000", "-q", "about", "--source", "https://example.org"],
        ["export", "-o", "paris.json"],
    ):
        assert run("-l", "paris.toml", *args).exit_code == 0
    plain = run("import", "paris.json", "--dry-run", "-f", "json")
    assert plain.stderr.splitlines()[0] == (
        "1 new, 0 already present, 0 possible matches (not imported), 1 pledge of another accord left out "
        "(--with-pledges), 1 reported total of another accord left out (--with-counts)"
    )
    outcome = json.loads(plain.stdout)
    assert (outcome["new_pledges"], outcome["counts"], outcome["left_out"]["pledges"]) == ([], [], ["p1"])
    asked = json.loads(run("import", "paris.json", "--yes", "--with-pledges", "--with-counts", "-f", "json").stdout)
    assert (asked["new_pledges"], len(asked["counts"])) == (["p1"], 1)


# -- every mistake removable ------------------------------------------------------------------------


def test_a_signatory_recorded_by_mistake_can_be_removed(run, ledger_path: Path) -> None:
    assert run("add", "Gogle", "--date", "2024-01-01").exit_code == 0
    asked = run("remove", "Gogle", input="n\n")
    assert asked.exit_code == 2 and "Gogle (id gogle): Gogle joined on 2024-01-01" in asked.stderr
    removed = run("remove", "Gogle", "--yes", "-f", "json")
    assert removed.exit_code == 0 and json.loads(removed.stdout)["id"] == "gogle"
    assert "gogle" not in ledger_path.read_text(encoding="utf-8")
    assert run("check").exit_code == 0


def test_removing_more_than_a_mistaken_line_needs_force(run, ledger_path: Path) -> None:
    assert run("leave", "Symantec", "--date", "2020-01-31").exit_code == 0
    assert _refused(run, ledger_path, "remove", "Symantec", "--yes") == (
        "Error: Symantec is more than a mistaken entry: its 1 event would go with it; pass --force to remove it all "
        "the same\n"
    )
    assert run("watchlist", "add", "watch", "Avast").exit_code == 0
    assert "watchlist 'watch' names it (Avast) and would show it as not signed" in _refused(
        run, ledger_path, "remove", "Avast", "--yes"
    )
    done = run("remove", "Symantec", "--force", "--yes")
    assert (done.exit_code, done.stdout) == (0, "Removed Symantec (id symantec), with its 1 event, from accord.toml.\n")
    assert run("remove", "Avast", "--force", "--yes").exit_code == 0
    assert json.loads(run("missing", "-w", "watch", "-f", "json").stdout)[0]["status"] == "missing"


def test_reported_totals_can_be_corrected_and_removed(run, shipped: Path) -> None:
    listed = json.loads(run("counts", "-f", "json").stdout)
    assert [(r["number"], r["count"]) for r in listed] == [(1, 34), (2, 44), (3, 150), (4, 150)]
    edited = run("counts", "edit", "2", "--count", "45", "--note", "corrected")
    assert edited.exit_code == 0 and edited.stdout.startswith(
        "Corrected in accord.toml: 44 reported on 2018-09-11 is now 45 reported on 2018-09-11"
    )
    assert "the source counts exactly 30" in _refused(run, shipped, "counts", "edit", "1", "--count", "30")
    assert (
        run("counts", "remove", "4", "--yes").stdout == "Removed from accord.toml: at least 150 reported in 2022-12.\n"
    )
    assert [r["count"] for r in json.loads(run("counts", "-f", "json").stdout)] == [34, 45, 150]
    assert "no reported total 9" in _refused(run, shipped, "counts", "remove", "9", "--yes")
    assert run("check").exit_code == 0


def test_an_event_found_later_is_recorded_in_date_order(run, ledger_path: Path) -> None:
    assert run("leave", "Symantec", "--date", "2022-01-31").exit_code == 0
    assert run("rename", "Symantec", "NortonLifeLock", "--date", "2019-06").exit_code == 0
    events = json.loads(run("events", "NortonLifeLock", "-f", "json").stdout)
    assert [(e["event"], e["date"]) for e in events] == [("rename", "2019-06"), ("leave", "2022-01-31")]
    assert "leaves on 2022-01-31 but was not a member then" in _refused(
        run, ledger_path, "leave", "NortonLifeLock", "--date", "2020-01-01"
    )
    assert run("check").exit_code == 0


# -- ids and totals ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "slug"),
    [("ソニー", "soni"), ("Лаборатория Касперского", "laboratoriya-kasperskogo"), ("三菱電機", "sanlingdianji")],
)
def test_a_name_without_latin_letters_gets_an_id_from_its_reading(run, ledger_path: Path, name: str, slug: str) -> None:
    added = run("add", name, "--date", "2024-01-01", "-f", "json")
    assert json.loads(added.stdout)["id"] == slug


def test_check_notes_a_numbered_id_and_passes(run, tmp_path: Path) -> None:
    write_ledger(
        tmp_path / "accord.toml",
        MINIMAL + '\n[[signatories]]\nid = "signatory-2"\nname = "ソニー"\njoined = 2019-01-01\n',
    )
    result = run("check", "-f", "json")
    (note,) = json.loads(result.stdout)
    assert result.exit_code == 0 and note["severity"] == "note"
    assert (
        note["message"]
        == "id 'signatory-2' was numbered for a name without Latin letters; it stays, as ids never change"
    )


def test_counts_are_bounded_and_the_chart_copes_with_any(run, ledger_path: Path) -> None:
    refused = run("counts", "add", "-d", "2022", "-n", "15000000000", "-q", "at-least", "--source", "u")
    assert refused.exit_code == 2 and "15000000000 is not in the range 0<=x<=1000000000" in refused.stderr
    assert run("counts", "add", "-d", "2022", "-n", "1000000000", "-q", "at-least", "--source", "u").exit_code == 0
    report = run("report", "-o", "r.svg")
    assert report.exit_code == 0 and ">≥1,000,000,000 reported 2022</text>" in (ledger_path.parent / "r.svg").read_text(
        encoding="utf-8"
    )  # above the members' scale, pinned to the top edge
    text = ledger_path.read_text(encoding="utf-8").replace("count = 1000000000", "count = 15000000000")
    ledger_path.write_text(text, encoding="utf-8")
    assert "'count' must be a whole number from 0 to 1,000,000,000" in run("check").stdout


def test_today_is_what_the_rules_call_the_future(run, ledger_path: Path) -> None:
    today = date.today().isoformat()
    assert f"(today is {today})" in _refused(run, ledger_path, "add", "Acme", "--date", "2999")


def test_one_signatorys_changes_keep_the_order_its_history_records(run, ledger_path: Path) -> None:
    """Dates that overlap are placed where the history puts them: a join dated 2026-12/2027-02 followed by a
    leave on 2026-12-02 joined by then; a rename amended to 2019/2020 still came before the one of 2020-01."""
    assert run("add", "Fut", "--date", "2026-12/2027-02").exit_code == 0
    assert run("leave", "Fut", "--date", "2026-12-02").exit_code == 0
    assert [r["event"] for r in json.loads(run("log", "--since", "2026-11", "-f", "json").stdout)] == ["join", "leave"]
    assert [r["left"] for r in json.loads(run("list", "--all", "-f", "json").stdout) if r["name"] == "Fut"] == [
        "2026-12-02"
    ]
    for args in (
        ["rename", "Tenable", "Tenable B", "--date", "2019-06"],
        ["rename", "Tenable", "Tenable C", "--date", "2020-01"],
        ["amend", "Tenable", "1", "--date", "2019/2020"],
    ):
        assert run(*args).exit_code == 0
    renames = [(r["from"], r["to"]) for r in json.loads(run("log", "-f", "json").stdout) if r["event"] == "rename"]
    assert renames == [("Tenable", "Tenable B"), ("Tenable B", "Tenable C")]
    assert run("rename", "Tenable", "Tenable D", "--date", "2020-06").exit_code == 0  # after both
    assert run("leave", "Nokia", "--date", "2022").exit_code == 0
    assert run("rejoin", "Nokia", "--date", "2022-06").exit_code == 0  # within the year it left
    assert run("check").exit_code == 0


def test_an_id_names_its_signatory_before_any_name_does(run, ledger_path: Path) -> None:
    assert run("add", "ソニー", "--date", "2024-01-01").exit_code == 0  # id soni
    assert run("add", "Soni", "--date", "2024-01-01").exit_code == 0  # id soni-2
    assert json.loads(run("show", "soni", "-f", "json").stdout)["name"] == "ソニー"
    assert json.loads(run("show", "Soni", "-f", "json").stdout)["name"] == "Soni"
    assert run("edit", "Cisco", "--name", "Cisco Systems").exit_code == 0
    assert json.loads(run("show", "CISCO", "-f", "json").stdout)["id"] == "cisco"  # the id, typed as a name


def test_what_a_removal_shows_is_one_line_each(run, ledger_path: Path) -> None:
    assert run("leave", "Symantec", "--date", "2020-01-31").exit_code == 0
    assert run("watchlist", "add", "watch", "Symantec").exit_code == 0
    shown = run("remove", "Symantec", "--force", input="n\n").stderr.splitlines()
    assert shown[:2] == [
        "Symantec (id symantec): Symantec joined on 2018-04-17; Symantec left on 2020-01-31",
        "Watchlist 'watch' names it (Symantec) and keeps the entry: it will show as not signed.",
    ]


def test_an_import_row_that_left_says_so_and_is_held_to_the_rules_at_its_line(
    run, ledger_path: Path, tmp_path: Path
) -> None:
    (tmp_path / "in.csv").write_text(
        "name,joined,left\nGamma,2019-01-01,2020-06-01\nDelta,2019-01-01,2018-06-01\n", encoding="utf-8"
    )
    assert "in.csv:3: leave on 2018-06-01 is before it joined (2019-01-01)" in _refused(
        run, ledger_path, "import", "in.csv", "--yes"
    )
    (tmp_path / "in.csv").write_text("name,joined,left\nGamma,2019-01-01,2020-06-01\n", encoding="utf-8")
    assert "add     Gamma  2019-01-01  left 2020-06-01" in run("import", "in.csv", "--dry-run").stdout


def test_a_total_keeps_its_source_and_says_its_number(run, shipped: Path) -> None:
    added = run("counts", "add", "-d", "2023", "-n", "160", "-q", "about", "--source", "https://example.org")
    assert added.stdout.startswith("Recorded in accord.toml, as total 5: about 160 reported in 2023")
    assert "a reported total keeps a source" in _refused(run, shipped, "counts", "edit", "5", "--source", "")
    moved = json.loads(run("counts", "edit", "5", "--date", "2018-05", "-f", "json").stdout)
    assert moved["number"] == 2  # numbered in date order, as `counts` lists them


def test_the_timeline_ends_with_a_period_not_a_date_to_come(run, ledger_path: Path) -> None:
    today = date.today()
    later = today.replace(year=today.year + 1)
    assert run("add", "Soon", "--date", f"{today.isoformat()}/{later.isoformat()}").exit_code == 0
    assert run("timeline").stderr.splitlines()[-1] == f"34 members at the end of {today.year}, 1 more possibly"


def test_two_names_of_one_signatory_are_one_watchlist_entry(run, shipped: Path) -> None:
    added = run("watchlist", "add", "bigtech", "Meta")
    assert (added.stdout, added.stderr) == (
        "Added 0 organisations to bigtech (now 6).\n",
        "Already on bigtech, so not added again: Meta.\n",
    )


def test_an_edited_name_near_another_is_warned_of(run, ledger_path: Path) -> None:
    edited = run("edit", "Cisco", "--name", "Trend Macro")
    assert edited.exit_code == 0
    assert edited.stderr.startswith("Warning: Trend Macro looks like Trend Micro (id trend-micro), by its spelling")


def test_a_name_of_punctuation_alone_gets_no_note_about_latin_letters(run, ledger_path: Path) -> None:
    assert run("add", "!!!", "--date", "2024-01-01").exit_code == 0
    assert run("check").exit_code == 0 and "note" not in run("check").stdout


def test_a_share_of_a_total_reads_as_a_share(run, ledger_path: Path) -> None:
    for args in (["-d", "2019", "-n", "5", "-q", "at-least"], ["-d", "2020", "-n", "1000000000", "-q", "about"]):
        assert run("counts", "add", *args, "--source", "https://example.org").exit_code == 0
    table = run("counts").stdout  # 34 named: of "at least 5", at most all; of about a billion, under 1%
    assert "at most 100%" in table and "about under 1%" in table


@pytest.mark.parametrize(
    ("first", "then"),
    [
        (["leave", "Acme", "--date", "2019-06-01"], ["rename", "Acme", "Beta", "--date", "2019"]),
        (["rename", "Acme", "Beta", "--date", "2019-06"], ["leave", "Acme", "--date", "2019"]),
        (["leave", "Acme", "--date", "2019-06-01"], ["rejoin", "Acme", "--date", "../2020-01-01"]),
    ],
)
def test_an_event_whose_date_its_history_narrows_is_recorded_and_said(
    run, tmp_path: Path, first: list[str], then: list[str]
) -> None:
    write_ledger(tmp_path / "accord.toml", MINIMAL + '\n[[signatories]]\nname = "Acme"\njoined = 2019-01-01\n')
    assert run(*first).exit_code == 0
    done = run(*then)
    assert (done.exit_code, done.stdout.startswith("Recorded in accord.toml: ")) == (0, True), done.stderr
    assert run("check").exit_code == 0


def test_a_long_inline_list_is_a_list_and_a_long_path_one_line(run, ledger_path: Path) -> None:
    names = ",".join(["ABB Group", "Arm Holdings plc", "Nokia Abp", "Siemens Aktiengesellschaft"] * 8)
    assert len(names) > 255
    watched = json.loads(run("missing", "-w", names, "--show-signed", "-f", "json").stdout)
    assert [r["status"] for r in watched] == ["signed", "signed", "signed", "missing"]
    result = run("export", "-o", "x" * 300 + ".json")
    assert result.exit_code == 2 and result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1


def test_a_founders_name_that_is_also_a_legal_form_is_a_name_in_an_inline_list(run) -> None:
    watched = json.loads(run("missing", "-w", "Apple,BT,Cisco", "--show-signed", "-f", "json").stdout)
    assert [(r["name"], r["status"]) for r in watched] == [("Apple", "missing"), ("BT", "signed"), ("Cisco", "signed")]


def test_dated_timeline_rows_follow_the_one_order(run, tmp_path: Path) -> None:
    write_ledger(
        tmp_path / "accord.toml",
        MINIMAL
        + """
[[signatories]]
name = "A"
joined = "../2019-12-31"

[[signatories]]
name = "B"
joined = "../2020-06-30"

[[signatories.events]]
date = 2019-06-30
event = "leave"
""",
    )
    periods = [r["period"] for r in json.loads(run("timeline", "-f", "json").stdout)]
    assert periods.index("by 2019-06-30") < periods.index("by 2019-12-31")


@pytest.mark.parametrize("command", [["export", "-f", "csv"], ["report", "-f", "markdown"]])
def test_no_output_is_written_over_the_ledger_however_its_path_is_written(
    run, ledger_path: Path, command: list[str]
) -> None:
    for written in ("nosuch/../accord.toml", "accord.toml"):
        assert "is the ledger itself" in _refused(run, ledger_path, *command, "-o", written)
    assert not (ledger_path.parent / "accord-growth.svg").exists()  # nothing beside it either


def test_init_is_held_to_the_rules_as_every_write(run, tmp_path: Path) -> None:
    refused = run("init", "x.toml", "--empty", "--name", "X", "--launched", "2999-01-01")
    assert (refused.exit_code, refused.stderr) == (2, "Error: launch date 2999-01-01 is in the future\n")
    assert not (tmp_path / "x.toml").exists()


def test_a_typed_name_keeps_what_is_not_a_footnote(run, ledger_path: Path) -> None:
    assert json.loads(run("add", "Acme [Europe]", "-f", "json").stdout)["name"] == "Acme [Europe]"
    assert "'Symantec' is already in the ledger" in _refused(run, ledger_path, "add", "Symantec¹")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name,name\nA,B\n", "in.csv: the column 'name' is there twice"),
        ("name,Country,COUNTRY\nOmega,DE,FR\n", "in.csv: the column 'country' is there twice"),
        ("name,note\nAcme, Inc.,x\n", "in.csv:2: the row has more cells than the header has columns"),
    ],
)
def test_every_cell_of_an_import_is_read_or_refused(
    run, ledger_path: Path, tmp_path: Path, text: str, message: str
) -> None:
    (tmp_path / "in.csv").write_text(text, encoding="utf-8")
    assert message in _refused(run, ledger_path, "import", "in.csv", "--yes")


def test_an_export_into_a_ledger_of_its_accord_table_alone_brings_everything(run, ledger_path: Path) -> None:
    assert run("export", "-o", "all.json").exit_code == 0
    assert run("init", "new.toml", "--empty", "--name", "Copy", "--launched", "2018-04-17").exit_code == 0
    outcome = json.loads(run("-l", "new.toml", "import", "all.json", "--yes", "-f", "json").stdout)
    assert len(outcome["new_pledges"]) == 4 and outcome["left_out"] == {"pledges": [], "counts": [], "snapshots": []}
    assert run("-l", "new.toml", "check").exit_code == 0


def test_a_report_on_a_ledger_from_year_one_is_written(run, tmp_path: Path) -> None:
    assert run("init", "y.toml", "--empty", "--name", "Old", "--launched", "0001-01-01").exit_code == 0
    assert run("-l", "y.toml", "add", "A", "--date", "0001-01-01").exit_code == 0
    assert run("-l", "y.toml", "report", "-o", "r.html").exit_code == 0


def test_a_forced_total_is_not_told_again_by_later_writes(run, shipped: Path) -> None:
    assert run("counts", "add", "-d", "2019", "-n", "5", "-q", "exact", "--source", "u", "--force").exit_code == 0
    later = run("counts", "add", "-d", "2018-06", "-n", "500", "-q", "about", "--source", "u")  # listed before it
    assert (later.exit_code, later.stderr) == (0, "")


def test_missing_says_when_a_later_signatory_signed_at_its_precision(run, shipped: Path) -> None:
    (watched,) = json.loads(run("missing", "-w", "Hitachi,", "--as-of", "2018-04-16", "-f", "json").stdout)
    assert watched["detail"] == "signed later, by 2021-05-05"
