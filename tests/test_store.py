"""The stores' shared rules: the union default graph, bindings, refusals, clear errors."""

from __future__ import annotations

import doctest

import pytest
from rdflib import Literal, URIRef

import pkograph.iri
import pkograph.names
import pkograph.store.query_text
import pkograph.store.remote
import pkograph.store.results
from pkograph.store.base import QueryError, Rows
from pkograph.store.embedded import MemoryStore

S, P = URIRef("https://w3id.org/pkograph/id/person/a"), URIRef("http://example.org/p")
G1, G2 = URIRef("https://w3id.org/pkograph/id/citation/x/l1"), URIRef(
    "https://w3id.org/pkograph/id/citation/x/l2")


@pytest.fixture
def store() -> MemoryStore:
    # One fact stated by two citations, and one stated by one.
    return MemoryStore([(S, P, Literal("one"), G1), (S, P, Literal("one"), G2),
                        (S, P, Literal("two"), G2)])


def test_the_default_graph_is_the_union_of_the_graphs_as_a_bag(store: MemoryStore) -> None:
    """As Oxigraph server's and Fuseki's union default graphs: a fact two citations state is
    there twice, so queries count with DISTINCT."""
    assert int(store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0]["n"]) == 3
    distinct = store.select("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT * { ?s ?p ?o } }")
    assert int(distinct.rows[0]["n"]) == 2  # type: ignore[arg-type]
    graphs = store.select('SELECT ?g WHERE { GRAPH ?g { ?s ?p "one" } }')
    assert {r["g"] for r in graphs} == {G1, G2}
    assert len(store) == 3 and len(list(store.quads())) == 3


def test_parameters_are_bound_as_terms(store: MemoryStore) -> None:
    rows = store.select("SELECT DISTINCT ?s ?o WHERE { ?s ?p ?o }", {"o": Literal("two")})
    assert [(r["s"], r["o"]) for r in rows] == [(S, Literal("two"))]
    injected = store.select("SELECT ?s ?o WHERE { ?s ?p ?o }",
                            {"o": Literal('two" } UNION { ?s ?p ?o } #')})
    assert len(injected) == 0


def test_a_parameter_is_bound_inside_the_subqueries_that_use_it(store: MemoryStore) -> None:
    """A subquery is evaluated on its own: a parameter it filters on must be bound inside it,
    or a standard engine filters on an unbound variable and drops every row."""
    query = """SELECT ?o ?wanted WHERE {
      { SELECT DISTINCT ?o ?wanted WHERE { ?s ?p ?o FILTER(?o = ?wanted) } }
    }"""
    rows = store.select(query, {"wanted": Literal("two")})
    assert [(r["o"], r["wanted"]) for r in rows] == [(Literal("two"), Literal("two"))]


def test_an_unbound_optional_parameter_is_not_bound(store: MemoryStore) -> None:
    query = "SELECT DISTINCT ?o WHERE { ?s ?p ?o FILTER(!BOUND(?wanted) || ?o = ?wanted) }"
    assert len(store.select(query)) == 2
    assert len(store.select(query, {"wanted": Literal("one")})) == 1


def test_errors_are_query_errors_with_the_users_line_and_column(store: MemoryStore) -> None:
    with pytest.raises(QueryError, match=r"error at 2:"):
        store.select("SELECT ?s WHERE {\n ?s ?p }")
    with pytest.raises(QueryError, match=r"error at 1:26\b"):  # as the engine counts it alone
        store.select("SELECT ?s WHERE { ?s ?p }")
    with pytest.raises(QueryError, match="not a SELECT"):
        store.select("ASK { ?s ?p ?o }")
    with pytest.raises(QueryError, match="is an update"):
        store.select("INSERT DATA { <urn:a> <urn:b> <urn:c> }")


def test_answers_in_each_media_type(store: MemoryStore) -> None:
    answer = store.answer("SELECT DISTINCT ?o WHERE { ?s ?p ?o } ORDER BY ?o", ["text/csv"])
    assert (answer.form, answer.media_type) == ("select", "text/csv")
    assert b"".join(answer.chunks) == b"o\r\none\r\ntwo\r\n"
    graph = store.answer("CONSTRUCT WHERE { ?s ?p ?o }", ["text/csv", "*/*"])
    assert graph.media_type == "text/turtle"
    from pkograph.store.base import NotAcceptable

    with pytest.raises(NotAcceptable):
        store.answer("ASK { ?s ?p ?o }", ["text/csv"])


def test_the_dataset_named_by_the_query_or_the_protocol_replaces_the_union(
        store: MemoryStore) -> None:
    """FROM and FROM NAMED name the query's dataset (a graph the store does not hold is empty:
    nothing is fetched); the protocol's default-graph-uri and named-graph-uri replace both."""
    from pkograph.store.base import ALL_GRAPHS, Dataset

    def objects(query: str, dataset: Dataset = ALL_GRAPHS) -> list[str]:
        text = b"".join(store.answer(query, ["text/csv"], dataset).chunks).decode()
        return sorted(text.split()[1:])

    everything = "SELECT ?o WHERE { ?s ?p ?o }"
    assert objects(everything) == ["one", "one", "two"]
    assert objects(f"SELECT ?o FROM <{G1}> WHERE {{ ?s ?p ?o }}") == ["one"]
    assert objects("SELECT ?o FROM <http://127.0.0.1:9/elsewhere> WHERE { ?s ?p ?o }") == []
    assert objects(f"SELECT ?o FROM NAMED <{G1}> WHERE {{ ?s ?p ?o }}") == []
    assert objects(f"SELECT ?o FROM <{G1}> WHERE {{ ?s ?p ?o }}",
                   Dataset(default_graphs=(str(G2),))) == ["one", "two"]
    assert objects(everything, Dataset(named_graphs=(str(G1),))) == []
    assert objects("SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } }",
                   Dataset(named_graphs=(str(G1),))) == ["one"]


def test_rows_read_back_as_rdf_terms(store: MemoryStore) -> None:
    rows = store.select('SELECT ?x ?l WHERE { BIND(STRDT("1.5", xsd:decimal) AS ?x) '
                        'BIND("a"@en AS ?l) }')
    assert isinstance(rows, Rows) and rows.variables == ["x", "l"]
    assert rows.rows[0]["x"] == Literal("1.5", datatype=URIRef(
        "http://www.w3.org/2001/XMLSchema#decimal"))
    assert rows.rows[0]["l"] == Literal("a", lang="en")


@pytest.mark.parametrize("module", [pkograph.iri, pkograph.names, pkograph.store.query_text,
                                    pkograph.store.results, pkograph.store.remote])
def test_docstring_examples(module: object) -> None:
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)  # type: ignore[arg-type]
    assert result.attempted > 0 and result.failed == 0
