"""Side-by-side timings for cqip, printed as ratios against their goals (issue 7).

Run from a checkout: `pip install -e '.[bench]' && python benchmarks/run.py` (≈ 1 minute on
2 cores). Every case is measured in this one run, as the median of REPEATS runs, against a
baseline measured the same way — absolute times on these machines are noise, ratios are not.

The synthetic set has the goal's shape: 40 regions (the whole city and 39 districts) × 50
indicators × 12 months × 40 years = 960 000 rows with a `region` column, one file per region, and
one target per indicator with a value of its own for every district.
"""

from __future__ import annotations

import csv
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPEATS = 5
REGIONS, INDICATORS, YEARS = 40, 50, 40
ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def generate(root: Path) -> list[Path]:
    """targets.yaml with one level target per indicator and per-region values, one actuals file per region."""
    (root / "actuals").mkdir(parents=True)
    regions = ["全市", *(f"区县{r:02d}" for r in range(1, REGIONS))]
    ids = [f"i{i:02d}" for i in range(INDICATORS)]
    overrides = ", ".join(f"{name}: {900 + r}" for r, name in enumerate(regions[1:]))
    lines = ['plan: {id: bench, title_zh: 基准, title_en: Benchmark, baseline_year: 1990, deadline: 2030}',
             f"regions: [{', '.join(regions[1:])}]", "sections: [{id: all, zh: 全部, en: All}]", "indicators:"]
    lines += [f"  - {{id: {x}, zh: 指标{x}, en: Indicator {x}, unit: 件, measure: stock}}" for x in ids]
    lines.append("targets:")
    lines += [f"  - {{id: {x}_2030, indicator: {x}, section: all, kind: level, value: 1000, clause: 达到1000件,"
              f" regions: {{{overrides}}}}}" for x in ids]
    (root / "targets.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    files = []
    for r, region in enumerate(regions):
        path = root / "actuals" / f"region{r:02d}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(["indicator", "period", "value", "unit", "source", "note", "region"])
            for x in ids:
                for year in range(1990, 1990 + YEARS):
                    for month in range(1, 13):
                        writer.writerow([x, f"{year}-{month:02d}", 100 + (year - 1990) * 12 + month, "件",
                                         "https://example.org", "", "" if r == 0 else region])
        files.append(path)
    return files


def measure(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """Median wall time (s) and the largest max RSS (KiB) over REPEATS runs."""
    times, peaks = [], []
    for _ in range(REPEATS):
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, env={**os.environ, **(env or {})})
        _, status, usage = os.wait4(proc.pid, 0)
        times.append(time.perf_counter() - start)
        peaks.append(usage.ru_maxrss)
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"failed: {' '.join(argv)}")
    return statistics.median(times), max(peaks)


def python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def main() -> None:
    """Every case side by side; results.md gets the table and the machine it ran on."""
    cqip = str(BIN / "cqip")
    rows: list[tuple[str, float, float, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        files = generate(data)
        count = sum(1 for f in files for _ in f.open(encoding="utf-8")) - len(files)
        print(f"synthetic data: {count:,} observation rows in {len(files)} files")
        reader = python("import csv,sys\nfor f in sys.argv[1:]:\n for row in csv.reader(open(f, encoding='utf-8')): pass")
        base, _ = measure(reader + [str(f) for f in files])
        validate, rss_v = measure([cqip, "--data", str(data), "validate"])
        status, rss_s = measure([cqip, "--data", str(data), "status", "--format", "json"])
        rows.append(("validate + status --format json vs csv.reader", (validate + status) / base, 3.0,
                     f"{validate:.2f}s + {status:.2f}s vs {base:.2f}s"))
        peak_mib = max(rss_v, rss_s) / 1024
        bundled = sorted(str(p) for p in (ROOT / "data" / "actuals").glob("*.csv"))
        pandas, _ = measure(python("import pandas,sys\n[pandas.read_csv(f) for f in sys.argv[1:]]") + bundled)
        small, _ = measure([cqip, "status"], env={"COLUMNS": "120"})
        rows.append(("status (bundled data) vs pandas.read_csv", small / pandas, 0.5, f"{small:.3f}s vs {pandas:.3f}s"))
        helptime, _ = measure([cqip, "--help"])
        typer_import, _ = measure(python("import typer"))
        rows.append(("--help vs import typer", helptime / typer_import, 1.5, f"{helptime:.3f}s vs {typer_import:.3f}s"))
    report = [f"# cqip benchmarks\n", f"Machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
              f"median of {REPEATS} runs; {count:,} synthetic rows.\n", "| case | ratio | goal | met | times |", "|---|---|---|---|---|"]
    for name, ratio, goal, detail in rows:
        report.append(f"| {name} | {ratio:.2f}× | ≤ {goal}× | {'yes' if ratio <= goal else 'no'} | {detail} |")
    report.append(f"| peak memory (max RSS) of case 1 | {peak_mib:.0f} MiB | < 1024 MiB | {'yes' if peak_mib < 1024 else 'no'} | |")
    text = "\n".join(report) + "\n"
    print(text)
    (Path(__file__).parent / "results.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
