"""The quality checks (queries/*-violation.rq) can fail: each finds the fault planted for it.

For every check, tests/data/violations/<check>.nq holds a few bad quads and ``# expect:`` lines
naming terms the check must report. The quads are added to the built graph, the check must
return a row holding each expected term, and on the clean graph it returns nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import URIRef

from pkograph.queries import load_file, run
from pkograph.store.base import GraphStore
from pkograph.store.embedded import MemoryStore
from pkograph.terms import read_nquads

ROOT = Path(__file__).resolve().parents[1]
CHECKS = sorted((ROOT / "queries").glob("*-violation.rq"))
CASES = ROOT / "tests" / "data" / "violations"
_EXPECT = re.compile(r"^# expect: <([^>]+)>$", re.MULTILINE)


def test_there_are_checks() -> None:
    assert len(CHECKS) >= 5


def with_quads(store: GraphStore, data: bytes) -> GraphStore:
    return MemoryStore([*store.quads(), *read_nquads(data)])


@pytest.mark.parametrize("path", CHECKS, ids=[p.stem for p in CHECKS])
def test_check_finds_its_planted_fault(path: Path, built_store: GraphStore) -> None:
    case = CASES / f"{path.stem}.nq"
    assert case.is_file(), f"{path.name} has no bad case in {CASES.name}/"
    data = case.read_bytes()
    expected = {URIRef(iri) for iri in _EXPECT.findall(data.decode())}
    assert expected, f"{case.name} names no '# expect: <iri>'"
    saved = load_file(path)
    assert len(run(built_store, saved)) == 0
    rows = run(with_quads(built_store, data), saved)
    found = {value for row in rows for value in row.values()}
    assert expected <= found, f"{path.stem} missed {sorted(expected - found)}"


def test_facts_in_the_default_graph_have_no_source(built_store: GraphStore) -> None:
    store = MemoryStore(built_store.quads())
    # A store loads named graphs only; a triple in the default graph is added directly.
    store._ox.add(ox.Quad(ox.NamedNode("https://w3id.org/pkograph/id/person/atul-khare"),
                             ox.NamedNode("http://www.w3.org/2004/02/skos/core#altLabel"),
                             ox.Literal("Khare"), ox.DefaultGraph()))
    rows = run(store, load_file(ROOT / "queries" / "unsourced-fact-violation.rq"))
    assert [(str(r["s"]), r["graph"]) for r in rows] == [
        ("https://w3id.org/pkograph/id/person/atul-khare", None)]
