from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord_cli.core.errors import DuplicateName
from accord_cli.core.importing import apply_import, plan_import
from accord_cli.core.membership import members
from accord_cli.core.model import Accord, Ledger
from accord_cli.core.names import name_key
from accord_cli.render.as_json import dumps
from accord_cli.render.interop import export_document
from accord_cli.storage.input_files import InputFormat
from accord_cli.storage.input_files import read_rows as read_rows_on
from accord_cli.storage.ledger_file import load
from accord_cli.storage.location import Location
from tests.conftest import SHIPPED, TODAY

SHIPPED_LEDGER = load(Location(SHIPPED)).ledger


def read_rows(text: str, fmt: InputFormat, label: str):
    return read_rows_on(text, fmt, label, TODAY)


def test_the_plan_sorts_rows_into_new_present_possible_and_leaving() -> None:
    found = read_rows("Microsoft\nTrend-Micro\nApple\nCisco Systems\nhewlett packard enterprise\n",
                      InputFormat.text, "in")
    plan = plan_import(SHIPPED_LEDGER, found, TODAY, mirror=True)
    assert [r.name for r in plan.new] == ["Apple"]
    assert [(m.row.name, m.signatory.name) for m in plan.present] == [
        ("Microsoft", "Microsoft"), ("Trend-Micro", "Trend Micro"), ("hewlett packard enterprise", "HPE")]
    assert [(m.row.name, m.signatory.name) for m in plan.possible] == [("Cisco Systems", "Cisco")]
    assert len(plan.leaving) == 34 - 4 and "Cisco" not in {s.name for s in plan.leaving}


def test_applying_a_plan_is_idempotent() -> None:
    found = read_rows("Apple\nMicrosoft\n", InputFormat.text, "in")
    once = apply_import(SHIPPED_LEDGER, plan_import(SHIPPED_LEDGER, found, TODAY), TODAY, TODAY)
    again = plan_import(once, found, TODAY)
    assert not again.changes_anything and len(once.signatories) == 35


def test_mirror_marks_the_absent_as_left_on_the_date() -> None:
    found = read_rows("Microsoft\n", InputFormat.text, "in")
    updated = apply_import(SHIPPED_LEDGER, plan_import(SHIPPED_LEDGER, found, TODAY, mirror=True), TODAY, TODAY,
                           reason="not on the official list")
    assert [st.name for st in members(updated, TODAY)] == ["Microsoft"]
    assert [st.name for st in members(updated, date(2026, 11, 27))] == [s.name for s in SHIPPED_LEDGER.signatories]


def test_one_bad_row_fails_the_whole_import_naming_it() -> None:
    found = read_rows("name,joined\nAcme,2020-01-01\nFuture Corp,2099-01-01\n", InputFormat.csv, "in.csv")
    with pytest.raises(Exception, match=r"in.csv:3: the date 2099-01-01 is in the future"):
        apply_import(SHIPPED_LEDGER, plan_import(SHIPPED_LEDGER, found, TODAY), TODAY, TODAY)


def test_a_row_naming_an_alias_of_another_new_row_is_refused() -> None:
    found = read_rows("name,aliases\nAlpha,Beta\nBeta Group,\n", InputFormat.csv, "in.csv")
    plan = plan_import(SHIPPED_LEDGER, found, TODAY)
    assert len(plan.new) == 2
    found = read_rows("name,aliases\nAlpha,Gamma\nGamma,\n", InputFormat.csv, "in.csv")
    with pytest.raises(DuplicateName, match="in.csv:3: 'Gamma' is already in the ledger"):
        apply_import(SHIPPED_LEDGER, plan_import(SHIPPED_LEDGER, found, TODAY), TODAY, TODAY)


def test_a_json_export_imported_into_an_empty_ledger_reproduces_it() -> None:
    text = dumps(export_document(SHIPPED_LEDGER, TODAY))
    found = read_rows(text, InputFormat.json, "all.json")
    empty = Ledger(Accord("Cybersecurity Tech Accord"))
    rebuilt = apply_import(empty, plan_import(empty, found, TODAY), TODAY, TODAY)
    assert rebuilt.signatories == SHIPPED_LEDGER.signatories
    assert rebuilt.pledges == SHIPPED_LEDGER.pledges
    assert not plan_import(rebuilt, found, TODAY).changes_anything


_names = st.text(alphabet=st.characters(whitelist_categories=("L", "N"), max_codepoint=0x2FFF), min_size=1,
                 max_size=15)


@given(st.lists(_names, min_size=1, max_size=8, unique_by=name_key))
def test_any_unicode_names_survive_export_and_import(names: list[str]) -> None:
    found = read_rows("\n".join(names), InputFormat.text, "in")
    base = Ledger(Accord("A"))
    ledger = apply_import(base, plan_import(base, found, TODAY), TODAY, TODAY)
    again = read_rows(dumps(export_document(ledger, TODAY)), InputFormat.json, "x.json")
    rebuilt = apply_import(base, plan_import(base, again, TODAY), TODAY, TODAY)
    assert [s.name for s in rebuilt.signatories] == [s.name for s in ledger.signatories] == [r.name for r in found.rows]
