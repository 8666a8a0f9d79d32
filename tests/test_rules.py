from datetime import date

import tomli

from accord_cli.core.document import decode
from accord_cli.core.rules import find_problems
from tests.conftest import FOUNDERS, MINIMAL

TODAY = date(2026, 11, 28)


def problems_in(text: str) -> list[tuple[tuple, str]]:
    ledger, decoded = decode(tomli.loads(text))
    assert ledger is not None, decoded
    return [(p.path, p.message) for p in find_problems(ledger, TODAY)]


def test_the_shipped_ledger_has_no_problems() -> None:
    assert problems_in(FOUNDERS.read_text(encoding="utf-8")) == []


def test_every_problem_is_found_not_just_the_first() -> None:
    found = problems_in(
        MINIMAL
        + """
[[signatories]]
id = "acme"
name = "Acme"
joined = 2030-01-01
country = "UK"
pledges = ["defense", "offense"]

[[signatories]]
id = "acme"
name = "Beta"
aliases = ["ACME"]
joined = 2017-01-01

[[signatories]]
id = "Not A Slug"
name = "Ev\\u001bil"
joined = 2019-01-01

[watchlists]
empty = []
"""
    )
    assert found == [
        (("signatories", 0, "pledges"), "unknown pledge 'offense' (known pledges: defense, no-offense)"),
        (("signatories", 0, "country"), "'UK' is not an ISO 3166 alpha-2 country code (e.g. US, GB, DE)"),
        (("signatories", 0, "joined"), "joined 2030-01-01 is in the future (today is 2026-11-28)"),
        (("signatories", 0, "id"), "id 'acme' is used by more than one signatory"),
        (("signatories", 1, "joined"), "joined 2017-01-01 is before the accord launched (2018-04-17)"),
        (("signatories", 1, "id"), "id 'acme' is used by more than one signatory"),
        (("signatories", 1, "aliases"), "'ACME' is also a name of Acme (id acme)"),
        (("signatories", 2, "id"), "id 'Not A Slug' is not a slug like 'trend-micro'"),
        (("signatories", 2, "name"), "name 'Ev\\x1bil' contains U+001B, a control character"),
        (("watchlists", "empty"), "watchlist 'empty' is empty"),
    ]


def test_duplicate_pledge_ids_and_future_launch() -> None:
    found = problems_in(
        MINIMAL.replace("2018-04-17", "2027-01-01") + '\n[[pledges]]\nid = "defense"\ntitle = "Again"\n'
    )
    assert (("accord", "launched"), "launch date 2027-01-01 is in the future") in found
    assert (("pledges", 2, "id"), "pledge id 'defense' is defined more than once") in found


def test_history_events_before_the_launch_or_in_the_future() -> None:
    found = problems_in(
        MINIMAL
        + """
[[signatories]]
name = "Acme"
joined = 2018-04-17

[[signatories.events]]
date = 2018-01-01
event = "leave"

[[signatories.events]]
date = 2030-01-01
event = "rejoin"
"""
    )
    messages = [message for _, message in found]
    assert "leave on 2018-01-01 is before the accord launched (2018-04-17)" in messages
    assert "rejoin on 2030-01-01 is in the future (today is 2026-11-28)" in messages


def test_control_and_invisible_characters_are_found_in_every_text_field() -> None:
    found = problems_in(
        MINIMAL.replace('name = "Test Accord"', 'name = "Evil\\u001b]0;pwned\\u0007"').replace(
            'title = "No offense"', 'title = "No\\u200b offense"'
        )
        + """
[[signatories]]
name = "Acme"
joined = 2019-01-01
note = "two lines\\nare fine in a note"
sector = "tele\\u00adcom"

[[signatories.events]]
date = 2020-01-01
event = "leave"
reason = "\\u202egnivael"

[watchlists]
"list\\u001b[2J" = ["Apple", "Sams\\u200bung"]
"""
    )
    assert found == [
        (("accord", "name"), "name 'Evil\\x1b]0;pwned\\x07' contains U+001B, a control character"),
        (("pledges", 1, "title"), "title 'No\\u200b offense' contains U+200B ZERO WIDTH SPACE, an invisible character"),
        (("signatories", 0, "sector"), "sector 'tele\\xadcom' contains U+00AD SOFT HYPHEN, an invisible character"),
        (
            ("signatories", 0, "events", 0, "reason"),
            "reason '\\u202egnivael' contains U+202E RIGHT-TO-LEFT OVERRIDE, a bidirectional control",
        ),
        (("watchlists", "list\x1b[2J"), "'list\\x1b[2J' contains U+001B, a control character"),
        (("watchlists", "list\x1b[2J"), "'Sams\\u200bung' contains U+200B ZERO WIDTH SPACE, an invisible character"),
    ]


def test_lookalike_signatories_and_mixed_scripts_are_found() -> None:
    found = problems_in(
        MINIMAL
        + """
[[signatories]]
name = "Microsoft"
joined = 2019-01-01

[[signatories]]
name = "Acme"
aliases = ["Micr\\u03bfsoft"]
joined = 2019-01-01

[[signatories]]
name = "\\u041coscow Tech"
joined = 2019-01-01
"""
    )
    assert found == [
        (
            ("signatories", 1, "aliases"),
            "'Micr\u03bfsoft' reads as 'Microsoft', a name of Microsoft (id "
            "microsoft): \u03bf (U+03BF GREEK SMALL LETTER OMICRON, read as o)",
        ),
        (
            ("signatories", 1, "aliases"),
            "'Micr\u03bfsoft' looks spoofed: the word 'Micr\u03bfsoft' mixes Greek "
            "and Latin letters (\u03bf (U+03BF GREEK SMALL LETTER OMICRON, read as o))",
        ),
        (
            ("signatories", 2, "name"),
            "'\u041coscow Tech' looks spoofed: the word '\u041coscow' mixes Cyrillic and "
            "Latin letters (\u041c (U+041C CYRILLIC CAPITAL LETTER EM, read as M))",
        ),
    ]


def test_a_snapshot_in_the_future_before_the_launch_or_recorded_twice() -> None:
    ledger, _ = decode(
        tomli.loads(
            MINIMAL
            + """
[[snapshots]]
date = 2017-01-01
count = 1
digest = "sha256:aa"

[[snapshots]]
date = 2019-04-15
count = 2
digest = "sha256:bb"
source = "https://example.org/a"

[[snapshots]]
date = 2019-04-15
count = 3
digest = "sha256:cc"
source = "https://example.org/a"

[[snapshots]]
date = 2031-01-01
count = 4
digest = "sha256:dd"
"""
        )
    )
    assert [(p.path, p.message) for p in find_problems(ledger, date(2026, 1, 1))] == [
        (("snapshots", 0, "date"), "snapshot dated 2017-01-01 is before the accord launched (2018-04-17)"),
        (("snapshots", 2), "a snapshot of the same date and source is recorded already"),
        (("snapshots", 3, "date"), "snapshot dated 2031-01-01 is in the future (today is 2026-01-01)"),
    ]
