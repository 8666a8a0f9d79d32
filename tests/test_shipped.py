"""The shipped ledger: the founders, and what sources say happened since, each fact with its source."""

import tomli

from accord_cli.core.counts import coverage
from accord_cli.core.document import decode
from accord_cli.core.membership import history
from accord_cli.core.queries import resolve
from accord_cli.core.rules import find_problems
from accord_cli.core.watchlists import check_watch
from tests.conftest import FOUNDERS, REPO, TODAY

SHIPPED, _ = decode(tomli.loads((REPO / "accord.toml").read_text(encoding="utf-8")))
assert SHIPPED is not None

VENTUREBEAT = "https://venturebeat.com/2018/04/17/facebook-microsoft-and-32-other-tech-firms-sign-cybersecurity-pledge/"
RADAR = "https://internet-governance-radar.de/aktuelles/blogpost/q2-2021-tech-accord"


def test_the_founders_are_the_34_of_the_launch_list() -> None:
    founders, _ = decode(tomli.loads(FOUNDERS.read_text(encoding="utf-8")))
    assert founders is not None and len(founders.signatories) == 34
    launch = [s for s in SHIPPED.signatories if s.joined.isoformat() == "2018-04-17"]
    assert [s.id for s in launch] == [s.id for s in founders.signatories]
    assert all(s.source == VENTUREBEAT for s in launch)


def test_those_who_joined_later_carry_what_their_source_says() -> None:
    later = {
        s.id: (s.name, s.joined.isoformat(), s.country, s.sector, s.source)
        for s in SHIPPED.signatories
        if s.joined.isoformat() != "2018-04-17"
    }
    assert later == {
        "carbon-black": (
            "Carbon Black",
            "2018-04-18/2018-04-30",
            "US",
            "security",
            "https://ia.acs.org.au/article/2018/tech-companies-sign-cyber-accord.html",
        ),
        "panda-security": (
            "Panda Security",
            "2018-09",
            "ES",
            "security",
            "https://www.pandasecurity.com/es/mediacenter/panda-security/apoya-llamamiento-paris-ciberespacio/",
        ),
        "hitachi": ("Hitachi", "../2021-05-05", "JP", None, RADAR),
    }


def test_facebook_is_meta_since_2021_10_28() -> None:
    meta = resolve(SHIPPED, "Facebook")
    (rename,) = [c for c in history(meta) if c.kind == "rename"]
    assert (meta.name, meta.aliases, rename.old_name, rename.date.isoformat(), rename.source) == (
        "Meta",
        ("Facebook",),
        "Facebook",
        "2021-10-28",
        "https://www.ajc.com/news/facebook-is-officially-changing-its-name-to-meta/BUWIS4NH43HU4TNQC7IWZ5JIUE/",
    )
    bigtech = {r.name: (r.status.value, r.detail) for r in check_watch(SHIPPED, SHIPPED.watchlists["bigtech"], TODAY)}
    assert bigtech["Facebook"] == ("signed", "signed 2018-04-17 (as Facebook; now Meta)")


def test_the_totals_sources_report() -> None:
    assert [(c.date.isoformat(), c.count, c.qualifier, c.source) for c in SHIPPED.counts] == [
        ("2018-04-17", 34, "exact", VENTUREBEAT),
        ("2018-09-11", 44, "exact", "https://www.thegfce.com/news/news/2018/09/11/cyber-tech-accord"),
        ("2021-05-05", 150, "at-least", RADAR),
        (
            "2022-12",
            150,
            "at-least",
            "https://cybertechaccord.org/cybersecurity-tech-accord-delivers-statement-"
            "hosts-event-during-informal-intersessional-oewg-on-ict/",
        ),
    ]
    assert [(c.named, c.possibly) for c in coverage(SHIPPED)] == [(34, 1), (35, 2), (37, 0), (37, 0)]


def test_the_shipped_ledger_has_no_problems() -> None:
    assert find_problems(SHIPPED, TODAY) == []


def test_every_fact_has_a_source() -> None:
    assert all(s.source for s in SHIPPED.signatories)
    assert all(e.source for s in SHIPPED.signatories for e in s.events)
    assert all(c.source for c in SHIPPED.counts)
