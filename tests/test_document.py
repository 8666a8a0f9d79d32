from datetime import date

import tomli

from accord_cli.core.document import decode, encode
from tests.conftest import MINIMAL, SHIPPED


def _decode(text: str):
    return decode(tomli.loads(text))


def test_the_shipped_ledger_decodes_cleanly() -> None:
    ledger, problems = _decode(SHIPPED.read_text(encoding="utf-8"))
    assert problems == []
    assert ledger is not None
    assert len(ledger.signatories) == 34
    assert ledger.accord.launched == date(2018, 4, 17)
    assert ledger.pledge_ids == ("defense", "no-offense", "capacity-building", "collective-action")
    assert ledger.watchlists["bigtech"] == ("Apple", "Amazon", "Google", "Twitter", "Microsoft", "Facebook")


def test_encode_then_decode_is_the_same_ledger() -> None:
    ledger, _ = _decode(SHIPPED.read_text(encoding="utf-8"))
    again, problems = decode(encode(ledger))
    assert again == ledger and problems == []


def test_a_missing_id_is_derived_from_the_name_and_kept_unique() -> None:
    ledger, problems = _decode(MINIMAL + """
[[signatories]]
id = "trend-micro"
name = "Trend Micro Inc"
joined = 2018-04-17

[[signatories]]
name = "Trend Micro"
joined = 2018-04-17
""")
    assert problems == []
    assert [s.id for s in ledger.signatories] == ["trend-micro", "trend-micro-2"]


def test_unknown_keys_are_reported_and_kept() -> None:
    ledger, problems = _decode(MINIMAL + """
[[signatories]]
name = "Acme"
joinde = 2019-01-01
joined = 2019-01-01
""")
    assert [p.message for p in problems] == ["unknown key 'joinde'; did you mean 'joined'?"]
    assert not problems[0].fatal
    assert ledger.signatories[0].extra == {"joinde": date(2019, 1, 1)}
    assert encode(ledger)["signatories"][0]["joinde"] == date(2019, 1, 1)


def test_wrong_types_and_missing_fields_are_fatal_and_all_reported() -> None:
    ledger, problems = _decode(MINIMAL + """
[[signatories]]
name = "Acme"
joined = "2019-01-01"

[[signatories]]
joined = 2019-01-01

[[signatories]]
name = "Beta"
joined = 2019-01-01
aliases = "B"
""")
    assert ledger is None
    assert [(p.path, p.message) for p in problems] == [
        (("signatories", 0, "joined"), "'joined' must be a date like 2018-04-17 (unquoted), not the string \"2019-01-01\""),
        (("signatories", 1), "missing 'name'"),
        (("signatories", 2, "aliases"), "'aliases' must be a list of strings, e.g. [\"Meta\"], not the string \"B\""),
    ]
    assert all(p.fatal for p in problems)


def test_a_datetime_is_not_a_date() -> None:
    _, problems = _decode(MINIMAL + '[[signatories]]\nname = "A"\njoined = 2019-01-01T10:00:00\n')
    assert problems[0].message == "'joined' must be a date like 2018-04-17 (unquoted), not a date with a time"


def test_a_ledger_without_an_accord_table_is_refused() -> None:
    ledger, problems = _decode('[[signatories]]\nname = "A"\njoined = 2019-01-01\n')
    assert ledger is None
    assert problems[0].path == ("accord",) and problems[0].fatal


def test_pledges_absent_means_all_and_empty_means_none() -> None:
    ledger, _ = _decode(MINIMAL + """
[[signatories]]
name = "All"
joined = 2019-01-01

[[signatories]]
name = "None"
joined = 2019-01-01
pledges = []
""")
    everyone, nobody = ledger.signatories
    assert everyone.endorsed(ledger.pledge_ids) == ("defense", "no-offense")
    assert nobody.endorsed(ledger.pledge_ids) == ()
    assert "pledges" not in encode(ledger)["signatories"][0]
    assert encode(ledger)["signatories"][1]["pledges"] == ()
