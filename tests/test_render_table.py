"""The terminal table drawn directly must look exactly like the one rich.table draws."""

import io
import re
from datetime import date

import pytest

from accord_cli import ledger, roster, timeline, views
from accord_cli.render import ColorMode, Output, as_table

_ESCAPES = re.compile(r"\x1b\[[0-9;]*m")
TODAY = date(2026, 11, 28)
SHIPPED = ledger.load(ledger.Location(None)).ledger


def _listings() -> dict[str, views.Listing]:
    members = timeline.members(SHIPPED, TODAY)
    return {
        "signatories": views.signatory_listing(SHIPPED, members, len(members)),
        "pledges (right-justified counts)": views.pledge_listing(
            SHIPPED, roster.pledge_support(SHIPPED, [st.signatory for st in members]), len(members)),
        "log": views.log_listing(timeline.changes(SHIPPED)),
        "empty": views.signatory_listing(SHIPPED, [], 34),
        "no header": views.organisations_listing("bigtech", SHIPPED.watchlists["bigtech"]),
        "wide characters": views.Listing(
            fields=("name", "n"), columns=(views.Column("name", "Name", style="bold"),
                                           views.Column("n", "Count", justify="right")),
            records=[{"name": "株式会社日立製作所", "n": 3}, {"name": "Telefónica", "n": 12},
                     {"name": "Åland 🚀 Co", "n": 1}, {"name": "plain", "n": None}],
            summary="4 rows", title="Tïtle 日本"),
    }


def _drawn(draw, listing: views.Listing) -> str:
    buffer = io.StringIO()
    draw(listing, Output(ColorMode.always, stdout=buffer))
    return buffer.getvalue()


@pytest.mark.parametrize("name", list(_listings()))
def test_the_direct_drawing_matches_rich_table_character_for_character(name: str, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    listing = _listings()[name]
    direct = _drawn(as_table._draw_simple, listing)
    assert direct, "the direct drawing declined a table that fits"
    assert _ESCAPES.sub("", direct) == _ESCAPES.sub("", _drawn(as_table._render_rich_table, listing))


@pytest.mark.parametrize(("env", "header", "name_cell"), [
    ({"TERM": "xterm-256color"}, "\x1b[1;36m Name", "\x1b[1m ABB"),
    ({"TERM": "xterm", "NO_COLOR": "1"}, "\x1b[1m Name", "\x1b[1m ABB"),
    ({"TERM": "dumb"}, "  Name", "  ABB"),
])
def test_styles_follow_the_terminal_like_richs_console(monkeypatch, env, header, name_cell) -> None:
    monkeypatch.delenv("COLORTERM", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    text = _drawn(as_table.render_rich, _listings()["signatories"])
    assert header in text and name_cell in text
    if "NO_COLOR" in env or env["TERM"] == "dumb":
        assert "36m" not in text


def test_a_table_wider_than_the_terminal_goes_through_rich(monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "30")
    listing = _listings()["signatories"]
    assert _drawn(as_table._draw_simple, listing) == ""
    drawn = _drawn(as_table.render_rich, listing)
    assert max(len(_ESCAPES.sub("", line)) for line in drawn.splitlines()) <= 30
