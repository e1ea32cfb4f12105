"""What one command looks at, and every check of the options that choose it.

The options (--region, --dept, --area, a target or indicator id, dates) name things the data may
not have or contradict each other; each check raises `UsageError` with the one-line explanation,
and the command line only prints it. Commands ask here rather than checking options themselves.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from cqip.data.models import CITY, Dataset, Indicator, Kind, Target
from cqip.data.names import suggest
from cqip.data.problems import UsageError
from cqip.data.task_status_file import Work
from cqip.verdicts.regions import in_region, known_regions

TASKS_NEEDED = "this needs tasks.yaml (the plan's work items) in the data directory"


def scoped(dataset: Dataset, work: Work | None, *, region: str | None = None, dept: str | None = None,
           target_id: str | None = None) -> Dataset:
    """`dataset` as `region` (default the whole city) sees it, only the targets `dept` owns when given.
    A region no file or target names is an error, and so is asking for `target_id` outside the only
    region it is set for (a rank target's is the whole city)."""
    if region is not None and region not in (known := known_regions(dataset)):
        hint = suggest(region, sorted(known)) or "; no actuals row, target or regions: list names it"
        raise UsageError(f"unknown region {region!r}{hint}")
    if dept is not None:
        check_dept(work, dept)
        dataset = owned_by(dataset, dept)
    view = in_region(dataset, region or CITY)
    if target_id is not None and all(t.id != target_id for t in view.catalog.targets):
        elsewhere = next((t.region or CITY for t in dataset.catalog.targets
                          if t.id == target_id and (t.region or t.kind is Kind.RANK)), None)
        if elsewhere:
            raise UsageError(f"target {target_id} applies to {elsewhere} only; add --region {elsewhere}")
    return view


def owned_by(dataset: Dataset, dept: str) -> Dataset:
    """The dataset reduced to the targets `dept` owns, so every target view can be asked per department."""
    targets = [t for t in dataset.catalog.targets if dept in t.owners]
    return replace(dataset, catalog=replace(dataset.catalog, targets=targets))


def find_target(dataset: Dataset, target_id: str) -> Target:
    """The target with this id, or an error naming the nearest id."""
    target = next((t for t in dataset.catalog.targets if t.id == target_id), None)
    if target is None:
        raise UsageError(f"unknown target {target_id!r}{suggest(target_id, [t.id for t in dataset.catalog.targets])}")
    return target


def find_indicator(dataset: Dataset, indicator_id: str) -> Indicator:
    indicator = dataset.catalog.indicators.get(indicator_id)
    if indicator is None:
        raise UsageError(f"unknown indicator {indicator_id!r}{suggest(indicator_id, dataset.catalog.indicators)}")
    return indicator


def need_work(work: Work | None) -> Work:
    if work is None:
        raise UsageError(TASKS_NEEDED)
    return work


def check_dept(work: Work | None, dept: str) -> None:
    """A department spelled as in tasks.yaml (the error suggests the nearest name)."""
    message = need_work(work).book.unknown_department(dept)
    if message is not None:
        raise UsageError(f"--dept: {message}")


def check_task_filter(work: Work, *, area: str | None, dept: str | None, lead_only: bool) -> None:
    """`cqip tasks`'s options: a known area and department; --lead-only only with --dept."""
    if lead_only and dept is None:
        raise UsageError("--lead-only needs --dept")
    if dept is not None:
        check_dept(work, dept)
    if area is not None and (message := work.book.unknown_area(area)):
        raise UsageError(f"--area: {message}")


def as_of_date(as_of: date | None, year: int | None, today: date) -> date:
    """The evaluation date: --as-of, or --year Y (the end of Y), else today; not both."""
    if as_of is not None and year is not None:
        raise UsageError("--year and --as-of name the same thing; give one of them")
    if year is not None:
        return date(year, 12, 31)
    return as_of or today


def check_since(since: date, as_of: date) -> None:
    if since > as_of:
        raise UsageError(f"--since {since} is after --as-of {as_of}")
