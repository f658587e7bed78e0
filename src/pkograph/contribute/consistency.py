"""What ``pkograph reason`` would find contradictory in a contribution, found without a reasoner.

The SHACL shapes check each thing on its own; the OWL reasoner sees what follows from the
ontology's axioms taken together. A contribution is checked here against the axioms the
reasoner uses on pkograph's graph, so that it cannot make the graph inconsistent:

- disjoint classes (``owl:AllDisjointClasses``, ``owl:disjointWith``), through the class
  hierarchy (``rdfs:subClassOf``, ``owl:equivalentClass``): a thing may not fall into two
  disjoint classes, whether it is typed so or pushed there by the domain of a property it has
  or the range of a property that points at it (``rdfs:domain``, ``rdfs:range``, inherited
  along ``rdfs:subPropertyOf``);
- the datatype ranges of data properties, compared by value as OWL 2 does: ``"5"^^xsd:decimal``
  is a valid ``xsd:integer``, ``"1999"^^xsd:gYear`` is not an ``xsd:date``, ``"sheets"@en`` is
  not an ``xsd:string``.

Ill-typed literals are reported by the rule WellTypedLiteral; literals of datatypes the reasoner
does not interpret are left out, as ``pkograph reason`` leaves them out.

It works on what the validation already has: the contribution, its neighbourhood in the
existing graph (every triple of each node the contribution touches) and, through the
``GraphStore`` interface, the predicates that point at those nodes (for the ranges). Only
contradictions that involve a contributed triple are reported; the existing graph is the
build's and ``pkograph reason``'s business.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from itertools import combinations

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import Node

from pkograph.contribute.findings import Located, contribution_finding
from pkograph.contribute.read import Statement
from pkograph.namespaces import ONTOLOGY_GRAPH
from pkograph.output import term_text
from pkograph.records import Origin
from pkograph.store.base import GraphStore
from pkograph.terms import Quad

RULE = "Consistent"

# --- the axioms ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Axioms:
    """The ontology's axioms that can make a graph inconsistent."""

    #: each class and every class above it (itself included)
    broader: dict[URIRef, frozenset[URIRef]]
    #: pairs of classes declared disjoint
    disjoint: frozenset[frozenset[URIRef]]
    #: classes the subject of a property is in, by property (inherited ones included)
    domains: dict[URIRef, frozenset[URIRef]]
    #: classes the object of an object property is in, by property
    ranges: dict[URIRef, frozenset[URIRef]]
    #: datatypes the value of a data property has, by property
    datatype_ranges: dict[URIRef, frozenset[URIRef]]

    def above(self, classes: Iterable[URIRef]) -> set[URIRef]:
        return {b for c in classes for b in self.broader.get(c, frozenset({c}))}

    def clashes(self, classes: set[URIRef]) -> list[tuple[URIRef, URIRef]]:
        """The disjoint pairs among ``classes`` (closed upwards already)."""
        return sorted((a, b) for a, b in combinations(sorted(classes), 2)
                      if frozenset((a, b)) in self.disjoint)


def _closure(edges: dict[URIRef, set[URIRef]], start: URIRef) -> frozenset[URIRef]:
    seen, todo = {start}, [start]
    while todo:
        for up in edges.get(todo.pop(), ()):
            if up not in seen:
                seen.add(up)
                todo.append(up)
    return frozenset(seen)


def load_axioms(ontology: Graph) -> Axioms:
    """The axioms of the ontology graph (see the module docstring)."""
    up: dict[URIRef, set[URIRef]] = defaultdict(set)
    for s, o in ontology.subject_objects(RDFS.subClassOf):
        if isinstance(s, URIRef) and isinstance(o, URIRef):
            up[s].add(o)
    for s, o in ontology.subject_objects(OWL.equivalentClass):
        if isinstance(s, URIRef) and isinstance(o, URIRef):
            up[s].add(o)
            up[o].add(s)
    classes = {c for c in ontology.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)}
    classes |= set(up) | {o for ups in up.values() for o in ups}
    broader = {c: _closure(up, c) for c in classes}

    disjoint: set[frozenset[URIRef]] = set()
    for s, o in ontology.subject_objects(OWL.disjointWith):
        if isinstance(s, URIRef) and isinstance(o, URIRef):
            disjoint.add(frozenset((s, o)))
    for axiom in ontology.subjects(RDF.type, OWL.AllDisjointClasses):
        members = ontology.value(axiom, OWL.members)
        named = [m for m in Collection(ontology, members) if isinstance(m, URIRef)] \
            if members is not None else []
        disjoint |= {frozenset(pair) for pair in combinations(named, 2)}
    # subclasses of disjoint classes are disjoint too
    below: dict[URIRef, set[URIRef]] = defaultdict(set)
    for c, ups in broader.items():
        for b in ups:
            below[b].add(c)
    inherited = {frozenset((x, y)) for pair in disjoint for a, b in [tuple(pair)]
                 for x in below.get(a, {a}) for y in below.get(b, {b}) if x != y}

    object_properties = set(ontology.subjects(RDF.type, OWL.ObjectProperty))
    data_properties = set(ontology.subjects(RDF.type, OWL.DatatypeProperty))
    sup: dict[URIRef, set[URIRef]] = defaultdict(set)
    for s, o in ontology.subject_objects(RDFS.subPropertyOf):
        if isinstance(s, URIRef) and isinstance(o, URIRef):
            sup[s].add(o)
    domains: dict[URIRef, frozenset[URIRef]] = {}
    ranges: dict[URIRef, frozenset[URIRef]] = {}
    datatype_ranges: dict[URIRef, frozenset[URIRef]] = {}
    for prop in object_properties | data_properties:
        if not isinstance(prop, URIRef):
            continue
        lineage = _closure(sup, prop)
        domain = {d for p in lineage for d in ontology.objects(p, RDFS.domain)
                  if isinstance(d, URIRef)}
        rng = {r for p in lineage for r in ontology.objects(p, RDFS.range)
               if isinstance(r, URIRef)}
        if domain:
            domains[prop] = frozenset(domain)
        if rng and prop in object_properties:
            ranges[prop] = frozenset(rng)
        elif rng:
            datatype_ranges[prop] = frozenset(rng)
    return Axioms(broader, frozenset(disjoint | inherited), domains, ranges, datatype_ranges)


# --- datatypes, by value as OWL 2 compares them ------------------------------------------------

#: XML Schema datatypes derived from another, as (datatype, the one it restricts).
_DERIVED = {
    "normalizedString": "string", "token": "normalizedString", "language": "token",
    "NMTOKEN": "token", "Name": "token", "NCName": "Name",
    "integer": "decimal", "nonPositiveInteger": "integer", "negativeInteger": "nonPositiveInteger",
    "long": "integer", "int": "long", "short": "int", "byte": "short",
    "nonNegativeInteger": "integer", "positiveInteger": "nonNegativeInteger",
    "unsignedLong": "nonNegativeInteger", "unsignedInt": "unsignedLong",
    "unsignedShort": "unsignedInt", "unsignedByte": "unsignedShort",
    "dateTimeStamp": "dateTime",
    "yearMonthDuration": "duration", "dayTimeDuration": "duration",
}
#: The numbers an integer datatype holds: (least, greatest); None: no bound.
_INTEGER_RANGE: dict[str, tuple[int | None, int | None]] = {
    "integer": (None, None), "nonPositiveInteger": (None, 0), "negativeInteger": (None, -1),
    "nonNegativeInteger": (0, None), "positiveInteger": (1, None),
    "long": (-2**63, 2**63 - 1), "int": (-2**31, 2**31 - 1), "short": (-2**15, 2**15 - 1),
    "byte": (-128, 127), "unsignedLong": (0, 2**64 - 1), "unsignedInt": (0, 2**32 - 1),
    "unsignedShort": (0, 2**16 - 1), "unsignedByte": (0, 255),
}
_XSD = str(XSD._NS)
#: Datatypes the reasoner interprets; values of others are left out, as ``pkograph reason`` does.
_INTERPRETED = {_XSD + n for n in ("string", "boolean", "decimal", "float", "double", "date",
                                   "dateTime", "time", "gYear", "gYearMonth", "gMonth",
                                   "gMonthDay", "gDay", "duration", "anyURI", "hexBinary",
                                   "base64Binary", *_DERIVED)}
_INTERPRETED |= {str(RDF.langString), str(RDF.PlainLiteral), str(RDFS.Literal), str(OWL.real),
                 str(OWL.rational)}


def _lineage(datatype: str) -> list[str]:
    """A datatype and every XML Schema datatype it restricts."""
    chain = [datatype]
    while chain[-1].startswith(_XSD) and chain[-1][len(_XSD):] in _DERIVED:
        chain.append(_XSD + _DERIVED[chain[-1][len(_XSD):]])
    return chain


def _decimal_value(value: Literal) -> Decimal | None:
    try:
        return Decimal(str(value).strip())
    except InvalidOperation:
        return None


def fits(value: Literal, datatype: URIRef) -> bool:
    """Whether ``value`` is a value of ``datatype`` (True for what the reasoner leaves out)."""
    wanted = str(datatype)
    own = str(RDF.langString) if value.language else str(value.datatype or XSD.string)
    if wanted == str(RDFS.Literal) or wanted not in _INTERPRETED or own not in _INTERPRETED:
        return True
    if wanted == str(RDF.PlainLiteral):
        return own == str(RDF.langString) or XSD.string in map(URIRef, _lineage(own))
    if wanted in _lineage(own):
        return True
    numeric = _XSD + "decimal"
    reals = {numeric, str(OWL.real), str(OWL.rational)}
    if numeric in _lineage(own) and (wanted in reals or numeric in _lineage(wanted)):
        if wanted in reals:
            return True
        number = _decimal_value(value)
        if number is None or number != number.to_integral_value():
            return False
        least, greatest = _INTEGER_RANGE.get(wanted[len(_XSD):], (None, None))
        return (least is None or number >= least) and (greatest is None or number <= greatest)
    return False


# --- the check ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Because:
    """Why a node is in a class: a triple (and through what: its type, the domain or the range
    of its predicate), and where the contribution states it (None: the existing graph)."""

    triple: tuple[Node, Node, Node] | None
    through: str
    origin: Origin | None

    def text(self) -> str:
        if self.triple is None:
            return self.through
        s, p, o = self.triple
        shown = f"{term_text(s)} {term_text(p)} {term_text(o)}"
        return shown if self.through == "type" else f"{shown} (the {self.through} of " \
            f"{term_text(p)})"


@dataclass
class _Node:
    classes: dict[URIRef, list[_Because]] = field(default_factory=lambda: defaultdict(list))


_INCOMING = """SELECT DISTINCT ?o ?p WHERE {{
  VALUES ?o {{ {nodes} }} GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != {ontology})
}}"""

#: IRIs per VALUES block, so that query texts stay small.
CHUNK = 500


def incoming_predicates(store: GraphStore, nodes: Iterable[URIRef]) -> Iterator[tuple[Node, Node]]:
    """(node, predicate) for every predicate of the existing graph that points at a node."""
    ordered = sorted(nodes)
    for i in range(0, len(ordered), CHUNK):
        listed = " ".join(n.n3() for n in ordered[i : i + CHUNK])
        for row in store.select(_INCOMING.format(nodes=listed, ontology=ONTOLOGY_GRAPH.n3())):
            yield row["o"], row["p"]  # type: ignore[misc]


def contradictions(statements: list[Statement], existing: list[Quad], ontology: Graph,
                   store: GraphStore, axioms: Axioms | None = None) -> list[Located]:
    """Findings for every way the contribution would make the graph contradict the ontology.

    ``existing`` is the neighbourhood of the contribution in the graph (every triple of the
    nodes it touches); ``store`` answers which predicates point at those nodes."""
    axioms = axioms or load_axioms(ontology)
    touched = {st.subject for st in statements if isinstance(st.subject, URIRef)}
    touched |= {st.object for st in statements
                if isinstance(st.object, URIRef) and st.predicate != RDF.type}
    nodes: dict[Node, _Node] = defaultdict(_Node)

    def note(node: Node, classes: Iterable[URIRef], because: _Because) -> None:
        if node in touched:
            for c in classes:
                nodes[node].classes[c].append(because)

    triples: list[tuple[tuple[Node, Node, Node], Origin | None]]
    triples = [((s, p, o), None) for s, p, o, _ in existing]
    triples += [(st.triple, st.origin) for st in statements]
    triples += [((n, RDF.type, c), None) for n in touched for c in ontology.objects(n, RDF.type)
                if isinstance(c, URIRef) and c in axioms.broader and c not in _TERM_TYPES]
    out: list[Located] = []
    for (s, p, o), origin in triples:
        if p == RDF.type and isinstance(o, URIRef):
            note(s, [o], _Because((s, p, o), "type", origin))
            continue
        if not isinstance(p, URIRef):
            continue
        if p in axioms.domains:
            note(s, axioms.domains[p], _Because((s, p, o), "domain", origin))
        if isinstance(o, URIRef) and p in axioms.ranges:
            note(o, axioms.ranges[p], _Because((s, p, o), "range", origin))
        elif isinstance(o, Literal) and origin is not None and not o.ill_typed:
            for datatype in sorted(axioms.datatype_ranges.get(p, ())):
                if not fits(o, datatype):
                    out.append(contribution_finding(
                        RULE, s, p, o, origin,
                        f"{term_text(o)} is not a {term_text(datatype)}, the range of "
                        f"{term_text(p)}: the reasoner would find the graph inconsistent"))
    for node, predicate in incoming_predicates(store, touched):
        if isinstance(predicate, URIRef) and predicate in axioms.ranges:
            note(node, axioms.ranges[predicate], _Because(
                None, f"the value of {term_text(predicate)} in the graph (its range)", None))
    for node, found in nodes.items():
        out += _disjoint_findings(node, found, axioms)
    return out


#: Types that make a term of the ontology, not an individual.
_TERM_TYPES = {OWL.Class, RDFS.Class, OWL.ObjectProperty, OWL.DatatypeProperty,
               OWL.AnnotationProperty, RDF.Property, OWL.Ontology}


def _disjoint_findings(node: Node, found: _Node, axioms: Axioms) -> list[Located]:
    """One finding per pair of disjoint classes the node would be in, if the contribution
    has a part in it."""
    out = []
    for a, b in axioms.clashes(axioms.above(found.classes)):
        why_a = [w for c, ws in found.classes.items() if a in axioms.above([c]) for w in ws]
        why_b = [w for c, ws in found.classes.items() if b in axioms.above([c]) for w in ws]
        contributed = [w for w in why_a + why_b if w.origin is not None]
        if not contributed:
            continue  # the existing graph's own contradiction, not this contribution's
        if not any(w.origin for w in why_a):  # the contribution's class first
            (a, why_a), (b, why_b) = (b, why_b), (a, why_a)
        origin = min((w.origin for w in contributed if w.origin), key=lambda o: o.line)
        out.append(contribution_finding(
            RULE, node, RDF.type, None, origin,
            f"{term_text(node)} would be both a {term_text(a)} ({_reason(why_a)}) and a "
            f"{term_text(b)} ({_reason(why_b)}), classes the ontology declares disjoint: "
            "the reasoner would find the graph inconsistent"))
    return out


def _reason(because: list[_Because]) -> str:
    first = sorted(because, key=lambda w: (w.origin is None, w.origin.line if w.origin else 0))[0]
    where = f"{first.origin}" if first.origin else "the graph"
    return f"{where}: {first.text()}"
