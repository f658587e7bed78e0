"""The W3C RDF 1.1 Turtle and N-Triples syntax suites, driven by their manifests (tests/w3c/).

Every negative syntax test must be refused by ``pkograph validate`` with exit code 2; every
positive syntax and evaluation test must be read by the same reader, and for evaluation tests
the graph read must be isomorphic to the expected N-Triples. The lists come from the manifests,
and a guard checks they are not empty.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from contribute_support import contribution_template
from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.compare import isomorphic
from rdflib.namespace import RDF

from pkograph.cli import cli
from pkograph.contribute.read import ReadError, read_file
from pkograph.terms import from_ox

SUITES = Path(__file__).parent / "w3c"
HOME = "https://w3c.github.io/rdf-tests/rdf/rdf11/"
MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
RDFT = "http://www.w3.org/ns/rdftest#"

__all__ = ["contribution_template"]


def _manifest(suite: str) -> list[tuple[str, str, Path, Path | None]]:
    """(kind, name, action, result) of every entry of a suite's manifest, in order."""
    folder, base = SUITES / suite, f"{HOME}{suite}/"
    graph = Graph()
    for q in ox.parse(path=str(folder / "manifest.ttl"), format=ox.RdfFormat.TURTLE,
                      base_iri=f"{base}manifest.ttl"):
        graph.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
    manifest = next(graph.subjects(RDF.type, URIRef(MF + "Manifest")))
    entries = Collection(graph, graph.value(manifest, URIRef(MF + "entries")))
    tests = []
    for entry in entries:
        kind = str(graph.value(entry, RDF.type)).removeprefix(RDFT)
        action = str(graph.value(entry, URIRef(MF + "action"))).removeprefix(base)
        result = graph.value(entry, URIRef(MF + "result"))
        tests.append((kind, str(graph.value(entry, URIRef(MF + "name"))), folder / action,
                      folder / str(result).removeprefix(base) if result else None))
    return tests


TESTS = _manifest("rdf-turtle") + _manifest("rdf-n-triples")
NEGATIVE = [t for t in TESTS if "Negative" in t[0]]
POSITIVE = [t for t in TESTS if "Positive" in t[0]]
EVALUATION = [t for t in TESTS if t[0].endswith("Eval")]


def _id(test: tuple[str, str, Path, Path | None]) -> str:
    return f"{test[2].parent.name}/{test[1]}"


def _base(path: Path) -> str:
    return f"{HOME}{path.parent.name}/{path.name}"


def test_the_manifests_list_every_kind_of_test() -> None:
    assert (len(NEGATIVE), len(POSITIVE), len(EVALUATION)) == (94 + 29, 74 + 41, 145)
    assert all(t[2].is_file() for t in TESTS)
    assert all(t[3] is not None and t[3].is_file() for t in EVALUATION)


def _read(action: Path) -> Graph:
    """The graph ``pkograph validate`` reads from a test file. Some positive tests are empty or
    hold only directives or comments; the reader refuses a file without triples (a
    contribution must state something), which is no syntax error, so those give the empty
    graph."""
    graph = Graph()
    try:
        statements = read_file(action, action.name, base_iri=_base(action))
    except ReadError as exc:
        assert exc.message in ("the file holds no triples", "the file is empty"), str(exc)
        return graph
    for st in statements:
        graph.add(st.triple)
    return graph


@pytest.mark.parametrize("test", NEGATIVE, ids=_id)
def test_negative_syntax_is_refused_with_exit_2(test: tuple[str, str, Path, Path | None],
                                                contribution_template: Path) -> None:
    _, _, action, _ = test
    result = CliRunner().invoke(cli, ["--project", str(contribution_template), "validate",
                                      "--base", _base(action), str(action)],
                                catch_exceptions=False)
    assert result.exit_code == 2, result.output
    assert f"error: {action}:" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("test", POSITIVE, ids=_id)
def test_positive_syntax_is_read(test: tuple[str, str, Path, Path | None]) -> None:
    _, _, action, _ = test
    graph = _read(action)
    assert len(graph) == len(set(ox.parse(path=str(action), base_iri=_base(action))))


@pytest.mark.parametrize("test", EVALUATION, ids=_id)
def test_evaluation_gives_the_expected_graph(test: tuple[str, str, Path, Path | None]) -> None:
    _, _, action, result = test
    assert result is not None
    expected = Graph()
    for q in ox.parse(path=str(result), format=ox.RdfFormat.N_TRIPLES):
        expected.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
    assert isomorphic(_read(action), expected)
