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
from collections.abc import Iterable, Iterator, Mapping

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.term import Node

from pkograph.namespaces import PREFIXES, PROV, RDF, RDFS
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
_TYPE_KEY, _STATEMENT_KEY = RDF.type.n3(), RDF.Statement.n3()
_SUBJECT_KEY, _PREDICATE_KEY = RDF.subject.n3(), RDF.predicate.n3()
_OBJECT_KEY, _DERIVED_KEY = RDF.object.n3(), PROV.wasDerivedFrom.n3()

Triple = tuple[Node, Node, Node]


class _Terms:
    """pyoxigraph terms made once per rdflib term, and a sort key for each."""

    def __init__(self) -> None:
        self._made: dict[Node, tuple[str, ox.NamedNode | ox.BlankNode | ox.Literal]] = {}

    def __call__(self, term: Node) -> tuple[str, ox.NamedNode | ox.BlankNode | ox.Literal]:
        found = self._made.get(term)
        if found is None:
            found = self._made[term] = (term.n3(), to_ox(term))
        return found


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
    term = _Terms()
    out: dict[tuple[str, ...], ox.Quad] = {}
    for (s, p, o), graphs in _statements(description):
        (ks, ts), (kp, tp), (ko, to) = term(s), term(p), term(o)
        for g in graphs:
            kg, tg = term(g)
            out[(kg, ks, kp, ko)] = ox.Quad(ts, tp, to, tg)  # type: ignore[arg-type]
    for s, p, o in description.context:
        (ks, ts), (kp, tp), (ko, to) = term(s), term(p), term(o)
        out[("", ks, kp, ko)] = ox.Quad(ts, tp, to, ox.DefaultGraph())  # type: ignore[arg-type]
    return [out[k] for k in sorted(out)]


def triples(description: Description) -> list[ox.Triple]:
    """The description as a graph: statements, their reifications with their citations, and
    the names and citation details."""
    term = _Terms()
    out: dict[tuple[str, ...], ox.Triple] = {}
    for (s, p, o), graphs in _statements(description):
        (ks, ts), (kp, tp), (ko, to) = term(s), term(p), term(o)
        out[(ks, kp, ko)] = ox.Triple(ts, tp, to)  # type: ignore[arg-type]
        if p == PROV.wasDerivedFrom:
            continue
        for g in graphs:
            node = statement_node(s, p, o, g)
            key = f"_:{node.value}"
            kg, tg = term(g)
            for (kq, q), (kv, v) in (((_TYPE_KEY, _TYPE), (_STATEMENT_KEY, _STATEMENT)),
                                     ((_SUBJECT_KEY, _SUBJECT), (ks, ts)),
                                     ((_PREDICATE_KEY, _PREDICATE), (kp, tp)),
                                     ((_OBJECT_KEY, _OBJECT), (ko, to)),
                                     ((_DERIVED_KEY, _DERIVED), (kg, tg))):
                out[(key, kq, kv)] = ox.Triple(node, q, v)  # type: ignore[arg-type]
    for s, p, o in description.context:
        (ks, ts), (kp, tp), (ko, to) = term(s), term(p), term(o)
        out[(ks, kp, ko)] = ox.Triple(ts, tp, to)  # type: ignore[arg-type]
    return [out[k] for k in sorted(out)]


def serialize(description: Description, representation: Representation) -> bytes:
    """The bytes of one RDF representation of the description."""
    fmt = _FORMATS[representation.media_type]
    items: list[ox.Quad] | list[ox.Triple] = (
        quads(description) if representation.keeps_graphs else triples(description))
    return ox.serialize(items, format=fmt, prefixes=_PREFIXES) or b""


def names_jsonld(names: Iterable[tuple[URIRef, str]],
                 types: Mapping[URIRef, URIRef] | None = None) -> str:
    """JSON-LD naming the things a page lists (``rdfs:label``, and a class where known), for
    its ``<script>`` element."""
    label, kind = ox.NamedNode(str(RDFS.label)), _TYPE
    out = set()
    for iri, name in names:
        out.add(ox.Triple(ox.NamedNode(str(iri)), label, ox.Literal(name)))
        if types and iri in types:
            out.add(ox.Triple(ox.NamedNode(str(iri)), kind, ox.NamedNode(str(types[iri]))))
    ordered = sorted(out, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    return script_json(ox.serialize(ordered, format=ox.RdfFormat.JSON_LD) or b"") if out else ""


def graph_jsonld(triples: Iterable[tuple[Node, Node, Node]]) -> str:
    """JSON-LD of a few rdflib triples, for a page's ``<script>`` element."""
    made = sorted({ox.Triple(to_ox(s), to_ox(p), to_ox(o))  # type: ignore[arg-type]
                   for s, p, o in triples}, key=lambda t: (str(t.subject), str(t.predicate),
                                                          str(t.object)))
    return script_json(ox.serialize(made, format=ox.RdfFormat.JSON_LD) or b"") if made else ""


def script_json(data: bytes) -> str:
    """JSON text safe inside ``<script type="application/ld+json">``: every ``<`` escaped, so
    no value can close the element (JSON reads ``\\u003c`` as ``<``)."""
    return data.decode("utf-8").replace("<", "\\u003c").replace(">", "\\u003e").replace(
        "&", "\\u0026")
