"""pkograph's validator: pyshacl adjusted for pkograph's own validations, and only for them.

W3C SHACL Core and SHACL-SPARQL cases (``tests/w3c/shacl``) give the results the suite expects,
over the whole graph and for each focus node on its own (the way a contribution is validated),
nested ``sh:node`` shapes included. pyshacl used directly, in the same process or at the same
time in another thread, stays as it is.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pyshacl
import pytest
from click.testing import CliRunner
from contribute_support import contrib_project, contribution_template
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from pkograph import shacl
from pkograph.cli import cli
from pkograph.shacl import ShaclUnavailable, adjusted_pyshacl, check_pyshacl, validate

__all__ = ["contrib_project", "contribution_template"]

ROOT = Path(__file__).resolve().parents[1]
SUITE = ROOT / "tests" / "w3c" / "shacl"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")
XSD_INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#integer")
NODE_002 = Namespace("http://datashapes.org/sh/tests/core/property/node-002.test#")

Key = tuple[str, ...]


def _load(iri: Node) -> Graph:
    graph = Graph()
    graph.parse(Path(str(iri).removeprefix("file://")), format="turtle")
    return graph


def _key(report: Graph, result: Node) -> Key:
    """What a result must match: blank nodes (shapes, paths) only by being blank."""
    def text(node: Node | None) -> str:
        return "_:" if isinstance(node, BNode) else str(node)
    return tuple(text(report.value(result, p)) for p in (
        SH.focusNode, SH.resultPath, SH.value, SH.sourceConstraintComponent, SH.sourceShape,
        SH.resultSeverity))


def _results(report: Graph, focus: Node | None = None) -> list[Key]:
    return sorted(_key(report, r) for r in report.objects(None, SH.result)
                  if focus is None or report.value(r, SH.focusNode) == focus)


class Case:
    def __init__(self, path: Path) -> None:
        manifest = Graph()
        manifest.parse(path, format="turtle")
        test = next(iter(manifest.subjects(RDF.type, SHT.Validate)))
        action, result = manifest.value(test, MF.action), manifest.value(test, MF.result)
        self.data = _load(manifest.value(action, SHT.dataGraph))  # type: ignore[arg-type]
        self.shapes = _load(manifest.value(action, SHT.shapesGraph))  # type: ignore[arg-type]
        self.expected = manifest
        self.result = result
        self.name = str(path.relative_to(SUITE))

    def expected_results(self, focus: Node | None = None) -> list[Key]:
        return sorted(_key(self.expected, r) for r in self.expected.objects(self.result, SH.result)
                      if focus is None or self.expected.value(r, SH.focusNode) == focus)

    def focus_nodes(self) -> set[URIRef]:
        return {f for r in self.expected.objects(self.result, SH.result)
                if isinstance(f := self.expected.value(r, SH.focusNode), URIRef)}


CASES = sorted(p for p in SUITE.rglob("*.ttl") if not p.stem.endswith(("-data", "-shapes")))


@pytest.fixture(params=CASES, ids=lambda p: str(p.relative_to(SUITE)))
def case(request: pytest.FixtureRequest) -> Case:
    return Case(request.param)


def test_the_cases_cover_core_sparql_and_nested_node_shapes() -> None:
    names = {str(p.relative_to(SUITE)) for p in CASES}
    assert {"core/property/node-002.ttl", "core/node/node-001.ttl",
            "sparql/node/prefixes-001.ttl", "sparql/property/sparql-001.ttl"} <= names
    assert len(names) == 18


def test_whole_graph_gives_the_expected_results(case: Case) -> None:
    outcome = validate(case.data, case.shapes, Graph())
    assert _results(outcome.report) == case.expected_results()
    violations = [r for r in case.expected_results() if r[-1] == str(SH.Violation)]
    assert outcome.conforms is (not violations)  # warnings do not fail a pkograph validation


def test_each_focus_node_alone_gives_its_expected_results(case: Case) -> None:
    for focus in case.focus_nodes():
        outcome = validate(case.data, case.shapes, Graph(), focus_nodes=[focus])
        assert _results(outcome.report, focus) == case.expected_results(focus), focus


def test_the_data_graphs_prefixes_reach_sparql_constraints() -> None:
    """prefixes-001: the constraint's query uses ``ex:``, bound in the data graph only."""
    case = Case(SUITE / "sparql" / "node" / "prefixes-001.ttl")
    outcome = validate(case.data, case.shapes, Graph())
    assert [str(f.focus) for f in outcome.findings] == [
        "http://datashapes.org/sh/tests/sparql/node/prefixes-001.test#InvalidResource1"]


def _plain_focus_validation(case: Case) -> bool:
    """pyshacl itself, validating only ex:Reto of node-002 (whose address is invalid)."""
    conforms, _, _ = pyshacl.validate(case.data, shacl_graph=case.shapes,
                                      focus_nodes=[NODE_002.Reto])
    return bool(conforms)


def test_pyshacl_itself_is_left_unchanged() -> None:
    """Importing pkograph.shacl and validating with it changes nothing for pyshacl's users:
    pyshacl still skips a nested sh:node value that is not itself a focus node."""
    case = Case(SUITE / "core" / "property" / "node-002.ttl")
    assert validate(case.data, case.shapes, Graph(), focus_nodes=[NODE_002.Reto]).findings
    assert _plain_focus_validation(case) is True


def test_another_thread_sees_pyshacl_unchanged_while_pkograph_validates() -> None:
    case = Case(SUITE / "core" / "property" / "node-002.ttl")
    inside, done = threading.Event(), threading.Event()

    def pkograph_validation() -> None:
        with adjusted_pyshacl():
            inside.set()
            done.wait(30)

    worker = threading.Thread(target=pkograph_validation)
    worker.start()
    try:
        assert inside.wait(30)
        assert _plain_focus_validation(case) is True
    finally:
        done.set()
        worker.join()


def test_concurrent_validations_each_get_their_own_answer() -> None:
    case = Case(SUITE / "core" / "property" / "node-002.ttl")
    answers: dict[str, list[bool]] = {"pkograph": [], "pyshacl": []}
    start = threading.Barrier(4)

    def pkograph_side() -> None:
        start.wait()
        for _ in range(5):
            found = validate(case.data, case.shapes, Graph(), focus_nodes=[NODE_002.Reto])
            answers["pkograph"].append(not found.findings)

    def pyshacl_side() -> None:
        start.wait()
        for _ in range(5):
            answers["pyshacl"].append(_plain_focus_validation(case))

    threads = [threading.Thread(target=f) for f in (pkograph_side, pkograph_side,
                                                    pyshacl_side, pyshacl_side)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert answers == {"pkograph": [False] * 10, "pyshacl": [True] * 10}


def test_an_ill_typed_literal_compared_with_another_value_is_a_result() -> None:
    """sh:lessThanOrEquals between "abc"^^xsd:integer and 3: a result, not a TypeError."""
    ex = Namespace("urn:example:")
    shapes = Graph()
    prop = BNode()
    shapes.add((ex.S, RDF.type, SH.NodeShape))
    shapes.add((ex.S, SH.targetNode, ex.c))
    shapes.add((ex.S, SH.property, prop))
    shapes.add((prop, SH.path, ex.first))
    shapes.add((prop, SH.lessThanOrEquals, ex.last))
    data = Graph()
    data.add((ex.c, ex.first, Literal("abc", datatype=XSD_INTEGER)))
    data.add((ex.c, ex.first, Literal(2)))
    data.add((ex.c, ex.last, Literal(3)))
    outcome = validate(data, shapes, Graph())
    assert [(f.value, f.constraint) for f in outcome.findings] == [
        (Literal("abc", datatype=XSD_INTEGER), "LessThanOrEqualsConstraintComponent")]


def test_the_pyshacl_release_is_checked() -> None:
    check_pyshacl("0.40.1")
    with pytest.raises(ShaclUnavailable, match=r"pyshacl 0\.41\.0 is installed.*0\.40\.x"):
        check_pyshacl("0.41.0")


@pytest.fixture
def other_pyshacl(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(pyshacl, "__version__", "0.39.2")
    yield


def test_another_pyshacl_release_is_a_clear_error(other_pyshacl: None) -> None:
    case = Case(SUITE / "core" / "node" / "node-001.ttl")
    with pytest.raises(ShaclUnavailable):
        validate(case.data, case.shapes, Graph())
    assert shacl.Shape.validate is shacl._ORIGINALS[(shacl.Shape, "validate")]


def test_the_commands_report_another_pyshacl_release_in_one_line(
        contrib_project: Path, other_pyshacl: None) -> None:
    result = CliRunner().invoke(cli, ["--project", str(contrib_project), "validate",
                                      str(ROOT / "examples" / "contribution-valid.ttl")])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[-1].startswith(
        "error: pyshacl 0.39.2 is installed, but pkograph validates with pyshacl 0.40.x")
