"""The record types curators write in ``data/`` and extractors produce, and how each maps to RDF.

A record is the set of statements one citation supports about one thing. Several records may
describe the same thing (same ``id``): each adds what its source states, in its own graph. The
table below is the whole mapping; ``docs`` of every record type and field come from it
(``pkograph schema``). Rules about required fields, cardinalities and value ranges are not here:
they are the SHACL shapes in ``ontology/pkograph-shapes.ttl``, the one place they are checked.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import URIRef

from pkograph.namespaces import DCTERMS, FOAF, ORG, PKO, RDFS, SKOS

# Value kinds of a field.
TEXT = "text"  # English text: a literal tagged @en
STRING = "string"  # a plain string (codes, raw source text)
DATE = "date"  # a year, a year-month or a day; the precision is kept
DAY = "day"  # a full date only
POSITIVE = "positive"  # a whole number (positivity is checked by the shapes)
DECIMAL = "decimal"
BOOLEAN = "boolean"
REF = "ref"  # the id of another record
CONCEPT = "concept"  # the id of a concept of a named scheme
QUALIFIER = "qualifier"  # approximately | more-than | at-least | close-to | at-most
AMOUNT_STATUS = "amount-status"  # pledged | given
CURRENCY = "currency"  # an ISO 4217 code
ISO_COUNTRY = "iso-country"  # an ISO 3166 alpha-2 code, for names ISO does not use

#: Groups of record types a reference may point to.
ORGANIZATION_TYPES = frozenset(
    {
        "organization",
        "government-body",
        "un-body",
        "international-organization",
        "regional-organization",
        "academic-institution",
        "ngo",
        "party-to-conflict",
        "mission",
    }
)
PLACE_TYPES = frozenset({"country", "region", "settlement"})
AGENT_TYPES = ORGANIZATION_TYPES | {"person"}
INSTRUMENT_TYPES = frozenset({"law", "agreement", "policy"})
DISPATCH_TYPES = frozenset({"assignment", "dispatch"})
CONCEPT_SCHEMES = ("operation-category", "unit-type", "item-type", "role", "supply-arrangement")


@dataclass(frozen=True)
class Field:
    """One key of a record and the predicate it becomes."""

    name: str
    predicate: URIRef
    kind: str
    many: bool = False
    #: for REF: the record types allowed (empty: any); for CONCEPT: the scheme.
    targets: frozenset[str] = frozenset()
    scheme: str = ""
    #: the triple points from the value to the record (value predicate record).
    inverse: bool = False
    doc: str = ""


@dataclass(frozen=True)
class RecordType:
    """A kind of record: its RDF class, the kind segment of its IRIs and its fields."""

    name: str
    rdf_class: URIRef
    iri_kind: str
    fields: tuple[Field, ...] = ()
    doc: str = ""
    #: concept schemes label concepts with skos:prefLabel, everything else with rdfs:label.
    label_predicate: URIRef = RDFS.label
    extra_classes: tuple[URIRef, ...] = field(default=())

    def field(self, name: str) -> Field | None:
        for f in (*COMMON_FIELDS, *self.fields):
            if f.name == name:
                return f
        return None


def _ref(name: str, predicate: URIRef, targets: frozenset[str] | set[str] = frozenset(),
         many: bool = True, inverse: bool = False, doc: str = "") -> Field:
    return Field(name, predicate, REF, many=many, targets=frozenset(targets), inverse=inverse,
                 doc=doc)


def _concept(name: str, predicate: URIRef, scheme: str, many: bool = False, doc: str = "") -> Field:
    return Field(name, predicate, CONCEPT, many=many, scheme=scheme, doc=doc)


COMMON_FIELDS: tuple[Field, ...] = (
    Field("label", RDFS.label, TEXT, doc="the name, as the source writes it"),
    Field("alt", SKOS.altLabel, TEXT, many=True, doc="other names (word orders, translations)"),
    Field("acronym", PKO.acronym, STRING, many=True, doc="acronyms such as UNTAC"),
    Field("former_name", PKO.formerName, TEXT, many=True, doc="names before a renaming"),
    Field("note", SKOS.note, TEXT, many=True, doc="how the record was read from its source"),
)

_PERIOD = (
    Field("begin", PKO.beginDate, DATE),
    Field("end", PKO.endDate, DATE),
)

_ORG_FIELDS = (
    _ref("parent", ORG.subOrganizationOf, ORGANIZATION_TYPES, doc="the organization it is part of"),
    _ref("location", PKO.location, PLACE_TYPES, doc="where it is based"),
    _ref("established_by", PKO.establishedBy, INSTRUMENT_TYPES),
    _ref("proposed_by", PKO.proposedBy, AGENT_TYPES),
    _ref("concerns", PKO.concerns),
    *_PERIOD,
)

_DISPATCH_FIELDS = (
    _concept("category", PKO.category, "operation-category"),
    _ref("host", PKO.hostCountry, {"country"}, doc="the countries the source gives the dispatch"),
    _ref("place", PKO.placeOfOperation, PLACE_TYPES,
         doc="other places the source names as where it operated (a region, a town, an ocean)"),
    _ref("serves", PKO.serves, ORGANIZATION_TYPES, doc="the mission or organization served"),
    _ref("legal_basis", PKO.legalBasis, INSTRUMENT_TYPES),
    _ref("conducted_by", PKO.conductedBy, ORGANIZATION_TYPES),
    Field("serial", PKO.serialNumber, POSITIVE),
    *_PERIOD,
    Field("ongoing_as_of", PKO.ongoingAsOf, DATE),
    _ref("concerns", PKO.concerns),
)

_INSTRUMENT_FIELDS = (
    _ref("issued_by", PKO.issuedBy, AGENT_TYPES),
    _ref("parties", PKO.party),
    _ref("concerns", PKO.concerns),
    _ref("part_of", DCTERMS.isPartOf, INSTRUMENT_TYPES),
    _ref("legal_basis", PKO.legalBasis, INSTRUMENT_TYPES,
         doc="the law that gives the instrument force (the law stipulates the Five Principles)"),
)

_GOVERNMENT_FIELDS = (
    *_ORG_FIELDS,
    _ref("government_of", PKO.governmentOf, {"country"}, many=False,
         doc="the country whose government it is"),
)

_ORG_DOCS = {
    "organization": (ORG.Organization, "an organization of no more specific kind"),
    "government-body": (PKO.GovernmentBody, "a government or one of its bodies"),
    "un-body": (PKO.UNBody, "the UN or one of its organs, departments, funds, agencies"),
    "international-organization": (PKO.InternationalOrganization, "an intergovernmental body"),
    "regional-organization": (PKO.RegionalOrganization, "an intergovernmental body of a region"),
    "academic-institution": (PKO.AcademicInstitution, "a university, school or institute"),
    "ngo": (PKO.NonGovernmentalOrganization, "a non-governmental organization or association"),
    "party-to-conflict": (PKO.PartyToConflict, "an armed group party to a conflict"),
}

_TYPES: list[RecordType] = [
    RecordType("person", FOAF.Person, "person", (
        _ref("lost_life_in", PKO.lostLifeIn, PLACE_TYPES, many=False),
        _ref("served_in", PKO.servedIn, PLACE_TYPES,
             doc="where the source says the person served, whether or not it names a post"),
    ), doc="a person named in a source"),
    *(RecordType(name, cls, "organization",
                 _GOVERNMENT_FIELDS if name == "government-body" else _ORG_FIELDS, doc=doc)
      for name, (cls, doc) in _ORG_DOCS.items()),
    RecordType("mission", PKO.Mission, "mission", (
        *_ORG_FIELDS,
        _concept("category", PKO.category, "operation-category"),
        _ref("host", PKO.hostCountry, {"country"}, doc="the country the mission is in"),
        _ref("place", PKO.placeOfOperation, PLACE_TYPES,
             doc="another place the source names as where it operates"),
        _ref("troop_contributor", PKO.troopContributor, PLACE_TYPES,
             doc="a country the source names as contributing troops or personnel"),
    ), doc="a peace operation or mission"),
    RecordType("country", PKO.Country, "place", (
        _ref("part_of", DCTERMS.isPartOf, PLACE_TYPES),
        Field("iso", PKO.iso3166Alpha2, ISO_COUNTRY,
              doc="only for a country ISO 3166 does not know by any of its names"),
    ), doc="a country; its ISO 3166 codes are looked up in pycountry by its names"),
    RecordType("region", PKO.Region, "place", (
        _ref("part_of", DCTERMS.isPartOf, PLACE_TYPES),
    ), doc="an area within or across countries"),
    RecordType("settlement", PKO.Settlement, "place", (
        _ref("part_of", DCTERMS.isPartOf, PLACE_TYPES),
    ), doc="a city or town"),
    RecordType("membership", ORG.Membership, "membership", (
        _ref("person", ORG.member, {"person"}, many=False),
        _ref("organization", ORG.organization, ORGANIZATION_TYPES, many=False),
        _concept("role", ORG.role, "role", many=True),
        Field("title", PKO.title, TEXT, doc="the post as the source words it"),
        Field("begin", ORG.memberDuring, DATE,
              doc="the begin of the period the source gives (an OWL-Time interval)"),
        Field("end", ORG.memberDuring, DATE,
              doc="the end of the period the source gives (an OWL-Time interval)"),
        Field("as_of", PKO.asOf, DATE, doc="the date the source states the post was held"),
        Field("former_as_of", PKO.formerAsOf, DATE, doc="the source, dated so, says 'former'"),
        _ref("concerns", PKO.concerns),
    ), doc="a post or role a person held in an organization (W3C ORG membership)"),
    RecordType("post", ORG.Post, "post", (
        _ref("organization", ORG.postIn, ORGANIZATION_TYPES, many=False),
        _concept("role", ORG.role, "role", many=True),
        Field("title", PKO.title, TEXT, doc="the post as the source words it"),
        _concept("holder_role", PKO.holderRole, "role",
                 doc="the post is held ex officio by the holder of this role (no person named)"),
        _ref("concerns", PKO.concerns),
    ), doc="a post held ex officio, where the source names no person (W3C ORG post)"),
    RecordType("assignment", PKO.Assignment, "assignment", _DISPATCH_FIELDS,
               doc="an International Peace Cooperation Assignment"),
    RecordType("dispatch", PKO.Dispatch, "dispatch", _DISPATCH_FIELDS,
               doc="a dispatch of personnel under another law"),
    RecordType("unit-deployment", PKO.UnitDeployment, "unit-deployment", (
        _ref("dispatch", PKO.hasUnitDeployment, DISPATCH_TYPES, many=False, inverse=True),
        _concept("unit_type", PKO.unitType, "unit-type"),
        *_PERIOD,
        Field("ongoing_as_of", PKO.ongoingAsOf, DATE),
        Field("duty", PKO.duty, TEXT),
        _ref("phases", PKO.hasPhase, {"phase"}),
        Field("source_text", PKO.sourceText, STRING),
    ), doc="one kind of personnel of a dispatch, as one source reports it"),
    RecordType("phase", PKO.Phase, "phase", (
        Field("strength", PKO.strength, POSITIVE),
        Field("max_strength", PKO.maxStrength, POSITIVE),
        Field("rotations", PKO.rotations, POSITIVE),
        Field("qualifier", PKO.qualifier, QUALIFIER),
        *_PERIOD,
    ), doc="a size and number of rotations within a unit deployment"),
    RecordType("contribution-in-kind", PKO.ContributionInKind, "contribution", (
        _ref("recipient", PKO.recipient, many=False),
        _ref("donor", PKO.donor, AGENT_TYPES, many=False),
        Field("decision_date", PKO.decisionDate, DAY),
        _concept("category", PKO.category, "operation-category"),
        Field("purpose", PKO.purpose, TEXT),
        _concept("supplied_via", PKO.suppliedVia, "supply-arrangement", many=True),
        _ref("legal_basis", PKO.legalBasis, INSTRUMENT_TYPES),
        Field("serial", PKO.serialNumber, POSITIVE),
        Field("series_ordinal", PKO.seriesOrdinal, POSITIVE),
        _ref("series", PKO.inSeries, {"contribution-series"}, many=False,
             doc="the series of decisions (1st, 2nd...) it belongs to"),
        _ref("items", PKO.hasItemLine, {"item-line"}),
        _ref("supports", PKO.supports),
        _ref("place", PKO.placeOfOperation, PLACE_TYPES,
             doc="where the supplies were used, as the source names it"),
        _ref("concerns", PKO.concerns,
             doc="what else the purpose names (the Kosovo refugees' Kosovo)"),
        Field("source_text", PKO.sourceText, STRING),
    ), doc="supplies Japan provided under the International Peace Cooperation Law"),
    RecordType("contribution-series", PKO.ContributionSeries, "contribution-series", (
        _ref("items", PKO.hasItemLine, {"item-line"},
             doc="item lines the source states jointly for the decisions of the series"),
        Field("source_text", PKO.sourceText, STRING),
    ), doc="contributions in kind the source numbers as a series (1st, 2nd...)"),
    RecordType("item-line", PKO.ItemLine, "item-line", (
        _concept("item", PKO.itemType, "item-type"),
        Field("quantity", PKO.quantity, DECIMAL),
        Field("unit", PKO.countUnit, STRING),
        Field("source_text", PKO.sourceText, STRING),
    ), doc="one kind of item in a contribution in kind"),
    RecordType("financial-contribution", PKO.FinancialContribution, "contribution", (
        _ref("donor", PKO.donor, AGENT_TYPES, many=False),
        _ref("recipient", PKO.recipient, many=False),
        Field("amount", PKO.amount, DECIMAL),
        Field("currency", PKO.currency, CURRENCY),
        Field("qualifier", PKO.qualifier, QUALIFIER),
        Field("status", PKO.amountStatus, AMOUNT_STATUS,
              doc="pledged (promised, announced) or given (contributed), as the source says"),
        Field("date", PKO.date, DATE),
        *_PERIOD,
        Field("purpose", PKO.purpose, TEXT),
        _ref("supports", PKO.supports),
        _ref("location", PKO.location, PLACE_TYPES),
        _ref("legal_basis", PKO.legalBasis, INSTRUMENT_TYPES),
        _ref("funding_scheme", PKO.fundingScheme, {"programme"},
             doc="the aid scheme or initiative the money was given under"),
    ), doc="money contributed, pledged or granted"),
    RecordType("law", PKO.Law, "instrument", _INSTRUMENT_FIELDS, doc="a statute"),
    RecordType("agreement", PKO.Agreement, "instrument", _INSTRUMENT_FIELDS,
               doc="a treaty, convention, peace or ceasefire agreement"),
    RecordType("policy", PKO.PolicyDocument, "instrument", _INSTRUMENT_FIELDS,
               doc="a charter, guideline, declaration, strategy or set of principles"),
    RecordType("principle", PKO.Principle, "principle", (
        _ref("principle_of", PKO.principleOf, INSTRUMENT_TYPES, many=False),
        Field("notation", SKOS.notation, STRING),
        Field("text", PKO.text, TEXT),
    ), doc="one numbered principle of an instrument"),
    RecordType("enactment", PKO.Enactment, "legal-event", (
        _ref("instrument", PKO.instrument, INSTRUMENT_TYPES, many=False),
        Field("date", PKO.date, DATE),
        Field("description", DCTERMS.description, TEXT),
    ), doc="the enactment, adoption or signature of an instrument"),
    RecordType("amendment", PKO.Amendment, "legal-event", (
        _ref("instrument", PKO.instrument, INSTRUMENT_TYPES, many=False),
        Field("date", PKO.date, DATE),
        Field("description", DCTERMS.description, TEXT),
    ), doc="an amendment or revision of an instrument"),
    RecordType("programme", PKO.Programme, "programme", (
        _ref("implemented_by", PKO.implementedBy, AGENT_TYPES),
        _ref("funded_by", PKO.fundedBy, AGENT_TYPES),
        _ref("proposed_by", PKO.proposedBy, AGENT_TYPES),
        _ref("part_of", DCTERMS.isPartOf, {"programme"}),
        _ref("concerns", PKO.concerns),
        _ref("location", PKO.location, PLACE_TYPES),
        _ref("legal_basis", PKO.legalBasis, INSTRUMENT_TYPES),
        _ref("established_by", PKO.establishedBy, INSTRUMENT_TYPES),
        _ref("introduced_by", PKO.introducedBy, AGENT_TYPES),
        _ref("facilitated_by", PKO.facilitatedBy, AGENT_TYPES),
        _ref("supported_by", PKO.supportedBy,
             doc="a country or body giving funding, trainers or other contributions"),
        _ref("partner", PKO.partner, AGENT_TYPES,
             doc="a body working with the implementer to deliver the programme"),
        _ref("course_host", PKO.courseHost, PLACE_TYPES, doc="a country that hosted a course"),
        _ref("beneficiary", PKO.beneficiary,
             doc="a country or body whose people the programme trained or served"),
        *_PERIOD,
    ), doc="a programme, initiative, scheme, project or fund"),
    RecordType("event", PKO.Event, "event", (
        Field("date", PKO.date, DATE),
        *_PERIOD,
        _ref("location", PKO.location, PLACE_TYPES),
        _ref("organizer", PKO.organizer),
        _ref("host", PKO.host),
        _ref("chair", PKO.chair),
        _ref("speaker", PKO.speaker),
        _ref("commentator", PKO.commentator),
        _ref("participant", PKO.participant),
        _ref("part_of", DCTERMS.isPartOf, {"event"}),
        _ref("concerns", PKO.concerns),
    ), doc="a conference, symposium, seminar, summit, meeting, speech or war"),
    RecordType("peace-process", PKO.PeaceProcess, "peace-process", (
        _ref("location", PKO.location, PLACE_TYPES),
        _ref("concerns", PKO.concerns),
    ), doc="the efforts to end one armed conflict"),
    RecordType("figure", PKO.Figure, "figure", (
        Field("value", PKO.value, DECIMAL),
        Field("unit", PKO.unitOfMeasure, STRING),
        Field("qualifier", PKO.qualifier, QUALIFIER),
        Field("currency", PKO.currency, CURRENCY),
        _ref("about", PKO.about),
        Field("as_of", PKO.asOf, DATE),
        *_PERIOD,
    ), doc="a number a document states; its label says what is counted"),
    RecordType("document", PKO.SourceDocument, "document", (
        Field("title", DCTERMS.title, TEXT),
        _ref("publisher", DCTERMS.publisher, AGENT_TYPES),
        _ref("creator", DCTERMS.creator, AGENT_TYPES),
        Field("issued", DCTERMS.issued, DATE),
        Field("origin", PKO.origin, STRING),
        Field("file", PKO.localPath, STRING, doc="its text file, e.g. data/sources/x.txt"),
    ), doc="a source document; the build adds its SHA-256 digest"),
    RecordType("concept-scheme", SKOS.ConceptScheme, "scheme", (
        Field("definition", SKOS.definition, TEXT),
    ), doc="a SKOS concept scheme", label_predicate=SKOS.prefLabel),
    *(RecordType(scheme, SKOS.Concept, scheme, (
        _concept("broader", SKOS.broader, scheme, many=True),
        Field("definition", SKOS.definition, TEXT),
        Field("notation", SKOS.notation, STRING),
        *((_ref("established_by", PKO.establishedBy, INSTRUMENT_TYPES),
           _ref("added_by", PKO.addedBy, {"amendment"},
                doc="the amendment that added the category to the law"),
           _ref("carried_out_by", PKO.carriedOutBy, ORGANIZATION_TYPES))
          if scheme == "operation-category" else ()),
    ), doc=f"a concept of the {scheme} scheme", label_predicate=SKOS.prefLabel,
        extra_classes=(ORG.Role,) if scheme == "role" else ())
      for scheme in CONCEPT_SCHEMES),
]

RECORD_TYPES: dict[str, RecordType] = {t.name: t for t in _TYPES}
