"""`cqip report --format html`: one self-contained page, a chart per target, badges, A4 print rules."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytest.importorskip("matplotlib")

AS_OF = "2019-06-30"
# The fixture as of 2019-06-30, by hand:
# patents_2020 (level 8, baseline 4 in 2015): 2018 = 6 → progress (6−4)/(8−4) = 0.5, expected
#   (2018−2015)/(2020−2015) = 0.6, 10 points behind → at risk; baseline known → expected path drawn.
# pct_2016_2020 (cumulative 2500 over 2016–2020): 2018 is over and missing → incomplete; the path
#   starts at 0 in 2015, actual running sums 400, 850.
EVERY_SERIES = "expected target deadline actual"
CHARTS = {"patents_2020": EVERY_SERIES, "pct_2016_2020": EVERY_SERIES}
LOADS = {"src", "href", "srcset", "poster", "data", "action", "xlink:href", "background"}


def render_html(cli, data_dir: Path, *args: str) -> str:
    result = cli("--data", str(data_dir), "report", "--format", "html", "--as-of", AS_OF, *args)
    assert result.exit_code == 0, result.output
    return result.stdout


class Page(HTMLParser):
    """Tags, attributes and style text of a page, as a browser's parser sees them."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.styles: list[str] = []
        self._in_style = False
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)

    def attrs(self, tag: str) -> list[dict[str, str]]:
        return [attrs for name, attrs in self.tags if name == tag]


def test_no_resource_is_loaded_from_anywhere(cli, data_dir: Path) -> None:
    page = Page(render_html(cli, data_dir))
    loaded = [(tag, key, value) for tag, attrs in page.tags for key, value in attrs.items()
              if key in LOADS and not value.startswith("#") and (tag, key) != ("a", "href")]
    assert loaded == []  # nothing but in-page references (`#id` of the SVG markers) and links to click
    assert not {tag for tag, _ in page.tags} & {"script", "link", "img", "iframe", "object", "embed"}
    # namespace names are identifiers, never fetched; links are followed only when clicked; nothing else names a URL
    assert [v for tag, attrs in page.tags for k, v in attrs.items()
            if "http" in v and not k.startswith("xmlns") and (tag, k) != ("a", "href")] == []
    css = "".join(page.styles)
    assert "url(" not in css and "@import" not in css and "@font-face" not in css
    assert {"http-equiv": "Content-Security-Policy",
            "content": "default-src 'none'; style-src 'unsafe-inline'; img-src data:"} in page.attrs("meta")


def test_source_urls_are_links(cli, data_dir: Path) -> None:
    text = render_html(cli, data_dir)
    assert '<a href="https://example.org/b">来源: https://example.org/b</a>' in text


def test_one_chart_per_target_with_every_series_drawn(cli, data_dir: Path) -> None:
    page = Page(render_html(cli, data_dir))
    figures = {attrs["id"]: attrs["data-series"] for attrs in page.attrs("figure")}
    assert figures == {f"chart-{target}": series for target, series in CHARTS.items()}
    groups = {attrs["id"] for attrs in page.attrs("g") if "-series-" in attrs.get("id", "")}
    assert groups == {f"{target}-series-{name}" for target, series in CHARTS.items() for name in series.split()}
    ids = [attrs["id"] for _, attrs in page.tags if "id" in attrs]
    assert len(ids) == len(set(ids))  # two charts on one page share no id


def test_chinese_labels_and_status_badges(cli, data_dir: Path) -> None:
    text = render_html(cli, data_dir)
    for label in ("每万人口发明专利拥有量（件/万人）", "PCT国际专利申请量（件）", "预期路径", "目标 8", "期限 2020",
                  "实际（累计）", "年份", "目标进展"):
        assert label in text, label
    assert '<span class="badge s-at_risk">略有滞后</span>' in text
    assert '<span class="badge s-incomplete">数据不全</span>' in text
    english = render_html(cli, data_dir, "--lang", "en")
    assert '<span class="badge s-at_risk">at risk</span>' in english and "略有滞后" not in english
    for label in ("Invention patents per 10k people (件/万人)", "expected path", "target 8", "deadline 2020", "year"):
        assert label in english, label  # the charts speak the page's language
    assert "年份" not in english and "预期路径" not in english


def test_prints_on_a4_with_whole_charts_and_coloured_badges(cli, data_dir: Path) -> None:
    css = "".join(Page(render_html(cli, data_dir)).styles)
    assert "@page { size: A4; margin: 15mm 12mm; }" in css
    assert re.search(r"\.chart \{[^}]*break-inside: avoid", css)
    assert re.search(r"\.badge, \.chart \{[^}]*print-color-adjust: exact", css)
    assert '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei"' in css


def test_same_data_same_bytes_and_output_file(cli, data_dir: Path, tmp_path: Path) -> None:
    first = render_html(cli, data_dir)
    assert render_html(cli, data_dir) == first
    target = tmp_path / "report.html"
    render_html(cli, data_dir, "--output", str(target))
    assert target.read_text(encoding="utf-8") == first


def test_without_matplotlib_one_line_how_to_install(cli, data_dir: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib now fails
    target = tmp_path / "report.html"
    result = cli("--data", str(data_dir), "report", "--format", "html", "--output", str(target))
    assert result.exit_code == 2
    assert result.stderr == "Error: --format html needs matplotlib: pip install 'cqip[html]'\n"
    assert not target.exists()


def test_other_formats_never_import_matplotlib(data_dir: Path) -> None:
    code = ("import sys; from cqip.cli.app import app; "
            f"app(['--data', {str(data_dir)!r}, 'report', '--format', 'markdown'], standalone_mode=False); "
            "sys.exit(3 if 'matplotlib' in sys.modules else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                            env={**os.environ, "CQIP_LANG": "zh"})
    assert result.returncode == 0, result.stderr
