"""Membership over time as an SVG image: a step line of the certain members, joins and leaves marked,
the totals sources report as points, with a title and a description for those who cannot see it.

The axis is scaled to the members (certain and possible), so that "at least 1,000" reported does not
flatten a membership of a few dozen onto it: a total above the scale is an arrow pinned to the top
edge, labelled with the total and its date.

Every text from the ledger is escaped here; the image needs no script and no font of its own.
"""

from __future__ import annotations

from datetime import date
from html import escape as escape_markup

from accord_cli.core.characters import escape_unsafe
from accord_cli.render.report import Chart, describe_chart


def escape(text: str) -> str:
    """Text from the ledger as SVG may hold it: markup escaped, unsafe characters shown as escapes."""
    return escape_markup(escape_unsafe(text))


_WIDTH, _HEIGHT = 720, 320
_LEFT, _RIGHT, _TOP, _BOTTOM = 48, 16, 24, 40
_JOIN, _LEAVE, _TOTAL, _POSSIBLE, _REPORTED = "#1a7f37", "#cf222e", "#0969da", "#8c959f", "#9a6700"


def _ticks(top: int) -> list[int]:
    """About five round values from 0 to `top` for the vertical axis."""
    raw = max(1, top) / 5
    magnitude = 10 ** (len(str(int(raw))) - 1)  # the power of ten at or below `raw`, however large
    step = next(s * magnitude for s in (1, 2, 5, 10) if s * magnitude >= raw)
    return list(range(0, top + step, step))


def _tick_label(value: int) -> str:
    """An axis figure short enough for the margin: 150, 9,000, 20k, 1.5M, 1B."""
    for size, unit in ((10**9, "B"), (10**6, "M"), (10**4, "k")):
        if value >= size:
            quotient = value / (size if unit != "k" else 1000)
            return (f"{quotient:,.0f}" if quotient == int(quotient) else f"{quotient:.3g}") + unit
    return f"{value:,}"


def growth_svg(chart: Chart, name: str, *, standalone: bool = True) -> str:
    """The chart as SVG: a file of its own (`standalone`, with the XML namespace) or inline in a web page."""
    ticks = _ticks(max([chart.before, *(n for _, n in chart.steps), *(n for _, n in chart.possible), 1]))
    top = ticks[-1]
    span = max(1, (chart.end - chart.start).days)
    plot_w, plot_h = _WIDTH - _LEFT - _RIGHT, _HEIGHT - _TOP - _BOTTOM

    def x(day: date) -> float:
        return round(_LEFT + plot_w * min(max((day - chart.start).days, 0), span) / span, 1)

    def y(count: int) -> float:
        return round(_TOP + plot_h * (1 - count / top), 1)

    def steps_path(steps: list[tuple[date, int]]) -> str:
        path = [f"M{x(chart.start)},{y(chart.before)}"]
        path += [f"H{x(day)}V{y(count)}" for day, count in steps]
        return " ".join(path) + f" H{x(chart.end)}"

    title = f"Members of {name} over time"
    namespace = 'xmlns="http://www.w3.org/2000/svg" ' if standalone else ""
    out = [
        f'<svg {namespace}viewBox="0 0 {_WIDTH} {_HEIGHT}" role="img" '
        f'aria-labelledby="chart-title chart-desc" class="chart">',
        f'<title id="chart-title">{escape(title)}</title>',
        f'<desc id="chart-desc">{escape(describe_chart(chart, name))}</desc>',
        '<g font-family="system-ui, sans-serif" font-size="12" fill="#57606a">',
    ]
    for tick in ticks:
        out.append(
            f'<line x1="{_LEFT}" x2="{_WIDTH - _RIGHT}" y1="{y(tick)}" y2="{y(tick)}" stroke="#d0d7de" '
            f'stroke-width="1"/><text x="{_LEFT - 6}" y="{y(tick) + 4}" text-anchor="end">{_tick_label(tick)}</text>'
        )
    for year in range(chart.start.year + 1, chart.end.year + 1):
        day = date(year, 1, 1)
        out.append(
            f'<line x1="{x(day)}" x2="{x(day)}" y1="{_TOP + plot_h}" y2="{_TOP + plot_h + 5}" '
            f'stroke="#8c959f"/><text x="{x(day)}" y="{_TOP + plot_h + 18}" text-anchor="middle">{year}</text>'
        )
    out.append("</g>")
    if chart.possible:
        out.append(
            f'<path class="possible" d="{steps_path(chart.possible)}" fill="none" stroke="{_POSSIBLE}" '
            f'stroke-width="2" stroke-dasharray="4 3"><title>certain and possible members</title></path>'
        )
    out.append(
        f'<path class="total" d="{steps_path(chart.steps)}" fill="none" stroke="{_TOTAL}" '
        f'stroke-width="2.5"><title>certain members</title></path>'
    )
    certain_on = dict(chart.steps)
    level = chart.before
    levels = {}
    for day in sorted({day for day, _ in (*chart.joins, *chart.leaves, *chart.steps)}):
        level = certain_on.get(day, level)
        levels[day] = level
    for marks, colour, kind in ((chart.joins, _JOIN, "joined"), (chart.leaves, _LEAVE, "left")):
        for day, count in marks:
            out.append(
                f'<circle class="{kind}" data-date="{day.isoformat()}" cx="{x(day)}" cy="{y(levels[day])}" '
                f'r="4" fill="{colour}"><title>{day.isoformat()}: {count} {kind}</title></circle>'
            )
    for cover in chart.counts:
        total = cover.count
        label = {"exact": "", "at-least": "≥", "about": "≈"}[total.qualifier] + f"{total.count:,}"
        tip = f"<title>reported {escape(total.date.isoformat())}: {escape(total.describe())}</title>"
        cx = x(total.date.last)
        if total.count <= top:
            cy = y(total.count)
            out.append(
                f'<g class="reported"><rect x="{cx - 4}" y="{cy - 4}" width="8" height="8" '
                f'fill="{_REPORTED}" transform="rotate(45 {cx} {cy})"/><text x="{cx + 7}" y="{cy - 6}" '
                f'font-family="system-ui, sans-serif" font-size="11" fill="{_REPORTED}">{escape(label)}</text>'
                f"{tip}</g>"
            )
            continue
        # Above the scale: an arrow at the top edge, pointing up, its label beside it on the side with room.
        label += f" reported {total.date.isoformat()}"
        right = cx < _WIDTH / 2
        anchor = "start" if right else "end"
        out.append(
            f'<g class="reported above-scale"><path d="M{cx},{_TOP - 8} l-5,8 h10 z" fill="{_REPORTED}"/>'
            f'<text x="{cx + 8 if right else cx - 8}" y="{_TOP - 1}" text-anchor="{anchor}" '
            f'font-family="system-ui, sans-serif" font-size="11" fill="{_REPORTED}">{escape(label)}</text>'
            f"{tip}</g>"
        )
    out.append("</svg>")
    return "\n".join(out) + "\n"
