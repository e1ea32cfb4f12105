"""Words and colours for statuses and outlooks, kept in one place for every renderer."""

from __future__ import annotations

from cqip.evaluation import Outlook, Status

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


def label(value: Status | Outlook | None) -> str:
    return "" if value is None else value.value.replace("_", " ")


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
