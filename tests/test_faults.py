"""The 19 numbered faults of issue 11, one test (or a few) each, written to fail on the code that had them.

The hostile-input corpus (tests/hostile, run by test_hostile.py) covers the same faults among
hundreds of other inputs and tags its cases with their fault number; the tests here check what a
corpus case cannot see: that a link stays a link, a device stays a device, that memory stays
bounded, that a kill leaves no empty file, what an ASCII-only terminal gets.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import resource
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import example as for_example
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import EXAMPLE, write_data
from cqip.cli.app import app
from test_hostile import CASES, alarm

HEADER = "indicator,period,value,unit,source,note,recorded\n"
TODAY = date.today().isoformat()


def cqip(*args: str, env: dict[str, str | None] | None = None):
    with alarm(20):  # fail instead of hanging: the old code blocked on FIFOs
        return CliRunner().invoke(app, list(args), env={"CQIP_DATA": None, "COLUMNS": None, **(env or {})},
                                  catch_exceptions=False)


def cqip_process(*args: str, timeout: float = 20) -> subprocess.CompletedProcess[str]:
    """`cqip` in a process of its own, killed after `timeout` seconds (a hang or a minutes-long check fails)."""
    env = {k: v for k, v in os.environ.items() if k not in ("CQIP_DATA", "COLUMNS")}
    return subprocess.run([sys.executable, "-m", "cqip", *args], capture_output=True, text=True, timeout=timeout,
                          env=env)


def tree(root: Path) -> dict[str, str]:
    """Every file under `root` by content hash: a refusal must leave this exactly as it was."""
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
            for p in sorted(root.rglob("*"))}


@pytest.fixture
def example(tmp_path: Path) -> Path:
    return write_data(tmp_path / "data", actuals={"main.csv": (EXAMPLE / "actuals" / "main.csv").read_text("utf-8")})


def test_every_fault_has_corpus_cases() -> None:
    assert {case.fault for case in CASES} >= set(range(1, 20))


# 1. --output replaced whatever was at the path.

def test_1_output_through_a_symlink_replaces_the_target_and_keeps_the_link(example: Path, tmp_path: Path) -> None:
    real, link = tmp_path / "real.txt", tmp_path / "link.txt"
    real.write_text("last week", encoding="utf-8")
    real.chmod(0o640)
    link.symlink_to("real.txt")
    assert cqip("--data", str(example), "report", "--as-of", "2019-06-30", "--output", str(link)).exit_code == 0
    assert link.is_symlink() and os.readlink(link) == "real.txt"
    assert real.read_text(encoding="utf-8").startswith("测试〔2016〕1号 — 周报")
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "link.txt", "real.txt"]  # no temporary left


def test_1_output_into_a_fifo_writes_through_it_and_keeps_it(example: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    try:
        result = cqip("--data", str(example), "report", "--as-of", "2019-06-30", "--output", str(fifo))
        out, _ = reader.communicate(timeout=20)
    finally:
        reader.kill()
    assert result.exit_code == 0, result.output
    assert out.decode("utf-8").startswith("测试〔2016〕1号 — 周报")
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_1_output_onto_a_device_never_replaces_the_node(example: Path, tmp_path: Path) -> None:
    """As root the old code replaced /dev/null itself; a private copy of it is used here."""
    device = tmp_path / "null"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except (PermissionError, OSError):
        pytest.skip("creating a device node needs root")
    assert cqip("--data", str(example), "report", "--output", str(device)).exit_code == 0
    assert stat.S_ISCHR(device.lstat().st_mode)


def test_1_output_onto_a_directory_is_one_line(example: Path, tmp_path: Path) -> None:
    result = cqip("--data", str(example), "report", "--output", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr == f"Error: cannot write {tmp_path}: is a directory\n"


# 2. A bare CR written by `add --note` split the row and broke every command.

def test_2_a_carriage_return_in_a_note_is_refused_and_nothing_is_written(example: Path) -> None:
    before = tree(example)
    result = cqip("--data", str(example), "add", "pct", "2018", "500", "--unit", "件", "--source", "s",
                  "--note", "text\rmore")
    assert result.exit_code == 2
    assert result.stderr.startswith("cqip add: note: control character U+000D (carriage return)")
    assert tree(example) == before
    assert cqip("--data", str(example), "validate").exit_code == 0


PRINTABLE = st.text(st.characters(codec="utf-8").filter(str.isprintable), max_size=40)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(note=PRINTABLE, source=PRINTABLE.filter(str.strip), note_first=st.booleans())
@for_example(note="#1 fix", source="s", note_first=True)  # fault 5
@for_example(note=' say "hi", then # ', source="=1+1, ok", note_first=False)
def test_2_add_then_validate_round_trips_any_printable_note_and_source(tmp_path_factory: pytest.TempPathFactory,
                                                                      note: str, source: str,
                                                                      note_first: bool) -> None:
    """Whatever printable text --note and --source carry, `add` writes a row that reads back as given
    (trimmed, as every cell is), in a file whose first column is `note` too (a note may start with #)."""
    from cqip.store.datadir import load_directory

    header = "note,indicator,period,value,unit,source,recorded\n" if note_first else HEADER
    data = write_data(tmp_path_factory.mktemp("round"), actuals={"a.csv": header})
    added = cqip("--data", str(data), "add", "pct", "2018", "500", "--unit", "件", "--source", source, "--note", note,
                 "--file", "a.csv")
    assert added.exit_code == 0, added.output
    assert cqip("--data", str(data), "validate").stdout == "OK: 2 targets, 1 observations\n"
    dataset, _ = load_directory(data)
    [row] = dataset.observations
    assert (row.note, row.source, row.value, row.recorded) == (note.strip(), source.strip(), 500, date.today())
    assert row.file == str(data / "actuals" / "a.csv")


# 3. An unbalanced quote silently swallowed the rows after it.

def test_3_an_unbalanced_quote_is_reported_where_it_opens(example: Path) -> None:
    (example / "actuals" / "x.csv").write_text(
        HEADER + 'pct,2018,500,件,"https://a,n,\npct,2019,510,件,https://b,,\npct,2020,520,件,https://c,x",\n',
        encoding="utf-8")
    result = cqip("--data", str(example), "validate")
    assert result.exit_code == 2  # was: OK with the two rows after the quote silently gone
    assert result.stderr.startswith(f"{example}/actuals/x.csv:2: row: a quoted cell runs on to line 4")


# 4. An actuals directory that cannot be listed read as "0 observations".

def test_4_an_unlistable_actuals_directory_is_an_error(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_scandir = os.scandir
    actuals = str(example / "actuals")

    def denied(path: object = ".") -> object:
        if os.fspath(path) == actuals:  # what chmod 000 does to a user who is not root
            raise PermissionError(13, "Permission denied", actuals)
        return real_scandir(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", denied)
    for command in (["validate"], ["report", "--fail-on", "off_track"]):
        result = cqip("--data", str(example), *command)
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith(f"{actuals}: directory: cannot be listed: Permission denied")


# 5. A note starting with # in a first `note` column was read back as a comment.

def test_5_a_hash_note_in_the_first_column_reads_back_as_a_note(example: Path) -> None:
    path = example / "actuals" / "x.csv"
    path.write_text("note,indicator,period,value,unit,source,recorded\n", encoding="utf-8")
    added = cqip("--data", str(example), "add", "pct", "2018", "500", "--unit", "件", "--source", "s", "--note",
                 "#1 fix", "--file", "x.csv")
    assert added.exit_code == 0
    assert path.read_text(encoding="utf-8").splitlines()[1] == f'"#1 fix","pct","2018","500","件","s","{TODAY}"'
    shown = json.loads(cqip("--data", str(example), "show", "pct", "-f", "json").stdout)
    assert [o["note"] for o in shown["observations"] if o["period"] == "2018"] == ["#1 fix"]


# 6. Duplicate YAML keys were accepted, the last one winning.

def test_6_a_key_given_twice_is_refused(example: Path) -> None:
    targets = example / "targets.yaml"
    targets.write_text(targets.read_text(encoding="utf-8") + "targets: []\n", encoding="utf-8")
    result = cqip("--data", str(example), "validate")
    assert result.exit_code == 2  # was: "OK: 0 targets"
    assert result.stderr.startswith(f"{targets}:36: targets: key given twice (first on line 22)")


# 7. `add --file` followed a link out of the data directory; a missing directory got a lock file.

def test_7_add_never_writes_outside_the_data_directory(example: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.csv"
    outside.write_text(HEADER + "pct,2019,510,件,s,,\n", encoding="utf-8")
    (example / "actuals" / "out.csv").symlink_to(outside)
    before = outside.read_bytes(), tree(example)
    result = cqip("--data", str(example), "add", "pct", "2018", "500", "--unit", "件", "--source", "s", "--file",
                  "out.csv")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{example}/actuals/out.csv: file: leads to {outside.resolve()}, outside")
    assert (outside.read_bytes(), tree(example)) == before  # not even the lock file


def test_7_add_on_a_missing_directory_creates_nothing(tmp_path: Path) -> None:
    result = cqip("--data", str(tmp_path / "nowhere"), "add", "pct", "2018", "5", "--unit", "件", "--source", "s")
    assert result.exit_code == 2
    assert list(tmp_path.iterdir()) == []


# 8. ESC sequences in a source or note reached the terminal.

@pytest.mark.parametrize("command", [["show", "pct"], ["explain", "pct_2016_2020"], ["report"], ["validate"]])
def test_8_escape_sequences_never_reach_the_terminal(example: Path, command: list[str]) -> None:
    (example / "actuals" / "x.csv").write_text(HEADER + "pct,2018,500,件,s,\x1b]0;owned\x07\x1b[2J,\n",
                                               encoding="utf-8")
    result = cqip("--data", str(example), *command)
    assert result.exit_code == 2
    assert "\x1b" not in result.stdout + result.stderr
    assert result.stderr.startswith(f"{example}/actuals/x.csv:2: note: control character U+001B (ESC)")


# 9. Quadratic checks: a 100 000-column header took 110 s, an 80 000-name regions list 38 s.

def test_9_wide_headers_and_long_region_lists_take_linear_time(example: Path) -> None:
    (example / "actuals" / "x.csv").write_text(
        "indicator,period,value,unit,source" + "".join(f",c{i}" for i in range(100_000)) + "\npct,2018,500,件,s\n",
        encoding="utf-8")
    targets = example / "targets.yaml"
    targets.write_text("regions: [" + ", ".join(f"区{i}" for i in range(80_000)) + "]\n"
                       + targets.read_text(encoding="utf-8"), encoding="utf-8")
    assert cqip_process("--data", str(example), "validate").stdout == "OK: 2 targets, 5 observations\n"
    assert cqip_process("--data", str(example), "status", "-f", "json").returncode == 0


# 10. A FIFO named actuals/x.csv hung `validate`.

def test_10_a_fifo_among_the_actuals_is_refused_at_once(example: Path) -> None:
    os.mkfifo(example / "actuals" / "x.csv")
    result = cqip_process("--data", str(example), "validate")  # killed after 20 s instead of hanging
    assert result.returncode == 2
    assert result.stderr.startswith(f"{example}/actuals/x.csv: file: is a FIFO, not a regular file")


# 11. A field over 131 072 characters crashed every command.

def test_11_an_oversized_field_is_a_problem_of_its_line(example: Path) -> None:
    (example / "actuals" / "x.csv").write_text(HEADER + "pct,2018,500,件,s," + "n" * 131_073 + ",\n",
                                               encoding="utf-8")
    for command in (["validate"], ["status"]):
        result = cqip("--data", str(example), *command)
        assert result.exit_code == 2
        assert result.stderr.startswith(f"{example}/actuals/x.csv:2: row: a cell is longer than 131,072 characters")


# 12. Two daily observations a day apart overflowed the projection.

def test_12_figures_a_day_apart_give_no_projection_instead_of_an_overflow(example: Path) -> None:
    (example / "actuals" / "main.csv").write_text(
        "indicator,period,value,unit,source\n"
        "patents_per_10k,2019-06-01,0.001,件/万人,s\npatents_per_10k,2019-06-02,900000,件/万人,s\n", encoding="utf-8")
    # (900000 / 0.001) ** 365: far beyond a float. No baseline is on file, so the projection would start
    # at the first figure, one day before the latest.
    result = cqip("--data", str(example), "status", "-f", "json", "--as-of", "2019-12-31")
    assert result.exit_code == 0
    [patents] = [r for r in json.loads(result.stdout) if r["target_id"] == "patents_2020"]
    assert (patents["projected"], patents["growth_rate"], patents["outlook"]) == (None, None, None)
    assert patents["status"] == "achieved"  # 900000 ≥ 8, met in 2019-06-02
    for command in (["report", "--as-of", "2019-12-31"], ["explain", "patents_2020", "--as-of", "2019-12-31"]):
        assert cqip("--data", str(example), *command).exit_code == 0


# 13. Integers over 4 300 digits crashed; .nan/.inf/1e308 targets passed and gave invalid JSON.

@pytest.mark.parametrize(("value", "message"), [
    ("9" * 5000, "targets[0].value: a number of 5,000 characters is too long to be a figure"),
    (".nan", "targets[0].value: Input should be a finite number"),
    (".inf", "targets[0].value: Input should be a finite number"),
    ("1.0e+308", "targets[0].value: Input should be less than or equal to 1000000000000000"),
    ("1.0e-300", "targets[0].value: Value error, 1e-300 is too small"),
])
def test_13_absurd_target_values_are_refused(example: Path, value: str, message: str) -> None:
    targets = example / "targets.yaml"
    targets.write_text(targets.read_text(encoding="utf-8").replace("value: 8", f"value: {value}"), encoding="utf-8")
    for command in (["validate"], ["show", "patents_per_10k"], ["status", "-f", "json"]):
        result = cqip("--data", str(example), *command)
        assert result.exit_code == 2
        assert result.stderr.startswith(f"{targets}:27: {message}")


def test_13_json_never_holds_nan_or_infinity(example: Path) -> None:
    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} in JSON output")

    for command in (["status", "-f", "json"], ["report", "-f", "json"], ["show", "pct", "-f", "json"],
                    ["explain", "pct_2016_2020", "-f", "json"]):
        json.loads(cqip("--data", str(example), *command).stdout, parse_constant=refuse)


# 14. `show` crashed (and hung) on narrow terminals; PYTHONIOENCODING=ascii gave tracebacks.

def test_14_a_terminal_one_column_wide_gets_a_layout_in_finite_time() -> None:
    from rich.console import Console

    from cqip.render.terminal import show
    from cqip.views.document import Block, Document

    doc = Document("重庆市知识产权 — 一个很长的标题", (Block("二、目标", lines=("每万人口发明专利拥有量",)),), "zh")
    for width in (1, 2, 5):
        out = Console(width=width, file=io.StringIO(), force_terminal=True)
        with alarm(10):
            show(doc, out)
        assert "重庆市" in out.file.getvalue()  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", [["status"], ["show", "invention_patents_per_10k"], ["validate", "--bogus"],
                                     ["report", "--lang", "en"]])
def test_14_an_ascii_only_output_gets_escapes_not_tracebacks(command: list[str], tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "CQIP_DATA"} | {"PYTHONIOENCODING": "ascii"}
    done = subprocess.run([sys.executable, "-m", "cqip", *command], cwd=tmp_path, env=env, capture_output=True,
                          timeout=60)
    assert b"Traceback" not in done.stderr, done.stderr.decode("ascii", "replace")
    assert done.returncode == (2 if "--bogus" in command else 0)
    assert done.stdout.isascii() and done.stderr.isascii()
    if done.returncode == 0:
        assert b"\\u" in done.stdout  # 渝府发 and the other Chinese words, as escapes


# 15. A kill between creating a new CSV and writing its header left a 0-byte file; torn rows passed.

def test_15_a_kill_while_add_creates_a_file_leaves_no_file_behind(example: Path) -> None:
    """The child is killed (os._exit, no clean-up) at its first raw write or fsync: with a file being
    created in place, that left it empty; a file born under a temporary name is simply not there."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            os.write = lambda fd, data: os._exit(9)  # type: ignore[assignment]
            os.fsync = lambda fd: os._exit(9)
            CliRunner().invoke(app, ["--data", str(example), "add", "pct", "2018", "500", "--unit", "件", "--source",
                                     "s", "--file", "new.csv"])
        finally:
            os._exit(3)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 9  # killed mid-write, as intended
    assert not (example / "actuals" / "new.csv").exists()
    assert cqip("--data", str(example), "validate").stdout == "OK: 2 targets, 4 observations\n"


def test_15_a_torn_last_row_is_refused(example: Path) -> None:
    (example / "actuals" / "x.csv").write_text(HEADER + "pct,2018,500,件,https://exa", encoding="utf-8")
    result = cqip("--data", str(example), "validate")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{example}/actuals/x.csv:2: row: only 5 of the header's 7 cells and no line end")


# 16. YAML aliases within the 1 MB cap expanded to gigabytes.

def test_16_an_alias_bomb_is_refused_within_bounded_memory(example: Path) -> None:
    targets = example / "targets.yaml"
    text = targets.read_text(encoding="utf-8").replace("clause: 到2020年", "clause: &c " + "x" * 300_000, 1)
    text += "".join(f"  - {{id: t{i}, indicator: pct, section: goals, kind: level, value: 1, clause: *c}}\n"
                    for i in range(1000))
    targets.write_text(text, encoding="utf-8")

    def limit() -> None:  # the old code needed 2 GB for this; 1 GiB of address space is plenty for cqip
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))

    done = subprocess.run([sys.executable, "-m", "cqip", "--data", str(example), "status", "-f", "json"],
                          capture_output=True, text=True, timeout=120, preexec_fn=limit)
    assert done.returncode == 2, done.stderr[-500:]
    assert done.stderr.startswith(f"{targets}:1: yaml: expands to more than 200,000 nodes or 2,000,000 characters")


# 17. Misleading messages: queued adds blamed a lock holder; an `actuals` file was "not found".

def test_17_a_lock_wait_says_it_waited(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from filelock import FileLock

    import cqip.store.appender as appender

    monkeypatch.setattr(appender, "LOCK_TIMEOUT", 0.2)
    with FileLock(example / "actuals" / appender.LOCK_FILE):
        result = cqip("--data", str(example), "add", "pct", "2018", "500", "--unit", "件", "--source", "s")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{example}/actuals/.cqip-add.lock: lock: not free after waiting 0.2 s: a long "
                                    "queue of cqip add commands or a stuck one; nothing written")


def test_17_an_actuals_file_is_called_a_file(example: Path) -> None:
    for path in (example / "actuals").iterdir():
        path.unlink()
    (example / "actuals").rmdir()
    (example / "actuals").write_text("x", encoding="utf-8")
    result = cqip("--data", str(example), "validate")
    assert result.stderr.startswith(f"{example}/actuals: directory: is a file, not a directory")


# 18. After the README's install, `cqip add` wrote into the installed package.

def test_18_add_refuses_the_bundled_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cqip.store.datadir import bundled_data_dir

    bundled = bundled_data_dir()
    before = tree(bundled)
    monkeypatch.chdir(tmp_path)  # no cqip.toml here or above
    result = cqip("add", "pct_applications", "2025", "1234", "--unit", "件", "--source", "https://example.org/x")
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {bundled} is the data bundled with cqip, which the next pip install replaces; "
                             "run `cqip init` to make a working copy, then write to that\n")
    assert tree(bundled) == before


def test_18_a_directory_inside_the_installed_package_is_never_written() -> None:
    import cqip
    from cqip.data.problems import UsageError
    from cqip.store.location import Location, Origin, writable

    inside = Path(cqip.__file__).parent / "bundled"  # where the wheel puts the data
    with pytest.raises(UsageError, match="run `cqip init`"):
        writable(Location(inside, Origin.OPTION))


def test_18_init_then_add_writes_the_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert cqip("init").stdout.startswith("created cqip-data: a copy of the bundled data")
    assert (tmp_path / "cqip.toml").read_text(encoding="utf-8").endswith('data = "cqip-data"\n')
    before = cqip("validate").stdout.split()
    added = cqip("add", "pct_applications", "2025", "1234", "--unit", "件", "--source", "https://example.org/x")
    assert added.stdout == f"added pct_applications 2025 = 1234 件 to {tmp_path}/cqip-data/actuals/patents.csv\n"
    after = cqip("validate").stdout.split()
    assert int(after[3]) == int(before[3]) + 1  # "OK: N targets, M observations": one more observation


# 19. A --revise on the day the row was added was refused.

def test_19_a_same_day_revision_wins_by_its_later_line(example: Path) -> None:
    def add(value: str, *more: str) -> str:
        result = cqip("--data", str(example), "add", "pct", "2018", value, "--unit", "件", "--source", "s", *more)
        assert result.exit_code == 0, result.output
        return result.stdout

    def actual() -> float:
        records = json.loads(cqip("--data", str(example), "show", "pct", "-f", "json", "--as-of", "2018-12-31").stdout)
        return next(o["value"] for o in records["observations"] if o["period"] == "2018")

    add("500")
    assert add("505", "--revise").endswith(f"(revises {example}/actuals/main.csv:7)\n")
    assert actual() == 505  # line 8 over line 7, both recorded today
    add("500", "--revise")
    assert actual() == 500  # line 9 over line 8
    assert cqip("--data", str(example), "validate").stdout == "OK: 2 targets, 5 observations\n"
