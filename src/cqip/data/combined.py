"""Every file's checked rows combined into one `Dataset`, the revision rule applied across files.

Two rows can only clash (a duplicate, a conflict, a revision) within one series, so the rule of
`revisions.keep_latest` runs only where it can find something: on a series that several files
hold, or whose rows in one file repeat an identity. Elsewhere a series is taken as it is, and it
becomes `Observation` tuples only when a command reads it (`SeriesIndex`). The outcome — rows
kept, rows superseded, every problem and its wording — is the rule's over all rows in file order.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from itertools import chain
from typing import overload

from cqip.data.actuals_file import check_duplicates
from cqip.data.file_rows import FileRows, Group, SeriesKey, distinct
from cqip.data.models import Catalog, Dataset, Observation
from cqip.data.periods import Period
from cqip.data.problems import DataError, Problem


class SeriesIndex(Mapping[SeriesKey, list[Observation]]):
    """`Dataset.by_series`, built a series at a time when asked, each sorted as `Dataset.build` sorts."""

    def __init__(self, parts: dict[SeriesKey, list[tuple[str, Group]]], resolved: dict[SeriesKey, list[Observation]]):
        self._parts = parts
        self._resolved = resolved
        self._built: dict[SeriesKey, list[Observation]] = {}

    def __getitem__(self, key: SeriesKey) -> list[Observation]:
        rows = self._built.get(key)
        if rows is None:
            resolved = self._resolved.get(key)
            rows = list(resolved) if resolved is not None else [
                obs for name, group in self._parts[key] for obs in group.rows(name)]
            rows.sort(key=lambda o: (o.period.t, o.file, o.line))
            self._built[key] = rows
        return rows

    def __iter__(self) -> Iterator[SeriesKey]:
        return iter(self._parts)

    def extent(self, key: SeriesKey) -> tuple[int, set[Period]]:
        """How many rows the series holds and its periods, read off its columns unless its rows exist."""
        rows = self._built.get(key, self._resolved.get(key))
        if rows is not None:
            return len(rows), {obs.period for obs in rows}
        groups = [group for _, group in self._parts[key]]
        return sum(g.size for g in groups), set().union(*(distinct(g.columns["period"], g.size) for g in groups))

    def __len__(self) -> int:
        return len(self._parts)


class Observations(Sequence[Observation]):
    """`Dataset.observations`: counted without building a row; built (in file and line order) when read."""

    def __init__(self, series: SeriesIndex, count: int, files: Sequence[str]):
        self._series = series
        self._count = count
        self._files = {name: i for i, name in enumerate(files)}
        self._rows: list[Observation] | None = None

    def _all(self) -> list[Observation]:
        if self._rows is None:
            rows = list(chain.from_iterable(self._series[key] for key in self._series))
            rows.sort(key=lambda o: (self._files[o.file], o.line))
            self._rows = rows
        return self._rows

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> Observation: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Observation]: ...

    def __getitem__(self, index: int | slice) -> Observation | Sequence[Observation]:
        return self._all()[index]

    def __iter__(self) -> Iterator[Observation]:
        return iter(self._all())


def extent(series: Mapping[SeriesKey, list[Observation]], key: SeriesKey) -> tuple[int, set[Period]]:
    """A series' row count and periods: `cqip indicators` asks it of every series, and building a million
    rows only to count them took seconds."""
    if isinstance(series, SeriesIndex):
        return series.extent(key)
    return len(series[key]), {obs.period for obs in series[key]}


def recorded_later(files: Sequence[tuple[str, FileRows]], today: date) -> list[Observation]:
    """Every row recorded after `today` (kept or not); only a group that has such a date is built."""
    rows: list[Observation] = []
    for name, checked in files:
        for group in checked.groups:
            if any(day is not None and day > today for day in distinct(group.columns["recorded"], group.size)):
                rows.extend(obs for obs in group.rows(name) if obs.recorded is not None and obs.recorded > today)
    return rows


def combine(catalog: Catalog, files: Sequence[tuple[str, FileRows]]) -> Dataset:
    """The dataset of every file's rows (`files` in reading order); raises DataError listing every clash."""
    parts: dict[SeriesKey, list[tuple[str, Group]]] = {}
    for name, checked in files:
        for group in checked.groups:
            parts.setdefault(group.key, []).append((name, group))
    resolved: dict[SeriesKey, list[Observation]] = {}
    superseded: list[Observation] = []
    problems: list[Problem] = []
    for key, where in parts.items():
        if len(where) == 1 and where[0][1].unique():
            continue
        rows = [obs for name, group in where for obs in group.rows(name)]
        kept, found = check_duplicates(rows)
        problems.extend(found)
        if len(kept) < len(rows):
            ids = {id(obs) for obs in kept}
            superseded.extend(obs for obs in rows if id(obs) not in ids)
        resolved[key] = kept
    if problems:
        raise DataError(problems)
    order = {name: i for i, (name, _) in enumerate(files)}
    superseded.sort(key=lambda o: (order[o.file], o.line))
    count = sum(checked.size for _, checked in files) - len(superseded)
    series = SeriesIndex(parts, resolved)
    return Dataset(catalog, Observations(series, count, [name for name, _ in files]), series, tuple(superseded))
