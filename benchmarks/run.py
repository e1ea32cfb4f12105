"""Side-by-side timings for cqip, as ratios against their goals (issues 7, 14 and 15).

Run from a checkout: `python benchmarks/run.py` (a few minutes on 2 cores;
`--5m` adds the 5-million-row case, several minutes more). Every case is measured in this one
run, as the median of REPEATS runs, against a baseline measured the same way — absolute times on
these machines are noise, ratios are not. `--output FILE` writes the table elsewhere than
benchmarks/results.md (to measure another checkout's cqip: run this file with its interpreter).

The synthetic set has the issue's shape: 40 regions (the whole city and 39 districts) × 50
indicators × 500 months = 1 000 000 rows with a `region` column, one file per region, and one
target per indicator with a value of its own for every district. Cold runs get an empty cache
directory each ($XDG_CACHE_HOME), warm runs the one the previous run filled.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPEATS = 5
INDICATORS, MONTHS, FIRST_YEAR = 50, 500, 1980
ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
MIB = 1024  # ru_maxrss is in KiB


@dataclass(frozen=True)
class Run:
    seconds: float  # median wall time
    peak_kib: int  # largest max RSS


@dataclass(frozen=True)
class Case:
    name: str
    ratio: float
    goal: str
    met: bool | None  # None: a reference row, with no goal of its own
    detail: str


def regions(count: int) -> list[str]:
    return ["全市", *(f"区县{r:03d}" for r in range(1, count))]


def write_targets(root: Path, names: list[str]) -> None:
    """One level target per indicator, with a value of its own for every district."""
    ids = [f"i{i:02d}" for i in range(INDICATORS)]
    overrides = ", ".join(f"{name}: {900 + r}" for r, name in enumerate(names[1:]))
    lines = [f"plan: {{id: bench, title_zh: 基准, title_en: Benchmark, baseline_year: {FIRST_YEAR}, deadline: 2060}}",
             f"regions: [{', '.join(names[1:])}]", "sections: [{id: all, zh: 全部, en: All}]", "indicators:"]
    lines += [f"  - {{id: {x}, zh: 指标{x}, en: Indicator {x}, unit: 件, measure: stock}}" for x in ids]
    lines.append("targets:")
    lines += [f"  - {{id: {x}_2060, indicator: {x}, section: all, kind: level, value: 1000, clause: 达到1000件,"
              f" regions: {{{overrides}}}}}" for x in ids]
    (root / "actuals").mkdir(parents=True)
    (root / "targets.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_actuals(path: Path, region: str, indicators: int, months: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["indicator", "period", "value", "unit", "source", "note", "region", "recorded"])
        for i in range(indicators):
            for m in range(months):
                writer.writerow([f"i{i:02d}", f"{FIRST_YEAR + m // 12}-{m % 12 + 1:02d}", 100 + m, "件",
                                 "https://example.org/bulletin", "", "" if region == "全市" else region, ""])


def generate(root: Path, region_count: int) -> list[Path]:
    """targets.yaml and one actuals file per region: region_count × 50 indicators × 500 months."""
    names = regions(region_count)
    write_targets(root, names)
    files = []
    for r, region in enumerate(names):
        files.append(root / "actuals" / f"region{r:03d}.csv")
        write_actuals(files[-1], region, INDICATORS, MONTHS)
    return files


def generate_small(root: Path) -> None:
    """The same targets.yaml, 100 rows: what `add` costs when the data are small."""
    write_targets(root, regions(40))
    write_actuals(root / "actuals" / "region000.csv", "全市", 2, 50)


def measure(argv: list[str], env: dict[str, str] | None = None, repeats: int = REPEATS,
            before: Callable[[int], dict[str, str]] | None = None) -> Run:
    """Median wall time and the largest max RSS over `repeats` runs; `before(i)` may add to the environment."""
    times, peaks = [], []
    for i in range(repeats):
        extra = before(i) if before else {}
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, env={**os.environ, **(env or {}), **extra})
        _, status, usage = os.wait4(proc.pid, 0)
        times.append(time.perf_counter() - start)
        peaks.append(usage.ru_maxrss)
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"failed: {' '.join(argv)}")
    return Run(statistics.median(times), max(peaks))


Env = dict[str, str]
Command = tuple[list[str], Env | None] | tuple[list[str], Env | None, Callable[[int], Env]]


def measure_together(*commands: Command, repeats: int = 3 * REPEATS) -> list[Run]:
    """`measure` for commands run in turn, round after round: a slow spell of the machine falls on
    all of them alike, which matters where the ratio of two short runs is the goal. A command's
    third item, when given, is its `before`."""
    runs = [[measure(argv, env, repeats=1, before=before[0] if before else None) for argv, env, *before in commands]
            for _ in range(repeats)]
    return [Run(statistics.median(r[i].seconds for r in runs), max(r[i].peak_kib for r in runs))
            for i in range(len(commands))]


# The least a typer command with options costs: typer (0.29 and later) builds a pydantic TypeAdapter for
# each option it parses, which imports much of pydantic that `import pydantic` alone does not.
TYPER_FLOOR = """
import datetime, enum, pathlib, typer
class F(str, enum.Enum):
    A = "a"
app = typer.Typer()
@app.callback()
def root(data: pathlib.Path | None = typer.Option(None), no_cache: bool = typer.Option(False)) -> None: ...
@app.command()
def status(format: F | None = typer.Option(None), as_of: datetime.datetime | None = typer.Option(None),
           year: int | None = typer.Option(None), lang: F = typer.Option(F.A), dept: str | None = typer.Option(None),
           region: str | None = typer.Option(None), output: pathlib.Path | None = typer.Option(None)) -> None: ...
@app.command()
def other() -> None: ...
app()
"""


def cpu() -> str:
    """The processor's model name, where Linux tells it."""
    try:
        info = Path("/proc/cpuinfo").read_text(encoding="utf-8")
    except OSError:
        return platform.machine()
    return next((line.split(":", 1)[1].strip() for line in info.splitlines() if line.startswith("model name")),
                platform.machine())


def python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def ratio_case(name: str, run: Run, base: Run, goal: float, base_name: str) -> Case:
    ratio = run.seconds / base.seconds
    return Case(name, ratio, f"≤ {goal:g}×", ratio <= goal, f"{run.seconds:.3f} s vs {base_name} {base.seconds:.3f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--5m", dest="five", action="store_true", help="also measure 5 000 000 rows (200 regions)")
    parser.add_argument("--output", type=Path, default=Path(__file__).parent / "results.md")
    args = parser.parse_args()
    cqip = str(BIN / "cqip")
    cases: list[Case] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        cache_dirs = iter(range(10_000))

        def fresh_cache(_: int) -> dict[str, str]:
            """An empty cache directory for every cold run."""
            return {"XDG_CACHE_HOME": str(work / f"cold{next(cache_dirs)}")}

        warm = {"XDG_CACHE_HOME": str(work / "warm")}

        # The bundled data: start-up and YAML dominate.
        text_env = {**warm, "COLUMNS": "120"}
        measure([cqip, "status"], text_env, repeats=1)  # fills the warm cache
        gap = [cqip, "gap", "--year", "2019", "--lang", "en", "--format", "text"]
        gap_env = {**text_env, "CQIP_DATA": str(ROOT / "data")}  # a working copy, as analysts name theirs
        measure(gap, gap_env, repeats=1)
        imports, floor, bundled, bundled_cold, gap_run = measure_together(
            (python("import typer, rich, pydantic, yaml"), None), ([*python(TYPER_FLOOR), "status"], None),
            ([cqip, "status"], text_env), ([cqip, "status"], {"COLUMNS": "120"}, fresh_cache), (gap, gap_env))
        imported = "import typer, rich, pydantic, yaml"
        cases.append(ratio_case("status, bundled data, warm cache", bundled, imports, 2, imported))
        cases.append(ratio_case("gap --year 2019 --lang en --format text, $CQIP_DATA, warm cache", gap_run, imports, 2,
                                imported))
        for name, run in (("status, bundled data, cold: the first run after an edit of targets.yaml or tasks.yaml",
                           bundled_cold), ("a typer command with status's options that does nothing", floor)):
            cases.append(Case(f"(reference) {name}", run.seconds / imports.seconds, "—", None,
                              f"{run.seconds:.3f} s vs {imported} {imports.seconds:.3f} s"))
        html_file, text_file = work / "report.html", work / "report.txt"
        html = measure([cqip, "report", "--format", "html", "--output", str(html_file)], warm)
        text = measure([cqip, "report", "--format", "text", "--output", str(text_file)], warm)
        cases.append(ratio_case("report --format html vs --format text, bundled data", html, text, 4,
                                "--format text"))
        helptime = measure([cqip, "--help"])
        typer_import = measure(python("import typer"))
        cases.append(ratio_case("--help vs import typer", helptime, typer_import, 1.5, "import typer"))

        # 1M rows.
        data = work / "m1"
        files = generate(data, 40)
        count = sum(1 for f in files for _ in f.open(encoding="utf-8")) - len(files)
        print(f"synthetic data: {count:,} observation rows in {len(files)} files", flush=True)
        reader = python("import csv, sys\n"
                        "for f in sys.argv[1:]:\n for row in csv.reader(open(f, encoding='utf-8')): pass")
        status = [cqip, "--data", str(data), "status", "--format", "json"]
        measure(status, warm, repeats=1)
        base, cold, warm_run = measure_together((reader + [str(f) for f in files], None), (status, None, fresh_cache),
                                                (status, warm), repeats=REPEATS)
        cases.append(ratio_case("status, 1M rows, cold (empty cache)", cold, base, 4, "csv.reader"))
        cases.append(ratio_case("status, 1M rows, warm (unchanged files)", warm_run, base, 1, "csv.reader"))

        small = work / "small"
        generate_small(small)
        periods = iter(range(10_000))

        def next_period(_: int) -> dict[str, str]:
            return {"BENCH_PERIOD": str(next(periods))}

        def adder(root: Path) -> list[str]:
            """`cqip add` of a new period each time (2100-01 on), in the whole city's file."""
            code = ("import os, sys, datetime\nfrom cqip.cli.app import main\n"
                    "n = int(os.environ['BENCH_PERIOD'])\n"
                    f"sys.argv = ['cqip', '--data', {str(root)!r}, 'add', 'i00',"
                    " f'{2100 + n // 12}-{n % 12 + 1:02d}', '1', '--unit', '件',"
                    " '--source', 'https://example.org/bench', '--file', 'region000.csv']\n"
                    "main()\n")
            return python(code)

        measure(adder(small), warm, repeats=1, before=next_period)
        add_small = measure(adder(small), warm, before=next_period)
        measure(adder(data), warm, repeats=1, before=next_period)
        add_big = measure(adder(data), warm, before=next_period)
        cases.append(ratio_case("add, 1M rows vs 100 rows (warm cache)", add_big, add_small, 3, "100 rows"))
        peak = max(cold.peak_kib, warm_run.peak_kib) / MIB
        cases.append(Case("peak RSS, status at 1M rows (cold or warm)", peak, "≤ 400 MiB", peak <= 400,
                          f"cold {cold.peak_kib / MIB:.0f} MiB, warm {warm_run.peak_kib / MIB:.0f} MiB, "
                          f"{cold.peak_kib * 1024 / count:.0f} B/row cold"))
        shutil.rmtree(data)

        if args.five:
            data5 = work / "m5"
            files5 = generate(data5, 200)
            count5 = count * 5
            base5 = measure(reader + [str(f) for f in files5], repeats=1)
            cold5 = measure([cqip, "--data", str(data5), "status", "--format", "json"], repeats=1, before=fresh_cache)
            peak5 = cold5.peak_kib / MIB
            cases.append(Case("peak RSS, status at 5M rows (cold)", peak5, "≤ 1536 MiB", peak5 <= 1536,
                              f"{cold5.peak_kib * 1024 / count5:.0f} B/row"))
            growth = (cold5.seconds / count5) / (cold.seconds / count)
            cases.append(Case("time per row, 5M vs 1M (cold)", growth, "≈ 1× (linear)", growth <= 1.15,
                              f"{cold5.seconds:.2f} s vs {cold.seconds:.2f} s; csv.reader {base5.seconds:.2f} s "
                              f"({cold5.seconds / base5.seconds:.1f}×)"))

    report = ["# cqip benchmarks\n",
              f"Machine: {platform.platform()}, {cpu()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
              f"median of {REPEATS} runs; {count:,} synthetic rows.\n",
              "| case | ratio | goal | met | times |", "|---|---|---|---|---|"]
    for case in cases:
        unit = " MiB" if "MiB" in case.goal else "×"
        value = f"{case.ratio:.0f}{unit}" if unit == " MiB" else f"{case.ratio:.2f}×"
        met = "—" if case.met is None else "yes" if case.met else "no"
        report.append(f"| {case.name} | {value} | {case.goal} | {met} | {case.detail} |")
    text_out = "\n".join(report) + "\n"
    print(text_out)
    args.output.write_text(text_out, encoding="utf-8")


if __name__ == "__main__":
    main()
