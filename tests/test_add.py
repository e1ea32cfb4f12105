"""`cqip add`: new rows, identical rows, conflicts, revisions, file formats and failure safety."""

from __future__ import annotations

import errno
import json
import multiprocessing
import os
from datetime import date
from pathlib import Path

import pytest

from conftest import write_data

HEADER = "indicator,period,value,unit,source,note,recorded\n"
ROWS = "patents_per_10k,2015,4,件/万人,https://example.org/a,,\npct,2016,400,件,https://example.org/c,,2020-01-01\n"
TODAY = date.today().isoformat()


@pytest.fixture
def dated_dir(tmp_path: Path) -> Path:
    return write_data(tmp_path / "data", actuals={"main.csv": HEADER + ROWS})


def add(cli, data: Path, *args: str):
    return cli("--data", str(data), "add", *args)


def _files(data: Path) -> list[str]:
    return sorted(p.name for p in (data / "actuals").glob("*.csv"))


def main_csv(data: Path) -> bytes:
    return (data / "actuals" / "main.csv").read_bytes()


def test_new_row_is_appended_with_todays_date(cli, dated_dir: Path) -> None:
    result = add(cli, dated_dir, "pct", "2017", "450", "--unit", "件", "--source", "https://example.org/d",
                 "--note", "n")
    assert result.exit_code == 0, result.output
    assert "added pct 2017 = 450 件" in result.output
    assert main_csv(dated_dir).decode() == HEADER + ROWS + f"pct,2017,450,件,https://example.org/d,n,{TODAY}\n"
    assert cli("--data", str(dated_dir), "validate").output == "OK: 2 targets, 3 observations\n"


def test_full_width_digits_are_written_as_plain_digits(cli, dated_dir: Path) -> None:
    """What a Chinese input method types (２０１７年, ４５０) is read as 2017年 and 450, and written so:
    Excel and every other reader of the file see the figure, not text."""
    result = add(cli, dated_dir, "pct", "２０１７年", "４５０", "--unit", "件", "--source", "https://example.org/d")
    assert result.exit_code == 0, result.output
    assert main_csv(dated_dir).decode().endswith(f"pct,2017年,450,件,https://example.org/d,,{TODAY}\n")


def test_identical_row_writes_nothing(cli, dated_dir: Path) -> None:
    before = main_csv(dated_dir)
    # 0.04万件 is 400 件 exactly, so this is the row already on line 3.
    result = add(cli, dated_dir, "pct", "2016年", "0.04", "--unit", "万件", "--source", "elsewhere")
    assert result.exit_code == 0
    assert result.output == f"already recorded at {dated_dir / 'actuals' / 'main.csv'}:3; nothing written\n"
    assert main_csv(dated_dir) == before


def test_conflicting_value_is_refused_naming_the_row(cli, dated_dir: Path) -> None:
    before = main_csv(dated_dir)
    result = add(cli, dated_dir, "pct", "2016", "401", "--unit", "件", "--source", "s")
    assert result.exit_code == 2
    assert f"{dated_dir / 'actuals' / 'main.csv'}:3: value: pct 2016 is already 400 件, not 401" in result.output
    assert main_csv(dated_dir) == before


def test_revision_is_appended_and_wins(cli, dated_dir: Path) -> None:
    result = add(cli, dated_dir, "patents_per_10k", "2015", "4.5", "--unit", "件/万人", "--source", "s", "--revise")
    assert result.exit_code == 0, result.output
    assert "(revises" in result.output and "main.csv:2)" in result.output
    assert main_csv(dated_dir).decode().endswith(f"patents_per_10k,2015,4.5,件/万人,s,,{TODAY}\n")
    assert main_csv(dated_dir).decode().startswith(HEADER + ROWS)  # the old value stays as history
    status = json.loads(cli("--data", str(dated_dir), "status", "-f", "json", "--as-of", "2016-01-01").output)
    assert {r["target_id"]: r["baseline_value"] for r in status}["patents_2020"] == 4.5


def test_second_revision_on_the_same_day_wins_by_its_later_line(cli, dated_dir: Path) -> None:
    """Fault 19: a typo fixed minutes later. Both revisions are recorded today, in the same file; the
    later line is the later word, so 420 (line 5) supersedes 410 (line 4), which superseded 400."""
    assert add(cli, dated_dir, "pct", "2016", "410", "--unit", "件", "--source", "s", "--revise").exit_code == 0
    result = add(cli, dated_dir, "pct", "2016", "420", "--unit", "件", "--source", "s", "--revise")
    assert result.exit_code == 0, result.output
    assert result.output.endswith("main.csv (revises " + str(dated_dir / "actuals" / "main.csv") + ":4)\n")
    assert main_csv(dated_dir).decode().endswith(f"pct,2016,410,件,s,,{TODAY}\npct,2016,420,件,s,,{TODAY}\n")
    assert cli("--data", str(dated_dir), "validate").exit_code == 0
    status = json.loads(cli("--data", str(dated_dir), "status", "-f", "json", "--as-of", "2017-01-01").output)
    assert {r["target_id"]: r["actual"] for r in status}["pct_2016_2020"] == 420  # the 2016 sum: 420 alone
    # Back to 410, the same day: the newest line wins again.
    assert add(cli, dated_dir, "pct", "2016", "410", "--unit", "件", "--source", "s", "--revise").exit_code == 0
    status = json.loads(cli("--data", str(dated_dir), "status", "-f", "json", "--as-of", "2017-01-01").output)
    assert {r["target_id"]: r["actual"] for r in status}["pct_2016_2020"] == 410


def test_same_day_revision_into_another_file_is_refused(cli, dated_dir: Path) -> None:
    """Two rows of one day in two files cannot be ordered; the revision must go where the row is."""
    assert add(cli, dated_dir, "pct", "2016", "410", "--unit", "件", "--source", "s", "--revise").exit_code == 0
    before = _files(dated_dir), main_csv(dated_dir)
    result = add(cli, dated_dir, "pct", "2016", "420", "--unit", "件", "--source", "s", "--revise", "--file",
                 "other.csv")
    assert result.exit_code == 2
    assert ("main.csv:4: recorded: pct 2016 was recorded today; a revision of the same day goes to the same "
            "file, where the later line wins: leave out --file") in result.output
    assert (_files(dated_dir), main_csv(dated_dir)) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("nope", "2016", "1", "--unit", "件", "--source", "s"), "cqip add: indicator: unknown indicator 'nope'"),
        (("pct", "2016-13", "1", "--unit", "件", "--source", "s"),
         "cqip add: period: '2016-13': month 13 does not exist"),
        (("pct", "2016", "lots", "--unit", "件", "--source", "s"), "cqip add: value: 'lots' is not a number"),
        (("pct", "2016", "1", "--unit", "家", "--source", "s"),
         "cqip add: unit: unit '家' cannot be converted to '件'"),
        (("pct", "2016", "1", "--unit", "件", "--source", " "), "cqip add: source: empty"),
        (("pct", "2018", "1", "--unit", "件", "--source", "s", "--file", "../x.csv"), "expected actuals/NAME.csv"),
    ],
)
def test_bad_rows_are_refused_without_writing(cli, dated_dir: Path, args: tuple[str, ...], message: str) -> None:
    before = _files(dated_dir), main_csv(dated_dir)
    result = add(cli, dated_dir, *args)
    assert result.exit_code == 2
    assert message in " ".join(result.output.split())
    assert (_files(dated_dir), main_csv(dated_dir)) == before


def test_file_without_recorded_column_is_refused(cli, data_dir: Path) -> None:
    before = main_csv(data_dir)
    result = add(cli, data_dir, "pct", "2018", "500", "--unit", "件", "--source", "s")
    assert result.exit_code == 2
    assert "main.csv: recorded: the header has no recorded column" in result.output
    assert main_csv(data_dir) == before


def test_note_is_never_dropped_for_want_of_a_column(cli, tmp_path: Path) -> None:
    data = write_data(tmp_path / "d", actuals={"main.csv": "indicator,period,value,unit,source,recorded\n"})
    before = main_csv(data)
    result = add(cli, data, "pct", "2017", "450", "--unit", "件", "--source", "s2", "--note", "provisional",
                 "--file", "actuals/main.csv")
    assert result.exit_code == 2
    assert "main.csv: note: the header has no note column" in result.output
    assert main_csv(data) == before


def test_new_file_gets_the_header_and_default_file_follows_the_indicator(cli, dated_dir: Path) -> None:
    assert add(cli, dated_dir, "pct", "2018", "500", "--unit", "件", "--source", "s", "--file",
               "actuals/new.csv").exit_code == 0
    new = (dated_dir / "actuals" / "new.csv").read_text(encoding="utf-8")
    assert new == HEADER.replace("recorded", "recorded,region,scope,bound") + f"pct,2018,500,件,s,,{TODAY},,,\n"
    # Without --file the row goes where pct's latest figure (2018) now lives.
    assert add(cli, dated_dir, "pct", "2019", "510", "--unit", "件", "--source", "s").exit_code == 0
    assert (dated_dir / "actuals" / "new.csv").read_text(encoding="utf-8").endswith(f"pct,2019,510,件,s,,{TODAY},,,\n")


@pytest.mark.parametrize(
    ("encoding", "prefix", "newline"),
    [("utf-8", b"", "\n"), ("utf-8", b"\xef\xbb\xbf", "\r\n"), ("gb18030", b"", "\r\n"), ("gb18030", b"", "\n")],
)
def test_append_keeps_encoding_line_endings_and_columns(cli, tmp_path: Path, encoding: str, prefix: bytes,
                                                        newline: str) -> None:
    # Columns in a different order, an extra column, and no newline after the last row.
    text = newline.join(["source,period,indicator,value,unit,recorded,extra", "说明,2016,pct,400,件,,x"])
    data = write_data(tmp_path / "data", actuals={})
    path = data / "actuals" / "main.csv"
    path.write_bytes(prefix + text.encode(encoding))
    result = add(cli, data, "pct", "2017", "3,500", "--unit", "件", "--source", "来源")
    assert result.exit_code == 0, result.output
    expected = prefix + (text + newline + f"来源,2017,pct,\"3,500\",件,{TODAY},{newline}").encode(encoding)
    assert path.read_bytes() == expected
    assert cli("--data", str(data), "validate").exit_code == 0


def test_full_disk_mid_append_leaves_the_file_as_it_was(cli, dated_dir: Path, monkeypatch) -> None:
    import cqip.store.appender

    real_write = os.write

    def half_then_full(fd: int, data: bytes) -> int:
        if len(data) > 10:
            return real_write(fd, data[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(cqip.store.appender.os, "write", half_then_full)
    before = main_csv(dated_dir)
    result = add(cli, dated_dir, "pct", "2017", "450", "--unit", "件", "--source", "a long enough source")
    assert result.exit_code == 2
    assert "main.csv: file: not changed: No space left on device" in result.output
    assert main_csv(dated_dir) == before


def test_failed_fsync_removes_a_new_file(cli, dated_dir: Path, monkeypatch) -> None:
    import cqip.store.appender

    def fail(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(cqip.store.appender.os, "fsync", fail)
    result = add(cli, dated_dir, "pct", "2017", "450", "--unit", "件", "--source", "s", "--file", "fresh.csv")
    assert result.exit_code == 2
    assert not (dated_dir / "actuals" / "fresh.csv").exists()


def _add_many(data: str, worker: int) -> None:
    """25 rows of its own, then the one period every worker claims with a different value."""
    from typer.testing import CliRunner

    from cqip.cli.app import app

    runner = CliRunner()
    for i in range(25):
        day = date.fromordinal(date(2016, 1, 1).toordinal() + worker * 25 + i)
        result = runner.invoke(app, ["--data", data, "add", "pct", day.isoformat(), str(i), "--unit", "件",
                                     "--source", f"w{worker}", "--file", "main.csv"])
        assert result.exit_code == 0, result.output
    contested = runner.invoke(app, ["--data", data, "add", "pct", "2200", str(worker), "--unit", "件", "--source", "s"])
    assert contested.exit_code in (0, 2), contested.output


def test_concurrent_writers_lose_nothing_and_one_wins_a_contested_period(cli, dated_dir: Path) -> None:
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_add_many, args=(str(dated_dir), w)) for w in range(4)]
    for process in workers:
        process.start()
    for process in workers:
        process.join(timeout=120)
    assert [p.exitcode for p in workers] == [0] * 4
    lines = main_csv(dated_dir).decode().splitlines()
    assert len(lines) == 3 + 100 + 1  # every worker's rows, and one value for the contested period
    assert len(set(lines)) == len(lines)
    assert sum(line.startswith("pct,2200,") for line in lines) == 1
    assert cli("--data", str(dated_dir), "validate").exit_code == 0


def test_a_conflict_in_a_million_rows_is_refused_as_in_a_few(cli, tmp_path: Path) -> None:
    """40 files × 50 indicators × 500 months, from the cache and without it: the same one-line refusal."""
    data = tmp_path / "big"
    (data / "actuals").mkdir(parents=True)
    indicators = "".join(f"  - {{id: i{i:02d}, zh: 指标{i}, en: I{i}, unit: 件, measure: stock}}\n" for i in range(50))
    (data / "targets.yaml").write_text(
        "plan: {id: big, title_zh: 大, title_en: Big, baseline_year: 1980, deadline: 2060}\n"
        f"sections: [{{id: all, zh: 全部, en: All}}]\nindicators:\n{indicators}targets: []\n", encoding="utf-8")
    for r in range(40):
        region = f"区{r:02d}" if r else ""
        rows = "".join(f"i{i:02d},{1980 + m // 12}-{m % 12 + 1:02d},{100 + m},件,https://example.org,,{region},\n"
                       for i in range(50) for m in range(500))
        (data / "actuals" / f"r{r:02d}.csv").write_text("indicator,period,value,unit,source,note,region,recorded\n"
                                                        + rows, encoding="utf-8")
    before = (data / "actuals" / "r00.csv").read_bytes()
    # i07 1990-05 is month 124 of i07's 500 rows: row 7·500 + 124 + 1 = 3625, line 3626, value 100 + 124.
    expected = (f"{data / 'actuals' / 'r00.csv'}:3626: value: i07 1990-05 is already 224 件, not 225; "
                "add --revise to record a revision\n1 problem(s) found; fix them and run `cqip validate`.\n")
    for options in ((), (), ("--no-cache",)):  # fills the cache, reads it, does without
        result = cli(*options, "--data", str(data), "add", "i07", "1990-05", "225", "--unit", "件", "--source", "s")
        assert (result.exit_code, result.output) == (2, expected)
    assert (data / "actuals" / "r00.csv").read_bytes() == before


def test_an_add_removes_what_killed_adds_left_and_nothing_else(cli, dated_dir: Path) -> None:
    """A killed `cqip add` may leave write_atomic's temporary file for a new CSV; the next add, holding the
    lock that every writer of such a file holds, removes it. Everything else in the directory stays."""
    actuals = dated_dir / "actuals"
    left = actuals / ".pct.csv.k3_9ab0x.tmp"
    kept = [actuals / ".notes.tmp", actuals / ".pct.csv.tmp", actuals / "pct.csv.k3_9ab0x.tmp", actuals / "x.txt"]
    for path in [left, *kept]:
        path.write_text("half a file", encoding="utf-8")
    refused = add(cli, dated_dir, "pct", "2016", "401", "--unit", "件", "--source", "s")
    assert refused.exit_code == 2 and left.exists()  # a refusal changes nothing, not even this
    result = add(cli, dated_dir, "pct", "2017", "450", "--unit", "件", "--source", "s", "--file", "actuals/new.csv")
    assert result.exit_code == 0, result.output
    assert not left.exists() and all(path.exists() for path in kept)
    assert sorted(p.name for p in actuals.glob("*.tmp")) == sorted(p.name for p in kept if p.suffix == ".tmp")
