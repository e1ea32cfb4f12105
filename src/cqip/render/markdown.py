"""Markdown for pasting into documents and wikis: headings, bullet lines and pipe tables."""

from __future__ import annotations

from cqip.render.blocks import Block


def render(blocks: list[Block]) -> str:
    out: list[str] = []
    for i, block in enumerate(blocks):
        if block.title:
            out += [("# " if i == 0 else "## ") + _escape(block.title), ""]
        if block.lines:
            out += [f"- {_escape(line)}" if line else "" for line in block.lines] + [""]
        if block.header:
            out += [_row(block.header),
                    "|" + "|".join("---:" if j in block.right else "---" for j in range(len(block.header))) + "|",
                    *(_row(row) for row in block.rows), ""]
        if block.wrap:
            out += [", ".join(f"`{item}`" for item in block.wrap), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _row(cells: tuple[str, ...]) -> str:
    return "| " + " | ".join(_escape(cell) for cell in cells) + " |"


def _escape(text: str) -> str:
    """Characters that would start markup or end a table cell."""
    for char in "\\|*_`[]<>#":
        text = text.replace(char, "\\" + char)
    return text
