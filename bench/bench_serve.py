"""Benchmark: the SPARQL endpoint of ``pkograph serve`` under concurrent load, beside Oxigraph's
own server and rdflib-endpoint serving the same data.

    python bench/bench_serve.py                       # real graph and ~1M-quad synthetic graph
    python bench/bench_serve.py --skip-synthetic      # real graph only
    python bench/bench_serve.py --duration 10 --connections 8

Load comes from ``wrk`` (Debian package ``wrk``: C, no compile step here), 2 threads holding
``--connections`` keep-alive connections for ``--duration`` seconds per measurement, after a
1-second warm-up; it runs on the same machine and takes its share of the cores. Workloads:

- ``lookup, repeated``: one resource's label by IRI, the IRIs of 100 labelled resources in turn
  (the same texts again and again, as a page's or a portal's lookups come);
- ``lookup, each new``: the same lookups, each text made new by a comment with a counter, so
  no answer can be reused: every request is evaluated;
- ``person-trail``: the saved query bound to one person (Yasushi Akashi on the real graph, the
  first person with a post on the synthetic one), each text new;
- ``person page``, ``mission page``: the HTML page of a person (Yasushi Akashi) and of a
  mission (UNTAC) from ``pkograph serve`` alone, with its page cache and without it
  (``PKOGRAPH_PAGE_CACHE=0``: every page made anew).

Servers, one at a time, each over the same data:

- ``pkograph``: :func:`pkograph.web.app.run` (what ``pkograph serve`` runs) over the store;
- ``oxigraph``: ``oxigraph serve-read-only --union-default-graph`` (``pip install oxigraph``)
  on the same store folder; started without ``--timeout-s``: with it, Oxigraph 0.5 starts a
  thread per query that lives for the whole time limit, and under this load the server runs
  out of threads within seconds;
- ``rdflib-endpoint`` (``pip install rdflib-endpoint``), the store's quads loaded from N-Quads.

Every server is first asked each workload's first query alone (its time and rows are printed:
the rows must be the same number everywhere); a server that gives no answer within ten times
``--duration`` is not measured on that workload. Prints requests per second, p50 and p99
latency and errors (non-2xx answers, socket errors; wrk counts a request not answered within
10 s as one), and the ratios of pkograph's throughput to the others'. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = ROOT / "build" / "bench"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
AKASHI = "https://w3id.org/pkograph/id/person/yasushi-akashi"
JSON = "application/sparql-results+json"


@dataclass
class Workload:
    name: str
    queries: list[str]
    #: a new text for every request (a comment with a counter)
    each_new: bool
    #: pages asked for as HTML instead of queries (``pkograph serve`` only)
    pages: tuple[str, ...] = ()


@dataclass
class Result:
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    errors: int


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(port: int, process: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped: exit code {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"no server on port {port} after {timeout:g} s")


@contextmanager
def running(command: list[str], port: int, timeout: float = 600,
            env: dict[str, str] | None = None) -> Iterator[None]:
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               env={**os.environ, **(env or {})})
    try:
        wait_for(port, process, timeout)
        yield
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def ask(url: str, query: str, timeout: float) -> tuple[int, float] | None:
    """The number of rows of a query's JSON answer and the milliseconds it took alone; None if
    there is none within the time."""
    request = urllib.request.Request(f"{url}?{urllib.parse.urlencode({'query': query})}",
                                     headers={"Accept": JSON})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            rows = len(json.loads(response.read())["results"]["bindings"])
    except (OSError, ValueError, KeyError):
        return None
    return rows, (time.perf_counter() - started) * 1000


def lua_script(path: str, workload: Workload) -> str:
    """A wrk script sending the workload's queries in turn; for ``each_new``, each text ends
    with a comment no other request of any run has (the run's random number and a counter).
    A workload of pages asks for them as a browser does."""
    if workload.pages:
        pages = ", ".join(f'"{p}"' for p in workload.pages)
        return f"""
local pages = {{ {pages} }}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", pages[(counter % #pages) + 1], {{["Accept"] = "text/html"}})
end
"""
    encoded = [urllib.parse.quote(q, safe="") for q in workload.queries]
    items = ",\n".join(f'"{q}"' for q in encoded)
    suffix = '.. "%20%23%20" .. run .. "-" .. counter' if workload.each_new else ""
    return f"""
local queries = {{
{items}
}}
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("id", threads)
end
init = function(args)
  math.randomseed(os.time() * 1000 + id)
  run = math.random(1000000000)
end
counter = 0
request = function()
  counter = counter + 1
  local q = queries[(counter % #queries) + 1]
  return wrk.format("GET", "{path}?query=" .. q {suffix}, {{["Accept"] = "{JSON}"}})
end
"""


_LATENCY = re.compile(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", re.MULTILINE)
_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def load(url: str, workload: Workload, duration: float, connections: int) -> Result:
    split = urllib.parse.urlsplit(url)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(lua_script(split.path, workload))
    try:
        base = f"{split.scheme}://{split.netloc}"
        common = ["wrk", "-t2", f"-c{connections}", "--latency", "--timeout", "10s", "-s",
                  script.name]
        subprocess.run([*common, "-d1s", base], capture_output=True, check=True)  # warm-up
        done = subprocess.run([*common, f"-d{duration:g}s", base], capture_output=True,
                              text=True, check=True)
    finally:
        os.unlink(script.name)
    out = done.stdout
    latency = {m[1]: float(m[2]) * _UNITS[m[3]] for m in _LATENCY.finditer(out)}
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    socket_errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), "
                              r"timeout (\d+)", out)
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    return Result(float(rate[1]) if rate else 0.0, latency.get("50", 0.0),
                  latency.get("99", 0.0), errors)


@dataclass
class Graph:
    name: str
    store: Path
    nquads: Path
    person: str
    mission: str


def real_graph(project_dir: str | None) -> Graph:
    from pkograph.fingerprint import current_store
    from pkograph.paths import project

    proj = project(project_dir)
    if current_store(proj) is None:
        subprocess.run([sys.executable, "-m", "pkograph", "--project", str(proj.root), "build"],
                       check=True, stdout=subprocess.DEVNULL)
    location = current_store(proj)
    assert location is not None
    return Graph("real", location, dump(location, OUT / f"serve-{location.name}.nq"), AKASHI,
                 "https://w3id.org/pkograph/id/mission/untac")


def synthetic_graph(triples: int) -> Graph:
    """The synthetic graph of ``bench/synthetic.py`` in a store of its own (made once)."""
    sys.path.insert(0, str(HERE))
    import synthetic

    from pkograph.store.embedded import write_store

    folder = OUT / f"serve-store-{triples}"
    nquads = OUT / f"serve-{triples}.nq"
    if not nquads.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        nquads.write_text(synthetic.generate(triples).text(), encoding="utf-8")
    stores = sorted(folder.glob("store-*"))
    location = stores[-1] if stores else write_store(folder, nquads.read_bytes())
    import pyoxigraph as ox

    first = ox.Store.read_only(str(location)).query(
        "SELECT ?p WHERE { GRAPH ?g { ?m <http://www.w3.org/ns/org#member> ?p } } "
        "ORDER BY ?p LIMIT 1")
    person = next(iter(first))["p"].value  # type: ignore[index,union-attr]
    missions = ox.Store.read_only(str(location)).query(
        "SELECT ?m WHERE { GRAPH ?g { ?m a <https://w3id.org/pkograph/ontology#Mission> } } "
        "ORDER BY ?m LIMIT 1")
    mission = next(iter(missions))["m"].value  # type: ignore[index,union-attr]
    return Graph(f"synthetic ({triples:,})", location, nquads, person, mission)


def dump(location: Path, path: Path) -> Path:
    """Every quad of the store as N-Quads (for rdflib-endpoint), written once."""
    if not path.exists():
        import pyoxigraph as ox

        OUT.mkdir(parents=True, exist_ok=True)
        ox.Store.read_only(str(location)).dump(str(path), format=ox.RdfFormat.N_QUADS)
    return path


def page_workloads(graph: Graph) -> list[Workload]:
    """A person's page and a mission's page, each asked for again and again."""
    from pkograph.web.pages.context import local_path

    person, mission = local_path(graph.person), local_path(graph.mission)
    assert person and mission
    return [Workload("person page", [], False, (person,)),
            Workload("mission page", [], False, (mission,))]


def workloads(graph: Graph, project_dir: str | None) -> list[Workload]:
    import pyoxigraph as ox
    from rdflib import URIRef

    from pkograph.paths import project
    from pkograph.queries import load
    from pkograph.store.query_text import prepare

    found = ox.Store.read_only(str(graph.store)).query(
        f"SELECT DISTINCT ?s WHERE {{ GRAPH ?g {{ ?s <{RDFS_LABEL}> ?l }} "
        f'FILTER(STRSTARTS(STR(?s), "https://w3id.org/pkograph/id/")) }} ORDER BY ?s LIMIT 100')
    lookups = [f"SELECT ?label WHERE {{ <{row['s'].value}> <{RDFS_LABEL}> ?label }}"
               for row in found]  # type: ignore[index,union-attr]
    saved = load(project(project_dir), "person-trail")
    trail = prepare(saved.text, {"person": URIRef(graph.person)}).text  # portable: prefixed
    return [Workload("lookup, repeated", lookups, False),
            Workload("lookup, each new", lookups, True),
            Workload("person-trail", [trail], True)]


@dataclass
class Server:
    name: str
    command: list[str]
    port: int
    #: the URL queries are sent to
    url: str
    #: seconds it may take to start (rdflib-endpoint parses the whole graph first)
    startup: float = 120.0


def servers(graph: Graph, project_dir: str | None) -> list[Server]:
    """Each server that is installed, over the graph."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    ours = [sys.executable, str(Path(__file__).resolve()), "--serve", str(graph.store),
            "--port", str(port)] + (["--project", project_dir] if project_dir else [])
    found = [Server("pkograph", ours, port, f"{base}/sparql")]
    oxigraph = Path(sys.executable).with_name("oxigraph")
    if oxigraph.exists():
        found.append(Server("oxigraph", [str(oxigraph), "serve-read-only", "--location",
                                         str(graph.store), "--bind", f"127.0.0.1:{port}",
                                         "--union-default-graph"], port, f"{base}/query"))
    rdflib_endpoint = Path(sys.executable).with_name("rdflib-endpoint")
    if rdflib_endpoint.exists():
        found.append(Server("rdflib-endpoint", [str(rdflib_endpoint), "serve", str(graph.nquads),
                                                "--host", "127.0.0.1", "--port", str(port)],
                            port, f"{base}/", startup=1800.0))
    return found


def serve_store(location: str, port: int, project_dir: str | None) -> None:
    """What ``pkograph serve`` runs, over a given store (``--serve``)."""
    from pkograph.paths import project
    from pkograph.store import default_workers
    from pkograph.store.base import Limits
    from pkograph.store.embedded import DiskStore
    from pkograph.web.app import Site, run

    store = DiskStore(Path(location), Limits(timeout=10.0), default_workers())
    try:
        run(Site(store, project(project_dir), timeout=10.0), "127.0.0.1", port)
    finally:
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=5.0, help="seconds per measurement")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--triples", type=int, default=1_000_000,
                        help="size of the synthetic graph")
    parser.add_argument("--skip-synthetic", action="store_true")
    parser.add_argument("--project", default=None)
    parser.add_argument("--serve", metavar="STORE", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve_store(args.serve, args.port, args.project)
        return
    if shutil.which("wrk") is None:
        sys.exit("wrk is needed: apt-get install wrk")
    graphs = [real_graph(args.project)]
    if not args.skip_synthetic:
        graphs.append(synthetic_graph(args.triples))
    print(f"{os.cpu_count()} cores; wrk -t2 -c{args.connections}, {args.duration:g} s per "
          f"measurement after a 1 s warm-up\n")
    print(f"{'graph':22} {'workload':18} {'server':16} {'req/s':>8} {'p50 ms':>8} "
          f"{'p99 ms':>8} {'errors':>7} {'alone ms':>9}")
    ratios: list[str] = []
    for graph in graphs:
        tasks = workloads(graph, args.project)
        results: dict[tuple[str, str], Result] = {}
        for server in servers(graph, args.project):
            name = server.name
            with running(server.command, server.port, server.startup):
                for workload in tasks:
                    probe = ask(server.url, workload.queries[0], 10 * args.duration)
                    if probe is None:
                        print(f"{graph.name:22} {workload.name:18} {name:16} no answer within "
                              f"{10 * args.duration:g} s", flush=True)
                        continue
                    result = load(server.url, workload, args.duration, args.connections)
                    results[(name, workload.name)] = result
                    print(f"{graph.name:22} {workload.name:18} {name:16} "
                          f"{result.requests_per_s:>8.0f} {result.p50_ms:>8.2f} "
                          f"{result.p99_ms:>8.2f} {result.errors:>7} {probe[1]:>9.1f}  "
                          f"{probe[0]} rows", flush=True)
        pkograph = servers(graph, args.project)[0]
        for cache in ("on", "off"):
            env = {} if cache == "on" else {"PKOGRAPH_PAGE_CACHE": "0"}
            with running(pkograph.command, pkograph.port, pkograph.startup, env):
                base = pkograph.url.rsplit("/sparql", 1)[0]
                for workload in page_workloads(graph):
                    result = load(base + "/", workload, args.duration, args.connections)
                    print(f"{graph.name:22} {workload.name:18} {'cache ' + cache:16} "
                          f"{result.requests_per_s:>8.0f} {result.p50_ms:>8.2f} "
                          f"{result.p99_ms:>8.2f} {result.errors:>7}", flush=True)
        for workload in tasks:
            ours = results.get(("pkograph", workload.name))
            for other in ("oxigraph", "rdflib-endpoint"):
                theirs = results.get((other, workload.name))
                if ours and theirs and theirs.requests_per_s:
                    ratios.append(f"{graph.name:22} {workload.name:18} pkograph / {other}: "
                                  f"{ours.requests_per_s / theirs.requests_per_s:.2f}")
    print("\nthroughput ratios")
    print("\n".join(ratios))


if __name__ == "__main__":
    main()
