"""How much longer the HTML report takes than the text report, on the bundled data (goal: ≤ 4×, issue 14).

Run from a checkout: `python benchmarks/html_vs_text.py` (about 10 s). The two commands are run
side by side — alternately, REPEATS times each — and compared by their medians, as absolute times
on shared machines are noise and their ratio is not. `--cqip PATH` measures another installation
(e.g. an older version, for a before/after). `ratio()` is for benchmarks/run.py to fold in.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPEATS = 7
GOAL = 4.0
AS_OF = "2026-01-01"  # fixed, so that both runs and every later run draw the same page


def ratio(cqip: str, repeats: int = REPEATS) -> tuple[float, float, float]:
    """(median HTML seconds, median text seconds, HTML / text) of `cqip report` on the bundled data."""
    runs: dict[str, list[float]] = {"html": [], "text": []}
    for _ in range(repeats):
        for fmt, times in runs.items():
            start = time.perf_counter()
            subprocess.run([cqip, "report", "--format", fmt, "--as-of", AS_OF], check=True,
                           stdout=subprocess.DEVNULL)
            times.append(time.perf_counter() - start)
    html, text = statistics.median(runs["html"]), statistics.median(runs["text"])
    return html, text, html / text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cqip", default=str(Path(sys.executable).parent / "cqip"), help="the cqip executable")
    parser.add_argument("--repeats", type=int, default=REPEATS)
    args = parser.parse_args()
    html, text, times = ratio(args.cqip, args.repeats)
    print(f"report --format html vs --format text (bundled data): {times:.2f}× (goal ≤ {GOAL:g}×, "
          f"{'met' if times <= GOAL else 'not met'}); {html:.3f}s vs {text:.3f}s, median of {args.repeats}")


if __name__ == "__main__":
    main()
