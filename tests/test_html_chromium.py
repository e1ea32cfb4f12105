"""The HTML report in a real browser (Debian's headless chromium): no request leaves the file, every
chart draws, a screenshot comes out, and print is A4. `.ci/run` installs chromium when missing.

The page reports on itself: a copy gets a small script that, once loaded, writes what the browser
saw into the DOM (resource timing entries, each chart's size and drawn series), read back with
`--dump-dom`. The copy drops the page's Content-Security-Policy, so a stray fetch would really be
attempted (the host resolver is mapped to nowhere, so it never reaches the network) and counted.
"""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
import time
from pathlib import Path

import pytest

from test_html_report import CHARTS, render_html

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None,
                                reason="chromium is not installed (.ci/run installs Debian's chromium)")

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--host-resolver-rules=MAP * ~NOTFOUND")
SELF_CHECK = """<script>
window.addEventListener("load", () => {
  const charts = [...document.querySelectorAll("figure.chart")].map(figure => {
    const svg = figure.querySelector("svg");
    const box = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};
    const drawn = [...figure.querySelectorAll('g[id*="-series-"]')]
      .filter(g => { const b = g.getBBox(); return b.width + b.height > 0; })
      .map(g => g.id);
    return {id: figure.id, width: box.width, height: box.height, texts: svg ? svg.querySelectorAll("text").length : 0,
            series: drawn};
  });
  const out = document.createElement("pre");
  out.id = "cqip-check";
  out.textContent = JSON.stringify({resources: performance.getEntriesByType("resource").map(e => e.name), charts});
  document.body.append(out);
});
</script>
"""
A4_POINTS = (595.28, 841.89)
TIMINGS: dict[str, float] = {}


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    start = time.perf_counter()
    result = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
                            capture_output=True, text=True, timeout=120)
    TIMINGS[args[0]] = time.perf_counter() - start
    return result


def self_check(tmp_path: Path, html: str, extra: str = "") -> dict:
    """What the page says about itself once loaded in chromium."""
    csp = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n')
    assert csp.search(html)
    page = tmp_path / "check.html"
    page.write_text(csp.sub("", html).replace("</body>", extra + SELF_CHECK + "</body>"), encoding="utf-8")
    dom = chromium(tmp_path, "--dump-dom", page.as_uri())
    found = re.search(r'<pre id="cqip-check">(.*?)</pre>', dom.stdout, re.DOTALL)
    assert found, dom.stderr[-2000:]
    return json.loads(found[1].replace("&quot;", '"').replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"))


def test_the_page_loads_nothing_and_draws_every_chart(cli, data_dir: Path, tmp_path: Path) -> None:
    seen = self_check(tmp_path, render_html(cli, data_dir))
    assert seen["resources"] == []
    assert [chart["id"] for chart in seen["charts"]] == [f"chart-{target}" for target in CHARTS]
    for chart, (target, series) in zip(seen["charts"], CHARTS.items(), strict=True):
        assert chart["width"] > 200 and chart["height"] > 80 and chart["texts"] > 5, chart
        assert chart["series"] == [f"{target}-series-{name}" for name in series.split()]


def test_the_self_check_would_see_a_request(cli, data_dir: Path, tmp_path: Path) -> None:
    """The check above is not blind: a stray image or stylesheet shows up as a resource."""
    stray = '<img src="http://example.invalid/x.png"><link rel="stylesheet" href="https://example.invalid/a.css">'
    seen = self_check(tmp_path, render_html(cli, data_dir), stray)
    assert seen["resources"] == ["http://example.invalid/x.png", "https://example.invalid/a.css"]


def test_screenshot_and_a4_print(cli, data_dir: Path, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    render_html(cli, data_dir, "--output", str(page))
    shot = tmp_path / "report.png"
    chromium(tmp_path, f"--screenshot={shot}", "--window-size=1200,1600", page.as_uri())
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", png[16:24]) == (1200, 1600)
    assert len(png) > 30_000  # text, tables, badges and two charts; a blank page is a few kB
    pdf = tmp_path / "report.pdf"
    chromium(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri())
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf.read_bytes())
    assert boxes and all(abs(float(w) - A4_POINTS[0]) < 1 and abs(float(h) - A4_POINTS[1]) < 1 for w, h in boxes)
    print("chromium seconds:", {flag.split("=")[0]: round(seconds, 2) for flag, seconds in TIMINGS.items()})
