"""Documents as one self-contained HTML page to mail or open offline, on a phone or on A4 paper.

Everything is inline (CSS, SVG charts, the downloadable data as `data:` links) and the page declares
a Content-Security-Policy that forbids every fetch, so opening it never touches the network; text
uses the reader's system fonts (a stack with the common CJK fonts). Styles become classes: a status
is a badge with an icon (its shape says it without colour) whose colours pass WCAG AA. On a narrow
screen every table becomes a stack of cards, so nothing scrolls sideways; on paper a card (a
target's panel) is never split. Same documents, same bytes.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Sequence
from html import escape

from cqip.render.csv_sheet import records as csv_records
from cqip.render.json_data import dumps as json_dumps
from cqip.render.svg_chart import COLOURS, drawn_series, target_svg
from cqip.views.document import Bar, Block, Cell, Chart, Document, Download, Table

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
FONTS = ("Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei",
         "DejaVu Sans")
TEXT, MUTED, LINK, RULE = "#1f2328", "#57606a", "#0550ae", "#d0d7de"
BADGE = {  # background, text: each pair at least 4.5:1 (tests compute it)
    "achieved": ("#1a7f37", "#ffffff"), "on_track": ("#dafbe1", "#0f5323"), "at_risk": ("#f5c04a", "#1f2328"),
    "off_track": ("#cf222e", "#ffffff"), "missed": ("#82071e", "#ffffff"), "incomplete": ("#6639ba", "#ffffff"),
    "no_data": ("#eaeef2", "#424a53"),
}
ICONS = {"achieved": "✓", "on_track": "↗", "at_risk": "!", "off_track": "↘", "missed": "✕", "incomplete": "◐",
         "no_data": "○"}
BAR = {"track": "#eaeef2", "fill": "#1d4f91", "tick": TEXT, "edge": MUTED}
DownloadWriter = Callable[[Download], str | bytes]
# The files a page can offer. `--format xlsx` (issue 13) plugs in here with its MIME type and writer,
# and in views.dashboard.DOWNLOADS.
DATA_FORMATS: dict[str, tuple[str, DownloadWriter]] = {
    "csv": ("text/csv;charset=utf-8", lambda d: csv_records([dict(r) for r in d.records], d.fields)),
    "json": ("application/json;charset=utf-8", lambda d: json_dumps([dict(r) for r in d.records])),
}
LEGEND = ("actual", "lower", "expected")  # the target and the deadline are labelled in the chart itself


def render(documents: Sequence[Document]) -> str:
    """The first document's title heads the page (and names the file); each document is a section."""
    first = documents[0]
    body = [_section(doc, i == 0) for i, doc in enumerate(documents)]
    return "\n".join([
        "<!DOCTYPE html>",
        f'<html lang="{"zh-CN" if first.lang == "zh" else "en"}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(first.title)}</title>",
        f"<style>{_css()}</style>",
        "</head>",
        "<body>",
        "<main>",
        *body,
        "</main>",
        "</body>",
        "</html>",
        "",
    ])


def _section(doc: Document, first: bool) -> str:
    """A document: the page's h1 when first, else an h2 with its blocks one level down."""
    anchor = f' id="{escape(doc.anchor)}"' if doc.anchor else ""
    heading = f"<h1>{escape(doc.title)}</h1>" if first else f"<h2>{escape(doc.title)}</h2>"
    shift = 0 if first else 1
    return "\n".join([f"<section{anchor}>", heading, *(_block(block, shift) for block in doc.blocks), "</section>"])


def _block(block: Block, shift: int) -> str:
    level = min(block.level + shift, 6)
    out = [f"<h{level}>{escape(block.title)}</h{level}>"] if block.title else []
    lines = [f"<p>{_inline(line)}</p>" for line in block.lines]
    if block.card:
        out.append('<div class="text">')
        out += [*lines, "</div>"]
    else:
        out += lines
    out += [_chart(chart) for chart in block.charts]
    if block.table is not None:
        table = _table(block.table.for_reading().shown())
        out.append(f"<details>\n<summary>{escape(block.fold)}</summary>\n{table}\n</details>" if block.fold else table)
    if block.downloads:
        out.append('<p class="downloads">' + " ".join(_download(d) for d in block.downloads) + "</p>")
    if not (block.anchor or block.card):
        return "\n".join(out)
    anchor = f' id="{escape(block.anchor)}"' if block.anchor else ""
    kind = ' class="card"' if block.card else ""
    return "\n".join([f"<section{anchor}{kind}>", *out, "</section>"])


def _inline(item: str | Cell) -> str:
    """A cell's text as HTML: statuses as badges, bars as bars, ids as code, links as links, line breaks kept."""
    if isinstance(item, str):
        return escape(item)
    text = "<br>".join(escape(part) for part in item.text.split("\n"))
    if item.link:
        text = f'<a href="{escape(item.link)}">{text}</a>'
    if item.bar is not None:
        text = f"{_bar(item.bar)} {text}"
    if item.style.startswith("status."):
        status = escape(item.style.removeprefix("status."))
        icon = ICONS.get(status, "")
        return f'<span class="badge s-{status}"><span aria-hidden="true">{icon}</span> {text}</span>'
    if item.style == "code":
        return f"<code>{text}</code>"
    return f'<span class="{escape(item.style)}">{text}</span>' if item.style in ("dim", "source") else text


def _bar(bar: Bar) -> str:
    """A share as a bar with a tick; the label says both in words (and shows as a tooltip)."""
    tick = f'<span class="tick" style="left:{bar.mark:.1%}"></span>' if bar.mark is not None else ""
    return (f'<span class="bar" role="img" aria-label="{escape(bar.label)}" title="{escape(bar.label)}">'
            f'<span class="fill" style="width:{bar.share:.1%}"></span>{tick}</span>')


def _table(table: Table) -> str:
    """A table in its own box; on a narrow screen each row is a card whose cells carry their headers."""
    def cell(text: str, tag: str, numeric: bool, label: str = "") -> str:
        attrs = (' class="num"' if numeric else "") + (f' data-label="{escape(label)}"' if label else "")
        attrs += ' scope="col"' if tag == "th" else ""
        return f"<{tag}{attrs}>{text}</{tag}>"

    head = "".join(cell(escape(c.header), "th", c.numeric) for c in table.columns)
    rows = ("<tr>" + "".join(cell(_inline(item), "td", c.numeric, c.header) if item.text else "<td></td>"
                             for item, c in zip(row, table.columns, strict=True)) + "</tr>" for row in table.rows)
    return (f'<div class="table"><table class="cards">\n<thead><tr>{head}</tr></thead>\n<tbody>\n'
            + "\n".join(rows) + "\n</tbody>\n</table></div>")


def _chart(chart: Chart) -> str:
    key = escape(chart.key)
    series = drawn_series(chart.lines, "deadline" in chart.labels)
    legend = " ".join(f'<span class="key k-{name}">{escape(chart.labels[name])}</span>' for name in LEGEND
                      if name in series)
    return (f'<figure class="chart" id="chart-{key}" data-series="{" ".join(series)}">\n'
            f"{target_svg(chart)}\n<figcaption>{legend}</figcaption>\n</figure>")


def _download(download: Download) -> str:
    """A file as a `data:` link: it needs no request, so it works offline and under the page's CSP."""
    mime, write = DATA_FORMATS[download.format]
    payload = write(download)
    data = base64.b64encode(payload.encode("utf-8") if isinstance(payload, str) else payload).decode("ascii")
    return (f'<a class="download" download="{escape(download.filename)}" '
            f'href="data:{mime};base64,{data}">{escape(download.label)}</a>')


def _css() -> str:
    fonts = ", ".join(f'"{font}"' for font in FONTS) + ", sans-serif"
    badges = "\n".join(f".s-{status} {{ background: {bg}; color: {fg}; }}" for status, (bg, fg) in BADGE.items())
    return f"""
@page {{ size: A4; margin: 15mm 12mm; }}
body {{ font-family: {fonts}; color: {TEXT}; background: #fff; line-height: 1.5; margin: 0; }}
main {{ max-width: 72em; margin: 0 auto; padding: 1em .75em 3em; }}
h1 {{ font-size: 1.5em; margin: .2em 0 .4em; }}
h2 {{ font-size: 1.25em; border-bottom: 1px solid {RULE}; margin-top: 1.6em; break-after: avoid; }}
h3 {{ font-size: 1.1em; margin-top: 1.4em; break-after: avoid; }}
h4, h5 {{ font-size: 1em; margin: 0 0 .4em; break-after: avoid; }}
p {{ margin: .25em 0; }}
a {{ color: {LINK}; }}
a:focus-visible, summary:focus-visible {{ outline: 3px solid {LINK}; outline-offset: 2px; }}
summary {{ cursor: pointer; color: {LINK}; margin-top: .5em; }}
.table {{ overflow-x: auto; }}
table {{ border-collapse: collapse; width: 100%; font-size: .9em; margin: .5em 0 1em; }}
th, td {{ border-bottom: 1px solid {RULE}; padding: .25em .5em; text-align: left; vertical-align: top; }}
td {{ overflow-wrap: break-word; }}
td a {{ overflow-wrap: anywhere; }}
.num {{ text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }}
tr {{ break-inside: avoid; }}
thead {{ display: table-header-group; }}
code {{ font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .9em; overflow-wrap: anywhere; }}
.ids, .source {{ overflow-wrap: anywhere; }}
.dim {{ color: {MUTED}; }}
.badge {{ display: inline-block; padding: 0 .6em; border-radius: .8em; font-size: .9em; white-space: nowrap; }}
.badge, .chart, .bar, .key {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
{badges}
.bar {{ display: inline-block; position: relative; width: 5em; height: .75em; vertical-align: middle;
  background: {BAR["track"]}; border: 1px solid {BAR["edge"]}; }}
.bar .fill {{ position: absolute; left: 0; top: 0; bottom: 0; background: {BAR["fill"]}; }}
.bar .tick {{ position: absolute; top: -.3em; bottom: -.3em; width: 2px; margin-left: -1px;
  background: {BAR["tick"]}; }}
.downloads a {{ display: inline-block; margin-right: 1em; }}
.card {{ border: 1px solid {RULE}; border-radius: 6px; padding: .75em; margin: 1em 0;
  break-inside: avoid; page-break-inside: avoid; }}
.card > details {{ grid-column: 1 / -1; }}
.card > h4, .card > h5 {{ grid-column: 1 / -1; }}
.chart {{ margin: .5em 0; break-inside: avoid; page-break-inside: avoid; }}
.chart svg {{ display: block; width: 100%; height: auto; max-width: 28em; }}
.chart figcaption {{ font-size: .9em; }}
.key {{ margin-right: 1em; white-space: nowrap; }}
.key::before {{ content: ""; display: inline-block; width: 1.6em; height: 0; margin-right: .3em;
  vertical-align: middle; }}
.k-actual::before {{ border-top: 2px solid {COLOURS["actual"]}; }}
.k-lower::before {{ width: .6em; height: .6em; border: 2px solid {COLOURS["lower"]}; border-radius: 50%; }}
.k-expected::before {{ border-top: 2px dashed {COLOURS["expected"]}; }}
@media (min-width: 50em) {{
  .card {{ display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 28em); column-gap: 1.5em; }}
}}
@media (max-width: 40em) {{
  table.cards, table.cards tbody, table.cards tr, table.cards td {{ display: block; width: auto; }}
  table.cards thead {{ position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }}
  table.cards tr {{ border-bottom: 1px solid {RULE}; padding: .4em 0; }}
  table.cards td {{ display: inline-block; max-width: 100%; border: 0; padding: .1em 1.2em .1em 0; text-align: left;
    white-space: normal; }}
  table.cards td:empty {{ display: none; }}
  table.cards td[data-label]::before {{ content: attr(data-label); margin-right: .4em; color: {MUTED};
    font-size: .9em; }}
  table.cards td:first-child {{ display: block; font-weight: 600; }}
  table.cards td:first-child::before {{ content: none; }}
}}
@media print {{
  body {{ font-size: 10pt; }}
  main {{ max-width: none; padding: 0; }}
  .card {{ display: grid; grid-template-columns: minmax(0, 1fr) 95mm; column-gap: 5mm; }}
  .chart svg {{ width: 95mm; max-width: none; }}
  .downloads {{ display: none; }}
}}
"""
