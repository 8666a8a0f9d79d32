"""Names that cannot be spoofed: invisible characters, letters of other scripts, Unicode's confusables."""

from datetime import date

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from accord_cli.core import changes, queries, watchlists
from accord_cli.core.characters import INVISIBLE_RANGES
from accord_cli.core.dates import When
from accord_cli.core.errors import (
    AccordError,
    DuplicateName,
    InvalidValue,
    LookalikeName,
    UnknownName,
)
from accord_cli.core.importing import ImportFile, Row, plan_import
from accord_cli.core.lookalikes import _prototypes, mixed_script_words
from accord_cli.core.model import Ledger, Signatory
from accord_cli.core.names import lookalike_key, lookalike_keys, name_key, slugify
from accord_cli.storage.ledger_file import load
from accord_cli.storage.location import Location
from tests.conftest import FOUNDERS as FOUNDERS_PATH
from tests.conftest import TODAY, written

FOUNDERS = load(Location(FOUNDERS_PATH)).ledger
ON = When.day(date(2024, 1, 1))

# Each spoof of "Microsoft", and the refusal it meets.
SPOOFS = [
    ("Micro\u200bsoft", InvalidValue),  # zero-width space
    ("Micro\u00adsoft", InvalidValue),  # soft hyphen
    ("\ufeffMicrosoft", InvalidValue),  # byte-order mark
    ("Microsoft\u200d", InvalidValue),  # zero-width joiner
    ("\u041cicrosoft", LookalikeName),  # Cyrillic capital em
    ("Micr\u03bfsoft", LookalikeName),  # Greek small omicron
    ("M\u0456crosoft", LookalikeName),  # Cyrillic small byelorussian-ukrainian i
    ("Micros\u043eft", LookalikeName),  # Cyrillic small o, near the end
    ("Micr0soft", LookalikeName),  # digit zero
    ("\uff2d\uff49\uff43\uff52\uff4f\uff53\uff4f\uff46\uff54", DuplicateName),  # full-width: the same name
    ("Microso\u0301ft", DuplicateName),  # a combining accent: the same name to the matcher
]

INVISIBLE = frozenset(chr(c) for first, last in INVISIBLE_RANGES for c in range(first, last + 1))


def _request(name: str, **fields: object) -> Signatory:
    return Signatory(id="", name=name, joined=ON, **fields)  # type: ignore[arg-type]


def _added(request: Signatory, *, force: bool = False) -> tuple[Ledger, Signatory]:
    """The founders with `request` added, as `accord add` records it."""
    ledger, (added,) = changes.add_signatories(FOUNDERS, [request], TODAY)
    return written(FOUNDERS, ledger, force=force), added


@pytest.mark.parametrize(("spoof", "refusal"), SPOOFS)
def test_a_spoof_is_refused_by_every_command_that_records_a_name(spoof: str, refusal: type) -> None:
    cisco = queries.resolve(FOUNDERS, "Cisco")
    attempts = [
        lambda: _added(_request(spoof)),
        lambda: _added(_request("Acme", aliases=(spoof,))),
        lambda: written(FOUNDERS, changes.rename(FOUNDERS, cisco, spoof, ON)),
        lambda: written(FOUNDERS, changes.edit(FOUNDERS, cisco, {"name": spoof})),
        lambda: written(FOUNDERS, changes.edit(FOUNDERS, cisco, {}, add_aliases=[spoof])),
    ]
    for attempt in attempts:
        with pytest.raises(refusal):
            attempt()
    plan = plan_import(FOUNDERS, ImportFile([Row(_request(spoof), "in:1")]), ON)
    assert plan.new == []


@pytest.mark.parametrize("spoof", [s for s, refusal in SPOOFS if refusal is LookalikeName])
def test_a_lookalike_is_recorded_when_forced_and_then_reported_wherever_it_is_met(spoof: str) -> None:
    ledger, added = _added(_request(spoof), force=True)
    assert added.name == spoof
    assert queries.resolve(ledger, spoof) is added  # the forced name is its own
    assert queries.resolve(ledger, "Microsoft").id == "microsoft"
    plan = plan_import(FOUNDERS, ImportFile([Row(_request(spoof), "in:1")]), ON, allow_lookalikes=True)
    assert [row.name for row in plan.new] == [spoof] and plan.conflicts[0].forced


@pytest.mark.parametrize("spoof", [s for s, refusal in SPOOFS if refusal is LookalikeName])
def test_every_command_agrees_a_lookalike_is_neither_the_signatory_nor_unrelated(spoof: str) -> None:
    with pytest.raises(UnknownName, match="reads as 'Microsoft' \\(id microsoft\\), but is written differently"):
        queries.resolve(FOUNDERS, spoof)
    (result,) = watchlists.check_watch(FOUNDERS, [spoof], TODAY)
    assert (result.status.value, result.detail.startswith("reads as Microsoft")) == ("possible_match", True)
    (conflict,) = plan_import(FOUNDERS, ImportFile([Row(_request(spoof), "in:1")]), ON).conflicts
    assert "reads as 'Microsoft'" in conflict.reason and not conflict.forced
    assert queries.resemblances(FOUNDERS, [spoof]) == []  # the rules' to refuse, not a near name to warn of


def test_a_word_mixing_scripts_is_refused_even_when_it_reads_as_no_one() -> None:
    assert mixed_script_words("\u041coscow Tech") == [("\u041coscow", ("CYRILLIC", "LATIN"))]
    with pytest.raises(LookalikeName, match="mixes Cyrillic and Latin letters"):
        _added(_request("\u041coscow Tech"))
    for honest in ("Лаборатория Касперского", "Ελληνικά Πετρέλαια", "Telefónica", "株式会社日立製作所"):
        assert mixed_script_words(honest) == []


def test_two_lookalike_rows_of_one_import_are_caught_too() -> None:
    rows = [Row(_request("Zebra Systems"), "in:1"), Row(_request("Zebra Sy\u0455tems"), "in:2")]
    plan = plan_import(FOUNDERS, ImportFile(rows), ON)
    assert [row.origin for row in plan.new] == ["in:1"]
    assert "reads as 'Zebra Systems' at in:1" in plan.conflicts[0].reason


def test_skeletons_follow_unicode_tr39() -> None:
    # UTS 39's own example
    assert lookalike_key("\U0001d52d\U0001d4b6\u1eff\U0001d561\U0001d552\u2113") == lookalike_key("paypal")
    assert lookalike_key("GoogIe") == lookalike_key("Google")  # a capital I reads as l
    assert lookalike_key("Com") == lookalike_key("Corn")  # m reads as rn
    assert lookalike_key("Cisco") != lookalike_key("C1sco")  # 1 reads as l, not i
    assert slugify("\u041cicrosoft") == "microsoft" and slugify("Лаборатория") == "laboratoriya"


@given(
    st.lists(
        st.text(st.sampled_from("aImo01l|é\u0430\u03bf\u041c\u200b X"), min_size=1, max_size=8), min_size=1, max_size=30
    )
)
def test_the_whole_ledger_keying_agrees_with_keying_one_name(names: list[str]) -> None:
    assert lookalike_keys(names, [name_key(n) for n in names]) == [lookalike_key(n) for n in names]


_SOURCES: dict[str, list[str]] = {}
for _point, _target in _prototypes().items():
    _SOURCES.setdefault(_target, []).append(chr(_point))
_SHIPPED_NAMES = sorted({n for s in FOUNDERS.signatories for n in s.names})


@given(st.sampled_from(_SHIPPED_NAMES), st.data())
def test_no_invisible_character_or_homoglyph_makes_a_new_signatory(name: str, data: st.DataObject) -> None:
    position = data.draw(st.integers(0, len(name) - 1))
    if data.draw(st.booleans()):
        spoof = name[:position] + data.draw(st.sampled_from(sorted(INVISIBLE))) + name[position:]
    else:
        look_alikes = _SOURCES.get(name[position], [])
        assume(look_alikes)
        spoof = name[:position] + data.draw(st.sampled_from(look_alikes)) + name[position + 1 :]
    try:
        _, added = _added(_request(spoof))
    except AccordError:
        return
    # Recorded only as a name that no longer reads as the original: NFKC made "Nok˛a" "Nok ̨a", a space shows.
    assert lookalike_key(added.name) != lookalike_key(name)
