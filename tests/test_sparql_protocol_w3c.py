"""The W3C SPARQL 1.1 Protocol and Service Description tests, driven by their manifests
(tests/w3c/sparql11-protocol/, tests/w3c/sparql11-service-description/).

The endpoint is the one ``pkograph serve`` runs, over a store holding the suite's data (each
file of ``ut:graphData`` in the graph its label names), served from this process. Every request
of a test is sent as the manifest writes it (method, path under ``/sparql``, headers, body in
its character encoding): every query test must pass; every update test must be refused (403)
and its follow-up queries must find the graph unchanged; every bad-request test must get a 4xx.
"""

from __future__ import annotations

import http.client
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node
from serving import serve_app

from pkograph.paths import Project
from pkograph.store.base import Limits
from pkograph.store.embedded import DiskStore, write_store
from pkograph.web.app import Site, create_app

SUITE = Path(__file__).parent / "w3c" / "sparql11-protocol"
SD_SUITE = Path(__file__).parent / "w3c" / "sparql11-service-description"
HOME = "http://www.w3.org/2009/sparql/docs/tests/data-sparql11/"
MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
HT = "http://www.w3.org/2011/http#"
CNT = "http://www.w3.org/2011/content#"
HTS = "http://www.w3.org/2011/http-statusCodes#"
UT = "http://www.w3.org/2009/sparql/tests/test-update#"
RDFS_LABEL = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = {
    "boolean": {"application/sparql-results+json", "application/sparql-results+xml"},
    "tabular": {"application/sparql-results+json", "application/sparql-results+xml",
                "text/csv", "text/tab-separated-values"},
    "RDF": {"application/rdf+xml", "text/turtle", "application/n-triples"},
}


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes | None
    statuses: set[int]  # the first digit of each status class the manifest accepts
    boolean: bool | None = None
    result_format: str | None = None


@dataclass
class ProtocolTest:
    name: str
    title: str
    requests: list[Request]
    data: list[tuple[Path, str]] = field(default_factory=list)


def _load(folder: Path, manifest_url: str) -> Graph:
    return Graph().parse(folder / "manifest.ttl", format="turtle", publicID=manifest_url)


def _value(graph: Graph, node: Node, predicate: str) -> Node | None:
    return graph.value(node, URIRef(predicate))  # type: ignore[arg-type]


def _request(graph: Graph, node: Node) -> Request:
    headers = {}
    for header in Collection(graph, _value(graph, node, HT + "headers")) if _value(
            graph, node, HT + "headers") else []:
        headers[str(_value(graph, header, HT + "fieldName"))] = str(
            _value(graph, header, HT + "fieldValue"))
    body_node = _value(graph, node, HT + "body")
    body = None
    if body_node is not None:
        encoding = str(_value(graph, body_node, CNT + "characterEncoding") or "UTF-8")
        body = str(_value(graph, body_node, CNT + "chars")).encode(encoding)
    response = _value(graph, node, HT + "resp")
    statuses = {int(str(s)[len(HTS + "StatusCode")]) for s in
                graph.objects(response, URIRef(MF + "expectedStatus"))}  # type: ignore[arg-type]
    boolean = _value(graph, response, MF + "expectedBoolean")  # type: ignore[arg-type]
    result_format = _value(graph, response, MF + "expectedFormat")  # type: ignore[arg-type]
    return Request(str(_value(graph, node, HT + "methodName")),
                   str(_value(graph, node, HT + "absolutePath")), headers, body, statuses,
                   None if boolean is None else bool(Literal(boolean).toPython()),
                   None if result_format is None else str(result_format))


def protocol_tests() -> list[ProtocolTest]:
    base = HOME + "protocol/manifest.ttl"
    graph = _load(SUITE, base)
    manifest = next(graph.subjects(RDF.type, URIRef(MF + "Manifest")))
    tests = []
    for entry in Collection(graph, _value(graph, manifest, MF + "entries")):
        action = _value(graph, entry, MF + "action")
        requests = [_request(graph, r) for r in
                    Collection(graph, _value(graph, action, HT + "requests"))]  # type: ignore[arg-type]
        data = [(SUITE / str(_value(graph, d, UT + "graph")).rsplit("/", 1)[1],
                 str(_value(graph, d, str(RDFS_LABEL))))
                for d in graph.objects(entry, URIRef(UT + "graphData"))]
        tests.append(ProtocolTest(str(entry).rsplit("#", 1)[1],
                                  str(_value(graph, entry, MF + "name")), requests, data))
    return tests


TESTS = protocol_tests()
QUERY = [t for t in TESTS if t.name.startswith("query_")]
UPDATE = [t for t in TESTS if t.name.startswith("update_")]
BAD = [t for t in TESTS if t.name.startswith("bad_")]


def test_the_suite_is_read() -> None:
    assert (len(QUERY), len(UPDATE), len(BAD)) == (13, 7, 14)
    assert len(TESTS) == 34 and {t.name for t in QUERY + UPDATE + BAD} == {t.name for t in TESTS}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DiskStore]:
    """A store holding every data file of the suite in the graph its label names."""
    nquads = []
    for path, name in sorted({d for t in TESTS for d in t.data}):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                nquads.append(f"{line.rstrip().removesuffix('.').rstrip()} <{name}> .\n")
    folder = tmp_path_factory.mktemp("w3c-protocol")
    location = write_store(folder / "build", "".join(nquads).encode())
    store = DiskStore(location, Limits(timeout=30), workers=2)
    yield store
    store.close()


@pytest.fixture(scope="module")
def endpoint(store: DiskStore, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("w3c-site")
    site = Site(store, Project(root, root / "build", writable=True), timeout=30)
    with serve_app(create_app(site)) as url:
        yield url


def send(url: str, request: Request) -> tuple[int, str, bytes]:
    """The status, media type and body of the answer to one request of the manifest."""
    address = urlsplit(url)
    assert request.path.startswith("/sparql/")
    path = "/sparql" + request.path[len("/sparql/"):]  # the endpoint is at /sparql
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
    try:
        connection.request(request.method, path, body=request.body, headers=request.headers)
        response = connection.getresponse()
        return (response.status, (response.getheader("content-type") or "").split(";")[0],
                response.read())
    finally:
        connection.close()


def boolean_of(media_type: str, body: bytes) -> bool:
    if media_type == "application/sparql-results+json":
        return bool(json.loads(body)["boolean"])
    tree = ET.fromstring(body)
    found = tree.find("{http://www.w3.org/2005/sparql-results#}boolean")
    assert found is not None
    return found.text == "true"


def check(url: str, request: Request) -> None:
    status, media_type, body = send(url, request)
    assert status // 100 in request.statuses, (status, body)
    if request.result_format is not None:
        assert media_type in FORMATS[request.result_format], media_type
    if request.boolean is not None:
        assert boolean_of(media_type, body) is request.boolean


@pytest.mark.parametrize("test", QUERY, ids=[t.name for t in QUERY])
def test_every_query_test_passes(endpoint: str, test: ProtocolTest) -> None:
    for request in test.requests:
        check(endpoint, request)


@pytest.mark.parametrize("test", UPDATE, ids=[t.name for t in UPDATE])
def test_every_update_test_is_refused_and_changes_nothing(
        endpoint: str, store: DiskStore, test: ProtocolTest) -> None:
    before = sorted(store.quads())
    update, *checks = test.requests
    status, _, body = send(endpoint, update)
    assert status == 403 and b"read-only" in body
    for request in checks:
        # The follow-up queries look for what the update would have written: not there.
        status, media_type, body = send(endpoint, request)
        assert status == 200 and request.boolean is True
        assert boolean_of(media_type, body) is False
    assert sorted(store.quads()) == before and len(before) == 3


@pytest.mark.parametrize("test", BAD, ids=[t.name for t in BAD])
def test_every_bad_request_gets_a_client_error(endpoint: str, test: ProtocolTest) -> None:
    for request in test.requests:
        assert request.statuses == {4}
        status, _, body = send(endpoint, request)
        assert 400 <= status < 500, (status, body)
        assert body.strip()  # a message says why


def _service_description(endpoint: str, accept: str) -> tuple[int, str, Graph]:
    request = Request("GET", "/sparql/", {"Accept": accept}, None, {2})
    status, media_type, body = send(endpoint, request)
    format_name = {"text/turtle": "turtle", "application/rdf+xml": "xml",
                   "application/n-triples": "nt", "application/ld+json": "json-ld"}[media_type]
    return status, media_type, Graph().parse(data=body, format=format_name)


def test_the_service_description_suite_is_read() -> None:
    graph = _load(SD_SUITE, HOME + "service-description/manifest.ttl")
    names = {str(s).rsplit("#", 1)[1]
             for s in graph.subjects(RDF.type, URIRef(MF + "ServiceDescriptionTest"))}
    assert names == {"returns-rdf", "has-endpoint-triple", "conforms-to-schema"}


@pytest.mark.parametrize("accept", ["text/turtle", "application/rdf+xml", "application/ld+json",
                                    "application/n-triples"])
def test_service_description_returns_rdf(endpoint: str, accept: str) -> None:
    """returns-rdf: a GET on the endpoint without a query returns RDF."""
    status, media_type, graph = _service_description(endpoint, accept)
    assert (status, media_type) == (200, accept) and len(graph) > 10


def test_service_description_has_a_matching_endpoint_triple(endpoint: str) -> None:
    """has-endpoint-triple: the description names the URL it was fetched from."""
    _, _, graph = _service_description(endpoint, "text/turtle")
    assert list(graph.objects(None, URIRef(SD + "endpoint"))) == [URIRef(endpoint + "/sparql")]


def test_service_description_conforms_to_the_schema(endpoint: str) -> None:
    """conforms-to-schema: one sd:Service, SPARQL 1.1 Query its only language, result formats
    of the W3C list, a default dataset with a default graph."""
    _, _, graph = _service_description(endpoint, "text/turtle")
    service = URIRef(endpoint + "/sparql")
    assert list(graph.subjects(RDF.type, URIRef(SD + "Service"))) == [service]
    assert list(graph.objects(service, URIRef(SD + "supportedLanguage"))) == [
        URIRef(SD + "SPARQL11Query")]
    formats = {str(f) for f in graph.objects(service, URIRef(SD + "resultFormat"))}
    assert formats == {f"http://www.w3.org/ns/formats/{name}" for name in (
        "SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
        "SPARQL_Results_TSV", "Turtle", "N-Triples", "JSON-LD", "RDF_XML")}
    assert URIRef(SD + "UnionDefaultGraph") in set(graph.objects(service, URIRef(SD + "feature")))
    dataset = graph.value(service, URIRef(SD + "defaultDataset"))
    assert (dataset, RDF.type, URIRef(SD + "Dataset")) in graph
    default = graph.value(dataset, URIRef(SD + "defaultGraph"))
    assert (default, RDF.type, URIRef(SD + "Graph")) in graph
