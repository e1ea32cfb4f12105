"""Plain text for mail and files: no colour codes, at most 100 columns, the same bytes every run.

Widths are display widths (`rich.cells.cell_len`: a Chinese character takes two columns), so
columns line up in a monospaced mail reader; long names are cut with an ellipsis, never wrapped.
"""

from __future__ import annotations

from rich.cells import cell_len, chop_cells, set_cell_size

from cqip.render.blocks import Block

WIDTH = 100
GAP = "  "
MIN_CUT = 10  # a shrinkable column is never cut below this many cells


def render(blocks: list[Block], width: int = WIDTH) -> str:
    out: list[str] = []
    natural = _natural_widths(blocks)
    for i, block in enumerate(blocks):
        if block == Block(""):
            continue
        if block.title:
            out.extend(_fold(block.title, width))
            out.append(("=" if i == 0 else "-") * min(width, cell_len(block.title)))
        for line in block.lines:
            out.extend(_fold(line, width))
        if block.header:
            out.extend(_grid(block, natural[block.header], width))
        if block.wrap:
            out.extend("  " + line for line in _fold(", ".join(block.wrap), width - 2))
        out.append("")
    return "\n".join(line.rstrip() for line in out).rstrip("\n") + "\n"


def _fold(line: str, width: int) -> list[str]:
    """A long line split after the last space or Chinese comma that fits, else hard at the width."""
    lines: list[str] = []
    while cell_len(line) > width:
        head = chop_cells(line, width)[0]
        cut = max(head.rfind(" "), head.rfind("，"), head.rfind("、")) + 1 or len(head)
        lines.append(line[:cut])
        line = line[cut:].lstrip()
    return [*lines, line]


def _natural_widths(blocks: list[Block]) -> dict[tuple[str, ...], list[int]]:
    """Column widths shared by every table with the same header (status's sections line up)."""
    widths: dict[tuple[str, ...], list[int]] = {}
    for block in blocks:
        if block.header:
            seen = widths.setdefault(block.header, [cell_len(cell) for cell in block.header])
            for row in block.rows:
                seen[:] = [max(w, cell_len(cell)) for w, cell in zip(seen, row, strict=True)]
    return widths


def _grid(block: Block, natural: list[int], width: int) -> list[str]:
    widths = list(natural)
    excess = sum(widths) + len(GAP) * (len(widths) - 1) - width
    for i in block.shrink:
        cut = max(0, min(excess, widths[i] - MIN_CUT))
        widths[i] -= cut
        excess -= cut
    lines = [_row(block.header, widths, block.right), GAP.join("-" * w for w in widths)]
    return lines + [_row(row, widths, block.right) for row in block.rows]


def _row(cells: tuple[str, ...], widths: list[int], right: frozenset[int]) -> str:
    return GAP.join(_fit(cell, w, i in right) for i, (cell, w) in enumerate(zip(cells, widths, strict=True)))


def _fit(cell: str, width: int, right: bool) -> str:
    if cell_len(cell) > width:
        return set_cell_size(set_cell_size(cell, width - 1).rstrip() + "…", width)
    pad = " " * (width - cell_len(cell))
    return pad + cell if right else cell + pad
