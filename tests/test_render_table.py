"""The terminal table drawn directly must look exactly like the one rich.table draws."""

import io
import re
from datetime import date

import pytest

from accord_cli.core import queries, timeline
from accord_cli.core.membership import members
from accord_cli.render import as_table
from accord_cli.render.history import diff_result, log_result
from accord_cli.render.members import list_result, pledges_result, show_result
from accord_cli.render.output import ColorMode, Output
from accord_cli.render.result import Column, Result
from accord_cli.render.watch import organisations_result
from accord_cli.storage.ledger_file import load
from accord_cli.storage.location import BUILT_IN
from tests.conftest import TODAY

_ESCAPES = re.compile(r"\x1b\[[0-9;]*m")
SHIPPED = load(BUILT_IN).ledger


def _results() -> dict[str, Result]:
    current = members(SHIPPED, TODAY)
    return {
        "signatories": list_result(SHIPPED, current, len(current)),
        "pledges (right-justified counts)": pledges_result(
            SHIPPED, queries.pledge_support(SHIPPED, [st.signatory for st in current]), len(current)),
        "log": log_result(timeline.changes(SHIPPED)),
        "empty": list_result(SHIPPED, [], 34),
        "no header": show_result(SHIPPED, current[0]),
        "one column": organisations_result("bigtech", SHIPPED.watchlists["bigtech"]),
        "rows styled by kind": diff_result(timeline.diff(SHIPPED, date(2017, 1, 1), TODAY)),
        "wide characters": Result(
            fields=("name", "n"), columns=(Column("name", "Name", style="bold"), Column("n", "Count", justify="right")),
            records=[{"name": "株式会社日立製作所", "n": 3}, {"name": "Telefónica", "n": 12},
                     {"name": "Åland 🚀 Co", "n": 1}, {"name": "plain", "n": None}],
            sentence="4 rows", title="Tïtle 日本"),
    }


def _drawn(draw, result: Result) -> str:
    buffer = io.StringIO()
    draw(result, Output(ColorMode.always, stdout=buffer))
    return buffer.getvalue()


@pytest.mark.parametrize("name", list(_results()))
def test_the_direct_drawing_matches_rich_table_character_for_character(name: str, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    result = _results()[name]
    direct = _drawn(as_table._draw_simple, result)
    assert direct, "the direct drawing declined a table that fits"
    assert _ESCAPES.sub("", direct) == _ESCAPES.sub("", _drawn(as_table._render_rich_table, result))


@pytest.mark.parametrize(("env", "header", "name_cell"), [
    ({"TERM": "xterm-256color"}, "\x1b[1;36m Name", "\x1b[1m ABB"),
    ({"TERM": "xterm", "NO_COLOR": "1"}, "  Name", "  ABB"),
    ({"TERM": "dumb"}, "  Name", "  ABB"),
])
def test_styles_follow_the_terminal_like_richs_console(monkeypatch, env, header, name_cell) -> None:
    monkeypatch.delenv("COLORTERM", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    text = _drawn(as_table.render_rich, _results()["signatories"])
    assert header in text and name_cell in text
    if "NO_COLOR" in env or env["TERM"] == "dumb":
        assert "36m" not in text


def test_a_table_wider_than_the_terminal_goes_through_rich(monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "30")
    result = _results()["signatories"]
    assert _drawn(as_table._draw_simple, result) == ""
    drawn = _drawn(as_table.render_rich, result)
    assert max(len(_ESCAPES.sub("", line)) for line in drawn.splitlines()) <= 30


def test_rows_take_the_style_of_what_they_are(monkeypatch) -> None:
    monkeypatch.setenv("TERM", "xterm")
    result = _results()["rows styled by kind"]
    assert all(record["style"] == "green" for record in result.records)
    for draw in (as_table._draw_simple, as_table._render_rich_table):
        assert "\x1b[32m" in _drawn(draw, result)
