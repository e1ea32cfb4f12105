"""Turn the raw bytes of targets.yaml and the actuals files into a checked `Dataset`.

Pure: callers pass file names and contents, so the same checks serve the CLI, tests and any
other front end, and nothing here touches the file system.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cqip.actuals import check_duplicates, decode, parse_actuals
from cqip.catalog import parse_catalog
from cqip.models import Catalog, Dataset, Observation
from cqip.problems import DataError, Problem


@dataclass(frozen=True)
class Source:
    name: str  # as shown in messages, e.g. "actuals/patents.csv"
    data: bytes


def load_catalog(targets: Source) -> Catalog:
    text, problem = decode(targets.data, targets.name)
    if problem is not None or text is None:
        raise DataError([problem] if problem else [])
    return parse_catalog(text, targets.name)


def load_dataset(targets: Source, actuals: Sequence[Source]) -> Dataset:
    """Everything checked together; raises DataError listing every problem in every file."""
    catalog = load_catalog(targets)
    observations: list[Observation] = []
    problems: list[Problem] = []
    for source in actuals:
        text, problem = decode(source.data, source.name)
        if problem is not None or text is None:
            problems.extend([problem] if problem else [])
            continue
        parsed, found = parse_actuals(text, source.name, catalog)
        observations.extend(parsed)
        problems.extend(found)
    kept, found = check_duplicates(observations)
    problems.extend(found)
    if problems:
        raise DataError(problems)
    replaced = set(kept)
    return Dataset.build(catalog, kept, tuple(o for o in observations if o not in replaced))
