import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord_cli.core.names import (
    SLUG,
    NameIndex,
    NameMatcher,
    _blocks,
    is_legal_form,
    is_near,
    name_key,
    slugify,
    unique_slug,
)

# Real-world pairs: (a, b, same organisation?, near match?). A wrong "same" is a wrong headline.
PAIRS = [
    ("Microsoft", "microsoft", True, False),
    ("Trend  Micro", "trend micro", True, False),
    (" Cisco ", "Cisco", True, False),
    ("ＡＢＢ", "ABB", True, False),  # full-width letters
    ("Straße", "STRASSE", True, False),
    ("HP Inc.", "HP", True, False),
    ("Telefónica", "Telefonica", True, False),
    ("Telefónica, S.A.", "Telefonica", True, False),
    ("Juniper Networks, Inc.", "Juniper Networks", True, False),
    ("Oracle Corporation", "Oracle", True, False),
    ("Nokia Oyj", "Nokia", True, False),
    ("SAP SE", "SAP", True, False),
    ("Siemens AG", "Siemens", True, False),
    ("Koninklijke Philips N.V.", "Koninklijke Philips", True, False),
    ("Samsung Electronics Co., Ltd.", "Samsung Electronics", True, False),
    ("Arm Limited", "Arm Ltd", True, False),
    ("AT&T", "AT and T", True, False),
    ("F-Secure", "F Secure", True, False),
    ("Hewlett-Packard", "Hewlett Packard", True, False),
    ("Juniper", "Juniper Networks, Inc.", False, True),
    ("Meta", "Meta Platforms", False, True),
    ("Gogle", "Google", False, True),
    ("Micrsoft", "Microsoft", False, True),
    ("HP", "HPE", False, False),
    ("HP", "Hewlett Packard Enterprise", False, False),
    ("Arm", "Alarm.com", False, False),
    ("Fund 1", "Fund 2", False, False),
    ("Apple", "Amazon", False, False),
    ("Dell", "Bell", False, False),
    ("Intel", "Intuit", False, False),
    ("Meta", "Facebook", False, False),  # only through an alias
    ("Inc", "Inc", True, False),  # a suffix alone is still a name
    ("[/]", "*", False, False),
    ("ガス", "カス", False, False),  # kana marks are not accents
]


@pytest.mark.parametrize(("a", "b", "same", "near"), PAIRS)
def test_matching_real_world_names(a: str, b: str, same: bool, near: bool) -> None:
    assert (name_key(a) == name_key(b)) is same
    assert is_near(name_key(a), name_key(b)) is near


names = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "Zs", "P")), max_size=25)


@given(names, names)
def test_matching_is_symmetric(a: str, b: str) -> None:
    assert (name_key(a) == name_key(b)) == (name_key(b) == name_key(a))
    assert is_near(name_key(a), name_key(b)) == is_near(name_key(b), name_key(a))


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", min_size=1, max_size=20).filter(str.strip),
       st.sampled_from(["Inc", "Inc.", "Corp", "Corporation", "LLC", "plc", "GmbH", "AG", "S.A.", "N.V.", "Oyj",
                        "S.p.A.", "SE", "ASA", "B.V.", "K.K.", "s.r.o."]))
def test_matching_ignores_case_and_a_trailing_legal_suffix(name: str, suffix: str) -> None:
    assert name_key(name.upper()) == name_key(name.lower())
    assert name_key(f"{name}, {suffix}") == name_key(name) or is_legal_form(name_key(name).split()[-1])


def test_matcher_finds_exact_and_near_names() -> None:
    matcher = NameMatcher([(("Google",), "g"), (("Juniper Networks", "Juniper Networks Inc"), "j"), (("HPE",), "h")])
    assert matcher.lookup("google llc") == "g"
    assert matcher.near("Gogle") == [("Google", "g", "spelling")]
    assert matcher.near("Juniper") == [("Juniper Networks", "j", "leading words")]
    assert matcher.near("HP") == []


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


@given(st.lists(st.text(alphabet="abcde 12", min_size=1, max_size=10), min_size=1, max_size=30),
       st.text(alphabet="abcde 12", min_size=1, max_size=10))
def test_scanning_and_filing_find_the_same_candidates(names: list[str], query: str) -> None:
    matcher = NameMatcher([((name,), name) for name in names])
    key = name_key(query)
    filed = matcher._filed()
    expected = set().union(*(filed.get(block, ()) for block in _blocks(key)))
    assert matcher._scanned(key) == expected
