"""What one command looks at, and every check of the options that choose it.

The options (--region, --dept, --area, a target or indicator id, dates) name things the data may
not have or contradict each other; each check raises `UsageError` with the one-line explanation,
and the command line only prints it. Commands ask here rather than checking options themselves.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import NamedTuple

from cqip.data.models import CITY, Dataset, Indicator, Kind, Target
from cqip.data.names import Named, indicator_names, resolve, suggest, target_names
from cqip.data.problems import UsageError
from cqip.data.task_status_file import Work
from cqip.data.tasks_file import Department
from cqip.verdicts.regions import in_region, known_regions

TASKS_NEEDED = "this needs tasks.yaml (the plan's work items) in the data directory"


class Dept(NamedTuple):
    """What `--dept NAME` stands for: the plan's departments it names (a successor's name names every
    department it succeeded), and the name as asked, for titles."""

    asked: str
    departments: tuple[Department, ...]

    @property
    def names(self) -> frozenset[str]:
        return frozenset(d.name for d in self.departments)

    @property
    def by_successor(self) -> bool:
        """Asked by a successor's name (`市市场监管局`), not by a name of the plan."""
        return all(d.name != self.asked and d.en != self.asked for d in self.departments)


def scoped(dataset: Dataset, work: Work | None, *, region: str | None = None, dept: str | None = None,
           target_id: str | None = None) -> Dataset:
    """`dataset` as `region` (default the whole city) sees it, only the targets `dept` owns when given.
    A region no file or target names is an error, and so is asking for `target_id` outside the only
    region it is set for (a rank target's is the whole city)."""
    region = None if region is None else find_region(dataset, region)
    if dept is not None:
        dataset = owned_by(dataset, department(work, dept).names)
    view = in_region(dataset, region or CITY)
    if target_id is not None and all(t.id != target_id for t in view.catalog.targets):
        elsewhere = next((t.region or CITY for t in dataset.catalog.targets
                          if t.id == target_id and (t.region or t.kind is Kind.RANK)), None)
        if elsewhere:
            raise UsageError(f"target {target_id} applies to {elsewhere} only; add --region {elsewhere}")
    return view


def owned_by(dataset: Dataset, names: frozenset[str]) -> Dataset:
    """The dataset reduced to the targets some of `names` own, so every target view can be asked per department."""
    targets = [t for t in dataset.catalog.targets if names & set(t.owners)]
    return replace(dataset, catalog=replace(dataset.catalog, targets=targets))


def find_region(dataset: Dataset, name: str) -> str:
    """A region some file or target names (else an error with the nearest names)."""
    known = known_regions(dataset)
    if name in known:
        return name
    hint = suggest(name, sorted(known)) or "; no actuals row, target or regions: list names it"
    raise UsageError(f"unknown region {name!r}{hint}")


def find_target(dataset: Dataset, name: str) -> Target:
    """The target with this id, or the one target of the indicator so named; else an error naming the
    nearest ids, or every target a shared name stands for."""
    catalog = dataset.catalog
    found = _one("target", name, target_names(catalog))
    return next(t for t in catalog.targets if t.id == found)


def find_indicator(dataset: Dataset, name: str) -> Indicator:
    """The indicator with this id or Chinese or English name; else an error naming the nearest ids."""
    return dataset.catalog.indicators[_one("indicator", name, indicator_names(dataset.catalog))]


def _one(what: str, name: str, things: list[Named]) -> str:
    if any(t.id == name for t in things):
        return name
    found = resolve(name, things)
    if len(found) == 1:
        return found[0]
    if found:
        raise UsageError(f"{name!r} names {len(found)} {what}s: {', '.join(found)}; give the id")
    raise UsageError(f"unknown {what} {name!r}{suggest(name, things)}")


def need_work(work: Work | None) -> Work:
    if work is None:
        raise UsageError(TASKS_NEEDED)
    return work


def department(work: Work | None, name: str) -> Dept:
    """A department by its name in the plan, its English name or its successor's name (the error
    suggests the nearest names)."""
    book = need_work(work).book
    message = book.unknown_department(name)
    if message is not None:
        raise UsageError(f"--dept: {message}")
    return Dept(name, tuple(book.departments[n] for n in book.departments_called(name)))


def check_task_filter(work: Work, *, area: str | None, dept: str | None, lead_only: bool) -> Dept | None:
    """`cqip tasks`'s options: a known area and department; --lead-only only with --dept."""
    if lead_only and dept is None:
        raise UsageError("--lead-only needs --dept")
    found = department(work, dept) if dept is not None else None
    if area is not None and (message := work.book.unknown_area(area)):
        raise UsageError(f"--area: {message}")
    return found


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
