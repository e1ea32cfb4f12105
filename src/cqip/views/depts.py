"""`cqip depts`: per department, the work items it leads and shares and the targets it owns."""

from __future__ import annotations

from datetime import date
from typing import Any

from cqip.data.task_status_file import Work
from cqip.data.tasks_file import TaskBook, TaskStatus
from cqip.verdicts.evaluation import Evaluation, Status
from cqip.views.document import Block, Document, Table, cell
from cqip.views.targets import column, footer
from cqip.views.tasks import plan_title
from cqip.views.words import word

Record = dict[str, Any]
# Documented in the README; keep the order stable.
DEPT_FIELDS = (
    "department", "department_en", "collective", "items_led", "items_shared", "items_done", "targets_owned",
    "targets_off_track", "targets_missed", "successor", "successor_en",
)
# The count columns, in the order every table shows them, with their column words.
COUNTS = (("items_led", "led"), ("items_shared", "shared"), ("items_done", "done"), ("targets_owned", "owned"),
          ("targets_off_track", "off_track"), ("targets_missed", "missed"))


def dept_records(work: Work, evaluations: list[Evaluation], as_of: date) -> list[dict[str, Any]]:
    """One row per department in tasks.yaml order: items led and shared (named, not first), how many
    of those are done, and the targets it owns with how many are off track or missed."""
    latest = work.latest(as_of)
    records = []
    for name, dept in work.book.departments.items():
        named = [t for t in work.book.tasks.values() if name in t.departments]
        owned = [ev for ev in evaluations if name in ev.target.owners]
        records.append({
            "department": name,
            "department_en": dept.en,
            "collective": dept.collective,
            "items_led": sum(1 for t in named if t.lead == name),
            "items_shared": sum(1 for t in named if t.lead != name),
            "items_done": sum(1 for t in named if t.number in latest and latest[t.number].status is TaskStatus.DONE),
            "targets_owned": len(owned),
            "targets_off_track": sum(1 for ev in owned if ev.status is Status.OFF_TRACK),
            "targets_missed": sum(1 for ev in owned if ev.status is Status.MISSED),
            "successor": dept.successor.name if dept.successor else None,
            "successor_en": dept.successor.en if dept.successor else None,
        })
    return records


def unowned(evaluations: list[Evaluation]) -> list[str]:
    """Ids of the targets with no identifiable owner."""
    return [ev.target.id for ev in evaluations if not ev.target.owners]




def title(book: TaskBook, as_of: date, lang: str) -> str:
    return plan_title(book, "title.depts", as_of, lang)


def name(record: Record, lang: str) -> str:
    """A department as spelt in the plan, or in English."""
    return str(record["department"] if lang == "zh" else record["department_en"])


def name_today(record: Record, lang: str) -> str:
    """`市工商局 → 市市场监管局`: the plan's name and, when it has changed, today's."""
    later = record["successor"] if lang == "zh" else record["successor_en"]
    return f"{name(record, lang)} → {later}" if later else name(record, lang)


def document(records: list[Record], orphans: list[str], targets: int, title: str, lang: str) -> Document:
    """One table of departments; `orphans` are the ids of the targets (of `targets`) nobody owns."""
    columns = (column("department", lang), *(column(key, lang, numeric=True) for _, key in COUNTS))
    rows = tuple((cell(name_today(r, lang)),
                  *(cell(str(r[field]), _style(key, r[field]), r[field]) for field, key in COUNTS)) for r in records)
    notes = tuple(word("line.collective", lang, name=name(r, lang)) for r in records if r["collective"])
    unowned = word("line.unowned", lang, n=targets, k=len(orphans))
    if orphans:
        unowned += ("：" if lang == "zh" else ": ") + ", ".join(orphans)
    return Document(title, (Block(table=Table(columns, rows)), *footer(notes, unowned, lang)), lang,
                    name=word("title.depts", lang))


def _style(key: str, count: int) -> str:
    """Targets off track or missed stand out when there are any."""
    return "alarm" if count and key in ("off_track", "missed") else ""
