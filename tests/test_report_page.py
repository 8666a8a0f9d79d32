"""The report as a web page: valid HTML5, everything escaped, and, in a real browser (headless Chromium),
a page that loads cleanly, shows its tables, links and chart, runs no script and never scrolls sideways."""

import re
import shutil
import struct
import subprocess
import tempfile
from pathlib import Path

import html5lib
import pytest

from accord_cli.core.document import decode
from accord_cli.core.timeline import Steps
from tests.conftest import FOUNDERS, write_ledger

HOSTILE_NAME = "<script>alert(1)</script>"
EXTRA = f'''
[[signatories]]
id = "hostile"
name = "{HOSTILE_NAME}"
joined = 2019-03-01
country = "US"
source = "javascript:alert(2)"

[[signatories]]
id = "panda-security"
name = "Panda Security"
joined = "2018-09"
source = "https://www.pandasecurity.com/es/mediacenter/panda-security/apoya-llamamiento-paris-ciberespacio/"

[[signatories.events]]
date = 2021-06-30
event = "leave"
reason = "for the example"
source = "https://example.org/panda-left"

[[counts]]
date = 2018-09-11
count = 44
qualifier = "exact"
source = "https://www.thegfce.com/news/news/2018/09/11/cyber-tech-accord"
'''


def _browser() -> str | None:
    return next(
        (path for name in ("chromium", "chromium-browser", "google-chrome") if (path := shutil.which(name))), None
    )


BROWSER = _browser()
needs_browser = pytest.mark.skipif(
    BROWSER is None, reason="no Chromium installed (.ci/run installs Debian's chromium; apt-get install chromium)"
)


@pytest.fixture
def page(run, tmp_path: Path) -> Path:
    """The report of the founders, a former member, a rename, a reported total and a hostile name."""
    write_ledger(tmp_path / "accord.toml", FOUNDERS.read_text(encoding="utf-8") + EXTRA)
    assert (
        run(
            "rename",
            "Facebook",
            "Meta",
            "--date",
            "2021-10-28",
            "--source",
            "https://www.ajc.com/news/facebook-is-officially-changing-its-name-to-meta/",
        ).exit_code
        == 0
    )
    result = run("report", "-o", "report.html")
    assert result.exit_code == 0, result.stderr
    return tmp_path / "report.html"


def _ledger(tmp_path: Path):
    import tomli

    ledger, _ = decode(tomli.loads((tmp_path / "accord.toml").read_text(encoding="utf-8")))
    return ledger


def test_the_page_is_valid_html5_and_escapes_the_ledger(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    parser = html5lib.HTMLParser(strict=True)
    parser.parse(text)  # raises at the first parse error
    assert parser.errors == []
    assert "<script" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert 'href="javascript' not in text and "javascript:alert(2)" in text  # shown, never a link
    assert "http" not in re.sub(r'(href|title)="[^"]*"|>https?://[^<]*<|xmlns="[^"]*"', "", text).replace(
        "https://cybertechaccord", ""
    )  # no resource fetched: every address is a link, and only that


def _run_browser(*args: str, timeout: int = 90) -> subprocess.CompletedProcess[str]:
    """Headless Chromium with a profile of its own, thrown away after: nothing left in HOME."""
    assert BROWSER is not None
    with tempfile.TemporaryDirectory(prefix="accord-browser-") as profile:
        return subprocess.run(
            [
                BROWSER,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                f"--user-data-dir={profile}",
                "--enable-logging=stderr",
                "--v=0",
                *args,
            ],
            capture_output=True,
            text=True,
            timeout=timeout,
        )


def _dom(url: str, *extra: str) -> tuple[str, str]:
    result = _run_browser("--virtual-time-budget=5000", *extra, "--dump-dom", url)
    assert result.returncode == 0, result.stderr[-500:]
    return result.stdout, result.stderr


@needs_browser
def test_the_page_in_a_browser_shows_its_tables_links_and_chart_and_runs_nothing(page: Path, tmp_path: Path) -> None:
    dom, log = _dom(page.as_uri())
    assert not [line for line in log.splitlines() if "CONSOLE" in line]  # nothing logged to the page's console
    tree = html5lib.parse(dom, namespaceHTMLElements=False)
    assert tree.findall(".//script") == []  # the hostile name is text, not a script
    cells = ["".join(th.itertext()) for th in tree.iter("th")]
    assert HOSTILE_NAME in cells
    tables = {t.get("id") or "".join(t.find("caption").itertext())[:20]: t for t in tree.iter("table")}
    assert len(tables) >= 7 and all(t.find("caption") is not None for t in tree.iter("table"))
    sections = {section.get("id"): section for section in tree.iter("section")}
    assert set(sections) == {"reported", "growth", "newest", "former", "renames", "pledges", "watchlists"}
    assert len(sections["newest"].findall(".//tbody/tr")) == 10
    assert len(sections["former"].findall(".//tbody/tr")) == 1
    assert len(sections["renames"].findall(".//tbody/tr")) == 1
    assert len(sections["pledges"].findall(".//tbody/tr")) == 4
    ledger = _ledger(tmp_path)
    links = {a.get("href") for a in tree.iter("a")}
    sources = [c.source for c in ledger.counts] + [e.source for s in ledger.signatories for e in s.events]
    sources += [s.source for s in ledger.signatories if s.id == "vmware"]  # the newest of the founders
    assert set(sources) <= links
    assert not any(link.startswith("javascript") for link in links)
    # The chart steps once for each day the number of certain members changes.
    svg = tree.find(".//figure/{http://www.w3.org/2000/svg}svg")
    total = next(p for p in svg.iter("{http://www.w3.org/2000/svg}path") if p.get("class") == "total")
    steps, certain, changes = Steps(ledger), 0, 0
    for day in steps.days:
        if steps.at(day)[0] != certain:
            certain, changes = steps.at(day)[0], changes + 1
    assert changes == 4  # the founders, the hostile one, Panda Security certain, then gone
    assert total.get("d").count("V") == changes


def _png_width(path: Path) -> int:
    with path.open("rb") as image:
        header = image.read(24)
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">I", header[16:20])[0]


@needs_browser
@pytest.mark.parametrize("width", [1280, 390])
def test_the_page_never_scrolls_sideways(page: Path, tmp_path: Path, width: int) -> None:
    shot = tmp_path / f"report-{width}.png"
    result = _run_browser(f"--window-size={width},2400", f"--screenshot={shot}", page.as_uri())
    assert result.returncode == 0 and _png_width(shot) == width
    # A window is never narrower than 500 pixels, so the page is measured in a frame of the width wanted.
    frame = tmp_path / f"frame-{width}.html"
    frame.write_text(
        f'<!DOCTYPE html><html><body style="margin:0"><iframe id="f" src="{page.name}" '
        f'style="width:{width}px;height:2000px;border:0"></iframe><script>document.getElementById("f")'
        f".onload = function () {{ var d = this.contentDocument.documentElement; "
        f'document.body.dataset.widths = d.scrollWidth + " " + d.clientWidth; }};</script></body></html>',
        encoding="utf-8",
    )
    dom, _ = _dom(frame.as_uri(), "--allow-file-access-from-files", "--window-size=1600,2400")
    scroll, client = map(int, re.search(r'data-widths="(\d+) (\d+)"', dom).groups())
    assert scroll <= client, f"{scroll} px of page in a {client} px wide frame"
