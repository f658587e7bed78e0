"""The RDF representations of a description, each statement with the citations that state it.

- TriG and N-Quads keep every statement in the named graph of each citation that states it, as
  the store does; the names of the things mentioned and the citations' details (document,
  locator, lines, quotes) are in the default graph.
- Turtle, JSON-LD, N-Triples and RDF/XML have no named graphs: they hold the statements, and
  restate each one, once per citation, as a standard RDF reification (the pattern of
  ``ontology/README.md``): an ``rdf:Statement`` with ``rdf:subject``, ``rdf:predicate``,
  ``rdf:object`` and ``prov:wasDerivedFrom`` the citation. ``prov:wasDerivedFrom`` statements,
  which already name their citation, are not restated. The statement nodes are blank nodes
  labelled from what they restate, so the same description always gives the same bytes.

pyoxigraph writes every format (fast enough to embed a page's JSON-LD in every page), fed
sorted statements.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.term import Node

from pkograph.namespaces import PREFIXES, PROV, RDF
from pkograph.terms import to_ox
from pkograph.web.pages.describe import Description
from pkograph.web.pages.negotiation import Representation

_FORMATS = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/trig": ox.RdfFormat.TRIG,
    "application/n-quads": ox.RdfFormat.N_QUADS,
}
#: The project's prefixes but ``id:``, which pyoxigraph would write as ``id:person\\/...``.
_PREFIXES = {prefix: iri for prefix, iri in PREFIXES.items() if prefix != "id"}
_TYPE, _STATEMENT = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(RDF.Statement))
_SUBJECT, _PREDICATE = ox.NamedNode(str(RDF.subject)), ox.NamedNode(str(RDF.predicate))
_OBJECT, _DERIVED = ox.NamedNode(str(RDF.object)), ox.NamedNode(str(PROV.wasDerivedFrom))

Triple = tuple[Node, Node, Node]


def _key(terms: tuple[object, ...]) -> tuple[str, ...]:
    return tuple(str(t) for t in terms)


def statement_node(s: Node, p: Node, o: Node, citation: URIRef) -> ox.BlankNode:
    """The blank node restating one statement as stated by one citation."""
    text = f"{s.n3()} {p.n3()} {o.n3()} {citation.n3()}"
    return ox.BlankNode("st" + hashlib.sha256(text.encode()).hexdigest()[:20])


def _statements(description: Description) -> Iterator[tuple[Triple, list[URIRef]]]:
    for st in (*description.statements, *description.incoming):
        yield (st.subject, st.predicate, st.object), st.sources


def quads(description: Description) -> list[ox.Quad]:
    """The description as a dataset: statements in their citations' graphs, the rest in the
    default graph."""
    out = {ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.NamedNode(str(g)))  # type: ignore[arg-type]
           for (s, p, o), graphs in _statements(description) for g in graphs}
    out |= {ox.Quad(to_ox(s), to_ox(p), to_ox(o), ox.DefaultGraph())  # type: ignore[arg-type]
            for s, p, o in description.context}
    return sorted(out, key=lambda q: _key((q.graph_name, q.subject, q.predicate, q.object)))


def triples(description: Description) -> list[ox.Triple]:
    """The description as a graph: statements, their reifications with their citations, and
    the names and citation details."""
    out: set[ox.Triple] = set()
    for (s, p, o), graphs in _statements(description):
        subject, predicate, obj = to_ox(s), to_ox(p), to_ox(o)
        out.add(ox.Triple(subject, predicate, obj))  # type: ignore[arg-type]
        if p == PROV.wasDerivedFrom:
            continue
        for g in graphs:
            node = statement_node(s, p, o, g)
            out.update((ox.Triple(node, _TYPE, _STATEMENT),
                        ox.Triple(node, _SUBJECT, subject),  # type: ignore[arg-type]
                        ox.Triple(node, _PREDICATE, predicate),
                        ox.Triple(node, _OBJECT, obj),
                        ox.Triple(node, _DERIVED, ox.NamedNode(str(g)))))
    out |= {ox.Triple(to_ox(s), to_ox(p), to_ox(o))  # type: ignore[arg-type]
            for s, p, o in description.context}
    return sorted(out, key=lambda t: _key((t.subject, t.predicate, t.object)))


def serialize(description: Description, representation: Representation) -> bytes:
    """The bytes of one RDF representation of the description."""
    fmt = _FORMATS[representation.media_type]
    items: list[ox.Quad] | list[ox.Triple] = (
        quads(description) if representation.keeps_graphs else triples(description))
    return ox.serialize(items, format=fmt, prefixes=_PREFIXES) or b""


def script_json(data: bytes) -> str:
    """JSON text safe inside ``<script type="application/ld+json">``: every ``<`` escaped, so
    no value can close the element (JSON reads ``\\u003c`` as ``<``)."""
    return data.decode("utf-8").replace("<", "\\u003c").replace(">", "\\u003e").replace(
        "&", "\\u0026")
