"""What the dataset is, for machines: VoID and DCAT, and the endpoint's SPARQL Service Description.

The dataset description (served at ``/.well-known/void`` and written by ``pkograph export``
beside each dump as ``FILE.void.ttl``) names the dataset, its licence, version, dates, IRI
space, example resources, SPARQL endpoint, vocabularies, source documents with their SHA-256,
and one ``dcat:Distribution`` per dump with its media type, size and checksum. Its statistics are
counted by SPARQL on the graph, never typed in (:func:`statistics`): the dataset is the data,
i.e. every graph but the ontology's, as the dumps hold it; the default graph of the store is a
bag of the named graphs, so triples are counted DISTINCT.

Serialized deterministically (blank nodes labelled canonically, statements sorted), so the same
graph gives the same bytes and the same ETag.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, VOID, XSD

from pkograph import __version__
from pkograph.export import Format
from pkograph.iri import BASE, ID
from pkograph.namespaces import ONTOLOGY_GRAPH, PKO, PREFIXES
from pkograph.store.base import GraphStore
from pkograph.store.embedded import written_at
from pkograph.store.results import MEDIA_TYPES

#: DCAT 3 terms rdflib's DCAT namespace lacks (dcat:version).
DCAT3 = Namespace(str(DCAT))
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
IANA = "https://www.iana.org/assignments/media-types/"

#: The dataset's IRI (resolves, behind the w3id redirect, to ``/dataset``: this description).
DATASET = URIRef(BASE + "dataset")
LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")
TITLE = "pkograph: Japan's international peace cooperation since 1992"
DESCRIPTION = (
    "The open, validated, citable knowledge graph of Japan's international peace cooperation "
    "since 1992: missions and operations, Japan's International Peace Cooperation Assignments "
    "and the units dispatched, contributions in kind and financial contributions, the "
    "International Peace Cooperation Law and its amendments, the organizations and people "
    "involved and their posts. Every fact points back to the public document that states it "
    "(one named graph per citation).")
PUBLISHER = "pkograph contributors"
#: Classes whose best-described instance is given as an example resource.
EXAMPLE_CLASSES = (PKO.Mission, PKO.Assignment, FOAF.Person, PKO.Law, PKO.ContributionInKind)
#: The W3C identifiers of the formats the endpoint answers in (for the service description).
FORMAT_IDS = {
    "application/sparql-results+json": FORMATS.SPARQL_Results_JSON,
    "application/sparql-results+xml": FORMATS.SPARQL_Results_XML,
    "text/csv": FORMATS.SPARQL_Results_CSV,
    "text/tab-separated-values": FORMATS.SPARQL_Results_TSV,
    "text/turtle": FORMATS.Turtle,
    "application/n-triples": FORMATS["N-Triples"],
    "application/ld+json": FORMATS["JSON-LD"],
    "application/rdf+xml": FORMATS.RDF_XML,
}

_DATA = f"GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{ONTOLOGY_GRAPH}>)"
_COUNTS = f"""
SELECT (COUNT(*) AS ?triples) (COUNT(DISTINCT ?s) AS ?subjects) (COUNT(DISTINCT ?o) AS ?objects)
       (COUNT(DISTINCT ?p) AS ?properties)
       (COUNT(DISTINCT IF(isIRI(?s) && STRSTARTS(STR(?s), "{ID}"), ?s, ?none)) AS ?entities)
WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{ {_DATA} }} }}"""
_CLASSES = f"""
SELECT ?class (COUNT(DISTINCT ?s) AS ?n)
WHERE {{ GRAPH ?g {{ ?s a ?class }} FILTER(?g != <{ONTOLOGY_GRAPH}>) }}
GROUP BY ?class ORDER BY ?class"""
_PROPERTIES = f"""
SELECT ?p (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{ {_DATA} }} }}
GROUP BY ?p ORDER BY ?p"""
_SOURCES = """
SELECT DISTINCT ?document ?title ?sha256
WHERE {
  ?document a pko:SourceDocument ; pko:sha256 ?sha256
  OPTIONAL { ?document dcterms:title ?title }
}
ORDER BY ?document"""
_EXAMPLE = """
SELECT ?thing (COUNT(DISTINCT ?p) AS ?n)
WHERE {{ ?thing a <{cls}> ; rdfs:label ?label ; ?p ?o }}
GROUP BY ?thing ORDER BY DESC(?n) ?thing LIMIT 1"""


@dataclass(frozen=True)
class Statistics:
    """The counts of the dataset (every graph but the ontology's), as SPARQL gives them."""

    triples: int
    entities: int
    subjects: int
    objects: int
    properties: int
    #: (class, distinct instances), by class IRI
    classes: tuple[tuple[URIRef, int], ...]
    #: (property, distinct triples), by property IRI
    property_triples: tuple[tuple[URIRef, int], ...]
    #: (document, title, SHA-256 of its text)
    sources: tuple[tuple[URIRef, str, str], ...]
    examples: tuple[URIRef, ...]

    @property
    def vocabularies(self) -> list[str]:
        """The namespaces of every class and property used."""
        terms = [c for c, _ in self.classes] + [p for p, _ in self.property_triples]
        return sorted({namespace(str(t)) for t in terms})


def namespace(iri: str) -> str:
    """The namespace of a term: its IRI up to the last ``#`` or ``/``.

    >>> namespace("http://www.w3.org/ns/org#Membership")
    'http://www.w3.org/ns/org#'
    """
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[: cut + 1]


def _int(value: object) -> int:
    return int(str(value)) if value is not None else 0


def statistics(store: GraphStore) -> Statistics:
    """The dataset's statistics, counted by SPARQL on the store."""
    counts = store.select(_COUNTS).rows[0]
    classes = tuple((URIRef(str(r["class"])), _int(r["n"])) for r in store.select(_CLASSES)
                    if isinstance(r["class"], URIRef))
    properties = tuple((URIRef(str(r["p"])), _int(r["n"])) for r in store.select(_PROPERTIES))
    documents: dict[URIRef, tuple[URIRef, str, str]] = {}
    for r in store.select(_SOURCES):
        document = URIRef(str(r["document"]))
        documents.setdefault(document, (document, str(r["title"] or ""), str(r["sha256"])))
    sources = tuple(documents.values())
    examples = []
    for cls in EXAMPLE_CLASSES:
        found = store.select(_EXAMPLE.format(cls=cls)).rows
        if found and isinstance(found[0]["thing"], URIRef):
            examples.append(URIRef(str(found[0]["thing"])))
    return Statistics(_int(counts["triples"]), _int(counts["entities"]),
                      _int(counts["subjects"]), _int(counts["objects"]),
                      _int(counts["properties"]), classes, properties, sources, tuple(examples))


@dataclass(frozen=True)
class Distribution:
    """One dump of the dataset: its format, where to download it, its size and SHA-256."""

    format: Format
    url: str
    size: int
    sha256: str
    #: the dump holds the ontology's graph too (``pkograph export --with-ontology``)
    with_ontology: bool = False

    @property
    def title(self) -> str:
        scope = ("one named graph per citation" if self.format.keeps_graphs
                 else "the union of the graphs")
        extra = ", with the ontology" if self.with_ontology else ""
        return f"pkograph in {FORMAT_NAMES[self.format.name]} ({scope}{extra})"


#: The names of the dump formats, for titles.
FORMAT_NAMES = {"turtle": "Turtle", "nt": "N-Triples", "jsonld": "JSON-LD", "xml": "RDF/XML",
                "trig": "TriG", "nquads": "N-Quads"}


def modified(store: GraphStore) -> datetime:
    """When the store's graph was written (for a store on disk), else now."""
    location: Path | None = getattr(store, "location", None)
    if location is not None:
        return written_at(location)
    return datetime.now(UTC).replace(microsecond=0)


def _checksum(graph: Graph, subject: URIRef, sha256: str) -> None:
    checksum = BNode()
    graph.add((subject, SPDX.checksum, checksum))
    graph.add((checksum, RDF.type, SPDX.Checksum))
    graph.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
    graph.add((checksum, SPDX.checksumValue, Literal(sha256, datatype=XSD.hexBinary)))


def dataset_description(stats: Statistics, distributions: Sequence[Distribution],
                        base: str, modified: datetime) -> Graph:
    """The VoID and DCAT description of the dataset served at ``base`` (the public address of
    the server, ending in ``/``)."""
    g = _graph()
    d = DATASET
    endpoint = URIRef(base + "sparql")
    for cls in (VOID.Dataset, DCAT.Dataset):
        g.add((d, RDF.type, cls))
    g.add((d, DCTERMS.title, Literal(TITLE, lang="en")))
    g.add((d, DCTERMS.description, Literal(DESCRIPTION, lang="en")))
    publisher = BNode()
    g.add((d, DCTERMS.publisher, publisher))
    g.add((publisher, RDF.type, FOAF.Organization))
    g.add((publisher, FOAF.name, Literal(PUBLISHER)))
    g.add((d, DCTERMS.license, LICENSE))
    g.add((d, DCAT3.version, Literal(__version__)))
    g.add((d, DCTERMS.issued, Literal(modified.date().isoformat(), datatype=XSD.date)))
    g.add((d, DCTERMS.modified, Literal(modified.isoformat(timespec="seconds"),
                                        datatype=XSD.dateTime)))
    g.add((d, DCAT.landingPage, URIRef(base)))
    g.add((d, VOID.uriSpace, Literal(ID)))
    for example in stats.examples:
        g.add((d, VOID.exampleResource, example))
    g.add((d, VOID.sparqlEndpoint, endpoint))
    service = URIRef(f"{DATASET}#sparql")
    g.add((d, DCAT.accessService, service))
    g.add((service, RDF.type, DCAT.DataService))
    g.add((service, DCAT.endpointURL, endpoint))
    g.add((service, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/")))
    g.add((service, DCAT.servesDataset, d))
    g.add((d, VOID.triples, Literal(stats.triples)))
    g.add((d, VOID.entities, Literal(stats.entities)))
    g.add((d, VOID.distinctSubjects, Literal(stats.subjects)))
    g.add((d, VOID.distinctObjects, Literal(stats.objects)))
    g.add((d, VOID.properties, Literal(stats.properties)))
    g.add((d, VOID.classes, Literal(len(stats.classes))))
    for cls, count in stats.classes:
        part = BNode()
        g.add((d, VOID.classPartition, part))
        g.add((part, VOID["class"], cls))
        g.add((part, VOID.entities, Literal(count)))
    for prop, count in stats.property_triples:
        part = BNode()
        g.add((d, VOID.propertyPartition, part))
        g.add((part, VOID.property, prop))
        g.add((part, VOID.triples, Literal(count)))
    for vocabulary in stats.vocabularies:
        g.add((d, VOID.vocabulary, URIRef(vocabulary)))
    for document, title, sha256 in stats.sources:
        g.add((d, DCTERMS.source, document))
        if title:
            g.add((document, DCTERMS.title, Literal(title)))
        _checksum(g, document, sha256)
    for dist in distributions:
        node = URIRef(f"{DATASET}#{dist.format.name}")
        url = URIRef(dist.url)
        g.add((d, DCAT.distribution, node))
        g.add((d, VOID.dataDump, url))
        g.add((node, RDF.type, DCAT.Distribution))
        g.add((node, DCTERMS.title, Literal(dist.title, lang="en")))
        g.add((node, DCAT.mediaType, URIRef(IANA + dist.format.media_type)))
        g.add((node, DCAT.downloadURL, url))
        g.add((node, DCAT.accessURL, url))
        g.add((node, DCAT.byteSize, Literal(dist.size, datatype=XSD.nonNegativeInteger)))
        g.add((node, DCTERMS.license, LICENSE))
        _checksum(g, node, dist.sha256)
    return g


def dump_description(store: GraphStore, fmt: Format, filename: str, data: bytes,
                     with_ontology: bool = False) -> bytes:
    """The description ``pkograph export`` writes beside a dump (Turtle): the dataset as the
    server describes it at its public address, with the dump as its one distribution, named
    relative to the description's own file (they sit in the same folder)."""
    dump = Distribution(fmt, filename, len(data), hashlib.sha256(data).hexdigest(),
                        with_ontology)
    return serialize(dataset_description(statistics(store), [dump], BASE, modified(store)))


def service_description(endpoint: str, timeout: float) -> Graph:
    """The SPARQL 1.1 Service Description of the endpoint at ``endpoint``."""
    g = _graph()
    s = URIRef(endpoint)
    g.add((s, RDF.type, SD.Service))
    g.add((s, SD.endpoint, s))
    g.add((s, SD.supportedLanguage, SD.SPARQL11Query))
    for media_type in dict.fromkeys(m for types in MEDIA_TYPES.values() for m in types):
        g.add((s, SD.resultFormat, FORMAT_IDS[media_type]))
    g.add((s, SD.feature, SD.UnionDefaultGraph))
    g.add((s, SD.defaultEntailmentRegime, URIRef("http://www.w3.org/ns/entailment/Simple")))
    g.add((s, RDFS.comment, Literal(
        f"Read-only: updates, SERVICE and LOAD are refused; FROM, FROM NAMED and the protocol's "
        f"default-graph-uri and named-graph-uri name graphs of this store only (nothing is "
        f"fetched). A query is stopped after {timeout:g} s. The default graph is the union of "
        f"the named graphs (one per citation) as a bag: count with DISTINCT. The prefixes "
        f"{', '.join(PREFIXES)} are declared.", lang="en")))
    dataset, default = BNode(), BNode()
    g.add((s, SD.defaultDataset, dataset))
    g.add((dataset, RDF.type, SD.Dataset))
    g.add((dataset, SD.defaultGraph, default))
    g.add((dataset, RDFS.seeAlso, DATASET))
    g.add((default, RDF.type, SD.Graph))
    return g


def _graph() -> Graph:
    g = Graph(bind_namespaces="core")
    for prefix, iri in {**PREFIXES, "void": str(VOID), "dcat": str(DCAT), "sd": str(SD),
                        "spdx": str(SPDX), "formats": str(FORMATS)}.items():
        g.bind(prefix, iri, override=True, replace=True)
    return g


#: The RDF formats descriptions are served in, the default first, with rdflib's names.
RDF_FORMATS = {"text/turtle": "turtle", "application/ld+json": "json-ld",
               "application/n-triples": "nt", "application/rdf+xml": "xml"}


def serialize(graph: Graph, media_type: str = "text/turtle") -> bytes:
    """The graph in one of :data:`RDF_FORMATS`, the same bytes for the same graph."""
    canonical = _graph()
    for triple in to_canonical_graph(graph):
        canonical.add(triple)
    out = io.BytesIO()
    name = RDF_FORMATS[media_type]
    if name == "json-ld":
        context = {prefix: str(iri) for prefix, iri in canonical.namespaces()}
        canonical.serialize(out, format=name, context=context, auto_compact=True,
                            encoding="utf-8")
    elif name == "nt":
        lines = sorted(canonical.serialize(format="nt").splitlines(keepends=True))
        out.write("".join(lines).encode("utf-8"))
    else:
        canonical.serialize(out, format=name, encoding="utf-8")
    return out.getvalue()
