"""`cqip report --format html`: a self-contained dashboard — overview first, data coverage, one panel
per target with data, honest and accessible charts, the page's data to take away, no local path.

The data below, as of 2019-06-30, by hand:
- patents_2020 (level 8, baseline 4 in 2015, owned by 市知识产权局): 2018 = 6.8 (a revision, recorded
  2019-06-20, of the 6 recorded 2019-01-10). Progress (6.8 − 4) / (8 − 4) = 0.7 ≥ expected
  (2018 − 2015) / (2020 − 2015) = 0.6 → on track; 完成率 6.8 / 8 = 85 %. Time elapsed by 2019-06-30
  (t = 2018.5): (2018.5 − 2015) / 5 = 70 %.
- pct_2016_2020 (cumulative 2500 over 2016–2020): 2016 = 400, 2017 missing, 2018 = 450 → incomplete,
  the sum known to be at least 850 (≥ 34 %); time elapsed from 2015: 70 % too.
- parks_2020 (level 5, section 二): no figure → listed under data coverage, no panel, no chart.
- 渝中区 has one figure, patents 2018 = 9, and its own patents target of 10.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import re
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import write_data
from cqip.render import html_page
from cqip.render.csv_sheet import cell as csv_cell
from cqip.render.svg_chart import COLOURS, FONT, GROUND, WIDTH
from cqip.views.dashboard import DOWNLOADS

AS_OF = "2019-06-30"
LOADS = {"src", "href", "srcset", "poster", "data", "action", "xlink:href", "background"}
TARGETS = textwrap.dedent("""\
    plan: {id: "测试〔2016〕1号", title_zh: 测试方案, title_en: Test plan, baseline_year: 2015, deadline: 2020}
    sections:
      - {id: goals, zh: 一、工作目标, en: I. Goals}
      - {id: tasks, zh: 二、主要任务, en: II. Tasks}
    indicators:
      - {id: patents_per_10k, zh: 每万人口发明专利拥有量, en: Invention patents per 10k people, unit: 件/万人,
         measure: stock}
      - {id: pct, zh: PCT国际专利申请量, en: PCT applications, unit: 件, measure: flow}
      - {id: parks, zh: 知识产权示范园区, en: IP demonstration parks, unit: 个, measure: stock}
    targets:
      - {id: patents_2020, indicator: patents_per_10k, section: goals, kind: level, value: 8,
         clause: 到2020年，每万人口发明专利拥有量达到8件, owners: [市知识产权局], regions: {渝中区: 10}}
      - {id: pct_2016_2020, indicator: pct, section: goals, kind: cumulative, value: 2500, window: [2016, 2020],
         clause: PCT国际专利申请量累计达到2500件, owners: [市知识产权局, 市科技局]}
      - {id: parks_2020, indicator: parks, section: tasks, kind: level, value: 5, clause: 建成5个知识产权示范园区}
    """)
ACTUALS = textwrap.dedent("""\
    indicator,period,value,unit,source,note,recorded,region
    patents_per_10k,2015,4,件/万人,https://example.org/a,,,
    patents_per_10k,2018,6,件/万人,https://example.org/b,,2019-01-10,
    patents_per_10k,2018,6.8,件/万人,https://example.org/b2,revised,2019-06-20,
    pct,2016,400,件,https://example.org/c,,,
    pct,2018,450,件,https://example.org/d,,,
    patents_per_10k,2018,9,件/万人,https://example.org/e,,,渝中区
    """)
TASKS = textwrap.dedent("""\
    plan: {title_zh: 测试计划, title_en: Test work plan, due: 2017-12-31}
    areas: [{id: 一, zh: 统筹, en: Coordination}]
    departments: [{name: 市知识产权局, en: IP office}, {name: 市科技局, en: Science and technology}]
    tasks: [{number: 1, area: 一, zh: 甲, en: A, departments: [市知识产权局, 市科技局]}]
    """)
WITH_DATA = ("patents_2020", "pct_2016_2020")


@pytest.fixture
def page_data(tmp_path: Path) -> Path:
    root = write_data(tmp_path / "dashboard", TARGETS, {"main.csv": ACTUALS})
    (root / "tasks.yaml").write_text(TASKS, encoding="utf-8")
    return root


def render_html(cli, data_dir: Path, *args: str) -> str:
    result = cli("--data", str(data_dir), "report", "--format", "html", "--as-of", AS_OF, *args)
    assert result.exit_code == 0, result.output
    return result.stdout


class Page(HTMLParser):
    """Tags, attributes, style text and each element's text, as a browser's parser sees them."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.styles: list[str] = []
        self.text: list[str] = []
        self._in_style = False
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        (self.styles if self._in_style else self.text).append(data)

    def attrs(self, tag: str) -> list[dict[str, str]]:
        return [attrs for name, attrs in self.tags if name == tag]

    def ids(self, tag: str, cls: str = "") -> list[str]:
        return [a["id"] for a in self.attrs(tag) if "id" in a and cls in [*a.get("class", "").split(), ""]]


def section(html: str, anchor: str) -> str:
    """The HTML of the `<section id=anchor>` (sections nest: panels sit inside the details section)."""
    start = html.index(f'<section id="{anchor}"')
    depth, at = 0, start
    for match in re.finditer(r"<section\b|</section>", html[start:]):
        depth += 1 if match[0] == "<section" else -1
        if depth == 0:
            at = start + match.end()
            break
    return html[start:at]


def downloads(html: str) -> dict[str, str]:
    """Each download's file name and the text its `data:` link carries."""
    found = re.findall(r'<a class="download" download="([^"]+)" href="data:[^;]+;charset=utf-8;base64,([^"]+)">',
                       html)
    return {name: base64.b64decode(data).decode("utf-8") for name, data in found}


def contrast(one: str, two: str) -> float:
    """WCAG 2 contrast ratio of two #rrggbb colours."""
    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    light, dark = sorted((luminance(one), luminance(two)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_overview_first_then_coverage_weekly_report_and_details(cli, page_data: Path) -> None:
    html = render_html(cli, page_data)
    order = [html.index(f'<section id="{anchor}"') for anchor in ("overview", "coverage", "weekly", "details")]
    assert order == sorted(order) and html.index("<h1>") < order[0]
    assert "<h1>测试〔2016〕1号 — 周报 截至 2019-06-30</h1>" in html
    assert "<p>测试方案（测试〔2016〕1号）的目标与数据，截至 2019-06-30</p>" in html  # named by plan and date
    contents = html[html.index("<h2>目录</h2>"):order[0]]
    assert re.findall(r'<a href="#([^"]+)">', contents) == ["overview", "coverage", "weekly", "details",
                                                           "section-goals"]


def test_the_grid_shows_every_target_with_status_icon_bar_and_time_tick(cli, page_data: Path) -> None:
    html = render_html(cli, page_data)
    overview = html[html.index('<section id="overview"'):html.index('<section id="coverage"')]
    rows = re.findall(r"<tr>(.*?)</tr>", overview)
    assert len(rows) == 2 + 3  # a header per section, a row per target
    patents, pct, parks = (next(r for r in rows if name in r) for name in ("每万人口", "PCT", "示范园区"))
    assert '<a href="#patents_2020">每万人口发明专利拥有量</a>' in patents  # a target with data links to its panel
    assert '<span class="badge s-on_track"><span aria-hidden="true">↗</span> 符合预期</span>' in patents
    assert ('<span class="bar" role="img" aria-label="完成率 85%，时间已过 70%" title="完成率 85%，时间已过 70%">'
            '<span class="fill" style="width:85.0%"></span><span class="tick" style="left:70.0%"></span></span> 85%'
            ) in patents
    assert '<span class="fill" style="width:34.0%"></span><span class="tick" style="left:70.0%"></span></span> ≥ 34%' \
        in pct
    assert "≥ 850 / 2,500" in pct
    assert '<span class="badge s-no_data"><span aria-hidden="true">○</span> 无数据</span>' in parks
    assert "href" not in parks and "bar" not in parks  # no panel to go to, no achievement to draw


def test_coverage_counts_per_section_and_lists_the_targets_without_data(cli, page_data: Path) -> None:
    coverage = section(render_html(cli, page_data), "coverage")
    cells = [re.sub(r"<[^>]+>", "", row).split("\x00") for row in
             re.findall(r"<tr>(.*?)</tr>", coverage.replace("</td><td", "</td>\x00<td").replace("</th><th",
                                                                                             "</th>\x00<th"))]
    assert cells[:3] == [["方案章节", "有数据", "无数据", "最新数据"], ["一、工作目标", "2", "0", "2018"],
                         ["二、主要任务", "0", "1", "–"]]
    assert "<h4>无数据的目标（1个）</h4>" in coverage
    assert cells[4] == ["parks_2020", "知识产权示范园区", "到2020年达到5 个", "二、主要任务"]


def test_one_panel_per_target_with_data_and_no_empty_chart(cli, page_data: Path) -> None:
    page = Page(render_html(cli, page_data))
    assert page.ids("section", "card") == list(WITH_DATA)
    assert page.ids("figure") == [f"chart-{target}" for target in WITH_DATA]
    assert {a["data-series"] for a in page.attrs("figure")} == {"expected target deadline actual",
                                                                "expected target deadline actual lower"}


def test_a_panel_says_the_clause_the_verdict_as_explain_does_the_owners_and_every_observation(
        cli, page_data: Path) -> None:
    panel = section(render_html(cli, page_data), "patents_2020")
    explained = cli("--data", str(page_data), "explain", "patents_2020", "--as-of", AS_OF).stdout
    verdict = next(line for line in explained.splitlines() if line.startswith("状态："))
    assert f"<p>{verdict}</p>" in panel  # explain's own sentence, not a second wording
    assert "<p>「到2020年，每万人口发明专利拥有量达到8件」</p>" in panel
    assert "<p>责任部门：市知识产权局</p>" in panel and "<p><code>patents_2020</code></p>" in panel
    assert "<details>\n<summary>全部观测值（2）</summary>" in panel  # folded: keyboard-reachable, closed in print
    rows = re.findall(r"<tr>(.*?)</tr>", panel)[1:]
    assert [re.findall(r'data-label="([^"]+)">(.*?)</td>', row)[:4] for row in rows] == [
        [("期间", "2015"), ("数值", "4"), ("单位", "件/万人"), ("口径", "（空白口径）")],
        [("期间", "2018"), ("数值", "6.8"), ("单位", "件/万人"), ("口径", "（空白口径）")]]
    assert '<a href="https://example.org/b2">https://example.org/b2</a>' in rows[1]  # sources are links
    assert 'data-label="修订前数值">6（记录于 2019-01-10）</td>' in rows[1]  # the value the revision replaced
    pct = section(render_html(cli, page_data), "pct_2016_2020")
    assert "<p>责任部门：市知识产权局、市科技局</p>" in pct


def test_in_english_everything_speaks_english(cli, page_data: Path) -> None:
    html = render_html(cli, page_data, "--lang", "en")
    assert '<html lang="en">' in html and '<html lang="zh-CN">' in render_html(cli, page_data)
    assert "<p>responsible: IP office, Science and technology</p>" in section(html, "pct_2016_2020")
    for label in ("target 8", "deadline 2020", "expected path", "actual (running sum)", "lower bound (at least this)",
                  "data coverage", "targets without data (1)", "every observation (2)"):
        assert label in html, label
    words = {"年份", "预期路径", "目标 8", "期限", "数据覆盖", "全部观测值", "责任部门", "缺少", "状态", "完成率"}
    assert {word for word in words if word in html} == set()


def test_the_pages_data_can_be_taken_away_as_csv_and_json(cli, page_data: Path) -> None:
    html = render_html(cli, page_data)
    files = downloads(html)
    assert sorted(files) == sorted(f"cqip-{what}-{AS_OF}.{fmt}" for what in ("targets", "observations")
                                   for fmt in DOWNLOADS)
    status_json = cli("--data", str(page_data), "status", "--format", "json", "--as-of", AS_OF).stdout
    assert json.loads(files[f"cqip-targets-{AS_OF}.json"]) == json.loads(status_json)
    # the CSV carries the same records, every field a column (the JSON keys), safe to open in a spreadsheet
    verdicts = list(csv.DictReader(io.StringIO(files[f"cqip-targets-{AS_OF}.csv"].lstrip("\ufeff"))))
    assert [(row["target_id"], row["status"], row["actual"], row["achievement"]) for row in verdicts] == [
        (record["target_id"], record["status"], csv_cell(record["actual"]), csv_cell(record["achievement"]))
        for record in json.loads(status_json)]
    observed = list(csv.DictReader(io.StringIO(files[f"cqip-observations-{AS_OF}.csv"].lstrip("\ufeff"))))
    assert [(row["indicator"], row["period"], row["value"], row["replaced"]) for row in observed] == [
        ("patents_per_10k", "2015", "4", "false"), ("patents_per_10k", "2018", "6.8", "false"),
        ("patents_per_10k", "2018", "6", "true"), ("pct", "2016", "400", "false"), ("pct", "2018", "450", "false")]
    assert json.loads(files[f"cqip-observations-{AS_OF}.json"])[2] == {
        "indicator": "patents_per_10k", "period": "2018", "value": 6, "unit": "件/万人", "scope": "", "bound": None,
        "source": "https://example.org/b", "note": "", "recorded": "2019-01-10", "region": "全市", "replaced": True}


def test_every_download_format_the_view_offers_can_be_written() -> None:
    """The xlsx hook: a format joins views.dashboard.DOWNLOADS only with a writer in html_page.DATA_FORMATS."""
    assert set(DOWNLOADS) <= set(html_page.DATA_FORMATS)


def test_no_local_path_in_the_page_nor_in_its_files(cli, page_data: Path) -> None:
    html = render_html(cli, page_data)
    assert str(page_data) not in html and "main.csv" not in html and "数据目录" not in html
    assert all(str(page_data) not in text and "main.csv" not in text for text in downloads(html).values())
    report_json = json.loads(cli("--data", str(page_data), "report", "--format", "json", "--as-of", AS_OF).stdout)
    assert report_json["data_dir"] == str(page_data)  # the report for scripts keeps it


def test_a_region_page_states_the_regions_own_target_value(cli, page_data: Path) -> None:
    panel = section(render_html(cli, page_data, "--region", "渝中区"), "patents_2020")
    assert ("<p>「到2020年，每万人口发明专利拥有量达到8件」</p>\n"
            "<p>渝中区的目标值为 10；上面的条文是全市目标</p>") in panel
    assert "目标 10" in panel  # the chart's line is the region's value


def test_every_chart_is_an_image_with_a_title_and_a_description(cli, page_data: Path) -> None:
    html = render_html(cli, page_data)
    svgs = re.findall(r"<svg\b[^>]*>\n<title id=\"([^\"]+)\">([^<]+)</title>\n<desc id=\"([^\"]+)\">([^<]+)</desc>",
                      html)
    assert html.count("<svg") == len(svgs) == 2 and html.count('role="img" aria-labelledby=') == 2
    assert svgs[1][1:] == ("PCT国际专利申请量（件）", "pct_2016_2020-desc",
                           "实际（累计）：2016 400；下限（真实值不低于此）：2018 ≥ 850；预期路径：2015 0 → 2020 2,500；"
                           "目标 2,500；期限 2020。")


def test_no_resource_is_loaded_from_anywhere(cli, page_data: Path) -> None:
    page = Page(render_html(cli, page_data))
    loaded = [(tag, key, value) for tag, attrs in page.tags for key, value in attrs.items()
              if key in LOADS and not value.startswith("#") and (tag, key) != ("a", "href")]
    assert loaded == []  # nothing but in-page references, links to click and downloads (data: links)
    assert not {tag for tag, _ in page.tags} & {"script", "link", "img", "iframe", "object", "embed"}
    assert [v for tag, attrs in page.tags for k, v in attrs.items()
            if "http" in v and not k.startswith("xmlns") and (tag, k) != ("a", "href")] == []
    css = "".join(page.styles)
    assert "url(" not in css and "@import" not in css and "@font-face" not in css
    assert {"http-equiv": "Content-Security-Policy",
            "content": "default-src 'none'; style-src 'unsafe-inline'; img-src data:"} in page.attrs("meta")


def test_prints_on_a4_one_panel_per_block_with_readable_chart_text(cli, page_data: Path) -> None:
    css = "".join(Page(render_html(cli, page_data)).styles)
    assert "@page { size: A4; margin: 15mm 12mm; }" in css
    assert re.search(r"\.card \{[^}]*break-inside: avoid", css) and re.search(r"\.chart \{[^}]*break-inside: avoid",
                                                                               css)
    assert re.search(r"\.badge, \.chart, \.bar, \.key \{[^}]*print-color-adjust: exact", css)
    assert '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei"' in css
    printed = float(re.search(r"@media print \{.*?\.chart svg \{ width: ([\d.]+)mm", css, re.DOTALL)[1])
    points = FONT * printed / WIDTH / 25.4 * 72  # 14 units of 360 on 95 mm: 3.69 mm = 10.5 pt
    assert points >= 8


def test_every_badge_and_line_passes_wcag_aa() -> None:
    badges = {status: contrast(bg, fg) for status, (bg, fg) in html_page.BADGE.items()}
    assert {status: ratio for status, ratio in badges.items() if ratio < 4.5} == {}
    lines = {name: contrast(colour, GROUND) for name, colour in COLOURS.items()}
    assert {name: ratio for name, ratio in lines.items() if ratio < 4.5} == {}
    text = {name: contrast(colour, "#ffffff") for name, colour in
            (("text", html_page.TEXT), ("muted", html_page.MUTED), ("link", html_page.LINK))}
    assert {name: ratio for name, ratio in text.items() if ratio < 4.5} == {}
    bar = html_page.BAR
    assert contrast(bar["fill"], bar["track"]) >= 4.5 and contrast(bar["tick"], bar["track"]) >= 4.5
    assert contrast(bar["edge"], "#ffffff") >= 4.5  # the empty bar's outline against the page


def test_the_contrast_check_is_computed_right() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#2da44e", "#ffffff") == pytest.approx(3.2, abs=0.05)  # the old on-track badge: too pale
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the lightest grey that passes


def test_same_data_same_bytes_and_output_file(cli, page_data: Path, tmp_path: Path) -> None:
    first = render_html(cli, page_data)
    assert render_html(cli, page_data) == first
    target = tmp_path / "report.html"
    render_html(cli, page_data, "--output", str(target))
    assert target.read_text(encoding="utf-8") == first
    ids = [attrs["id"] for _, attrs in Page(first).tags if "id" in attrs]
    assert len(ids) == len(set(ids))  # panels, charts and their series share no id
