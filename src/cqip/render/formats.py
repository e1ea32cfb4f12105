"""One switch from an output format to the text it produces, shared by every command with --format."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from cqip.verdicts.evaluation import Evaluation
from cqip.views.records import FIELDS
from cqip.render.blocks import Block


def render(fmt: str, records: list[dict[str, Any]], blocks: list[Block], fields: Sequence[str] = FIELDS) -> str:
    """json/csv: the flat records (csv columns `fields`); text/markdown: the blocks (the rich table is separate)."""
    if fmt == "json":
        from cqip.render.json_out import dumps

        return dumps(records)
    if fmt == "csv":
        from cqip.render import csv_out

        return csv_out.dumps(records, fields)
    if fmt == "markdown":
        from cqip.render import markdown

        return markdown.render(blocks)
    from cqip.render import text

    return text.render(blocks)


def render_targets(fmt: str, evaluations: list[Evaluation], as_of: date, blocks: list[Block]) -> str:
    """Targets as one record each, by id."""
    from cqip.views.records import sorted_records

    return render(fmt, sorted_records(evaluations, as_of), blocks)
