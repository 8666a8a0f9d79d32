"""The terminal table drawn directly must look exactly like the one rich.table draws, and both give way
gracefully on a narrow terminal."""

import io
import re
from datetime import date
from pathlib import Path

import pytest
from rich.cells import cell_len

from accord_cli.core import queries, timeline
from accord_cli.core.dates import Granularity
from accord_cli.core.membership import members
from accord_cli.render import as_table
from accord_cli.render.history import diff_result, growth_result, log_result
from accord_cli.render.members import list_result, pledges_result, show_result
from accord_cli.render.output import ColorMode, Output
from accord_cli.render.result import Column, Result
from accord_cli.render.watch import organisations_result
from accord_cli.storage.ledger_file import load
from accord_cli.storage.location import Location
from tests.conftest import FOUNDERS as FOUNDERS_PATH
from tests.conftest import TODAY

_ESCAPES = re.compile(r"\x1b\[[0-9;]*m")
FOUNDERS = load(Location(FOUNDERS_PATH)).ledger


def _results() -> dict[str, Result]:
    current = members(FOUNDERS, TODAY)
    return {
        "signatories": list_result(FOUNDERS, current, len(current)),
        "pledges (right-justified counts)": pledges_result(
            FOUNDERS, queries.pledge_support(FOUNDERS, [st.signatory for st in current]), len(current)
        ),
        "log": log_result(timeline.changes(FOUNDERS)),
        "empty": list_result(FOUNDERS, [], 34),
        "no header": show_result(FOUNDERS, current[0]),
        "one column": organisations_result("bigtech", FOUNDERS.watchlists["bigtech"]),
        "rows styled by kind": diff_result(timeline.diff(FOUNDERS, date(2017, 1, 1), TODAY)),
        "wide characters": Result(
            fields=("name", "n"),
            columns=(Column("name", "Name", style="bold"), Column("n", "Count", justify="right")),
            records=[
                {"name": "株式会社日立製作所", "n": 3},
                {"name": "Telefónica", "n": 12},
                {"name": "Åland 🚀 Co", "n": 1},
                {"name": "plain", "n": None},
            ],
            sentence="4 rows",
            title="Tïtle 日本",
        ),
    }


def _drawn(draw, result: Result) -> str:
    buffer = io.StringIO()
    draw(result, Output(ColorMode.always, stdout=buffer))
    return buffer.getvalue()


def _direct(result: Result, out: Output) -> None:
    laid = as_table._columns(result, result.columns)
    as_table._draw_simple(result, out, laid, as_table._fitted(laid, out.console.width - as_table._frame(len(laid))))


@pytest.mark.parametrize("name", list(_results()))
def test_the_direct_drawing_matches_rich_table_character_for_character(name: str, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    result = _results()[name]
    direct = _drawn(_direct, result)
    assert direct, "the direct drawing declined a table that fits"
    assert _ESCAPES.sub("", direct) == _ESCAPES.sub("", _drawn(as_table._render_rich_table, result))


@pytest.mark.parametrize(
    ("env", "header", "name_cell"),
    [
        ({"TERM": "xterm-256color"}, "\x1b[1;36m Name", "\x1b[1m ABB"),
        ({"TERM": "xterm", "NO_COLOR": "1"}, "  Name", "  ABB"),
        ({"TERM": "dumb"}, "  Name", "  ABB"),
    ],
)
def test_styles_follow_the_terminal_like_richs_console(monkeypatch, env, header, name_cell) -> None:
    monkeypatch.delenv("COLORTERM", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    text = _drawn(as_table.render_rich, _results()["signatories"])
    assert header in text and name_cell in text
    if "NO_COLOR" in env or env["TERM"] == "dumb":
        assert "36m" not in text


_DATE_OR_NUMBER = re.compile(r"\b\d[\d-]*\b")


def _narrow_results() -> dict[str, Result]:
    return {**_results(), "timeline": growth_result(timeline.growth(FOUNDERS, Granularity.quarter, TODAY))}


@pytest.mark.parametrize("width", [40, 64, 80])
@pytest.mark.parametrize("name", list(_narrow_results()))
def test_a_narrow_terminal_cuts_words_never_dates_or_numbers(name: str, width: int, monkeypatch) -> None:
    result = _narrow_results()[name]
    monkeypatch.setenv("COLUMNS", "250")
    wide = _ESCAPES.sub("", _drawn(as_table.render_rich, result)).splitlines()
    monkeypatch.setenv("COLUMNS", str(width))
    narrow = _ESCAPES.sub("", _drawn(as_table.render_rich, result)).splitlines()
    assert max(map(cell_len, narrow)) <= width
    if any(c.wrap for c in result.columns):  # read in full: every figure still there, perhaps folded
        assert set(_DATE_OR_NUMBER.findall(" ".join(wide))) <= set(
            _DATE_OR_NUMBER.findall(" ".join(narrow) + "".join(line.strip() for line in narrow))
        )
        return
    figures = [_DATE_OR_NUMBER.findall(line) for line in wide[:-1] if _DATE_OR_NUMBER.search(line)]
    assert [_DATE_OR_NUMBER.findall(line) for line in narrow if _DATE_OR_NUMBER.search(line)][: len(figures)] == figures
    if not any(c.bar for c in result.columns):  # a line a row, each cell the wide one or its start
        table = len(wide) - 1  # all but the sentence, which wraps like any text
        assert narrow[:table] and len(narrow) >= len(wide)
        for short, full in zip(narrow[:table], wide):
            for cell in filter(None, short.strip().split("  ")):
                assert cell.strip() in full or cell.strip().removesuffix("…") in full, (cell, full)


# Period, Joined, Left and Total take 22 cells, and the frame of six columns 19; the two bars (joins, leaves)
# share the rest and one scale, the 34 founders' joins the longest; below 8 cells each, they go.
@pytest.mark.parametrize(("width", "bar"), [(120, 39), (80, 19), (64, 11), (50, 0), (40, 0)])
def test_bars_shrink_then_go_before_any_figure_is_cut(width: int, bar: int, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    drawn = _ESCAPES.sub("", _drawn(as_table.render_rich, _narrow_results()["timeline"])).splitlines()
    assert max(line.count("█") for line in drawn) == bar
    assert "2026-Q4        0      0      34" in "\n".join(drawn) and "…" not in "".join(drawn)


def test_text_to_read_in_full_wraps_instead_of_being_cut(monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    microsoft = next(st for st in members(FOUNDERS, TODAY) if st.signatory.id == "microsoft")
    drawn = _ESCAPES.sub("", _drawn(as_table.render_rich, show_result(FOUNDERS, microsoft))).splitlines()
    assert max(map(cell_len, drawn)) <= 60
    assert microsoft.signatory.source in "".join(line.strip() for line in drawn)


def test_a_terminal_too_narrow_for_the_figures_gets_whole_rows_it_wraps_itself(monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "20")
    drawn = _ESCAPES.sub("", _drawn(as_table.render_rich, _results()["signatories"])).splitlines()
    assert "2018-04-17" in drawn[4] and len(drawn) == len(FOUNDERS.signatories) + 6


def test_rows_take_the_style_of_what_they_are(monkeypatch) -> None:
    monkeypatch.setenv("TERM", "xterm")
    result = _results()["rows styled by kind"]
    assert all(record["style"] == "green" for record in result.records)
    for draw in (_direct, as_table._render_rich_table):
        assert "\x1b[32m" in _drawn(draw, result)


_EVERY_DATE_FORM = """
[[signatories]]
id = "yearly"
name = "Yearly Systems"
joined = "2019"

[[signatories]]
id = "spanning"
name = "Spanning Networks"
joined = "2019-01-15/2019-04-15"

[[signatories.events]]
date = "2020-02-03/2021-06-30"
event = "leave"

[[signatories]]
id = "opening"
name = "Opening Data"
joined = "../2020-05-05"
"""
_SHIPPED = Path(__file__).resolve().parent.parent / "accord.toml"
# A date, a period (open or not), a number or a status word, as a cut would leave its start: "2018-0…",
# "../2021-0…", "(+1 / possi…", "possible mat…".
_CUT_FIGURE = re.compile(r"(?<!\S)(?:[0-9./(+][^\s…]*|possib[a-z]*|at|least|most|about|join|leave|rejoin|rename)…")
_COMMANDS = [
    ("list",),
    ("list", "--all"),
    ("log",),
    ("counts",),
    ("missing", "-w", "bigtech"),
    ("timeline",),
    ("show", "Spanning Networks"),
    ("diff", "2018-01-01", "2026-01-01"),
]


@pytest.mark.parametrize("width", [40, 50, 80])
@pytest.mark.parametrize("ledger", ["shipped", "every date form"])
@pytest.mark.parametrize("command", _COMMANDS, ids=" ".join)
def test_every_table_fits_its_width_and_cuts_no_date_period_number_or_status(
    run, tmp_path, ledger, width, command
) -> None:
    text = _SHIPPED.read_text(encoding="utf-8")
    path = tmp_path / "accord.toml"
    path.write_text(text + _EVERY_DATE_FORM if ledger != "shipped" else text, encoding="utf-8")
    if ledger == "shipped" and command[0] == "show":
        command = ("show", "Carbon Black")
    result = run("--color", "always", *command, env={"COLUMNS": str(width), "ACCORD_LEDGER": str(path)})
    assert result.exit_code == 0, result.stderr
    lines = _ESCAPES.sub("", result.stdout).splitlines()
    assert not [line for line in lines if _CUT_FIGURE.search(line)]
    # Some tables' unbreakable pieces with their frame need more than the width: the reported totals' six
    # columns (a day, "possibly)") at 40 and 50, and two periods side by side (Joined and Left) at 40. They
    # are drawn as narrow as their pieces allow, for the terminal to wrap.
    too_narrow = {("counts",): 80, ("list", "--all"): 50 if ledger != "shipped" else 0}
    if width >= too_narrow.get(command, 0):
        assert max(map(cell_len, lines)) <= width


def test_a_period_wraps_after_its_slash_and_a_status_between_its_words(run, tmp_path) -> None:
    path = tmp_path / "accord.toml"
    path.write_text(_SHIPPED.read_text(encoding="utf-8") + _EVERY_DATE_FORM, encoding="utf-8")
    lines = _ESCAPES.sub(
        "", run("--color", "always", "list", "--all", env={"COLUMNS": "40", "ACCORD_LEDGER": str(path)}).stdout
    ).splitlines()
    spanning = next(i for i, line in enumerate(lines) if "2019-01-15/" in line)
    assert "2019-04-15" in lines[spanning + 1] and "2020-02-03/" in lines[spanning]
    assert "../" in "".join(lines) and "2020-05-05" in "".join(lines)


def test_below_forty_columns_dates_stay_whole_and_the_table_as_narrow_as_they_allow(run, tmp_path) -> None:
    wide = _ESCAPES.sub("", run("--color", "always", "list", "--all", env={"COLUMNS": "120"}).stdout).splitlines()
    narrow = _ESCAPES.sub("", run("--color", "always", "list", "--all", env={"COLUMNS": "30"}).stdout).splitlines()
    assert max(map(cell_len, narrow)) < max(map(cell_len, wide))
    assert not [line for line in narrow if _CUT_FIGURE.search(line)] and "2018-04-17" in "".join(narrow)
