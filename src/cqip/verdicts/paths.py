"""The planned path to a target and the trend of the data, on one model for both.

A target's path and the projection of its trend use the same model, so that pace (is the actual
behind the path?) and outlook (does the trend reach the target?) cannot contradict each other:

* linear — equal steps per year: levels, annual flows, cumulative sums, increases;
* compound — equal growth rates per year: multiples (翻一番) and growth rates (年均增长20%), the
  scale of the UN SDG progress measure. It needs positive values; a path from or to 0 is linear.

The growth between two points is the slope (units per year) on the linear model and the compound
annual growth rate on the compound one. The outlook ratio compares the growth observed from the
path's start to the latest figure with the growth the path requires from that start: the UN
method's observed ÷ required growth.
"""

from __future__ import annotations

import math
from typing import NamedTuple


class Point(NamedTuple):
    """A value at a time on the year axis (see `periods`)."""

    t: float
    value: float


def compound_possible(*values: float) -> bool:
    return all(value > 0 for value in values)


def growth(start: Point, end: Point, *, compound: bool) -> float:
    """Per year from `start` to `end`: the slope, or the compound rate (v1/v0)^(1/(t1 − t0)) − 1.

    Raises OverflowError when a compound rate over a very short span does not fit a float.
    """
    years = end.t - start.t
    if compound:
        return math.pow(end.value / start.value, 1 / years) - 1
    return (end.value - start.value) / years


def advance(point: Point, rate: float, t: float, *, compound: bool) -> float:
    """The value at time t when `point` keeps growing at `rate` (per year)."""
    years = t - point.t
    if compound:
        return point.value * math.pow(1 + rate, years)
    return point.value + rate * years


class Path(NamedTuple):
    """The planned path from `start` to the target value at the deadline."""

    start: Point
    end: Point
    compound: bool

    @property
    def required(self) -> float:
        """The growth per year the path asks for."""
        return growth(self.start, self.end, compound=self.compound)

    def at(self, t: float) -> float:
        """The value the path has reached at time t: v0 + (T − v0)·f, or v0·(T / v0)^f."""
        f = (t - self.start.t) / (self.end.t - self.start.t)
        if self.compound:
            return self.start.value * math.pow(self.end.value / self.start.value, f)
        return self.start.value + (self.end.value - self.start.value) * f

    def elapsed(self, t: float) -> float:
        return (t - self.start.t) / (self.end.t - self.start.t)
