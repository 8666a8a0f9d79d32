"""The report as a web page: one standalone HTML5 file, from a Jinja2 template with autoescaping on.

Tables with captions and header cells, every source a link, dates in <time>, the membership chart as
inline SVG with a text alternative, a stylesheet in the page for phones and A4 paper; no script and
nothing fetched from the network. Text from the ledger is escaped by the template, never trusted.
"""

from __future__ import annotations

from collections.abc import Sequence

from accord_cli.core.characters import escape_unsafe
from accord_cli.core.dates import When
from accord_cli.core.membership import Standing
from accord_cli.core.watchlists import WatchResult
from accord_cli.render.counts import share_text
from accord_cli.render.output import Output
from accord_cli.render.report import ReportPage, describe_chart, summary_facts
from accord_cli.render.result import Report, Result, link_site

# A date an HTML <time> element can carry: a day, a month or a year.
_MACHINE_READABLE = (10, 7, 4)


def _safe(value: object) -> object:
    """Text from the ledger with any control, bidirectional or invisible character shown as an escape
    (`\\x1b`); the template then escapes what is markup."""
    return escape_unsafe(value) if isinstance(value, str) and not hasattr(value, "__html__") else value


def _when(value: When | None) -> object:
    from markupsafe import Markup, escape

    if value is None:
        return ""
    text = value.isoformat()
    if len(text) in _MACHINE_READABLE and "/" not in text:
        return Markup(f'<time datetime="{escape(text)}">{escape(text)}</time>')
    return text


def _link(url: str | None) -> object:
    """A web address as a link showing its site; anything else (no address, another scheme) as text."""
    from markupsafe import Markup, escape

    if not url:
        return ""
    site = link_site(url)
    if site is None:
        return escape_unsafe(url)
    return Markup(f'<a href="{escape(url)}" title="{escape(url)}">{escape(site)}</a>')


def _left_source(st: Standing) -> str | None:
    leaves = [e for e in st.signatory.events if e.kind == "leave"]
    return (leaves[-1].source if leaves else None) or st.signatory.source


def _status(result: WatchResult) -> str:
    return ("possibly " if not result.certain else "") + result.status.value.replace("_", " ")


def page_html(page: ReportPage) -> str:
    from jinja2 import Environment, PackageLoader, select_autoescape
    from markupsafe import Markup

    from accord_cli.render.chart import growth_svg

    environment = Environment(
        loader=PackageLoader("accord_cli.render", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        keep_trailing_newline=True,
        finalize=_safe,
    )
    environment.filters.update(when=_when, link=_link)
    template = environment.get_template("report.html")
    newest = (
        f"The {len(page.newest)} newest of {page.members} members."
        if len(page.newest) < page.members
        else f"All {page.members} members, newest first."
    )
    return template.render(
        page=page,
        facts=summary_facts(page),
        launched=page.accord.launched and When.day(page.accord.launched),
        chart=Markup(growth_svg(page.chart, page.accord.name, standalone=False)),
        chart_words=describe_chart(page.chart, page.accord.name),
        newest_caption=newest,
        any_possible=any(row.possibly for row in page.growth),
        share=share_text,
        left_source=_left_source,
        status=_status,
        signed_count=_signed_count,
    )


def _signed_count(results: Sequence[WatchResult]) -> int:
    return sum(r.has_signed for r in results)


def render(result: Result | Report, out: Output) -> None:
    assert isinstance(result, Report) and result.page is not None, "only a report is a web page"
    out.write(page_html(result.page))
