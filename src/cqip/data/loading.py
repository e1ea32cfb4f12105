"""Turn the raw bytes of the data files into a checked `Dataset` (and `Work`, when tasks.yaml exists).

Pure: callers pass file names and contents, so the same checks serve the CLI, tests and any
other front end, and nothing here touches the file system.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from cqip.data.actuals_file import check_duplicates, parse_actuals
from cqip.data.consistency import compound_baselines, recorded_after
from cqip.data.encoding import decode
from cqip.data.models import Catalog, Dataset
from cqip.data.problems import DataError, Problem
from cqip.data.targets_file import parse_catalog
from cqip.data.task_status_file import Work, parse_task_status
from cqip.data.task_status_file import check_duplicates as check_reports
from cqip.data.tasks_file import parse_tasks

T = TypeVar("T")


@dataclass(frozen=True)
class Source:
    name: str  # as shown in messages, e.g. "actuals/patents.csv"
    data: bytes


def load_catalog(targets: Source, departments: Collection[str] | None = None) -> Catalog:
    return parse_catalog(_text(targets), targets.name, departments)


def load_dataset(targets: Source, actuals: Sequence[Source], departments: Collection[str] | None = None,
                 today: date | None = None) -> Dataset:
    """Everything checked together; raises DataError listing every problem in every file.

    A broken targets.yaml does not hide the actuals' own mistakes: their rows are still checked
    for everything that does not need the catalog, so one run lists all problems. `today`, when
    given, refuses `recorded` dates after it.
    """
    catalog: Catalog | None = None
    problems: list[Problem] = []
    try:
        catalog = load_catalog(targets, departments)
    except DataError as exc:
        problems = exc.problems
    try:
        kept, everything = _parse_all(actuals, lambda text, name: parse_actuals(text, name, catalog), check_duplicates)
    except DataError as exc:
        raise DataError(problems + exc.problems) from None
    if catalog is None:
        raise DataError(problems)
    problems = [*compound_baselines(catalog, everything), *(recorded_after(everything, today) if today else ())]
    if problems:
        raise DataError(problems)
    return Dataset.build(catalog, kept, left_over(everything, kept))


def left_over(everything: list[T], kept: list[T]) -> tuple[T, ...]:
    """What `check_pairs` did not keep: earlier revisions, kept for "as it stood on a day".

    By identity, and not at all when nothing was dropped: hashing a million rows takes a second.
    """
    if len(everything) == len(kept):
        return ()
    ids = {id(item) for item in kept}
    return tuple(item for item in everything if id(item) not in ids)


def load_work(tasks: Source, statuses: Sequence[Source], today: date | None = None) -> Work:
    """tasks.yaml and every task_status file; raises DataError listing every problem."""
    book = parse_tasks(_text(tasks), tasks.name)
    kept, everything = _parse_all(statuses, lambda text, name: parse_task_status(text, name, book), check_reports)
    if today is not None and (problems := list(recorded_after(everything, today))):
        raise DataError(problems)
    return Work(book, tuple(kept))


def load_all(targets: Source, actuals: Sequence[Source], tasks: Source | None,
             statuses: Sequence[Source], today: date | None = None) -> tuple[Dataset, Work | None]:
    """The whole data directory; target owners are checked against tasks.yaml's departments."""
    problems: list[Problem] = []
    work = None
    if tasks is not None:
        try:
            work = load_work(tasks, statuses, today)
        except DataError as exc:
            problems.extend(exc.problems)
    try:
        dataset = load_dataset(targets, actuals, work.book.departments if work else None, today)
    except DataError as exc:
        raise DataError(problems + exc.problems) from None
    if problems:
        raise DataError(problems)
    return dataset, work


def _parse_all(sources: Sequence[Source], parse: Callable[[str, str], tuple[list[T], list[Problem]]],
               check_pairs: Callable[[list[T]], tuple[list[T], list[Problem]]]) -> tuple[list[T], list[T]]:
    """What `parse` (text, file name) finds in every source, then `check_pairs` across all of them:
    (the items kept, every item parsed); raises DataError listing every problem of every file."""
    items: list[T] = []
    problems: list[Problem] = []
    for source in sources:
        text = _collect_text(source, problems)
        if text is not None:
            parsed, found = parse(text, source.name)
            items.extend(parsed)
            problems.extend(found)
    kept, found = check_pairs(items)
    problems.extend(found)
    if problems:
        raise DataError(problems)
    return kept, items


def _text(source: Source) -> str:
    problems: list[Problem] = []
    text = _collect_text(source, problems)
    if text is None:
        raise DataError(problems)
    return text


def _collect_text(source: Source, problems: list[Problem]) -> str | None:
    """The decoded text, or None with the encoding problem appended to `problems`."""
    text, problem = decode(source.data, source.name)
    if problem is not None:
        problems.append(problem)
    return text
