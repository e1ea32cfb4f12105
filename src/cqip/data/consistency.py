"""Checks that no single row or key can make: across targets and observations, and against today.

A doubling of a baseline of 0 is met by 0 (2 × 0), and a growth rate from a negative baseline has
no meaning, so a multiple or growth target's baseline must be positive wherever it comes from. A
`recorded` date after today is a typo (2062 for 2026) that would silently win as the newest
revision of its figure.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from cqip.data.models import CITY, Bound, Catalog, Kind, Observation
from cqip.data.problems import Problem
from cqip.data.revisions import Recorded

COMPOUND = {Kind.MULTIPLE, Kind.GROWTH}


def compound_baselines(catalog: Catalog, observations: Iterable[Observation]) -> Iterator[Problem]:
    """Every figure that would be the baseline of a multiple or growth target and is not positive."""
    wanted: dict[tuple[str, str, float], list[str]] = {}
    for target in catalog.targets:
        if target.kind in COMPOUND and target.baseline_value is None:
            wanted.setdefault((target.indicator, target.region or CITY, float(target.start)), []).append(target.id)
    if not wanted:
        return
    for obs in observations:
        ids = wanted.get((obs.indicator, obs.region, obs.period.t))
        if ids and obs.value <= 0 and obs.bound is Bound.EXACT:
            yield Problem(obs.file, obs.line, "value",
                          f"{obs.value:g} would be the {obs.period} baseline of {', '.join(ids)}: "
                          "a multiple or growth rate of a baseline ≤ 0 means nothing")


def recorded_after(rows: Iterable[Recorded], today: date) -> Iterator[Problem]:
    for row in rows:
        if row.recorded is not None and row.recorded > today:
            yield Problem(row.file, row.line, "recorded", f"{row.recorded} is after today ({today}): a typo?")
