"""The HTML report in a real browser (Debian's headless chromium, driven over the DevTools protocol):
on a 390 px phone and a 1280 px screen nothing scrolls sideways, every chart is an image with a title
and a description, chart text is at least 12 px (8 pt on paper), no request leaves the page, the
PCT chart draws no line across 2017, the download links deliver their files under the page's own
CSP, the folded tables open from the keyboard, and print is A4. `.ci/run` installs chromium.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cdp import Browser, Tab
from conftest import write_data
from cqip.cli.app import app
from cqip.render.svg_chart import HEIGHT
from test_html_report import ACTUALS, AS_OF, TARGETS, TASKS, WITH_DATA, downloads

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None,
                                reason="chromium is not installed (.ci/run installs Debian's chromium)")

BUNDLED_AS_OF = "2026-01-01"
PCT = "pct_applications_2016_2020"
A4_POINTS = (595.28, 841.89)
PRINT_WIDTH = round((210 - 2 * 12) / 25.4 * 96)  # the A4 page inside its 12 mm side margins, in CSS px: 703
LAYOUT = """(() => {
  const width = innerWidth;
  const outside = [...document.querySelectorAll("body *")]
    .filter(e => e.getBoundingClientRect().right > width + 0.5 && !e.closest(".table"))
    .map(e => `${e.tagName.toLowerCase()}.${e.className.baseVal ?? e.className}`);
  const svgs = [...document.querySelectorAll("svg")].map(svg => ({
    role: svg.getAttribute("role"),
    title: svg.querySelector(":scope > title")?.textContent ?? "",
    desc: svg.querySelector(":scope > desc")?.textContent ?? "",
    width: svg.getBoundingClientRect().width,
    smallest: Math.min(...[...svg.querySelectorAll("text")]
      .map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)),
  }));
  return {width, scrollWidth: document.documentElement.scrollWidth, outside: outside.slice(0, 5),
          scrolling: [...document.querySelectorAll(".table")].filter(t => t.scrollWidth > t.clientWidth + 1).length,
          svgs};
})()"""
GEOMETRY = """(() => {
  const svg = document.querySelector("#chart-%s svg");
  const years = [...svg.querySelectorAll("text")].filter(t => t.getAttribute("y") === "%d")
    .map(t => { const box = t.getBBox(); return [Number(t.textContent), box.x + box.width / 2]; });
  const segments = [...svg.querySelectorAll('[id$="-series-actual"] polyline')]
    .flatMap(line => { const p = [...line.points]; return p.slice(1).map((q, i) => [p[i].x, q.x]); });
  const hollow = [...svg.querySelectorAll('[id$="-series-lower"] circle')].map(c => c.cx.baseVal.value);
  return {years, segments, hollow};
})()"""


def html_of(*args: str, data: Path | None = None) -> str:
    where = ["--data", str(data)] if data else []
    result = CliRunner().invoke(app, [*where, "report", "--format", "html", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The bundled data's page (zh and en) and the hand-checked test data's page, as files."""
    root = tmp_path_factory.mktemp("pages")
    data = write_data(root / "data", TARGETS, {"main.csv": ACTUALS})
    (data / "tasks.yaml").write_text(TASKS, encoding="utf-8")
    texts = {"bundled": html_of("--as-of", BUNDLED_AS_OF), "english": html_of("--as-of", BUNDLED_AS_OF, "--lang", "en"),
             "test": html_of("--as-of", AS_OF, data=data)}
    for name, text in texts.items():
        (root / f"{name}.html").write_text(text, encoding="utf-8")
    return {name: root / f"{name}.html" for name in texts}


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    assert CHROMIUM is not None
    with Browser(CHROMIUM, tmp_path_factory.mktemp("profile")) as running:
        yield running


# Bundled at 2026-01-01: 19 targets some figure decides; the 4 ranks of the 2016 invention tables are
# incomplete (not every province has a figure), so their panels say there is nothing to chart.
DRAWN = 15


def foreign(tab: Tab) -> list[str]:
    """Requests for anything but the page file itself."""
    return [url for url in tab.requests() if not url.startswith("file://")]


@pytest.mark.parametrize("page", ["bundled", "english"])
@pytest.mark.parametrize(("width", "mobile"), [(390, True), (1280, False)])
def test_no_sideways_scroll_every_chart_an_image_with_readable_text_and_no_request(
        browser: Browser, pages: dict[str, Path], page: str, width: int, mobile: bool) -> None:
    tab = browser.open(pages[page].as_uri(), width, mobile=mobile)
    seen = tab.eval(LAYOUT)
    assert seen["width"] == width and seen["scrollWidth"] <= width, seen
    assert seen["outside"] == []
    if mobile:
        assert seen["scrolling"] == 0  # every table is a stack of cards: not even a box scrolls on a phone
    assert len(seen["svgs"]) == DRAWN  # a chart per target with data and per rank drawn in the headline
    for svg in seen["svgs"]:
        assert svg["role"] == "img" and svg["title"] and re.search(r"\d", svg["desc"]), svg
        assert svg["width"] <= width and svg["smallest"] >= 12, svg
    assert foreign(tab) == []


def test_chart_text_is_at_least_8_points_on_a4(browser: Browser, pages: dict[str, Path]) -> None:
    tab = browser.open(pages["bundled"].as_uri(), PRINT_WIDTH, media="print")
    seen = tab.eval(LAYOUT)
    assert seen["scrollWidth"] <= PRINT_WIDTH
    assert min(svg["smallest"] for svg in seen["svgs"]) * 0.75 >= 8  # CSS px → pt


def test_the_pct_running_sum_is_not_drawn_across_the_missing_2017(browser: Browser, pages: dict[str, Path]) -> None:
    shown = CliRunner().invoke(app, ["show", "pct_applications", "--format", "json", "--as-of", BUNDLED_AS_OF])
    periods = {row["period"] for row in json.loads(shown.stdout)["observations"]}
    assert {"2016", "2018"} <= periods and "2017" not in periods  # the bundled data lack 2017
    tab = browser.open(pages["bundled"].as_uri(), 390, mobile=True)
    seen = tab.eval(GEOMETRY % (PCT, HEIGHT - 6))
    (y0, x0), (y1, x1) = seen["years"][:2]

    def x(year: float) -> float:
        return x0 + (year - y0) * (x1 - x0) / (y1 - y0)

    assert [s for s in seen["segments"] if min(s) < x(2017) < max(s)] == []
    assert seen["hollow"] == [pytest.approx(x(2018), abs=0.5)]  # 162 + 253 = 415: a lower bound, not joined


def test_the_self_check_would_see_a_request(browser: Browser, pages: dict[str, Path], tmp_path: Path) -> None:
    """The request check is not blind: a stray image or stylesheet shows up, although the CSP blocks it."""
    stray = '<img src="http://example.invalid/x.png"><link rel="stylesheet" href="https://example.invalid/a.css">'
    page = tmp_path / "stray.html"
    page.write_text(pages["test"].read_text(encoding="utf-8").replace("</main>", stray + "</main>"), encoding="utf-8")
    tab = browser.open(page.as_uri(), 1280)
    assert sorted(foreign(tab)) == ["http://example.invalid/x.png", "https://example.invalid/a.css"]


def test_download_links_deliver_their_files_under_the_pages_csp(browser: Browser, pages: dict[str, Path],
                                                                tmp_path: Path) -> None:
    html = pages["test"].read_text(encoding="utf-8")
    expected = downloads(html)
    folder = tmp_path / "downloads"
    folder.mkdir()
    browser.call("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(folder),
                                                 "eventsEnabled": True})
    tab = browser.open(pages["test"].as_uri(), 1280)
    for i in range(len(expected)):
        tab.eval(f'document.querySelectorAll("a.download")[{i}].click()', gesture=True)
        begun = browser.wait_for("Browser.downloadWillBegin")
        browser.wait_for("Browser.downloadProgress", lambda p, guid=begun["guid"]: p["guid"] == guid
                         and p["state"] == "completed")
    got = {path.name: path.read_bytes().decode("utf-8") for path in folder.iterdir()}
    assert got == expected and len(got) == 4
    assert foreign(tab) == []


def test_folded_tables_open_from_the_keyboard(browser: Browser, pages: dict[str, Path]) -> None:
    tab = browser.open(pages["test"].as_uri(), 390, mobile=True)
    for _ in range(100):
        tab.press("Tab", 9)
        if tab.eval("document.activeElement.tagName") == "SUMMARY":
            break
    assert tab.eval("document.activeElement.closest('section.card').id") == WITH_DATA[0]
    assert tab.eval("document.activeElement.parentElement.open") is False
    tab.press("Enter", 13, "\r")
    assert tab.eval("document.activeElement.parentElement.open") is True
    assert tab.eval("document.activeElement.parentElement.querySelector('table').offsetHeight") > 50


def test_screenshot_and_a4_print(browser: Browser, pages: dict[str, Path]) -> None:
    tab = browser.open(pages["bundled"].as_uri(), 1200, 1600)
    png = base64.b64decode(tab.call("Page.captureScreenshot", {"format": "png"})["data"])
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 30_000  # text, badges, bars and charts; blank is a few kB
    pdf = base64.b64decode(tab.call("Page.printToPDF", {"preferCSSPageSize": True})["data"])
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert boxes and all(abs(float(w) - A4_POINTS[0]) < 1 and abs(float(h) - A4_POINTS[1]) < 1 for w, h in boxes)
