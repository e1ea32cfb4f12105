"""Random and mutated files thrown at every reading command and at add: no traceback, ever.

Every run must end with exit 0 or exit 2 and, on 2, only `file[:line]: field: message` lines
and the summary; `add` must leave every file byte-for-byte alone when it refuses, and whatever
it accepts must validate afterwards. Tests invoke with catch_exceptions=False, so a traceback
fails the test. Profiles: see conftest (`HYPOTHESIS_PROFILE=thorough` for ≥ 10 000 examples).
"""

from __future__ import annotations

import re
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import TARGETS_YAML, write_data
from cqip.cli.app import app

CSV = ("indicator,period,value,unit,source,note,recorded\n"
       "patents_per_10k,2015,4,件/万人,s,,\npct,2016,400,件,s,,2020-01-01\n")
PROBLEM = re.compile(r"^(/.+?\.(yaml|csv)(:\d+)?|cqip add): .+: .+$")
SUMMARY = re.compile(r"^\d+ problem\(s\) found; fix them and run `cqip validate`\.$")
SYNTAX = "\n ,:-[]{}&*!|>#'\"%@`?年月万亿件.0123456789e"
# YAML's own words: tags whose constructors fail in their own ways, anchors, aliases, merges, markers
TOKENS = [" !!int ", " !!float ", " !!bool ", " !!timestamp ", " !!str ", " !!binary ", " !!set ", " !!omap ",
          " !!pairs ", " !!null ", " !x ", " &a ", " *a ", "<<: ", "\n---\n", "\n...\n", " ? "]
pieces = st.text(alphabet=st.sampled_from(SYNTAX) | st.characters(codec="utf-8"), max_size=12) | st.sampled_from(TOKENS)


@st.composite
def mutated(draw: st.DrawFn, original: str) -> str:
    """`original` with a few random edits: deletions, insertions, duplicated or dropped lines."""
    text = original
    for _ in range(draw(st.integers(1, 4))):
        edit = draw(st.sampled_from(["delete", "insert", "line", "tag"]))
        at = draw(st.integers(0, len(text)))
        colons = [i + 1 for i, char in enumerate(text) if char == ":"]
        if edit == "tag" and colons:  # a value given a tag (or an anchor, an alias …)
            at = draw(st.sampled_from(colons))
            text = text[:at] + draw(st.sampled_from(TOKENS)) + text[at:]
        elif edit == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 8)):]
        elif edit == "insert":
            text = text[:at] + draw(pieces) + text[at:]
        elif edit == "line":
            lines = text.splitlines(keepends=True) or [""]
            i, j = draw(st.integers(0, len(lines) - 1)), draw(st.integers(0, len(lines) - 1))
            lines.insert(j, lines[i]) if draw(st.booleans()) else lines.pop(i)
            text = "".join(lines)
    return text


def yaml_texts() -> st.SearchStrategy[str]:
    return st.one_of(mutated(TARGETS_YAML), st.text(max_size=200))


def csv_files() -> st.SearchStrategy[bytes]:
    texts = st.one_of(mutated(CSV), st.text(max_size=200))
    encoded = st.tuples(texts, st.sampled_from(["utf-8", "utf-8-sig", "gb18030"])).map(
        lambda pair: pair[0].encode(pair[1], errors="replace"))
    return st.one_of(encoded, st.binary(max_size=200))


def _run(*args: str):
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code in (0, 2), result.output
    if result.exit_code == 2 and not result.output.startswith("Usage:"):  # click's own usage errors aside
        for line in result.output.splitlines():
            assert PROBLEM.match(line) or SUMMARY.match(line), line
    return result


@given(targets=yaml_texts(), actuals=csv_files(),
       as_of=st.dates(min_value=date(1900, 1, 8), max_value=date(2200, 12, 31)))
def test_every_reading_command_refuses_cleanly(targets: str, actuals: bytes, as_of: date) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = write_data(Path(tmp), targets=targets, actuals={})
        (data / "actuals" / "a.csv").write_bytes(actuals)
        day = as_of.isoformat()
        for command in (["validate"], ["status", "-f", "json", "--as-of", day], ["status"], ["gap", "--year", "2019"],
                        ["report", "-f", "text", "--as-of", day]):
            _run("--data", str(data), *command)


argument = st.one_of(st.sampled_from(["pct", "patents_per_10k", "2016", "2017年", "400", "0.04", "件", "万件", ""]),
                     st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), max_size=10))


@given(actuals=st.one_of(st.just(CSV.encode()), csv_files()),
       args=st.tuples(argument, argument, argument, argument, argument), revise=st.booleans(),
       file=st.sampled_from([None, "a.csv", "b.csv", "actuals/c.csv", "../x.csv", "a.txt"]))
def test_add_never_crashes_and_never_changes_a_file_when_it_refuses(actuals: bytes, args: tuple[str, ...],
                                                                    revise: bool, file: str | None) -> None:
    indicator, period, value, unit, source = args
    with tempfile.TemporaryDirectory() as tmp:
        data = write_data(Path(tmp), actuals={})
        (data / "actuals" / "a.csv").write_bytes(actuals)
        before = {p.name: p.read_bytes() for p in (data / "actuals").glob("*.csv")}
        options = ["--unit", unit, "--source", source, *(["--file", file] if file else []),
                   *(["--revise"] if revise else [])]
        result = _run("--data", str(data), "add", *options, "--", indicator, period, value)
        after = {p.name: p.read_bytes() for p in (data / "actuals").glob("*.csv")}
        if result.exit_code == 2 or result.output.startswith("already recorded"):
            assert after == before
        else:
            assert after != before
            assert _run("--data", str(data), "validate").exit_code == 0
