"""accord import, export, report and diff between ledger versions, through the command line."""

import csv
import io
import json
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from tests.conftest import FOUNDERS, MINIMAL, write_ledger

PASTED = "• Microsoft\n• Trend-Micro\n• Apple\n• Cisco Systems\n"


def test_import_previews_asks_and_writes(run, ledger_path: Path, tmp_path: Path) -> None:
    (tmp_path / "list.txt").write_text(PASTED, encoding="utf-8")
    result = run("import", "list.txt", "--date", "2026-03-01", input="y\n")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "Action          Name           Date        Detail\n"
        "add             Apple          2026-03-01\n"
        "possible match  Cisco Systems              looks like Cisco (id cisco), by its leading words; not imported\n"
        "Imported into accord.toml.\n"
    )
    assert result.stderr == (  # CliRunner echoes the typed answer after the prompt
        "1 new, 2 already present, 1 possible match (not imported)\n"
        "Import into accord.toml: 1 new, 2 already present, 1 possible match (not imported)? [y/N]: y\n"
    )
    assert 'name = "Apple"\njoined = 2026-03-01' in ledger_path.read_text(encoding="utf-8")


def test_importing_the_same_file_twice_changes_nothing(run, ledger_path: Path, tmp_path: Path) -> None:
    (tmp_path / "list.txt").write_text(PASTED, encoding="utf-8")
    assert run("import", "list.txt", "--yes").exit_code == 0
    before = ledger_path.read_bytes()
    again = run("import", "list.txt")
    assert again.exit_code == 0
    assert again.stdout.endswith("Nothing to import: accord.toml already has everything list.txt adds.\n")
    assert ledger_path.read_bytes() == before


def test_nothing_to_import_says_so_without_a_table(run, ledger_path: Path, tmp_path: Path) -> None:
    (tmp_path / "list.txt").write_text("Microsoft\nCisco\n", encoding="utf-8")
    result = run("import", "list.txt")
    assert result.stdout == "Nothing to import: accord.toml already has everything list.txt adds.\n"
    assert result.stderr == "0 new, 2 already present, 0 possible matches (not imported)\n"


@pytest.mark.parametrize(("extra", "answer"), [(["--dry-run"], None), ([], "n\n"), ([], None)])
def test_a_dry_run_or_a_refusal_writes_nothing(run, ledger_path: Path, tmp_path: Path, extra, answer) -> None:
    (tmp_path / "list.txt").write_text(PASTED, encoding="utf-8")
    before = ledger_path.read_bytes()
    result = run("import", "list.txt", *extra, input=answer)
    if extra:
        assert result.exit_code == 0 and result.stdout.endswith("Dry run: nothing was written.\n")
    else:
        assert result.exit_code == 2
        assert result.stderr.endswith("Error: not confirmed, nothing was written; pass --yes to write without asking\n")
    assert ledger_path.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "options", "message"),
    [
        (
            "company\nAcme\n",
            ["--file-format", "csv"],
            "Error: in.txt: no 'name' column (the header, split at commas, gives 'company'); head the column of "
            "organisations 'name', or give the separator with --delimiter\n",
        ),
        ("[1, 2]", ["--file-format", "json"], "Error: in.txt: expected accord's JSON export"),
        (
            "Acme\nacme inc\n",
            [],
            "Error: in.txt:2: 'acme inc' is already named at in.txt:1 ('Acme'); remove one of the rows\n",
        ),
        (
            b"\xff\xfe\x00",
            [],
            "Error: in.txt: not valid UTF-16 text though it begins with that encoding's "
            "byte-order mark (bad bytes at offset 2)\n",
        ),
        ("# only a comment\n\n", [], "Error: in.txt names no organisation to import\n"),
    ],
)
def test_bad_import_files_are_one_line_and_change_nothing(
    run, ledger_path, tmp_path, content, options, message
) -> None:
    target = tmp_path / "in.txt"
    target.write_bytes(content if isinstance(content, bytes) else content.encode())
    before = ledger_path.read_bytes()
    result = run("import", "in.txt", "--yes", *options)
    assert result.exit_code == 2
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1
    assert ledger_path.read_bytes() == before


def test_import_reads_an_excel_csv_as_saved(run, ledger_path: Path, tmp_path: Path) -> None:
    excel = 'sep=;\r\nName;Country;Joined\r\nZèbre Systèmes;FR;2019-03-01\r\n"Acme; Inc.";US;\r\n'
    (tmp_path / "excel.csv").write_bytes(excel.encode("utf-8-sig"))
    result = run("import", "excel.csv", "--yes", "--date", "2020-01-01", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["new"] == ["Zèbre Systèmes", "Acme; Inc."]
    listed = json.loads(run("list", "-f", "json").stdout)
    new = {"Zèbre Systèmes", "Acme; Inc."}
    assert [(r["name"], r["country"], r["joined"]) for r in listed if r["name"] in new] == [
        ("Acme; Inc.", "US", "2020-01-01"),
        ("Zèbre Systèmes", "FR", "2019-03-01"),
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["list.txt", "--delimiter", ";;"],
            "Invalid value for '--delimiter': ';;' is not a separator: give one "
            "character, such as ';' or '|', or 'tab'",
        ),
        (["list.txt", "--delimiter", '"'], "Invalid value for '--delimiter': '\"' is not a separator"),
        (["list.json", "--delimiter", "tab"], "Error: list.json is JSON: --delimiter applies to CSV and text files"),
    ],
)
def test_a_delimiter_that_cannot_apply_is_refused(run, ledger_path: Path, tmp_path: Path, args, message) -> None:
    (tmp_path / "list.txt").write_text("Acme\n", encoding="utf-8")
    (tmp_path / "list.json").write_text('["Acme"]', encoding="utf-8")
    result = run("import", *args, "--yes")
    assert result.exit_code == 2 and message in result.stderr
    assert "Acme" not in ledger_path.read_text(encoding="utf-8")


def test_import_into_the_builtin_ledger_is_refused_before_any_work(run, tmp_path: Path) -> None:
    (tmp_path / "list.txt").write_text("Apple\n", encoding="utf-8")
    assert "no ledger to write" in run("import", "list.txt").stderr
    assert run("import", "list.txt", "--dry-run").exit_code == 0


def test_mirror_marks_members_absent_from_the_file(run, ledger_path: Path, tmp_path: Path) -> None:
    names = [line.split(",")[1] for line in run("list", "--format", "csv").stdout.splitlines()[1:]]
    kept = [n for n in names if n != "Symantec"]
    (tmp_path / "official.txt").write_text("\n".join(kept), encoding="utf-8")
    result = run("import", "official.txt", "--mirror", "--date", "2026-06-01", "--reason", "not listed", "--yes")
    assert result.exit_code == 0
    assert result.stdout == (
        "Action  Name      Date        Detail\n"
        "leave   Symantec  2026-06-01  not in the file (--mirror)\n"
        "Imported into accord.toml.\n"
    )
    assert run("list", "--format", "csv").stdout.count("\n") == 34
    assert run("log", "--since", "2026").stdout.endswith("2026-06-01  leave  Symantec  not listed\n")


def test_export_json_then_import_into_an_empty_ledger_round_trips(run, ledger_path, tmp_path) -> None:
    run("leave", "Symantec", "--date", "2020-01-31", "--reason", "Acquired by Broadcom")
    run("rename", "Facebook", "Meta Platforms", "--date", "2021-10-28")
    assert run("export", "--format", "json", "-o", "all.json").exit_code == 0
    assert run("init", "copy.toml", "--empty", "--name", "Cybersecurity Tech Accord").exit_code == 0
    assert run("-l", "copy.toml", "import", "all.json", "--yes").exit_code == 0
    for command in (["list", "--all", "--format", "json"], ["log", "--format", "json"], ["pledges", "-f", "json"]):
        assert run("-l", "copy.toml", *command).stdout == run(*command).stdout
    assert run("diff", "--ledger-a", "copy.toml").stderr.startswith("0 joined, 0 left, 0 rejoined, 0 renamed")


def test_export_csv_is_utf8_and_safe_for_spreadsheets(run, tmp_path: Path) -> None:
    write_ledger(
        tmp_path / "accord.toml",
        MINIMAL + '\n[[signatories]]\nname = "=HYPERLINK(\\"x\\")"\n'
        'joined = 2019-01-01\nnote = "+1 555"\n'
        '\n[[signatories]]\nname = "Telefónica"\njoined = 2019-01-01\n'
        'aliases = ["@tef", "-dash"]\n',
    )
    assert run("export", "--format", "csv", "-o", "out.csv").exit_code == 0
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out.csv").read_text(encoding="utf-8"))))
    assert [r["name"] for r in rows] == ['\'=HYPERLINK("x")', "Telefónica"]
    assert rows[0]["note"] == "'+1 555" and rows[1]["aliases"] == "'@tef;-dash"
    assert rows[0]["status"] == "member"
    (tmp_path / "back.csv").write_text("\ufeffname\nTelefónica\nÅland Co\n", encoding="utf-8")
    result = run("import", "back.csv", "--yes")
    assert result.exit_code == 0 and "Åland Co" in result.stdout and "Telefónica" not in result.stdout


def test_export_sqlite_is_a_database_a_sql_client_can_query(run, ledger_path: Path, tmp_path: Path) -> None:
    run("leave", "Symantec", "--date", "2020-01-31", "--reason", "Acquired by Broadcom")
    assert run("export", "--format", "sqlite", "-o", "accord.db").exit_code == 0
    db = sqlite3.connect(tmp_path / "accord.db")
    try:
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert db.execute("SELECT count(*) FROM signatories").fetchone() == (34,)
        assert db.execute("SELECT count(*) FROM signatories WHERE is_member").fetchone() == (33,)
        assert db.execute("SELECT count(*) FROM pledges").fetchone() == (4,)
        assert db.execute(
            "SELECT s.name, e.date, e.reason FROM events e JOIN signatories s ON s.id = e.signatory_id "
            "WHERE e.kind = 'leave'"
        ).fetchall() == [("Symantec", "2020-01-31", "Acquired by Broadcom")]
        assert db.execute(
            "SELECT p.id, count(*) FROM endorsements n JOIN pledges p ON p.id = n.pledge_id "
            "JOIN signatories s ON s.id = n.signatory_id WHERE s.is_member GROUP BY p.id ORDER BY p.id"
        ).fetchall() == [("capacity-building", 33), ("collective-action", 33), ("defense", 33), ("no-offense", 33)]
        assert db.execute(
            "SELECT organisation FROM watchlist_entries WHERE watchlist = 'bigtech' "
            "AND signatory_id IS NULL ORDER BY position"
        ).fetchall() == [("Apple",), ("Amazon",), ("Google",), ("Twitter",)]
        indexes = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {"signatories_by_name", "events_by_signatory", "endorsements_by_pledge"} <= indexes
    finally:
        db.close()
    assert run("export", "--format", "sqlite", "-o", "accord.db").exit_code == 0  # replaced, not appended to
    assert sqlite3.connect(tmp_path / "accord.db").execute("SELECT count(*) FROM events").fetchone() == (35,)


def test_export_refuses_binary_to_stdout_and_the_ledger_as_output(run, ledger_path: Path) -> None:
    assert "give -o PATH" in run("export", "--format", "sqlite").stderr
    result = run("export", "-o", "accord.toml")
    assert (
        result.exit_code == 2
        and result.stderr == "Error: accord.toml is the ledger itself; choose another output file\n"
    )
    assert ledger_path.read_bytes() == FOUNDERS.read_bytes()


def test_export_markdown_lists_everyone(run, ledger_path: Path) -> None:
    out = run("export", "--format", "markdown").stdout
    assert out.startswith("| Name | Status | Joined | Left | Sector | Country | History |\n")
    assert out.count("| member |") == 34


@pytest.mark.parametrize(
    ("name", "marker"),
    [("report.md", "# Cybersecurity Tech Accord: membership report"), ("report.html", "<!DOCTYPE html>")],
)
def test_report_in_each_format(run, ledger_path: Path, tmp_path: Path, name: str, marker: str) -> None:
    result = run("report", "-o", name)
    chart = "Wrote report-growth.svg.\n" if name.endswith(".md") else ""
    assert result.exit_code == 0 and result.stderr == f"{chart}Wrote {name}.\n"
    text = (tmp_path / name).read_text(encoding="utf-8")
    assert text.lstrip().startswith(marker)
    for expected in ("34 current members", "Watchlists", "Stronger", "ABB", "2018-04-17", "bigtech"):
        assert expected in text, expected


def test_a_markdown_report_links_its_chart_written_beside_it(run, ledger_path: Path, tmp_path: Path) -> None:
    assert run("report", "-o", "out/r.md").exit_code == 2  # no folder made by surprise
    assert run("report", "-o", "r.md").exit_code == 0
    text = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "![Members of Cybersecurity Tech Accord over time: 34 on 2018-04-17" in text and "](r-growth.svg)" in text
    assert (tmp_path / "r-growth.svg").read_text(encoding="utf-8").startswith("<svg xmlns=")
    assert "[venturebeat.com](https://venturebeat.com/2018/04/17/" in text


def test_the_svg_report_is_the_chart_alone_and_dash_writes_to_stdout(run, ledger_path: Path, tmp_path: Path) -> None:
    assert run("report", "-o", "r.svg").exit_code == 0
    svg = (tmp_path / "r.svg").read_text(encoding="utf-8")
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"') and '<title id="chart-title">Members of' in svg
    assert 'class="total" d="M48.0,' in svg and "2018-04-17: 34 joined" in svg
    assert run("report", "-o", "-", "-f", "svg").stdout == svg
    assert run("report", "-o", "-", "-f", "html").stdout.startswith("<!DOCTYPE html>")


def test_report_piped_is_markdown_and_an_unknown_suffix_is_refused(run, ledger_path: Path) -> None:
    piped = run("report", "--by", "quarter").stdout
    assert "## Growth by quarter" in piped and "| 2018-Q2 | 34 | 0 | 34 |" in piped
    assert "| bigtech | 6 | 2 | Apple, Amazon, Google, Twitter |" in piped
    bad = run("report", "-o", "report.pdf")
    assert bad.exit_code == 2 and "'.pdf' is not a report format: use .md, .markdown, .html, .htm, .svg" in bad.stderr


def _git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(folder), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        check=True,
        capture_output=True,
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_diff_between_git_revisions(run, ledger_path: Path, tmp_path: Path) -> None:
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "accord.toml")
    _git(tmp_path, "commit", "-qm", "founders")
    run("add", "Google", "--date", "2026-01-15")
    run("leave", "Symantec", "--date", "2020-01-31")
    run("rename", "Facebook", "Meta Platforms", "--date", "2021-10-28")
    working = run("diff", "--rev", "HEAD")
    assert working.stdout == "+  Google\n-  Symantec\n~  Facebook -> Meta Platforms  (renamed 2021-10-28)\n"
    assert working.stderr == "1 joined, 1 left, 0 rejoined, 1 renamed between accord.toml@HEAD and accord.toml\n"
    _git(tmp_path, "commit", "-qam", "changes")
    as_json = json.loads(run("diff", "--rev", "HEAD~1..HEAD", "--format", "json").stdout)
    assert as_json == {
        "from": "accord.toml@HEAD~1",
        "to": "accord.toml@HEAD",
        "joined": ["Google"],
        "left": ["Symantec"],
        "rejoined": [],
        "renamed": [{"from": "Facebook", "to": "Meta Platforms", "date": "2021-10-28"}],
        "possibly_joined": [],
        "possibly_left": [],
    }
    assert run("diff", "--rev", "HEAD").stderr.startswith("0 joined, 0 left")


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
@pytest.mark.parametrize(
    ("rev", "message"),
    [
        ("nope", "Error: cannot read accord.toml at revision nope: invalid object name 'nope'.\n"),
        ("--output=/tmp/x", "Error: '--output=/tmp/x' is not a git revision\n"),
    ],
)
def test_diff_with_a_bad_revision_is_one_line(run, ledger_path: Path, tmp_path: Path, rev: str, message: str) -> None:
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "accord.toml")
    _git(tmp_path, "commit", "-qm", "founders")
    result = run("diff", f"--rev={rev}")
    assert result.exit_code == 2 and result.stderr == message


def test_diff_rev_outside_git_is_one_line(run, ledger_path: Path) -> None:
    result = run("diff", "--rev", "HEAD")
    assert result.exit_code == 2 and result.stderr.startswith("Error: cannot read accord.toml at revision HEAD: ")
    assert result.stderr.count("\n") == 1


def test_diff_between_two_files_counts_deletions_as_leaving(run, ledger_path: Path, tmp_path: Path) -> None:
    text = FOUNDERS.read_text(encoding="utf-8")
    start = text.index('[[signatories]]\nid = "avast"')
    end = text.index("[[signatories]]", start + 1)
    (tmp_path / "new.toml").write_text(text[:start] + text[end:], encoding="utf-8")
    result = run("diff", "--ledger-a", "accord.toml", "--ledger-b", "new.toml")
    assert result.stdout == "-  Avast\n"
    for bad in (
        ["diff", "2019", "--ledger-a", "new.toml"],
        ["diff", "--ledger-b", "new.toml"],
        ["diff", "--rev", "HEAD", "--ledger-a", "new.toml"],
        ["diff"],
        ["diff", "--ledger-a", "missing.toml"],
    ):
        assert run(*bad).exit_code == 2


def test_import_outcome_as_json_for_scripts(run, ledger_path: Path, tmp_path: Path) -> None:
    (tmp_path / "list.txt").write_text(PASTED, encoding="utf-8")
    preview = run("import", "list.txt", "--dry-run", "--format", "json")
    expected = {
        "written": False,
        "new": ["Apple"],
        "already_present": [
            {"name": "Microsoft", "signatory": "Microsoft", "id": "microsoft"},
            {"name": "Trend-Micro", "signatory": "Trend Micro", "id": "trend-micro"},
        ],
        "former_members": [],
        "possible_matches": [
            {"name": "Cisco Systems", "looks_like": "Cisco", "id": "cisco", "reason": "leading words"}
        ],
        "conflicts": [],
        "leaving": [],
        "new_pledges": [],
        "watchlists": {},
        "counts": [],
        "accord": False,
        "snapshots": [],
        "left_out": {"pledges": [], "counts": [], "snapshots": []},
    }
    assert json.loads(preview.stdout) == expected
    done = run("import", "list.txt", "--yes", "--format", "json")
    assert json.loads(done.stdout) == {**expected, "written": True}
    again = json.loads(run("import", "list.txt", "-f", "json").stdout)
    assert again["written"] is False and again["new"] == []


def test_keys_an_export_works_out_never_meet_keys_of_the_file(run, tmp_path: Path) -> None:
    write_ledger(
        tmp_path / "accord.toml",
        'version = "kept"\n' + MINIMAL + '\n[[signatories]]\nid = "acme"\n'
        'name = "Acme"\njoined = 2019-01-01\nmembership = "gold"\n\n[[signatories.events]]\n'
        'date = 2020-01-01\nevent = "leave"\nsource = "https://example.org/acme"\n',
    )
    assert run("fmt", "--yes").exit_code == 0  # the layout accord writes, to compare with the copy
    assert run("export", "-o", "all.json").exit_code == 0
    assert run("init", "copy.toml", "--empty").exit_code == 0
    assert run("-l", "copy.toml", "import", "all.json", "--yes").exit_code == 0
    assert (tmp_path / "copy.toml").read_text(encoding="utf-8") == (tmp_path / "accord.toml").read_text(
        encoding="utf-8"
    )
    assert run("export", "--format", "sqlite", "-o", "accord.db").exit_code == 0
    db = sqlite3.connect(tmp_path / "accord.db")
    try:
        assert db.execute("SELECT kind, source FROM events WHERE signatory_id = 'acme' ORDER BY date").fetchall() == [
            ("join", None),
            ("leave", "https://example.org/acme"),
        ]
    finally:
        db.close()


@pytest.mark.parametrize("extra", [["--dry-run"], ["--yes"]])
def test_a_dry_run_fails_exactly_where_the_import_would(run, ledger_path: Path, tmp_path: Path, extra) -> None:
    (tmp_path / "in.csv").write_text(
        "name,joined,country\nZeta Co,2020-01-01,US\nBad Co,2020-01-01,XX\n", encoding="utf-8"
    )
    before = ledger_path.read_bytes()
    result = run("import", "in.csv", *extra)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == ("Error: in.csv:3: 'XX' is not an ISO 3166 alpha-2 country code (e.g. US, GB, DE)\n")
    assert ledger_path.read_bytes() == before


def test_a_row_whose_alias_another_signatory_holds_is_a_conflict(run, ledger_path: Path, tmp_path: Path) -> None:
    (tmp_path / "in.csv").write_text("name,aliases\nZeta Co,Microsoft;Zeta\n", encoding="utf-8")
    result = run("import", "in.csv", "--dry-run", "-f", "json")
    assert json.loads(result.stdout)["conflicts"] == [
        {
            "name": "Zeta Co",
            "origin": "in.csv:2",
            "reason": "its alias 'Microsoft' is a name of Microsoft (id microsoft)",
            "imported": False,
        }
    ]
    assert json.loads(result.stdout)["already_present"] == []


def test_an_unknown_column_is_refused_before_anything_is_planned(run, ledger_path: Path, tmp_path: Path) -> None:
    (tmp_path / "in.csv").write_text("name,contry\nZeta Co,US\n", encoding="utf-8")
    result = run("import", "in.csv", "--dry-run")
    assert result.stderr.startswith("Error: in.csv: unknown column 'contry' (did you mean 'country'?)")
    assert run("import", "in.csv", "--dry-run", "--ignore-column", "contry").exit_code == 0


def test_a_report_that_cannot_be_written_leaves_no_chart(run, ledger_path) -> None:
    (ledger_path.parent / "report.md").mkdir()  # the page cannot be written where a folder is
    result = run("report", "-o", "report.md")
    assert result.exit_code == 2 and result.stderr.startswith("Error: ")
    assert not (ledger_path.parent / "report-growth.svg").exists()
    (ledger_path.parent / "report-growth.svg").write_text("an older chart", encoding="utf-8")
    assert run("report", "-o", "report.md").exit_code == 2
    assert (ledger_path.parent / "report-growth.svg").read_text(encoding="utf-8") == "an older chart"


def test_export_report_and_init_remove_what_a_killed_writer_left_beside_their_file(
    run, ledger_path: Path, tmp_path: Path
) -> None:
    left = [
        tmp_path / name
        for name in (
            ".out.csv.k1ll3d00.tmp",
            ".r.md.k1ll3d00.tmp",
            ".r-growth.svg.k1ll3d00.tmp",
            ".new.toml.k1ll3d00.tmp",
            ".other.csv.k1ll3d00.tmp",
        )
    ]
    for path in left:
        path.write_bytes(b"half a file")
    assert run("export", "-f", "csv", "-o", "out.csv").exit_code == 0
    assert run("report", "-o", "r.md").exit_code == 0
    assert run("init", "new.toml", "--empty").exit_code == 0
    assert [path.name for path in left if path.exists()] == [".other.csv.k1ll3d00.tmp"]
