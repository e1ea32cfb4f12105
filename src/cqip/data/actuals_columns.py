"""An actuals file read a column at a time, when it is in canonical form: a million rows in C loops.

Machine-written files (an export, a script's output, `cqip add`'s appends) are regular: no
quotes, no blank or comment lines, every cell trimmed, every row as wide as the header. For such
a file each check of `actuals_file.observation` can be made once per column — on the set of its
distinct values, or by one regular expression over the whole column — instead of once per cell,
and the rows go straight into `FileRows` columns without an `Observation` tuple each. Anything
else about the file, valid or not, and it is read row by row as before: `read_file_rows` gives
exactly what `parse_actuals` gives (a property test checks), only sooner.
"""

from __future__ import annotations

import csv
import re
from array import array
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from functools import lru_cache
from itertools import groupby, repeat
from typing import Any

from cqip.data.actuals_file import BOUNDS, REQUIRED_COLUMNS, parse_actuals
from cqip.data.control import any_besides_line_ends
from cqip.data.file_rows import Coded, Column, Const, FileRows, Group, Values, file_rows
from cqip.data.models import CITY, Catalog
from cqip.data.periods import Period, PeriodError
from cqip.data.problems import Problem
from cqip.data.units import UnitError, conversion_factor

# The whole value column at once: `_shortcut`'s plain number, one per line.
_NUMBERS = re.compile(r"(?:-?\d{1,15}(?:\.\d{1,15})?\n)*-?\d{1,15}(?:\.\d{1,15})?", re.ASCII)


def read_file_rows(text: str, filename: str, catalog: Catalog) -> tuple[FileRows, list[Problem]]:
    """The checked rows of one actuals file and its problems, as `parse_actuals` would find them."""
    rows = columns_of(text, catalog)
    if rows is not None:
        return rows, []
    parsed, problems = parse_actuals(text, filename, catalog)
    return file_rows(parsed), problems


def columns_of(text: str, catalog: Catalog) -> FileRows | None:
    """The file's rows if it is canonical (see the module docstring), else None.

    Without a quote character a record is a line and a cell what lies between commas, exactly as
    the CSV reader splits it; so the lines are split once and the cells once, for the whole file.
    """
    if not text or '"' in text or any_besides_line_ends(text):
        return None  # quotes, control characters: the row-by-row reader's business
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            return None
    lines = text.split("\n")
    if not lines[-1]:
        lines.pop()  # the last line's end
    header = lines[0].split(",")
    width = len(header)
    body = lines[1:]
    names = [name.strip().lower() for name in header]
    columns = {name: i for i, name in enumerate(names)}
    if (not body or len(columns) != width or any(name not in columns for name in REQUIRED_COLUMNS)
            or not header[0] or header[0][0] == "#" or header[0][0].isspace()
            or set(map(str.count, body, repeat(",", len(body)))) != {width - 1}
            or max(map(len, lines)) > csv.field_size_limit()):  # a line the CSV reader might refuse
        return None
    flat = "\n".join(body).replace("\n", ",").split(",")
    cells = [flat[i::width] for i in range(width)]
    if any(not cell or cell[0] == "#" or cell[0].isspace() for cell in set(cells[0])):
        return None  # a line the reader skips or trims
    return _checked(cells, columns, catalog)


def _checked(cells: list[list[str]], columns: dict[str, int], catalog: Catalog) -> FileRows | None:
    """Every column checked as a whole; None at the first thing that needs the row-by-row reader."""
    size = len(cells[0])

    def column(name: str) -> list[str] | None:
        return cells[columns[name]] if name in columns else None

    indicators = column("indicator")
    units = column("unit")
    values = column("value")
    assert indicators is not None and units is not None and values is not None
    if not set(indicators) <= catalog.indicators.keys() or not _NUMBERS.fullmatch("\n".join(values)):
        return None
    factors: dict[tuple[str, str], Decimal] = {}
    for name, unit in set(zip(indicators, units, strict=True)):
        wanted = catalog.indicators[name].unit
        if not unit or unit != unit.strip():
            return None
        try:
            factors[name, unit] = conversion_factor(unit, wanted)
        except UnitError:
            return None
    if all(factor == 1 for factor in factors.values()):
        numbers = array("d", map(float, values))
    else:
        numbers = array("d", (float(text) if (f := factors[ind, unit]) == 1 else float(Decimal(text) * f)
                              for text, ind, unit in zip(values, indicators, units, strict=True)))
    tables: dict[str, tuple[dict[str, Any], bool]] = {}
    for name, read in (("period", _period), ("source", _text), ("note", _text), ("scope", _text),
                       ("region", lambda text: _region(text, catalog)), ("bound", BOUNDS.get), ("recorded", _date)):
        table = _table(column(name), read)
        if table is None:
            return None
        tables[name] = table
    if "" in tables["source"][0]:
        return None
    periods, regions = tables["period"], tables["region"]
    unit_of = {name: catalog.indicators[name].unit for name in set(indicators)}
    region_cells = column("region") or [""] * size
    groups: dict[tuple[str, str], list[tuple[int, int]]] = {}
    start = 0
    for (name, region), run in groupby(zip(indicators, region_cells, strict=True)):
        end = start + len(list(run))
        groups.setdefault((name, regions[0].get(region, region) if regions[1] else CITY), []).append((start, end))
        start = end
    period_table = list(dict.fromkeys(periods[0].values()))
    period_code = {period: i for i, period in enumerate(period_table)}
    code_of_cell = {cell: period_code[period] for cell, period in periods[0].items()}
    codes = array("I", map(code_of_cell.__getitem__, column("period") or ()))
    out = []
    for key, spans in groups.items():

        def take(seq: Sequence[Any], spans: list[tuple[int, int]] = spans) -> Sequence[Any]:
            return seq[slice(*spans[0])] if len(spans) == 1 else [x for a, b in spans for x in seq[a:b]]

        count = sum(b - a for a, b in spans)
        lines: Sequence[int] = (range(spans[0][0] + 2, spans[0][1] + 2) if len(spans) == 1
                                else array("q", (i + 2 for a, b in spans for i in range(a, b))))
        group_columns: dict[str, Column] = {
            "period": Coded(period_table, array("I", take(codes))),
            "value": Values(array("d", take(numbers))),
            "unit": Const(unit_of[key[0]]),
            "line": Values(lines),
        }
        for name, default in (("source", None), ("note", ""), ("scope", ""), ("bound", BOUNDS[""]), ("recorded", None)):
            group_columns[name] = _group_column(column(name), tables[name], default, take(column(name) or ()), count)
        out.append(Group(key, count, group_columns))
    return FileRows(tuple(out))


def _group_column(cells: list[str] | None, table: tuple[dict[str, Any], bool], default: Any,
                  mine: Sequence[str], count: int) -> Column:
    """A group's column: one value if all its rows have it (or the file has no such column)."""
    if cells is None:
        return Const(default)
    if mine.count(mine[0]) == count:
        return Const(table[0][mine[0]])
    return Values(list(map(table[0].__getitem__, mine)))


def _table(cells: list[str] | None, read: Any) -> tuple[dict[str, Any], bool] | None:
    """(each distinct cell → its value, whether the column exists), or None if some cell is not canonical."""
    if cells is None:
        return {}, False
    table: dict[str, Any] = {}
    for cell in set(cells):
        value = read(cell)
        if value is None and read is not _date:
            return None
        if read is _date and value is None and cell:
            return None
        table[cell] = value
    return table, True


def _text(cell: str) -> str | None:
    return cell if cell == cell.strip() else None


@lru_cache(maxsize=4096)  # the same few hundred periods in every file
def _period(cell: str) -> Period | None:
    if cell != cell.strip():
        return None
    try:
        return Period.parse(cell)
    except PeriodError:
        return None


def _region(cell: str, catalog: Catalog) -> str | None:
    if cell != cell.strip():
        return None
    region = cell or CITY
    return region if catalog.regions is None or region in catalog.regions else None


def _date(cell: str) -> date | None:
    if not cell or cell != cell.strip():
        return None
    try:
        return date.fromisoformat(cell)
    except ValueError:
        return None
