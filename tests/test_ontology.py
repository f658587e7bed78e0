"""The ontology documents every term, the code names exactly its terms, and the built graph
uses no class or property the ontology does not declare."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

import pkograph
from pkograph.namespaces import ONTOLOGY_IRI, PKO

ROOT = Path(__file__).resolve().parents[1]
PROPERTY_KINDS = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, RDF.Property)
CLASS_KINDS = (OWL.Class, RDFS.Class)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ROOT / "ontology" / "pkograph.ttl")


def declared(ontology: Graph, kinds: tuple[URIRef, ...]) -> set[URIRef]:
    return {s for kind in kinds for s in ontology.subjects(RDF.type, kind)
            if isinstance(s, URIRef)}


def test_every_class_and_property_has_a_label_and_a_definition(ontology: Graph) -> None:
    terms = declared(ontology, CLASS_KINDS + PROPERTY_KINDS)
    assert len(terms) > 100
    missing = sorted(f"{t} lacks {p.n3()}" for t in terms for p in (RDFS.label, SKOS.definition)
                     if not isinstance(ontology.value(t, p), Literal))
    assert missing == []


def test_the_header_names_version_licence_title_and_description(ontology: Graph) -> None:
    assert set(ontology.subjects(RDF.type, OWL.Ontology)) == {ONTOLOGY_IRI}
    header = dict(ontology.predicate_objects(ONTOLOGY_IRI))
    for key in (OWL.versionIRI, DCTERMS.license, DCTERMS.title, DCTERMS.description):
        assert key in header, f"the ontology header has no {key.n3()}"
    assert isinstance(header[OWL.versionIRI], URIRef)
    assert isinstance(header[DCTERMS.license], URIRef)
    # One version: the package's.
    assert str(header[OWL.versionIRI]) == f"{ONTOLOGY_IRI}/{pkograph.__version__}"
    assert str(header[OWL.versionInfo]) == pkograph.__version__


def test_the_pko_namespace_lists_exactly_the_terms_the_ontology_defines(
        ontology: Graph) -> None:
    namespace = str(PKO._NS)
    defined = {s for s in ontology.subjects(RDF.type, None)
               if isinstance(s, URIRef) and s.startswith(namespace)}
    in_code = set(dir(PKO))
    assert sorted(in_code - defined) == [], "in namespaces.PKO but not defined by the ontology"
    assert sorted(defined - in_code) == [], "defined by the ontology but not in namespaces.PKO"
    mentioned = {t for triple in ontology for t in triple
                 if isinstance(t, URIRef) and t.startswith(namespace)}
    assert sorted(mentioned - defined) == [], "used in the ontology but never defined"


def test_every_property_of_the_built_graph_is_declared(ontology: Graph, data: Graph) -> None:
    used = set(data.predicates())
    assert len(used) > 20
    assert sorted(used - declared(ontology, PROPERTY_KINDS) - {RDF.type}) == []


def test_every_class_of_the_built_graph_is_declared(ontology: Graph, data: Graph) -> None:
    used = set(data.objects(None, RDF.type))
    assert len(used) > 10
    assert sorted(used - declared(ontology, CLASS_KINDS)) == []
