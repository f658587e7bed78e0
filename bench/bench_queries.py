"""Time every saved query on the built graph: median of several runs, printed as a table.

    python bench/bench_queries.py [--runs 7] [--project PATH]

Each query runs with its default parameters, names resolved once beforehand (name lookup is
timed separately), so the figures are the SPARQL engine's time on this graph. The graph is the
project's current build (``pkograph build`` first), queried through the on-disk store as every
command queries it. Nothing is asserted: tests never
check timings.
"""

from __future__ import annotations

import argparse
import statistics
import time

from pkograph.lookup import NameLookup
from pkograph.paths import project
from pkograph.queries import bindings, load_all
from pkograph.store import open_embedded


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--project", default=None)
    args = parser.parse_args()
    proj = project(args.project)
    store = open_embedded(proj)
    lookup = NameLookup(store)
    print(f"graph: {store.name}; median of {args.runs} runs per query\n")
    print(f"{'query':40} {'rows':>6} {'median ms':>10} {'max ms':>8}")
    for name, saved in load_all(proj).items():
        bound = bindings(store, saved, {}, lookup)
        times, rows = [], 0
        for _ in range(args.runs):
            start = time.perf_counter()
            rows = len(store.select(saved.text, bound))
            times.append((time.perf_counter() - start) * 1000)
        print(f"{name:40} {rows:>6} {statistics.median(times):>10.1f} {max(times):>8.1f}")


if __name__ == "__main__":
    main()
