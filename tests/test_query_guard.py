"""Every evaluation is guarded: no query reaches the network, none crashes or hangs a command.

The reproductions are run on the built graph, through the on-disk store as every command and
the server run them, and through the command line. A local HTTP listener records any request a
SERVICE clause would send; the first test shows the engine alone does send it, so the others
can fail.
"""

from __future__ import annotations

import http.server
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pyoxigraph as ox
import pytest

from pkograph.paths import Project
from pkograph.store import open_embedded
from pkograph.store.base import GraphStore, Limits, QueryError, QueryTimeout, ResultTooLarge

AKASHI_IS_A_PERSON = "ASK { <https://w3id.org/pkograph/id/person/yasushi-akashi> a foaf:Person }"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_POST(self) -> None:
        self.requests.append(self.path)
        self.send_response(500)
        self.end_headers()

    do_GET = do_POST

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def listener() -> Iterator[tuple[int, list[str]]]:
    """A local HTTP server on a free port, and the requests it received."""
    _Recorder.requests = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], _Recorder.requests
    server.shutdown()
    server.server_close()


def services(port: int) -> list[str]:
    base = f"http://127.0.0.1:{port}"
    return [
        f"SELECT * WHERE {{ SERVICE<{base}/a> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE SILENT<{base}/b> {{ ?s ?p ?o }} }}",
        f"select * where {{ service silent <{base}/c> {{ ?s ?p ?o }} }}",
        f"PREFIX \u200c: <{base}/> SELECT * WHERE {{ SERVICE \u200c:d {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?x ?y ?z . SERVICE\n<{base}/e> {{ ?s ?p ?o }} }}",
    ]


def test_the_engine_alone_would_reach_the_listener(listener: tuple[int, list[str]]) -> None:
    port, requests = listener
    with pytest.raises(OSError):
        list(ox.Store().query(services(port)[0]))
    assert requests == ["/a"]


def test_service_never_reaches_the_network(built_store: GraphStore,
                                           listener: tuple[int, list[str]]) -> None:
    port, requests = listener
    for query in services(port):
        with pytest.raises(QueryError, match="SERVICE is refused"):
            built_store.select(query)
        with pytest.raises(QueryError, match="SERVICE is refused"):
            built_store.answer(query)
    assert requests == []


def test_service_from_the_command_line(built_project: Project,
                                       listener: tuple[int, list[str]]) -> None:
    port, requests = listener
    for query in services(port):
        done = _pkograph(built_project, "sparql", query)
        assert done.returncode == 2 and "SERVICE is refused" in done.stderr
    assert requests == []


@pytest.mark.parametrize(("query", "message"), [
    ("SELECT * WHERE " + "{ " * 3000 + "?s ?p ?o" + " }" * 3000, "nests brackets 3000 deep"),
    ("SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 5000 + "?o" + ")" * 5000 + ") }",
     "nests brackets 5002 deep"),
    ("SELECT * WHERE { ?s ?p ?o " + "OPTIONAL { ?s ?p ?o " * 5000 + "}" * 5000 + " }",
     "nests brackets 5001 deep"),
    ("SELECT * WHERE { " + " UNION ".join(["{ ?s ?p ?o }"] * 10000) + " }",
     "10000 operators"),
    ("SELECT * WHERE { ?s ?p ?o FILTER(" + " || ".join(["?o = 1"] * 10000) + ") }",
     "operators"),
])
def test_a_query_too_deep_to_parse_is_refused_before_parsing(
        built_project: Project, tmp_path: Path, query: str, message: str) -> None:
    path = tmp_path / "deep.rq"
    path.write_text(query, encoding="utf-8")
    done = _pkograph(built_project, "sparql", "-f", str(path))
    assert done.returncode == 2, done.stderr
    assert message in done.stderr and "Traceback" not in done.stderr


def test_a_runaway_query_is_stopped_and_the_store_keeps_answering(
        built_project: Project) -> None:
    store = open_embedded(built_project, Limits(timeout=1.0), workers=2)
    try:
        started = time.monotonic()
        with pytest.raises(QueryTimeout, match="time limit of 1 s"):
            store.select(RUNAWAY)
        assert time.monotonic() - started < 10
        assert store.ask(AKASHI_IS_A_PERSON)
        # and while one runs away, the other worker answers
        results: list[object] = []
        thread = threading.Thread(target=lambda: results.append(_timeout_of(store)))
        thread.start()
        time.sleep(0.3)
        assert store.ask(AKASHI_IS_A_PERSON)
        thread.join()
        assert results == ["stopped"]
    finally:
        store.close()


def _timeout_of(store: GraphStore) -> str:
    try:
        store.select(RUNAWAY)
    except QueryTimeout:
        return "stopped"
    return "answered"


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { ?a (<urn:p>|!<urn:p>|^!<urn:p>)* ?b }",
    "SELECT * WHERE { ?a (rdf:type|^rdf:type)* ?b }",
    RUNAWAY,
])
def test_runaway_queries_from_the_command_line_stop_at_the_timeout(
        built_project: Project, query: str) -> None:
    started = time.monotonic()
    done = _pkograph(built_project, "sparql", "--timeout", "1", query)
    assert done.returncode == 2
    assert ("ran past the time limit of 1 s" in done.stderr
            or "larger than" in done.stderr or "memory" in done.stderr), done.stderr
    assert time.monotonic() - started < 30


def test_a_result_past_the_size_limit_is_stopped(built_project: Project) -> None:
    store = open_embedded(built_project, Limits(max_result_bytes=10_000))
    try:
        with pytest.raises(ResultTooLarge, match="larger than 10,000 bytes"):
            store.select("SELECT * WHERE { ?s ?p ?o }")
        assert len(store.select("SELECT * WHERE { ?s a foaf:Person } LIMIT 3")) == 3
    finally:
        store.close()


def test_a_query_past_the_memory_limit_is_stopped(built_project: Project) -> None:
    store = open_embedded(built_project, Limits(max_memory=1500 << 20, timeout=120))
    try:
        with pytest.raises(QueryError, match="more than 1,500 MiB of memory"):
            store.select("SELECT ?a ?b ?c ?d WHERE { ?a ?p ?b . ?c ?q ?d } ORDER BY ?d ?c ?b ?a")
        assert store.ask(AKASHI_IS_A_PERSON)
    finally:
        store.close()


def test_ctrl_c_stops_a_running_query(built_project: Project) -> None:
    others = set(_workers(built_project))  # the workers of stores other tests opened
    process = subprocess.Popen(
        [sys.executable, "-m", "pkograph", "--project", str(built_project.root), "sparql",
         "--timeout", "300", RUNAWAY], stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not (workers := sorted(set(_workers(built_project)) - others)) and \
            time.monotonic() < deadline:
        time.sleep(0.2)
    assert workers, "the query runs in a worker process"
    time.sleep(1)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=20)
    assert process.returncode == 130 and "interrupted" in stderr
    time.sleep(1)
    assert not set(workers) & set(_workers(built_project))


@pytest.mark.parametrize(("args", "message"), [
    (["item-totals", "--param", "since_year=1_992"], "not a four-digit year"),
    (["people-linking", "--param", "min_links=1_0"], "not a whole number"),
    (["item-totals", "--param", "since_year=2000", "--param", "since_year=2010"],
     "--param since_year is given twice"),
])
def test_parameters_are_read_with_their_own_grammar(built_project: Project, args: list[str],
                                                    message: str) -> None:
    done = _pkograph(built_project, "query", *args)
    assert done.returncode == 2 and message in done.stderr


def _pkograph(built_project: Project, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pkograph", "--project",
                           str(built_project.root), *args], capture_output=True, text=True,
                          timeout=120)


def _workers(built_project: Project) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if b"pkograph.store.worker" in command and any(
                    str(built_project.build_dir).encode() in part for part in command):
                found.append(int(entry.name))
    return found


def test_queries_from_many_threads_run_at_once_with_the_right_answers(
        built_store: GraphStore) -> None:
    """Eight threads, every saved query each: the same answers as one at a time."""
    from concurrent.futures import ThreadPoolExecutor

    from test_queries import QUERY_FILES, rows_as_text

    from pkograph.queries import load_file, run

    saved = [load_file(p) for p in QUERY_FILES]
    expected = {q.name: rows_as_text(run(built_store, q)) for q in saved}
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda q: (q.name, rows_as_text(run(built_store, q))),
                                saved * 8))
    assert len(answers) == 8 * len(saved)
    assert all(rows == expected[name] for name, rows in answers)
