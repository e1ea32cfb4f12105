"""Words and colours for statuses and outlooks, kept in one place for every renderer."""

from __future__ import annotations

from typing import Any

from cqip.verdicts.evaluation import Evaluation, Outlook, Status
from cqip.data.periods import Period
from cqip.data.tasks_file import TaskBook, TaskStatus

STATUS_STYLE = {
    Status.ACHIEVED: "bold green",
    Status.ON_TRACK: "green",
    Status.AT_RISK: "yellow",
    Status.OFF_TRACK: "red",
    Status.MISSED: "bold red",
    Status.INCOMPLETE: "magenta",
    Status.NO_DATA: "dim",
}

OUTLOOK_STYLE = {
    Outlook.ON_COURSE: "green",
    Outlook.ACCELERATION_NEEDED: "yellow",
    Outlook.STAGNATING: "red",
}


def period(ev: Evaluation) -> str:
    """The period of the latest observation used, or nothing."""
    return str(ev.latest.period) if ev.latest else ""


def number(value: float | None) -> str:
    """Thousands separators, at most two decimals, no trailing zeros: 86,337 · 11.3 · 0.45."""
    if value is None:
        return "–"
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def bar(fraction: float | None, width: int = 10) -> str:
    """A progress bar capped at 100 %; empty when the fraction is unknown."""
    if fraction is None:
        return ""
    filled = round(max(0.0, min(fraction, 1.0)) * width)
    return "█" * filled + "░" * (width - filled)


# --lang: the words of Chinese plan evaluations (中期评估), and their English counterparts.
STATUS_WORDS = {
    "zh": {
        Status.ACHIEVED: "已实现", Status.ON_TRACK: "符合预期", Status.AT_RISK: "略有滞后", Status.OFF_TRACK: "滞后",
        Status.MISSED: "未实现", Status.INCOMPLETE: "数据不全", Status.NO_DATA: "无数据",
    },
    "en": {status: status.value.replace("_", " ") for status in Status},
}
ACHIEVED_EARLY = {"zh": "提前实现", "en": "achieved early"}
OUTLOOK_WORDS = {
    "zh": {Outlook.ON_COURSE: "有望实现", Outlook.ACCELERATION_NEEDED: "需加快", Outlook.STAGNATING: "停滞"},
    "en": {Outlook.ON_COURSE: "on course", Outlook.ACCELERATION_NEEDED: "accelerate", Outlook.STAGNATING: "stagnating"},
}


def status_word(status: Status, lang: str) -> str:
    return STATUS_WORDS[lang][status]


def verdict(ev: Evaluation, lang: str) -> str:
    """The status of one target; 提前实现 when it was met in a year before its deadline."""
    if ev.status is Status.ACHIEVED and ev.achieved_in and Period.parse(ev.achieved_in).year < ev.target.end:
        return ACHIEVED_EARLY[lang]
    return status_word(ev.status, lang)


def outlook_word(outlook: Outlook | None, lang: str) -> str:
    return "" if outlook is None else OUTLOOK_WORDS[lang][outlook]


def name(ev: Evaluation, lang: str) -> str:
    """The indicator's name in `lang`, marked when the plan only strives for the target (力争)."""
    if lang == "zh":
        return ev.indicator.zh + ("（力争）" if ev.target.aspirational else "")
    return ev.indicator.en + (" (strive)" if ev.target.aspirational else "")


# Headings and column names of the text and Markdown outputs.
WORDS = {
    "zh": {
        "target": "目标", "name": "指标", "actual_target": "实际 / 目标", "achievement": "完成率", "period": "期间",
        "status": "状态", "outlook": "趋势", "behind": "落后", "actual": "实际", "expected": "预期", "to_path": "距预期",
        "to_target": "距目标", "value": "数值", "unit": "单位", "source": "来源", "recorded": "记录日期",
        "before": "原状态", "after": "新状态", "latest": "最新期间", "status_title": "目标进展", "gap_title": "差距（由大到小）",
        "report_title": "周报", "as_of": "截至", "since": "对比日期", "data_dir": "数据目录", "targets": "目标数",
        "observations": "观测数", "newest": "最新观测期间", "counts": "状态与趋势", "by_status": "按状态",
        "by_outlook": "按趋势", "no_outlook": "无趋势", "changed": "变化", "new_rows": "新记录",
        "status_changes": "状态变化", "none": "无", "attention": "需关注的目标", "stale": "数据陈旧的指标",
        "stale_rule": "{months} 个月内无新观测", "never": "从未观测", "summary": "小结", "notes": "说明",
        "missing": "缺少", "met_since": "达成于",
        "item": "序号", "measure": "工作举措", "departments": "责任部门（牵头在前）", "task_status": "进展",
        "date": "日期", "evidence": "依据", "tasks_title": "工作任务进展", "depts_title": "各部门责任",
        "department": "部门", "led": "牵头", "shared": "参与", "done": "已完成", "owned": "负责目标",
        "off_track": "滞后", "missed": "未实现", "rank": "排名", "region": "地区", "compare_title": "各地区比较",
    },
    "en": {
        "target": "target", "name": "indicator", "actual_target": "actual / target", "achievement": "achieved",
        "period": "period", "status": "status", "outlook": "outlook", "behind": "behind", "actual": "actual",
        "expected": "expected", "to_path": "to path", "to_target": "to target", "value": "value", "unit": "unit",
        "source": "source", "recorded": "recorded", "before": "before", "after": "after", "latest": "latest",
        "status_title": "status", "gap_title": "gaps (worst first)", "report_title": "weekly report", "as_of": "as of",
        "since": "compared with", "data_dir": "data directory", "targets": "targets", "observations": "observations",
        "newest": "newest observation", "counts": "statuses and outlooks", "by_status": "by status",
        "by_outlook": "by outlook", "no_outlook": "no outlook", "changed": "what changed", "new_rows": "new rows",
        "status_changes": "status changes", "none": "none", "attention": "targets needing attention",
        "stale": "stale indicators", "stale_rule": "no observation newer than {months} months",
        "never": "never observed", "summary": "summary", "notes": "notes", "missing": "missing",
        "met_since": "met since",
        "item": "#", "measure": "measure", "departments": "departments (lead first)", "task_status": "status",
        "date": "date", "evidence": "evidence", "tasks_title": "work items", "depts_title": "departments",
        "department": "department", "led": "led", "shared": "shared", "done": "done", "owned": "targets",
        "off_track": "off track", "missed": "missed", "rank": "rank", "region": "region",
        "compare_title": "regions compared",
    },
}


def heading(plan_id: str, what: str, as_of: str, lang: str) -> str:
    """`渝府发〔2016〕56号 — 目标进展 截至 2026-11-23`: `what` is a key of WORDS."""
    return f"{plan_id} — {WORDS[lang][what]} {WORDS[lang]['as_of']} {as_of}"


# --lang for the work items of the annex (`cqip tasks`, `cqip depts`).
TASK_STATUS_WORDS = {
    "zh": {TaskStatus.NOT_STARTED: "未开始", TaskStatus.IN_PROGRESS: "进行中", TaskStatus.DONE: "已完成",
           TaskStatus.DROPPED: "已取消", TaskStatus.UNKNOWN: "未报告"},
    "en": {**{status: status.value.replace("_", " ") for status in TaskStatus}, TaskStatus.UNKNOWN: "not reported"},
}
OVERDUE = {"zh": "逾期", "en": "overdue"}


def task_status_word(status: TaskStatus, lang: str) -> str:
    return TASK_STATUS_WORDS[lang][status]


def area_title(record: dict[str, Any], lang: str) -> str:
    """`四、切实加大知识产权保护力度` or `Area 四: Substantially strengthen IP protection`."""
    return f"{record['area']}、{record['area_zh']}" if lang == "zh" else f"Area {record['area']}: {record['area_en']}"


def measure(record: dict[str, Any], lang: str) -> str:
    return str(record["measure_zh"] if lang == "zh" else record["measure_en"])


def task_departments(book: TaskBook, number: int, lang: str) -> str:
    """An item's departments, lead first: joined with 、 as in the plan, or their English names."""
    names = book.tasks[number].departments
    return "、".join(names) if lang == "zh" else "; ".join(book.departments[name].en for name in names)


def department(record: dict[str, Any], lang: str) -> str:
    """The name of a `depts` record: as spelt in the plan, or in English."""
    return str(record["department"] if lang == "zh" else record["department_en"])
