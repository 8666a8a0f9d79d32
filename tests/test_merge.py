"""The three-way merge of ledgers: entry by entry, and a conflict only where the two sides truly disagree."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from msgspec import structs

from accord_cli.core import changes
from accord_cli.core.counts import add_count
from accord_cli.core.document import encode
from accord_cli.core.errors import AccordError
from accord_cli.core.merge import merge
from accord_cli.core.model import Count, Extra, Ledger, Pledge, Signatory, Snapshot
from accord_cli.core.pledges import edit_pledge
from accord_cli.core.queries import resolve
from accord_cli.core.rules import find_problems
from accord_cli.core.watchlists import add_to_watchlist, remove_from_watchlist
from tests.conftest import TODAY, add, day, written


def _signatory(ledger: Ledger, name: str) -> Signatory:
    return resolve(ledger, name)


def _leave(ledger: Ledger, name: str, on: date) -> Ledger:
    return written(ledger, changes.leave(ledger, _signatory(ledger, name), day(on.year, on.month, on.day)))


def _edit(ledger: Ledger, name: str, **fields) -> Ledger:
    return written(ledger, changes.edit(ledger, _signatory(ledger, name), fields))


def _merged(base: Ledger, ours: Ledger, theirs: Ledger):
    return merge(base, ours, theirs, TODAY)


def _named(ledger: Ledger) -> dict[str, Signatory]:
    return {s.name: s for s in ledger.signatories}


# -- what both sides can change at once ---------------------------------------------------------------------


def test_unchanged_sides_give_the_base(founders) -> None:
    result = _merged(founders, founders, founders)
    assert result.ledger == founders and result.conflicts == ()


def test_signatories_added_on_both_sides_are_all_kept_ours_first(founders) -> None:
    ours, _ = add(founders, "Alpha Security", joined=date(2020, 1, 1))
    theirs, _ = add(founders, "Beta Networks", joined=date(2021, 1, 1))
    result = _merged(founders, ours, theirs)
    assert result.conflicts == ()
    assert [s.name for s in result.ledger.signatories[-3:]] == ["VMware", "Alpha Security", "Beta Networks"]


def test_events_appended_on_both_sides_are_kept_in_date_order(founders) -> None:
    ours = written(
        founders, changes.rename(founders, _signatory(founders, "Symantec"), "NortonLifeLock", day(2019, 11, 4))
    )
    theirs = _leave(founders, "Symantec", date(2020, 1, 31))
    theirs = written(theirs, changes.rejoin(theirs, _signatory(theirs, "Symantec"), day(2021, 6, 1)))
    result = _merged(founders, ours, theirs)
    assert result.conflicts == ()
    merged = _named(result.ledger)["NortonLifeLock"]
    assert [(e.kind, e.date.isoformat()) for e in merged.events] == [
        ("rename", "2019-11-04"),
        ("leave", "2020-01-31"),
        ("rejoin", "2021-06-01"),
    ]
    assert find_problems(result.ledger, TODAY) == []


def test_fields_edited_on_one_side_and_a_leave_on_the_other_both_stand(founders) -> None:
    ours = _edit(founders, "Cisco", sector="networking", note="Signed at RSA")
    theirs = _leave(founders, "Cisco", date(2022, 3, 1))
    result = _merged(founders, ours, theirs)
    assert result.conflicts == ()
    cisco = _named(result.ledger)["Cisco"]
    assert (cisco.sector, cisco.note, [e.kind for e in cisco.events]) == ("networking", "Signed at RSA", ["leave"])


def test_the_same_rename_on_both_sides_is_kept_once(founders) -> None:
    def renamed(ledger: Ledger) -> Ledger:
        return written(ledger, changes.rename(ledger, _signatory(ledger, "Facebook"), "Meta", day(2021, 10, 28)))

    ours = renamed(_edit(founders, "Facebook", country="IE"))
    theirs = renamed(founders)
    result = _merged(founders, ours, theirs)
    assert result.conflicts == ()
    meta = _named(result.ledger)["Meta"]
    assert len(meta.events) == 1 and meta.country == "IE"


def test_aliases_and_watchlist_names_merge_as_sets(founders) -> None:
    ours = written(founders, changes.edit(founders, _signatory(founders, "Facebook"), {}, add_aliases=["FB"]))
    ours, _ = add_to_watchlist(ours, "bigtech", ["Netflix"])
    theirs = written(
        founders, changes.edit(founders, _signatory(founders, "Facebook"), {}, add_aliases=["Meta Platforms"])
    )
    theirs, _ = add_to_watchlist(theirs, "bigtech", ["Oracle"])
    theirs = remove_from_watchlist(theirs, "bigtech", ["Twitter"])
    result = _merged(founders, ours, theirs)
    assert result.conflicts == ()
    assert _named(result.ledger)["Facebook"].aliases == ("Meta", "FB", "Meta Platforms")
    assert result.ledger.watchlists["bigtech"] == (
        "Apple",
        "Amazon",
        "Google",
        "Microsoft",
        "Facebook",
        "Netflix",
        "Oracle",
    )


def test_a_removal_on_one_side_of_an_entry_the_other_left_alone_is_a_removal(founders) -> None:
    gone = changes.remove(founders, changes.plan_removal(founders, _signatory(founders, "Avast")))
    theirs = _edit(founders, "Cisco", sector="networking")
    result = _merged(founders, gone, theirs)
    assert result.conflicts == () and "Avast" not in _named(result.ledger)


def test_pledges_counts_the_accord_and_unknown_keys_merge_by_key(founders) -> None:
    base = structs.replace(founders, extra=Extra({"maintainer": "desk"}))
    ours = edit_pledge(base, "defense", {"title": "Stronger defence"})
    ours = structs.replace(ours, accord=structs.replace(ours.accord, url="https://example.org/accord"))
    ours, _ = add_count(ours, day(2019, 1, 1), 50, "at-least", source="https://a.example/1")
    theirs = structs.replace(
        base,
        extra=Extra({"maintainer": "desk", "licence": "CC-BY"}),
        pledges=(*base.pledges, Pledge("openness", "Openness")),
    )
    theirs, _ = add_count(theirs, day(2018, 9, 11), 44, "exact", source="https://b.example/1")
    result = _merged(base, ours, theirs)
    assert result.conflicts == ()
    merged = result.ledger
    assert [p.title for p in merged.pledges][0] == "Stronger defence" and merged.pledges[-1].id == "openness"
    assert merged.accord.url == "https://example.org/accord"
    assert [c.date.isoformat() for c in merged.counts] == ["2018-09-11", "2019-01-01"]
    assert merged.extra == {"maintainer": "desk", "licence": "CC-BY"}


def test_snapshots_synced_on_both_sides_are_all_kept_in_date_order(founders) -> None:
    first = Snapshot(date(2019, 4, 15), 40, "sha256:aa", "https://a.example/2019")
    base = structs.replace(founders, snapshots=(first,))
    ours = structs.replace(
        base, snapshots=(first, Snapshot(date(2020, 1, 10), 45, "sha256:bb", "https://a.example/20"))
    )
    theirs = structs.replace(base, snapshots=(Snapshot(date(2018, 9, 1), 38, "sha256:cc", "https://b.example"), first))
    result = _merged(base, ours, theirs)
    assert result.conflicts == ()
    assert [s.date.isoformat() for s in result.ledger.snapshots] == ["2018-09-01", "2019-04-15", "2020-01-10"]
    twice = _merged(
        base,
        structs.replace(base, snapshots=(structs.replace(first, count=41),)),
        structs.replace(base, snapshots=(structs.replace(first, count=42),)),
    )
    assert [(c.path, c.reason) for c in twice.conflicts] == [
        (
            ("snapshots", 0, "count"),
            "the snapshot of 2019-04-15 from https://a.example/2019: count changed on both sides",
        )
    ]


def test_an_entry_written_without_an_id_is_matched_by_its_name(founders) -> None:
    acme = Signatory(id="acme", name="Acme", joined=day(2020, 1, 1))
    base = founders.with_signatories([acme])
    # A hand edit on our side corrected the id the entry had been given; theirs records a leave.
    ours = founders.with_signatories([structs.replace(acme, id="acme-corp")])
    theirs = _leave(base, "Acme", date(2021, 1, 1))
    result = _merged(base, ours, theirs)
    assert result.conflicts == ()
    assert [(s.id, len(s.events)) for s in result.ledger.signatories if s.name == "Acme"] == [("acme-corp", 1)]


# -- true conflicts ------------------------------------------------------------------------------------------


def test_the_same_field_changed_two_ways_is_a_conflict_on_that_field(founders) -> None:
    ours = _edit(founders, "Cisco", sector="fintech")
    theirs = _edit(_edit(founders, "Cisco", sector="retail"), "Avast", country="CZ")
    result = _merged(founders, ours, theirs)
    (conflict,) = result.conflicts
    index = [s.id for s in result.ledger.signatories].index("cisco")
    assert conflict.path == ("signatories", index, "sector")
    assert (conflict.base, conflict.ours, conflict.theirs) == ("networking", "fintech", "retail")
    assert conflict.reason == "Cisco (id cisco): sector changed on both sides"
    assert _named(result.ledger)["Avast"].country == "CZ"


def test_removed_on_one_side_and_changed_on_the_other_is_a_conflict_on_the_entry(founders) -> None:
    ours = changes.remove(founders, changes.plan_removal(founders, _signatory(founders, "Avast")))
    theirs = _edit(founders, "Avast", note="Signed in Prague")
    (conflict,) = _merged(founders, ours, theirs).conflicts
    assert conflict.path[0] == "signatories" and len(conflict.path) == 2
    assert conflict.ours is None and conflict.theirs.note == "Signed in Prague" and conflict.base.note is None
    assert conflict.reason == "Avast (id avast): removed on our side, changed on theirs"


def test_one_organisation_added_on_both_sides_under_two_ids_is_one_conflict(founders) -> None:
    ours, _ = add(founders, "Acme", joined=date(2020, 1, 1))
    theirs, _ = add(founders, "Acme Inc.", joined=date(2020, 2, 1))
    result = _merged(founders, ours, theirs)
    (conflict,) = result.conflicts
    assert conflict.path == ("signatories", 34)
    assert (conflict.base, conflict.ours.id, conflict.theirs.id) == (None, "acme", "acme-inc")
    assert len(result.ledger.signatories) == 35


def test_a_merged_history_that_breaks_the_rules_is_a_conflict_on_the_signatory(founders) -> None:
    ours = _leave(founders, "Bitdefender", date(2020, 1, 1))
    theirs = _leave(founders, "Bitdefender", date(2021, 1, 1))
    (conflict,) = _merged(founders, ours, theirs).conflicts
    assert conflict.path == ("signatories", 3)
    assert conflict.reason == (
        "Bitdefender (id bitdefender): with both sides' changes, leaves on 2021-01-01 but was not a member then"
    )


def test_an_event_recorded_two_ways_is_a_conflict(founders) -> None:
    ours = written(founders, changes.leave(founders, _signatory(founders, "Avast"), day(2020, 1, 1), "merged"))
    theirs = written(founders, changes.leave(founders, _signatory(founders, "Avast"), day(2020, 1, 1), "sold"))
    (conflict,) = _merged(founders, ours, theirs).conflicts
    assert "its leave on 2020-01-01 is recorded differently on each side" in conflict.reason


def test_a_watchlist_deleted_on_one_side_and_changed_on_the_other_is_a_conflict(founders) -> None:
    ours = structs.replace(founders, watchlists={})
    theirs, _ = add_to_watchlist(founders, "bigtech", ["Netflix"])
    (conflict,) = _merged(founders, ours, theirs).conflicts
    assert conflict.path == ("watchlists", "bigtech") and conflict.ours is None


def test_a_total_changed_two_ways_is_a_conflict_on_its_field(founders) -> None:
    base = structs.replace(founders, counts=(Count(day(2018, 9, 11), 44, "exact", "https://a.example"),))
    ours = structs.replace(base, counts=(structs.replace(base.counts[0], note="GFCE"),))
    theirs = structs.replace(base, counts=(structs.replace(base.counts[0], note="press release"),))
    (conflict,) = _merged(base, ours, theirs).conflicts
    assert conflict.path == ("counts", 0, "note")


# -- the property: changes that do not conflict merge as if made one after the other ---------------------------


# Each side has signatories of its own to change in every way, and a few it shares with the other, whose
# fields only we change and whose history and aliases only they do; names either side adds are its own.
SHARED = ("Cisco", "Facebook", "Oracle")
OURS = ("ABB", "Arm", "Avast", "Bitdefender", "BT", "CA Technologies")
THEIRS = ("Dell", "DocuSign", "F-Secure", "GitHub", "Guardtime", "HP")
Edit = Callable[[Ledger], Ledger]


def _dates() -> st.SearchStrategy[date]:
    return st.dates(date(2019, 1, 1), date(2025, 12, 31))


def _edits(side: str) -> st.SearchStrategy[list[tuple[str, Edit]]]:
    own = OURS if side == "ours" else THEIRS
    word = "Ours" if side == "ours" else "Theirs"
    history_of = own if side == "ours" else own + SHARED
    fields_of = own + SHARED if side == "ours" else own
    numbers = st.integers(1, 50)

    def leave(name: str, on: date) -> tuple[str, Edit]:
        return f"leave {name} {on}", lambda ledger: _leave(ledger, name, on)

    def rejoin(name: str, on: date) -> tuple[str, Edit]:
        when = day(on.year, on.month, on.day)
        return f"rejoin {name} {on}", lambda ledger: written(
            ledger, changes.rejoin(ledger, _signatory(ledger, name), when)
        )

    def rename(name: str, n: int, on: date) -> tuple[str, Edit]:
        when, new = day(on.year, on.month, on.day), f"{word} Renamed {n}"
        return f"rename {name} {new}", lambda ledger: written(
            ledger, changes.rename(ledger, _signatory(ledger, name), new, when)
        )

    def alias(name: str, n: int) -> tuple[str, Edit]:
        return f"alias {name} {n}", lambda ledger: written(
            ledger, changes.edit(ledger, _signatory(ledger, name), {}, add_aliases=[f"{word} Alias {n}"])
        )

    def edit(name: str, field: str, value: str) -> tuple[str, Edit]:
        return f"edit {name} {field}={value}", lambda ledger: _edit(ledger, name, **{field: value})

    def added(n: int, on: date) -> tuple[str, Edit]:
        return f"add {word} Member {n}", lambda ledger: add(ledger, f"{word} Member {n}", joined=on)[0]

    def removed(name: str) -> tuple[str, Edit]:
        return f"remove {name}", lambda ledger: changes.remove(
            ledger, changes.plan_removal(ledger, _signatory(ledger, name)), force=True
        )

    def watched(n: int) -> tuple[str, Edit]:
        return f"watch {word} Watched {n}", lambda ledger: add_to_watchlist(ledger, "bigtech", [f"{word} Watched {n}"])[
            0
        ]

    def counted(n: int, on: date) -> tuple[str, Edit]:
        when = day(on.year, on.month, on.day)
        return f"count {n} {on}", lambda ledger: add_count(
            ledger, when, n * 10, "at-least", source=f"https://{side}.example/{n}"
        )[0]

    edit_kinds = st.one_of(
        st.builds(leave, st.sampled_from(history_of), _dates()),
        st.builds(rejoin, st.sampled_from(history_of), _dates()),
        st.builds(rename, st.sampled_from(history_of), numbers, _dates()),
        st.builds(alias, st.sampled_from(history_of), numbers),
        st.builds(
            edit,
            st.sampled_from(fields_of),
            st.sampled_from(["sector", "note"]),
            st.sampled_from(["security", "telecom", "internet", "Seen at RSA"]),
        ),
        st.builds(edit, st.sampled_from(fields_of), st.just("country"), st.sampled_from(["US", "GB", "FI"])),
        st.builds(added, numbers, _dates()),
        st.builds(removed, st.sampled_from(own)),
        st.builds(watched, numbers),
        st.builds(counted, numbers, _dates()),
    )
    return st.lists(edit_kinds, max_size=8)


def _applied(ledger: Ledger, edits: list[tuple[str, Edit]]) -> tuple[Ledger, list[tuple[str, Edit]]]:
    """The ledger with each edit made that the ledger allows (as a command would refuse the others)."""
    done = []
    for what, edit in edits:
        try:
            ledger = edit(ledger)
        except (AccordError, LookupError):
            continue
        done.append((what, edit))
    return ledger, done


def _meaning(ledger: Ledger) -> dict:
    """What a ledger says, whatever order the sides' additions came in."""
    doc = encode(ledger)
    doc["signatories"] = sorted(
        ({**s, "aliases": sorted(s.get("aliases", []))} for s in doc.get("signatories", ())), key=lambda s: s["id"]
    )
    doc["counts"] = sorted(doc.get("counts", ()), key=lambda c: (str(c["date"]), c.get("source", "")))
    doc["watchlists"] = {name: sorted(names) for name, names in doc.get("watchlists", {}).items()}
    return doc


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_edits("ours"), _edits("theirs"))
def test_edits_that_do_not_conflict_merge_as_if_made_in_either_order(founders, ours_edits, theirs_edits) -> None:
    ours, ours_done = _applied(founders, ours_edits)
    theirs, theirs_done = _applied(founders, theirs_edits)
    ours_then_theirs, theirs_after = _applied(ours, theirs_done)
    theirs_then_ours, ours_after = _applied(theirs, ours_done)
    # A pair truly conflicts when one side's edits cannot all be made after the other's (the same total
    # reported by two sources, which `counts add` takes once), or the two orders give different ledgers.
    assume(
        theirs_after == theirs_done
        and ours_after == ours_done
        and _meaning(ours_then_theirs) == _meaning(theirs_then_ours)
    )
    result = _merged(founders, ours, theirs)
    assert result.conflicts == ()
    assert _meaning(result.ledger) == _meaning(ours_then_theirs)
    assert [p for p in find_problems(result.ledger, TODAY) if not p.note] == []


@pytest.mark.parametrize("side", ["ours", "theirs"])
def test_a_change_on_one_side_alone_is_that_side(founders, side) -> None:
    changed = _leave(_edit(founders, "Cisco", sector="networking"), "Avast", date(2020, 5, 5))
    ours, theirs = (changed, founders) if side == "ours" else (founders, changed)
    result = _merged(founders, ours, theirs)
    assert result.conflicts == () and result.ledger == changed
