"""What missing and the watchlist commands hand to a renderer."""

from datetime import date

from accord_cli.core import watchlists
from accord_cli.core.model import Ledger
from accord_cli.render import watch as shown
from tests.conftest import TODAY


def test_missing_shows_who_has_not_signed_unless_asked_for_all(founders: Ledger) -> None:
    results = watchlists.check_watch(founders, ["Apple", "Meta", "Juniper"], TODAY)
    result = shown.missing_result(results, "the list given", show_signed=False, as_of=None)
    assert [(r["name"], r["status"], r["shown_status"]) for r in result.records] == [
        ("Apple", "missing", "missing"),
        ("Juniper", "possible_match", "possible match"),
    ]
    assert result.sentence == "2 of 3 on the list given have not signed"
    everyone = shown.missing_result(results, "x", show_signed=True, as_of=date(2019, 12, 31))
    assert len(everyone.records) == 3 and everyone.sentence.endswith("as of 2019-12-31")


def test_watchlists_and_their_organisations(founders: Ledger) -> None:
    result = shown.watchlists_result(founders.watchlists)
    assert result.records[0]["count"] == 6 and result.sentence == "1 watchlist"
    assert shown.organisations_result("bigtech", ["Apple"]).sentence == "1 organisation on bigtech"
