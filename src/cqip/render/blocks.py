"""What the text and Markdown outputs say, as titled blocks of plain strings.

Both formats show the same words and the same rows; only the layout differs, so the content is
built once here and `text` / `markdown` only arrange it.
"""

from __future__ import annotations

from dataclasses import dataclass

from cqip.verdicts.evaluation import Evaluation
from cqip.data.models import Section
from cqip.verdicts.regions import Ranked, titled
from cqip.render.labels import WORDS, heading, name, number, outlook_word, percent, period, status_word, verdict
from cqip.views.report import Report
from cqip.views.ordering import status_counts, summary_line


@dataclass(frozen=True)
class Block:
    """A heading, paragraph lines, then an optional table; `shrink` columns may be cut to fit."""

    title: str
    lines: tuple[str, ...] = ()
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    right: frozenset[int] = frozenset()
    shrink: tuple[int, ...] = ()
    wrap: tuple[str, ...] = ()  # short items (ids) listed after the lines, wrapped at the width


def status_blocks(groups: list[tuple[Section, list[Evaluation]]], title: str, lang: str) -> list[Block]:
    w = WORDS[lang]
    header = (w["target"], w["name"], w["actual_target"], w["achievement"], w["period"], w["status"], w["outlook"])
    blocks = [Block(title)]
    for section, rows in groups:
        blocks.append(Block(
            section.zh if lang == "zh" else section.en,
            header=header,
            rows=tuple((ev.target.id, name(ev, lang), f"{number(ev.actual)} / {number(ev.target_value)}",
                        percent(ev.achievement), period(ev), verdict(ev, lang), outlook_word(ev.outlook, lang))
                       for ev in rows),
            right=frozenset({2, 3}), shrink=(1, 0),
        ))
    evaluations = [ev for _, rows in groups for ev in rows]
    return [*blocks, *_footer(evaluations, lang)]


def gap_blocks(evaluations: list[Evaluation], title: str, lang: str) -> list[Block]:
    """`evaluations` in `views.worst_first` order."""
    return [_gap_block(title, evaluations, lang), *_footer(evaluations, lang)]


def report_blocks(report: Report, lang: str) -> list[Block]:
    """The report's sections in the order the README documents."""
    w = WORDS[lang]
    as_of = report.as_of.isoformat()
    never = tuple(s.indicator.id for s in report.stale if s.latest is None)
    return [
        Block(heading(titled(report.plan, report.region), "report_title", as_of, lang), lines=(
            f"{w['as_of']}: {as_of}    {w['since']}: {report.since.isoformat()}",
            f"{w['data_dir']}: {report.data_dir}",
            f"{w['targets']}: {report.targets}    {w['observations']}: {report.observations}    "
            f"{w['newest']}: {report.newest or '–'}",
        )),
        Block(w["counts"], lines=(
            f"{w['by_status']}: " + "  ".join(f"{status_word(s, lang)} {n}" for s, n in report.status_counts.items()),
            f"{w['by_outlook']}: " + "  ".join(
                f"{outlook_word(o, lang) if o else w['no_outlook']} {n}" for o, n in report.outlook_counts.items()),
        )),
        Block(f"{w['changed']} ({report.since.isoformat()} → {as_of})",
              lines=(f"{w['new_rows']}: {len(report.recorded) or w['none']}",),
              header=(w["recorded"], w["name"], w["period"], w["value"], w["unit"], w["source"]) if report.recorded else (),
              rows=tuple((str(o.recorded), o.indicator, str(o.period), number(o.value), o.unit, o.source)
                         for o in report.recorded),
              right=frozenset({3}), shrink=(5, 1)),
        Block(w["status_changes"], lines=() if report.changes else (w["none"],),
              header=(w["target"], w["before"], w["after"]) if report.changes else (),
              rows=tuple((c.target_id, status_word(c.before, lang), status_word(c.after, lang)) for c in report.changes),
              shrink=(0,)),
        _gap_block(w["attention"], report.attention, lang) if report.attention else Block(w["attention"], (w["none"],)),
        Block(f"{w['stale']} ({w['stale_rule'].format(months=report.stale_months)})",
              lines=() if report.stale else (w["none"],),
              header=(w["name"], w["latest"]) if any(s.latest for s in report.stale) else (),
              rows=tuple((s.indicator.id, str(s.latest.period)) for s in report.stale if s.latest), shrink=(0,)),
        Block("", lines=(f"{w['never']} ({len(never)}):",) if never else (), wrap=never),
        Block(w["summary"], lines=(summary(report.evaluations, lang),)),
    ]


def compare_blocks(ranked: list[Ranked], title: str, lang: str) -> list[Block]:
    """`cqip compare`: one row per region, best first, with the target value that applies there."""
    w = WORDS[lang]
    return [Block(
        title, lines=() if ranked else (w["none"],),
        header=(w["rank"], w["region"], w["actual_target"], w["achievement"], w["period"], w["status"]) if ranked else (),
        rows=tuple((str(r.rank), r.region, f"{number(r.evaluation.actual)} / {number(r.evaluation.target_value)}",
                    percent(r.evaluation.achievement), period(r.evaluation), verdict(r.evaluation, lang))
                   for r in ranked),
        right=frozenset({0, 2, 3}), shrink=(1,),
    )]


def summary(evaluations: list[Evaluation], lang: str) -> str:
    """`views.summary_line` in the chosen language: one line, every status, the date is in the title."""
    if lang == "en":
        return summary_line(evaluations)
    counts = "，".join(f"{status_word(s, lang)}{n}" for s, n in status_counts(evaluations).items())
    return f"共{len(evaluations)}个目标：{counts}"


def _gap_block(title: str, evaluations: list[Evaluation], lang: str) -> Block:
    w = WORDS[lang]
    return Block(
        title,
        header=(w["target"], w["name"], w["status"], w["behind"], w["actual"], w["expected"], w["to_path"],
                w["to_target"], w["period"]),
        rows=tuple((ev.target.id, name(ev, lang), verdict(ev, lang),
                    "" if ev.behind is None else f"{ev.behind * 100:+.1f} pts", number(ev.actual),
                    number(ev.expected), number(ev.gap_to_expected), number(ev.gap_to_target), period(ev))
                   for ev in evaluations),
        right=frozenset({3, 4, 5, 6, 7}), shrink=(1, 0),
    )


def notes(evaluations: list[Evaluation], lang: str) -> tuple[str, ...]:
    """What a table cannot hold: missing data and when a target was first met, one line each."""
    return tuple(f"{ev.target.id}: {note}" for ev in evaluations if (note := _note(ev, lang)))


def footer(found: tuple[str, ...], last: str, lang: str) -> list[Block]:
    """What the rich tables print under themselves: the notes (if any) under a heading, then one summary line."""
    return [*([Block(WORDS[lang]["notes"], found)] if found else []), Block("", (last,))]


def _footer(evaluations: list[Evaluation], lang: str) -> list[Block]:
    return footer(notes(evaluations, lang), summary(evaluations, lang), lang)


def _note(ev: Evaluation, lang: str) -> str:
    w = WORDS[lang]
    if ev.missing:
        return f"{w['missing']} " + ", ".join(ev.missing)
    return f"{w['met_since']} {ev.achieved_in}" if ev.achieved_in else ""
