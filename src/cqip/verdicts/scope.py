"""What one command looks at: a region's view of the data, optionally one department's targets.

The options that choose it (--region, --dept, a target id) name things the data may not have;
`ScopeError` carries the one-line explanation, and the CLI only prints it.
"""

from __future__ import annotations

from cqip.data.names import suggest
from cqip.views.duties import owned_by
from cqip.data.models import CITY, Dataset
from cqip.verdicts.regions import in_region, known_regions
from cqip.data.task_status_file import Work

TASKS_NEEDED = "this needs tasks.yaml (the plan's work items) in the data directory"


class ScopeError(ValueError):
    """An option naming something the data does not have (the message is for the user)."""


def scoped(dataset: Dataset, work: Work | None, *, region: str | None = None, dept: str | None = None,
           target_id: str | None = None) -> Dataset:
    """`dataset` as `region` (default the whole city) sees it, only the targets `dept` owns when given.
    A region no file or target names is an error, and so is asking for `target_id` outside the only
    region it is set for."""
    if region is not None and region not in (known := known_regions(dataset)):
        hint = suggest(region, sorted(known)) or "; no actuals row, target or regions: list names it"
        raise ScopeError(f"unknown region {region!r}{hint}")
    if dept is not None:
        check_dept(work, dept)
        dataset = owned_by(dataset, dept)
    view = in_region(dataset, region or CITY)
    if target_id is not None and all(t.id != target_id for t in view.catalog.targets):
        elsewhere = next((t.region for t in dataset.catalog.targets if t.id == target_id and t.region), None)
        if elsewhere:
            raise ScopeError(f"target {target_id} applies to {elsewhere} only; add --region {elsewhere}")
    return view


def need_work(work: Work | None) -> Work:
    if work is None:
        raise ScopeError(TASKS_NEEDED)
    return work


def check_dept(work: Work | None, dept: str) -> None:
    """A department spelled as in tasks.yaml (the error suggests the nearest name)."""
    message = need_work(work).book.unknown_department(dept)
    if message is not None:
        raise ScopeError(f"--dept: {message}")
