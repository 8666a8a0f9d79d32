"""Parsing ledger text: the same document whether read whole or a slice at a time, and errors at LINE:COL."""

import pytest
import rtoml
import tomli
from hypothesis import given, settings
from hypothesis import strategies as st

from accord_cli.core.errors import LedgerInvalid, LedgerSyntaxError
from accord_cli.storage import toml_text
from accord_cli.storage.layout import dumps

names = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
scalars = st.one_of(names, st.integers(-1000, 1000), st.booleans(), st.dates())
signatory = st.fixed_dictionaries(
    {"id": names, "name": names, "joined": st.dates()},
    optional={
        "aliases": st.lists(names, max_size=3),
        "contact": st.dictionaries(names, scalars, max_size=2),
        "events": st.lists(st.fixed_dictionaries({"date": st.dates(), "event": names}), max_size=2),
    },
)
documents = st.fixed_dictionaries(
    {"accord": st.fixed_dictionaries({"name": names}), "signatories": st.lists(signatory, max_size=12)},
    optional={
        "pledges": st.lists(st.fixed_dictionaries({"id": names, "title": names}), max_size=3),
        "watchlists": st.dictionaries(names, st.lists(names, max_size=3), max_size=2),
        "note": names,
    },
)


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(documents, st.integers(min_value=1, max_value=200))
def test_a_document_read_in_slices_is_the_document_read_whole(
    doc: dict,
    slice_size: int,
) -> None:
    text = dumps(doc)
    original = toml_text.SLICE_CHARACTERS
    toml_text.SLICE_CHARACTERS = slice_size
    try:
        assert toml_text.parse("x", text) == rtoml.loads(text) == tomli.loads(text)
    finally:
        toml_text.SLICE_CHARACTERS = original


@pytest.mark.parametrize(
    "text",
    [
        # the same table defined in two slices
        '[accord]\nname = "A"\n[[signatories]]\nname = "a"\n[[signatories]]\nname = "b"\n[accord]\nurl = "u"\n',
        # a static array of signatories, then more of them as blocks
        'signatories = [{name = "a"}]\n[[signatories]]\nname = "b"\n[[signatories]]\nname = "c"\n',
        # a header inside a multi-line string is text, not a header
        '[[signatories]]\nname = "a"\nnote = """\n[[signatories]]\nname = 1\n"""\n[[signatories]]\nname = "c"\n',
    ],
)
def test_slicing_never_accepts_what_the_whole_text_refuses_or_reads_otherwise(text: str, monkeypatch) -> None:
    monkeypatch.setattr(toml_text, "SLICE_CHARACTERS", 5)
    try:
        expected = rtoml.loads(text)
    except rtoml.TomlParsingError:
        with pytest.raises(LedgerSyntaxError):
            toml_text.parse("x", text)
    else:
        assert toml_text.parse("x", text) == expected


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('[accord]\nname = "x\n', "x:2:10"),
        ("[[signatories]]\nname = 'a'\n[[signatories]]\nname = 'a'\nname = 'b'\n", "x:5:1"),
    ],
)
def test_errors_point_at_line_and_column_however_the_text_was_sliced(text: str, where: str, monkeypatch) -> None:
    for size in (5, 10_000):
        monkeypatch.setattr(toml_text, "SLICE_CHARACTERS", size)
        with pytest.raises(LedgerSyntaxError) as caught:
            toml_text.parse("x", text)
        assert str(caught.value).startswith(where + ": ")


def test_nesting_too_deep_is_refused() -> None:
    with pytest.raises(LedgerInvalid, match="nested too deeply"):
        toml_text.parse("x", "x = " + "[" * 5000 + "]" * 5000 + "\n")
