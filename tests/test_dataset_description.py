"""The dataset description (VoID and DCAT) and the dumps, served by ``pkograph serve`` and
written by ``pkograph export``.

The statistics of the description are compared with counts asked of the built graph in SPARQL
written here, and with the union of its data graphs counted in Python; each distribution's
checksum and size with the bytes downloaded; each download with ``pkograph export``'s file.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from serving import serve

from pkograph import __version__
from pkograph.cli import cli
from pkograph.export import FORMATS
from pkograph.namespaces import ONTOLOGY_GRAPH, PKO
from pkograph.paths import Project
from pkograph.store.base import GraphStore

DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
VOID = Namespace("http://rdfs.org/ns/void#")
DATASET = URIRef("https://w3id.org/pkograph/dataset")
SPDX = "http://spdx.org/rdf/terms#"
CC_BY = URIRef("https://creativecommons.org/licenses/by/4.0/")
DATA = f"GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{ONTOLOGY_GRAPH}>)"


@pytest.fixture(scope="module")
def url(built_project: Project) -> Iterator[str]:
    with serve(built_project.root) as base:
        yield base


def fetch(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={k.replace("_", "-"): v
                                                   for k, v in headers.items()})
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return (response.status, {k.lower(): v for k, v in response.headers.items()},
                    response.read())
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


@pytest.fixture(scope="module")
def void(url: str) -> Graph:
    status, headers, body = fetch(f"{url}/.well-known/void")
    assert status == 200 and headers["content-type"] == "text/turtle; charset=utf-8"
    return Graph().parse(data=body, format="turtle")


def number(graph: Graph, subject: object, predicate: URIRef) -> int:
    value = graph.value(subject, predicate)  # type: ignore[arg-type]
    assert isinstance(value, Literal)
    return int(value)


def one(store: GraphStore, query: str) -> int:
    return int(store.select(query).rows[0]["n"])  # type: ignore[arg-type]


def test_the_statistics_are_the_counts_of_the_graph(void: Graph, built_store: GraphStore,
                                                    data: Graph) -> None:
    distinct = f"SELECT DISTINCT ?s ?p ?o WHERE {{ {DATA} }}"
    triples = one(built_store, f"SELECT (COUNT(*) AS ?n) WHERE {{ {distinct} }}")
    assert number(void, DATASET, VOID.triples) == triples == len(data) > 9000
    # the default graph is a bag: more statements than distinct triples
    assert one(built_store, f"SELECT (COUNT(*) AS ?n) WHERE {{ {DATA} }}") > triples
    assert number(void, DATASET, VOID.distinctSubjects) == one(
        built_store, f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ {DATA} }}") == len(
        set(data.subjects()))
    assert number(void, DATASET, VOID.distinctObjects) == one(
        built_store, f"SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE {{ {DATA} }}") == len(
        set(data.objects()))
    assert number(void, DATASET, VOID.properties) == one(
        built_store, f"SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE {{ {DATA} }}") == len(
        set(data.predicates()))
    assert number(void, DATASET, VOID.entities) == one(
        built_store, f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ {DATA} "
                     'FILTER(STRSTARTS(STR(?s), "https://w3id.org/pkograph/id/")) }')
    classes = {void.value(p, VOID["class"]): number(void, p, VOID.entities)
               for p in void.objects(DATASET, VOID.classPartition)}
    assert number(void, DATASET, VOID.classes) == len(classes) > 20
    for cls, instances in classes.items():
        assert instances == len(set(data.subjects(RDF.type, cls))), cls
    assert classes[PKO.Mission] == one(
        built_store, "SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE { ?m a pko:Mission }")
    properties = {void.value(p, VOID.property): number(void, p, VOID.triples)
                  for p in void.objects(DATASET, VOID.propertyPartition)}
    assert set(properties) == set(data.predicates())
    for prop, count in properties.items():
        assert count == len(list(data.triples((None, prop, None)))), prop  # type: ignore[arg-type]
    assert sum(properties.values()) == triples


def test_the_dataset_is_described(url: str, void: Graph, built_store: GraphStore,
                                  built_project: Project) -> None:
    assert {DCAT.Dataset, VOID.Dataset} <= set(void.objects(DATASET, RDF.type))
    assert void.value(DATASET, DCTERMS.license) == CC_BY
    assert str(void.value(DATASET, DCTERMS.title)).startswith("pkograph")
    assert void.value(DATASET, DCTERMS.description)
    assert void.value(DATASET, DCTERMS.publisher) is not None
    assert str(void.value(DATASET, DCAT.version)) == __version__
    assert void.value(DATASET, DCTERMS.issued).datatype == URIRef(  # type: ignore[union-attr]
        "http://www.w3.org/2001/XMLSchema#date")
    assert void.value(DATASET, DCTERMS.modified) is not None
    assert str(void.value(DATASET, VOID.uriSpace)) == "https://w3id.org/pkograph/id/"
    assert void.value(DATASET, VOID.sparqlEndpoint) == URIRef(f"{url}/sparql")
    examples = set(void.objects(DATASET, VOID.exampleResource))
    assert len(examples) == 5
    for example in examples:
        assert built_store.ask(f"ASK {{ <{example}> rdfs:label ?l }}")
    vocabularies = {str(v) for v in void.objects(DATASET, VOID.vocabulary)}
    assert {"https://w3id.org/pkograph/ontology#", "http://www.w3.org/ns/org#",
            "http://www.w3.org/ns/prov#", "http://www.w3.org/2004/02/skos/core#",
            "http://purl.org/dc/terms/", "http://xmlns.com/foaf/0.1/"} <= vocabularies
    # the source documents, each with the SHA-256 of its file
    sources = set(void.objects(DATASET, DCTERMS.source))
    assert len(sources) == 6
    for document in sources:
        path = built_store.select(f"SELECT ?p WHERE {{ <{document}> pko:localPath ?p }}")
        local = built_project.root / str(path.rows[0]["p"])
        assert checksum(void, document) == hashlib.sha256(local.read_bytes()).hexdigest()


def checksum(graph: Graph, subject: object) -> str:
    node = graph.value(subject, URIRef(SPDX + "checksum"))  # type: ignore[arg-type]
    assert graph.value(node, URIRef(SPDX + "algorithm")) == URIRef(
        SPDX + "checksumAlgorithm_sha256")
    return str(graph.value(node, URIRef(SPDX + "checksumValue")))


def test_json_ld_by_accept_is_the_same_description(url: str, void: Graph) -> None:
    status, headers, body = fetch(f"{url}/.well-known/void", Accept="application/ld+json")
    assert status == 200 and headers["content-type"] == "application/ld+json"
    assert isomorphic(Graph().parse(data=body, format="json-ld"), void)
    status, headers, body = fetch(f"{url}/.well-known/void", Accept="image/png")
    assert status == 406


def test_the_description_is_cached_by_clients(url: str) -> None:
    status, headers, body = fetch(f"{url}/.well-known/void")
    assert status == 200 and headers["etag"] == f'"{hashlib.sha256(body).hexdigest()}"'
    status, _, body = fetch(f"{url}/.well-known/void", If_None_Match=headers["etag"])
    assert status == 304 and body == b""
    status, _, _ = fetch(f"{url}/.well-known/void", If_Modified_Since=headers["last-modified"])
    assert status == 304


def test_the_dataset_iri_leads_to_its_description(url: str) -> None:
    request = urllib.request.Request(f"{url}/dataset")
    opener = urllib.request.build_opener(NoRedirect())
    with pytest.raises(urllib.error.HTTPError) as redirect:
        opener.open(request, timeout=30)
    assert redirect.value.code == 303
    assert redirect.value.headers["location"] == f"{url}/.well-known/void"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def distributions(void: Graph) -> dict[str, URIRef]:
    return {str(void.value(d, DCAT.downloadURL)).rsplit("/", 1)[1]: d
            for d in void.objects(DATASET, DCAT.distribution)}


def test_each_distribution_is_its_download(url: str, void: Graph) -> None:
    found = distributions(void)
    assert set(found) == {f"pkograph{f.suffix}" for f in FORMATS.values()}
    for name, node in found.items():
        download = str(void.value(node, DCAT.downloadURL))
        assert download == f"{url}/download/{name}"
        assert URIRef(download) in set(void.objects(DATASET, VOID.dataDump))
        status, headers, body = fetch(download)
        assert status == 200
        assert hashlib.sha256(body).hexdigest() == checksum(void, node)
        assert len(body) == number(void, node, DCAT.byteSize) == int(headers["content-length"])
        media_type = str(void.value(node, DCAT.mediaType)).removeprefix(
            "https://www.iana.org/assignments/media-types/")
        assert headers["content-type"].split(";")[0] == media_type
        assert headers["etag"] == f'"{checksum(void, node)}"'
        assert void.value(node, DCTERMS.license) == CC_BY


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_a_download_is_byte_identical_to_pkograph_export(
        url: str, built_project: Project, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"export{FORMATS[fmt].suffix}"
    result = CliRunner().invoke(cli, ["--project", str(built_project.root), "export", "-f", fmt,
                                      "-o", str(out)])
    assert result.exit_code == 0, result.output
    status, _, body = fetch(f"{url}/download/pkograph{FORMATS[fmt].suffix}")
    assert status == 200 and body == out.read_bytes()
    # beside the file, its description: the served one's statistics, this file's checksum
    beside = Graph().parse(out.with_name(out.name + ".void.ttl"), format="turtle")
    _, _, served = fetch(f"{url}/.well-known/void")
    void = Graph().parse(data=served, format="turtle")
    for statistic in (VOID.triples, VOID.entities, VOID.distinctSubjects, VOID.classes):
        assert number(beside, DATASET, statistic) == number(void, DATASET, statistic)
    assert beside.value(DATASET, DCTERMS.license) == CC_BY
    (node,) = list(beside.objects(DATASET, DCAT.distribution))
    assert checksum(beside, node) == hashlib.sha256(out.read_bytes()).hexdigest()
    assert number(beside, node, DCAT.byteSize) == out.stat().st_size
    assert str(beside.value(node, DCAT.downloadURL)).endswith(f"/{out.name}")


def test_no_description_beside_a_dump_written_through_a_pipe(built_project: Project,
                                                            tmp_path: Path) -> None:
    pipe = tmp_path / "dump.nt"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()), daemon=True)
    reader.start()
    result = CliRunner().invoke(cli, ["--project", str(built_project.root), "export", "-f", "nt",
                                      "-o", str(pipe)])
    reader.join(30)
    assert result.exit_code == 0 and received[0].count(b"\n") > 9000
    assert list(tmp_path.iterdir()) == [pipe]


def test_downloads_are_compressed_cached_and_made_once(url: str, void: Graph,
                                                       built_project: Project) -> None:
    node = distributions(void)["pkograph.nq"]
    plain = f"{url}/download/pkograph.nq"
    status, headers, body = fetch(plain, Accept_Encoding="gzip")
    assert status == 200 and headers["content-encoding"] == "gzip"
    assert "Accept-Encoding" in headers["vary"]
    unpacked = gzip.decompress(body)
    assert hashlib.sha256(unpacked).hexdigest() == checksum(void, node) and len(body) < len(
        unpacked)
    assert headers["etag"] != f'"{checksum(void, node)}"'
    _, plain_headers, _ = fetch(plain, Accept_Encoding="gzip;q=0, identity")
    assert "content-encoding" not in plain_headers
    status, _, body = fetch(plain, If_None_Match=plain_headers["etag"])
    assert status == 304 and body == b""
    status, _, _ = fetch(plain, If_Modified_Since=plain_headers["last-modified"])
    assert status == 304
    status, headers, body = fetch(plain, Range="bytes=0-99")
    assert status == 206 and len(body) == 100 and unpacked.startswith(body)
    # made once, under build/dumps/<store>/, and not again for later requests
    folders = list((built_project.build_dir / "dumps").iterdir())
    assert len(folders) == 1 and folders[0].name.startswith("store-")
    stamps = {p.name: p.stat().st_mtime_ns for p in folders[0].iterdir()}
    assert len(stamps) == 2 * len(FORMATS)
    fetch(plain)
    fetch(f"{url}/.well-known/void", Accept="application/n-triples")
    assert {p.name: p.stat().st_mtime_ns for p in folders[0].iterdir()} == stamps


def test_the_download_list(url: str, void: Graph) -> None:
    status, headers, body = fetch(f"{url}/download/")
    assert status == 200 and headers["content-type"].startswith("text/html")
    for name, node in distributions(void).items():
        assert f'href="{name}"'.encode() in body
        assert checksum(void, node).encode() in body
    status, _, _ = fetch(f"{url}/download/pkograph.zip")
    assert status == 404
    status, _, _ = fetch(f"{url}/download/..%2Fbuild%2Ffingerprint.json")
    assert status == 404
