"""The part of the existing graph that decides whether new triples conform: their neighbourhood.

Validating a contribution must not mean validating the whole graph again. A node's conformance
depends only on what its shapes can see from it, so the SHACL run gets a small graph: the
contribution, plus from the existing graph

- every triple of each focus node, and the triples pointing at it through the predicates a
  shape follows backwards (``sh:inversePath``, here ``pko:hasItemLine``, ``pko:hasPhase``,
  ``pko:hasUnitDeployment``);
- every triple of the nodes one step away (the focus nodes' values and, backwards, the things
  that point at them), which is where ``sh:class`` finds a value's type and ``sh:node`` a
  concept's scheme;
- the description of every citation whose graph holds one of these triples (the quality checks
  ask whether a fact's graph is a citation).

The class hierarchy comes with the ontology. The focus nodes are the contribution's subjects and
the objects a new triple reaches through a backward-followed predicate (adding a unit deployment
to an existing dispatch can break the deployment's "exactly one dispatch"). Other objects cannot
change conformance: the shapes look at a node's own values and at backward-followed triples
only. Queries go through the ``GraphStore`` interface, so a remote endpoint serves as well.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from pkograph.namespaces import ONTOLOGY_GRAPH
from pkograph.store.base import GraphStore
from pkograph.terms import Quad

#: IRIs per VALUES block, so that query texts stay small.
CHUNK = 500


def backward_predicates(shapes: Graph) -> frozenset[URIRef]:
    """Predicates a shape follows from object to subject (sh:inversePath, sh:targetObjectsOf)."""
    found = {*shapes.objects(None, SH.inversePath), *shapes.objects(None, SH.targetObjectsOf)}
    return frozenset(p for p in found if isinstance(p, URIRef))


def focus_nodes(triples: Iterable[tuple[Node, Node, Node]],
                backward: frozenset[URIRef]) -> list[URIRef]:
    """The nodes whose conformance new triples can change (see the module docstring)."""
    nodes: set[URIRef] = set()
    for s, p, o in triples:
        if isinstance(s, URIRef):
            nodes.add(s)
        if p in backward and isinstance(o, URIRef):
            nodes.add(o)
    return sorted(nodes)


@dataclass
class Neighbourhood:
    """Existing quads near the focus nodes, and which of the nodes asked about exist."""

    quads: list[Quad] = field(default_factory=list)
    #: nodes that are the subject of at least one existing triple
    described: set[URIRef] = field(default_factory=set)

    def triples(self) -> Iterator[tuple[Node, Node, Node]]:
        for s, p, o, _ in self.quads:
            yield (s, p, o)


def _values(nodes: Iterable[URIRef]) -> Iterator[str]:
    """VALUES lists of IRIs; the IRIs were checked by the parser, so n3() is safe text."""
    ordered = sorted(nodes)
    for i in range(0, len(ordered), CHUNK):
        yield " ".join(n.n3() for n in ordered[i : i + CHUNK])


_OUT = """SELECT DISTINCT ?s ?p ?o ?g WHERE {{
  VALUES ?s {{ {nodes} }} GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != {ontology})
}}"""

# One query per predicate: with the predicate as a constant the store looks the triples up
# by object; a VALUES list of predicates made it scan (1.2 s instead of 1 ms on 1M triples).
_IN = """SELECT DISTINCT ?s ?p ?o ?g WHERE {{
  VALUES ?o {{ {nodes} }} GRAPH ?g {{ ?s {predicate} ?o }} BIND({predicate} AS ?p)
  FILTER(?g != {ontology})
}}"""


def _run(store: GraphStore, query: str) -> list[Quad]:
    rows = store.select(query)
    return [(r["s"], r["p"], r["o"], r["g"]) for r in rows]  # type: ignore[misc]


def _out_edges(store: GraphStore, nodes: set[URIRef]) -> list[Quad]:
    quads: list[Quad] = []
    for chunk in _values(nodes):
        quads += _run(store, _OUT.format(nodes=chunk, ontology=ONTOLOGY_GRAPH.n3()))
    return quads


def _in_edges(store: GraphStore, nodes: set[URIRef], predicates: frozenset[URIRef]) -> list[Quad]:
    quads: list[Quad] = []
    for predicate in sorted(predicates):
        for chunk in _values(nodes):
            quads += _run(store, _IN.format(nodes=chunk, predicate=predicate.n3(),
                                            ontology=ONTOLOGY_GRAPH.n3()))
    return quads


def _neighbours(triples: Iterable[tuple[Node, Node, Node]], near: set[URIRef]) -> set[URIRef]:
    """Nodes one step from ``near``: values (not classes) and, backwards, subjects."""
    found: set[URIRef] = set()
    for s, p, o in triples:
        if s in near and p != RDF.type and isinstance(o, URIRef):
            found.add(o)
        if o in near and isinstance(s, URIRef):
            found.add(s)
    return found


def neighbourhood(store: GraphStore, focus: list[URIRef],
                  delta: list[tuple[Node, Node, Node]], backward: frozenset[URIRef],
                  also: Iterable[URIRef] = ()) -> Neighbourhood:
    """The existing quads within reach of the focus nodes (two steps), see the docstring.

    ``also`` names further nodes whose existence must be known (graph names, references).
    """
    near = set(focus)
    first = _out_edges(store, near) + _in_edges(store, near, backward)
    step = [(s, p, o) for s, p, o, _ in first] + list(delta)
    second_nodes = (_neighbours(step, near) | set(also)) - near
    second = _out_edges(store, second_nodes)
    # The citations whose graphs hold these triples, so that provenance checks see them whole.
    graphs = {g for _, _, _, g in first + second if isinstance(g, URIRef)}
    third = _out_edges(store, graphs - near - second_nodes)
    quads = list(dict.fromkeys(first + second + third))
    described = {s for s, _, _, _ in quads if isinstance(s, URIRef)}
    return Neighbourhood(quads, described)


_NAMES = """SELECT DISTINCT ?e ?t ?name WHERE {{
  VALUES ?t {{ {types} }}
  ?e a/rdfs:subClassOf* ?t ;
     rdfs:label|skos:prefLabel|skos:altLabel|pko:acronym|pko:formerName ?name .
}}"""


def names_by_type(store: GraphStore, types: set[URIRef]) -> list[tuple[URIRef, URIRef, str]]:
    """(thing, type, name) for every existing thing of the given types (or narrower ones), by
    each of its names."""
    if not types:
        return []
    listed = " ".join(t.n3() for t in sorted(types))
    rows = store.select(_NAMES.format(types=listed))
    return [(r["e"], r["t"], str(r["name"])) for r in rows]  # type: ignore[misc]
