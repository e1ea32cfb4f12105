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
from typing import Annotated

from pydantic import Field

from cqip.data.models import _Strict
from cqip.data.names import suggest
from cqip.data.yaml_reader import KeyPath, check_names, check_unique, parse_model

Name = Annotated[str, Field(min_length=1)]


class TaskStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"
    UNKNOWN = "unknown"  # no report yet; never written in task_status files


class WorkPlan(_Strict):
    title_zh: Name
    title_en: Name
    source: str | None = None
    due: date


class Area(_Strict):
    id: Name
    zh: Name
    en: Name


class Department(_Strict):
    name: Name
    en: Name
    collective: bool = False  # a group the plan names without listing its members (item 22)


class Task(_Strict):
    number: Annotated[int, Field(ge=1)]
    area: Name
    zh: Name
    en: Name
    departments: Annotated[tuple[Name, ...], Field(min_length=1)]

    @property
    def lead(self) -> str:
        return self.departments[0]


class TasksFile(_Strict):
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

    def unknown_department(self, name: str) -> str | None:
        """A message for a name that is not one of the plan's departments, else None."""
        if name in self.departments:
            return None
        return f"unknown department {name!r}{suggest(name, self.departments)}"

    def unknown_area(self, area: str) -> str | None:
        if area in self.areas:
            return None
        return f"unknown area {area!r}; the areas are {' '.join(self.areas)}"


def parse_tasks(text: str, filename: str) -> TaskBook:
    return task_book(read_tasks(text, filename))


def read_tasks(text: str, filename: str) -> TasksFile:
    """The file validated and cross-checked, as the model the checked-data cache stores."""
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
