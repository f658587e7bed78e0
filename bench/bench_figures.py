"""Time every figure on the built graph: its rows (SPARQL), its drawing and its SVG file.

    python bench/bench_figures.py [--runs 5] [--project PATH]

Each figure is made with its default parameters, names resolved once beforehand, on the
project's current build (`pkograph build` first); the median of several runs is
printed for each stage, with the size of the SVG. Nothing is asserted: tests never check
timings.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from typing import Any

from pkograph.figures import FIGURES
from pkograph.figures.common import figure_bytes, resolve, style
from pkograph.paths import project
from pkograph.store import open_embedded


def _median_ms(runs: int, work: Callable[[], Any]) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--project", default=None)
    args = parser.parse_args()
    store = open_embedded(project(args.project))
    print(f"graph: {store.name}; median of {args.runs} runs per stage\n")
    print(f"{'figure':14} {'rows ms':>8} {'draw ms':>8} {'svg ms':>8} {'svg bytes':>10}")
    for name, spec in FIGURES.items():
        values = resolve(store, spec, {})
        rows_ms, rows = _median_ms(args.runs, lambda s=spec, v=values: s.data(store, v))
        with style():
            draw_ms, fig = _median_ms(args.runs, lambda s=spec, r=rows: s.draw(r))
        svg_ms, svg = _median_ms(args.runs, lambda f=fig: figure_bytes(f, "svg"))
        print(f"{name:14} {rows_ms:>8.1f} {draw_ms:>8.1f} {svg_ms:>8.1f} {len(svg):>10,}")


if __name__ == "__main__":
    main()
