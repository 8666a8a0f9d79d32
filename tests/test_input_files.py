from datetime import date

import pytest

from accord_cli.core.errors import ImportFileError
from accord_cli.storage.input_files import InputFormat
from accord_cli.storage.input_files import read_rows as read_rows_on
from tests.conftest import TODAY


def read_rows(text: str, fmt: InputFormat, label: str):
    return read_rows_on(text, fmt, label, TODAY)


def test_pasted_lists_lose_bullets_numbers_blanks_and_comments() -> None:
    text = "• Microsoft\n2. Google\n- Apple Inc.\n(3) Samsung\n\n   \n# heading\n* Dell\n"
    rows = read_rows(text, InputFormat.text, "list.txt").rows
    assert [(r.origin, r.name) for r in rows] == [
        ("list.txt:1", "Microsoft"), ("list.txt:2", "Google"), ("list.txt:3", "Apple Inc."),
        ("list.txt:4", "Samsung"), ("list.txt:8", "Dell"),
    ]


def test_csv_rows_take_the_optional_columns_in_any_case() -> None:
    text = "\ufeffName,Joined,Country,Aliases,Ignored\nTelefónica S.A.,2019-03-01,ES,Telefonica;TEF,x\n,,,,\n"
    (row,) = read_rows(text.removeprefix("\ufeff"), InputFormat.csv, "in.csv").rows
    request = row.request
    assert (request.name, request.joined, request.country, request.aliases) == (
        "Telefónica S.A.", date(2019, 3, 1), "ES", ("Telefonica", "TEF"))


@pytest.mark.parametrize(("text", "fmt", "message"), [
    ("company\nAcme\n", InputFormat.csv, "in: no 'name' column (columns: company)"),
    ("name,joined\nAcme,2019-02-30\n", InputFormat.csv, "in:2: "),
    ("name,country\n,US\n", InputFormat.csv, "in:2: the row has no name"),
    ("not json", InputFormat.json, "in: not JSON"),
    ('{"names": []}', InputFormat.json, "in: expected accord's JSON export"),
    ("Acme\nACME Inc.\n", InputFormat.text, "in:2: 'ACME Inc.' is already named at in:1 ('Acme')"),
    ("X" * 400 + "\n", InputFormat.text, "is 400 characters long"),
])
def test_bad_files_are_refused_with_the_place(text: str, fmt: InputFormat, message: str) -> None:
    with pytest.raises(ImportFileError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_rows(text, fmt, "in")
