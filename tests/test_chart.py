"""The report's chart: scaled to the members, a reported total above them pinned to the top edge."""

import re
import xml.etree.ElementTree as ET
from datetime import date

from accord_cli.core.counts import Coverage
from accord_cli.core.dates import parse_when
from accord_cli.core.model import Count
from accord_cli.render import chart
from accord_cli.render.report import Chart

_SVG = "{http://www.w3.org/2000/svg}"
_PLOT_TOP, _PLOT_BOTTOM = chart._TOP, chart._HEIGHT - chart._BOTTOM


def _reported(when: str, count: int, qualifier: str) -> Coverage:
    return Coverage(Count(parse_when(when), count, qualifier), named=6, possibly=0)  # type: ignore[arg-type]


def _svg(*counts: Coverage) -> ET.Element:
    drawn = Chart(
        date(2019, 1, 1),
        date(2021, 12, 31),
        6,
        [(date(2019, 6, 1), 10), (date(2020, 6, 1), 17)],
        [],
        [(date(2019, 6, 1), 4), (date(2020, 6, 1), 7)],
        [],
        list(counts),
    )
    return ET.fromstring(chart.growth_svg(drawn, "Acme Pledge"))


def _ys(path: str) -> list[float]:
    """Every y a step path reaches: its start's and each vertical step's."""
    return [float(v) for v in re.findall(r"(?:M[0-9.]+,|V)([0-9.]+)", path)]


def test_the_member_line_uses_the_height_of_the_chart_whatever_is_reported() -> None:
    svg = _svg(_reported("2019-09", 1000, "at-least"), _reported("2019-03", 8, "exact"))
    line = next(p for p in svg.iter(f"{_SVG}path") if p.get("class") == "total")
    ys = _ys(line.get("d", ""))
    height = _PLOT_BOTTOM - _PLOT_TOP
    # 6 to 17 members on a scale to 20: the line climbs over half the plot, its top in the top fifth.
    assert max(ys) - min(ys) > height / 2 and min(ys) < _PLOT_TOP + height / 5
    ticks = [t.text for t in svg.iter(f"{_SVG}text") if t.get("text-anchor") == "end" and t.text.isdigit()]
    assert ticks == ["0", "5", "10", "15", "20"]


def test_a_total_above_the_scale_is_pinned_at_the_top_with_its_label_and_one_below_is_a_point() -> None:
    svg = _svg(_reported("2019-09", 1000, "at-least"), _reported("2019-03", 8, "exact"))
    marks = {g.get("class"): g for g in svg.iter(f"{_SVG}g") if g.get("class", "").startswith("reported")}
    above, within = marks["reported above-scale"], marks["reported"]
    label = above.find(f"{_SVG}text")
    assert label is not None and label.text == "≥1,000 reported 2019-09"
    assert float(label.get("y", "")) <= _PLOT_TOP
    arrow = above.find(f"{_SVG}path")
    assert arrow is not None and max(_ys(arrow.get("d", ""))) <= _PLOT_TOP
    point = within.find(f"{_SVG}rect")
    assert point is not None and _PLOT_TOP < float(point.get("y", "")) < _PLOT_BOTTOM
    assert within.findtext(f"{_SVG}text") == "8"
