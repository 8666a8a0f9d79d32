"""Saved copies of a signatories list, as `accord sync` reads them: a web page, or any file `import` reads.

A page's names come from the elements a CSS selector picks, or else from the
largest group of repeated, similar elements that each hold one short text or
one logo: elements are alike when the path of tags and shared classes that
leads to them is the same, so a grid of logos, the items of a list, the first
cells of a table's rows or the titles of cards each make one group. Navigation,
headers, footers, forms and social links are never looked in. The page tells
its own date and address where a web archive saved it (the archive's 14-digit
timestamp). The HTML parser is imported only when a page is read.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from accord_cli.core.errors import SnapshotError
from accord_cli.core.importing import ImportFile, Row, refuse_oddities
from accord_cli.core.model import Signatory
from accord_cli.core.names import name_key, without_footnote_marks
from accord_cli.core.snapshots import UNDATED, SnapshotFile
from accord_cli.storage.files import any_unicode, read_bytes
from accord_cli.storage.input_files import format_of, read_import_file

if TYPE_CHECKING:
    from selectolax.lexbor import LexborNode

_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
# A web archive's address of a page: its capture's timestamp (YYYYMMDDhhmmss), then the page's own address.
_ARCHIVED = re.compile(r"https?://web\.archive\.org/web/([0-9]{14})(?:[a-z]{2}_)?/([^\s\"'<>]+)")
# The Wayback Machine's toolbar names the page it shows: __wm.wombat("https://...","20190415093000",...
_WOMBAT = re.compile(r"""__wm\.wombat\(\s*["']([^"']+)["']\s*,\s*["']([0-9]{14})["']""")
_TIMESTAMP = re.compile(r"(?<![0-9])([0-9]{14})(?![0-9])")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)

# Where a signatories list never is: the page's navigation, header and footer, forms, scripts, and the
# Wayback Machine's own toolbar.
_NEVER_TAGS = frozenset(
    {
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "select",
        "button",
        "iframe",
        "svg",
        "canvas",
        "dialog",
    }
)
_NEVER_ROLES = frozenset({"navigation", "banner", "contentinfo", "search", "menu", "menubar", "dialog"})
_NEVER_WORDS = frozenset(
    {
        "nav",
        "navbar",
        "navigation",
        "menu",
        "breadcrumb",
        "breadcrumbs",
        "footer",
        "social",
        "share",
        "sharing",
        "cookie",
        "cookies",
        "pagination",
        "pager",
        "wm",
        "donato",
    }
)
_NEVER_PARTS = ("cookie", "consent", "onetrust", "gdpr")
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_WORDS = re.compile(r"[a-z]+")
_SOCIAL = re.compile(
    r"^https?://(?:[a-z0-9-]+\.)*(?:facebook\.com|twitter\.com|x\.com|linkedin\.com|youtube\.com|"
    r"instagram\.com|tiktok\.com|mastodon\.social|threads\.net|bsky\.app|t\.me|wa\.me)(?:/|$)",
    re.IGNORECASE,
)
# Formatting within a run of text: "<b>Acme</b> Corp" is one name. A superscript is a footnote mark.
_INLINE = frozenset({"b", "strong", "i", "em", "u", "small", "mark", "abbr", "bdi", "wbr", "font"})
_LEFT_OUT = frozenset({"sup", "-comment"})
# A name is one short text; longer text is a description, not a name.
_SHORT = 80
_IMAGE_FILE = re.compile(r"\.(?:png|jpe?g|gif|svg|webp|avif)$", re.IGNORECASE)
_LOGO_WORDS = re.compile(r"^(?:the\s+)?logo(?:\s+of|:)?\s*|\s*(?:[-|:]\s*)?logo$", re.IGNORECASE)
_FEWEST = 3
# Where `_visit` files the elements of a path that hold more than one name, beside those that hold one.
_PASSED_OVER = "(passed over)"


def is_page(path: Path, head: bytes) -> bool:
    """Whether the file is a web page: by its extension, or a text file that begins like one."""
    if path.suffix.lower() in _HTML_SUFFIXES:
        return True
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:200].lower()
    return format_of(path.name).value == "text" and start.startswith((b"<!doctype html", b"<html"))


def read_snapshot(path: Path, select: str | None = None) -> SnapshotFile:
    """What the saved copy at `path` names, with the date and address it gives of itself."""
    data = read_bytes(path, "snapshot", SnapshotError)
    seen = archived_on(path.name)
    if not is_page(path, data[:512]):
        if select is not None:
            raise SnapshotError(f"{path} is not a web page: --select picks elements of a page (.html)")
        found = read_import_file(path, None, UNDATED)
        rows = len(found.rows)
        return SnapshotFile(str(path), found, f"{rows} row{'s' if rows != 1 else ''} of the file", seen, None)
    return read_page(str(path), _page_text(str(path), data), select, seen)


def read_page(label: str, text: str, select: str | None = None, seen: date | None = None) -> SnapshotFile:
    """The names a page's text holds (see the module's docstring), its date (`seen`, else the one its archived
    address gives) and address."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(text)
    archived, source = _own_address(tree, text)
    passed_over: tuple[str, ...] = ()
    try:
        if select is not None:
            taken, names = _selected(tree, select)
        else:
            taken, names, passed_over = _found(tree)
    except SnapshotError as err:
        raise SnapshotError(f"{label}: {err}") from None
    rows: list[Row] = []
    keys: set[str] = set()
    for name in names:
        if name_key(name) not in keys:  # a "featured" strip repeats a few of the list's names
            keys.add(name_key(name))
            rows.append(Row(Signatory(id="", name=name, joined=UNDATED), f"{label}: name {len(rows) + 1}"))
    refuse_oddities(rows)
    if not rows:
        raise SnapshotError(
            f"{label}: {taken}, and no name in them; pick the elements that hold the names with --select CSS"
        )
    return SnapshotFile(label, ImportFile(rows), taken, seen or archived, source, passed_over)


def archived_on(text: str) -> date | None:
    """The day of the first web-archive timestamp (14 digits, YYYYMMDDhhmmss) in `text`, if there is one."""
    for match in _TIMESTAMP.finditer(text):
        try:
            moment = datetime.strptime(match.group(1), "%Y%m%d%H%M%S")
        except ValueError:
            continue
        if moment.year >= 1996:  # the first captures
            return moment.date()
    return None


def _page_text(label: str, data: bytes) -> str:
    """A page's text: in the encoding its byte-order mark or its <meta charset> names, else UTF-8."""
    declared = _CHARSET.search(data[:4096])
    if declared and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        import codecs

        try:
            encoding = codecs.lookup(declared.group(1).decode("ascii")).name
        except LookupError:
            encoding = "utf-8"
        if encoding != "utf-8":
            return data.decode(encoding, errors="replace")
    return any_unicode(label, data, SnapshotError)


def _own_address(tree: object, text: str) -> tuple[date | None, str | None]:
    """The day a web archive captured the page and the address to check it at (the capture's, else the
    page's canonical one), from its canonical link, its og:url, or the archive's toolbar."""
    from selectolax.lexbor import LexborHTMLParser

    assert isinstance(tree, LexborHTMLParser)
    declared = [
        node.attributes.get(key) or ""
        for node, key in (
            *((n, "href") for n in tree.css('link[rel~="canonical"]')),
            *((n, "content") for n in tree.css('meta[property="og:url"]')),
        )
    ]
    for address in declared:
        if match := _ARCHIVED.search(address):
            return archived_on(match.group(1)), match.group(0)
    if match := _WOMBAT.search(text):
        original, stamp = match.groups()
        return archived_on(stamp), f"https://web.archive.org/web/{stamp}/{original}"
    canonical = next((a.strip() for a in declared if a.strip().startswith(("http://", "https://"))), None)
    return None, canonical


def _collapsed(text: str) -> str:
    """Text as a person reads it: runs of white space (no-break spaces too) one space, invisible ones gone."""
    return " ".join(text.replace("\u200b", "").replace("\u00ad", "").split())


def _label(node: LexborNode) -> str | None:
    """What an element --select picked names: its text, else its logo's alt or title, else its own."""
    text = _collapsed(node.text(deep=True, separator=" "))
    if text:
        return text
    images = [node] if node.tag == "img" else node.css("img")
    for image in images:
        for key in ("alt", "title"):
            if value := _collapsed(image.attributes.get(key) or ""):
                return value
    for key in ("title", "aria-label", "alt"):
        if value := _collapsed(node.attributes.get(key) or ""):
            return value
    return None


def _selected(tree: object, select: str) -> tuple[str, list[str]]:
    from selectolax.lexbor import LexborHTMLParser, SelectolaxError

    assert isinstance(tree, LexborHTMLParser)
    try:
        nodes = tree.css(select)
    except (SelectolaxError, ValueError) as err:
        raise SnapshotError(f"--select '{select}' is not a CSS selector accord reads ({err})") from None
    kept = [node for node in nodes if not _never_within(node)]
    names = [without_footnote_marks(label) for node in kept if (label := _label(node))]
    blank, never = len(kept) - len(names), len(nodes) - len(kept)
    notes = [f"{blank} without a name"] * bool(blank)
    notes += [f"{never} in navigation, a footer or the like, left out"] * bool(never)
    return (
        f"{len(nodes)} element{'s' if len(nodes) != 1 else ''} matching '{select}'"
        + (f" ({'; '.join(notes)})" if notes else ""),
        names,
    )


class _Held(NamedTuple):
    """What an element holds: its runs of text and its logos' names (two of each at most: one is what
    counts), and whether it links to a social network."""

    runs: tuple[str, ...]
    logos: tuple[str, ...]
    social: bool


class _Candidate(NamedTuple):
    name: str
    kind: str  # "text", or the logo's attribute the name is from: "alt", "title"
    social: bool
    order: int


def _found(tree: object) -> tuple[str, list[str], tuple[str, ...]]:
    """The names of the largest group of similar elements that each hold one name (see the module's
    docstring), and words saying which elements they are."""
    from selectolax.lexbor import LexborHTMLParser

    assert isinstance(tree, LexborHTMLParser)
    root = tree.body or tree.root
    if root is None:
        raise SnapshotError("the page has no body")
    shared = Counter(
        word
        for node in root.traverse()
        if node.tag and node.tag[0] != "-"
        for word in set((node.attributes.get("class") or "").split())
    )
    groups: dict[tuple[str, ...], list[_Candidate]] = {}
    _visit(root, (), {c for c, n in shared.items() if n > 1}, groups, [0])
    best = None
    for path, found in groups.items():
        if path[-1] == _PASSED_OVER or sum(c.social for c in found) * 2 >= len(found):
            continue  # a row of "follow us" links
        distinct = len({name_key(c.name) for c in found})
        rank = (distinct, -len(path), -found[0].order)
        if distinct >= _FEWEST and (best is None or rank > best[0]):
            best = (rank, path, found)
    if best is None:
        raise SnapshotError(
            "found no repeated elements holding one name each (a grid of logos, a list, a "
            "table); pick the elements that hold the names with --select CSS"
        )
    _, path, found = best
    kinds = Counter(c.kind for c in found)
    what = " or ".join(
        {"text": "their text", "alt": "their logos' alt text", "title": "their logos' titles"}[k]
        for k, _ in kinds.most_common()
    )
    passed_over = tuple(c.name for c in groups.get((*path, _PASSED_OVER), ()))
    return (
        f"{len(found)} <{path[-1].split('.')[0].split(':')[0]}> elements ({' > '.join(path[-3:])}), "
        f"{what}" + (f" ({len(passed_over)} more passed over: they hold more than a name)" if passed_over else ""),
        [without_footnote_marks(c.name) for c in found],
        passed_over,
    )


def _step(node: LexborNode, shared: set[str]) -> str:
    """One step of an element's path: its tag, the classes it shares with other elements, and a table cell's
    column (the names are one column of a table)."""
    classes = sorted(c for c in set((node.attributes.get("class") or "").split()) if c in shared)
    step = (node.tag or "") + "".join(f".{c}" for c in classes)
    if node.tag in ("td", "th"):
        column = sum(1 for _ in _before(node) if _.tag in ("td", "th")) + 1
        step += f":nth-child({column})"
    return step


def _before(node: LexborNode) -> Iterator[LexborNode]:
    sibling = node.prev
    while sibling is not None:
        yield sibling
        sibling = sibling.prev


def _is_never(node: LexborNode) -> bool:
    attributes = node.attributes
    if node.tag in _NEVER_TAGS or (attributes.get("role") or "").lower() in _NEVER_ROLES:
        return True
    if "hidden" in attributes or _HIDDEN.search(attributes.get("style") or ""):
        return True  # not shown to a reader of the page
    words = f"{attributes.get('class') or ''} {attributes.get('id') or ''}".lower()
    # Consent managers name their banners in one word (CybotCookiebotDialog, onetrust-banner-sdk).
    return bool(words.strip()) and (
        not _NEVER_WORDS.isdisjoint(_WORDS.findall(words)) or any(part in words for part in _NEVER_PARTS)
    )


def _never_within(node: LexborNode) -> bool:
    """Whether `node` or an element around it is one where a signatories list never is."""
    around: LexborNode | None = node
    while around is not None and around.tag not in ("html", "body", "-document"):
        if around.tag and around.tag[0] != "-" and _is_never(around):
            return True
        around = around.parent
    return False


def _visit(
    node: LexborNode,
    path: tuple[str, ...],
    shared: set[str],
    groups: dict[tuple[str, ...], list[_Candidate]],
    order: list[int],
) -> _Held:
    """What `node` holds, each element under it that holds one name filed in `groups` by its path."""
    runs: list[str] = []
    logos: list[str] = []
    social = False
    open_run = False  # whether text goes on the last run: nothing but text and formatting since it began
    for child in node.iter(include_text=True):
        tag = child.tag or ""
        if tag == "-text":
            text = _collapsed(child.text(deep=False))
            if text and open_run and runs:
                runs[-1] = f"{runs[-1]} {text}"
            elif text:
                runs.append(text)
            open_run = True
            continue
        if tag in _LEFT_OUT or tag.startswith("-") or _is_never(child):
            open_run = open_run and tag in _LEFT_OUT
            continue
        if len(path) > 200:  # no page nests this deep but a hostile one
            continue
        held = _visit(child, (*path, _step(child, shared)), shared, groups, order)
        if tag in _INLINE and len(held.runs) <= 1 and not held.logos:
            if held.runs and open_run and runs:
                runs[-1] = f"{runs[-1]} {held.runs[0]}"
            elif held.runs:
                runs.append(held.runs[0])
            open_run = True
        else:
            runs += held.runs
            logos += held.logos
            open_run = False
        social = social or held.social
        del runs[2:], logos[2:]
    if node.tag == "img":
        attributes = node.attributes
        logos += [
            f"{key}={value}" for key in ("alt", "title") if (value := _logo_name(_collapsed(attributes.get(key) or "")))
        ][:1]
    elif node.tag == "a":
        social = social or bool(_SOCIAL.match((node.attributes.get("href") or "").strip()))
    held = _Held(tuple(runs[:2]), tuple(logos[:2]), social)
    candidate = _candidate(held, order[0])
    order[0] += 1
    if candidate is not None and path:
        groups.setdefault(path, []).append(candidate)
    elif path and (held.runs or held.logos):
        groups.setdefault((*path, _PASSED_OVER), []).append(
            _Candidate(" ".join(held.runs) or held.logos[0].split("=", 1)[1], "text", held.social, order[0])
        )
    return held


def _logo_name(text: str) -> str:
    """The name a logo's alt text or title gives: "Logo of Acme" and "Acme logo" are Acme; a file's name
    ("acme-logo.png") or the word "logo" alone gives none."""
    if _IMAGE_FILE.search(text):
        return ""
    return _LOGO_WORDS.sub("", text).strip()


def _is_mark(run: str) -> bool:
    """Whether a run of text is a footnote mark alone, linked or not ("[1]", "*"): no part of a name."""
    return without_footnote_marks(f"x {run}") == "x"


def _candidate(held: _Held, order: int) -> _Candidate | None:
    """The one name an element holds, if it holds one: one short run of text (a logo beside it is its
    picture), else one logo's alt text or title; None for anything else, or for a name without a letter."""
    runs = [run for run in held.runs if not _is_mark(run)]
    if len(runs) == 1 and len(held.logos) <= 1:
        name, kind = runs[0], "text"
    elif not runs and len(held.logos) == 1:
        kind, name = held.logos[0].split("=", 1)
    else:
        return None
    if len(name) > _SHORT or not any(c.isalpha() for c in name):
        return None
    return _Candidate(name, kind, held.social, order)
