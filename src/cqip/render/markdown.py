"""Markdown for pasting into documents and wikis: headings, bullet lines, pipe tables."""

from __future__ import annotations

from cqip.render.ascii_chart import draw
from cqip.views.document import Cell, Document

CHART_WIDTH = 80


def render(doc: Document) -> str:
    out: list[str] = ["# " + _escape(doc.title), ""]
    for block in doc.blocks:
        if block.title:
            out += ["#" * block.level + " " + _escape(block.title), ""]
        if block.lines:
            out += [f"- {_escape(text)}" for line in block.lines for text in _text(line).split("\n")] + [""]
        if block.table is not None:
            table = block.table.for_reading().shown()
            out += [_row([c.header for c in table.columns]),
                    "|" + "|".join("---:" if c.numeric else "---" for c in table.columns) + "|",
                    *(_row([c.text for c in row]) for row in table.rows), ""]
        for chart in block.charts:
            out += ["```text", *("".join(t for t, _ in line).rstrip() for line in draw(chart, width=CHART_WIDTH)),
                    "```", ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _text(line: str | Cell) -> str:
    return line.text if isinstance(line, Cell) else line


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(_escape(cell).replace("\n", "<br>") for cell in cells) + " |"


def _escape(text: str) -> str:
    """Characters that would start markup or end a table cell."""
    for char in "\\|*_`[]<>#":
        text = text.replace(char, "\\" + char)
    return text
