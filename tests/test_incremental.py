"""Incremental validation gives exactly what a full validation gives on the new triples' nodes.

A synthetic graph of about 20,000 triples shaped like pkograph data (``bench/synthetic.py``,
fixed seed, with planted violations) and a contribution of new unit deployments (with its own
planted violations, one of which breaks an EXISTING deployment through an inverse path) are
validated both ways: incrementally (the neighbourhood only, SHACL restricted to the focus
nodes) and in full (pyshacl on the whole graph plus the contribution).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from rdflib import Graph
from rdflib.namespace import SH

from pkograph.contribute.findings import finding_key
from pkograph.contribute.read import Delta, read_file
from pkograph.contribute.validate import Outcome, check_contribution
from pkograph.paths import project
from pkograph.shacl import Validation, load_ontology, load_shapes, validate
from pkograph.store.embedded import MemoryStore
from pkograph.terms import read_nquads

ROOT = Path(__file__).resolve().parents[1]
SIZE = 20_000


def _synthetic() -> ModuleType:
    name = "bench_synthetic"
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / "synthetic.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


class Case:
    """The synthetic graph, the contribution, and both validations of it."""

    def __init__(self, folder: Path) -> None:
        synthetic = _synthetic()
        self.graph = synthetic.generate(SIZE)
        self.delta_file = synthetic.delta(self.graph, 300)
        path = folder / "contribution.ttl"
        path.write_text(self.delta_file.turtle, encoding="utf-8")
        proj = project(ROOT)
        self.shapes, self.ontology = load_shapes(proj), load_ontology(proj)
        self.quads = list(read_nquads(self.graph.text().encode("utf-8")))
        self.store = MemoryStore(self.quads)
        delta = Delta(read_file(path, path.name), [path.name])
        self.outcome: Outcome = check_contribution(delta, self.store, self.shapes, self.ontology)
        existing = Graph()
        for s, p, o, _ in self.quads:
            existing.add((s, p, o))
        self.before: Validation = validate(existing, self.shapes, self.ontology)
        union = Graph()
        union += existing
        for placed in self.outcome.placed:
            union.add(placed.quad[:3])
        self.after: Validation = validate(union, self.shapes, self.ontology)

    def incremental_keys(self) -> set[tuple[str, str, str, str]]:
        return {finding_key(f.finding, self.outcome.report) for f in self.outcome.findings
                if not f.finding.rule.startswith(("contribution/", "queries/"))}

    def full_keys(self, validation: Validation) -> set[tuple[str, str, str, str]]:
        focus = set(self.outcome.focus)
        return {finding_key(f, validation.report) for f in validation.findings
                if f.focus in focus}


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> Case:
    return Case(tmp_path_factory.mktemp("incremental"))


def test_synthetic_graph_breaks_only_the_planted_rules(case: Case) -> None:
    assert 19_000 < len(case.quads) < 21_000
    found = sorted((str(f.focus), f.rule) for f in case.before.findings)
    assert found == sorted(case.graph.planted)
    assert len(found) >= 3


def test_incremental_findings_equal_full_findings_on_the_focus_nodes(case: Case) -> None:
    incremental = case.incremental_keys()
    assert incremental == case.full_keys(case.after)
    assert len(incremental) == len(case.delta_file.planted) == 6  # one of each kind


def _results(validation: Validation) -> set[tuple[str, str, str]]:
    """(focus, path, constraint) of the report's results, without the nested details that
    explain them (whose focus is a value)."""
    report = validation.report
    return {(str(report.value(r, SH.focusNode)), str(report.value(r, SH.resultPath)),
             str(report.value(r, SH.sourceConstraintComponent)))
            for r in report.objects(None, SH.result)}


def test_the_contribution_changes_no_finding_outside_its_focus_nodes(case: Case) -> None:
    changed = _results(case.after) ^ _results(case.before)
    focus = {str(f) for f in case.outcome.focus}
    assert changed and {key[0] for key in changed} <= focus


def test_planted_violations_of_the_contribution_are_found_where_written(case: Case) -> None:
    found = sorted((str(f.finding.focus), f.finding.rule) for f in case.outcome.findings)
    assert found == sorted(case.delta_file.planted)
    assert all(f.origin is not None and f.origin.file == "contribution.ttl"
               for f in case.outcome.findings)
    # The existing deployment claimed by a second assignment is a focus node, though the
    # contribution never names it as a subject: its finding points at the claiming triple.
    claimed = next(f for f in case.outcome.findings if f.finding.rule.endswith("MaxCount"))
    assert claimed.origin is not None
    line = case.delta_file.turtle.splitlines()[claimed.origin.line - 1]
    assert f"pko:hasUnitDeployment <{claimed.finding.focus}>" in line


def test_only_a_small_neighbourhood_is_validated(case: Case) -> None:
    assert len(case.outcome.focus) < 150
    assert case.outcome.context_size < len(case.quads) / 4


def test_the_contribution_alone_would_give_false_findings(case: Case) -> None:
    """Why the neighbourhood is needed: without it, references to existing things fail."""
    alone = Graph()
    for placed in case.outcome.placed:
        alone.add(placed.quad[:3])
    result = validate(alone, case.shapes, case.ontology, focus_nodes=case.outcome.focus)
    false = {finding_key(f, result.report) for f in result.findings} - case.incremental_keys()
    assert len(false) > 20
