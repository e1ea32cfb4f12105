"""Actuals CSV files → observations, checking every cell and every pair of rows (see `csvtable`)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from cqip.data.models import CITY, Bound, Catalog, Observation
from cqip.data.names import suggest
from cqip.data.numbers import figure_problem, parse_number
from cqip.data.periods import Period, PeriodError
from cqip.data.problems import Problem
from cqip.data.revisions import keep_latest
from cqip.data.units import UnitError, conversion_factor

if TYPE_CHECKING:
    from cqip.data.csv_reader import Row, Table

REQUIRED_COLUMNS = ("indicator", "period", "value", "unit", "source")
OPTIONAL_COLUMNS = ("note", "recorded", "region", "scope", "bound")
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS  # the header of a file that `cqip add` creates
MAX_BYTES = 64_000_000  # about 500 000 rows; larger files are refused before they are read
BOUNDS = {bound.value: bound for bound in Bound}
# A number float() reads exactly as Decimal → float does, within the magnitudes a figure may have.
_PLAIN_NUMBER = re.compile(r"-?\d{1,15}(?:\.\d{1,9})?", re.ASCII)


def parse_actuals(text: str, filename: str, catalog: Catalog | None) -> tuple[list[Observation], list[Problem]]:
    """Every row checked; without a catalog (targets.yaml is broken) only the catalog-free checks run."""
    from cqip.data.csv_reader import parse_rows  # a file the cache holds is never parsed

    shortcut = None if catalog is None else (lambda table: _shortcut(table, catalog))
    return parse_rows(text, filename, REQUIRED_COLUMNS, lambda row: observation(row, catalog), shortcut,
                      OPTIONAL_COLUMNS)


def check_duplicates(observations: Iterable[Observation]) -> tuple[list[Observation], list[Problem]]:
    """One value per indicator, region, 口径 and period, by the rule of `revisions.keep_latest`."""
    return keep_latest(observations, _identity, _clash, lambda obs, other: obs.value == other.value)


def _identity(obs: Observation) -> tuple[str, str, str, int, int | None, int | None]:
    period = obs.period  # its fields, not the Period: hashing a tuple of ints costs no Python call
    return obs.indicator, obs.region, obs.scope, period.year, period.month, period.day


def _clash(obs: Observation, other: Observation) -> Problem:
    if obs.value == other.value:
        return Problem(obs.file, obs.line, "period", f"duplicate of {other.where} ({obs.what})")
    return Problem(obs.file, obs.line, "value",
                   f"{obs.what} = {obs.value:g} conflicts with {other.value:g} at {other.where}")


def observation(row: Row, catalog: Catalog | None) -> Observation | None:
    """One row → an observation in its indicator's unit (converted exactly), or None with problems."""
    cell, bad = row.cell, row.bad
    name = cell.get("indicator", "")
    indicator = catalog.indicators.get(name) if catalog is not None else None
    if not name:
        bad("indicator", "empty")
    elif catalog is not None and indicator is None:
        bad("indicator", f"unknown indicator {name!r}{suggest(name, catalog.indicators)}")
    period = None
    try:
        period = Period.parse(cell.get("period", ""))
    except PeriodError as exc:
        bad("period", str(exc))
    value = None
    try:
        value = parse_number(cell.get("value", ""))
    except ValueError as exc:
        bad("value", str(exc))
    unit = cell.get("unit", "")
    factor = None
    if not unit:
        bad("unit", "empty")
    elif indicator is not None:
        try:
            factor = conversion_factor(unit, indicator.unit)
        except UnitError as exc:
            bad("unit", f"{exc} (the unit of {name})")
    if not cell.get("source"):
        bad("source", "empty; every figure needs a URL or citation")
    recorded = row.optional_date("recorded")
    region = cell.get("region", "") or CITY
    if catalog is not None and catalog.region_names is not None and region not in catalog.region_names:
        bad("region", f"unknown region {region!r}{suggest(region, catalog.regions or ())}")
    bound = BOUNDS.get(cell.get("bound", ""))
    if bound is None:
        bad("bound", f"{cell['bound']!r} is not a bound: leave it empty for an exact figure, or write min")
    if row.problems or indicator is None or period is None or value is None or factor is None or bound is None:
        return None
    try:
        converted = float(value if factor == 1 else value * factor)
    except ArithmeticError:  # decimal overflow of a huge value times 10⁸
        converted = math.inf
    underflow = converted == 0 and value != 0
    problem = "is too small (under the smallest float)" if underflow else figure_problem(converted)
    if problem is not None:
        bad("value", f"{cell['value']!r} {problem}")
        return None
    return Observation(name, period, converted, indicator.unit, cell["source"], cell.get("note", ""),
                       row.filename, row.line, recorded, region, cell.get("scope", ""), bound)


def _shortcut(table: Table, catalog: Catalog) -> Callable[[list[str], int], Observation | None]:
    """The observation of a row already in canonical form, else None for `observation` to check.

    Canonical: as many cells as the header, a known indicator and its own unit or a scaled one
    (万件 for 件) as typed, a plain ASCII number, a period parsed before (each distinct text is parsed once), a
    source, an ISO `recorded` date or none, a registered region or none. Such a row gives exactly
    what `observation` gives; anything else, valid or not, takes the full path.
    """
    columns = table.columns
    i_indicator, i_period, i_value, i_unit, i_source = (columns[name] for name in REQUIRED_COLUMNS)
    i_note, i_recorded, i_region, i_scope, i_bound = (columns.get(name) for name in OPTIONAL_COLUMNS)
    width, filename, indicators = table.width, table.filename, catalog.indicators
    registry = catalog.region_names
    plain = _PLAIN_NUMBER.fullmatch
    periods: dict[str, Period | None] = {}
    factors: dict[tuple[str, str], Decimal | None] = {}  # (unit as typed, the indicator's): None if they differ
    new = tuple.__new__  # what Observation(...) calls, without its Python-level wrapper

    def quick(cells: list[str], line: int) -> Observation | None:
        if len(cells) != width:
            return None
        name, period_text, value_text = cells[i_indicator], cells[i_period], cells[i_value]
        indicator = indicators.get(name)
        if indicator is None or plain(value_text) is None:
            return None
        value = None
        if cells[i_unit] != indicator.unit:  # a scaled unit (万件 for 件): converted exactly, as `observation` does
            units = (cells[i_unit], indicator.unit)
            factor = factors.get(units, _UNSEEN_FACTOR)
            if factor is _UNSEEN_FACTOR:
                factor = factors[units] = _factor(*units)
            if factor is None:
                return None
            if factor != 1:
                value = float(Decimal(value_text) * factor)
        period = periods.get(period_text, _UNSEEN)
        if period is _UNSEEN:
            period = periods[period_text] = _period(period_text)
        source = cells[i_source].strip()
        region = (cells[i_region].strip() if i_region is not None else "") or CITY
        if period is None or not source or (registry is not None and region not in registry):
            return None
        bound = BOUNDS.get(cells[i_bound].strip()) if i_bound is not None else Bound.EXACT
        if bound is None:
            return None
        recorded = None
        if i_recorded is not None and (day := cells[i_recorded].strip()):
            try:
                recorded = date.fromisoformat(day)
            except ValueError:
                return None
        return new(Observation, (name, period, float(value_text) if value is None else value, indicator.unit, source,
                                 cells[i_note].strip() if i_note is not None else "", filename, line, recorded, region,
                                 cells[i_scope].strip() if i_scope is not None else "", bound))

    return quick


_UNSEEN = Period(1)  # a sentinel: no text parses to year 1
_UNSEEN_FACTOR = Decimal(0)  # a sentinel: no conversion factor is 0


def _factor(given: str, wanted: str) -> Decimal | None:
    """The factor `observation` would convert with, for a unit typed without stray spaces; else None."""
    if not given or given != given.strip():
        return None
    try:
        return conversion_factor(given, wanted)
    except UnitError:
        return None


def _period(text: str) -> Period | None:
    try:
        return Period.parse(text)
    except PeriodError:
        return None
