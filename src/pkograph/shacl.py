"""SHACL validation with pyshacl, and its findings in a form people and programs can read.

The shapes (``ontology/*shape*.ttl``) are the one place the rules of a valid record live. The
ontology is given to pyshacl so that ``sh:class`` follows ``rdfs:subClassOf`` (a mission is an
organization). pyshacl changes the shapes graph it is given, so every run gets a fresh copy.
pyshacl's validator is adjusted for pkograph's validations only, and only inside ``validate``
(``adjusted_pyshacl``): other uses of pyshacl, in any thread, see it unchanged.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyshacl
from pyshacl.constraints.core.property_pair_constraints import (
    LessThanConstraintComponent,
    LessThanOrEqualsConstraintComponent,
)
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


# --- pyshacl, adjusted for pkograph's validations only ----------------------------------------
# Three adjustments of pyshacl 0.40's internals, in effect only in a thread that is inside
# ``validate`` below (``adjusted_pyshacl``); every other use of pyshacl, in this thread before or
# after, or in another thread at the same time, runs pyshacl unchanged.
#
# 1. pyshacl filters by the given focus nodes in every shape evaluation, nested ones included: a
#    value checked against sh:node (a concept's scheme, a date's datatype) is then skipped unless
#    it is itself a focus node, and passes. The filter is meant for the nodes a shape targets, so
#    evaluations given their focus node (the nested ones) run unfiltered, as they do in a
#    whole-graph validation.
# 2. The filter tests membership in a list, taking (targets x focus nodes) comparisons; a set
#    gives the same answer.
# 3. sh:lessThan and sh:lessThanOrEquals raise a TypeError when a value cannot be compared (an
#    ill-typed literal such as "abc"^^xsd:integer); SHACL makes such a pair a validation result.

#: The pyshacl release (major, minor) whose internals the adjustments are written for.
PYSHACL_RELEASE = (0, 40)


class ShaclUnavailable(RuntimeError):
    """The installed pyshacl is not the release pkograph's validation is written for."""


def check_pyshacl(version: str | None = None) -> None:
    """Raise ShaclUnavailable unless pyshacl is release 0.40.x (see ``PYSHACL_RELEASE``)."""
    found = version if version is not None else pyshacl.__version__
    wanted = ".".join(map(str, PYSHACL_RELEASE))
    try:
        release = tuple(int(part) for part in found.split(".")[:2])
    except ValueError:
        release = ()
    if release != PYSHACL_RELEASE:
        raise ShaclUnavailable(
            f"pyshacl {found} is installed, but pkograph validates with pyshacl {wanted}.x, "
            f"whose internals it adjusts (pkograph.shacl): install it with "
            f"pip install 'pyshacl>={wanted}.1,<{PYSHACL_RELEASE[0]}.{PYSHACL_RELEASE[1] + 1}'")


_inside = threading.local()


def _adjusting() -> bool:
    """Whether this thread is inside pkograph's own validation."""
    return bool(getattr(_inside, "depth", 0))


def _shape_validate(self: Shape, executor: Any, target_graph: Any, focus: Any = None,
                    _evaluation_path: Any = None) -> Any:
    original = _ORIGINALS[(Shape, "validate")]
    if not _adjusting() or focus is None or not executor.focus_nodes:
        return original(self, executor, target_graph, focus=focus,
                        _evaluation_path=_evaluation_path)
    chosen, executor.focus_nodes = executor.focus_nodes, None
    try:
        return original(self, executor, target_graph, focus=focus,
                        _evaluation_path=_evaluation_path)
    finally:
        executor.focus_nodes = chosen


class _FocusList(list[URIRef]):
    """Focus nodes as pyshacl keeps them (a list), tested for membership as a set."""

    def __init__(self, nodes: Iterable[URIRef]) -> None:
        super().__init__(nodes)
        self._members = frozenset(self)

    def __contains__(self, node: object) -> bool:
        return node in self._members


def _make_executor(self: Validator) -> Any:
    executor = _ORIGINALS[(Validator, "make_executor")](self)
    if _adjusting() and executor.focus_nodes:
        executor.focus_nodes = _FocusList(executor.focus_nodes)
    return executor


def _comparing(component: type, name: str) -> Callable[..., Any]:
    """A comparison of value nodes with the values of another property that makes each pair
    that cannot be compared a result, as the SHACL specification says."""

    def compare(self: Any, value_nodes: set[Node], compare_values: set[Node], datagraph: Any,
                focus: Node) -> tuple[bool, list[Any]]:
        original = _ORIGINALS[(component, name)]
        try:
            return original(self, value_nodes, compare_values, datagraph, focus)  # type: ignore[no-any-return]
        except TypeError:
            if not _adjusting():
                raise
        non_conformant, reports = False, []
        for value in value_nodes:
            for other in compare_values:
                try:
                    failed, found = original(self, {value}, {other}, datagraph, focus)
                except TypeError:
                    failed, found = True, [self.make_v_result(datagraph, focus, value_node=value)]
                non_conformant = non_conformant or failed
                reports += found
        return non_conformant, reports

    return compare


_ADJUSTED: dict[tuple[type, str], Callable[..., Any]] = {
    (Shape, "validate"): _shape_validate,
    (Validator, "make_executor"): _make_executor,
    (LessThanConstraintComponent, "_compare_lt"):
        _comparing(LessThanConstraintComponent, "_compare_lt"),
    (LessThanOrEqualsConstraintComponent, "_compare_ltoe"):
        _comparing(LessThanOrEqualsConstraintComponent, "_compare_ltoe"),
}
_ORIGINALS: dict[tuple[type, str], Callable[..., Any]] = {
    key: getattr(*key) for key in _ADJUSTED
}
_installed = threading.Lock()
_users = 0


@contextmanager
def adjusted_pyshacl() -> Iterator[None]:
    """pyshacl with the adjustments above, for this thread, for the duration of the block.

    The adjusted methods are put in place when the first such block starts (in any thread) and
    the originals put back when the last one ends; while in place they behave as the originals
    in every thread that is not inside such a block.
    """
    global _users
    check_pyshacl()
    with _installed:
        if _users == 0:
            for (owner, name), method in _ADJUSTED.items():
                setattr(owner, name, method)
        _users += 1
    _inside.depth = getattr(_inside, "depth", 0) + 1
    try:
        yield
    finally:
        _inside.depth -= 1
        with _installed:
            _users -= 1
            if _users == 0:
                for (owner, name), method in _ORIGINALS.items():
                    setattr(owner, name, method)


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
    # The copy keeps the data's prefixes: SPARQL constraints may use them (sh:prefixes aside).
    working = _ParsedOnceGraph()
    for prefix, namespace in data.namespaces():
        working.bind(prefix, namespace, override=True, replace=True)
    working += data
    with adjusted_pyshacl():
        conforms, report, _ = pyshacl.validate(
            working, shacl_graph=fresh_shapes, ont_graph=class_hierarchy(ontology),
            inference="none", abort_on_first=False, allow_warnings=True, advanced=True,
            inplace=True, focus_nodes=list(focus_nodes) if focus_nodes is not None else None)
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
