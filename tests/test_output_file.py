"""--output: atomic replacement, clean errors, and the cron run with a bare environment."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cqip.store import output as writers
from cqip.store.output import write_atomic


def test_write_atomic_replaces_and_keeps_permissions(tmp_path: Path) -> None:
    target = tmp_path / "r.txt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_atomic(target, "新".encode())
    assert target.read_text(encoding="utf-8") == "新"
    assert target.stat().st_mode & 0o777 == 0o640
    assert os.listdir(tmp_path) == ["r.txt"]


def test_failure_mid_write_leaves_the_old_file_and_no_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "r.txt"
    target.write_text("last week's report", encoding="utf-8")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writers.os, "fsync", disk_full)  # after the bytes are written, before the rename
    with pytest.raises(OSError):
        write_atomic(target, b"half a rep")
    assert target.read_text(encoding="utf-8") == "last week's report"
    assert os.listdir(tmp_path) == ["r.txt"]


def test_report_failing_mid_write_exits_2_with_one_line(cli, data_dir: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "r.txt"
    target.write_text("old", encoding="utf-8")

    def broken_rename(src: str, dst: Path) -> None:
        raise OSError(5, "I/O error")

    monkeypatch.setattr(writers.os, "replace", broken_rename)
    result = cli("--data", str(data_dir), "report", "--output", str(target))
    assert result.exit_code == 2
    assert result.stderr == f"Error: cannot write {target}: I/O error\n"
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(os.listdir(tmp_path)) == ["data", "r.txt"]


def test_unwritable_output_is_one_line_exit_2(cli, data_dir: Path, tmp_path: Path) -> None:
    missing = tmp_path / "no-such-dir" / "r.txt"
    result = cli("--data", str(data_dir), "report", "--output", str(missing))
    assert result.exit_code == 2
    assert result.stderr == f"Error: cannot write {missing}: No such file or directory\n"


def test_output_file_holds_what_stdout_would_show(cli, data_dir: Path, tmp_path: Path) -> None:
    for fmt in ("text", "markdown", "json", "csv"):
        target = tmp_path / f"r.{fmt}"
        args = ("--data", str(data_dir), "report", "--as-of", "2019-06-30", "--format", fmt)
        written = cli(*args, "--output", str(target))
        assert written.exit_code == 0 and written.stdout == ""
        assert target.read_bytes() == cli(*args).stdout_bytes


def test_fail_on_still_writes_the_report(cli, data_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "r.txt"
    # As of 2019-06-30 patents_2020 is at risk (6 of 8, 10 points behind the path).
    result = cli("--data", str(data_dir), "report", "--as-of", "2019-06-30", "--fail-on", "at_risk",
                 "--output", str(target))
    assert result.exit_code == 1
    assert "patents_2020" in target.read_text(encoding="utf-8")


def test_cron_run_with_bare_environment_is_byte_identical(tmp_path: Path) -> None:
    """As cron runs it: only PATH and HOME, no terminal, the installed console script, twice."""
    script = Path(sys.executable).parent / "cqip"
    if not script.exists():
        pytest.skip("cqip console script not installed next to the interpreter")
    env = {"PATH": f"{script.parent}:/usr/bin:/bin", "HOME": str(tmp_path)}
    outputs = []
    for name in ("r1.txt", "r2.txt"):
        done = subprocess.run(["cqip", "report", "--output", name], cwd=tmp_path, env=env,
                              stdin=subprocess.DEVNULL, capture_output=True, timeout=60)
        assert done.returncode == 0, done.stderr
        assert done.stdout == b"" and done.stderr == b""
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0] == outputs[1]
    text = outputs[0].decode("utf-8")
    assert "渝府发〔2016〕56号 — 周报" in text and "\x1b" not in text
