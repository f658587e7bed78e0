"""SHACL validation with pyshacl, and its findings in a form people and programs can read.

The shapes (``ontology/*shape*.ttl``) are the one place the rules of a valid record live. The
ontology is given to pyshacl so that ``sh:class`` follows ``rdfs:subClassOf`` (a mission is an
organization). pyshacl changes the shapes graph it is given, so every run gets a fresh copy.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from pyshacl import validate as pyshacl_validate
from pyshacl.shape import Shape
from pyshacl.validator import Validator
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

from pkograph.paths import Project


def shape_files(project: Project) -> list[Path]:
    return sorted(p for p in project.ontology_dir.glob("*.ttl") if "shape" in p.name)


def ontology_files(project: Project) -> list[Path]:
    return sorted(p for p in project.ontology_dir.glob("*.ttl") if "shape" not in p.name)


def _load(paths: Iterable[Path]) -> Graph:
    graph = Graph()
    for path in paths:
        graph.parse(path, format="turtle")
    return graph


def load_shapes(project: Project) -> Graph:
    return _load(shape_files(project))


def load_ontology(project: Project) -> Graph:
    return _load(ontology_files(project))


def class_hierarchy(ontology: Graph) -> Graph:
    """Only the rdfs:subClassOf axioms: what SHACL needs to see that a mission is an
    organization, without validating the ontology's own individuals as data."""
    graph = Graph()
    for triple in ontology.triples((None, RDFS.subClassOf, None)):
        graph.add(triple)
    return graph


@dataclass(frozen=True)
class Finding:
    """One SHACL validation result."""

    focus: Node
    path: Node | None
    value: Node | None
    message: str
    severity: str
    shape: Node | None
    constraint: str
    #: the named shape the result comes from and its constraint, e.g. "ItemLineShape/MinExclusive"
    rule: str = ""

    def key(self) -> tuple[str, str, str, str]:
        """What identifies a finding when two validations are compared."""
        return (str(self.focus), str(self.path), str(self.value), self.constraint)


def _local(node: Node) -> str:
    return str(node).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _rule(shape: Node | None, constraint: str, shapes: Graph) -> str:
    """The name of the named node shape a (possibly blank) property shape belongs to."""
    named = shape
    if shape is not None and not isinstance(shape, URIRef):
        named = shapes.value(None, SH.property, shape) or shapes.value(None, SH.sparql, shape)
    name = _local(named) if isinstance(named, URIRef) else "shape"
    return f"{name}/{constraint.removesuffix('ConstraintComponent')}"


def _findings(report: Graph, shapes: Graph) -> list[Finding]:
    out = []
    # Only the report's own results: nested sh:detail results repeat them from helper shapes.
    for result in report.objects(None, SH.result):
        severity = report.value(result, SH.resultSeverity)
        component = report.value(result, SH.sourceConstraintComponent)
        messages = sorted(str(m) for m in report.objects(result, SH.resultMessage))
        out.append(Finding(
            focus=report.value(result, SH.focusNode),  # type: ignore[arg-type]
            path=report.value(result, SH.resultPath),
            value=report.value(result, SH.value),
            message=messages[0] if messages else "",
            severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
            shape=report.value(result, SH.sourceShape),
            constraint=str(component).rsplit("#", 1)[-1] if component else "",
            rule=_rule(report.value(result, SH.sourceShape),
                       str(component).rsplit("#", 1)[-1] if component else "", shapes),
        ))
    return sorted(out, key=lambda f: (str(f.focus), str(f.path), f.message))


@lru_cache(maxsize=64)
def _parsed(text: str, namespaces: tuple[tuple[str, str], ...]) -> Query:
    return prepareQuery(text, initNs=dict(namespaces))


class _ParsedOnceGraph(Graph):
    """A data graph that parses each SPARQL text once.

    pyshacl sends a SPARQL constraint's text (pkosh:EndNotBeforeBegin) for every focus node
    and rdflib parses it again each time: most of a validation's time. The parsed query,
    evaluated with the same bindings, gives the same answers.
    """

    def query(self, query_object: Any, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        if isinstance(query_object, str) and not kwargs.get("initNs"):
            namespaces = tuple((p, str(ns)) for p, ns in self.namespaces())
            query_object = _parsed(query_object, namespaces)
        return super().query(query_object, *args, **kwargs)


# --- pyshacl's focus_nodes option, made correct and fast ------------------------------------
# pyshacl filters by the given focus nodes in every shape evaluation, nested ones included: a
# value checked against sh:node (a concept's scheme, a date's datatype) is then skipped unless
# it is itself a focus node, and passes. The filter is meant for the nodes a shape targets, so
# evaluations given their focus node (the nested ones) run unfiltered here, as they do in a
# whole-graph validation. And the filter tests membership in a list, taking (targets x focus
# nodes) comparisons; a set gives the same answer.


def _evaluate_without_filter(self: Shape, executor: Any, target_graph: Any, focus: Any = None,
                             _evaluation_path: Any = None) -> Any:
    if focus is None or not executor.focus_nodes:
        return _shape_validate(self, executor, target_graph, focus=focus,
                               _evaluation_path=_evaluation_path)
    chosen, executor.focus_nodes = executor.focus_nodes, None
    try:
        return _shape_validate(self, executor, target_graph, focus=focus,
                               _evaluation_path=_evaluation_path)
    finally:
        executor.focus_nodes = chosen


_shape_validate = Shape.validate
Shape.validate = _evaluate_without_filter  # type: ignore[method-assign]


class _FocusList(list[URIRef]):
    """Focus nodes as pyshacl keeps them (a list), tested for membership as a set."""

    def __init__(self, nodes: Iterable[URIRef]) -> None:
        super().__init__(nodes)
        self._members = frozenset(self)

    def __contains__(self, node: object) -> bool:
        return node in self._members


_make_executor = Validator.make_executor


def _executor_with_focus_set(self: Validator) -> Any:
    executor = _make_executor(self)
    if executor.focus_nodes:
        executor.focus_nodes = _FocusList(executor.focus_nodes)
    return executor


Validator.make_executor = _executor_with_focus_set  # type: ignore[method-assign]


@dataclass
class Validation:
    """The outcome of one validation: conforming or not, the findings and the W3C report."""

    conforms: bool
    findings: list[Finding]
    report: Graph


def validate(data: Graph, shapes: Graph, ontology: Graph,
             focus_nodes: list[URIRef] | None = None) -> Validation:
    """Validate ``data`` against ``shapes``, optionally only the given focus nodes.

    ``ontology`` contributes its class hierarchy only.
    """
    fresh_shapes = Graph()
    for triple in shapes:
        fresh_shapes.add(triple)
    # pyshacl copies the data to mix the class hierarchy in; copying it ourselves into a graph
    # that parses SPARQL once costs the same, and pyshacl then works on that copy in place.
    working = _ParsedOnceGraph()
    working += data
    conforms, report, _ = pyshacl_validate(
        working, shacl_graph=fresh_shapes, ont_graph=class_hierarchy(ontology), inference="none",
        abort_on_first=False, allow_warnings=True, advanced=True, inplace=True,
        focus_nodes=list(focus_nodes) if focus_nodes is not None else None)
    assert isinstance(report, Graph)
    findings = _findings(report, shapes)
    violations = [f for f in findings if f.severity == "Violation"]
    return Validation(bool(conforms) or not violations, findings, report)


def describe(value: Node | None) -> str:
    if value is None:
        return ""
    if isinstance(value, Literal):
        return repr(str(value))
    return str(value)
