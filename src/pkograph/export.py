"""Dumps of the built graph in the usual RDF formats.

TriG and N-Quads keep the named graphs — one per citation, so every triple keeps its source,
and the provenance graph that describes the citations. Turtle, N-Triples, RDF/XML and JSON-LD
hold the union of those graphs; the provenance stays visible there through
``prov:wasDerivedFrom`` and the citations' descriptions. The ontology graph is left out unless
asked for: it is published on its own.

Every format is deterministic — the same graph gives the same bytes on every run and in every
process, whatever the hash seed — so dumps can be compared and checksummed:

- Turtle comes from rdflib, whose serializer sorts subjects, predicates and objects and groups
  each subject's statements under the project's prefixes (pyoxigraph's streams statements in
  the order given and escapes ``id:citation\\/...``). One correction: rdflib prints a number in
  Turtle's short form even where that changes the term (``"4000"^^xsd:decimal`` as ``4000.0``),
  so such a literal keeps its long form;
- JSON-LD comes from rdflib, compacted with the project's prefixes; its node order follows
  Python's string hashing, so nodes and values are sorted after serialization;
- N-Triples, N-Quads, TriG and RDF/XML come from pyoxigraph's serializers, fed sorted
  statements.

Blank nodes (only the ontology has them) are given canonical labels first (``rdflib.compare``).
"""

from __future__ import annotations

import io
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.plugins.serializers.turtle import TurtleSerializer
from rdflib.term import Node

from pkograph.namespaces import PREFIXES, XSD
from pkograph.terms import Quad, to_ox

Triple = tuple[Node, Node, Node]
#: A quad whose graph may be the default graph (None).
AnyQuad = tuple[Node, Node, Node, URIRef | None]


@dataclass(frozen=True)
class Format:
    """An export format: its name on the command line, file suffix and media type."""

    name: str
    suffix: str
    media_type: str
    #: True: the named graphs (citations, provenance) are kept; False: their union
    keeps_graphs: bool


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("turtle", ".ttl", "text/turtle", False),
    Format("nt", ".nt", "application/n-triples", False),
    Format("jsonld", ".jsonld", "application/ld+json", False),
    Format("xml", ".rdf", "application/rdf+xml", False),
    Format("trig", ".trig", "application/trig", True),
    Format("nquads", ".nq", "application/n-quads", True),
)}

_OX_FORMATS = {
    "nt": ox.RdfFormat.N_TRIPLES,
    "xml": ox.RdfFormat.RDF_XML,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
}
#: pyoxigraph would write ids as ``id:person\\/yasushi-akashi``; full IRIs read better.
_OX_PREFIXES = {prefix: iri for prefix, iri in PREFIXES.items() if prefix != "id"}


def _key(terms: tuple[Node | None, ...]) -> tuple[str, ...]:
    return tuple(t.n3() if t is not None else "" for t in terms)


def _canonical(triples: Iterable[Triple]) -> list[Triple]:
    """The triples with blank nodes relabelled canonically, so labels do not vary by run."""
    plain: list[Triple] = []
    blank = Graph()
    for triple in triples:
        if isinstance(triple[0], BNode) or isinstance(triple[2], BNode):
            blank.add(triple)
        else:
            plain.append(triple)
    # Only the triples that hold a blank node decide its label: the rest need no relabelling.
    return plain + list(to_canonical_graph(blank)) if len(blank) else plain


def union(quads: Iterable[Quad]) -> list[Triple]:
    """The distinct triples of all the graphs, sorted, blank nodes canonical."""
    return sorted(_canonical({(s, p, o) for s, p, o, _ in quads}), key=_key)


def dataset(quads: Iterable[Quad]) -> list[AnyQuad]:
    """The distinct quads, sorted by graph then triple, blank nodes canonical per graph."""
    graphs: dict[URIRef | None, set[Triple]] = defaultdict(set)
    for s, p, o, g in quads:
        graphs[g].add((s, p, o))
    out: list[AnyQuad] = [(s, p, o, g) for g, triples in graphs.items()
                          for s, p, o in _canonical(triples)]
    return sorted(out, key=lambda q: _key((q[3], q[0], q[1], q[2])))


def _rdflib_graph(triples: Iterable[Triple]) -> Graph:
    graph = Graph(bind_namespaces="core")
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri, override=True, replace=True)
    for triple in triples:
        graph.add(triple)
    return graph


#: Turtle's short forms of literals (``12``, ``1.5``, ``1.5e3``, ``true``) and their datatypes.
_SHORT_FORMS = {
    XSD.integer: re.compile(r"[+-]?[0-9]+"),
    XSD.decimal: re.compile(r"[+-]?[0-9]*\.[0-9]+"),
    XSD.double: re.compile(r"[+-]?([0-9]+\.[0-9]*|\.?[0-9]+)[eE][+-]?[0-9]+"),
    XSD.boolean: re.compile(r"true|false"),
}


class _TermPreservingTurtle(TurtleSerializer):
    """rdflib's Turtle serializer, writing a short form only when it reads back as the same
    literal: rdflib would write ``"4000"^^xsd:decimal`` as ``4000.0``, another RDF term."""

    def label(self, node: Node, position: int) -> str:
        text = super().label(node, position)
        if isinstance(node, Literal) and node.datatype in _SHORT_FORMS:
            short = _SHORT_FORMS[node.datatype]
            if text != str(node) or not short.fullmatch(text):
                return node._literal_n3(qname_callback=lambda dt: self.get_pname(dt, False))
        return text


def _turtle(graph: Graph) -> bytes:
    out = io.BytesIO()
    _TermPreservingTurtle(graph).serialize(out, encoding="utf-8")
    return out.getvalue()


def _sorted_json(value: Any) -> Any:
    """JSON-LD with its unordered arrays sorted; ``@list`` arrays keep their order."""
    if isinstance(value, dict):
        return {k: ([_sorted_json(v) for v in item] if k == "@list" else _sorted_json(item))
                for k, item in value.items()}
    if isinstance(value, list):
        items = [_sorted_json(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return value


def _ox_quad(q: AnyQuad) -> ox.Quad:
    graph = ox.NamedNode(str(q[3])) if q[3] is not None else ox.DefaultGraph()
    return ox.Quad(to_ox(q[0]), to_ox(q[1]), to_ox(q[2]), graph)  # type: ignore[arg-type]


def _ox_serialize(items: list[ox.Quad] | list[ox.Triple], name: str) -> bytes:
    return ox.serialize(items, format=_OX_FORMATS[name], prefixes=_OX_PREFIXES) or b""


def serialize(quads: Iterable[Quad], name: str) -> bytes:
    """The quads in the named format (see ``FORMATS``), the same bytes for the same quads."""
    fmt = FORMATS[name]
    if fmt.keeps_graphs:
        return _ox_serialize([_ox_quad(q) for q in dataset(quads)], name)
    triples = union(quads)
    if name == "turtle":
        return _turtle(_rdflib_graph(triples))
    if name == "jsonld":
        text = _rdflib_graph(triples).serialize(format="json-ld", context=PREFIXES,
                                                auto_compact=True)
        tree = _sorted_json(json.loads(text))
        return (json.dumps(tree, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()
    return _ox_serialize([ox.Triple(to_ox(s), to_ox(p), to_ox(o))  # type: ignore[arg-type]
                          for s, p, o in triples], name)
