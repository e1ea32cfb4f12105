"""A Document laid out in monospaced lines of a given width: plain text for mail, the terminal's rows.

Widths are display widths (`rich.cells.cell_len`: a Chinese character takes two columns), so
columns line up in a mail reader. Nothing is cut: a long name wraps onto more lines within its
column, an id or a word (`incomplete`) is broken only when nothing else fits, a number never
wraps, and when even the narrowest layout is too wide, whole columns are left out — the highest
`drop` first — and one line at the end says which.
Tables with the same columns share one set of widths, so status's plan sections line up.

The result is a list of lines, each a list of (text, style) segments: the plain-text renderer
joins the text, the terminal renderer gives the styles their colours.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from rich.cells import cell_len, chop_cells

from cqip.views.document import Cell, Column, Document, Table
from cqip.views.words import word

if TYPE_CHECKING:
    from cqip.render.ascii_chart import Line

GAP = "  "
MAX_CHART_WIDTH = 100
MIN_WIDTH = 40  # narrower terminals (COLUMNS=5, a split pane) get 40-column lines, which the terminal folds
MIN_WRAP = 8  # a wrapping column is never narrower than this (or its natural width, when smaller)
TOKEN = re.compile(r"[^\s/、，,；;。]+/?")  # what should not wrap: a word, an id, a short name (市知识产权局)
LONG_NAME = 16  # cells: a Chinese run longer than this is prose, which may break anywhere
BREAK_AFTER = " _/-、，,·"  # where a long cell may break before it must break anywhere
PROSE_BREAKS = " 、，；"
NO_LINE_START = "）)」』，。、；：！？"


class Skin(NamedTuple):
    """What differs between plain text and the terminal: rule characters, and whether styles are kept."""

    title_rule: str
    block_rule: str
    header_rule: str


PLAIN = Skin("=", "-", "-")
TERMINAL = Skin("═", "─", "─")


class Fit(NamedTuple):
    stacked: bool  # columns with `under` shown below their host column
    kept: tuple[int, ...]  # indexes of the columns shown (after stacking)
    widths: tuple[int, ...]  # per kept column
    empty: frozenset[int] = frozenset()  # left out as they hold nothing (not worth a footer line)


def layout(doc: Document, width: int, skin: Skin) -> list[Line]:
    width = max(width, MIN_WIDTH)
    doc = doc._replace(blocks=tuple(b._replace(table=b.table.for_reading()) if b.table else b for b in doc.blocks))
    fits = {columns: fit(columns, [t for b in doc.blocks if (t := b.table) and t.columns == columns], width)
            for columns in {b.table.columns for b in doc.blocks if b.table}}
    out: list[Line] = [*([(text, "title")] for text in fold(doc.title, width)), [(_rule(skin.title_rule,
                                                                                        doc.title, width), "dim")]]
    for block in doc.blocks:
        if not (block.title or block.lines or block.table or block.charts):
            continue
        out.append([])
        if block.title:
            out += [[(text, "heading")] for text in fold(block.title, width)]
            out.append([(_rule(skin.block_rule, block.title, width), "dim")])
        for line in block.lines:
            text, style = (line.text, line.style) if isinstance(line, Cell) else (line, "")
            out += [[(part, style)] for raw in text.split("\n") for part in fold(raw, width)]
        if block.table is not None:
            out += table_lines(block.table, fits[block.table.columns], skin)
        if block.charts:
            from cqip.render.ascii_chart import draw  # only a document with charts pays for it

            out += [line for chart in block.charts for line in draw(chart, width=min(width, MAX_CHART_WIDTH))]
    dropped = [column.header.replace("\n", "/") for columns, shape in fits.items()
               for i, column in enumerate(_stack_columns(columns) if shape.stacked else columns)
               if i not in shape.kept and i not in shape.empty]
    if dropped:
        out += [[], [(word("line.dropped", doc.lang, width=width, columns=word("list_sep",
                                                                               doc.lang).join(dropped)), "dim")]]
    return out


def plain(lines: list[Line]) -> str:
    return "\n".join("".join(text for text, _ in line).rstrip() for line in lines).strip("\n") + "\n"


def fit(columns: tuple[Column, ...], tables: list[Table], width: int) -> Fit:
    """How to show tables of these columns in `width` without cutting anything: side by side if they
    fit, else with `under` columns stacked below their host; then wrap long cells; then drop columns."""
    if any(c.under for c in columns) and _total(_natural(columns, tables), range(len(columns))) > width:
        stacked = [stack(t) for t in tables]
        return _fit(True, stacked[0].columns if stacked else _stack_columns(columns), stacked, width)
    return _fit(False, columns, tables, width)


def _fit(stacked: bool, columns: tuple[Column, ...], tables: list[Table], width: int) -> Fit:
    """Drop columns until every kept one fits with its words whole (`whole`), then narrow the widest
    wrapping columns: first down to their longest word, and only if that is still too wide, further."""
    natural = _natural(columns, tables)
    cells = _natural(columns, tables, headers=False)
    words = [max((cell_len(w) for w in c.header.split()), default=0) for c in columns]  # headers wrap at spaces
    tokens = _tokens(columns, tables)
    minimum = [max(cells[i], words[i]) if c.numeric else min(natural[i], max(MIN_WRAP, words[i]))
               for i, c in enumerate(columns)]
    whole = [max(m, min(natural[i], tokens[i])) for i, m in enumerate(minimum)]
    empty = {i for i, c in enumerate(columns) if c.drop and not cells[i]}  # nothing to show: never shown
    kept = [i for i in range(len(columns)) if i not in empty]
    while _total(whole, kept) > width and any(columns[i].drop for i in kept):
        kept.remove(max((i for i in kept if columns[i].drop), key=lambda i: (columns[i].drop, i)))
    widths = list(natural)
    for floor in (whole, minimum):
        excess = _total(widths, kept) - width
        while excess > 0:
            wrappable = [i for i in kept if widths[i] > floor[i]]
            if not wrappable:
                break
            widest = max(wrappable, key=lambda i: widths[i])
            widths[widest] -= 1
            excess -= 1
    return Fit(stacked, tuple(kept), tuple(widths[i] for i in kept), frozenset(empty))


def _tokens(columns: tuple[Column, ...], tables: list[Table]) -> list[int]:
    """The longest word of each column's cells: Latin words and ids, a path up to its next `/`, a
    Chinese name between 、 (not a Chinese phrase longer than LONG_NAME, which breaks anywhere)."""
    longest = [0] * len(columns)
    for table in tables:
        for row in table.rows:
            for i, item in enumerate(row):
                lengths = (cell_len(t) for t in TOKEN.findall(item.text))
                longest[i] = max([longest[i], *(n for n, t in zip(lengths, TOKEN.findall(item.text), strict=True)
                                                if n <= LONG_NAME or n == len(t))])  # not wide: no Chinese
    return longest


def _natural(columns: tuple[Column, ...], tables: list[Table], *, headers: bool = True) -> list[int]:
    """The widest line of each column's cells (and header, unless not `headers`)."""
    natural = [max(cell_len(part) for part in c.header.split("\n")) if headers else 0 for c in columns]
    for table in tables:
        for row in table.rows:
            for i, item in enumerate(row):
                for part in item.text.split("\n"):
                    natural[i] = max(natural[i], cell_len(part))
    return natural


def _total(widths: list[int], kept: Iterable[int]) -> int:
    shown = list(kept)
    return sum(widths[i] for i in shown) + len(GAP) * (len(shown) - 1)


def _stack_columns(columns: tuple[Column, ...]) -> tuple[Column, ...]:
    guests = {c.under: c for c in columns if c.under}
    return tuple(c._replace(header=f"{c.header}\n{guests[c.key].header}") if c.key in guests else c
                 for c in columns if not c.under)


def stack(table: Table) -> Table:
    """The table with each `under` column's cells below their host's, the host's style kept."""
    index = {c.key: i for i, c in enumerate(table.columns)}
    guests = {index[c.under]: i for i, c in enumerate(table.columns) if c.under}
    rows = []
    for row in table.rows:
        cells = []
        for i, item in enumerate(row):
            if table.columns[i].under:
                continue
            if i in guests and (extra := row[guests[i]].text):
                item = item._replace(text=f"{item.text}\n{extra}")
            cells.append(item)
        rows.append(tuple(cells))
    return Table(_stack_columns(table.columns), tuple(rows))


def table_lines(table: Table, shape: Fit, skin: Skin) -> list[Line]:
    if shape.stacked:
        table = stack(table)
    columns = [table.columns[i] for i in shape.kept]
    out: list[Line] = []
    for header in _row([Cell(c.header, "header") for c in columns], columns, shape.widths):
        out.append(header)
    out.append([(GAP.join(skin.header_rule * w for w in shape.widths), "dim")])
    for row in table.rows:
        out += _row([row[i] for i in shape.kept], columns, shape.widths)
    return out


def _row(cells: list[Cell], columns: list[Column], widths: tuple[int, ...]) -> list[Line]:
    """One row as as many lines as its tallest wrapped cell."""
    stacks = [[part for raw in c.text.split("\n") for part in wrap(raw, w)] for c, w in zip(cells, widths, strict=True)]
    lines: list[Line] = []
    for n in range(max(len(stack) for stack in stacks)):
        line: Line = []
        for i, (stack, c, col, w) in enumerate(zip(stacks, cells, columns, widths, strict=True)):
            text = stack[n] if n < len(stack) else ""
            pad = " " * (w - cell_len(text))
            line.append((GAP if i else "", ""))
            line += [(pad, ""), (text, c.style)] if col.numeric else [(text, c.style), (pad, "")]
        lines.append(line)
    return lines


def wrap(text: str, width: int, breaks: str = BREAK_AFTER) -> list[str]:
    """`text` in pieces of at most `width` cells, broken after one of `breaks` — or between two Chinese
    (double-width) characters, which may part anywhere — where one fits; never before a closing mark."""
    pieces: list[str] = []
    width = max(width, 1)
    while cell_len(text) > width:
        limit = len(chop_cells(text, width)[0])
        cut = next((c for c in range(limit, 0, -1) if _may_break(text, c, breaks)), 0)
        if cut <= limit // 3:  # a break this early wastes most of the line: break hard instead
            cut = max(limit, 1)  # at least one character, even one wider than `width`
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    return [*pieces, text] if text or not pieces else pieces


def _may_break(text: str, c: int, breaks: str) -> bool:
    """Whether a line may end before position c: after a break mark or between two Chinese characters,
    and not before a mark that closes (）、，。)."""
    if c >= len(text) or text[c] in NO_LINE_START:
        return False
    return text[c - 1] in breaks or (cell_len(text[c - 1]) == 2 and cell_len(text[c]) == 2)


def fold(line: str, width: int) -> list[str]:
    """A paragraph line wrapped at the width after spaces and Chinese commas, never inside an id."""
    return wrap(line, width, PROSE_BREAKS) or [""]


def _rule(char: str, title: str, width: int) -> str:
    return char * min(width, cell_len(title))
