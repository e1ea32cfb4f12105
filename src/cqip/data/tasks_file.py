"""tasks.yaml → the annex's work items and who is responsible, checked like targets.yaml.

The plan's annex (2017 work plan) numbers 45 work items in six areas and names the responsible
departments, the first one leading. Department names are declared once, so that a misspelt name in
an item (or in a target's `owners`) is an error with the closest name suggested, not a new
department.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Annotated, Literal

from cqip.data.constraints import Rules
from cqip.data.models import model
from cqip.data.names import Named, resolve, suggest
from cqip.data.yaml_checks import KeyPath, check_names, check_unique

Name = Annotated[str, Rules(min_length=1)]


class TaskStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"
    UNKNOWN = "unknown"  # no report yet; never written in task_status files


@model
class WorkPlan:
    title_zh: Name
    title_en: Name
    source: str | None = None
    due: date


@model
class Area:
    id: Name
    zh: Name
    en: Name


@model
class Successor:
    """Who does a department's job today, with the evidence (see the comment in tasks.yaml)."""

    name: Name
    en: Name
    since: Annotated[str, Rules(pattern=r"^[0-9]{4}(-[0-9]{2}){0,2}$")] | None = None
    source: Name
    evidence: Literal["A", "B", "C"]
    note: str | None = None


@model
class Department:
    name: Name
    en: Name
    collective: bool = False  # a group the plan names without listing its members (item 22)
    successor: Successor | None = None  # set when the department was renamed, merged or replaced since 2016

    @property
    def named(self) -> Named:
        """Found by its name in the plan, its English name, or its successor's names."""
        later = (self.successor.name, self.successor.en) if self.successor else ()
        return Named(self.name, (self.en, *later))


@model
class Task:
    number: Annotated[int, Rules(ge=1)]
    area: Name
    zh: Name
    en: Name
    departments: Annotated[tuple[Name, ...], Rules(min_length=1)]

    @property
    def lead(self) -> str:
        return self.departments[0]


@model
class TasksFile:
    plan: WorkPlan
    areas: list[Area]
    departments: list[Department]
    tasks: list[Task]


@dataclass(frozen=True)
class TaskBook:
    """A validated tasks.yaml: items by number, areas and departments in file order."""

    plan: WorkPlan
    areas: dict[str, Area]
    departments: dict[str, Department]
    tasks: dict[int, Task]

    def departments_called(self, name: str) -> list[str]:
        """The plan's departments `name` stands for: one by its plan or English name, every predecessor
        by a successor's name (`市市场监管局` → 市工商局; `市经济信息委` → itself and 市中小企业局)."""
        return resolve(name, (d.named for d in self.departments.values()))

    def unknown_department(self, name: str) -> str | None:
        """A message for a name that is no department of the plan nor a successor's, else None."""
        if self.departments_called(name):
            return None
        return f"unknown department {name!r}{suggest(name, (d.named for d in self.departments.values()))}"

    def unknown_area(self, area: str) -> str | None:
        if area in self.areas:
            return None
        return f"unknown area {area!r}; the areas are {' '.join(self.areas)}"


def parse_tasks(text: str, filename: str) -> TaskBook:
    return task_book(read_tasks(text, filename))


def read_tasks(text: str, filename: str) -> TasksFile:
    """The file validated and cross-checked, as the model the checked-data cache stores."""
    from cqip.data.yaml_reader import parse_model  # PyYAML only when a file must be parsed (not from the cache)

    return parse_model(text, filename, TasksFile, "plan, areas, departments, tasks", cross_check)


def task_book(parsed: TasksFile) -> TaskBook:
    return TaskBook(
        plan=parsed.plan,
        areas={a.id: a for a in parsed.areas},
        departments={d.name: d for d in parsed.departments},
        tasks={t.number: t for t in sorted(parsed.tasks, key=lambda t: t.number)},
    )


def cross_check(parsed: TasksFile) -> Iterator[tuple[KeyPath, str]]:
    """Unique keys, known areas and departments, and item numbers 1…n without a gap."""
    yield from check_unique(parsed, ("areas", "id"), ("departments", "name"), ("tasks", "number"))
    areas = {a.id for a in parsed.areas}
    departments = {d.name for d in parsed.departments}
    for i, task in enumerate(parsed.tasks):
        if task.area not in areas:
            yield ("tasks", i, "area"), f"unknown area {task.area!r}{suggest(task.area, areas)}"
        yield from check_names(("tasks", i, "departments"), task.departments, departments, "department")
    numbers = {t.number for t in parsed.tasks}
    gaps = sorted(set(range(1, max(numbers, default=0) + 1)) - numbers)
    if gaps:
        yield ("tasks",), f"item numbers must run from 1 without a gap; missing {', '.join(map(str, gaps))}"
