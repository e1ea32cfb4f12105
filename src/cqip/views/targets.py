"""The cells, notes and summary every view of targets shares (status, gap, compare, report).

One place decides how a verdict reads — 提前实现 for a target met before its deadline year, the
name marked （力争） where the plan only strives — so the same target reads the same everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable

from cqip.data.periods import Period
from cqip.data.tasks_file import Department, Successor
from cqip.verdicts.evaluation import Evaluation, Missing, Outlook, Rule, Status
from cqip.verdicts.ordering import status_counts
from cqip.verdicts.ranking import RankEvaluation
from cqip.verdicts.scope import Dept
from cqip.views.document import Block, Cell, Column, cell
from cqip.views.formatting import at_least, number, percent
from cqip.views.words import word


def title(subject: str, what: str, day: str, lang: str) -> str:
    """`渝府发〔2016〕56号 — 目标进展 截至 2026-11-23`: `what` is a `title.*` word."""
    return f"{subject} — {word('title.as_of', lang, what=word(what, lang), day=day)}"


def with_dept(text: str, dept: Dept | None, lang: str) -> str:
    """A title followed by the department it is for, if any."""
    if dept is None:
        return text
    return f"{text}，{dept_label(dept, lang)}" if lang == "zh" else f"{text}, {dept_label(dept, lang)}"


def dept_label(dept: Dept, lang: str) -> str:
    """The department as asked, with its other name: `市工商局（现市市场监管局）`, `市市场监管局（原市工商局）`."""
    def name(d: Department | Successor) -> str:
        return d.name if lang == "zh" else d.en

    first = dept.departments[0]
    if dept.by_successor and first.successor is not None:
        before = word("list_sep", lang).join(name(d) for d in dept.departments)
        return name(first.successor) + word("dept.formerly", lang, names=before)
    return word("list_sep", lang).join(name(d) + (word("dept.now", lang, name=name(d.successor)) if d.successor else "")
                                       for d in dept.departments)


def verdict(ev: Evaluation, lang: str) -> str:
    """The status of one target; 提前实现 when it was met in a year before its deadline."""
    if ev.status is Status.ACHIEVED and ev.achieved_in and Period.parse(ev.achieved_in).year < ev.target.end:
        return word("status.achieved_early", lang)
    return status_word(ev.status, lang)


def status_word(status: Status, lang: str) -> str:
    return word(f"status.{status.value}", lang)


def outlook_word(outlook: Outlook | None, lang: str) -> str:
    return "" if outlook is None else word(f"outlook.{outlook.value}", lang)


def rule_text(rule: Rule, ev: Evaluation, lang: str) -> str:
    """The rule that decided `ev`, worded with the target's own years and the at-risk band."""
    from cqip.verdicts.evaluation import AT_RISK_POINTS

    window = ev.target.window or (ev.target.start, ev.target.end)
    return word(f"rule.{rule.value}", lang, start=ev.target.start, end=ev.target.end, first=window[0],
                last=window[1], points=f"{AT_RISK_POINTS:.0%}", max=ev.target.max_rank)


def missing_text(missing: Iterable[Missing], lang: str) -> str:
    return word("list_sep", lang).join(missing_word(m, lang) for m in missing)


def missing_word(m: Missing, lang: str) -> str:
    """One thing a verdict lacks: a year's figure, a baseline, or the members of a group without a figure."""
    return word(f"missing.{m.what}", lang, year=m.year, names=word("list_sep", lang).join(m.names))


def group_name(ev: RankEvaluation, lang: str) -> str:
    assert ev.group is not None
    return ev.group.name if lang == "zh" else ev.group.en


def name(ev: Evaluation, lang: str) -> str:
    """The indicator's name in `lang`, marked when the plan only strives for the target (力争), and with the
    group for a rank (PCT国际专利申请量（全国排名）)."""
    text = ev.indicator.zh if lang == "zh" else ev.indicator.en
    if isinstance(ev, RankEvaluation):
        text = word("rank.name", lang, name=text, group=group_name(ev, lang))
    return text + (word("strive", lang) if ev.target.aspirational else "")


def status_cell(ev: Evaluation, lang: str) -> Cell:
    return cell(verdict(ev, lang), f"status.{ev.status.value}", ev.status.value)


def outlook_cell(ev: Evaluation, lang: str) -> Cell:
    return cell(outlook_word(ev.outlook, lang), f"outlook.{ev.outlook.value}" if ev.outlook else "",
                ev.outlook.value if ev.outlook else "")


def period_cell(ev: Evaluation) -> Cell:
    return cell(str(ev.latest.period) if ev.latest else "")


def actual_text(ev: Evaluation) -> str:
    """The actual, as `≥ 6,000` when it is a lower bound (a published one, or a sum with years missing)."""
    return at_least(number(ev.actual), ev.bound) if ev.actual is not None else number(ev.actual)


def actual_vs_target_cell(ev: Evaluation) -> Cell:
    return cell(f"{actual_text(ev)} / {number(ev.target_value)}", value=(ev.actual, ev.target_value))


def achievement_cell(ev: Evaluation) -> Cell:
    """完成率 as a percentage, which may exceed 100 % (at least so much for a lower bound)."""
    if ev.achievement is None:
        return cell("", value="")
    return cell(at_least(percent(ev.achievement), ev.bound), value=ev.achievement)


def since_cell(ev: Evaluation) -> Cell:
    """For a closed target, the newest figure after its deadline: the final account goes on."""
    newest = ev.newest
    if not ev.final or newest is None or newest.period.t <= ev.target.end:
        return cell("", value="")
    return cell(f"{number(newest.value)} ({newest.period})", value=newest.value)


def source_cell(ev: Evaluation) -> Cell:
    """Where the latest figure was published: a link in a spreadsheet."""
    source = ev.latest.source if ev.latest else ""
    return cell(source, link=source if source.startswith(("http://", "https://")) else None)


def number_cell(value: float | None) -> Cell:
    return cell(number(value), value=value if value is not None else "")


def column(key: str, lang: str, *, numeric: bool = False, drop: int = 0, under: str = "",
           sheet_only: bool = False) -> Column:
    return Column(key, word(f"col.{key}", lang), numeric, drop, under, sheet_only=sheet_only)


# When a row is too wide, columns are left out in this order (highest first); numbers go last.
DROP = {"outlook": 6, "to_path": 5, "period": 4, "expected": 3, "since": 2, "achievement": 1, "behind": 1}


def verdict_columns(lang: str) -> tuple[Column, ...]:
    """Where a target stands, as status and compare show it: actual / target and their unit (below them when
    the row is narrow), 完成率, period, status."""
    return (Column("actual_target", word("col.actual_target", lang), numeric=True,
                   parts=(word("col.actual", lang), word("col.target_value", lang))),
            column("unit", lang, under="actual_target"),
            Column("achievement", word("col.achievement", lang), numeric=True, drop=DROP["achievement"], percent=True),
            column("period", lang, drop=DROP["period"]), column("status", lang))


def verdict_cells(ev: Evaluation, lang: str) -> tuple[Cell, ...]:
    return actual_vs_target_cell(ev), unit_cell(ev), achievement_cell(ev), period_cell(ev), status_cell(ev, lang)


def unit_cell(ev: Evaluation) -> Cell:
    return cell(ev.indicator.unit)


def notes(evaluations: list[Evaluation], lang: str) -> tuple[str, ...]:
    """What a table cannot hold: missing data and when a target was first met, one line each."""
    return tuple(f"{ev.target.id}: {text}" for ev in evaluations if (text := _note(ev, lang)))


def _note(ev: Evaluation, lang: str) -> str:
    best, needed = ev.best_year, ev.needed_per_missing_year
    if ev.missing and best is not None and needed is not None:
        return word("line.missing_needed", lang, items=missing_text(ev.missing, lang), needed=number(needed),
                    best=number(best.value), period=best.period)
    if ev.missing:
        return word("line.missing", lang, items=missing_text(ev.missing, lang))
    if ev.achieved_in:
        return word("line.met_since", lang, period=ev.achieved_in)
    first = next((o for o in ev.used if ev.path and o.period.t == ev.path.start.t), None)
    if ev.pace is not None and ev.baseline_value is None and first is not None:
        return word("line.path_from", lang, period=first.period, year=ev.target.start)
    return ""


def summary(evaluations: list[Evaluation], lang: str) -> str:
    """One line, every status, the date is in the title: 共2个目标：已实现0，符合预期0，…"""
    sep = "，" if lang == "zh" else ", "
    counts = sep.join(word("line.count", lang, word=status_word(s, lang), n=n)
                      for s, n in status_counts(evaluations).items())
    return word("line.summary", lang, n=len(evaluations), counts=counts)


def footer(found: tuple[str, ...], last: str, lang: str) -> list[Block]:
    """The notes (if any) under a heading, then one summary line."""
    return [*([Block(word("head.notes", lang), found)] if found else []), Block("", (last,))]


def target_footer(evaluations: list[Evaluation], lang: str) -> list[Block]:
    return footer(notes(evaluations, lang), summary(evaluations, lang), lang)
