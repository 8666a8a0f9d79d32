from datetime import date

import pytest
import tomli

from accord_cli import roster
from accord_cli.document import decode
from accord_cli.errors import (
    DuplicateName,
    HistoryConflict,
    InvalidValue,
    UnknownName,
    UnknownPledge,
)
from accord_cli.model import Accord, Ledger
from accord_cli.timeline import members
from tests.conftest import SHIPPED

TODAY = date(2026, 11, 28)


@pytest.fixture(scope="module")
def shipped() -> Ledger:
    ledger, _ = decode(tomli.loads(SHIPPED.read_text(encoding="utf-8")))
    return ledger


def names(standings) -> list[str]:
    return [st.name for st in standings]


def test_select_by_sector_country_and_search(shipped: Ledger) -> None:
    everyone = members(shipped, TODAY)
    assert names(roster.select(everyone, sector="TELECOM")) == ["BT", "Nokia", "Telefonica"]
    assert names(roster.select(everyone, country="fi")) == ["F-Secure", "Nokia"]
    assert names(roster.select(everyone, search="meta")) == ["Facebook"]
    assert names(roster.select(everyone, search="micro")) == ["Microsoft", "Trend Micro"]
    assert names(roster.select(everyone, sector="security", country="US")) == [
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
    everyone = members(ledger, TODAY)
    assert names(roster.sort_standings(everyone)) == ["alpha", "Beta", "zeta"]
    assert names(roster.sort_standings(everyone, roster.SortKey.joined)) == ["zeta", "alpha", "Beta"]


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
        ("Newco", ["Hewlett Packard Enterprise"], "'Hewlett Packard Enterprise' is already in the ledger (an alias of HPE)"),
        ("Microsoft Corporation", [], "'Microsoft Corporation' is already in the ledger: Microsoft"),
        ("Telefónica S.A.", [], "'Telefónica S.A.' is already in the ledger: Telefonica"),
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


def test_resolve_by_name_alias_or_id_and_suggest(shipped: Ledger) -> None:
    assert roster.resolve(shipped, "hewlett packard enterprise").id == "hpe"
    assert roster.resolve(shipped, "trend-micro").name == "Trend Micro"
    with pytest.raises(UnknownName, match="no signatory is called 'Micrsoft'; did you mean 'Microsoft'\\?"):
        roster.resolve(shipped, "Micrsoft")


def test_leave_rejoin_rename_append_history(shipped: Ledger) -> None:
    symantec = roster.resolve(shipped, "Symantec")
    ledger = roster.leave(shipped, symantec, date(2020, 1, 31), TODAY, reason="acquired")
    ledger = roster.rejoin(ledger, roster.resolve(ledger, "symantec"), date(2021, 1, 1), TODAY)
    ledger = roster.rename(ledger, roster.resolve(ledger, "Symantec"), "NortonLifeLock", date(2021, 1, 1), TODAY)
    after = roster.resolve(ledger, "NortonLifeLock")
    assert after.id == "symantec" and after.aliases == ("Symantec",)
    assert [(e.kind, e.date) for e in after.events] == [
        ("leave", date(2020, 1, 31)), ("rejoin", date(2021, 1, 1)), ("rename", date(2021, 1, 1))]
    assert roster.resolve(ledger, "symantec").id == "symantec"
    assert len(ledger.signatories) == len(shipped.signatories)


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        (lambda lg, s: roster.rejoin(lg, s, TODAY, TODAY), HistoryConflict, "already a member"),
        (lambda lg, s: roster.leave(lg, s, date(2027, 1, 1), TODAY), InvalidValue, "in the future"),
        (lambda lg, s: roster.leave(lg, s, date(2018, 4, 1), TODAY), HistoryConflict, "would rewrite it"),
        (lambda lg, s: roster.rename(lg, s, "Cisco", TODAY, TODAY), DuplicateName, "already belongs to Cisco"),
        (lambda lg, s: roster.rename(lg, s, "symantec", TODAY, TODAY), InvalidValue, "already called"),
    ],
)
def test_history_changes_that_contradict_the_ledger_are_refused(shipped: Ledger, change, error, message) -> None:
    with pytest.raises(error, match=message):
        change(shipped, roster.resolve(shipped, "Symantec"))


def test_leaving_twice_is_refused(shipped: Ledger) -> None:
    ledger = roster.leave(shipped, roster.resolve(shipped, "RSA"), date(2020, 1, 1), TODAY)
    with pytest.raises(HistoryConflict, match="RSA is not a member on 2021-01-01"):
        roster.leave(ledger, roster.resolve(ledger, "RSA"), date(2021, 1, 1), TODAY)
