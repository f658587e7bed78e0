"""Benchmark: opening the graph and answering the saved queries, at one and ten million quads.

    python bench/bench_store.py                          # 1M quads
    python bench/bench_store.py --triples 1000000 10000000 --runs 5

On a synthetic graph of each size (``bench/synthetic.py``, kept under ``build/bench/``) it
prints, each figure the median of several runs in fresh processes:

- start-up: wall time and peak memory of ``pkograph sparql 'ASK {}'`` on the on-disk store (the
  command, its query worker included), of the same ASK after loading the N-Quads into an
  in-memory store as pkograph 0.1 did for every command, and of raw pyoxigraph opening the same
  on-disk store read-only and asking;
- every saved query (parameters with a default bound to things of the synthetic graph) on
  the embedded store (``pkograph.queries.run``: worker process, SPARQL JSON results read back
  as RDF terms), on Oxigraph server serving the same store (``oxigraph serve-read-only
  --union-default-graph``, through the remote store), and on raw pyoxigraph in this process
  (the same query text, every solution read), with the ratio embedded / raw.

Nothing is asserted: tests never check timings. Goals: a reading command starts in under a
second at 1M and 10M quads; saved queries on the embedded store within 1.5x of raw pyoxigraph.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tests"))

import synthetic  # noqa: E402

OUT = ROOT / "build" / "bench"

_RELOAD = """
import sys, pyoxigraph as ox
store = ox.Store()
store.bulk_load(open(sys.argv[1], "rb").read(), format=ox.RdfFormat.N_QUADS)
store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
print(bool(store.query("ASK {}")))
"""
_RAW_OPEN = """
import sys, pyoxigraph as ox
print(bool(ox.Store.read_only(sys.argv[1]).query("ASK {}")))
"""


def timed(command: list[str], runs: int) -> tuple[float, float]:
    """Median wall seconds and the largest peak memory (MB, the process and its children)."""
    seconds, peaks = [], []
    for _ in range(runs):
        started = time.perf_counter()
        done = subprocess.run([sys.executable, HERE / "bench_store.py", "--child", "--",
                               *command], capture_output=True, text=True, check=True)
        seconds.append(time.perf_counter() - started)
        peaks.append(float(done.stdout.strip().splitlines()[-1]))
    return statistics.median(seconds), max(peaks)


def child(command: list[str]) -> None:
    """Run a command and print the peak memory of it and its descendants, in MB."""
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)


def startup(root: Path, location: Path, runs: int) -> None:
    cases = [
        ("pkograph sparql 'ASK {}' (on-disk store)",
         [sys.executable, "-m", "pkograph", "--project", str(root), "sparql", "ASK {}"]),
        ("reload N-Quads in memory + ASK (0.1)",
         [sys.executable, "-c", _RELOAD, str(root / "graph.nq")]),
        ("raw pyoxigraph read-only open + ASK",
         [sys.executable, "-c", _RAW_OPEN, str(location)]),
    ]
    print(f"{'start-up':44} {'median s':>9} {'peak MB':>8}")
    for label, command in cases:
        seconds, peak = timed(command, runs)
        print(f"{label:44} {seconds:>9.2f} {peak:>8.0f}")


def bound_params(store, saved):  # type: ignore[no-untyped-def]
    """The parameters a saved query has defaults for, bound to things of the synthetic graph
    (the defaults name things of the real one)."""
    from rdflib import URIRef

    from pkograph.queries import convert

    out = {}
    for p in saved.params:
        if p.default is None:
            continue  # optional: unbound, as the saved query runs by default
        if p.kind.named:
            # a "thing" parameter's default names an organization or a mission (UNTAC)
            cls = p.kind.cls or "http://www.w3.org/ns/org#Organization"
            scheme = f"?x skos:inScheme <{p.kind.scheme}> ." if p.kind.scheme else ""
            rows = store.select(f"SELECT ?x WHERE {{ ?x a/rdfs:subClassOf* <{cls}> . {scheme} "
                                "FILTER(STRSTARTS(STR(?x), 'https://w3id.org/pkograph/id/')) } "
                                f"LIMIT 1 OFFSET {len(out)}")
            if not rows.rows:
                return None
            out[p.name] = URIRef(str(rows.rows[0]["x"]))
        elif p.default is not None:
            out[p.name] = convert(p, p.default, None)
    return out


def queries(root: Path, location: Path, runs: int, limit: float) -> None:
    import pyoxigraph as ox
    from oxigraph_server import binary, free_port

    from pkograph.paths import project
    from pkograph.queries import load_all
    from pkograph.store import open_embedded
    from pkograph.store.base import Limits, QueryTimeout
    from pkograph.store.query_text import prepare
    from pkograph.store.remote import RemoteStore

    proj = project(root)
    embedded = open_embedded(proj, Limits(timeout=limit))
    port = free_port()
    server = subprocess.Popen([binary(), "serve-read-only", "--location", str(location),
                               "--bind", f"127.0.0.1:{port}", "--union-default-graph"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(2)
    remote = RemoteStore(f"http://127.0.0.1:{port}/query", Limits(timeout=limit * 2))
    raw = ox.Store.read_only(str(location))

    def median_ms(run) -> float:  # type: ignore[no-untyped-def]
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            run()
            times.append((time.perf_counter() - started) * 1000)
        return statistics.median(times)

    print(f"\n{'saved query':36} {'rows':>7} {'embedded':>9} {'remote':>9} {'raw':>9} "
          f"{'emb/raw':>7}   (median ms)")
    try:
        ratios = []
        for name, saved in load_all(proj).items():
            try:
                params = bound_params(embedded, saved)
            except QueryTimeout:
                print(f"{name:36} (no parameter value found within the {limit:g} s limit)")
                continue
            if params is None:
                print(f"{name:36} (no thing of a parameter's kind in the synthetic graph)")
                continue
            text = prepare(saved.text, params).text
            try:
                rows = len(embedded.select(saved.text, params))
            except QueryTimeout:
                print(f"{name:36} (stopped at the {limit:g} s limit on the embedded store)")
                continue
            emb = median_ms(lambda: embedded.select(saved.text, params))  # noqa: B023
            rem = median_ms(lambda: remote.select(saved.text, params))  # noqa: B023
            raw_ms = median_ms(lambda t=text: list(raw.query(t, use_default_graph_as_union=True)))
            ratios.append(emb / raw_ms)
            print(f"{name:36} {rows:>7} {emb:>9.1f} {rem:>9.1f} {raw_ms:>9.1f} "
                  f"{emb / raw_ms:>7.2f}")
        print(f"embedded / raw: median {statistics.median(ratios):.2f}, "
              f"largest {max(ratios):.2f}")
    finally:
        embedded.close()
        server.terminate()
        server.wait()


def main() -> None:
    if "--child" in sys.argv:
        child(sys.argv[sys.argv.index("--") + 1:])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, nargs="+", default=[1_000_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--limit", type=float, default=60.0,
                        help="seconds a saved query may run (longer ones are named and skipped)")
    args = parser.parse_args()
    from pkograph import fingerprint
    from pkograph.paths import project

    for triples in args.triples:
        started = time.perf_counter()
        root = synthetic.synthetic_project(triples, OUT)
        location = project(root).build_dir / fingerprint.recorded(project(root)).store  # type: ignore[union-attr]
        with (root / "graph.nq").open("rb") as lines:
            quads = sum(1 for _ in lines)
        print(f"\n== {quads:,} quads (synthetic graph ready in "
              f"{time.perf_counter() - started:.0f} s; store at {location.relative_to(ROOT)})")
        startup(root, location, args.runs)
        queries(root, location, args.runs, args.limit)
    print(json.dumps({"runs": args.runs}))


if __name__ == "__main__":
    main()
