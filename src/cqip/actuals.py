"""Actuals CSV files → observations, checking every cell and every pair of rows.

Columns are found by header name (more optional columns may come), blank lines and `#` comment
lines are skipped, and line numbers are the file's own so that an analyst can jump to them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date

from cqip.catalog import suggest
from cqip.models import Catalog, Observation
from cqip.numbers import parse_number
from cqip.periods import Period, PeriodError
from cqip.problems import Problem

REQUIRED_COLUMNS = ("indicator", "period", "value", "unit", "source")
OPTIONAL_COLUMNS = ("note", "recorded")


def decode(data: bytes, filename: str) -> tuple[str | None, Problem | None]:
    """UTF-8 text (a BOM is dropped), or a problem naming the first undecodable byte."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        return None, Problem(filename, None, "encoding", f"not UTF-8: undecodable byte 0x{data[exc.start]:02x} at offset {exc.start}")


def parse_actuals(text: str, filename: str, catalog: Catalog) -> tuple[list[Observation], list[Problem]]:
    rows = _records(text)
    header = next(rows, None)
    if header is None:
        return [], [Problem(filename, 1, "header", "empty file; expected a header " + ",".join(REQUIRED_COLUMNS))]
    header_line, names = header
    columns = {name.strip().lower(): i for i, name in enumerate(names)}
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        return [], [Problem(filename, header_line, name, "missing column in header") for name in missing]

    observations: list[Observation] = []
    problems: list[Problem] = []
    for line, cells in rows:
        cell = {name: cells[i].strip() if i < len(cells) else "" for name, i in columns.items()}
        found: list[Problem] = []
        obs = _observation(cell, filename, line, catalog, found)
        if len(cells) > len(names):
            found.append(Problem(filename, line, "row", f"{len(cells)} cells but the header has {len(names)}"))
        problems.extend(found)
        if obs is not None and not found:
            observations.append(obs)
    return observations, problems


def check_duplicates(observations: Iterable[Observation]) -> tuple[list[Observation], list[Problem]]:
    """One value per indicator and period: later `recorded` revisions replace earlier ones.

    Two rows for the same indicator and period are a mistake unless they carry different
    `recorded` dates, in which case the newer one is a revision and wins.
    """
    kept: dict[tuple[str, Period], Observation] = {}
    problems: list[Problem] = []
    for obs in observations:
        key = (obs.indicator, obs.period)
        other = kept.get(key)
        if other is None:
            kept[key] = obs
        elif obs.recorded and other.recorded and obs.recorded != other.recorded:
            kept[key] = max(obs, other, key=lambda o: o.recorded or date.min)
        elif obs.value == other.value:
            problems.append(Problem(obs.file, obs.line, "period", f"duplicate of {other.where} ({obs.indicator} {obs.period})"))
        else:
            problems.append(
                Problem(obs.file, obs.line, "value",
                        f"{obs.indicator} {obs.period} = {obs.value:g} conflicts with {other.value:g} at {other.where}")
            )
    return list(kept.values()), problems


def _records(text: str) -> Iterable[tuple[int, list[str]]]:
    """(first line number, cells) of each non-blank, non-comment CSV record."""
    reader = csv.reader(io.StringIO(text, newline=""))
    line = 1
    for cells in reader:
        start, line = line, reader.line_num + 1
        if not any(c.strip() for c in cells) or cells[0].lstrip().startswith("#"):
            continue
        yield start, cells


def _observation(cell: dict[str, str], filename: str, line: int, catalog: Catalog,
                 problems: list[Problem]) -> Observation | None:
    def bad(field: str, message: str) -> None:
        problems.append(Problem(filename, line, field, message))

    name = cell["indicator"]
    indicator = catalog.indicators.get(name)
    if not name:
        bad("indicator", "empty")
    elif indicator is None:
        bad("indicator", f"unknown indicator {name!r}{suggest(name, catalog.indicators)}")
    period = None
    try:
        period = Period.parse(cell["period"])
    except PeriodError as exc:
        bad("period", str(exc))
    value = None
    try:
        value = float(parse_number(cell["value"]))
    except ValueError as exc:
        bad("value", str(exc))
    if indicator is not None and cell["unit"] != indicator.unit:
        bad("unit", f"{cell['unit']!r} does not match the unit of {name}, {indicator.unit!r}")
    if not cell["source"]:
        bad("source", "empty; every figure needs a URL or citation")
    recorded = None
    if cell.get("recorded"):
        try:
            recorded = date.fromisoformat(cell["recorded"])
        except ValueError:
            bad("recorded", f"{cell['recorded']!r} is not a date YYYY-MM-DD")
    if problems or indicator is None or period is None or value is None:
        return None
    return Observation(name, period, value, cell["unit"], cell["source"], cell.get("note", ""), filename, line, recorded)
