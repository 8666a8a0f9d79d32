import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord_cli.names import SLUG, NameIndex, name_key, slugify, unique_slug


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Microsoft", "microsoft", True),
        ("Trend  Micro", "trend micro", True),
        (" Cisco ", "Cisco", True),
        ("ＡＢＢ", "ABB", True),  # full-width letters are the same name
        ("Straße", "STRASSE", True),
        ("HP", "HPE", False),
        ("Arm", "Alarm.com", False),
    ],
)
def test_name_key_decides_sameness(a: str, b: str, same: bool) -> None:
    assert (name_key(a) == name_key(b)) is same


@pytest.mark.parametrize(
    ("name", "slug"),
    [("Trend Micro", "trend-micro"), ("HP Inc.", "hp-inc"), ("Telefónica", "telefonica"),
     ("F-Secure", "f-secure"), ("  ", "signatory"), ("日本電気", "signatory")],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_unique_slug_counts_up_past_taken_ids() -> None:
    assert unique_slug("Acme", {"acme", "acme-2"}) == "acme-3"


@given(st.text())
def test_slugify_always_gives_a_valid_slug(name: str) -> None:
    assert SLUG.fullmatch(slugify(name))


def test_name_index_keeps_the_first_owner() -> None:
    index = NameIndex.build([(("Facebook", "Meta"), 1), (("meta",), 2)])
    assert index.lookup("META") == 1
    assert index.lookup("facebook ") == 1
    assert index.lookup("Google") is None
