"""The home page, the lists of things of a class and search (``pkograph find``)."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Literal, URIRef
from starlette.requests import Request
from starlette.responses import Response

from pkograph.lookup import RANK_NAMES
from pkograph.namespaces import DCTERMS, FOAF, ONTOLOGY_GRAPH, PKO, RDF, RDFS
from pkograph.output import expand, shorten
from pkograph.web.pages.context import Links, Pages, fallback_label
from pkograph.web.pages.errors import PageError
from pkograph.web.pages.ontology import Ontology
from pkograph.web.pages.rdf import names_jsonld, script_json

_COUNTS = f"""
SELECT ?class (COUNT(DISTINCT ?thing) AS ?things) WHERE {{
  GRAPH ?g {{ ?thing a ?class }}
  FILTER(?g != <{ONTOLOGY_GRAPH}>)
}}
GROUP BY ?class"""

_MEMBERS = """
SELECT DISTINCT ?thing ?label WHERE {
  ?thing a ?class .
  ?class rdfs:subClassOf* ?type .
  OPTIONAL { ?thing rdfs:label|skos:prefLabel ?label }
}"""

#: The entry points of the home page: (heading, class).
ENTRY_POINTS = (
    ("Missions and operations", PKO.Mission),
    ("Japan's International Peace Cooperation Assignments", PKO.Assignment),
    ("People", FOAF.Person),
    ("Laws", PKO.Law),
    ("Contributions", PKO.Contribution),
    ("Source documents", PKO.SourceDocument),
)
MAX_QUERY = 200
_VOID = "http://rdfs.org/ns/void#"


@dataclass
class ClassCount:
    iri: URIRef
    label: str
    count: int
    href: str  # the list of its things
    doc: str   # its documentation


def class_counts(pages: Pages, ontology: Ontology, links: Links) -> list[ClassCount]:
    """How many things of each class the graph describes, largest first."""
    out = []
    for row in pages.store.select(_COUNTS):
        cls, count = row["class"], row["things"]
        if not isinstance(cls, URIRef) or not isinstance(count, Literal):
            continue
        label = str(ontology.graph.value(cls, RDFS.label) or shorten(str(cls)))
        out.append(ClassCount(cls, label, int(count), links.to("/things", {
            "type": shorten(str(cls))}), links.iri(cls) or ""))
    return sorted(out, key=lambda c: (-c.count, c.label))


def _home_jsonld(counts: list[ClassCount]) -> str:
    """The dataset, its licence and its class partitions, as JSON-LD."""
    dataset = ox.BlankNode("dataset")
    void = ox.NamedNode
    triples = [
        ox.Triple(dataset, void(str(RDF.type)), void(_VOID + "Dataset")),
        ox.Triple(dataset, void(str(DCTERMS.title)), ox.Literal(
            "pkograph: Japan's international peace cooperation since 1992", language="en")),
        ox.Triple(dataset, void(str(DCTERMS.license)),
                  void("https://creativecommons.org/licenses/by/4.0/")),
    ]
    for c in counts:
        part = ox.BlankNode(f"class{len(triples)}")
        triples += [ox.Triple(dataset, void(_VOID + "classPartition"), part),
                    ox.Triple(part, void(_VOID + "class"), void(str(c.iri))),
                    ox.Triple(part, void(_VOID + "entities"),
                              ox.Literal(str(c.count), datatype=void(
                                  "http://www.w3.org/2001/XMLSchema#integer")))]
    return script_json(ox.serialize(triples, format=ox.RdfFormat.JSON_LD) or b"")


class Browse:
    """Home, lists and search."""

    def __init__(self, pages: Pages, ontology: Ontology) -> None:
        self.pages, self.ontology = pages, ontology

    def home(self, request: Request) -> Response:
        links = Links(request.scope.get("root_path", ""))
        counts = self.pages.cache.get(("counts", links.root),
                                      lambda: class_counts(self.pages, self.ontology, links))
        by_class = {c.iri: c for c in counts}
        entries = [(title, by_class[cls]) for title, cls in ENTRY_POINTS if cls in by_class]
        return self.pages.html(request, "home.html", title="pkograph", counts=counts,
                               entries=entries, jsonld=_home_jsonld(counts))

    def things(self, request: Request) -> Response:
        """``/things?type=pko:Mission``: every thing of a class (and its sub-classes)."""
        given = request.query_params.get("type", "")
        cls = URIRef(expand(given) or given)
        links = Links(request.scope.get("root_path", ""))
        if (cls, RDF.type, None) not in self.ontology.graph:
            raise PageError(404, f"no class {given!r} in the ontology (see the ontology page)")
        found: dict[URIRef, str] = {}
        for row in self.pages.store.select(_MEMBERS, {"type": cls}):
            thing, name = row["thing"], row.get("label")
            if isinstance(thing, URIRef):
                text = str(name) if name is not None else fallback_label(str(thing))
                if thing not in found or text < found[thing]:
                    found[thing] = text
        items = sorted(((text, links.iri(thing), shorten(str(thing)))
                        for thing, text in found.items()), key=lambda i: (i[0].lower(), i[2]))
        label = str(self.ontology.graph.value(cls, RDFS.label) or shorten(str(cls)))
        return self.pages.html(request, "things.html", title=label, label=label,
                               items=items, doc=links.iri(cls), type=shorten(str(cls)),
                               jsonld=names_jsonld(found.items(), dict.fromkeys(found, cls)))

    def search(self, request: Request) -> Response:
        """``/search?q=``: the ranked matches of ``pkograph find``."""
        text = request.query_params.get("q", "").strip()
        if len(text) > MAX_QUERY:
            raise PageError(400, f"a search is at most {MAX_QUERY} characters")
        links = Links(request.scope.get("root_path", ""))
        matches = self.pages.lookup.find(text) if text else []
        results = [(m.label, links.iri(m.iri), m.type, RANK_NAMES[m.rank],
                    m.name if m.name != m.label else "", shorten(str(m.iri))) for m in matches]
        return self.pages.html(request, "search.html", title=f"Search: {text}" if text
                               else "Search", q=text, results=results,
                               jsonld=names_jsonld((m.iri, m.label) for m in matches))
