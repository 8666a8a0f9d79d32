"""What list, add, pledges, check and show hand to a renderer."""

from accord_cli.core import changes, queries
from accord_cli.core.membership import ever_joined, members, standing
from accord_cli.core.model import ROW_FIELDS, Ledger, Problem
from accord_cli.render import members as shown
from tests.conftest import TODAY, add, day


def test_a_signatory_record_has_every_field_and_when_it_left(founders: Ledger) -> None:
    assert shown.SIGNATORY_FIELDS == (
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
    )
    assert set(shown.SIGNATORY_FIELDS) == {f.encode_name for f in ROW_FIELDS} | {"left", "certain"}
    facebook = queries.resolve(founders, "Facebook")
    record = shown.signatory_record(standing(facebook, TODAY, founders.accord.launched), founders.pledge_ids)
    assert record["aliases"] == ("Meta",) and record["left"] is None
    assert record["pledges"] == founders.pledge_ids  # spelled out: absent in the file means all of them


def test_the_list_names_what_it_shows_out_of_how_many(founders: Ledger) -> None:
    current = members(founders, TODAY)
    finnish = queries.select(current, country="FI")
    result = shown.list_result(founders, finnish, len(current))
    assert [r["name"] for r in result.records] == ["F-Secure", "Nokia"]
    assert result.sentence == "2 signatories of 34 match"
    assert [c.key for c in result.columns] == ["name", "joined", "sector", "country"]
    assert shown.list_result(founders, current, len(current)).sentence == "34 signatories"


def test_former_members_show_when_they_left_under_the_name_they_had(founders: Ledger) -> None:
    ledger = changes.leave(founders, queries.resolve(founders, "RSA"), day(2020, 1, 31), "spun off")
    everyone = ever_joined(ledger, TODAY)
    result = shown.list_result(ledger, everyone, len(everyone), with_former=True)
    rsa = next(r for r in result.records if r["name"] == "RSA")
    assert rsa["left"] == day(2020, 1, 31) and rsa["certain"] is True
    assert "left" in [c.key for c in result.columns]
    assert result.sentence == "34 members and former members"


def test_add_says_what_it_recorded_and_gives_the_record_as_json(founders: Ledger) -> None:
    ledger, google = add(founders, "Google", joined=day(2026, 1, 15), country="US")
    result = shown.added_result(ledger, google, "accord.toml")
    assert result.sentence == "Added Google (id google), joined 2026-01-15, to accord.toml."
    assert result.columns == () and result.json_document()["country"] == "US"


def test_pledges_count_endorsements(founders: Ledger) -> None:
    current = [st.signatory for st in members(founders, TODAY)]
    result = shown.pledges_result(founders, queries.pledge_support(founders, current), len(current))
    assert [(r["id"], r["signatories"]) for r in result.records][:1] == [("defense", 34)]
    assert result.sentence == "4 pledges, 34 current signatories"


def test_problems_are_located_at_line_and_column() -> None:
    problems = [Problem(("signatories", 0, "country"), "bad code", "Acme"), Problem(("x",), "no place")]
    result = shown.problems_result(problems, "accord.toml", lambda p: (16, 1) if p.subject else None)
    assert [r["location"] for r in result.records] == ["accord.toml:16:1", "accord.toml"]
    assert result.records[0]["field"] == "signatories.0.country" and result.records[0]["column"] == 1
    assert result.sentence == "2 problems in accord.toml"
    clean = shown.no_problems_result("accord.toml", 34)
    assert clean.json_document() == [] and clean.sentence == "No problems found in accord.toml (34 signatories)."


def test_show_gives_names_and_memberships_over_time(founders: Ledger) -> None:
    symantec = queries.resolve(founders, "Symantec")
    ledger = changes.rename(founders, symantec, "NortonLifeLock", day(2019, 11, 4))
    ledger = changes.leave(ledger, queries.resolve(ledger, "Symantec"), day(2020, 1, 31), "acquired")
    result = shown.show_result(ledger, standing(queries.resolve(ledger, "Symantec"), TODAY, ledger.accord.launched))
    rows = {r["field"]: r["value"] for r in result.records}
    assert rows["Status"] == "former member (left 2020-01-31)"
    assert rows["Names"] == "Symantec (2018-04-17 to 2019-11-04); NortonLifeLock (2019-11-04 to now)"
    assert rows["Memberships"] == "2018-04-17 to 2020-01-31 (acquired)"
    document = result.json_document()
    assert document["member"] is False and [e["event"] for e in document["events"]] == ["join", "rename", "leave"]


def test_the_canonical_diff_escapes_what_a_terminal_would_obey() -> None:
    diff = shown.canonical_diff('name = "a"\n', 'name = "a\x1b[2J"\n', "accord.toml")
    assert "\x1b" not in diff and "\\x1b[2J" in diff and diff.startswith("--- accord.toml (now)\n")
