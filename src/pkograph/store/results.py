"""Query results on the wire: the media types each query form is served in, reading the SPARQL
JSON results and N-Triples that every store answers with back into RDF terms, and the store
behaviour built on them that every store shares (:class:`AnsweringStore`)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from pkograph.store.base import (
    ALL_GRAPHS,
    Answer,
    Dataset,
    Limits,
    NotAcceptable,
    QueryError,
    Rows,
)
from pkograph.store.query_text import Query, prepare
from pkograph.terms import from_ox

JSON = "application/sparql-results+json"
XML = "application/sparql-results+xml"
CSV = "text/csv"
TSV = "text/tab-separated-values"
TURTLE = "text/turtle"
NTRIPLES = "application/n-triples"
JSONLD = "application/ld+json"
RDFXML = "application/rdf+xml"

#: The media types of each query form, the default first.
MEDIA_TYPES: dict[str, tuple[str, ...]] = {
    "select": (JSON, XML, CSV, TSV),
    "ask": (JSON, XML),
    "graph": (TURTLE, NTRIPLES, JSONLD, RDFXML),
}
RESULT_FORMATS = {JSON: ox.QueryResultsFormat.JSON, XML: ox.QueryResultsFormat.XML,
                  CSV: ox.QueryResultsFormat.CSV, TSV: ox.QueryResultsFormat.TSV}
GRAPH_FORMATS = {TURTLE: ox.RdfFormat.TURTLE, NTRIPLES: ox.RdfFormat.N_TRIPLES,
                 JSONLD: ox.RdfFormat.JSON_LD, RDFXML: ox.RdfFormat.RDF_XML}
_STRING = "http://www.w3.org/2001/XMLSchema#string"


def choose(form: str, accept: Sequence[str]) -> str:
    """The first media type of ``accept`` that a query of this form can be answered in.

    >>> choose("graph", ["application/sparql-results+json", "*/*"])
    'text/turtle'
    """
    offered = MEDIA_TYPES[form]
    for wanted in accept or ("*/*",):
        wanted = wanted.split(";")[0].strip().lower()
        if wanted in offered:
            return wanted
        if wanted in ("*/*", "application/*", "text/*"):
            matching = [m for m in offered if wanted == "*/*" or m.startswith(wanted[:-1])]
            if matching:
                return matching[0]
    raise NotAcceptable(f"a {form.upper() if form != 'graph' else 'CONSTRUCT or DESCRIBE'} "
                        f"query is answered in {', '.join(offered)}")


def term(value: dict[str, Any]) -> Node:
    """One RDF term of the SPARQL 1.1 JSON results format."""
    kind = value.get("type")
    text = value.get("value", "")
    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":
        return BNode(text)
    if kind in ("literal", "typed-literal"):
        if "xml:lang" in value:
            return Literal(text, lang=value["xml:lang"])
        datatype = value.get("datatype")
        if datatype and datatype != _STRING:
            return Literal(text, datatype=URIRef(datatype))
        return Literal(text)
    raise QueryError(f"the store answered with a term pkograph cannot read: {value!r}")


def parse_json(data: bytes | dict[str, Any]) -> Rows | bool:
    """SELECT rows or an ASK answer, from SPARQL JSON results."""
    try:
        tree = json.loads(data) if isinstance(data, bytes) else data
        if "boolean" in tree:
            return bool(tree["boolean"])
        names = list(tree["head"].get("vars", []))
        bindings = tree["results"]["bindings"]
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise QueryError(f"the store's answer is not SPARQL JSON results: {exc}") from None
    # Terms recur across rows (labels, documents, classes): each distinct one is made once.
    made: dict[tuple[Any, ...], Node] = {}

    def shared(value: dict[str, Any]) -> Node:
        key = (value.get("type"), value.get("value"), value.get("xml:lang"),
               value.get("datatype"))
        found = made.get(key)
        if found is None:
            found = made[key] = term(value)
        return found

    return Rows(names, [{n: (shared(b[n]) if n in b else None) for n in names}
                        for b in bindings])


def parse_graph(data: bytes, media_type: str = NTRIPLES) -> Graph:
    """The triples of a CONSTRUCT or DESCRIBE answer."""
    graph = Graph()
    try:
        for t in ox.parse(data, format=GRAPH_FORMATS[media_type]):
            graph.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
    except SyntaxError as exc:
        raise QueryError(f"the store's answer is not {media_type}: {exc}") from None
    return graph


class AnsweringStore:
    """What every store does the same way: prepare the text (one function,
    :func:`pkograph.store.query_text.prepare`), check the query's form, and read the answer
    it gets back as SPARQL JSON results or N-Triples. A store says how it gets the bytes of an
    answer (:meth:`_fetch`)."""

    name: str
    limits: Limits

    def _fetch(self, q: Query, media_type: str, dataset: Dataset) -> Iterable[bytes]:
        raise NotImplementedError

    def _prepare(self, query: str, bindings: Mapping[str, Node] | None,
                 base: str | None = None) -> Query:
        return prepare(query, bindings, self.limits.max_depth, base)

    def _run(self, query: str, bindings: Mapping[str, Node] | None, form: str,
             media_type: str) -> bytes:
        q = self._prepare(query, bindings)
        if q.form != form:
            raise QueryError(f"not {_FORM_NAMES[form]} query")
        return b"".join(self._fetch(q, media_type, ALL_GRAPHS))

    def select(self, query: str, bindings: Mapping[str, Node] | None = None) -> Rows:
        rows = parse_json(self._run(query, bindings, "select", JSON))
        if not isinstance(rows, Rows):
            raise QueryError(f"{self.name} answered a SELECT query with a boolean")
        return rows

    def ask(self, query: str, bindings: Mapping[str, Node] | None = None) -> bool:
        answer = parse_json(self._run(query, bindings, "ask", JSON))
        if not isinstance(answer, bool):
            raise QueryError(f"{self.name} answered an ASK query with rows")
        return answer

    def construct(self, query: str, bindings: Mapping[str, Node] | None = None) -> Graph:
        return parse_graph(self._run(query, bindings, "graph", NTRIPLES))

    def answer(self, query: str, accept: Sequence[str] = (),
               dataset: Dataset = ALL_GRAPHS, base: str | None = None) -> Answer:
        q = self._prepare(query, None, base)
        media_type = choose(q.form, accept)
        return Answer(q.form, media_type, self._fetch(q, media_type, dataset))


_FORM_NAMES = {"select": "a SELECT", "ask": "an ASK", "graph": "a CONSTRUCT or DESCRIBE"}
