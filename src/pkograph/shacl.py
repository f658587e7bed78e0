"""SHACL validation with pyshacl, and its findings in a form people and programs can read.

The shapes (``ontology/*shape*.ttl``) are the one place the rules of a valid record live. The
ontology is given to pyshacl so that ``sh:class`` follows ``rdfs:subClassOf`` (a mission is an
organization). pyshacl changes the shapes graph it is given, so every run gets a fresh copy.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from pyshacl import validate as pyshacl_validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SH
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
    for result in report.subjects(SH.resultSeverity, None):
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
    conforms, report, _ = pyshacl_validate(
        data, shacl_graph=fresh_shapes, ont_graph=class_hierarchy(ontology), inference="none",
        abort_on_first=False, allow_warnings=True, advanced=True,
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
