"""The embedded store: set semantics of the default graph, bindings, refusals, clear errors."""

from __future__ import annotations

import doctest

import pytest
from rdflib import Literal, URIRef

import pkograph.iri
import pkograph.names
import pkograph.store
from pkograph.store import EmbeddedStore, QueryError

S, P = URIRef("https://w3id.org/pkograph/id/person/a"), URIRef("http://example.org/p")
G1, G2 = URIRef("https://w3id.org/pkograph/id/citation/x/l1"), URIRef(
    "https://w3id.org/pkograph/id/citation/x/l2")


@pytest.fixture
def store() -> EmbeddedStore:
    # One fact stated by two citations, and one stated by one.
    return EmbeddedStore([(S, P, Literal("one"), G1), (S, P, Literal("one"), G2),
                          (S, P, Literal("two"), G2)])


def test_a_fact_two_citations_state_is_one_triple(store: EmbeddedStore) -> None:
    rows = store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(str(rows.rows[0]["n"])) == 2
    graphs = store.select('SELECT ?g WHERE { GRAPH ?g { ?s ?p "one" } }')
    assert {r["g"] for r in graphs} == {G1, G2}
    assert len(store) == 3 and len(store.quads()) == 3


def test_parameters_are_bound_as_terms(store: EmbeddedStore) -> None:
    rows = store.select("SELECT ?s ?o WHERE { ?s ?p ?o }", {"o": Literal("two")})
    assert [(r["s"], r["o"]) for r in rows] == [(S, Literal("two"))]
    injected = store.select("SELECT ?s ?o WHERE { ?s ?p ?o }",
                            {"o": Literal('two" } UNION { ?s ?p ?o } #')})
    assert len(injected) == 0


def test_service_is_refused_before_anything_runs(store: EmbeddedStore) -> None:
    with pytest.raises(QueryError, match="SERVICE is refused"):
        store.select("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    with pytest.raises(QueryError, match="SERVICE is refused"):
        store.select("SELECT * WHERE { service silent ?endpoint { ?s ?p ?o } }")
    # the word in a variable, a string or a comment is not a SERVICE clause
    assert len(store.select('SELECT ?service WHERE { ?service ?p ?o FILTER(?o != "SERVICE <x>") }'
                            " # SERVICE <y>")) == 2


def test_errors_are_query_errors_with_the_line_of_the_query(store: EmbeddedStore) -> None:
    with pytest.raises(QueryError, match=r"error at 2:"):
        store.select("SELECT ?s WHERE {\n ?s ?p }")
    with pytest.raises(QueryError):
        store.select("SELECT ?s WHERE { ?s ?p ?o }", {"o": Literal("one")})  # ?o not projected
    with pytest.raises(QueryError, match="not a SELECT"):
        store.select("ASK { ?s ?p ?o }")


@pytest.mark.parametrize("module", [pkograph.iri, pkograph.names, pkograph.store])
def test_docstring_examples(module: object) -> None:
    result = doctest.testmod(module)  # type: ignore[arg-type]
    assert result.attempted > 0 and result.failed == 0
