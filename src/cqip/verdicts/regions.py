"""Regions: which targets apply where, with which value, and the data of one region.

An observation belongs to one region (`全市`, the whole city, unless its row names another). A
target is citywide unless it names a `region`; a citywide target applies to every region, with
`regions: {渝中区: 5}` overriding its value for the regions listed. Its `baseline_value` is a
figure for its own region, so elsewhere the baseline comes from that region's observations.
The evaluation itself knows nothing of regions: it is handed one region's series and the target
as it stands there.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import NamedTuple

from cqip.data.models import CITY, Catalog, Dataset, Kind, Target
from cqip.verdicts.evaluation import SEVERITY, Evaluation, evaluate


class Ranked(NamedTuple):
    """One region's verdict on a target, as `compare` ranks it (1 = best)."""

    rank: int
    region: str
    evaluation: Evaluation


def for_region(target: Target, region: str) -> Target | None:
    """The target as it applies to `region`, or None when it is set for another region only (a rank
    target is the plan's region's place: the whole city's)."""
    home = target.region or CITY
    if (target.region is not None or target.kind is Kind.RANK) and region != home:
        return None
    if region in target.regions:
        target = replace(target, value=target.regions[region])
    if region != home and target.baseline_value is not None:
        target = replace(target, baseline_value=None, baseline_source=None)
    return target


def in_region(dataset: Dataset, region: str) -> Dataset:
    """The dataset as one region sees it: its observations and revisions, the targets that apply there."""
    targets = [resolved for t in dataset.catalog.targets if (resolved := for_region(t, region)) is not None]
    # Through the series, in file and line order: a region's rows without building every region's.
    mine = sorted((o for key in dataset.by_series if key[1] == region for o in dataset.by_series[key]),
                  key=lambda o: (o.file, o.line))
    return Dataset(replace(dataset.catalog, targets=targets), mine, dataset.by_series,
                   tuple(o for o in dataset.superseded if o.region == region), region)


def known_regions(dataset: Dataset) -> set[str]:
    """Every region some row, target or the registry names (and the whole city)."""
    return {CITY, *(region for _, region in dataset.by_series), *_target_regions(dataset.catalog),
            *(dataset.catalog.regions or ())}


def titled(plan_id: str, region: str) -> str:
    """The plan id heading a view, with the region when it is not the whole city."""
    return plan_id if region == CITY else f"{plan_id} · {region}"


def compare(dataset: Dataset, target: Target, as_of: date) -> list[Ranked]:
    """Every region with data for the target's indicator or a value of its own, best first; the members of
    `groups:` are the plan's peers (provinces), not its regions, and are left out.

    Best = highest achievement (完成率; regions without one last), then the better status, then
    the region's name, so that the order is stable.
    """
    indicator = dataset.catalog.indicators[target.indicator]
    peers = {member for group in dataset.catalog.groups.values() for member in group.members}
    places = {region for ind, region in dataset.by_series if ind == target.indicator and region not in peers}
    places |= set(target.regions)
    places |= {target.region} if target.region else set()
    verdicts = [(region, evaluate(resolved, indicator, dataset.by_series.get((target.indicator, region), []), as_of))
                for region in places if (resolved := for_region(target, region)) is not None]

    def key(item: tuple[str, Evaluation]) -> tuple[bool, float, int, str]:
        region, ev = item
        return (ev.achievement is None, -(ev.achievement or 0.0), -SEVERITY.index(ev.status), region)

    return [Ranked(i, region, ev) for i, (region, ev) in enumerate(sorted(verdicts, key=key), start=1)]


def _target_regions(catalog: Catalog) -> set[str]:
    return {name for t in catalog.targets for name in (*t.regions, *([t.region] if t.region else []))}
