"""Turn the raw bytes of the data files into a checked `Dataset` (and `Work`, when tasks.yaml exists).

Pure: callers pass file names and contents, so the same checks serve the CLI, tests and any
other front end, and nothing here touches the file system.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple, Protocol, TypeVar

from cqip.data import cache_codec as codec
from cqip.data.actuals_columns import read_file_rows
from cqip.data.actuals_file import check_duplicates, parse_actuals
from cqip.data.combined import combine, recorded_later
from cqip.data.consistency import COMPOUND, compound_baselines, recorded_after
from cqip.data.encoding import decode
from cqip.data.file_rows import FileRows
from cqip.data.models import CITY, Catalog, Dataset, TargetsFile
from cqip.data.problems import DataError, Problem
from cqip.data.targets_file import catalog_of, cross_check, read_targets
from cqip.data.task_status_file import StatusReport, Work, parse_task_status
from cqip.data.task_status_file import check_duplicates as check_reports
from cqip.data.tasks_file import TaskBook, TasksFile, read_tasks, task_book
from cqip.data.tasks_file import cross_check as cross_check_tasks

T = TypeVar("T")
M = TypeVar("M")


class Source(NamedTuple):
    name: str  # as shown in messages, e.g. "actuals/patents.csv"
    data: bytes


class Cache(Protocol):
    """Where checked data are kept between runs (`store.cache`); every failure of it only costs speed."""

    @property
    def salt(self) -> str:
        """cqip's version and code: entries of another cqip are never read."""

    def get(self, key: str) -> bytes | None: ...

    def put(self, key: str, data: bytes) -> None: ...

    def drop(self, key: str) -> None:
        """Forget an entry known to be stale."""

    def retire(self, used: Collection[str]) -> None:
        """After a successful load: forget the entries this data directory's previous load used and this
        one did not (the files they were for have changed or gone), so edits do not pile up entries."""


@dataclass
class Loaded:
    """A load's result and, for `cqip add`, each actuals file's checked rows and cache key."""

    dataset: Dataset
    work: Work | None
    rows: dict[str, FileRows]
    keys: dict[str, str]
    depends: str  # what the rows were checked against (see `rows_depend_on`)


@dataclass
class _Session:
    """One load: the cache (or None), strings shared between entries, entries to write once all is well."""

    cache: Cache | None
    shared: codec.Shared = field(default_factory=codec.Shared)
    pending: list[tuple[str, Callable[[], bytes | None]]] = field(default_factory=list)
    used: set[str] = field(default_factory=set)  # every entry this load read or writes

    def key(self, kind: str, source: Source, depends: str = "") -> str:
        key = codec.entry_key(self.cache.salt if self.cache else "", kind, codec.digest(source.data), depends)
        self.used.add(key)
        return key

    def payload(self, key: str) -> bytes | None:
        if self.cache is None:
            return None
        data = self.cache.get(key)
        return None if data is None else codec.unseal(key, data)

    def later(self, key: str, payload: Callable[[], bytes | None]) -> None:
        if self.cache is not None:
            self.pending.append((key, payload))

    def checked(self, kind: str, source: Source, depends: str, decode: Callable[[bytes], T | None],
                parse: Callable[[str], tuple[T, list[Problem]]], encode: Callable[[Any], bytes | None],
                problems: list[Problem]) -> tuple[str, T | None]:
        """(entry key, what checking `source` gives): from the cache, else parsed — and then cached
        if it had no problem (they go to `problems`); None when the file is not even text."""
        key = self.key(kind, source, depends)
        payload = self.payload(key)
        item = None if payload is None else decode(payload)
        if item is None:
            text = _collect_text(source, problems)
            if text is None:
                return key, None
            item, found = parse(text)
            problems.extend(found)
            if not found:
                self.later(key, lambda: encode(item))
        return key, item

    def model(self, kind: str, source: Source, model: type[M], read: Callable[[str], M],
              cross_check: Callable[[M], Iterable[object]]) -> M:
        """A YAML file's validated model: from the cache when it is there and passes the cross-checks
        (which may depend on other files), else read; raises DataError."""
        key = self.key(kind, source)
        payload = self.payload(key)
        parsed = None if payload is None else codec.decode_model(model, payload)
        if parsed is None or any(True for _ in cross_check(parsed)):
            parsed = read(_text(source))
            self.later(key, lambda: codec.encode_model(parsed))
        return parsed

    def flush(self) -> None:
        """Write the new entries: called only after the whole load succeeded."""
        for key, make in self.pending:
            payload = make()
            if payload is not None and self.cache is not None:
                self.cache.put(key, codec.seal(key, payload))
        self.pending.clear()


def load_catalog(targets: Source, departments: Collection[str] | None = None) -> Catalog:
    return _catalog(_Session(None), targets, departments)


def load_dataset(targets: Source, actuals: Sequence[Source], departments: Collection[str] | None = None,
                 today: date | None = None, cache: Cache | None = None) -> Dataset:
    """Everything checked together; raises DataError listing every problem in every file. `today`,
    when given, refuses `recorded` dates after it."""
    session = _Session(cache)
    dataset, _, _ = _dataset(session, targets, actuals, departments, today)
    session.flush()
    return dataset


def _dataset(session: _Session, targets: Source, actuals: Sequence[Source], departments: Collection[str] | None,
             today: date | None) -> tuple[Dataset, dict[str, FileRows], dict[str, str]]:
    """A broken targets.yaml does not hide the actuals' own mistakes: their rows are still checked
    for everything that does not need the catalog, so one run lists all problems."""
    try:
        catalog = _catalog(session, targets, departments)
    except DataError as exc:
        try:
            _parse_all(actuals, lambda text, name: parse_actuals(text, name, None), check_duplicates)
        except DataError as more:
            raise DataError(exc.problems + more.problems) from None
        raise
    depends = rows_depend_on(catalog)
    problems: list[Problem] = []
    files: list[tuple[str, FileRows]] = []
    keys: dict[str, str] = {}
    def decode_rows(payload: bytes) -> FileRows | None:
        return codec.decode_rows(payload, session.shared)

    for source in actuals:
        def read(text: str, name: str = source.name) -> tuple[FileRows, list[Problem]]:
            return read_file_rows(text, name, catalog)

        keys[source.name], rows = session.checked("actuals", source, depends, decode_rows, read, codec.encode_rows,
                                                  problems)
        if rows is not None:
            files.append((source.name, rows))
    try:
        dataset = combine(catalog, files)
    except DataError as exc:
        problems.extend(exc.problems)
    if problems:
        raise DataError(problems)
    everything = [obs for key in _compound_series(catalog) for obs in dataset.by_series.get(key, ())]
    everything += [obs for obs in dataset.superseded if (obs.indicator, obs.region) in _compound_series(catalog)]
    problems = [*compound_baselines(catalog, everything),
                *(recorded_after(recorded_later(files, today), today) if today else ())]
    if problems:
        raise DataError(problems)
    return dataset, dict(files), keys


def _compound_series(catalog: Catalog) -> set[tuple[str, str]]:
    """The series `compound_baselines` looks at: those of multiple and growth targets without a baseline value."""
    return {(t.indicator, t.region or CITY) for t in catalog.targets if t.kind in COMPOUND and t.baseline_value is None}


def rows_depend_on(catalog: Catalog) -> str:
    """All of targets.yaml that checking an actuals row looks at: indicator ids and units, the region list."""
    units = sorted((indicator.id, indicator.unit) for indicator in catalog.indicators.values())
    return codec.digest(json.dumps([units, catalog.regions], ensure_ascii=False).encode())


def _catalog(session: _Session, targets: Source, departments: Collection[str] | None) -> Catalog:
    return catalog_of(session.model("targets", targets, TargetsFile,
                                    lambda text: read_targets(text, targets.name, departments),
                                    lambda parsed: cross_check(parsed, departments)))


def _book(session: _Session, tasks: Source) -> TaskBook:
    return task_book(session.model("tasks", tasks, TasksFile, lambda text: read_tasks(text, tasks.name),
                                   cross_check_tasks))


def left_over(everything: list[T], kept: list[T]) -> tuple[T, ...]:
    """What `check_pairs` did not keep: earlier revisions, kept for "as it stood on a day".

    By identity, and not at all when nothing was dropped: hashing a million rows takes a second.
    """
    if len(everything) == len(kept):
        return ()
    ids = {id(item) for item in kept}
    return tuple(item for item in everything if id(item) not in ids)


def load_work(tasks: Source, statuses: Sequence[Source], today: date | None = None,
              cache: Cache | None = None) -> Work:
    """tasks.yaml and every task_status file; raises DataError listing every problem."""
    session = _Session(cache)
    work = _work(session, tasks, statuses, today)
    session.flush()
    return work


def _work(session: _Session, tasks: Source, statuses: Sequence[Source], today: date | None) -> Work:
    book = _book(session, tasks)
    depends = codec.digest(json.dumps(sorted(book.tasks)).encode())
    reports: list[StatusReport] = []
    problems: list[Problem] = []
    for source in statuses:
        def decode_reports(payload: bytes, name: str = source.name) -> list[StatusReport] | None:
            return codec.decode_reports(payload, name, book.tasks.__contains__, session.shared)

        def read(text: str, name: str = source.name) -> tuple[list[StatusReport], list[Problem]]:
            return parse_task_status(text, name, book)

        _, found = session.checked("task_status", source, depends, decode_reports, read, codec.encode_reports,
                                   problems)
        reports.extend(found or ())
    kept, wrong = check_reports(reports)
    problems.extend(wrong)
    if problems:
        raise DataError(problems)
    if today is not None and (problems := list(recorded_after(reports, today))):
        raise DataError(problems)
    return Work(book, tuple(kept))


def load_all(targets: Source, actuals: Sequence[Source], tasks: Source | None,
             statuses: Sequence[Source], today: date | None = None,
             cache: Cache | None = None) -> tuple[Dataset, Work | None]:
    """The whole data directory; target owners are checked against tasks.yaml's departments."""
    loaded = load_checked(targets, actuals, tasks, statuses, cache, today)
    return loaded.dataset, loaded.work


def load_checked(targets: Source, actuals: Sequence[Source], tasks: Source | None,
                 statuses: Sequence[Source], cache: Cache | None = None, today: date | None = None) -> Loaded:
    """`load_all`, keeping what `cqip add` updates; the cache's new entries are written only on success."""
    session = _Session(cache)
    problems: list[Problem] = []
    work = None
    if tasks is not None:
        try:
            work = _work(session, tasks, statuses, today)
        except DataError as exc:
            problems.extend(exc.problems)
    try:
        dataset, rows, keys = _dataset(session, targets, actuals, work.book.departments if work else None, today)
    except DataError as exc:
        raise DataError(problems + exc.problems) from None
    if problems:
        raise DataError(problems)
    session.flush()
    if cache is not None:  # the whole directory was read: what it did not use is stale
        cache.retire(session.used)
    return Loaded(dataset, work, rows, keys, rows_depend_on(dataset.catalog))


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
