"""The ontology documents every term, the code names exactly its terms, and the built graph
uses no class or property the ontology does not declare."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS
from rdflib.term import Node

import pkograph
from pkograph.namespaces import ONTOLOGY_IRI, PKO
from pkograph.reason import owl2_dl_violations

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


#: RDF's own vocabulary the graph uses: types, and the reification of the statements that
#: restate triples with their source (which OWL 2 DL does not let an ontology declare).
RDF_TERMS = {RDF.type, RDF.subject, RDF.predicate, RDF.object}


def test_every_property_of_the_built_graph_is_declared(ontology: Graph, data: Graph) -> None:
    used = set(data.predicates())
    assert len(used) > 20
    assert sorted(used - declared(ontology, PROPERTY_KINDS) - RDF_TERMS) == []


def test_every_class_of_the_built_graph_is_declared(ontology: Graph, data: Graph) -> None:
    used = set(data.objects(None, RDF.type))
    assert len(used) > 10
    assert sorted(used - declared(ontology, CLASS_KINDS) - {RDF.Statement}) == []


# --- clean OWL: the OWL 2 DL profile, domains and ranges, disjointness, reused terms --------------

def test_the_ontology_is_in_the_owl2_dl_profile(ontology: Graph) -> None:
    assert owl2_dl_violations(ontology) == []


def test_the_profile_check_reports_what_breaks_the_profile() -> None:
    broken = Graph().parse(ROOT / "tests" / "data" / "ontology" / "not-owl2-dl.ttl")
    found = owl2_dl_violations(broken)
    assert any(v.startswith("Cannot pun between properties: <http://purl.org/dc/terms/creator>")
               for v in found)
    assert any(v.startswith("Use of undeclared annotation property: "
                            "<http://purl.org/vocab/vann/preferredNamespacePrefix>")
               for v in found)


def test_the_header_names_its_makers_dates_and_licence_as_annotations(ontology: Graph) -> None:
    for prop in (DCTERMS.creator, DCTERMS.publisher, DCTERMS.license, DCTERMS.created,
                 DCTERMS.modified):
        assert (prop, RDF.type, OWL.AnnotationProperty) in ontology, prop
    for prop in (DCTERMS.creator, DCTERMS.publisher, DCTERMS.license):
        value = ontology.value(ONTOLOGY_IRI, prop)
        assert isinstance(value, URIRef), f"{prop.n3()} is not a resource"
        assert isinstance(ontology.value(value, RDFS.label), Literal), f"{value} has no label"
    assert ontology.value(ONTOLOGY_IRI, DCTERMS.license) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/")
    for prop in (DCTERMS.created, DCTERMS.modified):
        value = ontology.value(ONTOLOGY_IRI, prop)
        assert isinstance(value, Literal) and value.datatype == URIRef(f"{XSD}date"), prop
    assert ontology.value(ONTOLOGY_IRI, DCTERMS.created) <= ontology.value(  # type: ignore[operator]
        ONTOLOGY_IRI, DCTERMS.modified)


def test_every_pko_property_has_a_domain_and_a_range(ontology: Graph) -> None:
    properties = {p for p in declared(ontology, PROPERTY_KINDS) if p.startswith(str(PKO._NS))}
    assert len(properties) > 70
    lacking = sorted(f"{p} lacks {k.n3()}" for p in properties for k in (RDFS.domain, RDFS.range)
                     if ontology.value(p, k) is None)
    assert lacking == []


def _members(ontology: Graph, node: Node) -> set[Node]:
    return set(Collection(ontology, node)) if node is not None else set()


def test_disjointness_stays_among_pkograph_classes(ontology: Graph) -> None:
    disjoint: set[Node] = set()
    for axiom in ontology.subjects(RDF.type, OWL.AllDisjointClasses):
        disjoint |= _members(ontology, ontology.value(axiom, OWL.members))
    for a, b in ontology.subject_objects(OWL.disjointWith):
        disjoint |= {a, b}
    assert len(disjoint) > 10
    assert sorted(str(c) for c in disjoint if not str(c).startswith(str(PKO._NS))) == []


TIME, XSD = "http://www.w3.org/2006/time#", "http://www.w3.org/2001/XMLSchema#"
#: The domain and range each reused property has in its own vocabulary (ORG, SKOS, OWL-Time);
#: None where the vocabulary gives none. pkograph may restate them but never narrow them.
OWN_DOMAIN_RANGE: dict[str, tuple[str | None, str | None]] = {
    str(ORG.member): (str(ORG.Membership), str(FOAF.Agent)),
    str(ORG.organization): (str(ORG.Membership), str(ORG.Organization)),
    str(ORG.role): (None, str(ORG.Role)),
    str(ORG.subOrganizationOf): (str(ORG.Organization), str(ORG.Organization)),
    str(ORG.postIn): (str(ORG.Post), str(ORG.Organization)),
    str(ORG.heldBy): (str(ORG.Post), str(FOAF.Agent)),
    str(ORG.memberDuring): (str(ORG.Membership), None),
    str(SKOS.inScheme): (None, str(SKOS.ConceptScheme)),
    str(SKOS.broader): (str(SKOS.Concept), str(SKOS.Concept)),
    **{f"{TIME}{name}": (f"{TIME}{domain}", range_) for name, domain, range_ in (
        ("hasBeginning", "TemporalEntity", f"{TIME}Instant"),
        ("hasEnd", "TemporalEntity", f"{TIME}Instant"),
        ("inXSDDate", "Instant", f"{XSD}date"),
        ("inXSDgYearMonth", "Instant", f"{XSD}gYearMonth"),
        ("inXSDgYear", "Instant", f"{XSD}gYear"))},
}


def test_reused_properties_keep_the_domain_and_range_of_their_vocabulary(
        ontology: Graph) -> None:
    reused = {p for p in declared(ontology, PROPERTY_KINDS) if not p.startswith(str(PKO._NS))}
    narrowed = []
    for prop in sorted(reused):
        domain, range_ = OWN_DOMAIN_RANGE.get(str(prop), (None, None))
        for key, own in ((RDFS.domain, domain), (RDFS.range, range_)):
            stated = {str(v) for v in ontology.objects(prop, key)}
            if stated - {own}:
                narrowed.append(f"{prop} {key.n3()} {sorted(stated)} (its vocabulary: {own})")
    assert narrowed == []
    assert ontology.value(PROV.wasDerivedFrom, RDFS.range) is None
