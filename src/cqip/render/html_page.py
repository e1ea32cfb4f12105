"""Documents as one self-contained HTML page to mail or open offline, and to print on A4.

Everything is inline (CSS, SVG charts) and the page declares a Content-Security-Policy that
forbids every fetch, so opening it never touches the network; text uses the reader's system
fonts (a stack with the common CJK fonts). Styles become classes: a status is a coloured badge
that keeps its colour in print. Same documents, same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from cqip.render.svg_chart import FONTS, drawn_series, target_svg
from cqip.views.document import Block, Cell, Chart, Document, Table

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
BADGE = {  # background, text
    "achieved": ("#1a7f37", "#fff"), "on_track": ("#2da44e", "#fff"), "at_risk": ("#d4a72c", "#1f2328"),
    "off_track": ("#cf222e", "#fff"), "missed": ("#82071e", "#fff"), "incomplete": ("#8250df", "#fff"),
    "no_data": ("#6e7781", "#fff"),
}


def render(documents: Sequence[Document]) -> str:
    """The first document's title heads the page; the others follow as sections."""
    first = documents[0]
    body = [f"<h1>{escape(first.title)}</h1>", *_blocks(first.blocks)]
    for doc in documents[1:]:
        body += [f"<h2>{escape(doc.title)}</h2>", *_blocks(doc.blocks)]
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
        *body,
        "</body>",
        "</html>",
        "",
    ])


def _blocks(blocks: Sequence[Block]) -> list[str]:
    out = []
    for block in blocks:
        if block.title:
            out.append(f"<h{block.level}>{escape(block.title)}</h{block.level}>")
        out += [f"<p>{_inline(line)}</p>" for line in block.lines]
        if block.table is not None:
            out.append(_table(block.table.for_reading().shown()))
        if block.charts:
            out += ['<div class="charts">', *(_chart(chart) for chart in block.charts), "</div>"]
    return out


def _inline(item: str | Cell) -> str:
    """A cell's text as HTML: statuses as badges, ids as code, links as links, line breaks kept."""
    if isinstance(item, str):
        return escape(item)
    text = "<br>".join(escape(part) for part in item.text.split("\n"))
    if item.link:
        text = f'<a href="{escape(item.link)}">{text}</a>'
    if item.style.startswith("status."):
        return f'<span class="badge s-{escape(item.style.removeprefix("status."))}">{text}</span>'
    if item.style == "code":
        return f"<code>{text}</code>"
    return f'<span class="{escape(item.style)}">{text}</span>' if item.style in ("dim", "source") else text


def _table(table: Table) -> str:
    def cell(text: str, tag: str, numeric: bool) -> str:
        attr = ' class="num"' if numeric else ""
        return f"<{tag}{attr}>{text}</{tag}>"

    head = "".join(cell(escape(c.header), "th", c.numeric) for c in table.columns)
    rows = ("<tr>" + "".join(cell(_inline(item), "td", c.numeric) for item, c in zip(row, table.columns, strict=True))
            + "</tr>" for row in table.rows)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"


def _chart(chart: Chart) -> str:
    key = escape(chart.key)
    caption = " ".join(_inline(part) for part in chart.caption)
    return (f'<figure class="chart" id="chart-{key}" data-series="{" ".join(drawn_series(chart.lines))}">\n'
            f"{target_svg(chart)}\n<figcaption>{caption}</figcaption>\n</figure>")


def _css() -> str:
    fonts = ", ".join(f'"{font}"' for font in FONTS[:-1]) + ", sans-serif"
    badges = "\n".join(f".s-{status} {{ background: {bg}; color: {fg}; }}" for status, (bg, fg) in BADGE.items())
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
.source {{ overflow-wrap: anywhere; }}
.dim {{ color: #59636e; }}
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
