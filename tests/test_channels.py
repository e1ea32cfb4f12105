"""Each channel an analyst reads keeps every id, name and number: piped text (cron mail) and the terminal.

Nothing is cut: ids and names wrap within their column, numbers never wrap, and when the width cannot
hold every column, whole columns are left out (numbers last) and one footer line says which.
"""

from __future__ import annotations

import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console

from cqip.render.terminal import show
from cqip.store.datadir import load_directory
from cqip.verdicts.evaluation import evaluate_all
from cqip.views import gap, status
from cqip.views.formatting import number, percent

BUNDLED = Path(__file__).parents[1] / "data"
AS_OF = {"status": ("--as-of", "2026-11-25"), "gap": ("--year", "2019"), "report": ("--as-of", "2026-11-25")}


def _json(cli, command: str) -> list[dict]:
    result = cli("--data", str(BUNDLED), command, *AS_OF[command], "--format", "json")
    data = json.loads(result.stdout)
    return data["records"] if command == "report" else data


@pytest.mark.parametrize("columns", [80, 100])
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("command", ["status", "gap", "report"])
def test_piped_text_has_every_id_in_full_within_the_width(cli, command: str, lang: str, columns: int) -> None:
    result = cli("--data", str(BUNDLED), command, *AS_OF[command], "--lang", lang, env={"COLUMNS": str(columns)})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(cell_len(line) for line in lines) <= columns
    words = set(re.findall(r"[a-z0-9_]+", result.stdout))
    ids = [r["target_id"] for r in _json(cli, command)]
    if command == "report":  # the report names the targets needing attention
        report = cli("--data", str(BUNDLED), "report", *AS_OF["report"], "--format", "json").stdout
        ids = json.loads(report)["attention"]
    assert ids and not [i for i in ids if i not in words]


@pytest.mark.parametrize("columns", [80, 100])
def test_piped_text_keeps_status_words_whole(cli, columns: int) -> None:
    """`incomplete` is never broken into `incomplet` / `e`, whatever the width."""
    text = cli("--data", str(BUNDLED), "status", "--as-of", "2026-11-25", "--lang", "en",
               env={"COLUMNS": str(columns)}).stdout
    assert "incomplete" in text and not re.search(r"\bincomplet\b|\bincomple\b", text)


def _terminal(view, when: date, lang: str, width: int = 80) -> str:
    dataset, _ = load_directory(BUNDLED)
    doc = view(evaluate_all(dataset, when), dataset.catalog, "title", lang)
    console = Console(width=width, force_terminal=True, record=True, file=io.StringIO())
    show(doc, console)
    return console.export_text()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_terminal_at_80_columns_shows_every_number_of_status(cli, lang: str) -> None:
    text = _terminal(status.document, date(2026, 11, 25), lang)
    for record in _json(cli, "status"):
        shown = f"{number(record['actual'])} / {number(record['target'])}"
        assert shown in text, shown
        if record["achievement"] is not None:
            assert percent(record["achievement"]) in text
        assert record["unit"] in text
    assert max(cell_len(line) for line in text.splitlines()) <= 80


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_terminal_at_80_columns_shows_every_gap_number_and_says_what_it_left_out(cli, lang: str) -> None:
    """The issue's case: PCT's gap to target 2,085 was shown as `2,`."""
    text = _terminal(gap.document, date(2019, 12, 31), lang)
    tokens = text.split()
    for record in _json(cli, "gap"):
        assert number(record["actual"]) in tokens and number(record["gap_to_target"]) in tokens
    assert "2,085" in tokens
    footer = text.rstrip().splitlines()[-1]
    assert ("left out to fit 80 columns" if lang == "en" else "为适应80列宽度，未显示") in footer


def test_a_wide_terminal_leaves_nothing_out() -> None:
    text = _terminal(status.document, date(2019, 12, 31), "en", width=120)
    assert "left out" not in text and "on course" in text and "2019-11" in text
    closed = _terminal(status.document, date(2026, 11, 25), "en", width=120)  # no outlooks: none shown
    assert "left out" not in closed and "19.98 (2023)" in closed
