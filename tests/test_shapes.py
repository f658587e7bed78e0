"""Every shape of ontology/pkograph-shapes.ttl can pass and can fail, on an example of its own.

tests/shapes/<shape>/conforms.ttl must conform to all the shapes; violates.ttl must break only
that shape, with the rules its ``# expect: <shape>/<constraint>`` lines name. The shapes are
the node shapes named ``pkosh:...Shape`` and the named SPARQL constraints; a new shape without
both examples fails ``test_every_shape_has_both_examples``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

from pkograph.namespaces import SHAPES
from pkograph.paths import Project
from pkograph.shacl import Finding, Validation, load_ontology, load_shapes, validate

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "shapes"
EXAMPLES = sorted(CASES.glob("*/*.ttl"))
_EXPECT = re.compile(r"^# expect: (\S+)$", re.MULTILINE)


@pytest.fixture(scope="module")
def project() -> Project:
    return Project(ROOT, ROOT / "build", writable=False)


@pytest.fixture(scope="module")
def shapes(project: Project) -> Graph:
    return load_shapes(project)


@pytest.fixture(scope="module")
def ontology(project: Project) -> Graph:
    return load_ontology(project)


def named_shapes(shapes: Graph) -> set[str]:
    """The local names of the node shapes named ``...Shape`` and of the SPARQL constraints."""
    names = set()
    for kind, suffix in ((SH.NodeShape, "Shape"), (SH.SPARQLConstraint, "")):
        for node in shapes.subjects(RDF.type, kind):
            if isinstance(node, URIRef) and node.startswith(str(SHAPES)):
                name = node[len(str(SHAPES)):]
                if name.endswith(suffix):
                    names.add(name)
    return names


def origin(finding: Finding, result: Validation) -> str:
    """The shape a violation comes from: the named SPARQL constraint, or the node shape."""
    if finding.constraint == "SPARQLConstraintComponent":
        report = result.report
        for node in report.subjects(SH.focusNode, finding.focus):
            constraint = report.value(node, SH.sourceConstraint)
            if isinstance(constraint, URIRef) and constraint.startswith(str(SHAPES)):
                return constraint[len(str(SHAPES)):]
    return finding.rule.split("/", 1)[0]


def top_level(result: Validation) -> list[Finding]:
    """The violations, without the nested results pyshacl adds as ``sh:detail`` of a
    ``sh:node`` or ``sh:or`` violation (they name the helper shape, not the one broken)."""
    report = result.report
    details = {
        (str(report.value(d, SH.focusNode)), str(report.value(d, SH.resultPath)),
         str(report.value(d, SH.value)),
         str(report.value(d, SH.sourceConstraintComponent)).rsplit("#", 1)[-1])
        for d in report.objects(None, SH.detail)}
    return [f for f in result.findings if f.severity == "Violation" and f.key() not in details]


def test_the_examples_are_found() -> None:
    assert len(EXAMPLES) >= 2 * 30


def test_every_shape_has_both_examples(shapes: Graph) -> None:
    names = named_shapes(shapes)
    assert {"SourcedShape", "ItemLineShape", "EndNotBeforeBegin"} <= names
    folders = {p.name for p in CASES.iterdir() if p.is_dir()}
    assert names - folders == set(), "shapes without examples"
    assert folders - names == set(), "examples of no shape"
    for name in names:
        assert {p.name for p in (CASES / name).glob("*.ttl")} == {"conforms.ttl", "violates.ttl"}


@pytest.mark.parametrize("path", EXAMPLES, ids=[f"{p.parent.name}/{p.stem}" for p in EXAMPLES])
def test_example(path: Path, shapes: Graph, ontology: Graph) -> None:
    shape = path.parent.name
    result = validate(Graph().parse(path), shapes, ontology)
    violations = top_level(result)
    shown = "\n".join(f"{f.rule}: {f.focus} {f.message}" for f in violations)
    if path.stem == "conforms":
        assert result.conforms and not violations, shown
        return
    expected = set(_EXPECT.findall(path.read_text(encoding="utf-8")))
    assert expected, f"{path} names no '# expect: <shape>/<constraint>'"
    assert not result.conforms
    assert {origin(f, result) for f in violations} == {shape}, shown
    assert {f.rule for f in violations} == expected, shown
