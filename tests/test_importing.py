from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord_cli import importing
from accord_cli.errors import DuplicateName, ImportFileError
from accord_cli.exporting import export_document
from accord_cli.importing import ImportFormat, apply_import, plan_import, read_rows
from accord_cli.ledger import Location, load
from accord_cli.model import Accord, Ledger
from accord_cli.render.as_json import dumps
from accord_cli.timeline import members
from tests.conftest import SHIPPED

TODAY = date(2026, 11, 28)
SHIPPED_LEDGER = load(Location(SHIPPED)).ledger


def test_pasted_lists_lose_bullets_numbers_blanks_and_comments() -> None:
    text = "• Microsoft\n2. Google\n- Apple Inc.\n(3) Samsung\n\n   \n# heading\n* Dell\n"
    rows = read_rows(text, ImportFormat.text, "list.txt").rows
    assert [(r.origin, r.name) for r in rows] == [
        ("list.txt:1", "Microsoft"), ("list.txt:2", "Google"), ("list.txt:3", "Apple Inc."),
        ("list.txt:4", "Samsung"), ("list.txt:8", "Dell"),
    ]


def test_csv_rows_take_the_optional_columns_in_any_case() -> None:
    text = "\ufeffName,Joined,Country,Aliases,Ignored\nTelefónica S.A.,2019-03-01,ES,Telefonica;TEF,x\n,,,,\n"
    (row,) = read_rows(text.removeprefix("\ufeff"), ImportFormat.csv, "in.csv").rows
    assert (row.name, row.joined, row.country, row.aliases) == ("Telefónica S.A.", date(2019, 3, 1), "ES",
                                                                ("Telefonica", "TEF"))


@pytest.mark.parametrize(("text", "fmt", "message"), [
    ("company\nAcme\n", ImportFormat.csv, "in: no 'name' column (columns: company)"),
    ("name,joined\nAcme,2019-02-30\n", ImportFormat.csv, "in:2: "),
    ("name,country\n,US\n", ImportFormat.csv, "in:2: the row has no name"),
    ("not json", ImportFormat.json, "in: not JSON"),
    ('{"names": []}', ImportFormat.json, "in: expected accord's JSON export"),
    ("Acme\nACME Inc.\n", ImportFormat.text, "in:2: 'ACME Inc.' is already named at in:1 ('Acme')"),
    ("X" * 400 + "\n", ImportFormat.text, "is 400 characters long"),
])
def test_bad_files_are_refused_with_the_place(text: str, fmt: ImportFormat, message: str) -> None:
    with pytest.raises(ImportFileError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_rows(text, fmt, "in")


def test_the_plan_sorts_rows_into_new_present_possible_and_leaving() -> None:
    found = read_rows("Microsoft\nTrend-Micro\nApple\nCisco Systems\nhewlett packard enterprise\n",
                      ImportFormat.text, "in")
    plan = plan_import(SHIPPED_LEDGER, found, TODAY, mirror=True)
    assert [r.name for r in plan.new] == ["Apple"]
    assert [(m.row.name, m.signatory.name) for m in plan.present] == [
        ("Microsoft", "Microsoft"), ("Trend-Micro", "Trend Micro"), ("hewlett packard enterprise", "HPE")]
    assert [(m.row.name, m.signatory.name) for m in plan.possible] == [("Cisco Systems", "Cisco")]
    assert len(plan.leaving) == 34 - 4 and "Cisco" not in {s.name for s in plan.leaving}


def test_applying_a_plan_is_idempotent() -> None:
    found = read_rows("Apple\nMicrosoft\n", ImportFormat.text, "in")
    once = apply_import(SHIPPED_LEDGER, plan_import(SHIPPED_LEDGER, found, TODAY), TODAY, TODAY)
    again = plan_import(once, found, TODAY)
    assert not again.changes_anything and len(once.signatories) == 35


def test_mirror_marks_the_absent_as_left_on_the_date() -> None:
    found = read_rows("Microsoft\n", ImportFormat.text, "in")
    updated = apply_import(SHIPPED_LEDGER, plan_import(SHIPPED_LEDGER, found, TODAY, mirror=True), TODAY, TODAY,
                           reason="not on the official list")
    assert [st.name for st in members(updated, TODAY)] == ["Microsoft"]
    assert [st.name for st in members(updated, date(2026, 11, 27))] == [s.name for s in SHIPPED_LEDGER.signatories]


def test_one_bad_row_fails_the_whole_import_naming_it() -> None:
    found = read_rows("name,joined\nAcme,2020-01-01\nFuture Corp,2099-01-01\n", ImportFormat.csv, "in.csv")
    with pytest.raises(Exception, match=r"in.csv:3: the date 2099-01-01 is in the future"):
        apply_import(SHIPPED_LEDGER, plan_import(SHIPPED_LEDGER, found, TODAY), TODAY, TODAY)


def test_a_row_naming_an_alias_of_another_new_row_is_refused() -> None:
    found = read_rows("name,aliases\nAlpha,Beta\nBeta Group,\n", ImportFormat.csv, "in.csv")
    plan = plan_import(SHIPPED_LEDGER, found, TODAY)
    assert len(plan.new) == 2
    found = read_rows("name,aliases\nAlpha,Gamma\nGamma,\n", ImportFormat.csv, "in.csv")
    with pytest.raises(DuplicateName, match="in.csv:3: 'Gamma' is already in the ledger"):
        apply_import(SHIPPED_LEDGER, plan_import(SHIPPED_LEDGER, found, TODAY), TODAY, TODAY)


def test_a_json_export_imported_into_an_empty_ledger_reproduces_it() -> None:
    text = dumps(export_document(SHIPPED_LEDGER, TODAY))
    found = read_rows(text, ImportFormat.json, "all.json")
    empty = Ledger(Accord("Cybersecurity Tech Accord"))
    rebuilt = apply_import(empty, plan_import(empty, found, TODAY), TODAY, TODAY)
    assert rebuilt.signatories == SHIPPED_LEDGER.signatories
    assert rebuilt.pledges == SHIPPED_LEDGER.pledges
    assert not plan_import(rebuilt, found, TODAY).changes_anything


_names = st.text(alphabet=st.characters(whitelist_categories=("L", "N"), max_codepoint=0x2FFF), min_size=1,
                 max_size=15)


@given(st.lists(_names, min_size=1, max_size=8, unique_by=importing.name_key))
def test_any_unicode_names_survive_export_and_import(names: list[str]) -> None:
    found = read_rows("\n".join(names), ImportFormat.text, "in")
    base = Ledger(Accord("A"))
    ledger = apply_import(base, plan_import(base, found, TODAY), TODAY, TODAY)
    again = read_rows(dumps(export_document(ledger, TODAY)), ImportFormat.json, "x.json")
    rebuilt = apply_import(base, plan_import(base, again, TODAY), TODAY, TODAY)
    assert [s.name for s in rebuilt.signatories] == [s.name for s in ledger.signatories] == [r.name for r in found.rows]
