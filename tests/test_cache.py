"""The checked-data cache: the same verdicts (and the same errors) as reading every file, whatever
happened to the files or to the cache since; every field kept; nothing in an entry trusted."""

from __future__ import annotations

import csv
import io
import os
import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cqip
from conftest import ACTUALS_CSV, TARGETS_YAML, write_data
from cqip.data import cache_codec as codec
from cqip.data import loading
from cqip.data.file_rows import KINDS, FileRows, file_rows
from cqip.data.models import Bound, Observation
from cqip.data.periods import Period
from cqip.data.task_status_file import StatusReport
from cqip.store.cache import SUFFIX

COMMANDS = (("validate",), ("status", "-f", "json"), ("gap", "-f", "json", "--year", "2018"),
            ("report", "-f", "json", "--as-of", "2020-01-01", "--since", "2019-01-01"),
            ("show", "pct", "-f", "json"), ("show", "patents_per_10k", "-f", "json"))
HEADER = "indicator,period,value,unit,source,note,recorded,region,scope,bound\n"


Commands = tuple[tuple[str, ...], ...]
QUICK = (("validate",), ("status", "-f", "json"), ("show", "pct", "-f", "json"))


def outputs(cli, data: Path, *options: str, commands: Commands = COMMANDS) -> list[tuple[int, str]]:
    """Exit status and output of every command above (an error's message included)."""
    return [((r := cli(*options, "--data", str(data), *command)).exit_code, r.output) for command in commands]


def same_with_and_without_cache(cli, data: Path, commands: Commands = COMMANDS) -> list[tuple[int, str]]:
    """Twice with the cache (filling it, then reading it) and once without: all three agree."""
    first = outputs(cli, data, commands=commands)
    assert outputs(cli, data, commands=commands) == first
    assert outputs(cli, data, "--no-cache", commands=commands) == first
    return first


def entries(home: Path) -> list[Path]:
    return sorted((home / "cqip").glob(f"*{SUFFIX}"))


@pytest.fixture
def parsed(monkeypatch) -> list[str]:
    """The names of the actuals files the loader parses (rather than reading from the cache)."""
    names: list[str] = []
    real = loading.read_file_rows

    def counting(text: str, name: str, catalog):
        names.append(Path(name).name)
        return real(text, name, catalog)

    monkeypatch.setattr(loading, "read_file_rows", counting)
    return names


def two_files(root: Path) -> Path:
    return write_data(root, actuals={"a.csv": ACTUALS_CSV, "b.csv": HEADER + "pct,2018,500,件,https://example.org/e,,,,,\n"})


def test_unchanged_files_are_never_parsed_again(cli, tmp_path: Path, cache_home: Path, parsed: list[str]) -> None:
    data = two_files(tmp_path / "data")
    first = outputs(cli, data)
    assert sorted(set(parsed)) == ["a.csv", "b.csv"]
    assert len(entries(cache_home)) == 3  # targets.yaml and the two actuals files
    parsed.clear()
    assert outputs(cli, data) == first
    assert parsed == []


def test_an_edited_or_deleted_file_leaves_no_stale_entry_and_another_directory_keeps_its_own(
        cli, tmp_path: Path, cache_home: Path, parsed: list[str]) -> None:
    data, twin = two_files(tmp_path / "data"), two_files(tmp_path / "twin")  # the same files: shared entries
    outputs(cli, data, commands=QUICK)
    first = outputs(cli, twin, commands=QUICK)
    assert len(entries(cache_home)) == 3  # targets.yaml, a.csv, b.csv
    for value in ("451", "452", "453"):  # three edits of a.csv: one entry for it, the newest
        (data / "actuals" / "a.csv").write_text(ACTUALS_CSV.replace("450", value), encoding="utf-8")
        same_with_and_without_cache(cli, data, QUICK)
        assert len(entries(cache_home)) == 3
    (data / "actuals" / "b.csv").unlink()
    assert cli("--data", str(data), "validate").exit_code == 0
    assert len(entries(cache_home)) == 2  # b.csv's entry went with it
    parsed.clear()
    assert outputs(cli, twin, commands=QUICK) == first  # the twin's a.csv and b.csv: reparsed once, never wrong
    assert sorted(set(parsed)) == ["a.csv", "b.csv"]
    indexes = sorted((cache_home / "cqip").glob("*.cqip-index"))
    assert len(indexes) == 2 and cli("cache", "clear").exit_code == 0
    assert not any((cache_home / "cqip").iterdir())


def test_a_changed_file_is_parsed_alone(cli, tmp_path: Path, parsed: list[str]) -> None:
    data = two_files(tmp_path / "data")
    cli("--data", str(data), "validate")
    parsed.clear()
    with (data / "actuals" / "b.csv").open("a", encoding="utf-8") as handle:
        handle.write("pct,2019,600,件,https://example.org/f,,,,,\n")
    first = outputs(cli, data)
    assert set(parsed) == {"b.csv"}
    assert first[0] == (0, "OK: 2 targets, 6 observations\n")
    assert outputs(cli, data, "--no-cache") == first


@pytest.mark.parametrize("edit", ["value", "append", "delete", "rename", "targets", "clash", "revision", "broken"])
def test_every_edit_gives_the_verdicts_of_a_fresh_read(cli, tmp_path: Path, edit: str) -> None:
    data = two_files(tmp_path / "data")
    same_with_and_without_cache(cli, data)
    actuals = data / "actuals"
    if edit == "value":
        (actuals / "a.csv").write_text(ACTUALS_CSV.replace("450", "451"), encoding="utf-8")
    elif edit == "append":
        with (actuals / "a.csv").open("a", encoding="utf-8") as handle:
            handle.write("patents_per_10k,2019,7,件/万人,https://example.org/g,\n")
    elif edit == "delete":
        (actuals / "b.csv").unlink()
    elif edit == "rename":
        (actuals / "a.csv").rename(actuals / "c.csv")
    elif edit == "targets":  # the unit pct is checked against changes: 400 万件 are 4 000 000 件
        (data / "targets.yaml").write_text(TARGETS_YAML.replace("unit: 件\n", "unit: 万件\n"), encoding="utf-8")
    elif edit == "clash":  # a conflict between the two files: the cross-file check on cached rows finds it
        with (actuals / "b.csv").open("a", encoding="utf-8") as handle:
            handle.write("pct,2016,401,件,https://example.org/h,,,,,\n")
    elif edit == "revision":
        with (actuals / "b.csv").open("a", encoding="utf-8") as handle:
            handle.write("pct,2016,410,件,https://example.org/h,,2020-02-02,,,\n")
    else:
        (actuals / "a.csv").write_text(ACTUALS_CSV + "pct,20x7,1,件,s,\n", encoding="utf-8")
    after = same_with_and_without_cache(cli, data)
    assert (after[0][0] == 2) == (edit in ("clash", "broken"))


def test_a_changed_targets_file_keeps_the_rows_when_what_they_are_checked_against_is_unchanged(
        cli, tmp_path: Path, parsed: list[str]) -> None:
    data = two_files(tmp_path / "data")
    cli("--data", str(data), "validate")
    parsed.clear()
    (data / "targets.yaml").write_text(TARGETS_YAML.replace("value: 8\n", "value: 9\n"), encoding="utf-8")
    first = outputs(cli, data)
    assert parsed == []  # a target's value is not something a row is checked against
    assert outputs(cli, data, "--no-cache") == first


def test_another_cqip_version_or_code_reads_none_of_the_entries(cli, tmp_path: Path, monkeypatch,
                                                                parsed: list[str]) -> None:
    data = two_files(tmp_path / "data")
    first = outputs(cli, data)
    parsed.clear()
    monkeypatch.setattr(cqip, "__version__", "99.0")
    assert outputs(cli, data) == first
    assert sorted(set(parsed)) == ["a.csv", "b.csv"]


@pytest.mark.parametrize("damage", ["flip", "truncate", "empty", "swap", "garbage", "pickle"])
def test_a_damaged_or_foreign_entry_is_ignored_and_rebuilt(cli, tmp_path: Path, cache_home: Path, damage: str) -> None:
    data = two_files(tmp_path / "data")
    first = outputs(cli, data)
    found = entries(cache_home)
    for i, path in enumerate(found):
        raw = path.read_bytes()
        if damage == "flip":
            raw = raw[:-5] + bytes([raw[-5] ^ 1]) + raw[-4:]
        elif damage == "truncate":
            raw = raw[: len(raw) // 2]
        elif damage == "empty":
            raw = b""
        elif damage == "swap":  # a valid entry under another entry's name
            raw = found[(i + 1) % len(found)].read_bytes()
        elif damage == "garbage":
            raw = os.urandom(len(raw))
        else:  # a pickle that would run code if unpickled: it is data, and refused as such
            raw = b"cos\nsystem\n(S'touch " + str(tmp_path / "pwned").encode() + b"'\ntR."
        path.write_bytes(raw)
    assert outputs(cli, data) == first
    assert not (tmp_path / "pwned").exists()
    for path in entries(cache_home):  # rebuilt: valid again
        assert path.read_bytes().startswith(codec.MAGIC)
    assert outputs(cli, data, "--no-cache") == first


def test_an_entry_with_a_valid_seal_but_impossible_contents_is_refused(tmp_path: Path) -> None:
    rows = file_rows([Observation("pct", Period(2016), 400.0, "件", "s", "", "a.csv", 2)])
    good = codec.encode_rows(rows)
    decoded = codec.decode_rows(good, codec.Shared())
    assert decoded is not None and decoded.rows("a.csv") == rows.rows("a.csv")
    assert b'"period":["run",0]' in good and b'"period":["2016"]' in good  # one period: a run of one code
    for bad in (good.replace(b'"period":["2016"]', b'"period":["1899"]'), good.replace(b'["run",0]', b'["run",1]'),
                good.replace(b'"period":["2016"]', b'"period":[2016.]'), good.replace(b'"range",2', b'"range",0'),
                good.replace(b'"size":1', b'"size":2'), good[:-1], good + b"\0", b"\xff\xff\xff\xff{}"):
        assert bad != good
        assert codec.decode_rows(bad, codec.Shared()) is None


def test_periods_in_order_are_stored_as_a_run_and_others_code_by_code() -> None:
    """pct's periods come in the file's order of first appearance (a run of codes, no array);
    patents' come the other way round (an array of codes, checked against the table's length)."""
    rows = file_rows([Observation(name, Period(year), 1.0, "件", "s", "", "a.csv", line)
                      for line, (name, year) in enumerate([("pct", 2016), ("pct", 2017), ("patents", 2017),
                                                           ("patents", 2016)], start=2)])
    good = codec.encode_rows(rows)
    assert good.count(b'"period":["run",0]') == 1 and good.count(b'"period":["codes",') == 1
    decoded = codec.decode_rows(good, codec.Shared())
    assert decoded is not None and decoded.rows("a.csv") == rows.rows("a.csv")
    assert [group.unique() for group in decoded.groups] == [True, True]
    for bad in (good.replace(b'"period":["2016","2017"]', b'"period":["2016","2016"]'),  # a duplicate hidden
                good.replace(b'["run",0]', b'["run",1]')):  # past the table
        assert codec.decode_rows(bad, codec.Shared()) is None


def test_task_status_files_are_not_parsed_again_either(cli, tmp_path: Path, monkeypatch) -> None:
    """A status file with reports: its entry is read back, not rewritten on every run."""
    data = tmp_path / "data"
    shutil.copytree(Path(__file__).parents[1] / "data", data)
    with (data / "task_status" / "progress.csv").open("a", encoding="utf-8") as handle:
        handle.write("12,2017-06-30,in_progress,https://example.org/r,n,2018-01-05\n"
                     "13,2018,done,https://example.org/s,,\n")
    reads: list[str] = []
    real = loading.parse_task_status

    def counting(text: str, name: str, book):
        reads.append(name)
        return real(text, name, book)

    monkeypatch.setattr(loading, "parse_task_status", counting)
    first = outputs(cli, data, commands=[["tasks", "-f", "json"]])
    assert len(reads) == 1 and "in_progress" in first[0][1]
    assert outputs(cli, data, commands=[["tasks", "-f", "json"]]) == first
    assert len(reads) == 1


def test_a_reports_entry_gives_back_the_reports_and_refuses_a_bomb() -> None:
    from cqip.data.tasks_file import TaskStatus

    reports = [StatusReport(12, Period(2017, 6, 30), TaskStatus.IN_PROGRESS, "https://example.org/r", "n", "p.csv",
                            5, date(2018, 1, 5)), StatusReport(13, Period(2018), TaskStatus.DONE, "s", "", "p.csv", 6)]
    payload = codec.encode_reports(reports)
    assert codec.decode_reports(payload, "p.csv", lambda n: True, codec.Shared()) == reports
    nested = b"[" * 100_000  # a header nested past Python's recursion limit: an entry refused, not a traceback
    assert codec.decode_reports(nested, "p.csv", lambda n: True, codec.Shared()) is None
    assert codec.decode_rows(len(nested).to_bytes(4, "little") + nested, codec.Shared()) is None


def test_a_model_entry_gives_back_the_parsed_file_and_refuses_a_wrong_type() -> None:
    from cqip.data.models import TargetsFile
    from cqip.data.targets_file import read_targets
    from cqip.data.tasks_file import read_tasks
    from cqip.store.datadir import bundled_data_dir

    bundled = bundled_data_dir()
    for parsed in (read_targets((bundled / "targets.yaml").read_text("utf-8"), "targets.yaml"),
                   read_tasks((bundled / "tasks.yaml").read_text("utf-8"), "tasks.yaml")):
        payload = codec.encode_model(parsed)
        assert payload is not None and codec.decode_model(type(parsed), payload) == parsed
    good = codec.encode_model(read_targets(TARGETS_YAML, "targets.yaml"))
    assert good is not None and b'"baseline_year":2015' in good and b'"kind":"level"' in good
    for bad in (good.replace(b'"baseline_year":2015', b'"baseline_year":"2015"', 1),
                good.replace(b'"kind":"level"', b'"kind":"levels"', 1), good[:-1], b"[]"):
        assert codec.decode_model(TargetsFile, bad) is None


def test_a_missing_or_unwritable_cache_directory_only_costs_speed(cli, tmp_path: Path, monkeypatch) -> None:
    data = two_files(tmp_path / "data")
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # cqip's cache directory cannot be created
    first = same_with_and_without_cache(cli, data)
    assert first[0] == (0, "OK: 2 targets, 5 observations\n")
    assert blocker.read_text() == ""


def test_a_read_only_file_system_only_costs_speed(cli, tmp_path: Path, cache_home: Path, monkeypatch) -> None:
    """What root (CI) sees on a read-only mount: every write fails with EROFS."""
    import errno

    from cqip.store import output

    data = two_files(tmp_path / "data")
    first = outputs(cli, data)
    (data / "actuals" / "a.csv").write_text(ACTUALS_CSV.replace("450", "451"), encoding="utf-8")

    def read_only(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(output.tempfile, "mkstemp", read_only)  # the cache writes its entries through write_atomic
    before = [path.read_bytes() for path in entries(cache_home)]
    after = same_with_and_without_cache(cli, data)
    assert [path.read_bytes() for path in entries(cache_home)] == before
    assert after != first


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only directories")
def test_a_read_only_cache_directory_only_costs_speed(cli, tmp_path: Path, cache_home: Path) -> None:
    data = two_files(tmp_path / "data")
    first = outputs(cli, data)
    (data / "actuals" / "a.csv").write_text(ACTUALS_CSV.replace("450", "451"), encoding="utf-8")
    (cache_home / "cqip").chmod(0o500)
    try:
        same_with_and_without_cache(cli, data)
    finally:
        (cache_home / "cqip").chmod(0o700)
    assert first


def test_cache_clear_removes_its_entries_and_nothing_else(cli, tmp_path: Path, cache_home: Path) -> None:
    data = two_files(tmp_path / "data")
    cli("--data", str(data), "validate")
    mine = tmp_path / "data" / "notes.txt"
    other = cache_home / "cqip" / "keep.txt"
    other.write_text("not cqip's")
    result = cli("cache", "clear")
    assert result.exit_code == 0
    assert result.output == f"removed 3 cache entries from {cache_home / 'cqip'}\n"
    assert entries(cache_home) == [] and other.exists() and not mine.exists()
    assert cli("cache", "clear").output.startswith("removed 0 cache entries")


def test_no_cache_writes_nothing(cli, tmp_path: Path, cache_home: Path) -> None:
    data = two_files(tmp_path / "data")
    assert cli("--no-cache", "--data", str(data), "validate").exit_code == 0
    assert entries(cache_home) == []


def test_every_field_of_an_observation_has_a_way_to_be_stored() -> None:
    """A field added to Observation (or StatusReport) must be added to the cache's codec, not dropped."""
    assert set(KINDS) == set(Observation._fields)
    assert StatusReport._fields == codec.REPORT_FIELDS


_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=6)
_observations = st.builds(
    Observation,
    indicator=st.sampled_from(["pct", "patents_per_10k", "i"]),
    period=st.builds(Period, st.integers(1900, 2200), st.none() | st.integers(1, 12)).map(
        lambda p: Period(p.year, p.month, 28) if p.month and p.year % 3 == 0 else p),
    value=st.floats(allow_nan=False, allow_infinity=False),
    unit=st.sampled_from(["件", "件/万人"]),
    source=_text, note=_text, file=st.just("x.csv"), line=st.integers(1, 2**40),
    recorded=st.none() | st.dates(date(1900, 1, 1), date(2200, 12, 31)),
    region=st.sampled_from(["全市", "渝中区", ""]), scope=st.sampled_from(["", "CNIPA", "市科技局"]),
    bound=st.sampled_from(list(Bound)),
)


@given(st.lists(_observations, max_size=30, unique_by=lambda o: o.line))
def test_an_entry_gives_back_every_field_of_every_row(rows: list[Observation]) -> None:
    rows.sort(key=lambda o: o.line)
    decoded = codec.decode_rows(codec.unseal("ab" * 32, codec.seal("ab" * 32, codec.encode_rows(file_rows(rows)))),
                                codec.Shared())
    assert decoded is not None
    assert decoded.rows("y.csv") == [o._replace(file="y.csv") for o in rows]


# --- random data, random edits ------------------------------------------------------------------

_rows = st.lists(st.tuples(st.sampled_from(["pct", "patents_per_10k"]), st.sampled_from(["2015", "2016", "2017-06"]),
                           st.sampled_from(["4", "400", "0.04", "5"]), st.sampled_from(["件", "万件", "件/万人"]),
                           st.sampled_from(["", "2019-01-01", "2020-01-01"]), st.sampled_from(["", "CNIPA"])),
                 max_size=6)
_edits = st.lists(st.tuples(st.sampled_from(["write", "delete", "rename", "targets"]), st.integers(0, 2), _rows),
                  max_size=3)


def _csv(rows: list[tuple[str, ...]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["indicator", "period", "value", "unit", "source", "recorded", "scope"])
    writer.writerows([(ind, period, value, unit, "https://example.org", day, scope)
                      for ind, period, value, unit, day, scope in rows])
    return out.getvalue()


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=20)
@given(files=st.lists(_rows, min_size=1, max_size=3), edits=_edits)
def test_random_data_and_random_edits_give_the_verdicts_of_a_fresh_read(cli, tmp_path: Path, files, edits) -> None:
    """Clean data, duplicates, conflicts and revisions across files, before and after edits."""
    data = tmp_path / "random"
    shutil.rmtree(data, ignore_errors=True)
    write_data(data, actuals={f"f{i}.csv": _csv(rows) for i, rows in enumerate(files)})
    same_with_and_without_cache(cli, data, QUICK)
    for action, which, rows in edits:
        path = data / "actuals" / f"f{which}.csv"
        if action == "write":
            path.write_text(_csv(rows), encoding="utf-8")
        elif action == "delete":
            path.unlink(missing_ok=True)
        elif action == "rename" and path.exists():
            path.rename(path.with_name(f"g{which}.csv"))
        elif action == "targets":
            unit = "万件" if "unit: 件\n" in (data / "targets.yaml").read_text(encoding="utf-8") else "件"
            (data / "targets.yaml").write_text(TARGETS_YAML.replace("unit: 件\n", f"unit: {unit}\n"), encoding="utf-8")
        same_with_and_without_cache(cli, data, QUICK)


def test_rows_in_memory_and_from_a_fresh_parse_agree_after_an_entry_is_extended(tmp_path: Path) -> None:
    from cqip.data.actuals_file import parse_actuals
    from cqip.data.appended import with_appended
    from cqip.data.targets_file import parse_catalog

    catalog = parse_catalog(TARGETS_YAML, "targets.yaml")
    before = b"\xef\xbb\xbfindicator,period,value,unit,source,note,recorded\r\npct,2016,400,\xe4\xbb\xb6,s,,"
    appended = b"\r\npct,2017,450,\xe4\xbb\xb6,s,\"a, \"\"b\"\"\",2020-01-01\r\n"
    rows, _ = parse_actuals(before.decode("utf-8-sig"), "a.csv", catalog)
    expected, _ = parse_actuals((before + appended).decode("utf-8-sig"), "a.csv", catalog)
    new = expected[-1]._replace(file="cqip add", line=0)
    extended = with_appended(file_rows(rows), before, appended, "a.csv", catalog, new)
    assert extended is not None and extended.rows("a.csv") == expected
    assert with_appended(FileRows(()), None, before + appended, "a.csv", catalog, new) is None  # two rows, not one


@pytest.mark.parametrize("args", [("pct", "2019", "600"), ("pct", "2016", "410", "--revise"),
                                  ("pct", "2019", "0.06", "--region", "渝中区", "--scope", "CNIPA", "--lower-bound"),
                                  ("patents_per_10k", "2019", "7", "--file", "actuals/new.csv")])
def test_add_extends_the_entry_of_the_file_it_appends_to(cli, tmp_path: Path, parsed: list[str], args) -> None:
    data = write_data(tmp_path / "data", actuals={"a.csv": HEADER + "pct,2016,400,件,https://example.org/c,,,,,\n"})
    cli("--data", str(data), "validate")
    parsed.clear()
    unit = "万件" if args[2] == "0.06" else "件/万人" if args[0] == "patents_per_10k" else "件"
    result = cli("--data", str(data), "add", *args, "--unit", unit, "--source", "https://example.org/x")
    assert result.exit_code == 0, result.output
    assert parsed == []  # the row was checked against cached rows, and its file's entry extended
    first = outputs(cli, data)
    assert parsed == []
    assert outputs(cli, data, "--no-cache") == first


def test_the_bundled_data_give_the_same_verdicts_from_the_cache(cli) -> None:
    """Real data: revisions, 口径, lower bounds, regions, ranks among provinces, work items."""
    from cqip.store.datadir import bundled_data_dir

    commands = (("validate",), ("status", "-f", "json", "--as-of", "2021-06-30"),
                ("gap", "-f", "json", "--year", "2019"),
                ("report", "-f", "json", "--as-of", "2021-06-30", "--since", "2020-01-01"),
                ("tasks", "-f", "json"), ("depts", "-f", "json"))
    first = same_with_and_without_cache(cli, bundled_data_dir(), commands)
    assert first[0][0] == 0 and all(status == 0 for status, _ in first)
