"""`--lang zh` speaks Chinese in every command and format: no English word outside ids, units, URLs,
file paths and the text the data files themselves hold (notes, definitions, quoted clauses), which is
shown as recorded."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from cqip.store.datadir import load_directory

BUNDLED = Path(__file__).parents[1] / "data"
COMMANDS = [
    ["status", "--as-of", "2026-11-25"],
    ["gap", "--year", "2019"],
    ["report", "--as-of", "2026-11-25", "--since", "2018-01-01"],
    ["tasks", "--as-of", "2018-01-01"],
    ["depts", "--as-of", "2018-01-01"],
    ["compare", "invention_patents_per_10k_2020", "--year", "2020"],
    ["show", "invention_patents_per_10k", "--as-of", "2026-11-25"],
    ["show", "pct_applications", "--as-of", "2026-11-25"],
    ["explain", "pct_applications_2016_2020", "--year", "2019"],
    ["explain", "pct_applications_2016_2020", "--year", "2016"],
    ["explain", "invention_patents_per_10k_2020", "--year", "2019"],
    ["explain", "famous_trademarks_china_increase", "--year", "2019"],
    ["indicators"],
    ["targets"],
]
URL = re.compile(r"https?://\S+")
PATH = re.compile(r"\S+\.(?:csv|yaml)(?::\d+)?")
MATH = {"max"}  # explain's formulas: a function name, not a word
ENGLISH = re.compile(r"(?<![A-Za-z_0-9])[A-Za-z]{3,}(?![A-Za-z_0-9])")


def _data_words(command: str) -> list[str]:
    """What the data files say in their own words, longest first (so a note is removed before its parts):
    notes, definitions, clauses, names, units and 口径 (CNIPA), the annex measures (GDP), and the English names of the
    indicators where `indicators` lists both names on purpose."""
    dataset, work = load_directory(BUNDLED)
    catalog = dataset.catalog
    texts = {o.note for o in (*dataset.observations, *dataset.superseded)}
    texts |= {o.scope for o in dataset.observations} | {t.scope or "" for t in catalog.targets}  # 口径 names
    texts |= {i.definition or "" for i in catalog.indicators.values()} | {i.zh for i in catalog.indicators.values()}
    texts |= {t.clause for t in catalog.targets} | {t.note or "" for t in catalog.targets}
    texts |= {t.id for t in catalog.targets} | set(catalog.indicators) | {catalog.plan.id}
    texts |= {i.unit for i in catalog.indicators.values()} | {str(BUNDLED)}
    texts |= {t.zh for t in work.book.tasks.values()} if work else set()
    texts |= {i.en for i in catalog.indicators.values()} if command == "indicators" else set()
    return sorted((t for t in texts if t), key=len, reverse=True)


CASES = [(args, fmt) for args in COMMANDS for fmt in ("text", "markdown", "csv")
         if not (fmt == "csv" and args[0] in ("show", "explain"))]  # they offer no CSV


@pytest.mark.parametrize(("args", "fmt"), CASES, ids=lambda v: " ".join(v) if isinstance(v, list) else v)
def test_no_english_word_in_chinese_output(cli, args: list[str], fmt: str) -> None:
    result = cli("--data", str(BUNDLED), *args, "--format", fmt, "--lang", "zh", env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    text = result.stdout.replace("\\", "")  # Markdown escapes
    if fmt == "csv":  # CSV quoting
        text = "\n".join(" | ".join(row) for row in csv.reader(io.StringIO(text)))
    for quoted in _data_words(args[0]):
        text = text.replace(quoted, " ")
    text = PATH.sub(" ", URL.sub(" ", text)).replace("```text", "")  # a Markdown chart's fence
    assert [w for w in ENGLISH.findall(text) if w not in MATH] == []
