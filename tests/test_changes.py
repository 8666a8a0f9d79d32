
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
from tests.conftest import TODAY, add, day


def test_add_appends_with_a_fresh_id(founders: Ledger) -> None:
    updated, google = add(founders, " Google  LLC ", joined=day(2026, 1, 15),
                                           country="us", aliases=["Alphabet"], pledges=["defense"])
    assert updated.signatories[-1] == google
    assert updated.signatories[:-1] == founders.signatories
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
    ledger = changes.leave(founders, symantec, day(2020, 1, 31), TODAY, reason="acquired")
    ledger = changes.rejoin(ledger, queries.resolve(ledger, "symantec"), day(2021, 1, 1), TODAY)
    ledger = changes.rename(ledger, queries.resolve(ledger, "Symantec"), "NortonLifeLock", day(2021, 1, 1), TODAY)
    after = queries.resolve(ledger, "NortonLifeLock")
    assert after.id == "symantec" and after.aliases == ("Symantec",)
    assert [(e.kind, e.date) for e in after.events] == [
        ("leave", day(2020, 1, 31)), ("rejoin", day(2021, 1, 1)), ("rename", day(2021, 1, 1))]
    assert queries.resolve(ledger, "symantec").id == "symantec"
    assert len(ledger.signatories) == len(founders.signatories)


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        (lambda lg, s: changes.rejoin(lg, s, When.day(TODAY), TODAY), HistoryConflict, "already a member"),
        (lambda lg, s: changes.leave(lg, s, day(2027, 1, 1), TODAY), InvalidValue, "in the future"),
        (lambda lg, s: changes.leave(lg, s, day(2018, 4, 1), TODAY), HistoryConflict, "would rewrite it"),
        (lambda lg, s: changes.rename(lg, s, "Cisco", When.day(TODAY), TODAY), DuplicateName, "already belongs to Cisco"),
        (lambda lg, s: changes.rename(lg, s, "symantec", When.day(TODAY), TODAY), InvalidValue, "already called"),
    ],
)
def test_history_changes_that_contradict_the_ledger_are_refused(founders: Ledger, change, error, message) -> None:
    with pytest.raises(error, match=message):
        change(founders, queries.resolve(founders, "Symantec"))


def test_leaving_twice_is_refused(founders: Ledger) -> None:
    ledger = changes.leave(founders, queries.resolve(founders, "RSA"), day(2020, 1, 1), TODAY)
    with pytest.raises(HistoryConflict, match="RSA is not a member on 2021-01-01"):
        changes.leave(ledger, queries.resolve(ledger, "RSA"), day(2021, 1, 1), TODAY)


# -- corrections ----------------------------------------------------------------------------------


def _history(founders: Ledger) -> Ledger:
    """Symantec, renamed NortonLifeLock, then gone."""
    symantec = queries.resolve(founders, "Symantec")
    ledger = changes.rename(founders, symantec, "NortonLifeLock", day(2019, 11, 4), TODAY, source="https://a")
    return changes.leave(ledger, queries.resolve(ledger, "Symantec"), day(2020, 1, 31), TODAY, "acquired")


def test_edit_sets_and_clears_fields(founders: Ledger) -> None:
    abb = queries.resolve(founders, "ABB")
    ledger = changes.edit(founders, abb, TODAY, {"sector": "energy", "country": "se", "source": "", "note": " why "})
    edited = queries.resolve(ledger, "abb")
    assert (edited.sector, edited.country, edited.source, edited.note) == ("energy", "SE", None, "why")
    assert [s.id for s in ledger.signatories] == [s.id for s in founders.signatories]


def test_edit_corrects_the_spelling_of_the_name_without_a_rename(founders: Ledger) -> None:
    ledger = changes.edit(founders, queries.resolve(founders, "VMware"), TODAY, {"name": "VMWARE"})
    assert queries.resolve(ledger, "vmware").name == "VMWARE" and queries.resolve(ledger, "vmware").events == ()
    renamed = _history(founders)
    ledger = changes.edit(renamed, queries.resolve(renamed, "NortonLifeLock"), TODAY, {"name": "NortonLifelock"})
    corrected = queries.resolve(ledger, "symantec")
    assert corrected.name == "NortonLifelock" and corrected.events[0].new_name == "NortonLifelock"


def test_edit_aliases_and_pledges(founders: Ledger) -> None:
    facebook = queries.resolve(founders, "Facebook")
    ledger = changes.edit(founders, facebook, TODAY, {"pledges": ("defense",)}, add_aliases=["Meta Platforms"],
                          remove_aliases=["meta"])
    edited = queries.resolve(ledger, "facebook")
    assert edited.aliases == ("Meta Platforms",) and edited.pledges == ("defense",)
    ledger = changes.edit(ledger, edited, TODAY, {"pledges": None})
    assert queries.resolve(ledger, "facebook").pledges is None


@pytest.mark.parametrize(("fields", "aliases", "error", "message"), [
    ({"name": "Microsoft"}, [], DuplicateName, "'Microsoft' already belongs to Microsoft"),
    ({}, ["Cisco Inc."], DuplicateName, "'Cisco Inc.' already belongs to Cisco"),
    ({"country": "UK"}, [], InvalidValue, "not an ISO 3166"),
    ({"pledges": ("offense",)}, [], UnknownPledge, "unknown pledge 'offense'"),
    ({"joined": day(2018, 4, 1)}, [], InvalidValue, "before the accord launched (2018-04-17)"),
    ({"name": "  "}, [], InvalidValue, "the name is empty"),
])
def test_edit_refusals(founders: Ledger, fields: dict, aliases: list, error: type, message: str) -> None:
    with pytest.raises(error, match=message.replace("(", r"\(").replace(")", r"\)")):
        changes.edit(founders, queries.resolve(founders, "Avast"), TODAY, fields, add_aliases=aliases)


def test_edit_refuses_a_joining_after_the_history_it_starts(founders: Ledger) -> None:
    ledger = _history(founders)
    with pytest.raises(HistoryConflict, match="rename on 2019-11-04 is before it joined"):
        changes.edit(ledger, queries.resolve(ledger, "Symantec"), TODAY, {"joined": day(2019, 12, 1)})


def test_amend_corrects_an_event_and_refuses_an_impossible_history(founders: Ledger) -> None:
    ledger = _history(founders)
    symantec = queries.resolve(ledger, "Symantec")
    amended = changes.amend_event(ledger, symantec, 2, TODAY, {"date": day(2020, 2, 3), "source": "https://b"})
    assert queries.resolve(amended, "Symantec").events[1] == Event(day(2020, 2, 3), "leave", "acquired",
                                                                   source="https://b")
    with pytest.raises(HistoryConflict, match="comes after a change dated 2019-11-04"):
        changes.amend_event(ledger, symantec, 2, TODAY, {"date": day(2019, 1, 1)})
    with pytest.raises(InvalidValue, match="only a leave has a reason"):
        changes.amend_event(ledger, symantec, 1, TODAY, {"reason": "because"})
    with pytest.raises(InvalidValue, match="has no event 3 \\(it has events 1 to 2"):
        changes.amend_event(ledger, symantec, 3, TODAY, {"date": TODAY})


def test_drop_event_undoes_a_leave_or_the_last_rename(founders: Ledger) -> None:
    ledger = _history(founders)
    symantec = queries.resolve(ledger, "Symantec")
    without_leave = changes.drop_event(ledger, symantec, 2, TODAY)
    assert [e.kind for e in queries.resolve(without_leave, "Symantec").events] == ["rename"]
    with pytest.raises(HistoryConflict, match="not its last rename"):
        renamed_twice = changes.rename(without_leave, queries.resolve(without_leave, "Symantec"), "Gen Digital",
                                       day(2022, 11, 8), TODAY)
        changes.drop_event(renamed_twice, queries.resolve(renamed_twice, "Symantec"), 1, TODAY)
    back = changes.drop_event(without_leave, queries.resolve(without_leave, "Symantec"), 1, TODAY)
    restored = queries.resolve(back, "symantec")
    assert (restored.name, restored.aliases, restored.events) == ("Symantec", (), ())


def test_drop_event_refuses_leaving_an_impossible_history(founders: Ledger) -> None:
    symantec = queries.resolve(founders, "Symantec")
    ledger = changes.leave(founders, symantec, day(2020, 1, 1), TODAY)
    ledger = changes.rejoin(ledger, queries.resolve(ledger, "Symantec"), day(2021, 1, 1), TODAY)
    with pytest.raises(HistoryConflict, match="rejoins on 2021-01-01 but was already a member"):
        changes.drop_event(ledger, queries.resolve(ledger, "Symantec"), 1, TODAY)


def test_events_carry_their_source_and_note(founders: Ledger) -> None:
    ledger = changes.leave(founders, queries.resolve(founders, "RSA"), day(2020, 9, 1), TODAY, "spun off",
                           source=" https://rsa.example ", note="")
    assert queries.resolve(ledger, "RSA").events == (
        Event(day(2020, 9, 1), "leave", "spun off", source="https://rsa.example"),)


@pytest.mark.parametrize(("field", "text"), [("reason", "gone\x1b[2J"), ("source", "https://x\u202e"),
                                             ("note", "Micro\u200bsoft")])
def test_free_text_that_would_reach_a_terminal_raw_or_hide_a_character_is_refused(field: str, text: str) -> None:
    ledger, acme = add(Ledger(Accord("A")), "Acme", joined=day(2020, 1, 1))
    with pytest.raises(InvalidValue, match=f"the {field} .* contains U\\+"):
        changes.leave(ledger, acme, When.day(TODAY), TODAY, **{field: text})
    assert changes.edit(ledger, acme, TODAY, {"note": "two\nlines"}).signatories[0].note == "two\nlines"
