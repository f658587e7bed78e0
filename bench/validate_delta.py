"""Benchmark: validating a 1,000-triple contribution against a graph of about a million triples,
incrementally (``pkograph validate``'s way) versus a full SHACL validation.

    python bench/validate_delta.py                      # 1M triples, full validation run once
    python bench/validate_delta.py --triples 100000     # smaller graph
    python bench/validate_delta.py --skip-full          # incremental and focus-only runs only

The graph and the contribution come from ``bench/synthetic.py`` (fixed seeds) and are written to
``build/bench/``. Each approach runs in its own process, so that its peak memory (``ru_maxrss``)
is its own:

- ``incremental``: the contribution checked against the on-disk store, as ``pkograph validate``
  does (all rules; SHACL on the neighbourhood, restricted to the focus nodes). Opening the
  store is timed apart: every command that reads the graph pays it.
- ``full-focus``: pyshacl on the whole graph plus the contribution, ``focus_nodes`` given.
- ``full``: pyshacl on the whole graph plus the contribution, every node (run once).

It prints seconds, peak memory, and whether the SHACL findings on the contribution's focus nodes
are the same in every approach.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import synthetic  # noqa: E402

OUT = ROOT / "build" / "bench"


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def prepare(triples: int, delta_triples: int
            ) -> tuple[Path, Path, synthetic.Synthetic, synthetic.DeltaFile]:
    """The graph (a synthetic project with its on-disk store, made once per size, and its
    N-Quads) and the contribution file."""
    OUT.mkdir(parents=True, exist_ok=True)
    graph_path = synthetic.synthetic_project(triples, OUT) / "graph.nq"
    delta_path = OUT / f"delta-{triples}-{delta_triples}.ttl"
    graph = synthetic.generate(triples)
    contribution = synthetic.delta(graph, delta_triples)
    delta_path.write_text(contribution.turtle, encoding="utf-8")
    return graph_path, delta_path, graph, contribution


def incremental(graph_path: Path, delta_path: Path, placed_path: Path) -> dict[str, object]:
    """``pkograph validate``'s way; writes the placed triples and focus nodes for the others."""
    from pkograph.contribute.findings import finding_key
    from pkograph.contribute.read import Delta, read_file
    from pkograph.contribute.validate import check_contribution
    from pkograph.paths import project
    from pkograph.shacl import load_ontology, load_shapes
    from pkograph.store import open_embedded

    proj = project(ROOT)
    shapes, ontology = load_shapes(proj), load_ontology(proj)
    delta = Delta(read_file(delta_path, delta_path.name), [delta_path.name])
    started = time.perf_counter()
    store = open_embedded(project(graph_path.parent))
    store.ask("ASK {}")  # the first query starts a worker
    loaded = time.perf_counter() - started
    loaded_peak = _peak_mb()
    started = time.perf_counter()
    outcome = check_contribution(delta, store, shapes, ontology)
    seconds = time.perf_counter() - started
    placed_path.write_text(json.dumps({
        "focus": [str(f) for f in outcome.focus],
        "triples": "".join(f"{s.n3()} {p.n3()} {o.n3()} .\n"
                           for s, p, o, _ in (q.quad for q in outcome.placed)),
    }))
    keys = [finding_key(f.finding, outcome.report) for f in outcome.findings
            if not f.finding.rule.startswith(("contribution/", "queries/"))]
    quads = int(str(store.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
                    .rows[0]["n"]))
    store.close()
    return {"graph_quads": quads, "delta_triples": len(delta.statements),
            "focus_nodes": len(outcome.focus), "context_triples": outcome.context_size,
            "load_seconds": loaded, "load_peak_mb": loaded_peak, "seconds": seconds,
            "findings": sorted(keys),
            "all_findings": len(outcome.findings)}


def full(graph_path: Path, placed_path: Path, focus_only: bool) -> dict[str, object]:
    """pyshacl on the whole graph plus the contribution's placed triples."""
    import pyoxigraph as ox
    from rdflib import Graph, URIRef

    from pkograph.contribute.findings import finding_key
    from pkograph.paths import project
    from pkograph.shacl import load_ontology, load_shapes, validate
    from pkograph.terms import from_ox

    proj = project(ROOT)
    shapes, ontology = load_shapes(proj), load_ontology(proj)
    placed = json.loads(placed_path.read_text())
    focus = [URIRef(f) for f in placed["focus"]]
    union = Graph()
    for q in ox.parse(path=str(graph_path), format=ox.RdfFormat.N_QUADS):
        union.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
    for t in ox.parse(placed["triples"].encode(), format=ox.RdfFormat.N_TRIPLES):
        union.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
    started = time.perf_counter()
    result = validate(union, shapes, ontology, focus_nodes=focus if focus_only else None)
    seconds = time.perf_counter() - started
    wanted = set(focus)
    keys = [finding_key(f, result.report) for f in result.findings if f.focus in wanted]
    return {"seconds": seconds, "findings": sorted(keys), "all_findings": len(result.findings)}


def measure(mode: str, graph_path: Path, delta_path: Path, placed_path: Path) -> dict[str, object]:
    """Run one approach in this process; returns its figures with its peak memory."""
    if mode == "incremental":
        figures = incremental(graph_path, delta_path, placed_path)
    else:
        figures = full(graph_path, placed_path, focus_only=mode == "full-focus")
    return {"mode": mode, **figures, "peak_mb": _peak_mb()}


def run_child(mode: str, graph_path: Path, delta_path: Path, placed_path: Path
              ) -> dict[str, object]:
    done = subprocess.run([sys.executable, __file__, "--measure", mode, str(graph_path),
                           str(delta_path), str(placed_path)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--delta", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3, help="runs of the quick approaches")
    parser.add_argument("--skip-full", action="store_true")
    parser.add_argument("--measure", nargs=4, metavar=("MODE", "GRAPH", "DELTA", "PLACED"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        mode, *paths = args.measure
        print(json.dumps(measure(mode, *(Path(p) for p in paths)), default=list))
        return
    graph_path, delta_path, graph, contribution = prepare(args.triples, args.delta)
    print(f"graph: {len(graph.lines):,} quads, {len(graph.planted)} planted violations; "
          f"contribution: {contribution.deployments} new unit deployments, "
          f"{len(contribution.planted)} planted violations")
    plans = [("incremental", args.runs), ("full-focus", args.runs)]
    if not args.skip_full:
        plans.append(("full", 1))
    placed_path = delta_path.with_suffix(".placed.json")
    results: dict[str, list[dict[str, object]]] = {}
    for mode, runs in plans:
        results[mode] = [run_child(mode, graph_path, delta_path, placed_path)
                         for _ in range(runs)]
    first = results["incremental"][0]
    print(f"contribution: {first['delta_triples']} triples, {first['focus_nodes']} focus nodes, "
          f"neighbourhood {first['context_triples']} triples")
    print(f"{'approach':12} {'runs':>4} {'median s':>9} {'peak MB':>8} {'findings':>8}  same")
    reference = first["findings"]
    for mode, runs in results.items():
        seconds = sorted(float(r["seconds"]) for r in runs)  # type: ignore[arg-type]
        median = seconds[len(seconds) // 2]
        peak = max(float(r["peak_mb"]) for r in runs)  # type: ignore[arg-type]
        same = all(r["findings"] == reference for r in runs)
        print(f"{mode:12} {len(runs):>4} {median:>9.3f} {peak:>8.0f} "
              f"{len(runs[0]['findings']):>8}  {'yes' if same else 'NO'}")  # type: ignore[arg-type]
    loads = sorted(float(r["load_seconds"]) for r in results["incremental"])  # type: ignore[arg-type]
    load_peak = max(float(r["load_peak_mb"]) for r in results["incremental"])  # type: ignore[arg-type]
    print(f"(opening the on-disk store and starting a query worker, paid by every command "
          f"that reads the graph: {loads[len(loads) // 2]:.2f} s; {load_peak:.0f} MB of the "
          "incremental run's peak)")


if __name__ == "__main__":
    main()
