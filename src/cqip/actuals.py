"""Actuals CSV files → observations, checking every cell and every pair of rows (see `csvtable`)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from cqip.catalog import suggest
from cqip.csvtable import Row, parse_rows
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
    return parse_rows(text, filename, REQUIRED_COLUMNS, lambda row: _observation(row, catalog))


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


def _observation(row: Row, catalog: Catalog) -> Observation | None:
    cell, bad = row.cell, row.bad
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
    recorded = row.optional_date("recorded")
    if row.problems or indicator is None or period is None or value is None:
        return None
    return Observation(name, period, value, cell["unit"], cell["source"], cell.get("note", ""), row.filename, row.line,
                       recorded)
