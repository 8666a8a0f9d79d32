"""What leave, rejoin, rename, diff, log and timeline hand to a renderer."""

from datetime import date

from accord_cli.core import timeline
from accord_cli.core.dates import Granularity
from accord_cli.core.membership import history
from accord_cli.render import history as shown
from tests.conftest import day
from tests.test_timeline import LEDGER


def test_a_recorded_change_is_a_sentence_or_a_log_record() -> None:
    beta = LEDGER.signatories[1]
    leave = list(history(beta))[1]
    result = shown.recorded_result(leave, "accord.toml")
    assert result.sentence == "Recorded in accord.toml: Beta left on 2019-06-30 (merged)."
    assert result.json_document() == {
        "date": day(2019, 6, 30),
        "event": "leave",
        "id": "beta",
        "name": "Beta",
        "reason": "merged",
        "from": None,
        "to": None,
        "source": None,
        "note": None,
    }


def test_the_log_shows_renames_as_old_to_new() -> None:
    result = shown.log_result(timeline.changes(LEDGER))
    rename = next(r for r in result.records if r["event"] == "rename")
    assert rename["detail"] == "Delta -> Delta Two"
    assert result.fields == shown.CHANGE_FIELDS and result.sentence == "10 events"


def test_a_diff_marks_each_change_and_counts_them() -> None:
    result = shown.diff_result(timeline.diff(LEDGER, date(2019, 6, 29), date(2020, 12, 31)))
    assert [(r["marker"], r["name"], r["detail"], r["style"]) for r in result.records] == [
        ("+", "Gamma", "", "green"),
        ("-", "Delta", "", "red"),
        ("~", "Delta -> Delta Two", "(renamed 2019-06-30)", "yellow"),
    ]
    assert result.sentence == "1 joined, 1 left, 0 rejoined, 1 renamed between 2019-06-29 and 2020-12-31"
    assert result.json_document()["renamed"] == [{"from": "Delta", "to": "Delta Two", "date": day(2019, 6, 30)}]


def test_growth_has_bars_of_joins_and_leaves_and_says_where_it_ends() -> None:
    result = shown.growth_result(timeline.growth(LEDGER, Granularity.year, date(2021, 5, 1)))
    assert [c.key for c in result.columns if c.bar] == ["joined", "left"]
    assert result.sentence == "3 members at the end of 2021"
    assert shown.growth_result([]).sentence == "no members yet"
