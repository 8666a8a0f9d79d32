import codecs
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord_cli.core.dates import When
from accord_cli.core.errors import ImportFileError, WatchlistSourceError
from accord_cli.core.names import without_footnote_marks
from accord_cli.storage.files import any_unicode
from accord_cli.storage.input_files import (
    SEPARATORS,
    InputFormat,
    _records,
    read_import_file,
    read_names,
    sniff_separator,
)
from accord_cli.storage.input_files import read_rows as read_rows_on
from tests.conftest import TODAY as TODAY_DATE
from tests.conftest import day

# The join date rows that give none get.
TODAY = When.day(TODAY_DATE)


def read_rows(text: str, fmt: InputFormat, label: str):
    return read_rows_on(text, fmt, label, TODAY)


def test_pasted_lists_lose_bullets_numbers_blanks_and_comments() -> None:
    text = "• Microsoft\n2. Google\n- Apple Inc.\n(3) Samsung\n\n   \n# heading\n* Dell\n"
    rows = read_rows(text, InputFormat.text, "list.txt").rows
    assert [(r.origin, r.name) for r in rows] == [
        ("list.txt:1", "Microsoft"),
        ("list.txt:2", "Google"),
        ("list.txt:3", "Apple Inc."),
        ("list.txt:4", "Samsung"),
        ("list.txt:8", "Dell"),
    ]


def test_csv_rows_take_the_optional_columns_in_any_case() -> None:
    text = (
        "Name,Joined,Country,Aliases,Pledges,Ignored\nTelefónica S.A.,2019-03-01,ES,Telefonica;TEF,defense,x\n,,,,,\n"
    )
    (row,) = read_rows_on(text, InputFormat.csv, "in.csv", TODAY, ignoring=frozenset({"IGNORED"})).rows
    request = row.request
    assert (request.name, request.joined, request.country, request.aliases, request.pledges) == (
        "Telefónica S.A.",
        day(2019, 3, 1),
        "ES",
        ("Telefonica", "TEF"),
        ("defense",),
    )


def test_a_column_an_import_would_pass_over_is_refused_naming_the_nearest() -> None:
    text = "name,contry,joinde,Ticker\nAcme,US,2020-01-01,ACM\n"
    with pytest.raises(ImportFileError) as caught:
        read_rows(text, InputFormat.csv, "in.csv")
    assert str(caught.value) == (
        "in.csv: unknown columns 'contry' (did you mean 'country'?), 'joinde' (did you mean 'joined'?), 'Ticker'; "
        "an import reads id, name, joined, sector, country, aliases, pledges, source, note, left: rename the column, "
        "or pass --ignore-column NAME to leave it out"
    )
    (row,) = read_rows_on(
        text, InputFormat.csv, "in.csv", TODAY, ignoring=frozenset({"contry", "joinde", "ticker"})
    ).rows
    assert (row.request.country, row.request.joined) == (None, TODAY)


@pytest.mark.parametrize(
    ("text", "fmt", "message"),
    [
        ("company\nAcme\n", InputFormat.csv, "in: no 'name' column (the header, split at commas, gives 'company')"),
        ("name,joined\nAcme,2019-02-30\n", InputFormat.csv, "in:2: "),
        ("name,country\n,US\n", InputFormat.csv, "in:2: the row has no name"),
        ("not json", InputFormat.json, "in: not JSON"),
        ('{"names": []}', InputFormat.json, "in: expected accord's JSON export"),
        ("Acme\nACME Inc.\n", InputFormat.text, "in:2: 'ACME Inc.' is already named at in:1 ('Acme')"),
        ("X" * 400 + "\n", InputFormat.text, "is 400 characters long"),
    ],
)
def test_bad_files_are_refused_with_the_place(text: str, fmt: InputFormat, message: str) -> None:
    with pytest.raises(ImportFileError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_rows(text, fmt, "in")


# -- files as spreadsheets write them ---------------------------------------------------------------


def _table(separator: str) -> str:
    """A little table as a spreadsheet saves it: header, CRLF line ends, a cell that holds the separator."""
    return (
        f"Name{separator}Country{separator}Joined\r\nTelefónica{separator}ES{separator}2019-03-01\r\n"
        f'"Cisco Systems{separator} Inc."{separator}US{separator}\r\n'
    )


@pytest.mark.parametrize(
    ("filename", "data"),
    [
        ("excel.csv", _table(";").encode("utf-8-sig")),  # Excel's "CSV UTF-8" where the decimal mark is a comma
        ("hinted.csv", b"sep=;\r\n" + _table(";").encode()),
        ("comma.csv", _table(",").encode()),
        ("bars.csv", _table("|").encode()),
        ("excel.tsv", _table("\t").encode("utf-8")),
        ("unicode text.txt", _table("\t").encode("utf-16")),  # Excel's "Unicode Text"
        ("big-endian.txt", codecs.BOM_UTF16_BE + _table("\t").encode("utf-16-be")),
        ("utf-32.csv", _table(",").encode("utf-32")),
    ],
)
def test_files_as_spreadsheets_save_them(tmp_path: Path, filename: str, data: bytes) -> None:
    path = tmp_path / filename
    path.write_bytes(data)
    rows = read_import_file(path, None, TODAY).rows
    assert [(r.name, r.request.country, r.request.joined) for r in rows] == [
        ("Telefónica", "ES", day(2019, 3, 1)),
        (rows[1].name, "US", TODAY),
    ]
    assert rows[1].name.startswith("Cisco Systems") and rows[1].name.endswith(" Inc.")
    assert read_names(path) == ["Telefónica", rows[1].name]


def test_an_excel_separator_line_keeps_the_line_numbers_true(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("sep=|\nname|joined\nAcme|2019-02-30\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match=r"^.*in\.csv:3: "):
        read_import_file(path, None, TODAY)


def test_a_given_separator_makes_a_text_file_a_table(tmp_path: Path) -> None:
    path = tmp_path / "list.txt"
    path.write_text("name;country\nAcme, Inc.;US\n", encoding="utf-8")
    (row,) = read_import_file(path, None, TODAY, ";").rows
    assert (row.name, row.request.country) == ("Acme, Inc.", "US")
    assert read_names(path, ";") == ["Acme, Inc."]
    assert read_names(path) == ["name;country", "Acme, Inc.;US"]  # without it, one name per line


def test_a_numbered_list_with_tabs_stays_a_list(tmp_path: Path) -> None:
    path = tmp_path / "pasted.txt"
    path.write_text("1.\tMicrosoft\n2.\tCisco\n", encoding="utf-8")
    assert read_names(path) == ["Microsoft", "Cisco"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            "name\nAcme\nTelefónica\n".encode("cp1252"),
            "in.csv:3:6: not UTF-8 text (byte 0xF3; Windows-1252 or Latin-1, perhaps); accord reads UTF-8, and UTF-16 "
            'with a byte-order mark: save it as "CSV UTF-8" or "Unicode Text", or convert it (iconv -t UTF-8)',
        ),
        (
            "name\nAcme\n".encode("utf-16-le"),
            "in.csv:1:2: UTF-16 or UTF-32 text without a byte-order mark; accord reads UTF-8, and UTF-16 with a "
            "byte-order mark",
        ),
        (
            codecs.BOM_UTF16_LE + b"n\x00a\x00\x00\xdc",
            "in.csv: not valid UTF-16 text though it begins with that encoding's byte-order mark (bad bytes at offset",
        ),
    ],
)
def test_other_encodings_are_named_with_the_place_and_the_remedy(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "in.csv"
    path.write_bytes(data)
    for read in (lambda: read_import_file(path, None, TODAY), lambda: read_names(path)):
        with pytest.raises((ImportFileError, WatchlistSourceError)) as caught:
            read()
        assert str(caught.value).startswith(f"{path.parent}/{message}")


_cell = st.text(st.characters(min_codepoint=32, max_codepoint=0x2FF, exclude_characters="\x7f\x85"), max_size=12)


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(sorted(SEPARATORS)),
    st.lists(st.tuples(_cell.filter(str.strip), _cell), max_size=5),
    st.sampled_from(["\n", "\r\n", "\r"]),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]),
)
def test_whatever_a_spreadsheet_writes_the_names_come_back(
    separator: str, rows: list[tuple[str, str]], line_end: str, encoding: str
) -> None:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator=line_end)
    writer.writerow(["Name", "Note"])
    writer.writerows(rows)
    data = buffer.getvalue().encode(encoding)
    text = any_unicode("in.csv", data, ImportFileError)
    names = [cells["name"] for _, cells in _records(text, InputFormat.csv, "in.csv", None, ImportFileError)]
    assert names == [without_footnote_marks(name) for name, _ in rows]  # "Arm[1]" pasted from a page is Arm
    assert sniff_separator(text.splitlines()[0]) == separator


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(
    st.binary(max_size=200),
    st.sampled_from(["in.csv", "in.tsv", "in.txt", "in.json"]),
    st.sampled_from([None, ";", "\t"]),
)
def test_any_bytes_are_rows_or_one_clear_error(
    tmp_path_factory, data: bytes, filename: str, separator: str | None
) -> None:
    path = tmp_path_factory.mktemp("any") / filename
    path.write_bytes(data)
    try:
        read_names(path, separator)
        if not filename.endswith(".json") or separator is None:
            read_import_file(path, None, TODAY, separator)
    except (ImportFileError, WatchlistSourceError) as err:
        assert "\n" not in str(err)
