"""GitHub-flavoured Markdown: a table to paste into an issue or an article, or a whole report."""

from __future__ import annotations

from accord_cli.core.characters import escape_unsafe
from accord_cli.render.output import Output
from accord_cli.render.result import (
    Column,
    Report,
    Result,
    columns_of,
    link_site,
    texts_of,
)

# Every character that means something inline in a GitHub table cell, so that text shows as written:
# `&` too, or `Micro&#115;oft` would show as Microsoft.
_MARKDOWN_ESCAPES = str.maketrans(
    {
        "\\": "\\\\",
        "|": "\\|",
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        "*": "\\*",
        "_": "\\_",
        "`": "\\`",
        "[": "\\[",
        "]": "\\]",
        "~": "\\~",
        "!": "\\!",
        "#": "\\#",
    }
)


def markdown_cell(text: str) -> str:
    return escape_unsafe(text).translate(_MARKDOWN_ESCAPES)


def _link(url: str) -> str:
    """A web address as a Markdown link showing its site; anything else as escaped text."""
    site = link_site(url)
    if site is None:
        return markdown_cell(url)
    target = url.replace("(", "%28").replace(")", "%29").replace(" ", "%20").replace("<", "%3C").replace(">", "%3E")
    target = target.replace("|", "%7C")
    return f"[{markdown_cell(site)}]({target})"


def _table(result: Result) -> list[str]:
    columns = tuple(c for c in result.columns if not c.bar)
    if not result.show_header and result.fields:
        # A table of marks for the eye (a diff's + and -) is written with its fields, as CSV has them.
        columns = tuple(Column(field, field) for field in result.fields)
    if not columns:
        return [markdown_cell(result.sentence)] if result.sentence else []
    lines = [
        "| " + " | ".join(markdown_cell(c.header) for c in columns) + " |",
        "| " + " | ".join("---:" if c.justify == "right" else "---" for c in columns) + " |",
    ]
    cells = [
        [(_link if column.link and text else markdown_cell)(text) for text in texts_of(values)]
        for column, values in zip(columns, columns_of(result.records, [c.key for c in columns]))
    ]
    lines.extend(f"| {' | '.join(row)} |" for row in zip(*cells))
    if result.sentence:
        lines += ["", markdown_cell(result.sentence)]
    return lines


def _report(report: Report) -> list[str]:
    lines = [f"# {markdown_cell(report.title)}", "", *(markdown_cell(fact) + "  " for fact in report.facts)]
    for heading, section in report.sections:
        lines += ["", f"## {markdown_cell(heading)}", ""]
        if heading.startswith("Growth") and report.chart_file and report.page is not None:
            from accord_cli.render.report import describe_chart

            words = markdown_cell(describe_chart(report.page.chart, report.page.accord.name))
            lines += [f"![{words}]({report.chart_file.replace(' ', '%20')})", ""]
        lines += _table(section)
    return lines


def render(result: Result | Report, out: Output) -> None:
    lines = _report(result) if isinstance(result, Report) else _table(result)
    out.write("\n".join(lines) + "\n")
