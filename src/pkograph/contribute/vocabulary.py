"""The declared vocabulary: the classes and properties a contribution may use.

Declared terms are those ``ontology/pkograph.ttl`` declares (its own ``pko:`` terms and the
ORG, PROV, SKOS, DCTERMS and FOAF terms it reuses, each declared there with the meaning
pkograph gives it) and the core RDF, RDFS, OWL and XSD terms. Anything else in a predicate or
class position is reported, so that a typo such as ``pko:quantitty`` is caught rather than
stored as a new property.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD, DefinedNamespace

from pkograph.namespaces import PKO
from pkograph.output import term_text

_CLASS_TYPES = (OWL.Class, RDFS.Class)
_PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
                   RDF.Property)


def _core_terms(*namespaces: type[DefinedNamespace]) -> frozenset[URIRef]:
    return frozenset(ns[name] for ns in namespaces for name in ns.__annotations__)


#: RDF, RDFS, OWL and XSD terms, accepted wherever they are used.
CORE_TERMS = _core_terms(RDF, RDFS, OWL, XSD)


@dataclass(frozen=True)
class Vocabulary:
    """The terms of the ontology by kind, plus the core terms."""

    classes: frozenset[URIRef]
    properties: frozenset[URIRef]
    #: every IRI the ontology describes: classes, properties, individuals (pko:approximately)
    declared: frozenset[URIRef]

    def is_class(self, term: URIRef) -> bool:
        return term in self.classes or term in CORE_TERMS

    def is_property(self, term: URIRef) -> bool:
        return term in self.properties or term in CORE_TERMS

    def is_declared(self, term: URIRef) -> bool:
        return term in self.declared or term in CORE_TERMS

    def suggestion(self, term: URIRef, among: frozenset[URIRef]) -> str:
        """' (did you mean pko:quantity?)' for a near miss, else ''."""
        close = difflib.get_close_matches(str(term), sorted(str(t) for t in among), n=1,
                                          cutoff=0.8)
        return f" (did you mean {term_text(URIRef(close[0]))}?)" if close else ""


def load_vocabulary(ontology: Graph) -> Vocabulary:
    """The vocabulary the ontology graph declares."""
    classes = {s for t in _CLASS_TYPES for s in ontology.subjects(RDF.type, t)}
    properties = {s for t in _PROPERTY_TYPES for s in ontology.subjects(RDF.type, t)}
    declared = {s for s in ontology.subjects() if isinstance(s, URIRef)}
    return Vocabulary(
        frozenset(c for c in classes if isinstance(c, URIRef)),
        frozenset(p for p in properties if isinstance(p, URIRef)),
        frozenset(declared),
    )


def in_project_vocabulary(term: URIRef) -> bool:
    """Whether a term is in the pkograph ontology's namespace (which the ontology closes)."""
    return str(term).startswith(str(PKO._NS))
