"""What the graph says about one thing, and which citation says each of it: two queries.

The description of a thing is its statements, the statements pointing at it, the names of
everything they mention and the citations that state each statement (the graph a triple sits
in is its citation: ``GRAPH ?citation { ... }``, ``?citation dcterms:isPartOf ?document ;
pko:locator ?locator``). The pages and every RDF representation are made from it, so this
module holds the only queries that read a thing for the pages:

1. :data:`STATEMENTS`: every quad with the thing as subject or as object, with its graph;
2. :data:`CONTEXT`: for every IRI those quads mention (their graphs included), its names
   and, for a citation, its document, locator, lines and quotes, and the document's name.

A graph that is no citation (the ISO 3166 codes, the provenance graph) is a source too: it is
shown by its name. The statements of the reification vocabulary (``rdf:subject``,
``rdf:object``) are left out of the incoming links: the representations restate every
statement with its citations themselves (:mod:`pkograph.web.pages.rdf`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.term import Node

from pkograph.namespaces import DCTERMS, PKO, RDF, RDFS, SKOS
from pkograph.output import shorten
from pkograph.store.base import GraphStore
from pkograph.store.query_text import term_text

#: Most quads a description holds; a thing with more is shown in part (no thing comes close).
MAX_QUADS = 5000
#: IRIs named per VALUES block of the context query.
CHUNK = 800

STATEMENTS = f"""
SELECT ?s ?p ?o ?g WHERE {{
  {{ GRAPH ?g {{ ?thing ?p ?o }} BIND(?thing AS ?s) }}
  UNION
  {{ GRAPH ?g {{ ?s ?p ?thing }} BIND(?thing AS ?o) FILTER(?p NOT IN (rdf:subject, rdf:object)) }}
}}
LIMIT {MAX_QUADS + 1}"""

_NAMES = "rdfs:label, skos:prefLabel"
_DETAILS = ("rdfs:label, skos:prefLabel, dcterms:isPartOf, pko:locator, pko:firstLine, "
            "pko:lastLine, pko:quote")
# (A FILTER on ?p rather than a second VALUES block: the engine then looks each ?x up.)
CONTEXT = """
SELECT DISTINCT ?x ?p ?v WHERE {
  { VALUES ?x { %(things)s } ?x ?p ?v FILTER(?p IN (%(details)s)) }
  UNION
  { VALUES ?c { %(things)s } ?c dcterms:isPartOf ?x . ?x ?p ?v FILTER(?p IN (%(names)s)) }
}"""

#: The properties that name a thing, most preferred first.
NAME_PROPERTIES = (RDFS.label, SKOS.prefLabel)
ALIAS_PROPERTIES = (SKOS.altLabel, PKO.acronym, PKO.formerName)


@dataclass(frozen=True)
class Source:
    """A graph that states statements: a citation (a place in a document) or another graph."""

    iri: URIRef
    document: URIRef | None = None
    locator: str | None = None
    first_line: int | None = None
    last_line: int | None = None
    quotes: tuple[str, ...] = ()

    @property
    def lines(self) -> str | None:
        """The cited lines as ``120-124`` (or ``120``), None if unknown."""
        if self.first_line is None:
            return None
        if self.last_line is None or self.last_line == self.first_line:
            return str(self.first_line)
        return f"{self.first_line}-{self.last_line}"


@dataclass
class Statement:
    """One triple, with the graphs (citations) that state it, in IRI order."""

    subject: URIRef
    predicate: URIRef
    object: Node
    sources: list[URIRef] = field(default_factory=list)


@dataclass
class Description:
    """What the graph says about ``iri`` (see the module's documentation)."""

    iri: URIRef
    statements: list[Statement]
    incoming: list[Statement]
    #: the name of every thing mentioned that has one
    labels: dict[URIRef, str]
    #: the graphs of the statements, and every citation the statements mention
    sources: dict[URIRef, Source]
    #: the triples read for the names and citations, given with the representations
    context: list[tuple[URIRef, URIRef, Node]]
    truncated: bool = False

    def label(self, iri: Node) -> str:
        """The name of a thing: its label, or its IRI shortened."""
        if isinstance(iri, URIRef):
            return self.labels.get(iri) or shorten(str(iri))
        return str(iri)

    def values(self, *properties: URIRef) -> list[Node]:
        """The values of the thing's statements of these properties."""
        return [s.object for s in self.statements if s.predicate in properties]

    @property
    def types(self) -> list[URIRef]:
        """The classes the thing is stated to be of."""
        return [v for v in self.values(RDF.type) if isinstance(v, URIRef)]


def _values(terms: Iterable[URIRef]) -> list[str]:
    """VALUES blocks of at most CHUNK terms each."""
    ordered = sorted(set(terms))
    return [" ".join(term_text(t) for t in ordered[i : i + CHUNK])
            for i in range(0, len(ordered), CHUNK)] or [""]


def _best_label(candidates: list[tuple[int, Literal]]) -> str:
    """The preferred name: rdfs:label before skos:prefLabel, English or no language first,
    then the first in alphabetical order (so the same data always gives the same name)."""
    _, best = min(candidates, key=lambda c: (c[0], (c[1].language or "en") != "en", str(c[1])))
    return str(best)


def describe(store: GraphStore, iri: URIRef) -> Description | None:
    """The description of ``iri``, or None if the graph says nothing about it."""
    rows = store.select(STATEMENTS, {"thing": iri})
    if not rows.rows:
        return None
    truncated = len(rows) > MAX_QUADS
    out: dict[tuple[Node, Node, Node], Statement] = {}
    incoming: dict[tuple[Node, Node, Node], Statement] = {}
    for row in rows.rows[:MAX_QUADS]:
        s, p, o, g = row["s"], row["p"], row["o"], row["g"]
        assert isinstance(s, URIRef) and isinstance(p, URIRef) and isinstance(g, URIRef)
        assert o is not None
        target = out if s == iri else incoming
        statement = target.setdefault((s, p, o), Statement(s, p, o))
        if g not in statement.sources:
            statement.sources.append(g)
    statements = [*out.values(), *incoming.values()]
    for st in statements:
        st.sources.sort()

    mentioned = {iri}
    for st in statements:
        mentioned.update(t for t in (st.subject, st.predicate, st.object, *st.sources)
                         if isinstance(t, URIRef))
    context: list[tuple[URIRef, URIRef, Node]] = []
    for things in _values(mentioned):
        text = CONTEXT % {"things": things, "details": _DETAILS, "names": _NAMES}
        for row in store.select(text):
            x, p, v = row["x"], row["p"], row["v"]
            assert isinstance(x, URIRef) and isinstance(p, URIRef) and v is not None
            context.append((x, p, v))
    context = sorted(set(context), key=lambda t: (str(t[0]), str(t[1]), t[2].n3()))

    names: dict[URIRef, list[tuple[int, Literal]]] = defaultdict(list)
    details: dict[URIRef, dict[URIRef, list[Node]]] = defaultdict(lambda: defaultdict(list))
    for x, p, v in [*context, *((st.subject, st.predicate, st.object) for st in out.values())]:
        if p in NAME_PROPERTIES and isinstance(v, Literal):
            names[x].append((NAME_PROPERTIES.index(p), v))
        details[x][p].append(v)
    labels = {x: _best_label(candidates) for x, candidates in names.items()}
    graphs = {g for st in statements for g in st.sources}
    cited = {x for x, found in details.items() if DCTERMS.isPartOf in found}
    sources = {g: _source(g, details.get(g, {})) for g in graphs | cited}
    return Description(iri, list(out.values()), list(incoming.values()), labels, sources,
                       context, truncated)


def _source(graph: URIRef, details: dict[URIRef, list[Node]]) -> Source:
    def first(p: URIRef) -> Node | None:
        values = sorted(details.get(p, []), key=str)
        return values[0] if values else None

    def number(p: URIRef) -> int | None:
        value = first(p)
        try:
            return int(str(value)) if value is not None else None
        except ValueError:
            return None

    document = first(DCTERMS.isPartOf)
    locator = first(PKO.locator)
    return Source(graph, document if isinstance(document, URIRef) else None,
                  None if locator is None else str(locator), number(PKO.firstLine),
                  number(PKO.lastLine), tuple(sorted({str(q) for q in details.get(PKO.quote, [])})))
