"""The plan's headline goal as people read it: the rank history that opens `status`, the report and the
HTML page (全国 13/31 → 14/31 · 西部 2/12 → 3/12), and the league table `compare` prints for a rank target.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from cqip.data.models import Observation
from cqip.verdicts.evaluation import Evaluation
from cqip.verdicts.ranking import RankEvaluation, Standing
from cqip.views.document import Block, Cell, Document, Table, cell
from cqip.views.formatting import number
from cqip.views.records import num
from cqip.views.targets import column, group_name
from cqip.views.words import word

ARROW = " → "
DOT = " · "
HOME_MARK = " ◀"
LEAGUE_FIELDS = ("target_id", "group", "period", "rank", "region", "value", "unit", "scope", "source", "home",
                 "as_of")


def headline(evaluations: list[Evaluation], lang: str) -> Block | None:
    """The plan's clause, then one line per ranked indicator: each group's first and latest rank."""
    ranked = [ev for ev in evaluations if isinstance(ev, RankEvaluation)]
    if not ranked:
        return None
    per_indicator: dict[str, list[RankEvaluation]] = {}
    for ev in ranked:
        per_indicator.setdefault(ev.indicator.id, []).append(ev)
    lines: list[str | Cell] = [f"「{clause}」" for clause in dict.fromkeys(ev.target.clause for ev in ranked)]
    for evs in per_indicator.values():
        indicator = evs[0].indicator
        parts = DOT.join(_history(ev, lang) for ev in evs)
        lines.append(word("rank.line", lang, name=indicator.zh if lang == "zh" else indicator.en, parts=parts))
    return Block(word("head.headline", lang), tuple(lines))


def _history(ev: RankEvaluation, lang: str) -> str:
    """`全国 13/31（2016） → 14/31（2023），目标前15位`, or what keeps the group from being ranked."""
    group = group_name(ev, lang)
    if ev.ranks:
        shown = dict.fromkeys((ev.ranks[0], ev.ranks[-1]))
        history = ARROW.join(_place(o, ev, lang) for o in shown)
        return word("rank.part", lang, group=group, history=history, max=ev.target.max_rank)
    gaps = [s for s in ev.standings if s.missing]
    if gaps:
        return word("rank.incomplete", lang, group=group, period=str(gaps[-1].period),
                    names=word("list_sep", lang).join(gaps[-1].missing))
    return word("rank.none", lang, group=group)


def _place(rank: Observation, ev: RankEvaluation, lang: str) -> str:
    assert ev.group is not None
    return word("rank.place", lang, rank=number(rank.value), size=len(ev.group.members), period=str(rank.period))


def latest_table(ev: RankEvaluation) -> Standing | None:
    """The newest league table as of the evaluation (after the deadline too): what `compare` prints."""
    return ev.standings[-1] if ev.standings else None


def league_title(plan: str, ev: RankEvaluation, standing: Standing | None, day: date, lang: str) -> str:
    period = str(standing.period) if standing is not None else day.isoformat()
    return f"{plan} — {word('title.league', lang, group=group_name(ev, lang))}{DOT}{period} — {ev.target.id}"


def league_document(ev: RankEvaluation, standing: Standing | None, title: str, lang: str) -> Document:
    """The group's table for one period, best first, the plan's region marked; an incomplete table is
    shown without ranks and names who is missing."""
    if standing is None:
        return Document(title, (Block(lines=(word("none", lang),)),), lang)
    columns = (column("rank", lang, numeric=True), column("region", lang), column("value", lang, numeric=True),
               column("scope", lang, drop=2), column("source", lang, drop=1))
    rows = tuple((cell("" if e.rank is None else str(e.rank), value=e.rank if e.rank is not None else ""),
                  cell(e.region + (HOME_MARK if e.region == standing.home else ""),
                       "bold" if e.region == standing.home else ""),
                  cell("" if standing.published else number(e.observation.value),
                       value="" if standing.published else e.observation.value),
                  cell(e.observation.scope), cell(e.observation.source, link=e.observation.source))
                 for e in standing.entries)
    own = standing.own
    if standing.missing:
        summary = word("rank.unranked", lang, names=word("list_sep", lang).join(standing.missing))
    elif own is not None and own.rank is not None:
        summary = word("rank.home", lang, home=standing.home, rank=own.rank, size=standing.size,
                       max=ev.target.max_rank)
    else:
        summary = ""
    lines: list[str | Cell] = [Cell(summary, "bold")] if summary else []
    if standing.published and own is not None:
        lines.append(word("rank.published", lang, source=own.observation.scope or own.observation.source))
    else:
        lines.append(word("line.unit_measure", lang, unit=standing.entries[0].observation.unit,
                          measure=word(f"measure.{ev.indicator.measure.value}", lang)))
    return Document(title, (Block(lines=tuple(lines), table=Table(columns, rows)),), lang)


def league_records(ev: RankEvaluation, standing: Standing | None, as_of: date) -> list[dict[str, Any]]:
    """`compare --format json/csv` for a rank target: one record per member of the table, best first."""
    if standing is None:
        return []
    assert ev.group is not None
    return [{"target_id": ev.target.id, "group": ev.group.name, "period": str(standing.period), "rank": e.rank,
             "region": e.region, "value": None if standing.published else num(e.observation.value),
             "unit": e.observation.unit, "scope": e.observation.scope, "source": e.observation.source,
             "home": e.region == standing.home, "as_of": as_of.isoformat()}
            for e in standing.entries]
