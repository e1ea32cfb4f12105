"""targets.yaml → a validated `Catalog`, with every problem located by file, line and field."""

from __future__ import annotations

import math
from collections.abc import Collection, Iterator
from dataclasses import replace

from cqip.data.groups import check_groups, registry
from cqip.data.models import (
    CITY,
    FLOW_ONLY,
    KIND_FIELDS,
    MAX_FACTOR,
    Catalog,
    Kind,
    Measure,
    Plan,
    Target,
    TargetsFile,
)
from cqip.data.names import suggest
from cqip.data.yaml_checks import KeyPath, check_names, check_unique


def parse_catalog(text: str, filename: str, departments: Collection[str] | None = None) -> Catalog:
    """`departments` (from tasks.yaml, when there is one) are the names target owners may use."""
    return catalog_of(read_targets(text, filename, departments))


def read_targets(text: str, filename: str, departments: Collection[str] | None = None) -> TargetsFile:
    """The file validated and cross-checked, as the model the checked-data cache stores."""
    from cqip.data.yaml_reader import parse_model  # PyYAML only when a file must be parsed (not from the cache)

    return parse_model(text, filename, TargetsFile, "plan, sections, indicators, targets",
                       lambda p: cross_check(p, departments))


def catalog_of(parsed: TargetsFile) -> Catalog:
    return Catalog(
        plan=parsed.plan,
        sections={s.id: s for s in parsed.sections},
        indicators={i.id: i for i in parsed.indicators},
        targets=[_with_plan_defaults(t, parsed.plan) for t in parsed.targets],
        regions=registry(parsed),
        groups={group.name: group for group in parsed.groups},
    )


REQUIRED_HINT = {
    "min_change": " (the rise over the baseline that counts as 大幅增长, e.g. 0.2 for +20 %)",
}


def cross_check(parsed: TargetsFile, departments: Collection[str] | None) -> Iterator[tuple[KeyPath, str]]:
    """What pydantic cannot see: duplicates, references, and the fields each kind needs."""
    yield from check_unique(parsed, ("sections", "id"), ("indicators", "id"), ("targets", "id"))
    sections = {s.id for s in parsed.sections}
    indicators = {i.id: i for i in parsed.indicators}
    for i, target in enumerate(parsed.targets):
        path: KeyPath = ("targets", i)
        if target.section not in sections:
            yield (*path, "section"), f"unknown section {target.section!r}{suggest(target.section, sections)}"
        indicator = indicators.get(target.indicator)
        if indicator is None:
            yield (*path, "indicator"), f"unknown indicator {target.indicator!r}{suggest(target.indicator, indicators)}"
        elif target.kind in FLOW_ONLY and indicator.measure is not Measure.FLOW:
            yield (*path, "kind"), f"{target.kind} targets need a flow indicator; {indicator.id} is a stock"
        for key, required in KIND_FIELDS[target.kind].items():
            present = getattr(target, key) is not None
            if required and not present:
                yield (*path, key), f"required for kind {target.kind}{REQUIRED_HINT.get(key, '')}"
            elif present and not required:
                yield (*path, key), f"not allowed for kind {target.kind}"
        deadline = target.deadline or parsed.plan.deadline
        baseline = target.baseline_year or parsed.plan.baseline_year
        if baseline >= deadline:
            yield (*path, "baseline_year"), f"baseline year {baseline} must be before the deadline {deadline}"
        if target.window is not None and not baseline < target.window[0] <= target.window[1] == deadline:
            yield (*path, "window"), f"must run from after the baseline {baseline} to the deadline {deadline}"
        if target.rate is not None and abs((deadline - baseline) * math.log1p(target.rate)) > math.log(MAX_FACTOR):
            yield (*path, "rate"), (f"compounds to more than ×{MAX_FACTOR:g} (or under ÷{MAX_FACTOR:g}) over "
                                    f"{deadline - baseline} years; not a plan's growth rate")
        compound = target.kind is Kind.MULTIPLE or target.kind is Kind.GROWTH
        if compound and target.baseline_value is not None and target.baseline_value <= 0:
            yield (*path, "baseline_value"), "must be positive for a compound path"
        if departments is not None:
            yield from check_names((*path, "owners"), target.owners, departments, "department")
        yield from _check_regions(path, target, parsed.regions)
    if parsed.regions is not None:
        yield from check_names(("regions",), parsed.regions, set(parsed.regions), "region")
    yield from check_groups(parsed)


def _check_regions(path: KeyPath, target: Target, registry: list[str] | None) -> Iterator[tuple[KeyPath, str]]:
    """Per-region values need a kind with a value and a citywide target; names must be registered, if a list exists."""
    if target.regions and target.region is not None:
        yield (*path, "regions"), "not allowed for a target that has a region of its own"
    elif target.regions and not KIND_FIELDS[target.kind].get("value"):
        yield (*path, "regions"), f"not allowed for kind {target.kind} (it has no value to override)"
    if registry is None:
        return
    known = {CITY, *registry}
    if target.region is not None and target.region not in known:
        yield (*path, "region"), f"unknown region {target.region!r}{suggest(target.region, known)}"
    for name in target.regions:
        if name not in known:
            yield (*path, "regions", name), f"unknown region {name!r}{suggest(name, known)}"


def _with_plan_defaults(target: Target, plan: Plan) -> Target:
    return replace(target, baseline_year=target.baseline_year or plan.baseline_year,
                   deadline=target.deadline or plan.deadline)
