from datetime import date

import pytest

from accord_cli.core import changes, queries
from accord_cli.core.dates import When
from accord_cli.core.errors import (
    DuplicateName,
    HistoryConflict,
    InvalidValue,
    UnknownPledge,
)
from accord_cli.core.model import Accord, Event, Ledger
from tests.conftest import TODAY, add, day, written


def test_add_appends_with_a_fresh_id(founders: Ledger) -> None:
    updated, google = add(
        founders, " Google  LLC ", joined=day(2026, 1, 15), country="us", aliases=["Alphabet"], pledges=["defense"]
    )
    assert updated.signatories[-1] == google
    assert updated.signatories[:-1] == founders.signatories
    assert (google.id, google.name, google.country, google.pledges) == ("google-llc", "Google LLC", "US", ("defense",))


@pytest.mark.parametrize(
    ("name", "aliases", "message"),
    [
        ("microsoft", [], "'microsoft' is already in the ledger: Microsoft, id microsoft, joined 2018-04-17"),
        ("Meta", [], "'Meta' is already in the ledger (an alias of Facebook)"),
        (
            "Newco",
            ["Hewlett Packard Enterprise"],
            "'Hewlett Packard Enterprise' is already in the ledger (an alias of HPE)",
        ),
        ("Microsoft Corporation", [], "'Microsoft Corporation' is already in the ledger: Microsoft"),
        ("Telefónica S.A.", [], "'Telefónica S.A.' is already in the ledger: Telefonica"),
    ],
)
def test_add_refuses_names_already_taken(founders: Ledger, name: str, aliases: list[str], message: str) -> None:
    with pytest.raises(DuplicateName, match=message.replace("(", r"\(").replace(")", r"\)")):
        add(founders, name, joined=TODAY, aliases=aliases)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"joined": day(2026, 11, 29)}, InvalidValue, "in the future"),
        ({"joined": day(2018, 4, 16)}, InvalidValue, "before the accord launched"),
        ({"country": "XX"}, InvalidValue, "not an ISO 3166"),
        ({"pledges": ["offense"]}, UnknownPledge, "unknown pledge 'offense'"),
        ({"aliases": ["acme"]}, InvalidValue, "repeats the name"),
    ],
)
def test_add_refuses_bad_values(founders: Ledger, kwargs: dict, error: type, message: str) -> None:
    kwargs = {"joined": TODAY, **kwargs}
    with pytest.raises(error, match=message):
        add(founders, "Acme", **kwargs)


@pytest.mark.parametrize("name", ["", "   ", "Evil\x1b[2J", "Bad\rName", "Flip\u202eTxet"])
def test_add_refuses_empty_names_and_control_characters(founders: Ledger, name: str) -> None:
    with pytest.raises(InvalidValue):
        add(founders, name, joined=TODAY)


def test_leave_rejoin_rename_append_history(founders: Ledger) -> None:
    symantec = queries.resolve(founders, "Symantec")
    ledger = changes.leave(founders, symantec, day(2020, 1, 31), reason="acquired")
    ledger = changes.rejoin(ledger, queries.resolve(ledger, "symantec"), day(2021, 1, 1))
    ledger = changes.rename(ledger, queries.resolve(ledger, "Symantec"), "NortonLifeLock", day(2021, 1, 1))
    after = queries.resolve(written(founders, ledger), "NortonLifeLock")
    assert after.id == "symantec" and after.aliases == () and after.former_names == ("Symantec",)
    assert [(e.kind, e.date) for e in after.events] == [
        ("leave", day(2020, 1, 31)),
        ("rejoin", day(2021, 1, 1)),
        ("rename", day(2021, 1, 1)),
    ]
    assert queries.resolve(ledger, "symantec").id == "symantec"
    assert len(ledger.signatories) == len(founders.signatories)


def test_an_event_found_later_is_recorded_in_date_order(founders: Ledger) -> None:
    symantec = queries.resolve(founders, "Symantec")
    ledger = changes.leave(founders, symantec, day(2022, 1, 31))
    ledger = changes.rename(ledger, queries.resolve(ledger, "Symantec"), "NortonLifeLock", When.day(date(2019, 6, 1)))
    after = queries.resolve(written(founders, ledger), "NortonLifeLock")
    assert [(e.kind, e.date.isoformat()) for e in after.events] == [("rename", "2019-06-01"), ("leave", "2022-01-31")]
    ledger = changes.leave(ledger, after, day(2020, 1, 1))  # a leave before the one recorded: two in a row
    with pytest.raises(
        HistoryConflict,
        match="NortonLifeLock \\(id symantec\\), event 3: leaves on 2022-01-31 but was not a member then",
    ):
        written(founders, ledger)


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        (
            lambda lg, s: changes.rejoin(lg, s, When.day(TODAY)),
            HistoryConflict,
            "rejoins on 2026-11-28 but was already a member",
        ),
        (
            lambda lg, s: changes.leave(lg, s, day(2027, 1, 1)),
            HistoryConflict,
            "leave on 2027-01-01 is in the future \\(today is 2026-11-28\\)",
        ),
        (
            lambda lg, s: changes.leave(lg, s, day(2018, 4, 1)),
            HistoryConflict,
            "leave on 2018-04-01 is before it joined",
        ),
        (
            lambda lg, s: changes.rename(lg, s, "Cisco", When.day(TODAY)),
            DuplicateName,
            "'Cisco' is also a name of Cisco \\(id cisco\\)",
        ),
    ],
)
def test_history_changes_that_contradict_the_ledger_are_refused(founders: Ledger, change, error, message) -> None:
    with pytest.raises(error, match=message):
        written(founders, change(founders, queries.resolve(founders, "Symantec")))


def test_a_rename_to_the_name_it_has_is_refused(founders: Ledger) -> None:
    with pytest.raises(InvalidValue, match="already called"):
        changes.rename(founders, queries.resolve(founders, "Symantec"), "symantec", When.day(TODAY))


def test_leaving_twice_is_refused(founders: Ledger) -> None:
    ledger = written(founders, changes.leave(founders, queries.resolve(founders, "RSA"), day(2020, 1, 1)))
    with pytest.raises(
        HistoryConflict, match="RSA \\(id rsa\\), event 2: leaves on 2021-01-01 but was not a member then"
    ):
        written(ledger, changes.leave(ledger, queries.resolve(ledger, "RSA"), day(2021, 1, 1)))


# -- corrections ----------------------------------------------------------------------------------


def _history(founders: Ledger) -> Ledger:
    """Symantec, renamed NortonLifeLock, then gone."""
    symantec = queries.resolve(founders, "Symantec")
    ledger = changes.rename(founders, symantec, "NortonLifeLock", day(2019, 11, 4), source="https://a")
    return written(founders, changes.leave(ledger, queries.resolve(ledger, "Symantec"), day(2020, 1, 31), "acquired"))


def test_edit_sets_and_clears_fields(founders: Ledger) -> None:
    abb = queries.resolve(founders, "ABB")
    ledger = changes.edit(founders, abb, {"sector": "energy", "country": "se", "source": "", "note": " why "})
    edited = queries.resolve(ledger, "abb")
    assert (edited.sector, edited.country, edited.source, edited.note) == ("energy", "SE", None, "why")
    assert [s.id for s in ledger.signatories] == [s.id for s in founders.signatories]


def test_edit_corrects_the_spelling_of_the_name_without_a_rename(founders: Ledger) -> None:
    ledger = changes.edit(founders, queries.resolve(founders, "VMware"), {"name": "VMWARE"})
    assert queries.resolve(ledger, "vmware").name == "VMWARE" and queries.resolve(ledger, "vmware").events == ()
    renamed = _history(founders)
    ledger = changes.edit(renamed, queries.resolve(renamed, "NortonLifeLock"), {"name": "NortonLifelock"})
    corrected = queries.resolve(ledger, "symantec")
    assert corrected.name == "NortonLifelock" and corrected.events[0].new_name == "NortonLifelock"


def test_edit_aliases_and_pledges(founders: Ledger) -> None:
    facebook = queries.resolve(founders, "Facebook")
    ledger = changes.edit(
        founders, facebook, {"pledges": ("defense",)}, add_aliases=["Meta Platforms"], remove_aliases=["meta"]
    )
    edited = queries.resolve(ledger, "facebook")
    assert edited.aliases == ("Meta Platforms",) and edited.pledges == ("defense",)
    ledger = changes.edit(ledger, edited, {"pledges": None})
    assert queries.resolve(ledger, "facebook").pledges is None


@pytest.mark.parametrize(
    ("fields", "aliases", "error", "message"),
    [
        (
            {"name": "Microsoft"},
            [],
            DuplicateName,
            "Microsoft (id avast): 'Microsoft' is also a name of Microsoft (id microsoft)",
        ),
        ({}, ["Cisco Inc."], DuplicateName, "Avast (id avast): 'Cisco Inc.' is also a name of Cisco (id cisco)"),
        ({"country": "UK"}, [], InvalidValue, "Avast (id avast): 'UK' is not an ISO 3166"),
        ({"pledges": ("offense",)}, [], UnknownPledge, "Avast (id avast): unknown pledge 'offense'"),
        ({"joined": day(2018, 4, 1)}, [], InvalidValue, "joined 2018-04-01 is before the accord launched (2018-04-17)"),
        ({"name": "  "}, [], InvalidValue, "the name is empty"),
    ],
)
def test_edit_refusals(founders: Ledger, fields: dict, aliases: list, error: type, message: str) -> None:
    with pytest.raises(error, match=message.replace("(", r"\(").replace(")", r"\)")):
        written(founders, changes.edit(founders, queries.resolve(founders, "Avast"), fields, add_aliases=aliases))


def test_edit_refuses_a_joining_after_the_history_it_starts(founders: Ledger) -> None:
    ledger = _history(founders)
    with pytest.raises(HistoryConflict, match="rename on 2019-11-04 is before it joined"):
        written(ledger, changes.edit(ledger, queries.resolve(ledger, "Symantec"), {"joined": day(2019, 12, 1)}))


def test_a_former_name_is_history_not_an_alias(founders: Ledger) -> None:
    ledger = _history(founders)
    with pytest.raises(
        InvalidValue, match="'Symantec' is a former name of NortonLifeLock \\(its name until 2019-11-04\\)"
    ):
        changes.edit(ledger, queries.resolve(ledger, "NortonLifeLock"), {}, remove_aliases=["Symantec"])
    # The name stays its own: no one else may take it, and it still finds the organisation.
    assert queries.resolve(ledger, "Symantec").id == "symantec"
    with pytest.raises(DuplicateName, match="its name until 2019-11-04"):
        add(ledger, "Symantec", joined=TODAY)


def test_correcting_the_name_to_the_one_it_was_renamed_from_is_refused(founders: Ledger) -> None:
    ledger = _history(founders)
    edited = changes.edit(ledger, queries.resolve(ledger, "NortonLifeLock"), {"name": "Symantec"})
    with pytest.raises(HistoryConflict, match="renamed on 2019-11-04 from 'Symantec' to 'Symantec', the same name"):
        written(ledger, edited)


def test_amend_corrects_an_event_and_refuses_an_impossible_history(founders: Ledger) -> None:
    ledger = _history(founders)
    symantec = queries.resolve(ledger, "Symantec")
    amended = changes.amend_event(ledger, symantec, 2, {"date": day(2020, 2, 3), "source": "https://b"})
    assert queries.resolve(amended, "Symantec").events[1] == Event(
        day(2020, 2, 3), "leave", "acquired", source="https://b"
    )
    with pytest.raises(HistoryConflict, match="comes after a change dated 2019-11-04"):
        written(ledger, changes.amend_event(ledger, symantec, 2, {"date": day(2019, 1, 1)}))
    with pytest.raises(InvalidValue, match="only a leave has a reason"):
        changes.amend_event(ledger, symantec, 1, {"reason": "because"})
    with pytest.raises(InvalidValue, match="has no event 3 \\(it has events 1 to 2"):
        changes.amend_event(ledger, symantec, 3, {"date": TODAY})


def test_drop_event_undoes_a_leave_or_the_last_rename(founders: Ledger) -> None:
    ledger = _history(founders)
    symantec = queries.resolve(ledger, "Symantec")
    without_leave = changes.drop_event(ledger, symantec, 2)
    assert [e.kind for e in queries.resolve(without_leave, "Symantec").events] == ["rename"]
    with pytest.raises(HistoryConflict, match="not its last rename"):
        renamed_twice = changes.rename(
            without_leave, queries.resolve(without_leave, "Symantec"), "Gen Digital", day(2022, 11, 8)
        )
        changes.drop_event(renamed_twice, queries.resolve(renamed_twice, "Symantec"), 1)
    back = changes.drop_event(without_leave, queries.resolve(without_leave, "Symantec"), 1)
    restored = queries.resolve(back, "symantec")
    assert (restored.name, restored.aliases, restored.events) == ("Symantec", (), ())


def test_drop_event_refuses_leaving_an_impossible_history(founders: Ledger) -> None:
    symantec = queries.resolve(founders, "Symantec")
    ledger = changes.leave(founders, symantec, day(2020, 1, 1))
    ledger = written(founders, changes.rejoin(ledger, queries.resolve(ledger, "Symantec"), day(2021, 1, 1)))
    with pytest.raises(HistoryConflict, match="rejoins on 2021-01-01 but was already a member"):
        written(ledger, changes.drop_event(ledger, queries.resolve(ledger, "Symantec"), 1))


def test_events_carry_their_source_and_note(founders: Ledger) -> None:
    ledger = changes.leave(
        founders, queries.resolve(founders, "RSA"), day(2020, 9, 1), "spun off", source=" https://rsa.example ", note=""
    )
    assert queries.resolve(ledger, "RSA").events == (
        Event(day(2020, 9, 1), "leave", "spun off", source="https://rsa.example"),
    )


@pytest.mark.parametrize(
    ("field", "text"), [("reason", "gone\x1b[2J"), ("source", "https://x\u202e"), ("note", "Micro\u200bsoft")]
)
def test_free_text_that_would_reach_a_terminal_raw_or_hide_a_character_is_refused(field: str, text: str) -> None:
    ledger, acme = add(Ledger(Accord("A")), "Acme", joined=day(2020, 1, 1))
    with pytest.raises(InvalidValue, match=f"the {field} .* contains U\\+"):
        changes.leave(ledger, acme, When.day(TODAY), **{field: text})
    assert changes.edit(ledger, acme, {"note": "two\nlines"}).signatories[0].note == "two\nlines"


def test_sectors_are_stored_in_lower_case_and_folded_where_written_by_hand(founders: Ledger) -> None:
    from msgspec import structs

    from accord_cli.core.rules import find_problems

    added, acme = add(founders, "Acme Labs", joined=date(2020, 1, 1), sector="Security")
    assert acme.sector == "security"
    assert changes.edit(added, acme, {"sector": "Threat Intel"}).signatories[-1].sector == "threat intel"
    by_hand = structs.replace(
        founders, signatories=(structs.replace(founders.signatories[0], sector="Industrial"), *founders.signatories[1:])
    )
    noted = [p for p in find_problems(by_hand, TODAY) if p.path[-1] == "sector"]
    assert [(p.message, p.note) for p in noted] == [
        ("sector 'Industrial' is not in lower case, as accord stores sectors (`accord fmt` folds it)", True)
    ]
    assert changes.canonical(by_hand).signatories[0].sector == "industrial"
    assert changes.canonical(founders) is founders
