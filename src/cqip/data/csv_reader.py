"""Hand-edited CSV files as rows of named cells, shared by every CSV the data directory holds.

Columns are found by header name (more optional columns may come), blank lines and `#` comment
lines are skipped, and line numbers are the file's own so that an analyst can jump to them.

A row is one line: no cell may hold a line break (see `control`), so a quoted cell running on
over several lines is an unbalanced quote, reported where it opens, never rows silently
swallowed. Malformed quoting, a cell past the `csv` module's 131 072-character limit and a row
with more cells than the header, or a last line without a line end that has fewer (a row cut
short by a crash; elsewhere trailing empty cells may be left out) are problems of their own line;
reading goes on at the next line, so one run still reports everything.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from cqip.data.control import any_besides_line_ends, control_character
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
    """A file's header (column name → index, for the columns its parser reads) and its records, read lazily.

    `problems` fills up as `records` is read: lines that are not a well-formed row of their own.
    """

    filename: str
    columns: dict[str, int]
    width: int
    records: Iterator[tuple[int, list[str]]]
    problems: list[Problem]
    controls: bool = False  # the file holds control characters somewhere: check every cell for them
    open_line: int | None = None  # the last line, when it has no line end: where a crash may have cut a row

    def row(self, line: int, cells: list[str]) -> Row:
        """The record as named, trimmed cells; a cell count other than the header's is a problem."""
        row = Row(self.filename, line, {name: cells[i].strip() if i < len(cells) else "" for name,
                                        i in self.columns.items()})
        if len(cells) > self.width:
            row.bad("row", f"{len(cells)} cells but the header has {self.width}")
        elif len(cells) < self.width and line == self.open_line:  # elsewhere trailing empty cells may be left out
            row.bad("row", f"only {len(cells)} of the header's {self.width} cells and no line end: a row cut "
                           "short (an interrupted write?)")
        if self.controls:
            check_characters(row)
        return row


def check_characters(row: Row) -> None:
    """Every cell must be one line of text without control characters, and no longer than the reader
    reads (the one check for files and `cqip add`, so that what add writes reads back)."""
    limit = csv.field_size_limit()
    for column, text in row.cell.items():
        found = control_character(text)
        if found:
            row.bad(column, f"{found}; a cell holds one line of text")
        elif len(text) > limit:
            row.bad(column, f"{len(text):,} characters; a cell holds at most {limit:,}")


Shortcut = Callable[[Table], Callable[[list[str], int], T | None]]


def parse_rows(text: str, filename: str, required: Iterable[str], build: Callable[[Row], T | None],
               shortcut: Shortcut[T] | None = None, optional: Iterable[str] = ()) -> tuple[list[T], list[Problem]]:
    """`build` applied to every row; a row it found any problem in is left out, its problems kept.

    Rows carry the `required` and `optional` columns only (a file may have more). `shortcut(table)`,
    when given, returns a function that may build an item straight from a record's cells (no dict,
    no problem list: a million rows add up); it returns None for anything it is not sure is valid,
    which then goes through `build`, the one place that explains problems. A file holding control
    characters anywhere takes the full path for every row.
    """
    table, problems = read_table(text, filename, required, optional)
    if table is None:
        return [], problems
    quick = shortcut(table) if shortcut is not None and not table.controls else None
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
    return items, problems + table.problems


def read_table(text: str, filename: str, required: Iterable[str],
               optional: Iterable[str] = ()) -> tuple[Table | None, list[Problem]]:
    """The header and records, or None and the header's problems (an empty file, a missing required column)."""
    required = tuple(required)
    problems: list[Problem] = []
    records = _records(text, filename, problems)
    header = next(records, None)
    if problems:  # the lines before the header are no rows: there is no telling where the header is
        return None, problems
    if header is None:
        return None, [Problem(filename, 1, "header", "empty file; expected a header " + ",".join(required))]
    header_line, names = header
    keys = [name.strip().lower() for name in names]
    wanted = {*required, *optional}
    columns = {name: i for i, name in enumerate(keys) if name in wanted}
    missing = [name for name in required if name not in columns]
    counts = Counter(keys)
    twice = sorted(name for name, n in counts.items() if n > 1)
    if missing or twice:
        return None, ([Problem(filename, header_line, name, "missing column in header") for name in missing]
                      + [Problem(filename, header_line, "header", f"column {name!r} appears twice") for name in twice])
    open_line = None if text.endswith(("\n", "\r")) else len(_LINE_END.findall(text)) + 1
    return Table(filename, columns, len(names), records, problems, any_besides_line_ends(text), open_line), []


def read_header(text: str) -> list[str] | None:
    """The header's column names as rows key them (trimmed, lower case), or None for a file without one."""
    header = next(_records(text, "", []), None)
    return None if header is None else [name.strip().lower() for name in header[1]]


_LINE_END = re.compile(r"\r\n?|\n")  # what the csv module ends a line at
_COMMENT = re.compile(r"(\A|[\r\n])[ \t]*#[^\r\n]*")  # a line whose first non-blank character is `#`
# The same, found fast: a literal first character lets the regex engine skip ahead (a URL's #fragment is
# common, a comment line in a million-row file is not).
_COMMENT_AFTER = (re.compile(r"\n[ \t]*#"), re.compile(r"\r[ \t]*#"))


def _records(text: str, filename: str, problems: list[Problem]) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) of each non-blank, non-comment row; lines that are no row go to `problems`.

    Comment lines are blanked before the CSV parser sees them (line numbers stay), so a quote in a
    comment opens nothing, and a quoted cell starting with `#` is a cell, not a comment.
    """
    if "#" in text and (text.lstrip(" \t").startswith("#") or any(p.search(text) for p in _COMMENT_AFTER)):
        text = _COMMENT.sub(r"\1", text)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    end = 0
    while True:
        start = end + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            end = reader.line_num
            problems.append(Problem(filename, start, "row", _malformed(str(exc), start, end)))
            continue
        end = reader.line_num
        first = cells[0] if cells else ""
        if (not first or first[0].isspace()) and not any(c.strip() for c in cells):
            continue
        if end > start:
            problems.append(Problem(filename, start, "row", f"a quoted cell runs on to line {end} (an unbalanced "
                                                            "quote?); a cell cannot hold a line break"))
            continue
        yield start, cells


def _malformed(error: str, start: int, end: int) -> str:
    """The csv module's complaint about a line, in the words of someone editing the file."""
    running = f"; the quote opened on this line runs on to line {end}" if end > start else ""
    if "field larger than field limit" in error:
        return f"a cell is longer than {csv.field_size_limit():,} characters (an unbalanced quote?){running}"
    if "unexpected end of data" in error:
        return "a quote opened on this line is never closed"
    if "expected after" in error:
        return f"text after the closing quote of a cell (a quote inside a cell is written \"\"){running}"
    return f"not a CSV row: {error}{running}"
