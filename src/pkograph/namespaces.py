"""Namespaces used by pkograph, with the project's own vocabulary checked against the ontology.

``PKO`` is a closed namespace: a misspelt term (``PKO.quantitty``) fails at import time instead
of minting a stray IRI. ``tests/test_ontology.py`` checks that its term list is exactly the set
of terms ``ontology/pkograph.ttl`` defines.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import (
    DCTERMS,
    FOAF,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SKOS,
    TIME,
    XSD,
    DefinedNamespace,
)

from pkograph.iri import BASE


class PKO(DefinedNamespace):
    """The pkograph ontology (``ontology/pkograph.ttl``)."""

    _NS = Namespace(BASE + "ontology#")
    _fail = True

    # classes
    Mission: URIRef
    GovernmentBody: URIRef
    UNBody: URIRef
    InternationalOrganization: URIRef
    RegionalOrganization: URIRef
    AcademicInstitution: URIRef
    NonGovernmentalOrganization: URIRef
    PartyToConflict: URIRef
    Place: URIRef
    Country: URIRef
    Region: URIRef
    Settlement: URIRef
    Dispatch: URIRef
    Assignment: URIRef
    UnitDeployment: URIRef
    Phase: URIRef
    Contribution: URIRef
    ContributionInKind: URIRef
    ContributionSeries: URIRef
    FinancialContribution: URIRef
    ItemLine: URIRef
    Instrument: URIRef
    Law: URIRef
    Agreement: URIRef
    PolicyDocument: URIRef
    Principle: URIRef
    LegalEvent: URIRef
    Enactment: URIRef
    Amendment: URIRef
    Programme: URIRef
    Event: URIRef
    PeaceProcess: URIRef
    Figure: URIRef
    SourceDocument: URIRef
    Citation: URIRef
    # object properties
    category: URIRef
    hostCountry: URIRef
    placeOfOperation: URIRef
    governmentOf: URIRef
    location: URIRef
    serves: URIRef
    legalBasis: URIRef
    conductedBy: URIRef
    hasUnitDeployment: URIRef
    unitType: URIRef
    hasPhase: URIRef
    recipient: URIRef
    donor: URIRef
    supports: URIRef
    fundingScheme: URIRef
    hasItemLine: URIRef
    itemType: URIRef
    suppliedVia: URIRef
    inSeries: URIRef
    amountStatus: URIRef
    instrument: URIRef
    party: URIRef
    issuedBy: URIRef
    establishedBy: URIRef
    implementedBy: URIRef
    fundedBy: URIRef
    proposedBy: URIRef
    introducedBy: URIRef
    facilitatedBy: URIRef
    carriedOutBy: URIRef
    addedBy: URIRef
    holderRole: URIRef
    concerns: URIRef
    participant: URIRef
    speaker: URIRef
    commentator: URIRef
    organizer: URIRef
    host: URIRef
    chair: URIRef
    about: URIRef
    principleOf: URIRef
    qualifier: URIRef
    lostLifeIn: URIRef
    servedIn: URIRef
    troopContributor: URIRef
    supportedBy: URIRef
    partner: URIRef
    courseHost: URIRef
    beneficiary: URIRef
    # data and annotation properties
    acronym: URIRef
    formerName: URIRef
    beginDate: URIRef
    endDate: URIRef
    date: URIRef
    decisionDate: URIRef
    ongoingAsOf: URIRef
    asOf: URIRef
    formerAsOf: URIRef
    strength: URIRef
    maxStrength: URIRef
    rotations: URIRef
    duty: URIRef
    purpose: URIRef
    sourceText: URIRef
    serialNumber: URIRef
    seriesOrdinal: URIRef
    quantity: URIRef
    countUnit: URIRef
    amount: URIRef
    currency: URIRef
    value: URIRef
    unitOfMeasure: URIRef
    iso3166Alpha2: URIRef
    iso3166Alpha3: URIRef
    text: URIRef
    title: URIRef
    locator: URIRef
    firstLine: URIRef
    lastLine: URIRef
    quote: URIRef
    localPath: URIRef
    sha256: URIRef
    origin: URIRef
    # qualifier scheme
    qualifiers: URIRef
    approximately: URIRef
    moreThan: URIRef
    closeTo: URIRef
    atMost: URIRef
    atLeast: URIRef
    # amount-status scheme
    amountStatuses: URIRef
    pledged: URIRef
    given: URIRef


ONTOLOGY_IRI = URIRef(BASE + "ontology")
SHAPES = Namespace(BASE + "shapes#")
GRAPH = Namespace(BASE + "graph/")
#: The graph holding what the build states about citations (lines, locators, quotes).
PROVENANCE_GRAPH = GRAPH["provenance"]
#: The graph the ontology is loaded into in the query store.
ONTOLOGY_GRAPH = ONTOLOGY_IRI

PREFIXES: dict[str, str] = {
    "pko": str(PKO._NS),
    "id": BASE + "id/",
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "org": str(ORG),
    "prov": str(PROV),
    "foaf": str(FOAF),
    "time": str(TIME),
}

__all__ = [
    "DCTERMS",
    "FOAF",
    "GRAPH",
    "ONTOLOGY_GRAPH",
    "ONTOLOGY_IRI",
    "ORG",
    "OWL",
    "PKO",
    "PREFIXES",
    "PROV",
    "PROVENANCE_GRAPH",
    "RDF",
    "RDFS",
    "SHAPES",
    "SKOS",
    "TIME",
    "XSD",
]
