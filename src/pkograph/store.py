"""The query layer: a SPARQL store behind one small interface.

``GraphStore`` is what saved queries, name lookup, the CLI and the Python API talk to. The
embedded store runs pyoxigraph in process over the built graph; a store in front of a remote
SPARQL endpoint implements the same three methods, so that every caller gives the same answers
either way. Parameters are bound as RDF terms (SPARQL ``substitutions``), never pasted into the
query text. The default graph is the union of all named graphs (each citation's graph), plus the
ontology, so queries can follow ``rdfs:subClassOf`` and ask ``GRAPH ?citation {...}`` for
provenance. The default graph is loaded as the set of all triples (a fact two citations state is
one triple there), as a triplestore loaded with the merged data would hold it: pyoxigraph's
``use_default_graph_as_union`` would repeat such a triple once per graph and inflate counts.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Node

from pkograph.namespaces import PREFIXES
from pkograph.terms import Quad, from_ox, nquads_lines, to_ox


@dataclass
class Rows:
    """The answer to a SELECT query: variable names and one mapping per solution."""

    variables: list[str]
    rows: list[dict[str, Node | None]] = field(default_factory=list)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, name: str) -> list[Node | None]:
        return [row.get(name) for row in self.rows]


class QueryError(Exception):
    """A query that cannot be parsed or run."""


class GraphStore(Protocol):
    """What every store offers, embedded or remote."""

    def select(self, query: str, bindings: Mapping[str, Node] | None = None) -> Rows: ...

    def ask(self, query: str, bindings: Mapping[str, Node] | None = None) -> bool: ...

    def construct(self, query: str, bindings: Mapping[str, Node] | None = None) -> Graph: ...


def prologue() -> str:
    """PREFIX lines for the project's namespaces, for a store that cannot be given them apart."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


_STRINGS_AND_COMMENTS = re.compile(
    r'""".*?"""|' r"'''.*?'''|" r'"(?:[^"\\\n]|\\.)*"|' r"'(?:[^'\\\n]|\\.)*'|" r"#[^\n]*",
    re.DOTALL)
_SERVICE = re.compile(r"(?<![\w?$:])SERVICE\s+(?:SILENT\s+)?(?:[?$<]|[A-Za-z_][\w.-]*:)",
                      re.IGNORECASE)


def calls_service(query: str) -> bool:
    """Whether a query has a SERVICE clause, which would make the engine reach the network.

    >>> calls_service('SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }')
    True
    >>> calls_service('SELECT ?service { ?service ?p "SERVICE <x>" } # SERVICE <y>')
    False
    """
    return bool(_SERVICE.search(_STRINGS_AND_COMMENTS.sub(" ", query)))


class EmbeddedStore:
    """An in-memory pyoxigraph store over a set of quads."""

    def __init__(self, quads: Iterable[Quad]) -> None:
        self._load("".join(nquads_lines(quads)).encode("utf-8"))

    @classmethod
    def from_nquads(cls, *parts: bytes) -> EmbeddedStore:
        """A store over N-Quads text, read by pyoxigraph directly (no rdflib terms on the way:
        a million quads load in seconds rather than half a minute)."""
        store = cls.__new__(cls)
        store._load(b"".join(parts))
        return store

    def _load(self, nquads: bytes) -> None:
        self._store = ox.Store()
        self._store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
        self._store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
        # pyoxigraph's query parser is not documented as thread-safe; one query at a time.
        self._lock = threading.Lock()

    def __len__(self) -> int:
        """The number of quads in the named graphs."""
        return sum(1 for _ in self._store.quads_for_pattern(None, None, None, None)
                   if not isinstance(_.graph_name, ox.DefaultGraph))

    def _run(self, query: str, bindings: Mapping[str, Node] | None):  # type: ignore[no-untyped-def]
        if calls_service(query):
            raise QueryError("SERVICE is refused: queries run on this graph only and never reach "
                             "the network")
        substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
            ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()}
        try:
            with self._lock:
                return self._store.query(query, prefixes=PREFIXES,
                                         substitutions=substitutions or None)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from None
        except (OSError, RuntimeError) as exc:
            # e.g. a bound variable that the SELECT clause does not project
            raise QueryError(str(exc)) from None

    def select(self, query: str, bindings: Mapping[str, Node] | None = None) -> Rows:
        result = self._run(query, bindings)
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("not a SELECT query")
        names = [v.value for v in result.variables]
        try:
            with self._lock:
                rows = [{n: (from_ox(s[n]) if s[n] is not None else None) for n in names}
                        for s in result]
        except (OSError, RuntimeError) as exc:
            raise QueryError(str(exc)) from None
        return Rows(names, rows)

    def ask(self, query: str, bindings: Mapping[str, Node] | None = None) -> bool:
        result = self._run(query, bindings)
        if not isinstance(result, ox.QueryBoolean):
            raise QueryError("not an ASK query")
        return bool(result)

    def construct(self, query: str, bindings: Mapping[str, Node] | None = None) -> Graph:
        result = self._run(query, bindings)
        if not isinstance(result, ox.QueryTriples):
            raise QueryError("not a CONSTRUCT or DESCRIBE query")
        graph = Graph()
        try:
            with self._lock:
                for t in result:
                    graph.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
        except (OSError, RuntimeError) as exc:
            raise QueryError(str(exc)) from None
        return graph

    def quads(self, graph: URIRef | None = None) -> list[Quad]:
        """Every quad of the named graphs (not the merged default graph), or of one graph."""
        names = ([ox.NamedNode(str(graph))] if graph is not None
                 else list(self._store.named_graphs()))
        return [(from_ox(q.subject), from_ox(q.predicate), from_ox(q.object),
                 URIRef(q.graph_name.value))  # type: ignore[union-attr]
                for name in names for q in self._store.quads_for_pattern(None, None, None, name)]
