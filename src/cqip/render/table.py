"""Rich tables for people at a terminal; rich drops colour itself when piped or NO_COLOR is set."""

from __future__ import annotations

from rich import box
from rich.table import Table
from rich.text import Text

from cqip.verdicts.evaluation import Evaluation
from cqip.data.models import Section
from cqip.verdicts.regions import Ranked
from cqip.render.labels import OUTLOOK_STYLE, STATUS_STYLE, WORDS, bar, name, number, outlook_word, percent, period, verdict


def _status(ev: Evaluation, lang: str) -> Text:
    return Text(verdict(ev, lang), style=STATUS_STYLE[ev.status])


def _outlook(ev: Evaluation, lang: str) -> Text:
    if ev.outlook is None:
        return Text("")
    return Text(outlook_word(ev.outlook, lang), style=OUTLOOK_STYLE[ev.outlook])


def _actual_vs_target(ev: Evaluation) -> str:
    return f"{number(ev.actual)} / {number(ev.target_value)}"


def _achievement(ev: Evaluation) -> str:
    """A bar capped at 100 % plus the exact 完成率, which may exceed it."""
    return f"{bar(ev.achievement, 8)} {percent(ev.achievement)}" if ev.achievement is not None else ""


def _table(title: str) -> Table:
    return Table(title=title, title_justify="left", header_style="bold", box=box.SIMPLE_HEAD,
                 show_edge=False, pad_edge=False, padding=(0, 1))


def _column(table: Table, header: str, *, right: bool = False, max_width: int | None = None,
            min_width: int | None = None) -> None:
    """Single-line cells: names are cut with an ellipsis (verdict columns never) instead of wrapping."""
    table.add_column(header, justify="right" if right else "left", no_wrap=True, overflow="ellipsis",
                     max_width=max_width, min_width=min_width)


def status_table(groups: list[tuple[Section, list[Evaluation]]], title: str, *, wide: bool, lang: str) -> Table:
    """`wide` (≥ 120 columns) adds the Chinese indicator name; verdict columns are never cut."""
    table = _table(title)
    _column(table, "target", max_width=34 if wide else 26)
    if wide:
        _column(table, WORDS[lang]["name"], max_width=24)
    _column(table, "actual / target", right=True, min_width=13)
    _column(table, WORDS[lang]["achievement"], min_width=13)  # 完成率
    _column(table, "period", min_width=7)
    _column(table, "status", min_width=10)
    _column(table, "outlook", min_width=10)
    for section, rows in groups:
        heading = (section.zh, section.en) if wide else (section.zh if lang == "zh" else section.en,)
        table.add_row(*(Text(part, style="bold cyan") for part in heading))  # one part per column: never cut
        for i, ev in enumerate(rows):
            cells: list[str | Text] = [ev.target.id, *([name(ev, lang)] if wide else []), _actual_vs_target(ev),
                                       _achievement(ev), period(ev), _status(ev, lang), _outlook(ev, lang)]
            table.add_row(*cells, end_section=i == len(rows) - 1)
    return table


def gap_table(rows: list[Evaluation], title: str, *, wide: bool, lang: str) -> Table:
    table = _table(title)
    _column(table, "target", max_width=34 if wide else 18)
    if wide:
        _column(table, WORDS[lang]["name"], max_width=20)
    _column(table, "status", min_width=10)
    _column(table, "behind", right=True, min_width=9)
    _column(table, "actual", right=True, min_width=6)
    _column(table, "expected", right=True, min_width=8)
    _column(table, "to path", right=True, min_width=7)
    if wide:
        _column(table, "target", right=True, min_width=6)
    _column(table, "to target", right=True, min_width=9)
    _column(table, "period", min_width=7)
    for ev in rows:
        behind = ev.behind
        table.add_row(
            ev.target.id, *([name(ev, lang)] if wide else []), _status(ev, lang),
            "" if behind is None else f"{behind * 100:+.1f} pts", number(ev.actual), number(ev.expected),
            number(ev.gap_to_expected), *([number(ev.target_value)] if wide else []), number(ev.gap_to_target),
            period(ev),
        )
    return table



def compare_table(ranked: list[Ranked], title: str, *, lang: str) -> Table:
    """`cqip compare` for people: best region first, the value that applies there, a 完成率 bar."""
    w = WORDS[lang]
    table = _table(title)
    _column(table, w["rank"], right=True)
    _column(table, w["region"], max_width=20)
    _column(table, w["actual_target"], right=True, min_width=13)
    _column(table, w["achievement"], min_width=13)
    _column(table, w["period"], min_width=7)
    _column(table, w["status"], min_width=10)
    for r in ranked:
        ev = r.evaluation
        table.add_row(str(r.rank), r.region, _actual_vs_target(ev), _achievement(ev), period(ev), _status(ev, lang))
    return table
