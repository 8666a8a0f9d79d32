import pytest

from accord_cli.core import queries
from accord_cli.core.errors import InvalidValue, UnknownName
from accord_cli.core.membership import members
from accord_cli.core.model import Accord, Ledger
from tests.conftest import TODAY, add, day


def names(standings) -> list[str]:
    return [st.name for st in standings]


def test_select_by_sector_country_and_search(founders: Ledger) -> None:
    everyone = members(founders, TODAY)
    assert names(queries.select(everyone, sector="TELECOM")) == ["BT", "Nokia", "Telefonica"]
    assert names(queries.select(everyone, country="fi")) == ["F-Secure", "Nokia"]
    assert names(queries.select(everyone, search="meta")) == ["Facebook"]
    assert names(queries.select(everyone, search="micro")) == ["Microsoft", "Trend Micro"]
    assert names(queries.select(everyone, sector="security", country="US")) == ["FireEye", "RSA", "Symantec", "Tenable"]


def test_unknown_sector_or_country_is_refused_not_silently_empty(founders: Ledger) -> None:
    with pytest.raises(InvalidValue, match="no signatory has the sector 'securty'"):
        queries.checked_sector(founders.signatories, "securty")
    with pytest.raises(InvalidValue, match="not an ISO 3166"):
        queries.checked_country("USA")


def test_sort_by_joined_then_name() -> None:
    ledger = Ledger(Accord("Test"))
    ledger, _ = add(ledger, "zeta", joined=day(2019, 1, 1))
    ledger, _ = add(ledger, "Beta", joined=day(2020, 1, 1))
    ledger, _ = add(ledger, "alpha", joined=day(2020, 1, 1))
    everyone = members(ledger, TODAY)
    assert names(queries.sort_standings(everyone)) == ["alpha", "Beta", "zeta"]
    assert names(queries.sort_standings(everyone, queries.SortKey.joined)) == ["zeta", "alpha", "Beta"]


def test_pledge_support_counts_endorsements(founders: Ledger) -> None:
    updated, _ = add(founders, "Acme", joined=TODAY, pledges=["defense"])
    support = {p.id: n for p, n in queries.pledge_support(updated, updated.signatories)}
    assert support == {"defense": 35, "no-offense": 34, "capacity-building": 34, "collective-action": 34}


def test_resolve_by_name_alias_or_id_and_suggest(founders: Ledger) -> None:
    assert queries.resolve(founders, "hewlett packard enterprise").id == "hpe"
    assert queries.resolve(founders, "trend-micro").name == "Trend Micro"
    with pytest.raises(UnknownName, match="no signatory is called 'Micrsoft'; did you mean 'Microsoft'\\?"):
        queries.resolve(founders, "Micrsoft")
