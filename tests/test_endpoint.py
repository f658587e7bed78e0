"""The SPARQL endpoint of ``pkograph serve``, asked over HTTP as its users ask it.

One server of the built graph (``pkograph serve``, its own process, a free port) answers the
module (a second one, with a time limit of 2 s, the runaway query); its answers are compared
with the same queries asked of the built graph directly (``built_store``), the way every
command asks it.
"""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from serving import serve, serve_app
from SPARQLWrapper import JSON, TURTLE, SPARQLWrapper

import pkograph
from pkograph.namespaces import RDFS
from pkograph.paths import Project
from pkograph.queries import load_all
from pkograph.store import open_remote
from pkograph.store.base import GraphStore, Limits
from pkograph.store.results import parse_json
from pkograph.web.app import Site, create_app

AKASHI = URIRef("https://w3id.org/pkograph/id/person/yasushi-akashi")
UNTAC = URIRef("https://w3id.org/pkograph/id/mission/untac")
COUNT_QUADS = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
#: Runs for hours: the cartesian product of the graph with itself, three times.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def url(built_project: Project) -> Iterator[str]:
    with serve(built_project.root) as base:
        yield base


def get(url: str, query: str, accept: str | None = None, **params: str
        ) -> tuple[int, dict[str, str], bytes]:
    """GET /sparql?query=...: the status, headers (lower-case names) and body."""
    fields = urllib.parse.urlencode({"query": query, **params})
    request = urllib.request.Request(f"{url}/sparql?{fields}",
                                     headers={"Accept": accept} if accept else {})
    return fetch(request)


def fetch(request: urllib.request.Request) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return (response.status, {k.lower(): v for k, v in response.headers.items()},
                    response.read())
    except urllib.error.HTTPError as error:
        return (error.code, {k.lower(): v for k, v in error.headers.items()}, error.read())


def post(url: str, body: bytes, content_type: str | None, method: str = "POST",
         path: str = "/sparql") -> tuple[int, dict[str, str], bytes]:
    headers = {"Content-Type": content_type} if content_type else {}
    return fetch(urllib.request.Request(f"{url}{path}", data=body, headers=headers,
                                        method=method))


def count(url: str) -> int:
    status, _, body = get(url, COUNT_QUADS)
    assert status == 200
    rows = parse_json(body)
    assert not isinstance(rows, bool)
    return int(rows.rows[0]["n"])  # type: ignore[arg-type]


# -- SPARQLWrapper, the design's client library ------------------------------------------------

@pytest.mark.parametrize(("name", "params"), [
    ("person-trail", {"person": "Akashi"}),
    ("mission-support", {"mission": "UNTAC"}),
    ("contributions-in-kind", {"recipient": "UNHCR"}),
    ("law-timeline", {}),
    ("personnel-totals", {}),
])
def test_saved_queries_through_the_endpoint_give_the_same_rows(
        url: str, built_store: GraphStore, name: str, params: dict[str, str]) -> None:
    """pkograph.query over the endpoint (a remote store: SPARQLWrapper, names resolved through
    the endpoint too) gives exactly the rows it gives on the built graph."""
    remote = open_remote(f"{url}/sparql", Limits(timeout=30))
    here = pkograph.query(name, store=built_store, **params)
    there = pkograph.query(name, store=remote, **params)
    assert there.variables == here.variables
    assert sorted(map(repr, there.rows)) == sorted(map(repr, here.rows)) and len(here) > 0


def test_akashis_trail_over_the_endpoint(url: str) -> None:
    rows = pkograph.query("person-trail", person="Akashi",
                          store=open_remote(f"{url}/sparql", Limits(timeout=30)))
    assert {r["person"] for r in rows} == {AKASHI}
    posts = {str(r["with_label"]) for r in rows if str(r["link"]) == "post"}
    assert "United Nations Transitional Authority in Cambodia" in posts
    assert len(rows) == 10


@pytest.mark.filterwarnings("ignore:Sending Accept header:RuntimeWarning")
def test_every_saved_query_text_runs_unchanged(url: str, built_store: GraphStore,
                                               project: Project) -> None:
    """Each .rq as it is in queries/ (parameters left unbound): the project's prefixes are
    declared by the endpoint, and the rows are those of the built graph."""
    saved = load_all(project)
    assert len(saved) >= 20

    def same(text: str) -> bool:
        sparql = SPARQLWrapper(f"{url}/sparql")
        sparql.setQuery(text)
        sparql.setReturnFormat(JSON)
        answer = sparql.query().convert()
        assert isinstance(answer, dict)
        rows = parse_json(answer)
        assert not isinstance(rows, bool)
        expected = built_store.select(text)
        return sorted(map(repr, rows.rows)) == sorted(map(repr, expected.rows))

    with ThreadPoolExecutor(4) as pool:
        answers = dict(zip(saved, pool.map(same, [q.text for q in saved.values()]), strict=True))
    assert [name for name, ok in answers.items() if not ok] == []


def test_sparqlwrapper_ask_construct_and_describe(url: str, built_store: GraphStore) -> None:
    sparql = SPARQLWrapper(f"{url}/sparql")
    sparql.setReturnFormat(JSON)
    sparql.setQuery(f"ASK {{ <{AKASHI}> org:memberOf|^org:member/org:organization <{UNTAC}> }}")
    assert sparql.query().convert() == {"head": {}, "boolean": True}
    sparql.setQuery(f"ASK {{ <{AKASHI}> a pko:Mission }}")
    assert sparql.query().convert()["boolean"] is False  # type: ignore[index]

    construct = (f"CONSTRUCT {{ <{AKASHI}> ?p ?o }} WHERE {{ <{AKASHI}> ?p ?o }}")
    sparql.setQuery(construct)
    sparql.setReturnFormat(TURTLE)
    graph = Graph().parse(data=sparql.query().convert(), format="turtle")  # type: ignore[arg-type]
    assert isomorphic(graph, built_store.construct(construct))
    assert (AKASHI, RDFS.label, Literal("Yasushi Akashi", lang="en")) in graph

    sparql.setQuery(f"DESCRIBE <{AKASHI}>")
    sparql.setReturnFormat(TURTLE)
    described = Graph().parse(data=sparql.query().convert(), format="turtle")  # type: ignore[arg-type]
    assert isomorphic(described, built_store.construct(f"DESCRIBE <{AKASHI}>"))
    assert (AKASHI, RDFS.label, Literal("Yasushi Akashi", lang="en")) in described


# -- the protocol: methods, media types, errors ------------------------------------------------

def test_the_three_ways_of_sending_a_query_give_the_same_answer(url: str) -> None:
    query = f"SELECT ?label WHERE {{ <{AKASHI}> rdfs:label ?label }}"
    by_get = get(url, query)
    by_form = post(url, urllib.parse.urlencode({"query": query}).encode(),
                   "application/x-www-form-urlencoded")
    direct = post(url, query.encode(), "application/sparql-query")
    for status, headers, body in (by_get, by_form, direct):
        assert status == 200
        assert headers["content-type"] == "application/sparql-results+json"
        rows = parse_json(body)
        assert not isinstance(rows, bool)
        assert {r["label"] for r in rows} == {Literal("Yasushi Akashi", lang="en")}


@pytest.mark.parametrize(("query", "accept", "media_type"), [
    ("SELECT ?s WHERE { ?s a pko:Mission } LIMIT 2", None, "application/sparql-results+json"),
    ("SELECT ?s WHERE { ?s a pko:Mission } LIMIT 2", "text/csv", "text/csv; charset=utf-8"),
    ("SELECT ?s WHERE { ?s a pko:Mission } LIMIT 2", "text/tab-separated-values",
     "text/tab-separated-values; charset=utf-8"),
    ("SELECT ?s WHERE { ?s a pko:Mission } LIMIT 2", "application/sparql-results+xml",
     "application/sparql-results+xml"),
    ("SELECT ?s WHERE { ?s a pko:Mission } LIMIT 2",
     "text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
    ("SELECT ?s WHERE { ?s a pko:Mission } LIMIT 2", "application/json",
     "application/sparql-results+json"),
    ("ASK { ?s a pko:Mission }", "application/sparql-results+xml",
     "application/sparql-results+xml"),
    ("CONSTRUCT WHERE { ?s a pko:Mission }", None, "text/turtle; charset=utf-8"),
    ("CONSTRUCT WHERE { ?s a pko:Mission }", "application/n-triples", "application/n-triples"),
    ("CONSTRUCT WHERE { ?s a pko:Mission }", "application/ld+json", "application/ld+json"),
    ("CONSTRUCT WHERE { ?s a pko:Mission }", "application/rdf+xml", "application/rdf+xml"),
    ("DESCRIBE id:mission\\/untac", "text/turtle", "text/turtle; charset=utf-8"),
])
def test_results_in_the_media_type_asked_for(url: str, query: str, accept: str | None,
                                             media_type: str) -> None:
    status, headers, body = get(url, query, accept)
    assert status == 200 and headers["content-type"] == media_type and body
    assert "Accept" in headers["vary"]


def test_a_form_the_client_does_not_accept_gets_406(url: str) -> None:
    status, _, body = get(url, "ASK { ?s ?p ?o }", "text/csv")
    assert status == 406 and b"application/sparql-results+json" in body


@pytest.mark.parametrize(("query", "message"), [
    ("SELECT ?s WHERE { ?s ?p }", "SPARQL syntax error: error at 1:"),
    ("SELECT ?x WHERE { " + "{ " * 100 + "}" * 100 + " }", "nests brackets"),
    ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "read-only"),
    ("  ", "the query is empty"),
])
def test_a_bad_query_gets_400_with_the_reason(url: str, query: str, message: str) -> None:
    status, headers, body = get(url, query)
    assert status == 400 and message in body.decode()
    assert headers["content-type"] == "text/plain; charset=utf-8"


def test_cors_lets_pages_of_other_origins_query(url: str) -> None:
    query = urllib.parse.urlencode({"query": "ASK {}"})
    request = urllib.request.Request(f"{url}/sparql?{query}",
                                     headers={"Origin": "https://example.org"})
    status, headers, _ = fetch(request)
    assert status == 200 and headers["access-control-allow-origin"] == "*"
    preflight = urllib.request.Request(f"{url}/sparql", method="OPTIONS", headers={
        "Origin": "https://example.org", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    status, headers, _ = fetch(preflight)
    assert status == 200
    assert {"GET", "POST"} <= {m.strip() for m in
                               headers["access-control-allow-methods"].split(",")}


def test_without_a_query_a_browser_gets_a_page_and_a_client_the_service_description(
        url: str) -> None:
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    status, headers, body = fetch(urllib.request.Request(f"{url}/sparql",
                                                         headers={"Accept": browser}))
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert b"<form" in body and b'name="query"' in body
    status, headers, body = fetch(urllib.request.Request(f"{url}/sparql"))
    assert status == 200 and headers["content-type"] == "text/turtle; charset=utf-8"
    description = Graph().parse(data=body, format="turtle")
    assert (URIRef(f"{url}/sparql"),
            URIRef("http://www.w3.org/ns/sparql-service-description#endpoint"),
            URIRef(f"{url}/sparql")) in description


# -- read-only ---------------------------------------------------------------------------------

def test_no_update_changes_anything(url: str, built_store: GraphStore) -> None:
    before = count(url)
    assert before == sum(1 for _ in built_store.quads())
    insert = "INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <urn:c> } }"
    turtle = b"<urn:a> <urn:b> <urn:c> ."
    attempts = [
        post(url, urllib.parse.urlencode({"update": insert}).encode(),
             "application/x-www-form-urlencoded"),
        post(url, urllib.parse.urlencode({"update": "CLEAR ALL"}).encode(),
             "application/x-www-form-urlencoded"),
        post(url, b"DROP ALL", "application/sparql-update"),
        post(url, insert.encode(), "application/sparql-update"),
        fetch(urllib.request.Request(f"{url}/sparql?update=CLEAR%20ALL")),
        post(url, turtle, "text/turtle", path="/sparql?default"),
        post(url, turtle, "text/turtle", "PUT", "/sparql?graph=urn:g"),
        post(url, b"", None, "DELETE", "/sparql?graph=urn:g"),
        post(url, turtle, "text/turtle", "PATCH"),
    ]
    statuses = [status for status, _, _ in attempts]
    assert statuses == [403, 403, 403, 403, 403, 403, 405, 405, 405]
    assert all(b"read-only" in body for _, _, body in attempts)
    assert all(h["allow"] == "GET, HEAD, POST" for s, h, _ in attempts if s == 405)
    status, _, _ = get(url, insert)
    assert status == 400
    assert count(url) == before
    status, _, body = get(url, "ASK { <urn:a> <urn:b> <urn:c> }")
    assert status == 200 and json.loads(body)["boolean"] is False


class Listener:
    """A TCP server on a free port of this machine that counts the connections it gets."""

    def __init__(self) -> None:
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.connections = 0
        self.socket.settimeout(0.2)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self.socket.accept()
            except TimeoutError:
                continue
            self.connections += 1
            connection.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.socket.close()


def test_service_load_and_outside_graphs_fetch_nothing(url: str) -> None:
    listener = Listener()
    try:
        target = f"http://127.0.0.1:{listener.port}/sparql"
        refused = [
            get(url, f"SELECT * WHERE {{ SERVICE <{target}> {{ ?s ?p ?o }} }}"),
            get(url, f"SELECT * WHERE {{ SERVICE SILENT<{target}> {{ ?s ?p ?o }} }}"),
            get(url, f"LOAD <{target}>"),
            post(url, urllib.parse.urlencode({"update": f"LOAD <{target}>"}).encode(),
                 "application/x-www-form-urlencoded"),
            post(url, f"LOAD <{target}> INTO GRAPH <urn:g>".encode(),
                 "application/sparql-update"),
        ]
        assert [status for status, _, _ in refused] == [400, 400, 400, 403, 403]
        assert b"SERVICE is refused" in refused[0][2]
        # Graphs named outside the store are empty: answered here, fetched from nowhere.
        local = [
            get(url, f"SELECT * FROM <{target}> WHERE {{ ?s ?p ?o }}"),
            get(url, f"SELECT * FROM NAMED <{target}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"),
            get(url, "SELECT * WHERE { ?s ?p ?o }", **{"default-graph-uri": target}),
            get(url, "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", **{"named-graph-uri": target}),
        ]
        for status, _, body in local:
            rows = parse_json(body)
            assert status == 200 and not isinstance(rows, bool) and len(rows) == 0
        status, _, body = get(url, f"DESCRIBE <{target}>", "application/n-triples")
        assert status == 200 and body == b""
        time.sleep(0.5)
        assert listener.connections == 0
    finally:
        listener.close()


# -- limits ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def limited(built_project: Project) -> Iterator[str]:
    """A server that stops queries after 2 s."""
    with serve(built_project.root, "--timeout", "2") as base:
        yield base


def test_a_runaway_query_is_stopped_while_the_others_are_answered(limited: str) -> None:
    url = limited
    outcome: dict[str, object] = {}

    def runaway() -> None:
        outcome["answer"] = get(url, RUNAWAY)
        outcome["ended"] = time.monotonic()

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.3)
    answered = []
    while thread.is_alive() and len(answered) < 200:
        status, _, body = get(url, f"SELECT ?l WHERE {{ <{AKASHI}> rdfs:label ?l }} "
                                   f"# {len(answered)}")
        assert status == 200 and b"Yasushi Akashi" in body
        answered.append(time.monotonic())
    thread.join()
    status, _, body = outcome["answer"]  # type: ignore[misc]
    assert status == 503
    assert b"the query ran past the time limit of 2 s and was stopped" in body
    # the other queries were answered while the runaway one ran, not after it
    assert len(answered) >= 5 and answered[-1] < outcome["ended"]  # type: ignore[operator]
    assert count(url) > 0


def test_an_oversized_request_is_refused(url: str) -> None:
    big = b"query=" + b"%20" * (1 << 20)
    status, _, body = post(url, big, "application/x-www-form-urlencoded")
    assert status == 413 and b"larger than 1,048,576 bytes" in body
    # the same without a Content-Length: chunked, refused once the limit is crossed
    address = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
    try:
        chunks = (b"ASK {} " + b" " * 65536 for _ in range(20))
        connection.request("POST", "/sparql", body=chunks,
                           headers={"Content-Type": "application/sparql-query"},
                           encode_chunked=True)
        response = connection.getresponse()
        assert response.status == 413
    finally:
        connection.close()
    assert count(url) > 0


def test_a_large_result_streams_whole_and_a_client_may_leave_midway(
        url: str, built_store: GraphStore) -> None:
    query = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    status, headers, body = get(url, query, "text/tab-separated-values")
    assert status == 200 and headers.get("transfer-encoding") == "chunked"
    lines = body.decode().splitlines()
    assert lines[0] == "?s\t?p\t?o\t?g"
    assert len(lines) - 1 == sum(1 for _ in built_store.quads()) > 10000
    # a client that reads the first bytes and hangs up: its query is stopped, the server goes on
    address = urllib.parse.urlsplit(url)
    for _ in range(3):
        connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
        connection.request("GET", "/sparql?" + urllib.parse.urlencode({"query": query}))
        response = connection.getresponse()
        assert response.status == 200 and response.read(1000)
        connection.close()
    assert count(url) == len(lines) - 1


def test_a_server_over_a_remote_store_answers_the_same(url: str, tmp_path: Path) -> None:
    """pkograph serve --endpoint: the store is another endpoint (here this one)."""
    site = Site(open_remote(f"{url}/sparql", Limits(timeout=30)),
                Project(tmp_path, tmp_path / "build", writable=True))
    query = f"SELECT ?label WHERE {{ <{AKASHI}> rdfs:label ?label }}"
    with serve_app(create_app(site)) as base:
        there = get(base, query, "text/csv")
        big = get(base, "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }", "text/csv")
        refused = get(base, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    here = get(url, query, "text/csv")
    assert there[0] == 200 and there[2] == here[2]
    assert big[0] == 200 and big[2] == get(url, "SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }",
                                           "text/csv")[2]
    assert refused[0] == 400 and b"SERVICE is refused" in refused[2]


def test_store_errors_become_statuses(built_project: Project, tmp_path: Path) -> None:
    """A store that cannot be reached: 503 with the reason."""
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()
    store = open_remote(f"http://127.0.0.1:{port}/sparql", Limits(timeout=5))
    store.retries = 0
    site = Site(store, Project(tmp_path, tmp_path / "build", writable=True))
    with serve_app(create_app(site)) as base:
        status, _, body = get(base, "ASK {}")
    assert status == 503 and f"127.0.0.1:{port}".encode() in body


# -- many clients at once ----------------------------------------------------------------------

SHAPES = [
    "SELECT ?v WHERE {{ <{iri}> rdfs:label ?v }}",
    "SELECT ?v WHERE {{ <{iri}> a ?v }}",
    "SELECT (COUNT(*) AS ?v) WHERE {{ <{iri}> ?p ?o }}",
    "SELECT (COUNT(*) AS ?v) WHERE {{ ?s ?p <{iri}> }}",
    "SELECT DISTINCT ?v WHERE {{ <{iri}> ?v ?o }}",
    "SELECT DISTINCT ?v WHERE {{ GRAPH ?v {{ <{iri}> ?p ?o }} }}",
    "SELECT (COUNT(DISTINCT ?o) AS ?v) WHERE {{ <{iri}> ?p ?o }}",
    "SELECT ?v WHERE {{ <{iri}> rdfs:label ?l BIND(STRLEN(?l) AS ?v) }}",
]


def test_eight_clients_of_400_different_queries_each_get_the_right_answers(
        url: str, built_store: GraphStore) -> None:
    things = built_store.select("SELECT DISTINCT ?s WHERE { ?s rdfs:label ?l . "
                                "FILTER(isIRI(?s)) } ORDER BY ?s LIMIT 400")
    iris = [str(r["s"]) for r in things]
    assert len(iris) == 400
    work = [[shape.format(iri=iri) for iri in iris] for shape in SHAPES]
    expected = {q: sorted(map(repr, built_store.select(q).rows)) for qs in work for q in qs}
    assert len(expected) == 8 * 400

    def client(queries: list[str]) -> list[str]:
        """One keep-alive connection; the queries whose answer was wrong."""
        address = urllib.parse.urlsplit(url)
        connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
        wrong = []
        try:
            for query in queries:
                connection.request("GET", "/sparql?" + urllib.parse.urlencode({"query": query}))
                response = connection.getresponse()
                body = response.read()
                rows = parse_json(body) if response.status == 200 else None
                if rows is None or isinstance(rows, bool) or sorted(
                        map(repr, rows.rows)) != expected[query]:
                    wrong.append(query)
        finally:
            connection.close()
        return wrong

    with ThreadPoolExecutor(8) as pool:
        failures = [q for wrong in pool.map(client, work) for q in wrong]
    assert failures == []


@pytest.mark.parametrize("module", ["pkograph.web.protocol", "pkograph.description"])
def test_docstring_examples(module: str) -> None:
    import doctest
    import importlib

    failed, tried = doctest.testmod(importlib.import_module(module))
    assert tried > 0 and failed == 0
