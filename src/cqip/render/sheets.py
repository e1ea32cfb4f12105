"""Documents as spreadsheet tables: what CSV and xlsx both write, for a person with Excel or WPS.

One sheet per table, in the document's order (so plan order, or gap's worst-first order, stays);
tables of the same columns in consecutive blocks (status's plan sections, tasks' areas) become one
sheet with the block titles in a first column, so the sheet can be filtered and sorted. Numbers are
numbers (a cell's typed `value`), a column whose cell holds two numbers (actual / target) becomes
two columns, status words are the words of the document's language, links stay links. The prose
of the document (notes, summary lines) goes to a last sheet of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby

from cqip.views.document import Block, Cell, Column, Document, Value
from cqip.views.words import word

MAX_NAME = 31  # Excel's limit for a sheet name
FORBIDDEN = str.maketrans({c: "_" for c in "[]:*?/\\"})


@dataclass(frozen=True)
class Entry:
    value: Value
    link: str | None = None
    percent: bool = False


@dataclass
class Sheet:
    name: str
    title: str  # the document's title: the plan, what, and the as-of date
    header: list[str]
    rows: list[list[Entry]] = field(default_factory=list)
    prose: bool = False  # the notes and summary lines, not a table


def sheets(documents: list[Document]) -> list[Sheet]:
    """Every table of every document, then one sheet of each document's prose lines."""
    out: list[Sheet] = []
    for doc in documents:
        runs = [list(run) for _, run in groupby((b for b in doc.blocks if b.table and b.table.rows),
                                                 key=lambda b: b.table.columns if b.table else ())]
        for run in runs:
            out.append(_sheet(doc, run, grouped=len(run) > 1 or (doc.group != "" and bool(run[0].title))))
        lines = [_text(line) for b in doc.blocks for line in b.lines]
        if lines:
            out.append(Sheet(word("head.notes", doc.lang), doc.title, [word("head.notes", doc.lang)],
                             [[Entry(text)] for line in lines for text in line.split("\n")], prose=True))
    return _unique(out)


def _sheet(doc: Document, run: list[Block], grouped: bool) -> Sheet:
    columns = run[0].table.columns if run[0].table else ()
    name = doc.name if grouped or not run[0].title else run[0].title
    header = ([doc.group or word("col.section", doc.lang)] if grouped else []) + [h for c in columns
                                                                                   for h in _headers(c)]
    sheet = Sheet(name or doc.title, doc.title, header)
    for block in run:
        for row in block.table.rows if block.table else ():
            lead = [Entry(block.title)] if grouped else []
            sheet.rows.append(lead + [e for c, item in zip(columns, row, strict=True) for e in _entries(c, item)])
    return sheet


def _headers(column: Column) -> list[str]:
    return list(column.parts) if column.parts else [column.header.replace("\n", " ")]


def _entries(column: Column, item: Cell) -> list[Entry]:
    """A cell as one entry per spreadsheet column: its number when it has one, else its text."""
    if column.parts:
        values = item.value if isinstance(item.value, tuple) else (item.value,) * len(column.parts)
        return [Entry(_number(v)) for v in values]
    value = item.value
    if column.numeric or (isinstance(value, int | float) and not isinstance(value, bool)):
        return [Entry(_number(value), item.link, column.percent)]  # `–` for unknown is for reading, not a value
    return [Entry(item.text or None, item.link)]


def _number(value: Value | tuple[Value, ...]) -> Value:
    """A number as the JSON gives it (six decimals, so 2085.0000000001 is 2085); anything else is empty."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return value if isinstance(value, int) else round(value, 6)


def _text(line: str | Cell) -> str:
    return line.text if isinstance(line, Cell) else line


def _unique(found: list[Sheet]) -> list[Sheet]:
    """Names Excel accepts: at most 31 characters, none of []:*?/\\, no two alike."""
    seen: set[str] = set()
    for sheet in found:
        base = sheet.name.translate(FORBIDDEN).strip("'")[:MAX_NAME] or "sheet"
        name, n = base, 2
        while name.casefold() in seen:
            suffix = f" ({n})"
            name, n = base[:MAX_NAME - len(suffix)] + suffix, n + 1
        seen.add(name.casefold())
        sheet.name = name
    return found
