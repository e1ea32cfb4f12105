"""The checked observations of one actuals file: a group per series, a column per field.

This is what the checked-data cache stores for a file and what the loader combines across files.
A series (indicator, region) becomes `Observation` tuples only when a command asks for it, so a
command about one region of a million rows builds a few thousand tuples, and a value repeated
down a column (the unit, the source, an empty note) is one shared object, not one per row.

Every field of `Observation` has an entry in `KINDS`: a field added to `Observation` without
one fails every load (and tests/test_cache.py says which), rather than being silently dropped.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from functools import partial
from itertools import groupby, repeat
from operator import itemgetter
from typing import Any, NamedTuple

from cqip.data.models import Observation

SeriesKey = tuple[str, str]  # (indicator, region): `Dataset.by_series`'s key
# How each field is stored: `key` fields are the group's, `file` is the name the file is read
# under (so a renamed file keeps its entry), the others are columns of one of these kinds.
KINDS: dict[str, str] = {
    "indicator": "key", "period": "period", "value": "float", "unit": "str", "source": "str", "note": "str",
    "file": "file", "line": "int", "recorded": "date", "region": "key", "scope": "str", "bound": "bound",
}
STORED = tuple(name for name in Observation._fields if KINDS[name] not in ("key", "file"))
_new_observation = partial(tuple.__new__, Observation)
_SERIES_KEY = itemgetter(Observation._fields.index("indicator"), Observation._fields.index("region"))


class Const(NamedTuple):
    """One value for every row of the group."""

    value: Any


class Values(NamedTuple):
    """A value per row: a list, an `array` of floats or ints, or a `range` of line numbers."""

    values: Sequence[Any]


class Coded(NamedTuple):
    """A code per row into a table of the distinct values (how the cache stores them)."""

    table: Sequence[Any]
    codes: Sequence[int]


Column = Const | Values | Coded


def distinct(column: Column, size: int) -> set[Any]:
    """The values a column holds, without a row built: a coded column's codes are few and its table may be
    the whole file's."""
    if isinstance(column, Const):
        return {column.value} if size else set()
    if isinstance(column, Values):
        return set(column.values)
    return set(map(column.table.__getitem__, set(column.codes)))


def iterate(column: Column, size: int) -> Iterator[Any]:
    if isinstance(column, Const):
        return repeat(column.value, size)
    if isinstance(column, Values):
        return iter(column.values)
    return map(column.table.__getitem__, column.codes)


class Group(NamedTuple):
    """The rows of one series in one file, in file order; `columns` holds every field in `STORED`."""

    key: SeriesKey
    size: int
    columns: dict[str, Column]

    def rows(self, filename: str) -> list[Observation]:
        """The group's observations, as read from a file shown as `filename`."""
        columns = [self._iterate(name, filename) for name in Observation._fields]
        return list(map(_new_observation, zip(*columns, strict=True)))

    def _iterate(self, name: str, filename: str) -> Iterator[Any]:
        kind = KINDS[name]
        if kind == "file":
            return repeat(filename, self.size)
        if kind == "key":
            return repeat(self.key[0] if name == "indicator" else self.key[1], self.size)
        return iterate(self.columns[name], self.size)

    def unique(self) -> bool:
        """No two rows share an identity (口径 and period): then the revision rule has nothing to do here."""
        if self.size < 2:
            return True
        periods = _codes(self.columns["period"], self.size)
        if isinstance(periods, range):  # each period once (how the cache gives back most series)
            return True
        scope = self.columns["scope"]
        if isinstance(scope, Const):
            return len(set(periods)) == self.size
        return len(set(zip(iterate(scope, self.size), periods, strict=True))) == self.size


class FileRows(NamedTuple):
    """Every checked row of one file, grouped by series in the order the series first appear."""

    groups: tuple[Group, ...]

    @property
    def size(self) -> int:
        return sum(group.size for group in self.groups)

    def rows(self, filename: str) -> list[Observation]:
        """Every observation, in file order (what parsing the file gives)."""
        rows = [obs for group in self.groups for obs in group.rows(filename)]
        rows.sort(key=lambda o: o.line)
        return rows

    def plus(self, new: Observation) -> FileRows:
        """These rows and one more, read after them (what `cqip add` appends)."""
        groups = list(self.groups)
        key = (new.indicator, new.region)
        at = next((i for i, group in enumerate(groups) if group.key == key), None)
        if at is None:
            groups.append(group_of(key, [new]))
        else:
            groups[at] = group_of(key, [*groups[at].rows(new.file), new])
        return FileRows(tuple(groups))


def file_rows(observations: Sequence[Observation]) -> FileRows:
    """The observations of one file (in file order) as groups of columns."""
    table, codes = period_codes([obs.period for obs in observations])
    runs: dict[SeriesKey, list[tuple[int, int]]] = {}
    start = 0
    for key, run in groupby(map(_SERIES_KEY, observations)):  # rows come in runs of one series
        end = start + len(list(run))
        runs.setdefault(key, []).append((start, end))
        start = end
    groups = []
    for key, spans in runs.items():
        if len(spans) == 1:  # one run: slices, not a row at a time
            rows, row_codes = observations[slice(*spans[0])], codes[slice(*spans[0])]
        else:
            rows = [obs for a, b in spans for obs in observations[a:b]]
            row_codes = [code for a, b in spans for code in codes[a:b]]
        groups.append(group_of(key, rows, table, row_codes))
    return FileRows(tuple(groups))


def group_of(key: SeriesKey, rows: Sequence[Observation], periods: Sequence[Any] | None = None,
             codes: Sequence[int] | None = None) -> Group:
    """One series' rows as columns: a repeated value once, periods coded, values and lines as arrays
    (`periods` and `codes`: the file's table of periods and each row's code, when already known)."""
    fields = dict(zip(Observation._fields, zip(*rows, strict=True), strict=True))
    size = len(rows)
    columns: dict[str, Column] = {}
    for name in STORED:
        values = fields[name]
        kind = KINDS[name]
        if kind == "period":
            if periods is None or codes is None:
                periods, codes = period_codes(values)
            columns[name] = Coded(periods, array("I", codes))
        elif kind == "float":
            columns[name] = Values(array("d", values))
        elif kind == "int":
            first = values[0]
            consecutive = values[-1] - first == size - 1 and list(range(first, first + size)) == list(values)
            columns[name] = Values(range(first, first + size) if consecutive else array("q", values))
        elif values.count(values[0]) == size:
            columns[name] = Const(values[0])
        else:
            columns[name] = Values(list(values))
    return Group(key, size, columns)


def period_codes(periods: Sequence[Any]) -> tuple[list[Any], list[int]]:
    """A table of the distinct periods and each row's code into it. Rows parsed from one text share
    a Period object, so most are told apart by identity (hashing a Period is a Python call)."""
    table: list[Any] = []
    code_of: dict[Any, int] = {}
    code_of_id: dict[int, int] = {}
    for ident, period in dict(zip(map(id, periods), periods, strict=True)).items():  # one per distinct object
        code = code_of.setdefault(period, len(table))
        if code == len(table):
            table.append(period)
        code_of_id[ident] = code
    return table, list(map(code_of_id.__getitem__, map(id, periods)))


def _codes(column: Column, size: int) -> Sequence[int]:
    if isinstance(column, Coded):
        return column.codes
    return period_codes(list(iterate(column, size)))[1]
