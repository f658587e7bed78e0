"""``pkograph coverage``: every source document's contribution is visible, and the floors."""

from __future__ import annotations

from rdflib import URIRef

from pkograph.coverage import FLOORS, coverage, table_rows
from pkograph.store.base import GraphStore

DOCUMENTS = ("road-to-peace-2019", "hisajima-seminar-2022", "mofa-peacebuilding-2007",
             "hrd-action-plan-2004", "khare-statement-2022")
DOC = "https://w3id.org/pkograph/id/document/"


def test_every_document_contributes(built_store: GraphStore) -> None:
    cov = coverage(built_store)
    totals = {str(r["document"]): (int(r["things"]), int(r["triples"]))  # type: ignore[arg-type]
              for r in cov.documents}
    for doc in DOCUMENTS:
        things, triples = totals[DOC + doc]
        assert things >= 10 and triples > things, doc
        assert cov.citations[DOC + doc] >= 5, doc


def test_class_rows_add_up_to_the_document_totals(built_store: GraphStore) -> None:
    cov = coverage(built_store)
    for d in cov.documents:
        parts = [r for r in cov.classes if r["document"] == d["document"]]
        # every triple has one subject, and every subject one most specific class here
        assert sum(int(r["triples"]) for r in parts) >= int(d["triples"])  # type: ignore[arg-type]
        assert sum(int(r["things"]) for r in parts) >= int(d["things"])  # type: ignore[arg-type]
    people = {str(r["document"]) for r in cov.classes if str(r["class"]).endswith("/Person")}
    assert {DOC + d for d in DOCUMENTS} <= people


def test_floors(built_store: GraphStore) -> None:
    floors = coverage(built_store).floors
    assert list(floors) == [name for name, _ in FLOORS]
    assert floors["people"] >= 16
    assert floors["missions"] >= 17
    assert all(n > 0 for n in floors.values()), floors


def test_the_table_starts_each_document_with_its_total(built_store: GraphStore) -> None:
    rows = table_rows(coverage(built_store))
    firsts = [r for r in rows if str(r["class"]).startswith("all (")]
    assert {r["document"] for r in firsts} >= {URIRef(DOC + d) for d in DOCUMENTS}
