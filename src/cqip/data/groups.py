"""`groups:` in targets.yaml and the rank targets that use them: what pydantic cannot check.

A group is a named set of regions (全国, 西部); a rank target names one (`among`) and the worst place
that still meets it (`max_rank`). The plan's own region (`plan.region`, 重庆) must be a member of
every group it is ranked in, and a group's members are region names like any other: when
targets.yaml keeps a `regions:` registry, they are registered with it.
"""

from __future__ import annotations

from collections.abc import Iterator

from cqip.data.models import CITY, Kind, TargetsFile
from cqip.data.names import suggest
from cqip.data.yaml_checks import KeyPath, check_names, check_unique

RANK_KEYS = ("among", "max_rank")


def check_groups(parsed: TargetsFile) -> Iterator[tuple[KeyPath, str]]:
    """Unique group names and members, and every rank target's group, place and region."""
    yield from check_unique(parsed, ("groups", "name"))
    for i, group in enumerate(parsed.groups):
        yield from check_names(("groups", i, "members"), group.members, set(group.members), "member")
    groups = {group.name: group for group in parsed.groups}
    home = parsed.plan.region
    needs_home = False
    for i, target in enumerate(parsed.targets):
        path: KeyPath = ("targets", i)
        if target.kind is not Kind.RANK:
            for key in RANK_KEYS:
                if getattr(target, key) is not None:
                    yield (*path, key), f"not allowed for kind {target.kind} (only a rank target has a group)"
            continue
        if target.region is not None:
            yield (*path, "region"), "not allowed for kind rank (a rank is the place of plan.region)"
        needs_home = True
        among = groups.get(target.among or "")
        if target.among is not None and among is None:
            yield (*path, "among"), f"unknown group {target.among!r}{suggest(target.among, groups)}"
        if among is None:
            continue
        if target.max_rank is not None and target.max_rank > len(among.members):
            yield (*path, "max_rank"), f"{target.max_rank} is beyond the {len(among.members)} members of {among.name}"
        if home is not None and home not in among.members:
            yield (*path, "among"), f"plan.region {home!r} is not a member of group {among.name}"
    if needs_home and home is None:
        yield ("plan", "region"), "required by rank targets: the region the plan is about, as its groups name it"


def registry(parsed: TargetsFile) -> tuple[str, ...] | None:
    """The region registry (全市 first) with every group member and the plan's region added, or None without one."""
    if parsed.regions is None:
        return None
    extra = [*(m for g in parsed.groups for m in g.members), *([parsed.plan.region] if parsed.plan.region else [])]
    return tuple(dict.fromkeys((CITY, *parsed.regions, *extra)))
