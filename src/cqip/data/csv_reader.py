"""Hand-edited CSV files as rows of named cells, shared by every CSV the data directory holds.

Columns are found by header name (more optional columns may come), blank lines and `#` comment
lines are skipped, and line numbers are the file's own so that an analyst can jump to them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from cqip.data.problems import Problem

T = TypeVar("T")


@dataclass
class Row:
    """One record; parsers add the problems they find in it to `problems`."""

    filename: str
    line: int
    cell: dict[str, str]
    problems: list[Problem] = field(default_factory=list)

    def bad(self, column: str, message: str) -> None:
        self.problems.append(Problem(self.filename, self.line, column, message))

    def optional_date(self, column: str) -> date | None:
        """The ISO date in `column`, None when blank; a malformed date is a problem."""
        text = self.cell.get(column, "")
        if not text:
            return None
        try:
            return date.fromisoformat(text)
        except ValueError:
            self.bad(column, f"{text!r} is not a date YYYY-MM-DD")
            return None


@dataclass(frozen=True)
class Table:
    """A file's header (column name → index, as rows key them) and its records, read lazily."""

    filename: str
    columns: dict[str, int]
    width: int
    records: Iterator[tuple[int, list[str]]]

    def row(self, line: int, cells: list[str]) -> Row:
        """The record as named, trimmed cells; more cells than the header is a problem."""
        row = Row(self.filename, line, {name: cells[i].strip() if i < len(cells) else "" for name,
                                        i in self.columns.items()})
        if len(cells) > self.width:
            row.bad("row", f"{len(cells)} cells but the header has {self.width}")
        return row


Shortcut = Callable[[Table], Callable[[list[str], int], T | None]]


def parse_rows(text: str, filename: str, required: Iterable[str], build: Callable[[Row], T | None],
               shortcut: Shortcut[T] | None = None) -> tuple[list[T], list[Problem]]:
    """`build` applied to every row; a row it found any problem in is left out, its problems kept.

    `shortcut(table)`, when given, returns a function that may build an item straight from a
    record's cells (no dict, no problem list: a million rows add up); it returns None for anything
    it is not sure is valid, which then goes through `build`, the one place that explains problems.
    """
    table, problems = read_table(text, filename, required)
    if table is None:
        return [], problems
    quick = shortcut(table) if shortcut is not None else None
    items: list[T] = []
    for line, cells in table.records:
        item = quick(cells, line) if quick is not None else None
        if item is None:
            row = table.row(line, cells)
            item = build(row)
            problems.extend(row.problems)
            if item is None or row.problems:
                continue
        items.append(item)
    return items, problems


def read_table(text: str, filename: str, required: Iterable[str]) -> tuple[Table | None, list[Problem]]:
    """The header and records, or None and the header's problems (an empty file, a missing required column)."""
    required = tuple(required)
    records = _records(text)
    header = next(records, None)
    if header is None:
        return None, [Problem(filename, 1, "header", "empty file; expected a header " + ",".join(required))]
    header_line, names = header
    keys = [name.strip().lower() for name in names]
    columns = {name: i for i, name in enumerate(keys)}
    missing = [name for name in required if name not in columns]
    twice = sorted({name for name in keys if keys.count(name) > 1})
    if missing or twice:
        return None, ([Problem(filename, header_line, name, "missing column in header") for name in missing]
                      + [Problem(filename, header_line, "header", f"column {name!r} appears twice") for name in twice])
    return Table(filename, columns, len(names), records), []


def read_header(text: str) -> list[str] | None:
    """The header's column names as rows key them (trimmed, lower case), or None for a file without one."""
    header = next(_records(text), None)
    return None if header is None else [name.strip().lower() for name in header[1]]


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    """(first line number, cells) of each non-blank, non-comment CSV record."""
    reader = csv.reader(io.StringIO(text, newline=""))
    line = 1
    for cells in reader:
        start, line = line, reader.line_num + 1
        first = cells[0] if cells else ""
        unusual = not first or first[0] == "#" or first[0].isspace()  # the common case needs none of the rest
        if unusual and (not any(c.strip() for c in cells) or first.lstrip().startswith("#")):
            continue
        yield start, cells
