"""`accord missing` with every kind of --watchlist source, the watchlist commands, and completion."""

import json
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, write_ledger


def test_missing_bigtech_names_exactly_the_four(run) -> None:
    result = run("missing", "--watchlist", "bigtech")
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.stdout.splitlines()[1:]] == ["Apple", "Amazon", "Google", "Twitter"]
    assert result.stderr == "4 of 6 on bigtech have not signed\n"


def test_missing_json_and_show_signed(run) -> None:
    data = json.loads(run("missing", "-w", "bigtech", "--show-signed", "-f", "json").stdout)
    nobody = {"id": None, "signatory": None, "joined": None, "left": None}
    assert data[0] == {"name": "Apple", "status": "missing", "certain": True, "detail": None, **nobody}
    assert data[-1] == {
        "name": "Facebook",
        "status": "signed",
        "certain": True,
        "detail": "signed 2018-04-17",
        "id": "facebook",
        "signatory": "Facebook",
        "joined": "2018-04-17",
        "left": None,
    }
    assert len(data) == 6


def test_exit_code_for_scripts(run) -> None:
    assert run("missing", "-w", "bigtech", "--exit-code").exit_code == 1
    assert run("missing", "-w", "Microsoft,Meta", "--exit-code").exit_code == 0


def test_missing_as_of_shows_former_members(run, ledger_path: Path) -> None:
    assert run("leave", "Microsoft", "--date", "2020-06-30").exit_code == 0
    data = json.loads(run("missing", "-w", "Microsoft,Apple", "-f", "json").stdout)
    assert data[0] == {
        "name": "Microsoft",
        "status": "former",
        "certain": True,
        "detail": "left 2020-06-30",
        "id": "microsoft",
        "signatory": "Microsoft",
        "joined": "2018-04-17",
        "left": "2020-06-30",
    }
    assert [
        (r["name"], r["status"], r["id"])
        for r in json.loads(run("missing", "-w", "Microsoft,Apple", "--as-of", "2019", "-f", "json").stdout)
    ] == [("Apple", "missing", None)]
    assert run("missing", "-w", "Microsoft,", "--as-of", "2019").stderr == (
        "0 of 1 on the list given have not signed as of 2019-12-31\n"
    )


def test_sources_text_csv_and_another_ledger(run, tmp_path: Path) -> None:
    (tmp_path / "names.txt").write_text("# companies to chase\nApple\n\n  Gogle \nMeta\n", encoding="utf-8")
    data = json.loads(run("missing", "-w", "names.txt", "-f", "json").stdout)
    assert [(r["name"], r["status"], r["detail"]) for r in data] == [
        ("Apple", "missing", None),
        ("Gogle", "missing", None),
    ]
    (tmp_path / "names.csv").write_bytes("\ufeffCountry,Name\nUS,Apple\nES,Telefónica\n".encode())
    assert [r["name"] for r in json.loads(run("missing", "-w", "names.csv", "-f", "json").stdout)] == ["Apple"]
    write_ledger(
        tmp_path / "other.toml",
        MINIMAL + '\n[[signatories]]\nname = "Samsung"\njoined = 2019-01-01\n'
        '\n[[signatories]]\nname = "Cisco Systems, Inc."\njoined = 2019-01-01\n',
    )
    result = run("missing", "-w", "other.toml")
    assert [line.split("  ")[0] for line in result.stdout.splitlines()[1:]] == ["Samsung", "Cisco Systems, Inc."]
    assert "possible match: Cisco" in result.stdout  # near, not the same: for a person to judge
    assert result.stderr == "2 of 2 on other.toml have not signed\n"


def test_another_ledger_brings_its_members_aliases(run, tmp_path: Path) -> None:
    write_ledger(
        tmp_path / "other.toml",
        MINIMAL + '\n[[signatories]]\nname = "Meta Platforms"\naliases = ["Facebook"]\njoined = 2019-01-01\n',
    )
    (result,) = json.loads(run("missing", "-w", "other.toml", "--show-signed", "-f", "json").stdout)
    assert (result["name"], result["status"], result["id"]) == ("Meta Platforms", "signed", "facebook")


def test_watchlist_files_as_spreadsheets_save_them(run, tmp_path: Path) -> None:
    unicode_text = "Name\tTicker\r\nApple Inc.\tAAPL\r\nSamsung\tSMSN\r\n"
    (tmp_path / "watch.txt").write_bytes(unicode_text.encode("utf-16"))  # Excel's "Unicode Text"
    (tmp_path / "watch.tsv").write_text(unicode_text, encoding="utf-8")
    (tmp_path / "watch.lst").write_text("name|ticker\nApple Inc.|AAPL\nSamsung|SMSN\n", encoding="utf-8")
    for args in (["watch.txt"], ["watch.tsv"], ["watch.lst", "--delimiter", "|"]):
        result = run("missing", "-w", *args, "-f", "json")
        assert result.exit_code == 0, result.stderr
        assert [(r["name"], r["status"]) for r in json.loads(result.stdout)] == [
            ("Apple Inc.", "missing"),
            ("Samsung", "missing"),
        ]
    result = run("missing", "-w", "bigtech", "--delimiter", ";")
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (
        2,
        "Error: Invalid value for --delimiter: applies to a CSV or text file, and bigtech is not one",
    )


@pytest.mark.parametrize(
    ("setup", "value", "message"),
    [
        (None, "bigtec", "Error: no watchlist or file called 'bigtec'; did you mean 'bigtech'?"),
        ({"bigtech": "Apple\n"}, "bigtech", "Error: 'bigtech' is both a watchlist in the ledger and a file"),
        ({"empty.txt": "# nothing\n\n"}, "empty.txt", "Error: empty.txt is empty: there is no one to check"),
        (
            {"bad.txt": b"Telef\xf3nica\n"},
            "bad.txt",
            "Error: bad.txt:1:6: not UTF-8 text (byte 0xF3; Windows-1252 or Latin-1, perhaps)",
        ),
        (
            {"bad.csv": "company\nApple\n"},
            "bad.csv",
            "Error: bad.csv: no 'name' column (the header, split at commas, gives 'company')",
        ),
        ({"bad.toml": "[accord\n"}, "bad.toml", "Error: bad.toml:1:"),
    ],
)
def test_bad_sources_are_one_clear_line(run, tmp_path: Path, setup, value: str, message: str) -> None:
    for name, content in (setup or {}).items():
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    result = run("missing", "-w", value)
    assert result.exit_code == 2
    assert result.stderr.startswith(message)
    assert result.stderr.count("\n") == 1


def test_watchlist_commands(run, ledger_path: Path) -> None:
    assert run("watchlist", "list").stdout.splitlines()[1].split() == ["bigtech", "6"]
    result = run("watchlist", "add", "telecoms", "Vodafone", "Deutsche Telekom", "vodafone")
    assert result.stdout == "Added 2 organisations to telecoms (now 2).\n"
    assert result.stderr == "Already on telecoms, so not added again: vodafone.\n"
    assert 'telecoms = ["Vodafone", "Deutsche Telekom"]' in ledger_path.read_text(encoding="utf-8")
    assert run("watchlist", "show", "telecoms").stdout == "Organisation\nVodafone\nDeutsche Telekom\n"
    assert run("watchlist", "remove", "telecoms", "VODAFONE").stdout == (
        "Removed 1 organisation from telecoms (now 1).\n"
    )
    assert json.loads(run("watchlist", "list", "-f", "json").stdout)[1] == {
        "name": "telecoms",
        "count": 1,
        "organisations": ["Deutsche Telekom"],
    }
    assert run("watchlist", "delete", "telecoms").stdout == "Deleted watchlist telecoms (1 organisation).\n"
    assert "telecoms" not in ledger_path.read_text(encoding="utf-8")


def test_removing_the_last_organisation_deletes_the_watchlist_rather_than_leave_it_empty(run, ledger_path) -> None:
    run("watchlist", "add", "solo", "Vodafone")
    result = run("watchlist", "remove", "solo", "Vodafone")
    assert result.stdout == "Removed 1 organisation from solo; it was left empty, so it was deleted.\n"
    assert "solo" not in ledger_path.read_text(encoding="utf-8")
    assert run("check").exit_code == 0


def test_watchlist_refusals_leave_the_ledger_unchanged(run, ledger_path: Path) -> None:
    before = ledger_path.read_bytes()
    for args, message in [
        (["watchlist", "show", "bigtek"], "Error: no watchlist called 'bigtek'; did you mean 'bigtech'?"),
        (["watchlist", "remove", "bigtech", "Samsung"], "Error: 'Samsung' is not on watchlist 'bigtech'"),
        (["watchlist", "delete", "nope"], "Error: no watchlist called 'nope'"),
        (["watchlist", "add", "bigtech", "Bad\x1bName"], "Error: an organisation name"),
    ]:
        result = run(*args)
        assert result.exit_code == 2, args
        assert result.stderr.startswith(message), result.stderr
    assert ledger_path.read_bytes() == before


def test_an_inline_list_keeps_a_legal_form_with_its_name(run) -> None:
    data = json.loads(run("missing", "-w", "Meta Platforms, Inc., Apple,", "--show-signed", "-f", "json").stdout)
    assert [(r["name"], r["status"], r["detail"]) for r in data] == [
        ("Meta Platforms, Inc.", "possible_match", "possible match: Meta (leading words)"),
        ("Apple", "missing", None),
    ]


def test_registered_names_of_founders_are_signed_and_near_ones_name_the_right_founder(run) -> None:
    result = run(
        "missing", "-w", "SAP SE,Nokia Oyj,The Nielsen Company,Dell Technologies Inc.,BT Group plc", "--show-signed"
    )
    assert result.stdout.splitlines()[1:] == [
        "SAP SE                  signed          signed 2018-04-17 (as SAP)",
        "Nokia Oyj               signed          signed 2018-04-17 (as Nokia)",
        "The Nielsen Company     signed          signed 2018-04-17 (as Nielsen)",
        "Dell Technologies Inc.  possible match  possible match: Dell (leading words)",
        "BT Group plc            signed          signed 2018-04-17 (as BT)",
    ]


def test_every_command_that_takes_a_name_reads_legal_forms_the_same(run, ledger_path: Path, tmp_path: Path) -> None:
    refused = run("add", "SAP SE", "--date", "2020-01-01")
    assert refused.exit_code == 2 and "'SAP SE' is already in the ledger: SAP, id sap" in refused.stderr
    assert json.loads(run("show", "The Nielsen Company", "-f", "json").stdout)["id"] == "nielsen"
    alias = run("edit", "Arm", "--add-alias", "Nokia Oyj")
    assert alias.exit_code == 2 and "'Nokia Oyj' is also a name of Nokia (id nokia)" in alias.stderr
    renamed = run("rename", "Arm", "F-Secure Oyj", "--date", "2020-01-01")
    assert renamed.exit_code == 2 and "'F-Secure Oyj' is also a name of F-Secure (id f-secure)" in renamed.stderr
    rows = tmp_path / "registered.txt"
    rows.write_text("F-Secure Oyj\nTelefónica, S.A.\nBT Group plc\nOy Acme Ab\n", encoding="utf-8")
    outcome = json.loads(run("import", str(rows), "--yes", "-f", "json").stdout)
    assert [m["signatory"] for m in outcome["already_present"]] == ["F-Secure", "Telefonica", "BT"]
    assert outcome["new"] == ["Oy Acme Ab"]
    added = run("add", "Dell Technologies Inc.", "--date", "2020-01-01")
    assert added.exit_code == 0
    assert added.stderr == (
        "Warning: Dell Technologies Inc. looks like Dell (id dell), by its leading words; "
        "recorded as a new signatory all the same\n"
    )


def test_group_words_long_forms_and_letters_read_as_others_through_every_command(run, ledger_path: Path) -> None:
    watched = json.loads(
        run(
            "missing",
            "-w",
            "Nokia Abp,ABB Group,Arm Holdings plc,Meta Financial Group,Orcale",
            "--show-signed",
            "-f",
            "json",
        ).stdout
    )
    assert [(r["name"], r["status"], r["id"]) for r in watched] == [
        ("Nokia Abp", "signed", "nokia"),
        ("ABB Group", "signed", "abb"),
        ("Arm Holdings plc", "signed", "arm"),
        ("Meta Financial Group", "possible_match", "facebook"),  # near Meta by its leading word, never signed
        ("Orcale", "possible_match", "oracle"),
    ]
    refused = run("add", "VMvvare")
    assert (
        refused.exit_code == 2
        and "'VMvvare' reads as 'VMware', a name of VMware (id vmware): vv reads as w" in refused.stderr
    )
    assert "'Tenable Holdings' is already in the ledger: Tenable" in run("add", "Tenable Holdings").stderr
    assert json.loads(run("show", "Telefónica Group", "-f", "json").stdout)["id"] == "telefonica"


def test_watchlist_add_reads_names_from_any_file_missing_reads(run, ledger_path: Path) -> None:
    folder = ledger_path.parent
    (folder / "telcos.csv").write_text("name,country\nVodafone,GB\nNokia,FI\n", encoding="utf-8")
    refused = run("watchlist", "add", "telcos", "telcos.csv")
    assert refused.exit_code == 2 and "pass --from telcos.csv" in refused.stderr
    added = run("watchlist", "add", "telcos", "Nokia Oyj", "--from", "telcos.csv", "--format", "json")
    assert json.loads(added.stdout) == {
        "watchlist": "telcos",
        "added": ["Nokia Oyj", "Vodafone"],
        "already_there": ["Nokia"],
        "size": 2,
    }
    other = folder / "other.toml"
    assert run("init", str(other), "--empty", "--name", "Other", "--launched", "2018-04-17").exit_code == 0
    assert run("-l", str(other), "add", "Orbit Labs", "--date", "2019-01-01").exit_code == 0
    assert run("watchlist", "add", "telcos", "--from", str(other)).stdout == "Added 1 organisation to telcos (now 3).\n"


def test_watchlist_changes_answer_in_json(run, ledger_path: Path) -> None:
    removed = json.loads(run("watchlist", "remove", "bigtech", "Twitter", "-f", "json").stdout)
    assert removed == {"watchlist": "bigtech", "removed": ["Twitter"], "size": 5, "deleted": False}
    deleted = json.loads(run("watchlist", "delete", "bigtech", "-f", "json").stdout)
    assert deleted["watchlist"] == "bigtech" and len(deleted["deleted"]) == 5


def test_missing_refuses_a_second_watchlist(run, ledger_path: Path) -> None:
    result = run("missing", "-w", "bigtech", "-w", "Apple,")
    assert result.exit_code == 2
    assert "given 2 times ('bigtech', 'Apple,'); check one list at a time" in result.stderr
