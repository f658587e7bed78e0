"""Time the full build and measure its peak memory: medians of several runs, as a table.

    python bench/bench_build.py [--runs 5] [--project PATH]

Each run is ``pkograph build`` on a fresh copy of the project (so the checkout's build/ is left
alone and no cache helps): records, extractors, mapping, SHACL validation, quality checks and
the write. The build runs in a child process; the wall time is measured around it and its peak
resident memory read from ``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss``. That figure is the
largest of all the children a process has waited for, so every run is measured from its own
short-lived intermediate process. Nothing is asserted: tests never check timings.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pkograph.paths import project

FOLDERS = ("ontology", "data", "queries")


def measure_once(root: str) -> None:
    """In the intermediate process: build once, print seconds and peak kilobytes as JSON."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "pkograph", "--project", root, "build"],
                          capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"the build failed:\n{done.stderr}")
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # kilobytes on Linux
    triples = next((line.split()[0] for line in done.stdout.splitlines()
                    if " triples (" in line), "?")
    print(json.dumps({"seconds": seconds, "peak_kb": peak_kb, "triples": triples}))


def run(source: Path) -> dict[str, float | str]:
    with tempfile.TemporaryDirectory(prefix="pkograph-bench-") as folder:
        for name in FOLDERS:
            shutil.copytree(source / name, Path(folder) / name)
        done = subprocess.run([sys.executable, __file__, "--measure-once", folder],
                              capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(done.stderr)
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--project", default=None)
    parser.add_argument("--measure-once", metavar="ROOT", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure_once:
        measure_once(args.measure_once)
        return
    source = project(args.project).root
    results = [run(source) for _ in range(args.runs)]
    seconds = [float(r["seconds"]) for r in results]
    peak_mb = [float(r["peak_kb"]) / 1024 for r in results]
    print(f"full build of {results[0]['triples']} triples, {args.runs} runs, each in a fresh "
          "process on a fresh copy of the project\n")
    print(f"{'':22} {'median':>8} {'min':>8} {'max':>8}")
    print(f"{'wall time (s)':22} {statistics.median(seconds):>8.2f} {min(seconds):>8.2f} "
          f"{max(seconds):>8.2f}")
    print(f"{'peak memory (MB)':22} {statistics.median(peak_mb):>8.0f} {min(peak_mb):>8.0f} "
          f"{max(peak_mb):>8.0f}")


if __name__ == "__main__":
    main()
