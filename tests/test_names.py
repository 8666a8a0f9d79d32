import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord_cli.core.lookalikes import lookalike_reason
from accord_cli.core.names import (
    SLUG,
    NameIndex,
    NameMatcher,
    _blocks,
    is_legal_form,
    is_near,
    lookalike_key,
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


@given(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", min_size=1, max_size=20).filter(str.strip),
    st.sampled_from(
        [
            "Inc",
            "Inc.",
            "Corp",
            "Corporation",
            "LLC",
            "plc",
            "GmbH",
            "AG",
            "S.A.",
            "N.V.",
            "Oyj",
            "S.p.A.",
            "SE",
            "ASA",
            "B.V.",
            "K.K.",
            "s.r.o.",
        ]
    ),
)
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
    [
        ("Trend Micro", "trend-micro"),
        ("HP Inc.", "hp-inc"),
        ("Telefónica", "telefonica"),
        ("F-Secure", "f-secure"),
        ("  ", "signatory"),
        ("日本電気", "ribendianqi"),
        ("ソニー", "soni"),
        ("Лаборатория Касперского", "laboratoriya-kasperskogo"),
        ("Łódź Systems", "lodz-systems"),
    ],
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


@given(
    st.lists(st.text(alphabet="abcde 12", min_size=1, max_size=10), min_size=1, max_size=30),
    st.text(alphabet="abcde 12", min_size=1, max_size=10),
)
def test_scanning_and_filing_find_the_same_candidates(names: list[str], query: str) -> None:
    matcher = NameMatcher([((name,), name) for name in names])
    key = name_key(query)
    filed = matcher._filed()
    expected = set().union(*(filed.get(block, ()) for block in _blocks(key)))
    assert matcher._scanned(key) == expected


# -- names as the world writes them ----------------------------------------------------------------

# A legal form of each country, as registers write it after a name (and some before it).
LEGAL_FORMS = [
    ("Oy", "FI"),
    ("Oyj", "FI"),
    ("AB", "SE"),
    ("ASA", "NO"),
    ("AS", "NO"),
    ("A/S", "DK"),
    ("ApS", "DK"),
    ("S.p.A.", "IT"),
    ("S.r.l.", "IT"),
    ("s.r.o.", "CZ"),
    ("a.s.", "CZ"),
    ("B.V.", "NL"),
    ("N.V.", "NL"),
    ("K.K.", "JP"),
    ("G.K.", "JP"),
    ("Pty Ltd", "AU"),
    ("Pty. Ltd.", "AU"),
    ("SE", "EU"),
    ("Ltda", "BR"),
    ("Ltda.", "CL"),
    ("LLP", "GB"),
    ("plc", "GB"),
    ("Limited", "GB"),
    ("Company", "US"),
    ("Inc.", "US"),
    ("LLC", "US"),
    ("Corporation", "US"),
    ("GmbH", "DE"),
    ("AG", "DE"),
    ("KGaA", "DE"),
    ("GmbH & Co. KG", "DE"),
    ("e.V.", "DE"),
    ("S.A.", "ES"),
    ("S.L.", "ES"),
    ("SARL", "FR"),
    ("SAS", "FR"),
    ("BVBA", "BE"),
    ("Sp. z o.o.", "PL"),
    ("d.o.o.", "HR"),
    ("Kft.", "HU"),
    ("Zrt.", "HU"),
    ("ehf.", "IS"),
    ("hf.", "IS"),
    ("Sdn Bhd", "MY"),
    ("Pte Ltd", "SG"),
    ("S.A. de C.V.", "MX"),
    ("Lda.", "PT"),
    ("A.E.", "GR"),
    ("Sagl", "CH"),
    ("SRL", "RO"),
    ("UAB", "LT"),
    ("SIA", "LV"),
    ("OÜ", "EE"),
    ("ООО", "RU"),
    ("Pvt. Ltd.", "IN"),
    ("SAOG", "OM"),
    ("SAL", "LB"),
    ("& Co.", "US"),
    ("and Company", "US"),
]


@pytest.mark.parametrize(("form", "country"), LEGAL_FORMS)
def test_a_legal_form_of_any_country_makes_no_difference(form: str, country: str) -> None:
    assert name_key(f"Acme {form}") == "acme", country
    assert name_key(f"Acme, {form.upper()}") == "acme", country
    assert name_key(f"Acme {form.replace('.', '')}") == "acme" or "." not in form, country


def test_the_forms_cover_twenty_countries() -> None:
    assert len({country for _, country in LEGAL_FORMS}) >= 20 and len(LEGAL_FORMS) >= 40


@pytest.mark.parametrize(
    "written",
    [
        "Oy Acme",
        "Oy Acme Ab",
        "AB Acme",
        "UAB Acme",
        "SIA Acme",
        "AS Acme",
        "ООО Acme",
        "ОАО Acme",
        "PT Acme",
        "The Acme Company",
    ],
)
def test_forms_written_before_the_name_and_a_leading_the_make_no_difference(written: str) -> None:
    assert name_key(written) == "acme"


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Acme UK", "acme uk"),
        ("Vision Private", "vision private"),  # words of names, though some country's forms
        ("SA Acme", "sa acme"),
        ("GmbH Acme", "gmbh acme"),  # where forms are not written first, one there stays
        ("The", "the"),
        ("Inc", "inc"),
        ("Company Ltd", "company"),  # never folded to nothing
    ],
)
def test_words_of_names_stay_and_a_name_is_never_folded_to_nothing(name: str, key: str) -> None:
    assert name_key(name) == key


# The 34 founders as company registers, filings and the press write them: every one the same
# organisation, or a possible match naming the right founder and why.
FOUNDERS_AS_WRITTEN = [
    ("ABB Ltd", "ABB", None),
    ("Arm Limited", "Arm", None),
    ("Avast plc", "Avast", None),
    ("Bitdefender SRL", "Bitdefender", None),
    ("BT Group plc", "BT", None),
    ("CA, Inc.", "CA Technologies", "leading words"),
    ("Cisco Systems, Inc.", "Cisco", "leading words"),
    ("Cloudflare, Inc.", "Cloudflare", None),
    ("DataStax, Inc.", "DataStax", None),
    ("Dell Technologies Inc.", "Dell", "leading words"),
    ("DocuSign, Inc.", "DocuSign", None),
    ("Facebook, Inc.", "Facebook", None),
    ("Meta Platforms, Inc.", "Facebook", "leading words"),
    ("Fastly, Inc.", "Fastly", None),
    ("FireEye, Inc.", "FireEye", None),
    ("F-Secure Oyj", "F-Secure", None),
    ("F-Secure Corporation", "F-Secure", None),
    ("GitHub, Inc.", "GitHub", None),
    ("Guardtime AS", "Guardtime", None),
    ("HP Inc.", "HP Inc.", None),
    ("Hewlett Packard Enterprise Company", "HPE", None),
    ("Intuit Inc.", "Intuit", None),
    ("Juniper Networks, Inc.", "Juniper Networks", None),
    ("LinkedIn Corporation", "LinkedIn", None),
    ("Microsoft Corporation", "Microsoft", None),
    ("The Nielsen Company", "Nielsen", None),
    ("Nielsen Holdings plc", "Nielsen", None),
    ("Nokia Oyj", "Nokia", None),
    ("Nokia Corporation", "Nokia", None),
    ("Oracle Corporation", "Oracle", None),
    ("RSA Security LLC", "RSA", "leading words"),
    ("SAP SE", "SAP", None),
    ("SAP AG", "SAP", None),
    ("Stripe, Inc.", "Stripe", None),
    ("Symantec Corporation", "Symantec", None),
    ("Telefónica, S.A.", "Telefonica", None),
    ("Tenable Holdings, Inc.", "Tenable", None),
    ("Trend Micro Incorporated", "Trend Micro", None),
    ("VMware, Inc.", "VMware", None),
]


@pytest.fixture(scope="module")
def founders_matcher():
    import tomli

    from accord_cli.core.document import decode
    from tests.conftest import FOUNDERS

    ledger, _ = decode(tomli.loads(FOUNDERS.read_text(encoding="utf-8")))
    return NameMatcher((s.names, s.name) for s in ledger.signatories)


@pytest.mark.parametrize(("written", "founder", "reason"), FOUNDERS_AS_WRITTEN)
def test_the_founders_as_registers_write_them(founders_matcher, written: str, founder: str, reason: str | None) -> None:
    if reason is None:
        assert founders_matcher.lookup(written) == founder
    else:
        assert founders_matcher.lookup(written) is None
        assert founders_matcher.near(written)[0][1:] == (founder, reason)


# Organisations named like a founder that have not signed: never the same, whatever their legal form.
NOT_SIGNERS = [
    "ABB Optical Group",
    "Avasant",
    "Cisco Brewers",
    "Dell Medical School",
    "Meta Financial Group",
    "Nielsen Norman Group",
    "RSA Insurance Group",
    "Alarm.com Holdings, Inc.",
    "Armstrong World Industries",
    "Arm & Hammer",
    "Armis, Inc.",
    "Intuitive Surgical, Inc.",
    "Nokian Tyres plc",
    "Trend Hunter",
    "Juniper Pharmaceuticals",
    "Sapient Corporation",
    "BTG plc",
    "CAE Inc.",
    "Delta Air Lines",
    "Micro Focus",
    "Sysco Corporation",
    "Avaya LLC",
    "Orica Limited",
    "Stryker Corporation",
    "FastSpring",
    "Telefunken",
    "Semantix",
    "Bitdeer Technologies",
    "Tenaris S.A.",
    "Disco Corporation",
    "Ipsco Inc.",
    "HPE Growth",
]


@pytest.mark.parametrize("name", NOT_SIGNERS)
def test_no_organisation_named_like_a_founder_is_taken_for_it(founders_matcher, name: str) -> None:
    assert founders_matcher.lookup(name) is None


@pytest.mark.parametrize(
    ("name", "founder"),
    [
        ("Disco S.A.", None),
        ("Ipsco Inc.", None),
        ("Sysco", None),
        ("Acme Technologies", None),
        ("Dell Technologies", "Dell"),
        ("Trend Macro", "Trend Micro"),
        ("Mircosoft", "Microsoft"),
    ],
)
def test_a_shared_generic_tail_or_a_first_letter_apart_is_no_near_match(
    founders_matcher, name: str, founder: str | None
) -> None:
    near = founders_matcher.near(name)
    assert (near[0].owner if near else None) == founder


def test_short_names_lead_longer_ones_without_making_different_ones_alike() -> None:
    assert is_near(name_key("BT"), name_key("BT Global")) and is_near(name_key("CA"), name_key("CA Technologies"))
    assert not is_near(name_key("HP"), name_key("HPE")) and not is_near(name_key("CA"), name_key("Cisco"))
    assert name_key("HP") != name_key("HPE") and name_key("Arm") != name_key("Alarm.com")


def test_legal_form_alone_and_with_a_name() -> None:
    assert is_legal_form(" Inc.") and is_legal_form("S.p.A.") and is_legal_form("GmbH & Co. KG")
    assert not is_legal_form("Apple") and not is_legal_form("Acme Inc.") and not is_legal_form("")


# A company written with its group word, and companies whose group word leaves another's name.
GROUP_NAMES = [
    ("ABB Group", "ABB"),
    ("ABB Ltd Group", "ABB"),
    ("Arm Holdings plc", "Arm"),
    ("Arm Holdings", "Arm"),
    ("BT Group plc", "BT"),
    ("BT Group", "BT"),
    ("Nielsen Holdings N.V.", "Nielsen"),
    ("Nielsen Holdings plc", "Nielsen"),
    ("Tenable Holdings, Inc.", "Tenable"),
    ("Avast Holding B.V.", "Avast"),
    ("Telefónica Group", "Telefonica"),
    ("Telefonica Grupo", "Telefonica"),
    ("SAP Gruppe", "SAP"),
    ("Nokia Group", "Nokia"),
    ("Nokia Koncern", "Nokia"),
    ("Oracle Holding Company", "Oracle"),
    ("Trend Micro Group", "Trend Micro"),
    ("Symantec Holdings Corporation", "Symantec"),
    ("The Nielsen Company Holdings", "Nielsen"),
    ("ABB Optical Group", None),
    ("Nielsen Norman Group", None),
    ("Meta Financial Group", None),
    ("RSA Insurance Group", None),
    ("Dell Medical Group", None),
    ("Cisco Brewers Holding", None),
    ("Oracle Bank Holdings", None),
    ("Trend Capital Group", None),
    ("Intuitive Surgical Holdings", None),
    ("Arm & Hammer Group", None),
    ("Juniper Pharmaceuticals Holdings", None),
    ("Avasant Group", None),
    ("Stripe Partners Group", None),
    ("The Group", None),
    ("Group", None),
    ("Holdings, Inc.", None),
]


@pytest.mark.parametrize(("written", "founder"), GROUP_NAMES)
def test_a_company_written_with_its_group_word_is_the_company(
    founders_matcher, written: str, founder: str | None
) -> None:
    assert founders_matcher.lookup(written) == founder


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Nokia Abp", "nokia"),
        ("América Móvil, S.A.B. de C.V.", "america movil"),
        ("Acme S.A. de C.V.", "acme"),
        ("Acme Limited Liability Company", "acme"),
        ("Acme Public Limited Company", "acme"),
        ("Acme Limited Partnership", "acme"),
        ("Siemens Aktiengesellschaft", "siemens"),
        ("Société Générale Société Anonyme", "societe generale"),
        ("Acme Gesellschaft mit beschränkter Haftung", "acme"),
        ("Acme Sociedad Anónima", "acme"),
        ("Fujitsu Kabushiki Kaisha", "fujitsu"),
        ("Acme Società per Azioni", "acme"),
        ("Acme Naamloze Vennootschap", "acme"),
        ("Acme Aktiebolag", "acme"),
        ("Acme Spółka Akcyjna", "acme"),
        ("Meta Financial Group", "meta financial"),
        ("The Group", "group"),
        ("Holding Group", "holding group"),
    ],
)
def test_long_legal_forms_and_group_words_fold(name: str, key: str) -> None:
    assert name_key(name) == key


@pytest.mark.parametrize(
    ("name", "same"),
    [
        ("Łódź Systems", "Lodz Systems"),
        ("Ørsted", "Orsted"),
        ("Æon Corp", "Aeon"),
        ("Straße AG", "Strasse"),
        ("Œuvre", "Oeuvre"),
        ("Þór Data", "Thor Data"),
        ("Đorđe Labs", "Dorde Labs"),
        ("Kılıç", "Kilic"),
    ],
)
def test_every_latin_letter_folds(name: str, same: str) -> None:
    assert name_key(name) == name_key(same)


@pytest.mark.parametrize(
    ("typed", "founder"),
    [
        ("Orcale", "Oracle"),
        ("Roacle", "Oracle"),
        ("Oracel", "Oracle"),
        ("Tenalbe", "Tenable"),
        ("Cicso", "Cisco"),
        ("Trend Mciro", "Trend Micro"),
        ("Fastyl", "Fastly"),
    ],
)
def test_two_letters_swapped_anywhere_are_a_near_match(founders_matcher, typed: str, founder: str) -> None:
    assert founders_matcher.near(typed)[0][1:] == (founder, "spelling")
    assert founders_matcher.near(typed, few=True)[0][1:] == (founder, "spelling")


@pytest.mark.parametrize(
    ("spoof", "original", "reason"),
    [
        ("VMvvare", "VMware", "vv reads as w"),
        ("Trend rnicro", "Trend Micro", "rn reads as m"),
        ("Cle11", "Dell", "cl reads as d, 1 (U+0031 DIGIT ONE, read as l)"),
    ],
)
def test_letters_people_write_for_another_read_as_it(spoof: str, original: str, reason: str) -> None:
    assert lookalike_key(spoof) == lookalike_key(original)
    assert lookalike_reason(spoof, original) == reason


def test_a_swap_of_u_and_i_is_a_typo_not_a_lookalike(founders_matcher) -> None:
    assert lookalike_key("Intiut") != lookalike_key("Intuit")
    assert founders_matcher.near("Intiut")[0][1:] == ("Intuit", "spelling")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("KB Financial Group", "MB Financial, Inc."),
        ("KB Home", "Home"),
        ("UD Trucks", "Trucks"),
        ("टाटा", "टोटो"),
        ("ताज", "तज"),
    ],
)
def test_initials_and_the_marks_of_other_scripts_keep_names_apart(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)


@pytest.mark.parametrize(
    ("name", "founder"),
    [
        ("Grupo Telefónica", "Telefonica"),
        ("Groupe ABB", "ABB"),
        ("Gruppo Cisco", "Cisco"),
        ("Symantec¹", "Symantec"),
        ("Symantec Corporation ²", "Symantec"),
    ],
)
def test_a_group_word_before_the_name_and_a_superscript_footnote_fold(
    founders_matcher, name: str, founder: str
) -> None:
    assert founders_matcher.lookup(name) == founder
