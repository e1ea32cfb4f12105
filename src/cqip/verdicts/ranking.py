"""Where the plan's region ranks among a group of regions, period by period, and the verdict on a rank target.

A rank target (全国中上水平: rank ≤ 15 among the 31 provinces) is judged on a derived series: for each
period some peer has a figure for, the group's league table (a `Standing`). The plan's region is
`plan.region` (重庆); its own rows under that name come first, its citywide rows (全市) stand in
for it where it has none — the same subject, possibly another 口径. Ranks are competition ranks
(1, 2, 2, 4) in the target's direction (higher figures are better unless `direction: lower`).
A period where some member has no exact figure is incomplete: it names who is missing and gives
no rank, never a rank against a partial field. An indicator counted in 位 is a published rank:
its observations of the plan's region are ranks already.

The complete periods' ranks become observations (value = rank) and the ordinary evaluation judges
them as a level target with `direction: lower` and `value: max_rank`, so that status, pace and
outlook follow the same rules as every other target. The expected path climbs from the baseline
year's rank when that is outside the band; otherwise it is the band itself (hold the place: flat at
max_rank), a rank outside it is off track, and nothing is projected from the band, which is no
observed rank.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import NamedTuple

from cqip.data.models import CITY, RANK_UNIT, Bound, Dataset, Direction, Group, Measure, Observation, Target
from cqip.data.periods import Period
from cqip.verdicts.evaluation import Evaluation, Missing, Rule, Status, evaluate, known_by

BAND = "max_rank"  # where a rank target's expected path starts when no baseline-year rank lies outside the band


class Entry(NamedTuple):
    """One member's figure in a league table; `rank` is None in an incomplete table."""

    region: str  # the member, the plan's region under its own name even when the figure is a 全市 row
    rank: int | None
    observation: Observation


class Standing(NamedTuple):
    """A group's league table on one indicator for one period (or a published rank of the plan's region)."""

    period: Period
    entries: tuple[Entry, ...]  # best first; members with equal figures in the group's order
    missing: tuple[str, ...]  # members without an exact figure, in the group's order
    home: str
    size: int  # members in the group
    published: bool = False

    @property
    def own(self) -> Entry | None:
        return next((e for e in self.entries if e.region == self.home), None)

    @property
    def rank(self) -> int | None:
        """The plan's region's place; None unless every member has a figure."""
        own = self.own
        return own.rank if own is not None and not self.missing else None


@dataclass(frozen=True)
class RankEvaluation(Evaluation):
    """The evaluation of the rank series, with the league tables it came from."""

    group: Group | None = None
    standings: tuple[Standing, ...] = ()  # every period visible as of the evaluation date, oldest first
    ranks: tuple[Observation, ...] = ()  # the ranks that count (full years for a flow), also after the deadline

    @property
    def standing(self) -> Standing | None:
        """The league table of the rank the verdict rests on."""
        if self.latest is None:
            return None
        return next((s for s in self.standings if s.period.end == self.latest.period.end and s.rank is not None), None)

    @property
    def field_size(self) -> int | None:
        return self.standing.size if self.standing is not None else None

    @property
    def rank_value(self) -> float | None:
        """The figure that was ranked (None for a published rank)."""
        standing = self.standing
        own = standing.own if standing is not None and not standing.published else None
        return own.observation.value if own is not None else None


def standings(dataset: Dataset, target: Target, as_of: date) -> list[Standing]:
    """Every league table of `target`'s group on its indicator whose period had ended by `as_of`, oldest first."""
    catalog = dataset.catalog
    assert target.among is not None and catalog.plan.region is not None
    group, home = catalog.groups[target.among], catalog.plan.region
    indicator = catalog.indicators[target.indicator]
    if indicator.unit == RANK_UNIT:
        own = known_by(_rows(dataset, indicator.id, home, home), as_of)
        return [Standing(o.period, (Entry(home, round(o.value), o),), (), home, len(group.members), published=True)
                for o in own if o.bound is Bound.EXACT]
    by_end: dict[date, dict[str, list[Observation]]] = {}
    for member in group.members:
        for obs in known_by(_rows(dataset, indicator.id, member, home), as_of):
            if obs.bound is Bound.EXACT:  # a lower bound is not a figure to rank
                by_end.setdefault(obs.period.end, {}).setdefault(member, []).append(obs)
    higher = target.direction is Direction.HIGHER
    tables = [_table(figures, group, home, higher) for figures in by_end.values()
              if any(member != home for member in figures)]  # the city's own series alone is no league table
    return sorted(tables, key=lambda s: s.period.t)


def competition_ranks(values: Sequence[float], *, higher: bool = True) -> list[int]:
    """1 + the number of strictly better values: ties share a place and the next is skipped (1, 2, 2, 4)."""
    sign = 1 if higher else -1
    return [1 + sum(1 for other in values if sign * (other - value) > 0) for value in values]


def evaluate_rank(dataset: Dataset, target: Target, as_of: date) -> RankEvaluation:
    """The verdict on a rank target: the level rules applied to the ranks of its complete periods."""
    catalog = dataset.catalog
    assert target.among is not None and target.max_rank is not None
    indicator = catalog.indicators[target.indicator]
    tables = standings(dataset, target, as_of)
    points = [_rank_point(s) for s in tables if s.rank is not None]
    counted = tuple(p for p in points if p.period.is_full_year or indicator.measure is Measure.STOCK)
    ranked = replace(indicator, unit=RANK_UNIT)
    level = _as_level(target, target.max_rank, counted)
    ev = evaluate(level, ranked, points, as_of)
    latest_t = ev.latest.period.t if ev.latest is not None else float("-inf")
    gaps = tuple(Missing("members", s.period.year, s.missing) for s in tables
                 if s.missing and latest_t < s.period.t <= target.end)
    changes: dict[str, object] = {"missing": (*ev.missing, *gaps)}
    if ev.status is Status.NO_DATA and gaps:
        changes |= {"status": Status.INCOMPLETE, "reason": Rule.FIELD_INCOMPLETE}
    if level.baseline_source == BAND:  # the band is no observed rank: nothing to project from it
        changes |= dict.fromkeys(("growth_rate", "projected", "trend", "outlook_ratio", "outlook"))
        if ev.status is Status.OFF_TRACK:
            changes["reason"] = Rule.OUTSIDE_BAND
    values = {f.name: changes.get(f.name, getattr(ev, f.name)) for f in fields(Evaluation)}
    return RankEvaluation(**values, group=catalog.groups[target.among], standings=tuple(tables),  # type: ignore[arg-type]
                          ranks=counted)


def _rows(dataset: Dataset, indicator: str, member: str, home: str) -> list[Observation]:
    """A member's rows; the plan's region also has its citywide rows (after its own, which win a tie)."""
    rows = dataset.by_series.get((indicator, member), [])
    return [*rows, *dataset.by_series.get((indicator, CITY), [])] if member == home else list(rows)


def _table(figures: dict[str, list[Observation]], group: Group, home: str, higher: bool) -> Standing:
    """One period's league table: one figure per member, ranked when every member has one."""
    scopes = Counter(o.scope for rows in figures.values() for o in rows)
    chosen = {member: _pick(rows, member, scopes) for member, rows in figures.items()}
    members = [m for m in group.members if m in chosen]
    missing = tuple(m for m in group.members if m not in chosen)
    values = [chosen[m].value for m in members]
    ranks = competition_ranks(values, higher=higher)
    order = sorted(range(len(members)), key=lambda i: (ranks[i], i))
    entries = tuple(Entry(members[i], None if missing else ranks[i], chosen[members[i]]) for i in order)
    period = min((o.period for o in chosen.values()), key=lambda p: (p.month is not None, p.day is not None))
    return Standing(period, entries, missing, home, len(group.members))


def _pick(rows: list[Observation], member: str, scopes: Counter[str]) -> Observation:
    """A member's figure for a period: its own region's row before a citywide one, then the 口径 most of the
    table is in (the provincial table's), then file order."""
    return min(rows, key=lambda o: (o.region != member, -scopes[o.scope], o.file, o.line))


def _rank_point(standing: Standing) -> Observation:
    """The plan's region's rank as an observation of its period, traced to the row that was ranked."""
    own = standing.own
    assert own is not None and standing.rank is not None
    return own.observation._replace(value=float(standing.rank), unit=RANK_UNIT, region=standing.home,
                                    bound=Bound.EXACT, scope="")  # one rank series, whatever each table's 口径


def _as_level(target: Target, max_rank: int, ranks: Sequence[Observation]) -> Target:
    """The rank target as the level rules read it: at most `max_rank` places, lower is better. Its path
    starts at the baseline year's rank when that is outside the band, else it is the band itself."""
    year_end = Period.year_end(target.start).end
    base = next((o for o in ranks if o.period.end == year_end), None)
    level = replace(target, value=float(max_rank), direction=Direction.LOWER)
    if base is None or base.value <= max_rank:
        return replace(level, baseline_value=float(max_rank), baseline_source=BAND)
    return level
