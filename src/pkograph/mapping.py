"""Records to RDF quads: one named graph per citation, so every triple keeps its source.

The mapper checks what only it can check — known record types and fields, references that
resolve, well-formed values, citations that point at real lines holding their quotes, one label
per thing, names stated only by citations whose lines give them — and reports every problem
with its file and line. Everything else a valid graph needs is checked afterwards by the SHACL
shapes. So that the source of each value survives formats without named graphs, the triples of
a thing with several citations are also restated as ``rdf:Statement``s with their citation.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import pycountry
from rdflib import Literal, URIRef
from rdflib.term import Node
from unidecode import unidecode

from pkograph.iri import SLUG, mint
from pkograph.names import record_names
from pkograph.namespaces import (
    DCTERMS,
    GRAPH,
    ORG,
    PKO,
    PROV,
    PROVENANCE_GRAPH,
    RDF,
    RDFS,
    SKOS,
    TIME,
    XSD,
)
from pkograph.records import Origin, Record, RecordError, RecordErrors
from pkograph.schema import (
    AMOUNT_STATUS,
    BOOLEAN,
    CONCEPT,
    CONCEPT_SCHEMES,
    CURRENCY,
    DATE,
    DAY,
    DECIMAL,
    ISO_COUNTRY,
    POSITIVE,
    QUALIFIER,
    RECORD_TYPES,
    REF,
    STRING,
    TEXT,
    Field,
    RecordType,
)
from pkograph.sources import SourceFile, citation_iri, document_iri

Quad = tuple[Node, Node, Node, URIRef]

#: The graph of ISO 3166 codes, which come from pycountry rather than from the documents.
ISO_GRAPH = GRAPH["iso-3166"]
#: The graph of the labels pkograph gives things no cited line names ("Population of Iraq").
NAMES_GRAPH = GRAPH["names"]
#: The record keys whose values are names of the thing.
NAME_KEYS = ("label", "alt", "acronym", "former_name")

_WORD = re.compile(r"[a-z0-9]+")


def _words(text: str) -> str:
    return " " + " ".join(_WORD.findall(unidecode(text).lower())) + " "


def names_on_lines(lines: list[str], name: str) -> bool:
    """Whether these lines give the name: its words in a row (case, accents and punctuation
    aside), in the lines' text or in one column of their tab-separated cells, where a table
    prints a cell over several lines ("United Nations Transitional Authority in" / "Cambodia")."""
    wanted = _words(name)
    if wanted in _words(" ".join(lines)):
        return True
    columns: dict[int, list[str]] = defaultdict(list)
    for line in lines:
        for k, cell in enumerate(line.split("\t")):
            columns[k].append(cell)
    # A table's row number may be printed inside a name cell ("8 Cooperation Assignment in").
    numbers = re.compile(r" [0-9]+(?= )") if not any(c.isdigit() for c in name) else None
    return any(wanted in (numbers.sub("", text) if numbers else text)
               for text in (_words(" ".join(cells)) for cells in columns.values()))

QUALIFIERS = {
    "approximately": PKO.approximately,
    "more-than": PKO.moreThan,
    "close-to": PKO.closeTo,
    "at-most": PKO.atMost,
    "at-least": PKO.atLeast,
}

AMOUNT_STATUSES = {"pledged": PKO.pledged, "given": PKO.given}

_YEAR = re.compile(r"^\d{4}$")
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def date_literal(value: Any, day_only: bool = False) -> Literal:
    """A date with the precision given: 1992 (xsd:gYear), "1992-06", or a full date."""
    if isinstance(value, dt.date):
        return Literal(value.isoformat(), datatype=XSD.date)
    text = str(value).strip()
    if _DAY.match(text):
        dt.date.fromisoformat(text)
        return Literal(text, datatype=XSD.date)
    if day_only:
        raise ValueError(f"{value!r} is not a full date (YYYY-MM-DD)")
    if _YEAR.match(text):
        return Literal(text, datatype=XSD.gYear)
    match = _YEAR_MONTH.match(text)
    if match and 1 <= int(match.group(2)) <= 12:
        return Literal(text, datatype=XSD.gYearMonth)
    raise ValueError(f"{value!r} is not a date: use 1992, 1992-06 or 1992-06-15")


def _ascii_key(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", unidecode(name).lower()).strip()


def _iso_index() -> dict[str, Any]:
    index: dict[str, Any] = {}
    for db in (pycountry.historic_countries, pycountry.countries):
        for country in db:
            for attr in ("name", "official_name", "common_name"):
                name = getattr(country, attr, None)
                if name:
                    index[_ascii_key(name)] = country
    return index


_IN_XSD = {XSD.date: TIME.inXSDDate, XSD.gYearMonth: TIME.inXSDgYearMonth,
           XSD.gYear: TIME.inXSDgYear}


def interval(post: URIRef, rec: Record, period: dict[str, Node], graph: URIRef) -> list[Quad]:
    """The period a record gives a post, as ``org:memberDuring`` an OWL-Time proper interval
    whose beginning and end are instants at the source's precision; one interval per document
    that gives a period, so two documents' periods stay apart."""
    iri = mint("period", *rec.id.split("/"), rec.source.doc)
    out: list[Quad] = [(post, ORG.memberDuring, iri, graph),
                       (iri, RDF.type, TIME.ProperInterval, graph),
                       (iri, PROV.wasDerivedFrom, graph, graph)]
    for key, link in (("begin", TIME.hasBeginning), ("end", TIME.hasEnd)):
        value = period.get(key)
        if not isinstance(value, Literal):
            continue
        instant = mint("period", *rec.id.split("/"), rec.source.doc, key)
        out += [(iri, link, instant, graph), (instant, RDF.type, TIME.Instant, graph),
                (instant, _IN_XSD[value.datatype], value, graph),  # type: ignore[index]
                (instant, PROV.wasDerivedFrom, graph, graph)]
    return out


def iso_country(code: str) -> Any | None:
    """The pycountry entry of a current or withdrawn alpha-2 code."""
    return pycountry.countries.get(alpha_2=code) or pycountry.historic_countries.get(alpha_2=code)


@dataclass
class Entity:
    """Everything the records say about one thing."""

    iri: URIRef
    rtype: RecordType
    records: list[Record] = field(default_factory=list)


@dataclass
class MappedGraph:
    """The quads of the built graph and, for each subject, the records that describe it."""

    quads: list[Quad]
    origins: dict[URIRef, list[Origin]]
    entities: dict[tuple[str, str], Entity]


class Mapper:
    """Turns records into quads; see the module docstring for what it checks."""

    def __init__(self, files: dict[str, SourceFile]) -> None:
        self.files = files
        self.errors: list[RecordError] = []
        self.entities: dict[tuple[str, str], Entity] = {}
        self.quads: list[Quad] = []
        self.citations: dict[URIRef, tuple[Record, str]] = {}
        #: every name (label, other name, acronym, former name) and the records stating it
        self.names: dict[tuple[URIRef, URIRef, Node], list[Record]] = {}
        self._iso = _iso_index()

    # -- registry --------------------------------------------------------------------------

    @staticmethod
    def key(rtype: str, rid: str) -> tuple[str, str]:
        """Concepts are named within their scheme; every other id is global."""
        return (rtype, rid) if rtype in CONCEPT_SCHEMES else ("", rid)

    def _register(self, records: Iterable[Record]) -> list[Record]:
        kept = []
        for rec in records:
            rtype = RECORD_TYPES.get(rec.type)
            if rtype is None:
                self.errors.append(RecordError(rec.where("type"), f"unknown record type "
                                               f"'{rec.type}' (see 'pkograph schema')",
                                               "known record types"))
                continue
            if not all(SLUG.match(part) for part in rec.id.split("/")):
                self.errors.append(RecordError(rec.where("id"), f"id '{rec.id}' is not a slug "
                                               "(lower-case words joined by hyphens)", "ids"))
                continue
            key = self.key(rec.type, rec.id)
            entity = self.entities.get(key)
            if entity is None:
                iri = mint(rtype.iri_kind, *rec.id.split("/"))
                entity = self.entities[key] = Entity(iri, rtype)
            elif entity.rtype.name != rec.type:
                first = entity.records[0]
                self.errors.append(RecordError(rec.where("type"), f"'{rec.id}' is a {rec.type} "
                                               f"here but a {first.type} at {first.origin}",
                                               "one type per thing"))
                continue
            entity.records.append(rec)
            kept.append(rec)
        return kept

    # -- values ----------------------------------------------------------------------------

    def _ref(self, rec: Record, f: Field, value: Any) -> URIRef | None:
        if f.kind == CONCEPT:
            entity = self.entities.get((f.scheme, str(value)))
            if entity is None:
                rule = f"{f.name} must be a concept of the {f.scheme} scheme"
                self.errors.append(RecordError(rec.where(f.name), f"{rec.name}: unknown "
                                               f"{f.scheme} '{value}' in '{f.name}'", rule))
                return None
            return entity.iri
        entity = self.entities.get(("", str(value)))
        if entity is None:
            self.errors.append(RecordError(rec.where(f.name), f"{rec.name}: '{f.name}' refers to "
                                           f"unknown id '{value}'", "references resolve"))
            return None
        if f.targets and entity.rtype.name not in f.targets:
            self.errors.append(RecordError(rec.where(f.name), f"{rec.name}: '{f.name}' must be a "
                                           f"{' or '.join(sorted(f.targets))}, but '{value}' is a "
                                           f"{entity.rtype.name}", "references resolve"))
            return None
        return entity.iri

    def _value(self, rec: Record, f: Field, value: Any) -> Node | None:
        try:
            if f.kind in (REF, CONCEPT):
                return self._ref(rec, f, value)
            if f.kind == TEXT:
                return Literal(str(value).strip(), lang="en")
            if f.kind == STRING:
                return Literal(str(value))
            if f.kind in (DATE, DAY):
                return date_literal(value, day_only=f.kind == DAY)
            if f.kind == POSITIVE:
                if isinstance(value, bool) or not isinstance(value, int):
                    raise ValueError(f"{value!r} is not a whole number")
                return Literal(value, datatype=XSD.integer)
            if f.kind == DECIMAL:
                if isinstance(value, bool):
                    raise ValueError(f"{value!r} is not a number")
                return Literal(Decimal(str(value).replace(",", "")), datatype=XSD.decimal)
            if f.kind == BOOLEAN:
                if not isinstance(value, bool):
                    raise ValueError(f"{value!r} is not true or false")
                return Literal(value)
            if f.kind == QUALIFIER:
                if value not in QUALIFIERS:
                    raise ValueError(f"{value!r} is not one of {', '.join(QUALIFIERS)}")
                return QUALIFIERS[value]
            if f.kind == AMOUNT_STATUS:
                if value not in AMOUNT_STATUSES:
                    raise ValueError(f"{value!r} is not one of {', '.join(AMOUNT_STATUSES)}")
                return AMOUNT_STATUSES[value]
            if f.kind == CURRENCY:
                if pycountry.currencies.get(alpha_3=str(value)) is None:
                    raise ValueError(f"{value!r} is not an ISO 4217 currency code")
                return Literal(str(value))
            if f.kind == ISO_COUNTRY:
                return None  # handled with the country's names, see _countries
        except (ValueError, InvalidOperation) as exc:
            self.errors.append(RecordError(rec.where(f.name), f"{rec.name}: '{f.name}': {exc}",
                                           f"{f.name} must be a {f.kind}"))
            return None
        raise AssertionError(f"unhandled field kind {f.kind}")

    # -- records ---------------------------------------------------------------------------

    def _cite(self, rec: Record) -> URIRef | None:
        src = rec.source
        file = self.files.get(src.doc)
        where = rec.where("source")
        if file is None:
            self.errors.append(RecordError(where, f"{rec.name}: unknown document '{src.doc}'",
                                           "sources are documents of data/sources"))
            return None
        if src.last_line > len(file.lines):
            self.errors.append(RecordError(where, f"{rec.name}: {src.doc} has {len(file.lines)} "
                                           f"lines, not {src.last_line}", "source lines exist"))
            return None
        if src.quote is not None and not file.has_quote(src.first_line, src.last_line, src.quote):
            self.errors.append(RecordError(where, f"{rec.name}: the quote {src.quote!r} is not on "
                                           f"lines {src.first_line}-{src.last_line} of {src.doc}",
                                           "quotes are verbatim"))
            return None
        iri = citation_iri(src)
        seen = self.citations.get(iri)
        if seen is not None and seen[1] != src.locator:
            self.errors.append(RecordError(where, f"{rec.name}: lines {src.first_line}-"
                                           f"{src.last_line} of {src.doc} are located as "
                                           f"{src.locator!r} here but as {seen[1]!r} at "
                                           f"{seen[0].origin}", "one locator per citation"))
            return None
        if seen is None:
            self.citations[iri] = (rec, src.locator)
            graph = PROVENANCE_GRAPH
            self.quads += [
                (iri, RDF.type, PKO.Citation, graph),
                (iri, DCTERMS.isPartOf, document_iri(src.doc), graph),
                (iri, PKO.locator, Literal(src.locator), graph),
                (iri, PKO.firstLine, Literal(src.first_line, datatype=XSD.integer), graph),
                (iri, PKO.lastLine, Literal(src.last_line, datatype=XSD.integer), graph),
            ]
        if src.quote is not None:
            self.quads.append((iri, PKO.quote, Literal(src.quote), PROVENANCE_GRAPH))
        return iri

    def _map(self, entity: Entity, rec: Record) -> None:
        graph = self._cite(rec)
        if graph is None:
            return
        s, rtype = entity.iri, entity.rtype
        out = self.quads
        out.append((s, RDF.type, rtype.rdf_class, graph))
        out += [(s, RDF.type, cls, graph) for cls in rtype.extra_classes]
        out.append((s, PROV.wasDerivedFrom, graph, graph))
        if rtype.name in CONCEPT_SCHEMES:
            out.append((s, SKOS.inScheme, mint("scheme", rtype.name), graph))
        period: dict[str, Node] = {}
        for key, raw in rec.values.items():
            f = rtype.field(key)
            if f is None:
                self.errors.append(RecordError(rec.where(key), f"{rec.name}: unknown field '{key}'"
                                               f" for a {rtype.name} (see 'pkograph schema "
                                               f"{rtype.name}')", "known fields"))
                continue
            values = raw if isinstance(raw, list) else [raw]
            if len(values) > 1 and not f.many:
                self.errors.append(RecordError(rec.where(key), f"{rec.name}: '{key}' takes one "
                                               "value", "known fields"))
                continue
            predicate = rtype.label_predicate if key == "label" else f.predicate
            for value in values:
                node = self._value(rec, f, value)
                if node is None:
                    continue
                if key in NAME_KEYS:
                    self.names.setdefault((entity.iri, predicate, node), []).append(rec)
                    continue
                if predicate == ORG.memberDuring:
                    period[key] = node
                    continue
                triple = (node, predicate, s) if f.inverse else (s, predicate, node)
                out.append((*triple, graph))
        if period:
            out += interval(s, rec, period, graph)

    def _names_on_lines(self, rec: Record, name: str) -> bool:
        file = self.files.get(rec.source.doc)
        return file is not None and names_on_lines(
            file.lines[rec.source.first_line - 1: rec.source.last_line], name)

    def _place_names(self) -> None:
        """Each name in the graphs of the citations whose lines give it: those of the records
        stating it, else those of the thing's other records. A label no cited line gives (a
        descriptive name such as "Population of Iraq") is pkograph's: it goes to the names
        graph; any other name must be on the lines of a record of the thing."""
        by_iri = {entity.iri: entity for entity in self.entities.values()}
        for (s, predicate, node), givers in self.names.items():
            name = str(node)
            holders = [r for r in givers if self._names_on_lines(r, name)] or [
                r for r in by_iri[s].records if self._names_on_lines(r, name)]
            graphs = sorted({citation_iri(r.source) for r in holders})
            if not graphs and predicate in (RDFS.label, SKOS.prefLabel):
                graphs = [NAMES_GRAPH]
            if not graphs:
                rec = givers[0]
                self.errors.append(RecordError(rec.where(), f"{rec.name}: the name {name!r} is "
                                               "on the cited lines of no record of this thing",
                                               "names are on the cited lines"))
            self.quads += [(s, predicate, node, graph) for graph in graphs]

    def _labels(self) -> None:
        for entity in self.entities.values():
            labels = [(str(r.values["label"]).strip(), r)
                      for r in entity.records if "label" in r.values]
            if len({text for text, _ in labels}) > 1:
                (a, ra), (b, rb) = next((x, y) for x in labels for y in labels if x[0] != y[0])
                self.errors.append(RecordError(rb.where("label"), f"{rb.name} is labelled {b!r} "
                                               f"here but {a!r} at {ra.where('label')}: keep one "
                                               "label and give other names as 'alt'",
                                               "one label per thing"))

    def _countries(self) -> None:
        for entity in self.entities.values():
            if entity.rtype.name != "country":
                continue
            names = [n for r in entity.records for n in record_names(r)]
            explicit = [(r, str(r.values["iso"])) for r in entity.records if "iso" in r.values]
            found = {self._iso[_ascii_key(n)].alpha_2: self._iso[_ascii_key(n)]
                     for n in names if _ascii_key(n) in self._iso}
            # A former name may match the withdrawn code ("East Timor", TP): the current wins.
            current = {code: c for code, c in found.items()
                       if pycountry.countries.get(alpha_2=code)}
            if len(found) > 1 and len(current) == 1:
                found = current
            rec = entity.records[0]
            if explicit:
                erec, code = explicit[0]
                country = iso_country(code)
                if country is None:
                    self.errors.append(RecordError(erec.where("iso"), f"{erec.name}: '{code}' is "
                                                   "not an ISO 3166 alpha-2 code",
                                                   "ISO 3166 codes"))
                    continue
                if current:
                    self.errors.append(RecordError(erec.where("iso"), f"{erec.name}: ISO 3166 "
                                                   f"knows this country by name "
                                                   f"({', '.join(current)}); remove 'iso'",
                                                   "ISO 3166 codes"))
                    continue
                found = {code: country}
            if len(found) != 1:
                self.errors.append(RecordError(rec.origin, f"{rec.name}: names {names} match "
                                               f"{len(found)} ISO 3166 entries "
                                               f"{sorted(found) or ''}; give 'iso' for a name "
                                               "ISO does not use", "ISO 3166 codes"))
                continue
            country = next(iter(found.values()))
            self.quads += [
                (entity.iri, PKO.iso3166Alpha2, Literal(country.alpha_2), ISO_GRAPH),
                (entity.iri, PKO.iso3166Alpha3, Literal(country.alpha_3), ISO_GRAPH),
            ]

    def _documents(self) -> None:
        for entity in self.entities.values():
            if entity.rtype.name != "document":
                continue
            doc = entity.records[0].id
            file = self.files.get(doc)
            if file is None:
                self.errors.append(RecordError(entity.records[0].origin, f"document '{doc}' names "
                                               "no readable text file", "documents exist"))
                continue
            self.quads.append((entity.iri, PKO.sha256, Literal(file.sha256), PROVENANCE_GRAPH))
        known = {key[1] for key, e in self.entities.items() if e.rtype.name == "document"}
        for iri, (rec, _) in self.citations.items():
            if rec.source.doc not in known:
                self.errors.append(RecordError(rec.where("source"), f"citation {iri} names "
                                               f"document '{rec.source.doc}', which no document "
                                               "record describes", "documents exist"))

    def map(self, records: Iterable[Record]) -> MappedGraph:
        """All records as quads; raises RecordErrors listing every problem found."""
        kept = self._register(records)
        for rec in kept:
            self._map(self.entities[self.key(rec.type, rec.id)], rec)
        for scheme in CONCEPT_SCHEMES:
            if self.entities.get(("", scheme)) is None and any(
                    e.rtype.name == scheme for e in self.entities.values()):
                self.errors.append(RecordError(None, f"concepts of '{scheme}' are used but no "
                                               f"concept-scheme record '{scheme}' describes the "
                                               "scheme", "schemes are described"))
        self._place_names()
        self._labels()
        self._countries()
        self._documents()
        if self.errors:
            raise RecordErrors(sorted(self.errors, key=lambda e: (str(e.origin), e.message)))
        origins: dict[URIRef, list[Origin]] = defaultdict(list)
        for entity in self.entities.values():
            origins[entity.iri] = [r.origin for r in entity.records]
        quads = self.quads + BUILD_GRAPHS + claim_statements(self.quads)
        return MappedGraph(quads, dict(origins), self.entities)


#: What the provenance graph says of the graphs the build fills from outside the documents (a
#: statement restating a label of pkograph's names the names graph as its source).
BUILD_GRAPHS: list[Quad] = [
    (ISO_GRAPH, RDF.type, PROV.Entity, PROVENANCE_GRAPH),
    (ISO_GRAPH, RDFS.label, Literal("ISO 3166 codes", lang="en"), PROVENANCE_GRAPH),
    (ISO_GRAPH, RDFS.comment, Literal("The ISO 3166 codes of the countries, as the pycountry "
                                      "package gives them for the countries' names; not a fact "
                                      "of the source documents.", lang="en"), PROVENANCE_GRAPH),
    (NAMES_GRAPH, RDF.type, PROV.Entity, PROVENANCE_GRAPH),
    (NAMES_GRAPH, RDFS.label, Literal("Names pkograph gives", lang="en"), PROVENANCE_GRAPH),
    (NAMES_GRAPH, RDFS.comment, Literal("The labels pkograph gives things whose cited lines do "
                                        "not name them so (\"Population of Iraq\"); not a fact "
                                        "of the source documents.", lang="en"),
     PROVENANCE_GRAPH),
]

#: Predicates whose triples are not restated: a thing's types hold in every graph describing it,
#: and its citations are what the statements point to.
_NOT_RESTATED = (RDF.type, PROV.wasDerivedFrom)


def statement_iri(s: Node, p: Node, o: Node, graph: Node) -> URIRef:
    """The IRI of the statement restating ``s p o`` as stated in ``graph``: a digest of the
    four terms, so a rebuild gives the same IRI."""
    key = " ".join(term.n3() for term in (s, p, o, graph))
    return mint("statement", hashlib.sha256(key.encode("utf-8")).hexdigest()[:20])


def claim_statements(quads: list[Quad]) -> list[Quad]:
    """Each triple of a thing that more than one citation describes, restated as an
    ``rdf:Statement`` with ``prov:wasDerivedFrom`` the citation that states it; and each
    label pkograph gives (the names graph), restated with the names graph as its source.

    In a format without named graphs (Turtle, N-Triples, JSON-LD) a thing with two citations
    would otherwise hold both documents' values (two roles, two titles, two dates) with no way
    to tell which document states which; the statements keep that in any format. A thing with
    one citation needs none but for a label of pkograph's: its other triples come from its one
    citation, and its ISO 3166 codes, by their property, from the ISO graph. The statements
    live in the provenance graph.
    """
    citations: dict[Node, set[URIRef]] = defaultdict(set)
    for s, _, _, graph in quads:
        if graph not in (PROVENANCE_GRAPH, ISO_GRAPH, NAMES_GRAPH):
            citations[s].add(graph)
    out: list[Quad] = []
    seen: set[URIRef] = set()
    for s, p, o, graph in quads:
        if graph in (PROVENANCE_GRAPH, ISO_GRAPH) or p in _NOT_RESTATED:
            continue
        if graph != NAMES_GRAPH and len(citations[s]) < 2:
            continue
        st = statement_iri(s, p, o, graph)
        if st in seen:
            continue
        seen.add(st)
        out += [(st, RDF.type, RDF.Statement, PROVENANCE_GRAPH),
                (st, RDF.subject, s, PROVENANCE_GRAPH),
                (st, RDF.predicate, p, PROVENANCE_GRAPH),
                (st, RDF.object, o, PROVENANCE_GRAPH),
                (st, PROV.wasDerivedFrom, graph, PROVENANCE_GRAPH)]
    return out
