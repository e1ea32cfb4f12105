"""Orderings and tallies of verdicts, shared by every view, so tables and JSON always agree."""

from __future__ import annotations

from collections import Counter

from cqip.data.models import Catalog, Section
from cqip.verdicts.evaluation import SEVERITY, Evaluation, Status


def by_section(evaluations: list[Evaluation], catalog: Catalog) -> list[tuple[Section, list[Evaluation]]]:
    """Plan order: sections as listed in targets.yaml, targets in file order within each."""
    groups = [(section, [e for e in evaluations if e.target.section == section.id])
              for section in catalog.sections.values()]
    return [(section, rows) for section, rows in groups if rows]


def worst_first(evaluations: list[Evaluation]) -> list[Evaluation]:
    """`gap` order: behind the path first, furthest first; then the rest by severity (missed, off track,
    at risk, incomplete, no data, on track, achieved) — a target ahead of its path is no gap."""
    def key(ev: Evaluation) -> tuple[bool, float, int, str]:
        behind = ev.behind if ev.behind is not None and ev.behind > 0 else None
        return (behind is None, -(behind or 0.0), SEVERITY.index(ev.status), ev.target.id)

    return sorted(evaluations, key=key)


def status_counts(evaluations: list[Evaluation]) -> dict[Status, int]:
    counts = Counter(ev.status for ev in evaluations)
    return {status: counts.get(status, 0) for status in Status}
