"""Reading saved copies of a signatories list: the names a page holds, found or selected, and its own date
and address."""

from datetime import date
from pathlib import Path

import pytest

from accord_cli.core.errors import ImportFileError, SnapshotError
from accord_cli.storage.pages import archived_on, read_page, read_snapshot
from tests.conftest import REPO

PAGES = REPO / "tests" / "data" / "snapshots"
GRID = PAGES / "web.archive.org_web_20190415093000_harbour-accord.example_signatories.html"
TABLE = PAGES / "web.archive.org_web_20210630120000_harbour-accord.example_signatories.html"


def test_a_logo_grid_past_its_featured_strip_nav_footer_and_social_links() -> None:
    page = read_snapshot(GRID)
    assert page.names == [
        "Brightwater Labs",
        "Ferncastle Security",
        "Halvorsen Data",
        "Larkspur Networks",
        "Mirelle Cloud",
        "Quillon Systems",
    ]
    assert page.taken == ("6 <div> elements (section > div > div.logo), their logos' alt text or their logos' titles")
    assert page.seen == date(2019, 4, 15)
    assert page.source == "https://web.archive.org/web/20190415093000/https://harbour-accord.example/signatories/"


def test_names_in_spans_of_a_list_with_the_canonical_address_as_source() -> None:
    page = read_snapshot(PAGES / "harbour-2020.html")
    assert page.names == [
        "Brightwater Labs",
        "Ferncastle Security",
        "Halvorsen Data",
        "Mirelle Cloud",
        "Northgate Analytics",
        "Oakridge Software",
        "Quillon Systems",
    ]
    assert page.taken == "7 <li> elements (main > ul > li), their text"
    assert (page.seen, page.source) == (None, "https://harbour-accord.example/signatories/")


def test_the_first_column_of_a_table_dated_by_the_archive_toolbar() -> None:
    page = read_snapshot(TABLE)
    assert page.names[:3] == ["Brightwater Labs", "Ferncastle Security", "Halvorsen Digital"]
    assert len(page.names) == 8
    assert page.taken == "8 <td> elements (tbody > tr > td:nth-child(1)), their text"
    assert page.source == "https://web.archive.org/web/20210630120000/https://harbour-accord.example/signatories/"


def test_the_titles_of_cards_with_formatting_footnote_marks_and_entities() -> None:
    page = read_snapshot(PAGES / "cards.html")
    assert page.names == ["Brightwater Labs", "Ferncastle Security", "Mirelle Cloud", "Café Télécom"]
    assert page.taken == "4 <h3> elements (div > article.card > h3), their text"
    assert page.source == "https://harbour-accord.example/members/"


def test_select_picks_the_elements_and_reads_text_or_a_logo() -> None:
    assert read_snapshot(GRID, "section.featured img").names == ["Brightwater Labs", "Quillon Systems"]
    page = read_snapshot(TABLE, "tbody tr td:nth-child(2)")
    assert page.taken == "8 elements matching 'tbody tr td:nth-child(2)'"
    assert page.names == ["NZ", "IE", "NO", "CA", "FR", "GB", "DE", "NL"]


def test_a_selector_that_is_not_css_is_refused() -> None:
    with pytest.raises(SnapshotError, match=r"--select 'ul >' is not a CSS selector"):
        read_snapshot(GRID, "ul >")


def test_a_page_without_repeated_names_says_to_select() -> None:
    with pytest.raises(SnapshotError, match="found no repeated elements holding one name each"):
        read_page("x.html", "<html><body><h1>Signatories</h1><p>Coming soon.</p></body></html>")


def test_names_are_decoded_collapsed_and_deduplicated() -> None:
    page = read_page(
        "x.html",
        "<ul>"
        + "".join(
            f"<li>{n}</li>"
            for n in ("A&amp;B&nbsp;Corp", " Delta\n  Works ", "Echo\u200b Labs", "A&amp;B Corp", "ECHO LABS")
        )
        + "</ul>",
    )
    assert page.names == ["A&B Corp", "Delta Works", "Echo Labs"]


def test_a_page_in_the_encoding_it_declares(tmp_path: Path) -> None:
    path = tmp_path / "legacy.html"
    path.write_bytes(
        '<meta charset="iso-8859-1"><ol><li>Caf\xe9 A</li><li>Caf\xe9 B</li><li>Caf\xe9 C</li></ol>'.encode("latin-1")
    )
    assert read_snapshot(path).names == ["Café A", "Café B", "Café C"]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("web.archive.org_web_20190415093000_example.org_signatories.html", date(2019, 4, 15)),
        ("https://web.archive.org/web/20201231235959/https://example.org/", date(2020, 12, 31)),
        ("signatories-20191340000000.html", None),  # not a real day
        ("signatories-2019.html", None),
        ("12345678901234567.html", None),  # a longer number is no timestamp
    ],
)
def test_a_web_archive_timestamp_dates_a_copy(text: str, day: date | None) -> None:
    assert archived_on(text) == day


def test_text_and_csv_copies_are_read_as_import_reads_them(tmp_path: Path) -> None:
    (tmp_path / "list.txt").write_text("• Brightwater Labs\n• Quillon Systems\n", encoding="utf-8")
    (tmp_path / "list.csv").write_text("name;country\nBrightwater Labs;NZ\n", encoding="utf-8")
    assert read_snapshot(tmp_path / "list.txt").names == ["Brightwater Labs", "Quillon Systems"]
    csv = read_snapshot(tmp_path / "list.csv")
    assert (csv.names, csv.found.rows[0].request.country, csv.taken) == (
        ["Brightwater Labs"],
        "NZ",
        "1 row of the file",
    )
    with pytest.raises(SnapshotError, match="is not a web page"):
        read_snapshot(tmp_path / "list.txt", "li")
    (tmp_path / "twice.txt").write_text("Acme\nAcme\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="already named"):
        read_snapshot(tmp_path / "twice.txt")


def test_a_linked_footnote_mark_beside_a_name_is_no_part_of_it() -> None:
    page = read_page(
        "x.html",
        "<ul><li>Amberline Robotics</li><li>Bluefjord Systems</li><li>Cindervale Software"
        '<a href="#fn1">[1]</a></li></ul>',
    )
    assert page.names == ["Amberline Robotics", "Bluefjord Systems", "Cindervale Software"]
    assert page.passed_over == ()


def test_elements_of_the_list_that_hold_more_than_a_name_are_told() -> None:
    page = read_page(
        "x.html",
        "<ul><li>Amberline Robotics</li><li>Bluefjord Systems</li><li>Cindervale Software"
        '</li><li>Dunmore Analytics <span class="badge">New</span></li></ul>',
    )
    assert page.names == ["Amberline Robotics", "Bluefjord Systems", "Cindervale Software"]
    assert page.passed_over == ("Dunmore Analytics New",)
    assert "(1 more passed over: they hold more than a name)" in page.taken


@pytest.mark.parametrize(
    "around",
    [
        '<div id="onetrust-banner-sdk"><ul>{}</ul></div>',
        '<div id="CybotCookiebotDialog"><ul>{}</ul></div>',
        "<aside><ul>{}</ul></aside>",
        "<ul hidden>{}</ul>",
        '<ul style="display: none">{}</ul>',
    ],
)
def test_consent_banners_sidebars_and_hidden_lists_are_never_read(around: str) -> None:
    decoy = around.format("".join(f"<li>{n}</li>" for n in ("Necessary", "Preferences", "Statistics", "Marketing")))
    page = read_page(
        "x.html",
        decoy
        + "<main><ul>"
        + "".join(f"<li>{n}</li>" for n in ("Amberline Robotics", "Bluefjord Systems", "Cindervale Software"))
        + "</ul></main>",
    )
    assert page.names == ["Amberline Robotics", "Bluefjord Systems", "Cindervale Software"]


def test_a_logos_alt_text_gives_the_name_not_the_word_logo_or_a_file_name() -> None:
    page = read_page(
        "x.html",
        "<div>"
        + "".join(
            f'<div class="logo"><img src="a.png" alt="{alt}"></div>'
            for alt in (
                "Logo of Amberline Robotics",
                "Bluefjord Systems logo",
                "Cindervale Software",
                "dunmore-logo.png",
            )
        )
        + "</div>",
    )
    assert page.names == ["Amberline Robotics", "Bluefjord Systems", "Cindervale Software"]


def test_select_leaves_out_navigation_and_footers_and_says_so() -> None:
    page = read_page(
        "x.html",
        "<nav><ul><li>Home</li><li>About</li></ul></nav><ul><li>Amberline Robotics</li>"
        "<li>Bluefjord Systems</li></ul><footer><ul><li>Privacy</li></ul></footer>",
        "li",
    )
    assert page.names == ["Amberline Robotics", "Bluefjord Systems"]
    assert page.taken == "5 elements matching 'li' (3 in navigation, a footer or the like, left out)"


def test_a_page_that_cannot_be_read_is_named_in_the_refusal() -> None:
    with pytest.raises(SnapshotError, match=r"^empty\.html: found no repeated elements"):
        read_page("empty.html", "<html><body><p>Soon.</p></body></html>")
