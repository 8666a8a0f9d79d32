from datetime import date

import pytest
import tomli

from accord_cli import roster
from accord_cli.document import decode
from accord_cli.errors import DuplicateName, InvalidValue, UnknownPledge
from accord_cli.model import Accord, Ledger
from tests.conftest import SHIPPED

TODAY = date(2026, 11, 28)


@pytest.fixture(scope="module")
def shipped() -> Ledger:
    ledger, _ = decode(tomli.loads(SHIPPED.read_text(encoding="utf-8")))
    return ledger


def names(signatories) -> list[str]:
    return [s.name for s in signatories]


def test_select_by_sector_country_and_search(shipped: Ledger) -> None:
    assert names(roster.select(shipped.signatories, sector="TELECOM")) == ["BT", "Nokia", "Telefonica"]
    assert names(roster.select(shipped.signatories, country="fi")) == ["F-Secure", "Nokia"]
    assert names(roster.select(shipped.signatories, search="meta")) == ["Facebook"]
    assert names(roster.select(shipped.signatories, search="micro")) == ["Microsoft", "Trend Micro"]
    assert names(roster.select(shipped.signatories, sector="security", country="US")) == [
        "FireEye", "RSA", "Symantec", "Tenable"]


def test_unknown_sector_or_country_is_refused_not_silently_empty(shipped: Ledger) -> None:
    with pytest.raises(InvalidValue, match="no signatory has the sector 'securty'"):
        roster.checked_sector(shipped.signatories, "securty")
    with pytest.raises(InvalidValue, match="not an ISO 3166"):
        roster.checked_country("USA")


def test_sort_by_joined_then_name() -> None:
    ledger = Ledger(Accord("Test"))
    ledger, _ = roster.add_signatory(ledger, "zeta", joined=date(2019, 1, 1), today=TODAY)
    ledger, _ = roster.add_signatory(ledger, "Beta", joined=date(2020, 1, 1), today=TODAY)
    ledger, _ = roster.add_signatory(ledger, "alpha", joined=date(2020, 1, 1), today=TODAY)
    assert names(roster.sort_signatories(ledger.signatories)) == ["alpha", "Beta", "zeta"]
    assert names(roster.sort_signatories(ledger.signatories, roster.SortKey.joined)) == ["zeta", "alpha", "Beta"]


def test_add_appends_with_a_fresh_id(shipped: Ledger) -> None:
    updated, google = roster.add_signatory(shipped, " Google  LLC ", joined=date(2026, 1, 15), today=TODAY,
                                           country="us", aliases=["Alphabet"], pledges=["defense"])
    assert updated.signatories[-1] == google
    assert updated.signatories[:-1] == shipped.signatories
    assert (google.id, google.name, google.country, google.pledges) == ("google-llc", "Google LLC", "US", ("defense",))


@pytest.mark.parametrize(
    ("name", "aliases", "message"),
    [
        ("microsoft", [], "'microsoft' is already in the ledger: Microsoft, id microsoft, joined 2018-04-17"),
        ("Meta", [], "'Meta' is already in the ledger (an alias of Facebook)"),
        ("Newco", ["HP"], "'HP' is already in the ledger (an alias of HP Inc.)"),
    ],
)
def test_add_refuses_names_already_taken(shipped: Ledger, name: str, aliases: list[str], message: str) -> None:
    with pytest.raises(DuplicateName, match=message.replace("(", r"\(").replace(")", r"\)")):
        roster.add_signatory(shipped, name, joined=TODAY, today=TODAY, aliases=aliases)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"joined": date(2026, 11, 29)}, InvalidValue, "in the future"),
        ({"joined": date(2018, 4, 16)}, InvalidValue, "before the accord launched"),
        ({"country": "XX"}, InvalidValue, "not an ISO 3166"),
        ({"pledges": ["offense"]}, UnknownPledge, "unknown pledge 'offense'"),
        ({"aliases": ["acme"]}, InvalidValue, "repeats the name"),
    ],
)
def test_add_refuses_bad_values(shipped: Ledger, kwargs: dict, error: type, message: str) -> None:
    kwargs = {"joined": TODAY, **kwargs}
    with pytest.raises(error, match=message):
        roster.add_signatory(shipped, "Acme", today=TODAY, **kwargs)


@pytest.mark.parametrize("name", ["", "   ", "Evil\x1b[2J", "Bad\rName", "Flip\u202eTxet"])
def test_add_refuses_empty_names_and_control_characters(shipped: Ledger, name: str) -> None:
    with pytest.raises(InvalidValue):
        roster.add_signatory(shipped, name, joined=TODAY, today=TODAY)


def test_pledge_support_counts_endorsements(shipped: Ledger) -> None:
    updated, _ = roster.add_signatory(shipped, "Acme", joined=TODAY, today=TODAY, pledges=["defense"])
    support = {p.id: n for p, n in roster.pledge_support(updated, updated.signatories)}
    assert support == {"defense": 35, "no-offense": 34, "capacity-building": 34, "collective-action": 34}
