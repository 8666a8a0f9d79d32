from datetime import date

import pytest

from accord_cli.core import changes, queries
from accord_cli.core.errors import DuplicateName, HistoryConflict, InvalidValue, UnknownPledge
from accord_cli.core.model import Ledger
from tests.conftest import TODAY, add


def test_add_appends_with_a_fresh_id(shipped: Ledger) -> None:
    updated, google = add(shipped, " Google  LLC ", joined=date(2026, 1, 15),
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
        add(shipped, name, joined=TODAY, aliases=aliases)


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
        add(shipped, "Acme", **kwargs)


@pytest.mark.parametrize("name", ["", "   ", "Evil\x1b[2J", "Bad\rName", "Flip\u202eTxet"])
def test_add_refuses_empty_names_and_control_characters(shipped: Ledger, name: str) -> None:
    with pytest.raises(InvalidValue):
        add(shipped, name, joined=TODAY)


def test_leave_rejoin_rename_append_history(shipped: Ledger) -> None:
    symantec = queries.resolve(shipped, "Symantec")
    ledger = changes.leave(shipped, symantec, date(2020, 1, 31), TODAY, reason="acquired")
    ledger = changes.rejoin(ledger, queries.resolve(ledger, "symantec"), date(2021, 1, 1), TODAY)
    ledger = changes.rename(ledger, queries.resolve(ledger, "Symantec"), "NortonLifeLock", date(2021, 1, 1), TODAY)
    after = queries.resolve(ledger, "NortonLifeLock")
    assert after.id == "symantec" and after.aliases == ("Symantec",)
    assert [(e.kind, e.date) for e in after.events] == [
        ("leave", date(2020, 1, 31)), ("rejoin", date(2021, 1, 1)), ("rename", date(2021, 1, 1))]
    assert queries.resolve(ledger, "symantec").id == "symantec"
    assert len(ledger.signatories) == len(shipped.signatories)


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        (lambda lg, s: changes.rejoin(lg, s, TODAY, TODAY), HistoryConflict, "already a member"),
        (lambda lg, s: changes.leave(lg, s, date(2027, 1, 1), TODAY), InvalidValue, "in the future"),
        (lambda lg, s: changes.leave(lg, s, date(2018, 4, 1), TODAY), HistoryConflict, "would rewrite it"),
        (lambda lg, s: changes.rename(lg, s, "Cisco", TODAY, TODAY), DuplicateName, "already belongs to Cisco"),
        (lambda lg, s: changes.rename(lg, s, "symantec", TODAY, TODAY), InvalidValue, "already called"),
    ],
)
def test_history_changes_that_contradict_the_ledger_are_refused(shipped: Ledger, change, error, message) -> None:
    with pytest.raises(error, match=message):
        change(shipped, queries.resolve(shipped, "Symantec"))


def test_leaving_twice_is_refused(shipped: Ledger) -> None:
    ledger = changes.leave(shipped, queries.resolve(shipped, "RSA"), date(2020, 1, 1), TODAY)
    with pytest.raises(HistoryConflict, match="RSA is not a member on 2021-01-01"):
        changes.leave(ledger, queries.resolve(ledger, "RSA"), date(2021, 1, 1), TODAY)
