from datetime import date, datetime

import pytest
import tomli
from hypothesis import given, settings
from hypothesis import strategies as st

from accord_cli.storage import layout

keys = st.text(min_size=1, max_size=12)
scalars = st.one_of(
    st.text(max_size=30),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.booleans(),
    st.dates(),
    st.floats(allow_nan=False),
    st.datetimes(),
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=4)),
    max_leaves=20,
)


@pytest.mark.slow
@settings(max_examples=300)
@given(st.dictionaries(keys, values, max_size=6))
def test_any_document_round_trips(doc: dict) -> None:
    assert tomli.loads(layout.dumps(doc)) == doc


def test_every_table_in_an_array_is_its_own_block() -> None:
    # tomli-w alone would write these small tables inline on one line each.
    text = layout.dumps({"signatories": [{"id": "a", "name": "A"}, {"id": "b", "name": "B", "aliases": ["Bee"]}]})
    assert text == (
        '[[signatories]]\nid = "a"\nname = "A"\n\n[[signatories]]\nid = "b"\nname = "B"\naliases = ["Bee"]\n'
    )


def test_short_lists_stay_on_one_line_and_long_ones_do_not() -> None:
    assert layout.dumps({"a": ["x", "y"]}) == 'a = ["x", "y"]\n'
    long = [f"Organisation number {i}" for i in range(6)]
    assert layout.dumps({"a": long}).count("\n") == len(long) + 2


def test_dates_are_toml_dates_and_odd_strings_are_escaped() -> None:
    text = layout.dumps({"joined": date(2018, 4, 17), "note": 'a "quoted"\nline', "at": datetime(2020, 1, 1)})
    assert "joined = 2018-04-17\n" in text
    assert tomli.loads(text)["note"] == 'a "quoted"\nline'


def test_plain_keys_come_before_tables() -> None:
    text = layout.dumps({"accord": {"name": "X"}, "version": 1})
    assert text.index("version = 1") < text.index("[accord]")
