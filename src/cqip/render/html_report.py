"""The report as one self-contained HTML page to mail or open offline, and to print on A4.

Everything is inline (CSS, SVG charts) and the page declares a Content-Security-Policy that
forbids every fetch, so opening it never touches the network; text uses the reader's system
fonts (a stack with the common CJK fonts). The words are the text report's (`blocks`), with
status words as coloured badges that keep their colour in print. Same data, same bytes.
"""

from __future__ import annotations

from html import escape

from cqip.verdicts.evaluation import Evaluation, Status
from cqip.data.models import Section
from cqip.render.blocks import Block, report_blocks, status_blocks
from cqip.render.labels import ACHIEVED_EARLY, STATUS_WORDS, WORDS, name, verdict
from cqip.render.svg_chart import FONTS, drawn_series, target_svg
from cqip.views.report import Report

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
BADGE = {  # background, text
    Status.ACHIEVED: ("#1a7f37", "#fff"), Status.ON_TRACK: ("#2da44e", "#fff"), Status.AT_RISK: ("#d4a72c", "#1f2328"),
    Status.OFF_TRACK: ("#cf222e", "#fff"), Status.MISSED: ("#82071e", "#fff"), Status.INCOMPLETE: ("#8250df", "#fff"),
    Status.NO_DATA: ("#6e7781", "#fff"),
}
BADGE_COLUMNS = ("status", "before", "after")  # WORDS keys of the columns holding status words
CHART_WORDS = {"zh": "图表", "en": "charts"}
SOURCE_WORDS = {"zh": "来源", "en": "source"}


def render(report: Report, groups: list[tuple[Section, list[Evaluation]]], lang: str) -> str:
    """The report's sections, every target by plan section with badges, then one chart per target."""
    blocks = report_blocks(report, lang)
    table = status_blocks(groups, WORDS[lang]["status_title"], lang)[:-1]  # the summary line is the report's own
    body = [_blocks(blocks[:1], lang, "h1"), _blocks(blocks[1:], lang, "h2"), _blocks(table[:1], lang, "h2"),
            _blocks(table[1:], lang, "h3"), f"<h2>{CHART_WORDS[lang]}</h2>", '<div class="charts">',
            *(_chart(ev, report, lang) for _, rows in groups for ev in rows), "</div>"]
    return "\n".join([
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(blocks[0].title)}</title>",
        f"<style>{_css()}</style>",
        "</head>",
        "<body>",
        *body,
        "</body>",
        "</html>",
        "",
    ])


def _badge_words(lang: str) -> dict[str, Status]:
    """Status word → status, for colouring the cells that hold one (提前实现 is achieved)."""
    return {**{word: status for status, word in STATUS_WORDS[lang].items()}, ACHIEVED_EARLY[lang]: Status.ACHIEVED}


def _badge(word: str, status: Status) -> str:
    return f'<span class="badge s-{status.value}">{escape(word)}</span>'


def _blocks(blocks: list[Block], lang: str, tag: str) -> str:
    out = []
    for block in blocks:
        if block.title:
            out.append(f"<{tag}>{escape(block.title)}</{tag}>")
        out += [f"<p>{escape(line)}</p>" for line in block.lines]
        if block.header:
            out.append(_table(block, lang))
        if block.wrap:
            out.append('<p class="ids">' + ", ".join(f"<code>{escape(item)}</code>" for item in block.wrap) + "</p>")
    return "\n".join(out)


def _table(block: Block, lang: str) -> str:
    words = _badge_words(lang)
    badged = {i for i, head in enumerate(block.header) if head in {WORDS[lang][key] for key in BADGE_COLUMNS}}

    def cell(i: int, text: str, tag: str) -> str:
        attr = ' class="num"' if i in block.right else ""
        inner = _badge(text, words[text]) if tag == "td" and i in badged and text in words else escape(text)
        return f"<{tag}{attr}>{inner}</{tag}>"

    head = "".join(cell(i, text, "th") for i, text in enumerate(block.header))
    rows = ("<tr>" + "".join(cell(i, text, "td") for i, text in enumerate(row)) + "</tr>" for row in block.rows)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"


def _chart(ev: Evaluation, report: Report, lang: str) -> str:
    """A figure with the chart (Chinese title and legend) and a caption: id, verdict, clause, source."""
    key, lines = ev.target.id, report.lines[ev.target.id]
    svg = target_svg(lines, f"{name(ev, 'zh')}（{ev.indicator.unit}）", key, first_year=ev.target.start)
    source = f'<br><span class="source">{SOURCE_WORDS[lang]}: {escape(ev.latest.source)}</span>' if ev.latest else ""
    return (f'<figure class="chart" id="chart-{escape(key)}" data-series="{" ".join(drawn_series(lines))}">\n{svg}\n'
            f"<figcaption><code>{escape(key)}</code> {_badge(verdict(ev, lang), ev.status)} "
            f"「{escape(ev.target.clause)}」{source}</figcaption>\n</figure>")


def _css() -> str:
    fonts = ", ".join(f'"{font}"' for font in FONTS[:-1]) + ", sans-serif"
    badges = "\n".join(f".s-{status.value} {{ background: {bg}; color: {fg}; }}" for status, (bg, fg) in BADGE.items())
    return f"""
@page {{ size: A4; margin: 15mm 12mm; }}
body {{ font-family: {fonts}; color: #1f2328; line-height: 1.5; max-width: 64em; margin: 2em auto; padding: 0 1em; }}
h1 {{ font-size: 1.5em; }}
h2 {{ font-size: 1.2em; border-bottom: 1px solid #d0d7de; margin-top: 1.5em; break-after: avoid; }}
h3 {{ font-size: 1em; break-after: avoid; }}
p {{ margin: .25em 0; }}
table {{ border-collapse: collapse; width: 100%; font-size: .9em; margin: .5em 0 1em; }}
th, td {{ border-bottom: 1px solid #d0d7de; padding: .2em .5em; text-align: left; vertical-align: top; }}
.num {{ text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }}
tr {{ break-inside: avoid; }}
thead {{ display: table-header-group; }}
code {{ font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .9em; }}
.ids, .source {{ overflow-wrap: anywhere; }}
.badge {{ display: inline-block; padding: 0 .6em; border-radius: .8em; font-size: .85em; white-space: nowrap; }}
.badge, .chart {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
{badges}
.charts {{ display: grid; grid-template-columns: repeat(auto-fill, minmax(24em, 1fr)); gap: 1em; }}
.chart {{ margin: 0; break-inside: avoid; page-break-inside: avoid; }}
.chart svg {{ display: block; width: 100%; height: auto; }}
.chart svg * {{ stroke-linejoin: round; stroke-linecap: butt; }}
.chart figcaption {{ font-size: .8em; }}
@media print {{
  body {{ max-width: none; margin: 0; padding: 0; font-size: 10pt; }}
  .charts {{ grid-template-columns: 1fr 1fr; }}
}}
"""
