"""The remote store: the same answers from Oxigraph server as from the embedded store, pushes
that replace each other or fail leaving the previous version, and a clear error for each way an
endpoint can be unusable.

The tests start Oxigraph server (the ``oxigraph`` package's binary) on free ports, push the
built graph with ``pkograph push``, and stop the servers when done.
"""

from __future__ import annotations

import contextlib
import http.server
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from oxigraph_server import free_port, oxigraph
from project_copy import copy_project
from test_queries import IDS, QUERY_FILES, rows_as_text

from pkograph.build import build
from pkograph.paths import Project
from pkograph.queries import load_file, run
from pkograph.store import open_embedded, open_remote
from pkograph.store.base import GraphStore, Limits, QueryError, StoreUnavailable
from pkograph.store.push import STAGING
from pkograph.store.remote import RemoteStore

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "contribution-valid.ttl"


def pkograph(root: Path, *args: str, env: dict[str, str] | None = None
             ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pkograph", "--project", str(root), *args],
                          capture_output=True, text=True, timeout=300,
                          env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Oxigraph server with the union default graph the queries need."""
    with oxigraph(tmp_path_factory.mktemp("oxigraph"), "--union-default-graph") as url:
        yield url


@pytest.fixture(scope="module")
def pushed(server: str, built_project: Project) -> str:
    done = pkograph(built_project.root, "push", "--endpoint", f"{server}/query")
    assert done.returncode == 0, done.stderr
    assert "pushed " in done.stderr
    return f"{server}/query"


@pytest.fixture(scope="module")
def remote(pushed: str) -> RemoteStore:
    return RemoteStore(pushed)


@pytest.fixture(scope="module")
def other_project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """A second version of the graph: the checkout plus the example contribution."""
    root = copy_project(ROOT, tmp_path_factory.mktemp("other") / "project")
    proj = Project(root, root / "build", writable=True)
    build(proj)
    done = pkograph(root, "add", str(EXAMPLE))
    assert done.returncode == 0, done.stderr
    return proj


@pytest.mark.parametrize("path", QUERY_FILES, ids=IDS)
def test_every_saved_query_answers_the_same_on_both_stores(
        path: Path, built_store: GraphStore, remote: RemoteStore) -> None:
    saved = load_file(path)
    embedded, over_http = run(built_store, saved), run(remote, saved)
    assert over_http.variables == embedded.variables
    assert rows_as_text(over_http) == rows_as_text(embedded)
    assert len(embedded) or saved.is_check


def test_find_and_validate_give_the_same_answers(built_project: Project, pushed: str) -> None:
    for args in (["find", "akashi"], ["find", "inoue", "--kind", "person"],
                 ["validate", "--format", "json", str(EXAMPLE)],
                 ["validate", "--format", "json", str(ROOT / "examples" /
                                                       "contribution-invalid.ttl")]):
        local = pkograph(built_project.root, *args)
        over_http = pkograph(built_project.root, *args, "--endpoint", pushed)
        assert (over_http.returncode, over_http.stdout) == (local.returncode, local.stdout)
    assert "Yasushi Akashi" in local.stdout or "findings" in local.stdout


def _contributions(store: GraphStore) -> int:
    rows = store.select("SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a pko:ContributionInKind }")
    return int(str(rows.rows[0]["n"]))


def _quads(store: GraphStore) -> int:
    """The pkograph quads of a store, read in one query (one snapshot)."""
    rows = store.select('SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } '
                        'FILTER(STRSTARTS(STR(?g), "https://w3id.org/pkograph/")) }')
    return int(str(rows.rows[0]["n"]))


def _staging_graphs(store: RemoteStore) -> int:
    rows = store.select(f'SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} '
                        f'FILTER(STRSTARTS(STR(?g), "{STAGING}")) }}')
    return int(str(rows.rows[0]["n"]))


def test_a_push_replaces_the_previous_one_and_a_failed_push_changes_nothing(
        tmp_path: Path, built_project: Project, built_store: GraphStore,
        other_project: Project) -> None:
    with oxigraph(tmp_path / "store", "--union-default-graph") as url:
        endpoint = f"{url}/query"
        assert pkograph(built_project.root, "push", "--endpoint", endpoint).returncode == 0
        remote = RemoteStore(endpoint)
        first = _contributions(remote)
        assert first == _contributions(built_store)
        # the next version replaces it
        assert pkograph(other_project.root, "push", "--endpoint", endpoint).returncode == 0
        assert _contributions(remote) == first + 1
        # back to the first: the example's graphs are gone, every quad is the first version's
        assert pkograph(built_project.root, "push", "--endpoint", endpoint).returncode == 0
        assert _contributions(remote) == first
        total = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
        assert remote.select(total).rows[0]["n"] == built_store.select(total).rows[0]["n"]
        # a push that fails, or is killed, changes nothing: one update request or none
        dead = f"http://127.0.0.1:{free_port()}/update"
        failed = pkograph(other_project.root, "push", "--endpoint", endpoint, "--update", dead)
        assert failed.returncode == 2 and "Traceback" not in failed.stderr
        assert "nothing was changed: the previous version is still served" in failed.stderr
        other = open_embedded(other_project)
        versions = {_quads(built_store), _quads(other)}
        other.close()
        killed = subprocess.Popen([sys.executable, "-m", "pkograph", "--project",
                                   str(other_project.root), "push", "--endpoint", endpoint])
        for _ in range(20):  # before, during and after its one request: never in between
            assert _quads(remote) in versions
            time.sleep(0.1)
        killed.kill()
        killed.wait()
        seen = [_quads(remote)]
        while len(seen) < 4 or len(set(seen[-4:])) > 1:  # a request sent may still be running
            time.sleep(0.5)
            seen.append(_quads(remote))
            assert len(seen) < 120
        assert set(seen) <= versions
        assert pkograph(built_project.root, "push", "--endpoint", endpoint).returncode == 0
        saved = load_file(ROOT / "queries" / "contributions-in-kind.rq")
        assert rows_as_text(run(remote, saved)) == rows_as_text(run(built_store, saved))


def test_a_large_push_is_staged_and_a_failed_one_says_what_it_left(
        tmp_path: Path, built_store: GraphStore, other_project: Project) -> None:
    """Above the size of one update request the new version is loaded under staging names:
    a failure before the switch leaves the previous version's graphs, and the next push drops
    the staging graphs it could not."""
    from pkograph.store.push import PushFailed, Target, push

    with oxigraph(tmp_path / "store", "--union-default-graph") as url:
        target = Target.derive(f"{url}/query")
        push(built_store, target, atomic_quads=0)
        remote = RemoteStore(target.endpoint)
        first = _contributions(remote)
        other = open_embedded(other_project)
        try:
            dead = Target(target.endpoint, target.graph_store,
                          f"http://127.0.0.1:{free_port()}/update")
            with pytest.raises(PushFailed, match="the previous version is still served; "
                                                 r"\d+ staging graphs under .* are left"):
                push(other, dead, atomic_quads=0)
            assert _staging_graphs(remote) > 0
            saved = load_file(ROOT / "queries" / "contributions-in-kind.rq")
            assert rows_as_text(run(remote, saved)) == rows_as_text(run(built_store, saved))
            pushed = push(other, target, atomic_quads=0)
            assert _staging_graphs(remote) == 0 and _contributions(remote) == first + 1
            assert pushed.quads == len(list(other.quads()))
        finally:
            other.close()


def test_a_stopped_server_is_a_clear_error(built_project: Project) -> None:
    endpoint = f"http://127.0.0.1:{free_port()}/query"
    done = pkograph(built_project.root, "query", "person-trail", "--endpoint", endpoint)
    assert done.returncode == 2
    assert done.stderr.startswith(f"error: cannot reach {endpoint} (tried 4 times)")
    assert "Traceback" not in done.stderr


def test_a_wrong_url_is_a_clear_error(built_project: Project, server: str) -> None:
    done = pkograph(built_project.root, "sparql", "SELECT * WHERE { ?s ?p ?o } LIMIT 1",
                    "--endpoint", f"{server}/no-such-endpoint")
    assert done.returncode == 2
    assert "is not a SPARQL endpoint (HTTP 404)" in done.stderr


def test_a_store_without_the_union_default_graph_is_named_with_the_fix(
        tmp_path: Path, built_project: Project) -> None:
    with oxigraph(tmp_path / "plain") as url:
        assert pkograph(built_project.root, "push", "--endpoint", f"{url}/query").returncode == 0
        done = pkograph(built_project.root, "query", "person-trail", "--endpoint",
                        f"{url}/query")
    assert done.returncode == 2
    assert "does not answer with the union of its named graphs" in done.stderr
    assert "--union-default-graph" in done.stderr and "unionDefaultGraph" in done.stderr


def test_an_empty_store_says_to_push_first(tmp_path: Path, built_project: Project) -> None:
    with oxigraph(tmp_path / "empty", "--union-default-graph") as url:
        done = pkograph(built_project.root, "find", "akashi", "--endpoint", f"{url}/query")
    assert done.returncode == 2 and "pkograph push" in done.stderr


class _Scripted(http.server.BaseHTTPRequestHandler):
    """An endpoint that answers with a status (and sleeps) as the test says, counting requests."""

    status: ClassVar[int] = 503
    delay: ClassVar[float] = 0.0
    seen: ClassVar[list[dict[str, str]]] = []

    def do_POST(self) -> None:
        self.seen.append(dict(self.headers))
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        time.sleep(self.delay)
        self.send_response(self.status)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        with contextlib.suppress(BrokenPipeError):  # the client gave up first (timeout test)
            self.wfile.write(b"scripted answer")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def scripted() -> Iterator[str]:
    _Scripted.seen = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Scripted)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(("status", "tries"), [(503, 4), (500, 4), (400, 1), (401, 1)])
def test_only_connection_errors_and_5xx_are_retried(scripted: str, status: int,
                                                    tries: int) -> None:
    _Scripted.status, _Scripted.delay = status, 0.0
    store = RemoteStore(scripted, backoff=0.01, expect_dataset=False)
    with pytest.raises((QueryError, StoreUnavailable)):
        store.select("SELECT * WHERE { ?s ?p ?o }")
    assert len(_Scripted.seen) == tries


def test_a_slow_endpoint_is_stopped_at_the_timeout(scripted: str) -> None:
    _Scripted.status, _Scripted.delay = 200, 3.0
    store = RemoteStore(scripted, Limits(timeout=1), expect_dataset=False)
    started = time.monotonic()
    with pytest.raises(QueryError, match="did not answer within 1 s"):
        store.select("SELECT * WHERE { ?s ?p ?o }")
    assert time.monotonic() - started < 3


def test_credentials_are_sent_and_never_shown(scripted: str, built_project: Project) -> None:
    _Scripted.status, _Scripted.delay = 401, 0.0
    secret_url = scripted.replace("http://", "http://ann:hunter2@")
    done = pkograph(built_project.root, "find", "akashi", "--endpoint", secret_url,
                    env={"PKOGRAPH_ENDPOINT_TOKEN": "tok-s3cret"})
    assert done.returncode == 2
    assert "refused the credentials (HTTP 401)" in done.stderr
    assert "hunter2" not in done.stderr + done.stdout and "tok-s3cret" not in done.stderr
    assert _Scripted.seen[0]["Authorization"] == "Bearer tok-s3cret"
    _Scripted.seen = []
    done = pkograph(built_project.root, "find", "akashi", "--endpoint", secret_url)
    assert done.returncode == 2 and "hunter2" not in done.stderr
    assert _Scripted.seen[0]["Authorization"] == "Basic YW5uOmh1bnRlcjI="  # ann:hunter2


def test_open_remote_refuses_what_is_not_http() -> None:
    with pytest.raises(StoreUnavailable, match="not an http"):
        open_remote("file:///etc/passwd")


def test_the_json_results_of_the_endpoint_are_read_as_terms(remote: RemoteStore) -> None:
    rows = remote.select('SELECT ?l WHERE { <https://w3id.org/pkograph/id/person/yasushi-akashi> '
                         'rdfs:label ?l }')
    assert {json.dumps(str(r["l"])) for r in rows} == {'"Yasushi Akashi"'}
    assert len(rows) > 1  # the union default graph is a bag: one row per citation stating it
