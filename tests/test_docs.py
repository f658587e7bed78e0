"""The examples in the documentation are true of the built graph."""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import Graph

from pkograph.namespaces import PREFIXES
from pkograph.store.base import GraphStore

ROOT = Path(__file__).resolve().parents[1]
BASE = "https://w3id.org/pkograph/id/"


def _blocks(path: Path, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", path.read_text(encoding="utf-8"), re.DOTALL)


def _prologue() -> str:
    return f"@base <{BASE}> .\n" + "".join(f"@prefix {p}: <{i}> .\n" for p, i in PREFIXES.items())


def test_the_akashi_example_is_in_the_graph(built_store: GraphStore) -> None:
    turtle, trig = _blocks(ROOT / "ontology" / "README.md", "turtle"), _blocks(
        ROOT / "ontology" / "README.md", "trig")
    assert len(turtle) == 1 and len(trig) == 1
    example = Graph().parse(data=_prologue() + turtle[0], format="turtle")
    assert len(example) > 30
    union = built_store.construct("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    missing = [t for t in example if t not in union]
    assert missing == []


def test_the_akashi_question_answers_with_the_booklet(built_store: GraphStore) -> None:
    (query,) = _blocks(ROOT / "ontology" / "README.md", "sparql")
    rows = built_store.select(query)
    assert [str(r["document"]) for r in rows] == [BASE + "document/road-to-peace-2019"]
