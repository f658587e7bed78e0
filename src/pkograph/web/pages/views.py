"""A description arranged for its page: statements grouped by property, each value with its
numbered sources, and where the documents differ, their claims side by side."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rdflib import URIRef
from rdflib.term import Node

from pkograph.namespaces import DCTERMS, PKO, PROV, RDF, SKOS
from pkograph.web.pages.context import Links, fallback_label, literal_note
from pkograph.web.pages.describe import ALIAS_PROPERTIES, Description, Source, Statement

#: Properties whose values differ between documents by nature (other names, notes, the date
#: a document says a post was held): never shown as a disagreement.
NOT_COMPARED = frozenset({RDF.type, PROV.wasDerivedFrom, SKOS.altLabel, SKOS.note, PKO.acronym,
                          PKO.formerName, PKO.asOf, PKO.formerAsOf, PKO.quote,
                          DCTERMS.isPartOf})
#: Incoming groups longer than this are folded.
FOLD = 12


@dataclass
class SourceView:
    """One source of the page, numbered in the order the page first cites it."""

    number: int
    source: Source
    document: str  # the document's name, or the graph's
    document_href: str | None
    lines_href: str | None
    href: str | None  # the citation's own page


@dataclass
class Value:
    term: Node
    text: str
    href: str | None
    note: str
    sources: list[SourceView]


@dataclass
class Group:
    """The values of one property; ``sides`` when the documents differ on them: per document,
    the values it gives."""

    property: URIRef
    label: str
    href: str | None
    values: list[Value]
    sides: list[tuple[str, list[Value]]] = field(default_factory=list)


@dataclass
class ThingView:
    iri: URIRef
    label: str
    types: list[tuple[str, str | None]]
    aliases: list[tuple[str, str]]
    groups: list[Group]
    incoming: list[Group]
    sources: list[SourceView]
    disputed: list[str]


class _Numbering:
    def __init__(self, description: Description, links: Links) -> None:
        self.description, self.links = description, links
        self.views: dict[URIRef, SourceView] = {}

    def __call__(self, graph: URIRef) -> SourceView:
        if graph not in self.views:
            d = self.description
            source = d.sources.get(graph, Source(graph))
            document = source.document
            self.views[graph] = SourceView(
                len(self.views) + 1, source,
                d.label(document) if document is not None else d.label(graph),
                self.links.iri(document) if document is not None else None,
                self.links.lines(source), self.links.iri(graph))
        return self.views[graph]


def _label(d: Description, term: URIRef) -> str:
    return d.labels.get(term) or fallback_label(str(term))


def _value(d: Description, term: Node, sources: list[URIRef], links: Links,
           number: _Numbering) -> Value:
    if isinstance(term, URIRef):
        return Value(term, _label(d, term), links.iri(term), "", [number(g) for g in sources])
    return Value(term, str(term), None, literal_note(term), [number(g) for g in sources])


def _sides(group: Group) -> list[tuple[str, list[Value]]]:
    """Per document, the values it gives, when two documents give different values."""
    by_document: dict[str, list[Value]] = defaultdict(list)
    for value in group.values:
        for name in sorted({s.document for s in value.sources}):
            by_document[name].append(value)
    given = {name: {v.text for v in values} for name, values in by_document.items()}
    if len(given) < 2 or len({frozenset(v) for v in given.values()}) < 2:
        return []
    return sorted(by_document.items())


def _groups(d: Description, statements: list[Statement], links: Links, number: _Numbering,
            incoming: bool) -> list[Group]:
    by_property: dict[URIRef, list[Statement]] = defaultdict(list)
    for st in statements:
        by_property[st.predicate].append(st)
    groups = []
    for prop, found in by_property.items():
        values = [_value(d, st.subject if incoming else st.object, st.sources, links, number)
                  for st in found]
        values.sort(key=lambda v: (v.text.lower(), v.text))
        group = Group(prop, _label(d, prop), links.iri(prop), values)
        if not incoming and prop not in NOT_COMPARED:
            group.sides = _sides(group)
        groups.append(group)
    first = {RDF.type: 0, PROV.wasDerivedFrom: 2}
    groups.sort(key=lambda g: (first.get(g.property, 1), g.label.lower()))
    return groups


def thing_view(d: Description, links: Links) -> ThingView:
    number = _Numbering(d, links)
    groups = _groups(d, d.statements, links, number, incoming=False)
    incoming = _groups(d, d.incoming, links, number, incoming=True)
    aliases = [(_label(d, st.predicate), str(st.object)) for st in d.statements
               if st.predicate in ALIAS_PROPERTIES]
    types = [(_label(d, t), links.iri(t)) for t in d.types]
    return ThingView(d.iri, _label(d, d.iri), sorted(types), sorted(set(aliases)), groups,
                     incoming, sorted(number.views.values(), key=lambda s: s.number),
                     [g.label for g in groups if g.sides])
