"""``/ontology``: the documentation of every class and property, and the ontology as RDF.

Each term gets its label, definition, super-classes (or super-properties), domain, range and
the SHACL shapes that constrain it (``ontology/pkograph-shapes.ttl``: the node shapes that
target a class, and the property constraints whose path is a property), under an anchor, so a
term's IRI (``https://w3id.org/pkograph/ontology#Mission``) leads to its entry. The ontology is
read from the store's ontology graph, the shapes from the project; both once per site. The RDF
representations are those of ``ontology/pkograph.ttl`` (Turtle: the file itself).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Node

from pkograph.namespaces import (
    DCTERMS,
    ONTOLOGY_GRAPH,
    ONTOLOGY_IRI,
    OWL,
    PKO,
    RDF,
    RDFS,
    SHAPES,
    SKOS,
)
from pkograph.output import shorten
from pkograph.paths import Project
from pkograph.store.base import GraphStore
from pkograph.web.pages.context import Links
from pkograph.web.pages.negotiation import Representation

ONTOLOGY_FILE = "pkograph.ttl"
SHAPES_FILE = "pkograph-shapes.ttl"
_ONTOLOGY_TRIPLES = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?s ?p ?o }} }}"
_PROPERTY_KINDS = {OWL.ObjectProperty: "object property", OWL.DatatypeProperty: "data property",
                   OWL.AnnotationProperty: "annotation property", RDF.Property: "property"}
_CONSTRAINTS = [(SH.minCount, "at least {}"), (SH.maxCount, "at most {}"),
                (SH.datatype, "datatype {}"), (SH["class"], "class {}"),
                (SH.nodeKind, "node kind {}"), (SH.hasValue, "value {}"),
                (SH.pattern, "pattern {}"), (SH.minInclusive, "from {}"),
                (SH.minExclusive, "more than {}"), (SH.minLength, "length at least {}"),
                (SH.node, "conforms to {}"), (SH.lessThanOrEquals, "not after {}")]


@dataclass
class Ref:
    """A term mentioned in an entry: its name and where it is documented."""

    text: str
    href: str | None


@dataclass
class Constraint:
    shape: Ref
    path: str
    rules: list[str]
    message: str = ""


@dataclass
class Term:
    iri: URIRef
    anchor: str
    label: str
    kind: str
    definition: str = ""
    comment: str = ""
    supers: list[Ref] = field(default_factory=list)
    subs: list[Ref] = field(default_factory=list)
    domain: list[Ref] = field(default_factory=list)
    range: list[Ref] = field(default_factory=list)
    constraints: list[Constraint] = field(default_factory=list)
    own: bool = True  # a pko: term (not one reused from another vocabulary)


@dataclass
class Documentation:
    title: str
    description: str
    version: str
    classes: list[Term]
    properties: list[Term]
    header: list[tuple[str, str]]


def _name(iri: Node) -> str:
    """A prefixed name, the shapes' and SHACL's namespaces included."""
    text = str(iri)
    for prefix, namespace in (("pkosh", str(SHAPES)), ("sh", str(SH))):
        if text.startswith(namespace):
            return f"{prefix}:{text[len(namespace):]}"
    return shorten(text)


def anchor(iri: URIRef) -> str:
    """The id of a term's entry: the local name of a pko: term, the prefixed name of others."""
    text = str(iri)
    return text[len(str(PKO._NS)):] if text.startswith(str(PKO._NS)) else shorten(text)


def _text(graph: Graph, subject: Node, prop: URIRef) -> str:
    values = sorted((v for v in graph.objects(subject, prop) if isinstance(v, Literal)),
                    key=lambda v: ((v.language or "en") != "en", str(v)))
    return str(values[0]) if values else ""


def _members(graph: Graph, node: Node) -> list[Node]:
    """A class expression's named members: the class, or the classes of an owl:unionOf."""
    if isinstance(node, URIRef):
        return [node]
    for union in graph.objects(node, OWL.unionOf):
        return [m for m in Collection(graph, union) if isinstance(m, URIRef)]
    return []


class Ontology:
    """The ontology's documentation and representations for one site."""

    def __init__(self, store: GraphStore, project: Project) -> None:
        self.store, self.project = store, project
        self._graph: Graph | None = None
        self._shapes: Graph | None = None

    @property
    def graph(self) -> Graph:
        if self._graph is None:
            self._graph = self.store.construct(_ONTOLOGY_TRIPLES)
        return self._graph

    @property
    def shapes(self) -> Graph:
        if self._shapes is None:
            shapes = Graph()
            path = self.project.ontology_dir / SHAPES_FILE
            if path.is_file():
                shapes.parse(path, format="turtle")
            self._shapes = shapes
        return self._shapes

    def serialize(self, representation: Representation) -> bytes:
        """The ontology file in a representation (Turtle: the file as written)."""
        path = self.project.ontology_dir / ONTOLOGY_FILE
        data = path.read_bytes()
        if representation.media_type == "text/turtle":
            return data
        formats = {"application/ld+json": ox.RdfFormat.JSON_LD,
                   "application/n-triples": ox.RdfFormat.N_TRIPLES,
                   "application/rdf+xml": ox.RdfFormat.RDF_XML}
        triples = list(ox.parse(data, format=ox.RdfFormat.TURTLE, base_iri=str(ONTOLOGY_IRI)))
        triples.sort(key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
        return ox.serialize(triples, format=formats[representation.media_type]) or b""

    def documentation(self, links: Links) -> Documentation:
        g = self.graph

        def ref(term: Node) -> Ref:
            if not isinstance(term, URIRef):
                return Ref("(an anonymous class)", None)
            label = _text(g, term, RDFS.label) or _text(g, term, SKOS.prefLabel)
            text = label or shorten(str(term))
            declared = (term, RDF.type, None) in g
            return Ref(text, f"{links.to('/ontology')}#{anchor(term)}" if declared
                       else links.iri(term))

        terms: dict[URIRef, Term] = {}
        kinds: list[tuple[Node, str]] = [(c, "class") for c in g.subjects(RDF.type, OWL.Class)]
        for cls, name in _PROPERTY_KINDS.items():
            kinds += [(p, name) for p in g.subjects(RDF.type, cls)]
        for iri, kind in kinds:
            if not isinstance(iri, URIRef) or iri in terms:
                continue
            terms[iri] = Term(iri, anchor(iri), ref(iri).text, kind,
                              _text(g, iri, SKOS.definition), _text(g, iri, RDFS.comment),
                              own=str(iri).startswith(str(PKO._NS)))
        subs: dict[URIRef, list[URIRef]] = defaultdict(list)
        for iri, term in terms.items():
            up = RDFS.subClassOf if term.kind == "class" else RDFS.subPropertyOf
            supers = [s for s in g.objects(iri, up) if isinstance(s, URIRef)]
            term.supers = sorted((ref(s) for s in supers), key=lambda r: r.text.lower())
            for s in supers:
                subs[s].append(iri)
            term.domain = sorted((ref(m) for d in g.objects(iri, RDFS.domain)
                                  for m in _members(g, d)), key=lambda r: r.text.lower())
            term.range = sorted((ref(m) for r in g.objects(iri, RDFS.range)
                                 for m in _members(g, r)), key=lambda r: r.text.lower())
        for iri, below in subs.items():
            if iri in terms:
                terms[iri].subs = sorted((ref(s) for s in below), key=lambda r: r.text.lower())
        self._constraints(terms, ref)
        order = sorted(terms.values(), key=lambda t: (not t.own, t.label.lower()))
        def first(prop: URIRef) -> str:
            return _text(g, ONTOLOGY_IRI, prop) or str(next(iter(g.objects(ONTOLOGY_IRI, prop)),
                                                            ""))

        header = [("Version", first(OWL.versionInfo)), ("Version IRI", first(OWL.versionIRI)),
                  ("Licence", first(DCTERMS.license)), ("Creator", first(DCTERMS.creator))]
        return Documentation(first(RDFS.label) or "pkograph ontology", first(DCTERMS.description),
                             first(OWL.versionIRI),
                             [t for t in order if t.kind == "class"],
                             [t for t in order if t.kind != "class"],
                             [(k, v) for k, v in header if v])

    def _subclasses(self) -> dict[URIRef, list[URIRef]]:
        """Each class's sub-classes, direct or not (the shapes of a class apply to them)."""
        out: dict[URIRef, list[URIRef]] = defaultdict(list)
        for sub in set(self.graph.subjects(RDFS.subClassOf, None)):
            if not isinstance(sub, URIRef):
                continue
            for sup in self.graph.transitive_objects(sub, RDFS.subClassOf):
                if isinstance(sup, URIRef) and sup != sub:
                    out[sup].append(sub)
        return {k: sorted(set(v)) for k, v in out.items()}

    def _constraints(self, terms: dict[URIRef, Term], ref: Callable[[Node], Ref]) -> None:
        """Attach to each class the property constraints of the shapes targeting it, and to
        each property the constraints whose path it is."""
        shapes = self.shapes
        below = self._subclasses()
        for shape in sorted(set(shapes.subjects(RDF.type, SH.NodeShape)), key=str):
            if not isinstance(shape, URIRef):
                continue
            targets = [t for t in shapes.objects(shape, SH.targetClass) if isinstance(t, URIRef)]
            name = str(shape).rpartition("#")[2] or shorten(str(shape))
            shape_ref = Ref(f"{_text(shapes, shape, RDFS.label) or name} ({name})", None)
            for prop_shape in shapes.objects(shape, SH.property):
                path = next(iter(shapes.objects(prop_shape, SH.path)), None)
                inverse = False
                if isinstance(path, BNode):
                    path = next(iter(shapes.objects(path, SH.inversePath)), None)
                    inverse = True
                if not isinstance(path, URIRef):
                    continue
                rules = []
                for prop, pattern in _CONSTRAINTS:
                    for value in shapes.objects(prop_shape, prop):
                        declared = (isinstance(value, URIRef)
                                    and (value, RDF.type, None) in self.graph)
                        shown = ref(value).text if declared else (
                            _name(value) if isinstance(value, URIRef) else str(value))
                        rules.append(pattern.format(shown))
                if not rules:
                    continue
                label = ("^" if inverse else "") + shorten(str(path))
                constraint = Constraint(shape_ref, label, rules,
                                        _text(shapes, prop_shape, SH.message))
                for target in targets:
                    for cls in [target, *below.get(target, [])]:
                        if cls not in terms:
                            continue
                        inherited = "" if cls == target else f", on {ref(target).text}"
                        terms[cls].constraints.append(Constraint(
                            Ref(shape_ref.text + inherited, None), label, rules,
                            constraint.message))
                if path in terms and not inverse:
                    targeted = ", ".join(ref(t).text for t in targets)
                    where = f"{shape_ref.text} on {targeted}" if targeted else shape_ref.text
                    on = Constraint(Ref(where, None), label, rules, constraint.message)
                    terms[path].constraints.append(on)
