"""The plan's vocabulary: indicators, targets, observations.

Targets come from hand-edited YAML. They are plain frozen dataclasses whose annotations carry
their constraints (`constraints.Rules`): pydantic validates the YAML against them
(`yaml_reader.validated`, with `extra="forbid"`: a typo in a key is an error, not a silently
ignored field), but only when a file is parsed. Neither pydantic models nor pydantic's `Field`
are used here: importing pydantic would cost every command some 40 ms at start-up, even when the
checked-data cache answers without parsing anything. Observations can number in the millions, so
they are named tuples (the cheapest immutable record to build: a frozen dataclass costs four
times as much) built by the CSV parser after it has checked each cell itself.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING, Annotated, Literal, NamedTuple, TypeVar, dataclass_transform

from cqip.data.constraints import Rules
from cqip.data.numbers import MAX_FIGURE, figure_problem
from cqip.data.periods import Period

if TYPE_CHECKING:
    from pydantic import ConfigDict

CITY = "全市"  # the region of an observation or target that names none: the whole city
RANK_UNIT = "位"  # the unit of a published rank (第10位): an observation that is a place, not a figure
RegionName = Annotated[str, Rules(min_length=1, max_length=80)]
SnakeId = Annotated[str, Rules(pattern=r"^[a-z][a-z0-9_]*$", max_length=80)]
Year = Annotated[int, Rules(ge=1900, le=2200)]
MAX_FACTOR = 1000.0  # a multiple, or what a growth rate compounds to by the deadline: ×1000 at most


def _figure(value: float) -> float:
    problem = figure_problem(value)
    if problem is not None:
        raise ValueError(f"{value:g} {problem}")
    return value


# A figure a plan can state: finite, 0 or within the magnitudes every figure of the data keeps (a
# quadrillion 件 or 元 is a typo, not a target): see `numbers.figure_problem`.
Figure = Annotated[float, Rules(allow_inf_nan=False, ge=-MAX_FIGURE, le=MAX_FIGURE, after=_figure)]


class Measure(StrEnum):
    STOCK = "stock"  # a level at a point in time (patents held, trademarks in force)
    FLOW = "flow"  # an amount per year (applications filed, revenue)


class Kind(StrEnum):
    LEVEL = "level"
    ANNUAL = "annual"
    CUMULATIVE = "cumulative"
    MULTIPLE = "multiple"
    GROWTH = "growth"
    INCREASE = "increase"
    RANK = "rank"  # the plan's region's place among a group of regions (全国中上水平、西部前列)


class Direction(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"


# How pydantic validates every model of a hand-edited file (read from `__pydantic_config__`).
STRICT: ConfigDict = {"extra": "forbid", "str_strip_whitespace": True, "allow_inf_nan": False}
C = TypeVar("C")


@dataclass_transform(frozen_default=True, kw_only_default=True)
def model(cls: type[C]) -> type[C]:
    """A model of a hand-edited file: a frozen dataclass built by keyword, validated by pydantic with STRICT."""
    cls.__pydantic_config__ = STRICT  # type: ignore[attr-defined]  # pydantic reads it off any dataclass
    return dataclass(frozen=True, kw_only=True)(cls)


@model
class Plan:
    id: str
    title_zh: str
    title_en: str
    issued: date | None = None
    baseline_year: Year
    deadline: Year
    region: RegionName | None = None  # the province-level region the plan is about, as `groups:` name it (重庆)


@model
class Section:
    id: SnakeId
    zh: str
    en: str


@model
class Indicator:
    id: SnakeId
    zh: str
    en: str
    unit: Annotated[str, Rules(min_length=1)]
    measure: Measure
    definition: str | None = None


@model
class Target:
    id: SnakeId
    indicator: SnakeId
    section: SnakeId
    kind: Kind
    clause: Annotated[str, Rules(min_length=1)]
    aspirational: bool = False
    value: Figure | None = None
    approx: Annotated[float, Rules(gt=0, lt=1)] | None = None
    direction: Direction = Direction.HIGHER
    factor: Annotated[float, Rules(gt=0, le=MAX_FACTOR, allow_inf_nan=False)] | None = None
    rate: Annotated[float, Rules(gt=-1, le=100, allow_inf_nan=False)] | None = None
    # 大幅增长 read as a rise of at least this fraction over the baseline (0.2 = +20 %): the analyst's reading
    min_change: Annotated[float, Rules(ge=0, le=100, allow_inf_nan=False)] | None = None
    window: tuple[Year, Year] | None = None
    baseline_year: Year | None = None
    baseline_value: Figure | None = None
    baseline_source: str | None = None
    deadline: Year | None = None
    note: str | None = None
    scope: str | None = None  # the 口径 that decides the target; default: that of its most recent observation
    path: Literal["linear", "compound"] | None = None  # default by kind (see verdicts.paths)
    # Responsible departments, spelled as in the plan's annex (tasks.yaml); empty = no identifiable owner.
    owners: tuple[str, ...] = ()
    # Regions (see `regions`): a target only for `region`, or per-region values overriding `value`.
    region: RegionName | None = None
    regions: dict[RegionName, Figure] = field(default_factory=dict)
    # Rank targets: the group (`groups:`) ranked within, and the worst place that still meets the target.
    among: RegionName | None = None
    max_rank: Annotated[int, Rules(ge=1)] | None = None

    @property
    def start(self) -> int:
        """Baseline year; always set once the catalog has applied the plan's defaults."""
        assert self.baseline_year is not None
        return self.baseline_year

    @property
    def end(self) -> int:
        assert self.deadline is not None
        return self.deadline


# Which optional keys each kind needs (True) or forbids (False); unlisted keys are free.
KIND_FIELDS: dict[Kind, dict[str, bool]] = {
    Kind.LEVEL: {"value": True, "factor": False, "rate": False, "window": False, "min_change": False},
    Kind.ANNUAL: {"value": True, "factor": False, "rate": False, "window": False, "approx": False, "min_change": False},
    Kind.CUMULATIVE: {"value": True, "factor": False, "rate": False, "window": True, "approx": False,
                      "min_change": False, "path": False},
    Kind.MULTIPLE: {"value": False, "factor": True, "rate": False, "window": False, "approx": False,
                    "min_change": False},
    Kind.GROWTH: {"value": False, "factor": False, "rate": True, "window": False, "approx": False, "min_change": False},
    Kind.INCREASE: {"value": False, "factor": False, "rate": False, "window": False, "approx": False,
                    "min_change": True},
    Kind.RANK: {"value": False, "factor": False, "rate": False, "window": False, "approx": False,
                "baseline_value": False, "among": True, "max_rank": True, "min_change": False, "path": False},
}
FLOW_ONLY = {Kind.ANNUAL, Kind.CUMULATIVE}


@model
class Group:
    """A named set of regions a rank is taken among (全国: the 31 mainland provinces; 西部: the 12 western ones)."""

    name: RegionName
    en: Annotated[str, Rules(min_length=1)]
    members: Annotated[list[RegionName], Rules(min_length=1)]


@model
class TargetsFile:
    plan: Plan
    regions: list[RegionName] | None = None  # when given, every region name used must be one of these
    groups: list[Group] = field(default_factory=list)
    sections: list[Section]
    indicators: list[Indicator]
    targets: list[Target]


@dataclass(frozen=True)
class Catalog:
    """A validated targets.yaml: every cross-reference resolved, plan defaults applied."""

    plan: Plan
    sections: dict[str, Section]
    indicators: dict[str, Indicator]
    targets: list[Target]
    regions: tuple[str, ...] | None = None  # the optional registry of region names, 全市 first
    groups: dict[str, Group] = field(default_factory=dict)

    @cached_property
    def region_names(self) -> frozenset[str] | None:
        """`regions` as a set: a row's region is looked up in it, and a registry may hold 80 000 names."""
        return None if self.regions is None else frozenset(self.regions)


class Bound(StrEnum):
    """How a published figure relates to the truth: exact, or a lower bound (突破3.5万件, 6000余人, 超过80家)."""

    EXACT = ""
    MIN = "min"


class Observation(NamedTuple):
    indicator: str
    period: Period
    value: float
    unit: str
    source: str
    note: str
    file: str
    line: int
    recorded: date | None = None
    region: str = CITY
    scope: str = ""  # 口径: whose statistics (CNIPA, 市知识产权局, 市科技局 …); blank is a scope of its own
    bound: Bound = Bound.EXACT

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"

    @property
    def what(self) -> str:
        """`pct 2019`, `pct 渝中区 2019` outside the whole city, `pct 2019 [CNIPA]` in a named 口径:
        the observation's identity in messages."""
        place = "" if self.region == CITY else f" {self.region}"
        scope = f" [{self.scope}]" if self.scope else ""
        return f"{self.indicator}{place} {self.period}{scope}"


@dataclass(frozen=True)
class Dataset:
    """Observations indexed per (indicator, region); `series` reads those of `region` only.

    A dataset as loaded holds every region (`observations`, for checks and counts); the views
    `regions.in_region` makes hold one region's rows and the targets as they apply there.
    """

    catalog: Catalog
    observations: Sequence[Observation]  # a loaded dataset builds them only when read (`data.combined`)
    by_series: Mapping[tuple[str, str], list[Observation]] = field(default_factory=dict)
    # Rows replaced by a later `recorded` revision: kept so that the data as it stood earlier
    # can be rebuilt (see `changes`).
    superseded: tuple[Observation, ...] = ()
    region: str = CITY

    @classmethod
    def build(cls, catalog: Catalog, observations: list[Observation],
              superseded: tuple[Observation, ...] = (), region: str = CITY) -> Dataset:
        """Index observations per indicator and region, in time order, for the evaluation."""
        by_series: dict[tuple[str, str], list[Observation]] = {}
        for obs in observations:
            by_series.setdefault((obs.indicator, obs.region), []).append(obs)
        for rows in by_series.values():  # short runs, mostly in file order already: cheap sorts
            rows.sort(key=lambda o: (o.period.t, o.file, o.line))
        return cls(catalog, observations, by_series, superseded, region)

    def series(self, indicator: str) -> list[Observation]:
        return self.by_series.get((indicator, self.region), [])
