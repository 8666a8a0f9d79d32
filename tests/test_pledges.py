"""Adding, correcting and removing the accord's pledges."""

import pytest

from accord_cli.core import pledges
from accord_cli.core.errors import DuplicateName, InvalidValue, UnknownPledge
from accord_cli.core.model import Ledger
from tests.conftest import add


def test_a_new_pledge_is_endorsed_by_those_who_endorse_them_all(founders: Ledger) -> None:
    ledger = pledges.add_pledge(founders, "transparency", " Transparency ", source="https://example.org")
    assert ledger.pledges[-1].title == "Transparency" and ledger.pledges[-1].source == "https://example.org"
    assert all(s.endorses("transparency") for s in ledger.signatories)


@pytest.mark.parametrize(
    ("pledge_id", "title", "error", "message"),
    [
        ("defense", "Again", DuplicateName, "already has a pledge 'defense'"),
        ("No Offense", "X", InvalidValue, "is not a pledge id"),
        ("new", "  ", InvalidValue, "the title is empty"),
    ],
)
def test_adding_a_pledge_refuses(founders: Ledger, pledge_id: str, title: str, error: type, message: str) -> None:
    with pytest.raises(error, match=message):
        pledges.add_pledge(founders, pledge_id, title)


def test_editing_a_pledge_keeps_its_id(founders: Ledger) -> None:
    ledger = pledges.edit_pledge(founders, "defense", {"summary": "", "title": "Defense"})
    assert (ledger.pledges[0].id, ledger.pledges[0].title, ledger.pledges[0].summary) == ("defense", "Defense", None)
    with pytest.raises(UnknownPledge, match="no pledge has the id 'defence'; did you mean 'defense'"):
        pledges.edit_pledge(founders, "defence", {"title": "x"})


def test_removing_a_pledge_named_by_a_signatory_needs_force(founders: Ledger) -> None:
    ledger, acme = add(founders, "Acme", joined=founders.accord.launched, pledges=["defense", "no-offense"])
    with pytest.raises(InvalidValue, match="Acme endorses 'defense' by name \\(Acme\\)"):
        pledges.remove_pledge(ledger, "defense")
    removed = pledges.remove_pledge(ledger, "defense", force=True)
    assert "defense" not in removed.pledge_ids
    assert removed.signatories[-1].pledges == ("no-offense",)
    assert pledges.remove_pledge(founders, "defense").pledge_ids == (
        "no-offense",
        "capacity-building",
        "collective-action",
    )
