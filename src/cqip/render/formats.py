"""One switch from an output format to the text it produces, shared by status, gap and report."""

from __future__ import annotations

from datetime import date

from cqip.evaluation import Evaluation
from cqip.render.blocks import Block


def render_targets(fmt: str, evaluations: list[Evaluation], as_of: date, blocks: list[Block]) -> str:
    """json/csv: one record per target by id; text/markdown: the blocks (the rich table is separate)."""
    from cqip.records import sorted_records

    if fmt == "json":
        from cqip.render.json_out import dumps

        return dumps(sorted_records(evaluations, as_of))
    if fmt == "csv":
        from cqip.render import csv_out

        return csv_out.dumps(sorted_records(evaluations, as_of))
    if fmt == "markdown":
        from cqip.render import markdown

        return markdown.render(blocks)
    from cqip.render import text

    return text.render(blocks)
