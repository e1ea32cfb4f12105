"""The hostile-input corpus: every case in tests/hostile/*.toml, run by this one test.

Each case builds a working directory — a copy of `example/` as `data/` (or of the bundled data, or
nothing), with files written, replaced, made FIFOs, links or directories — runs one cqip command
in-process and demands: the exit code it names, a message line starting with the words it names
(the first line of stderr that is not click's usage preamble; stdout's first line for exit 0/1),
no traceback, no hang (an alarm after `TIMEOUT` seconds), no ESC byte that the arguments did not
carry, and — unless the case says `writes = true` — not one byte changed on disk (the whole
working directory is hashed before and after). Follow-up commands (`then`) check what a
command that did write left behind.

Case keys (a file's `[defaults]` apply to each of its cases):
- `id`; `fault`: the numbered fault of issue 11 the case covers, if any;
- `base`: "example" (default), "bundled" or "none" — what `data/` starts as;
- `args`, with `{data}`, `{root}` (the working directory), `{today}`, `{bundled}`; `env`; `cwd`
  (relative to the working directory);
- `remove`, `mkdir`, `edit` (path → [[old, new], …] applied to the base copy), `files` (path →
  UTF-8 text, `{root}` and `{data}` replaced), `hex` (path → bytes as hex), `repeat` (path →
  {head, body, times, tail}; `{i}` in body counts 0, 1, …), `sparse` (path → size: NUL bytes that
  take no disk), `fifo`, `symlink` (path → target) — paths relative to `data/`, `../` for the
  working directory;
- `expect` (exit code), `message` (first words), `writes` (the command must change the disk),
  `then` (follow-up commands, each {args, expect, message}).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import stat
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cqip.cli.app import app
from cqip.store.datadir import bundled_data_dir

HERE = Path(__file__).parent
CORPUS = HERE / "hostile"
EXAMPLE = HERE.parent / "example"
TIMEOUT = 20  # seconds per command: far above any case's cost, far below "hung"
CLEAN_ENV = {"CQIP_DATA": None, "COLUMNS": None, "CQIP_LANG": None, "NO_COLOR": None}
KEYS = {"id", "fault", "base", "args", "env", "cwd", "files", "hex", "repeat", "sparse", "remove", "mkdir", "edit",
        "fifo", "symlink", "expect", "message", "writes", "then"}


@dataclass(frozen=True)
class Case:
    id: str
    source: str
    spec: dict[str, Any] = field(repr=False)

    @property
    def fault(self) -> int | None:
        return self.spec.get("fault")


def load_cases() -> list[Case]:
    cases = []
    for path in sorted(CORPUS.glob("*.toml")):
        document = tomllib.loads(path.read_text(encoding="utf-8"))
        defaults = document.get("defaults", {})
        for spec in document["case"]:
            merged = {**defaults, **spec}
            unknown = set(merged) - KEYS
            assert not unknown, f"{path.name}: {spec.get('id')}: unknown keys {unknown}"
            cases.append(Case(merged["id"], path.name, merged))
    return cases


CASES = load_cases()


def test_corpus_is_large_and_ids_are_unique() -> None:
    assert len(CASES) >= 250
    assert len({c.id for c in CASES}) == len(CASES)


def build(case: Case, root: Path) -> Path:
    """The working directory the case describes; returns the data directory (`root/data`)."""
    spec, data = case.spec, root / "data"
    root.mkdir()
    base = spec.get("base", "example")
    if base == "example":
        shutil.copytree(EXAMPLE, data, ignore=shutil.ignore_patterns("README.md"))
    elif base == "bundled":
        shutil.copytree(bundled_data_dir(), data, ignore=shutil.ignore_patterns("__pycache__"))
    else:
        assert base == "none", base
    for name in spec.get("remove", []):
        target = data / name
        shutil.rmtree(target) if target.is_dir() and not target.is_symlink() else target.unlink()
    for name in spec.get("mkdir", []):
        (data / name).mkdir(parents=True, exist_ok=True)
    for name, pairs in spec.get("edit", {}).items():
        text = (data / name).read_text(encoding="utf-8")
        for old, new in pairs:
            assert old in text, f"{case.id}: {old!r} not in {name}"
            text = text.replace(old, new, 1)
        (data / name).write_text(text, encoding="utf-8")
    for name, text in spec.get("files", {}).items():  # {root} and {data} are replaced, other braces kept
        text = text.replace("{root}", str(root)).replace("{data}", str(data))
        _parent(data / name).write_bytes(text.encode("utf-8"))
    for name, digits in spec.get("hex", {}).items():
        _parent(data / name).write_bytes(bytes.fromhex(digits))
    for name, parts in spec.get("repeat", {}).items():
        body, times = parts["body"], parts["times"]
        middle = "".join(body.replace("{i}", str(i)) for i in range(times)) if "{i}" in body else body * times
        text = parts.get("head", "") + middle + parts.get("tail", "")
        _parent(data / name).write_bytes(text.encode("utf-8"))
    for name, size in spec.get("sparse", {}).items():
        with _parent(data / name).open("wb") as file:
            file.truncate(size)
    for name in spec.get("fifo", []):
        os.mkfifo(_parent(data / name))
    for name, target in spec.get("symlink", {}).items():
        _parent(data / name).symlink_to(target.format(root=root, data=data))
    return data


def _parent(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def snapshot(root: Path) -> dict[str, tuple[object, ...]]:
    """Every entry under `root`: kind, permissions and content hash or link target (FIFOs are not opened)."""
    seen: dict[str, tuple[object, ...]] = {}
    for directory, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(directory) / name
            info = path.lstat()
            if stat.S_ISREG(info.st_mode):
                content: object = hashlib.sha256(path.read_bytes()).hexdigest()
            elif stat.S_ISLNK(info.st_mode):
                content = os.readlink(path)
            else:
                content = None
            seen[str(path.relative_to(root))] = (stat.S_IFMT(info.st_mode), stat.S_IMODE(info.st_mode), content)
    return seen


class Hang(Exception):
    pass


@contextmanager
def alarm(seconds: int) -> Iterator[None]:
    def ring(signum: int, frame: object) -> None:
        raise Hang(f"no answer after {seconds} s")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run(args: list[str], env: dict[str, str | None]) -> Any:
    with alarm(TIMEOUT):
        result = CliRunner().invoke(app, args, env=env, catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        import traceback

        pytest.fail("".join(traceback.format_exception(*result.exc_info)))
    return result


def message_line(result: Any) -> str:
    """The line a user reads first: stdout's for exit 0 and 1, else stderr's past click's usage preamble."""
    if result.exit_code in (0, 1):
        return (result.stdout.splitlines() or [""])[0]
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    return next((line for line in lines if not line.startswith(("Usage: ", "Try '"))), "")


def check(result: Any, expect: int, message: str, args: list[str], where: str) -> None:
    shown = f"{where}\nexit {result.exit_code}\nstdout: {result.stdout[:2000]}\nstderr: {result.stderr[:2000]}"
    assert result.exit_code == expect, shown
    assert message_line(result).startswith(message), shown
    assert "Traceback" not in result.stdout + result.stderr, shown
    if not any("\x1b" in a for a in args):
        assert "\x1b" not in result.stdout + result.stderr, shown


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_input(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "w"
    data = build(case, root)
    fill = {"data": str(data), "root": str(root), "today": date.today().isoformat(), "bundled": str(bundled_data_dir())}
    spec = case.spec
    monkeypatch.chdir(root / spec.get("cwd", "."))
    env = CLEAN_ENV | {k: v.format(**fill) for k, v in spec.get("env", {}).items()}
    args = [a.format(**fill) for a in spec["args"]]
    before = snapshot(root)
    result = run(args, env)
    check(result, spec["expect"], spec["message"].format(**fill), args, f"{case.source}: {case.id}")
    if spec.get("writes", False):
        assert snapshot(root) != before, f"{case.id}: nothing was written"
    else:
        assert snapshot(root) == before, f"{case.id}: the disk changed"
    for step in spec.get("then", []):
        args = [a.format(**fill) for a in step["args"]]
        check(run(args, env), step["expect"], step["message"].format(**fill), args, f"{case.id}: then {args}")
