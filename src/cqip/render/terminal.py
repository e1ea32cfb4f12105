"""The same layout as plain text, for a person at a terminal: colours for statuses, bold headings.

rich's Console decides whether colour is wanted (a terminal, no NO_COLOR), so piping
`--format table` gives the plain characters.
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from cqip.render.layout import TERMINAL, layout
from cqip.views.document import Document

STYLES = {
    "title": "bold", "heading": "bold cyan", "header": "bold", "dim": "dim", "bold": "bold",
    "status.achieved": "bold green", "status.on_track": "green", "status.at_risk": "yellow",
    "status.off_track": "red", "status.missed": "bold red", "status.incomplete": "magenta", "status.no_data": "dim",
    "outlook.on_course": "green", "outlook.acceleration_needed": "yellow", "outlook.stagnating": "red",
    "task.done": "green", "task.in_progress": "yellow", "task.not_started": "red", "task.dropped": "magenta",
    "task.unknown": "dim", "overdue": "bold red", "alarm": "red",
    "chart.expected": "yellow", "chart.target": "cyan", "chart.actual": "bold green",
}


def show(doc: Document, console: Console) -> None:
    text = Text()
    for i, line in enumerate(layout(doc, console.width, TERMINAL)):
        if i:
            text.append("\n")
        for part, style in line:
            text.append(part, STYLES.get(style, ""))
    text.rstrip()
    console.print(text, soft_wrap=True)
