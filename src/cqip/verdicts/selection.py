"""Which observations may decide a target: known by the as-of date, of one 口径, and the baseline.

Figures of different 口径 (CNIPA's count and the city's own; the S&T bureau's and the IP office's)
differ for the same year, so mixing them in one growth rate or path manufactures a trend. A
target is decided by the figures of one 口径 only: its `scope` when it names one, else the 口径
of its indicator's most recent figure (a blank scope is a 口径 of its own). The others are shown
and listed by `explain`, never used.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from cqip.data.models import Bound, Observation, Target
from cqip.data.periods import date_to_t


def known_by(series: Sequence[Observation], as_of: date) -> list[Observation]:
    """The observations whose period had ended by the as-of date: what the evaluation may use."""
    now = date_to_t(as_of)
    return [o for o in series if o.period.t <= now]


def choose_scope(target: Target, visible: Sequence[Observation]) -> tuple[str, list[Observation],
                                                                           tuple[Observation, ...]]:
    """(the 口径, its figures, the figures of every other 口径); the most recent figure is the one
    with the latest period, then the latest `recorded` date, then the last in file order."""
    if target.scope is not None:
        scope = target.scope
    else:
        scope = max(visible, key=lambda o: (o.period.t, o.recorded or date.min, o.file, o.line)).scope
    return (scope, [o for o in visible if o.scope == scope],
            tuple(o for o in visible if o.scope != scope))


def baseline(target: Target, rows: Sequence[Observation], flow: bool) -> tuple[float | None, str | None]:
    """v_b: the target's own `baseline_value`, else the exact figure for the end of the baseline year
    (a full year for a flow). A lower bound is no baseline: a path cannot start from an unknown value."""
    if target.baseline_value is not None:
        return target.baseline_value, target.baseline_source or "targets.yaml"
    for obs in rows:
        if (obs.period.t == target.start and obs.bound is Bound.EXACT
                and (not flow or obs.period.is_full_year)):
            return obs.value, obs.where
    return None, None
