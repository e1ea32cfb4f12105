"""Plain text for mail and files: no colour codes, the same bytes every run, wrapped to the width."""

from __future__ import annotations

from cqip.render.layout import PLAIN, layout, plain
from cqip.views.document import Document

WIDTH = 100


def render(doc: Document, width: int = WIDTH) -> str:
    return plain(layout(doc, width, PLAIN))
