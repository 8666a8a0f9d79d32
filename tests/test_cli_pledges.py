"""accord pledges, accord pledge add|edit|remove and list --pledge, through the command line."""

import json
from pathlib import Path

from tests.conftest import MINIMAL, write_ledger


def test_pledges_count_current_endorsements(run, ledger_path: Path) -> None:
    run("add", "Acme", "--pledge", "defense")
    data = json.loads(run("pledges", "--format", "json").stdout)
    assert [(p["id"], p["signatories"]) for p in data] == [
        ("defense", 35),
        ("no-offense", 34),
        ("capacity-building", 34),
        ("collective-action", 34),
    ]
    assert list(data[0]) == ["id", "title", "summary", "signatories"]
    table = run("pledges").stdout.splitlines()
    assert table[0].split() == ["Id", "Title", "Signatories", "Summary"]
    assert table[1].startswith("defense            Stronger defense            35  Protect")


def test_an_empty_ledger_gets_its_pledges(run, tmp_path: Path) -> None:
    assert run("init", "--empty", "--name", "Paris Call").exit_code == 0
    result = run("pledge", "add", "no-offense", "--title", "No offense", "--source", "https://example.org/call")
    assert (result.exit_code, result.stdout) == (0, "Added pledge no-offense to accord.toml.\n")
    assert run("add", "Acme", "--pledge", "no-offense").exit_code == 0
    assert run("pledge", "edit", "no-offense", "--summary", "Oppose cyberattacks.").stdout == (
        "Corrected pledge no-offense in accord.toml.\n"
    )
    assert run("pledge", "edit", "no-offense", "--summary", "Oppose cyberattacks.").stdout == (
        "Nothing to change: pledge no-offense already reads so.\n"
    )
    text = (tmp_path / "accord.toml").read_text(encoding="utf-8")
    assert (
        '[[pledges]]\nid = "no-offense"\ntitle = "No offense"\nsummary = "Oppose cyberattacks."\n'
        'source = "https://example.org/call"\n'
    ) in text


def test_removing_a_pledge_named_by_signatories_asks_first(run, tmp_path: Path) -> None:
    path = write_ledger(
        tmp_path / "accord.toml",
        MINIMAL + '\n[[signatories]]\nid = "acme"\nname = "Acme"\njoined = 2019-01-01\npledges = ["defense"]\n',
    )
    before = path.read_bytes()
    refused = run("pledge", "remove", "defense")
    assert refused.exit_code == 2
    assert refused.stderr == (
        "Error: Acme endorses 'defense' by name (Acme); pass --force to take it off their lists too\n"
    )
    assert run("pledge", "remove", "defense", "--force", input="n\n").exit_code == 2
    assert path.read_bytes() == before
    result = run("pledge", "remove", "defense", "--force", "--yes")
    assert result.exit_code == 0 and result.stderr == "1 signatory will no longer list it: Acme\n"
    assert "pledges = []" in path.read_text(encoding="utf-8")
    assert run("pledge", "remove", "no-ofense").stderr.startswith(
        "Error: no pledge has the id 'no-ofense'; did you mean 'no-offense'?"
    )


def test_list_the_endorsers_of_one_pledge(run, ledger_path: Path) -> None:
    run("edit", "Cisco", "--pledge", "defense")
    endorsing = json.loads(run("list", "--pledge", "no-offense", "-f", "json").stdout)
    assert len(endorsing) == 33 and "Cisco" not in [r["name"] for r in endorsing]
    assert run("list", "--pledge", "offense").stderr.startswith("Error: no pledge has the id 'offense'")
