"""The report's chart alone as an SVG image, for slides and articles: membership over time."""

from __future__ import annotations

from accord_cli.render.output import Output
from accord_cli.render.result import Report, Result


def render(result: Result | Report, out: Output) -> None:
    from accord_cli.render.chart import growth_svg

    assert isinstance(result, Report) and result.page is not None, "only a report has a chart"
    out.write(growth_svg(result.page.chart, result.page.accord.name))
